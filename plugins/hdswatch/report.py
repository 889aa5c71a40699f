"""The analysis report of one file, exactly as ``shared spec/report.md`` defines it.

In: a path and a reference date. Out: a JSON-ready dict with every field of the spec, one entry
per catalogue clause id, the alert codes, and ``errors``.

>>> report = analyse_file(Path("c01.pdf"), as_of=date(2026, 11, 29))   # doctest: +SKIP
>>> report["kind"], len(report["clauses"])                            # doctest: +SKIP
('contract', 23)
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from hdswatch.errors import DocumentNotFound

__all__ = ["REPORT_FIELDS", "analyse_file", "build_report", "extract_file", "reevaluate"]

REPORT_FIELDS = (
    "file",
    "sha256",
    "kind",
    "language",
    "pages",
    "ocr_pages",
    "host",
    "client",
    "dates",
    "hds_certificate",
    "storage_countries",
    "non_eea_access",
    "breach_notification_hours",
    "amendments",
    "clauses",
    "alerts",
    "errors",
)


def analyse_file(path: Path, as_of: date) -> dict[str, Any]:
    """Read and judge one file. Raises DocumentNotFound when ``path`` is not a file."""
    return build_report(extract_file(path), as_of)


def extract_file(path: Path) -> Any:
    """The extraction of one file (an ``extractors.types.Extraction``)."""
    from expectations.catalogue import load_catalogue
    from extractors.extract import extract

    if not path.is_file():
        raise DocumentNotFound(str(path))
    return extract(path, load_catalogue().ids)


def build_report(extraction: Any, as_of: date) -> dict[str, Any]:
    from expectations.rules import evaluate

    evaluation = evaluate(extraction, as_of)
    v = extraction.values
    analysed = extraction.kind in ("contract", "damaged")
    return {
        "file": extraction.file,
        "sha256": extraction.sha256,
        "kind": extraction.kind,
        "language": extraction.language,
        "pages": extraction.pages,
        "ocr_pages": extraction.ocr_pages,
        "host": v.host,
        "client": v.client,
        "dates": evaluation.dates,
        "hds_certificate": {
            "number": v.hds_certificate_number,
            "certifier": v.hds_certifier,
            "scope": list(v.hds_scope),
            "referential": v.hds_referential,
        },
        "storage_countries": list(v.storage_countries),
        "non_eea_access": v.non_eea_access,
        "breach_notification_hours": v.breach_notification_hours,
        "amendments": [
            {"title": a.title, "date": a.date, "changes": list(a.changes)} for a in v.amendments
        ],
        "clauses": evaluation.clauses if analysed else {},
        "alerts": evaluation.alerts,
        "errors": [e.to_dict() for e in extraction.errors],
        "as_of": as_of.isoformat(),
    }


def reevaluate(extraction: dict[str, Any], as_of: date) -> dict[str, Any]:
    """The report of a stored extraction (``Extraction.to_dict()``) judged at another date,
    without reading the PDF again."""
    from extractors.types import Extraction

    return build_report(Extraction.from_dict(extraction), as_of)
