"""A contract judged as a whole: the reports of its documents (main, annexes, amendments) become
the contract's alerts, each with the facts an e-mail shows, and the contract's dates.

In: ``(document_id, role, report)`` triples, main document first then in order of arrival, each
report a dict of the analysis report spec. Out: a :class:`Judgment`.

- A clause is judged on the last document that contains it (an amendment can mend or break it);
  ``missing:X`` stays only if the main document's report says so and no document contains X.
  Annexes and amendments never give a ``missing:`` alert (they are not whole contracts).
- Every other alert (dates, certificate, sub-processors) comes from the governing document: the
  latest main or amendment whose report gives an end date, else the main document. Its dates are
  the contract's dates.

>>> report = {"alerts": ["missing:reversibility"], "dates": {}, "clauses": {
...     "reversibility": {"status": "missing", "evidence": [], "why": None, "legal_ref": "CSP"}}}
>>> [a.code for a in judge([(1, "main", report)]).alerts]
['missing:reversibility']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from hdswatch.registry.findings import key_of
from hdswatch.severity import severity_of

__all__ = ["AlertFact", "Judgment", "judge"]

_CLAUSE_FAMILIES = ("missing", "non_compliant")
# Alerts that are not about a clause still have evidence in one: the certificate's clause.
_EVIDENCE_CLAUSE = {
    "hds_certificate": "hds_certificate_scope",
    "subprocessor_not_hds_certified": "subcontracting_external_providers",
}
_DUE_FIELD = {"hds_certificate": "hds_certificate_expiry", "contract": "end_date"}
_CERTIFICATE_LAW = "CSP L.1111-8 II"
_QUOTE_LINES = 3


@dataclass(frozen=True)
class AlertFact:
    """One alert of the contract and what to show about it."""

    code: str
    key: str
    severity: str
    document_id: int
    clause_id: str | None = None
    due_date: date | None = None
    legal_ref: str | None = None
    page: int | None = None
    quote: str | None = None
    why: str | None = None


@dataclass(frozen=True)
class Judgment:
    alerts: list[AlertFact]
    dates: dict[str, Any]  # the governing report's "dates"
    host: str | None
    certificate: dict[str, Any]  # the governing report's "hds_certificate"


def judge(documents: Sequence[tuple[int, str, dict[str, Any]]]) -> Judgment:
    """The contract's alerts from its documents' reports (see the module's rules)."""
    if not documents:
        return Judgment([], {}, None, {})
    main_id, _, main = documents[0]
    governing_id, governing = main_id, main
    for document_id, role, report in documents[1:]:
        if role in ("main", "amendment") and (report.get("dates") or {}).get("end_date"):
            governing_id, governing = document_id, report

    alerts: list[AlertFact] = []
    clause_codes = {
        code
        for _, _, report in documents
        for code in report.get("alerts", [])
        if code.partition(":")[0] in _CLAUSE_FAMILIES
    }
    for clause_id in sorted({code.partition(":")[2] for code in clause_codes}):
        fact = _clause_alert(clause_id, documents, main_id, main)
        if fact is not None:
            alerts.append(fact)
    for code in governing.get("alerts", []):
        if code.partition(":")[0] not in _CLAUSE_FAMILIES:
            alerts.append(_other_alert(code, governing_id, governing))
    order = {code: i for i, code in enumerate(_all_codes(documents))}
    alerts.sort(key=lambda a: order.get(a.code, len(order)))
    host = next((r.get("host") for _, _, r in documents if r.get("host")), None)
    certificate = governing.get("hds_certificate") or {}
    return Judgment(alerts, dict(governing.get("dates") or {}), host, certificate)


def _all_codes(documents: Sequence[tuple[int, str, dict[str, Any]]]) -> list[str]:
    seen: dict[str, None] = {}
    for _, _, report in documents:
        for code in report.get("alerts", []):
            seen.setdefault(code, None)
    return list(seen)


def _clause_alert(
    clause_id: str,
    documents: Sequence[tuple[int, str, dict[str, Any]]],
    main_id: int,
    main: dict[str, Any],
) -> AlertFact | None:
    last: tuple[int, dict[str, Any]] | None = None
    for document_id, _, report in documents:
        status = (report.get("clauses") or {}).get(clause_id, {}).get("status")
        if status in ("present", "non_compliant"):
            last = (document_id, report)
    if last is None:
        code = f"missing:{clause_id}"
        return _fact(code, main_id, main, clause_id) if code in main.get("alerts", []) else None
    document_id, report = last
    code = f"non_compliant:{clause_id}"
    return _fact(code, document_id, report, clause_id) if code in report.get("alerts", []) else None


def _other_alert(code: str, document_id: int, report: dict[str, Any]) -> AlertFact:
    family, _, subject = code.partition(":")
    dates = report.get("dates") or {}
    due = dates.get("notice_deadline") if family.startswith("notice_deadline") else None
    if family in ("expired",) or family.startswith("expiring_"):
        due = dates.get(_DUE_FIELD.get(subject, ""))
    evidence_clause = _EVIDENCE_CLAUSE.get(subject) or _EVIDENCE_CLAUSE.get(family)
    fact = _fact(code, document_id, report, evidence_clause, due=due)
    if subject == "hds_certificate":
        fact = replace(fact, legal_ref=_CERTIFICATE_LAW, why=None)
    elif evidence_clause is None:
        fact = replace(fact, legal_ref=None, why=None)
    return fact


def _fact(
    code: str,
    document_id: int,
    report: dict[str, Any],
    clause_id: str | None,
    *,
    due: str | None = None,
) -> AlertFact:
    clause = (report.get("clauses") or {}).get(clause_id or "", {})
    evidence = clause.get("evidence") or []
    is_clause = code.partition(":")[0] in _CLAUSE_FAMILIES
    return AlertFact(
        code=code,
        key=key_of(code),
        severity=severity_of(code),
        document_id=document_id,
        clause_id=clause_id if is_clause else None,
        due_date=date.fromisoformat(due) if due else None,
        legal_ref=clause.get("legal_ref"),
        page=evidence[0]["page"] if evidence else None,
        quote=" ".join(e["text"].strip() for e in evidence[:_QUOTE_LINES]) or None,
        why=clause.get("why") if code.startswith("non_compliant:") else None,
    )
