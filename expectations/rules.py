"""The legal rules applied to an extraction: final clause statuses, the report's dates and the
alert codes of the report spec, computed against an explicit reference date.

In: an :class:`extractors.types.Extraction`, ``as_of`` and the catalogue. Out: an
:class:`Evaluation` whose fields go straight into the report.

>>> evaluation = evaluate(extraction, as_of=date(2026, 11, 29))   # doctest: +SKIP
>>> evaluation.alerts                                              # doctest: +SKIP
['missing:reversibility', 'expiring_30d:hds_certificate']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from expectations.catalogue import Catalogue, load_catalogue
from expectations.deadlines import (
    V2_REQUIRED_FROM,
    current_term,
    dated_alert,
    notice_deadline,
    window,
)
from extractors.countries import is_eea
from extractors.types import ClauseFinding, Extraction

__all__ = ["BREACH_MAX_HOURS", "Evaluation", "evaluate"]

BREACH_MAX_HOURS = 72
ANALYSED_KINDS = ("contract", "damaged")


@dataclass
class Evaluation:
    clauses: dict[str, dict[str, Any]] = field(default_factory=dict)
    dates: dict[str, Any] = field(default_factory=dict)
    alerts: list[str] = field(default_factory=list)

    def add(self, code: str | None) -> None:
        if code and code not in self.alerts:
            self.alerts.append(code)


def evaluate(extraction: Extraction, as_of: date, catalogue: Catalogue | None = None) -> Evaluation:
    catalogue = catalogue or load_catalogue()
    result = Evaluation(dates=_empty_dates())
    if extraction.kind not in ANALYSED_KINDS:
        return result
    for rule in catalogue.clauses:
        finding = extraction.clauses.get(rule.id) or ClauseFinding(rule.id, "missing", 0.5)
        status, why = finding.status, finding.why
        breach = _breach(extraction, rule.id, status)
        if breach:
            status, why = "non_compliant", breach
        result.clauses[rule.id] = {
            "status": status,
            "confidence": finding.confidence,
            "pages": finding.pages,
            "evidence": [e.to_dict() for e in finding.evidence],
            "why": why,
            "legal_ref": rule.legal_ref,
        }
        if status == "missing":
            result.add(f"missing:{rule.id}")
        elif status == "non_compliant":
            result.add(f"non_compliant:{rule.id}")
    _dates(extraction, as_of, result)
    return result


def _breach(extraction: Extraction, clause_id: str, status: str) -> str | None:
    """Why a present clause breaks the rule, from the values read (None when it does not)."""
    values = extraction.values
    if status == "missing":
        return None
    if clause_id == "hosting_locations":
        outside = [c for c in values.storage_countries if not is_eea(c)]
        if outside:
            return (
                "Stockage hors de l'Espace économique européen : "
                + ", ".join(outside)
                + " (HDS v2 EXI 28 exige un stockage exclusivement dans l'EEE)."
            )
    if clause_id == "breach_notification_to_controller":
        hours = values.breach_notification_hours
        if hours is not None and hours > BREACH_MAX_HOURS:
            return (
                f"Délai de notification des violations de {hours} heures, supérieur à "
                f"{BREACH_MAX_HOURS} heures (RGPD art. 33)."
            )
    return None


def _empty_dates() -> dict[str, Any]:
    return {
        k: None
        for k in (
            "signature_date",
            "effective_date",
            "end_date",
            "initial_term_months",
            "tacit_renewal",
            "renewal_term_months",
            "notice_period_days",
            "notice_period_text",
            "notice_deadline",
            "hds_certificate_expiry",
        )
    }


def _dates(extraction: Extraction, as_of: date, result: Evaluation) -> None:
    v = extraction.values
    d = result.dates
    d["signature_date"] = v.signature_date
    d["effective_date"] = v.effective_date
    d["initial_term_months"] = v.initial_term.months if v.initial_term else None
    d["tacit_renewal"] = v.tacit_renewal
    renewal_months = v.renewal_term.months if v.renewal_term else None
    if v.tacit_renewal and renewal_months is None and v.initial_term is not None:
        renewal_months = v.initial_term.months  # renewed "for the same period"
    d["renewal_term_months"] = v.renewal_term.months if v.renewal_term else None
    d["notice_period_days"] = v.notice_period.days if v.notice_period else None
    d["notice_period_text"] = v.notice_period.text if v.notice_period else None
    d["hds_certificate_expiry"] = v.hds_certificate_expiry

    if v.hds_certificate_expiry:
        result.add(
            dated_alert(
                "expiring", "hds_certificate", as_of, date.fromisoformat(v.hds_certificate_expiry)
            )
        )
    else:
        result.add("unknown:hds_certificate_expiry")
    if v.hds_referential == "v1.1" and as_of >= V2_REQUIRED_FROM:
        result.add("outdated_referential:hds_certificate")
    if v.subprocessors_not_certified:
        result.add("subprocessor_not_hds_certified")

    if v.end_date is None:
        result.add("unknown:end_date")
        return
    term = current_term(date.fromisoformat(v.end_date), as_of, v.tacit_renewal, renewal_months)
    d["end_date"] = term.end.isoformat()
    if v.tacit_renewal:
        if v.notice_period is None:
            result.add("unknown:notice_period_days")
            return
        deadline = notice_deadline(term.end, v.notice_period.amount, v.notice_period.unit)
        d["notice_deadline"] = deadline.isoformat()
        if deadline < as_of:
            result.add("notice_deadline_passed")
        else:
            size = window(as_of, deadline)
            if size:
                result.add(f"notice_deadline_within_{size}d")
    else:
        result.add(dated_alert("expiring", "contract", as_of, term.end))
