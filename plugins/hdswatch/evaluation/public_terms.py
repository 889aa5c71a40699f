"""What hdswatch says about real, public cloud terms and DPAs (texts without PDFs).

In: a folder of ``.txt`` documents (``../shared/corpus/public_terms/``). Each text is cut into
pseudo-pages of 50 lines and analysed like a contract (clauses and values, before the legal
rules). Out, per document: its kind, how many clauses are present / missing / non-compliant, the
non-compliant ones with their reason and quote, and the values read (parties, dates, renewal,
notice, storage countries, breach delay). Judging whether hdswatch is right is left to a reader
of the documents: see ``docs/accuracy.md``.

    python -m hdswatch.evaluation.public_terms ../shared/corpus/public_terms/ [--quotes]

>>> summary_line("x.txt", {"present": 3, "missing": 20, "non_compliant": 0})
'x.txt: present 3, missing 20, non_compliant 0'
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from hdswatch.evaluation.textdoc import text_document

__all__ = ["analyse_text", "main", "summary_line"]


def analyse_text(path: Path) -> object:
    """The extraction of one text file (an ``extractors.types.Extraction``)."""
    from expectations.catalogue import load_catalogue
    from extractors.extract import extract_document

    document = text_document(path.read_text("utf-8"))
    return extract_document(document, path.name, "", load_catalogue().ids)


def summary_line(name: str, counts: dict[str, int]) -> str:
    return f"{name}: " + ", ".join(
        f"{k} {counts.get(k, 0)}" for k in ("present", "missing", "non_compliant")
    )


def main(argv: list[str] | None = None) -> None:
    args = argv if argv is not None else sys.argv[1:]
    folder, quotes = Path(args[0]), "--quotes" in args
    for path in sorted(folder.glob("*.txt")):
        extraction = analyse_text(path)
        clauses = extraction.clauses  # type: ignore[attr-defined]
        values = extraction.values  # type: ignore[attr-defined]
        counts = Counter(f.status for f in clauses.values())
        print(
            summary_line(path.name, dict(counts)) + f" (kind {extraction.kind}, "  # type: ignore[attr-defined]
            f"{extraction.pages} pseudo-pages)"
        )  # type: ignore[attr-defined]
        print(
            f"  host={values.host!r} client={values.client!r} signature={values.signature_date} "
            f"effective={values.effective_date} end={values.end_date} tacit={values.tacit_renewal} "
            f"notice={values.notice_period.text if values.notice_period else None} "
            f"countries={values.storage_countries} non_eea_access={values.non_eea_access} "
            f"breach_hours={values.breach_notification_hours}"
        )
        missing = sorted(k for k, f in clauses.items() if f.status == "missing")
        print(f"  missing: {', '.join(missing)}")
        for clause_id, finding in clauses.items():
            if finding.status == "non_compliant":
                quote = finding.evidence[0].text if finding.evidence else ""
                print(f"  NON_COMPLIANT {clause_id}: {finding.why} « {quote} » p.{finding.pages}")
            elif quotes and finding.status == "present":
                quote = finding.evidence[0].text if finding.evidence else ""
                print(f"  present {clause_id} p.{finding.pages}: « {quote[:100]} »")


if __name__ == "__main__":
    main()
