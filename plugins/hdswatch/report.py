"""The analysis report of one file, exactly as ``shared spec/report.md`` defines it.

In: a path (or a stored extraction) and a reference date. Out: a JSON-ready dict with every field
of the spec, one entry per clause id of the catalogue in force, the alert codes, and ``errors``.
The judgement is that of :mod:`expectations` (GX suites per legal version), configured by the
settings: ``HDSWATCH_POLICY`` and ``HDSWATCH_DEFAULT_NOTICE_DAYS`` (deadline policy, per
establishment) and the imported ANS list of certified hosts (``HDSWATCH_HOSTS_LIST``).

Fields added to the spec's: ``as_of``; ``hds_certificate.referential``; ``clauses[id].required``;
``findings`` (each alert's severity, expectation, legal basis, evidence and French and English
explanation); ``catalogue`` (the legal versions applied, at signature and today); ``judgements``
and ``renewal_must_add`` (what today's law requires that the contract lacks); ``deadlines`` (the
dated alerts with their due dates, an assumed notice flagged).

>>> report = analyse_file(Path("c01.pdf"), as_of=date(2026, 11, 29))   # doctest: +SKIP
>>> report["kind"], len(report["clauses"])                            # doctest: +SKIP
('contract', 23)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from hdswatch.errors import DocumentNotFound

__all__ = [
    "REPORT_FIELDS",
    "Judging",
    "analyse_file",
    "build_report",
    "build_reports",
    "extract_file",
    "judging",
    "reevaluate",
    "reevaluate_many",
]

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


@dataclass(frozen=True)
class Judging:
    """What the rules need besides the extraction: the deadline policies and the host list."""

    policies: Any  # expectations.Policies
    hosts: Any = None  # expectations.HostList | None


_CACHE: dict[tuple[Any, ...], Judging] = {}


def _stamp(path: Path | None) -> tuple[str, float] | None:
    if path is None or not path.is_file():
        return None
    return (str(path), path.stat().st_mtime)


def judging() -> Judging:
    """The policies and host list of the current settings (read again when their files change).
    A bad policy file is a :class:`hdswatch.errors.ConfigError`."""
    from expectations import HostList, HostListError, PolicyError, load_policies
    from hdswatch.errors import ConfigError
    from hdswatch.settings import get_settings

    settings = get_settings()
    key = (_stamp(settings.policy_file), settings.default_notice_days, _stamp(settings.hosts_list))
    if key not in _CACHE:
        try:
            policies = load_policies(settings.policy_file, settings.default_notice_days)
        except PolicyError as exc:
            raise ConfigError(f"HDSWATCH_POLICY={settings.policy_file}: {exc}") from exc
        hosts = None
        if key[2] is not None and settings.hosts_list is not None:
            try:
                hosts = HostList.load(settings.hosts_list)
            except HostListError as exc:
                raise ConfigError(
                    f"HDSWATCH_HOSTS_LIST: {exc} (hdswatch hosts import FILE)"
                ) from exc
        _CACHE.clear()
        _CACHE[key] = Judging(policies, hosts)
    return _CACHE[key]


def analyse_file(path: Path, as_of: date, establishment: str | None = None) -> dict[str, Any]:
    """Read and judge one file. Raises DocumentNotFound when ``path`` is not a file."""
    return build_report(extract_file(path), as_of, establishment=establishment)


def extract_file(path: Path) -> Any:
    """The extraction of one file (an ``extractors.types.Extraction``)."""
    from expectations.catalogue import load_catalogue
    from extractors.extract import extract

    if not path.is_file():
        raise DocumentNotFound(str(path))
    return extract(path, load_catalogue().ids)


def build_report(
    extraction: Any,
    as_of: date,
    *,
    establishment: str | None = None,
    contract_type: str | None = None,
    context: Judging | None = None,
) -> dict[str, Any]:
    """The report of an ``Extraction`` judged at ``as_of``."""
    return build_reports([(extraction, establishment, contract_type)], as_of, context=context)[0]


def build_reports(
    items: Iterable[tuple[Any, str | None, str | None]],
    as_of: date,
    *,
    context: Judging | None = None,
) -> list[dict[str, Any]]:
    """The reports of many ``(extraction, establishment, contract_type)`` judged together: one GX
    validation per legal version in use, not one per document (the nightly audit's way).
    ``contract_type`` (``hds_hosting``, ``dpa``, ``amendment``) overrides what was read."""
    from dataclasses import replace

    from expectations import Subject, evaluate_many

    context = context or judging()
    extractions, subjects = [], []
    for extraction, establishment, contract_type in items:
        if contract_type is not None:
            values = replace(extraction.values, contract_type=contract_type)
            extraction = replace(extraction, values=values)
        extractions.append(extraction)
        subjects.append(Subject(extraction, establishment))
    evaluations = evaluate_many(subjects, as_of, policies=context.policies, hosts=context.hosts)
    return [
        _report(x, e, as_of, s.establishment)
        for x, e, s in zip(extractions, evaluations, subjects, strict=True)
    ]


def _report(
    extraction: Any, evaluation: Any, as_of: date, establishment: str | None
) -> dict[str, Any]:
    v = extraction.values
    analysed = extraction.kind in ("contract", "damaged")
    report = {
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
        "findings": [f.to_dict() for f in evaluation.findings],
        "catalogue": evaluation.catalogue,
        "judgements": evaluation.judgements,
        "renewal_must_add": evaluation.renewal_must_add,
        "deadlines": evaluation.deadlines,
    }
    if establishment is not None:
        report["establishment"] = establishment
    return report


def reevaluate(
    extraction: dict[str, Any],
    as_of: date,
    *,
    establishment: str | None = None,
    contract_type: str | None = None,
) -> dict[str, Any]:
    """The report of a stored extraction (``Extraction.to_dict()``) judged at another date,
    without reading the PDF again."""
    return reevaluate_many([(extraction, establishment, contract_type)], as_of)[0]


def reevaluate_many(
    stored: Sequence[tuple[dict[str, Any], str | None, str | None]], as_of: date
) -> list[dict[str, Any]]:
    """:func:`reevaluate` for many ``(extraction dict, establishment, contract_type)`` at once."""
    from extractors.types import Extraction

    return build_reports(
        [(Extraction.from_dict(data), est, kind) for data, est, kind in stored], as_of
    )
