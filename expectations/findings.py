"""The product's findings: each failed expectation row and each upcoming deadline of a contract,
linked to the expectation (suite, rule, GX type), the legal basis and the evidence, with a severity
and a short French and English explanation for a non-lawyer.

In: a :class:`expectations.records.Record` and the :class:`expectations.runner.Failure` rows of its
contract. Out: :class:`Finding` objects, in alert order, whose ``code`` is an alert code of the
report spec (``missing:reversibility``, ``expiring_30d:hds_certificate`` …).

>>> finding.code, finding.severity, finding.legal_ref              # doctest: +SKIP
('missing:reversibility', 'critical', 'CSP R.1111-11 I 12° à 14° ; HDS v2 EXI 27 ; RGPD art. 28(3)(g)')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from expectations.catalogue import Catalogue, Severity, load_catalogue
from expectations.deadlines import Deadline
from expectations.records import Record
from expectations.rules import (
    CLAUSE_RULE,
    Rule,
    clause_rules,
    contract_rules,
    expectation_type,
)
from expectations.severity import window_severity

__all__ = ["Finding", "deadline_finding", "french", "rule_findings", "sort_findings"]


def french(text: str) -> str:
    """French typography: no-break space before « : », inside guillemets, typographic apostrophe."""
    return (
        text.replace("'", "\u2019")
        .replace(" :", "\u00a0:")
        .replace(" ;", "\u202f;")
        .replace(" ?", "\u202f?")
        .replace("« ", "«\u00a0")
        .replace(" »", "\u00a0»")
    )


@dataclass(frozen=True)
class Finding:
    code: str
    rule: str  # clause_present, a contract rule id, or deadline.<subject>
    severity: Severity
    legal_ref: str
    catalogue: str
    title_fr: str
    title_en: str
    explanation_fr: str
    explanation_en: str
    suite: str | None = None  # None for a deadline (computed, not an expectation)
    expectation: str | None = None
    clause_id: str | None = None
    evidence: tuple[dict[str, Any], ...] = ()
    due: str | None = None
    assumed: bool = False
    value: Any = None
    rank: tuple[int, int, int] = field(default=(9, 0, 0), compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "rule": self.rule,
            "suite": self.suite,
            "expectation": self.expectation,
            "catalogue": self.catalogue,
            "clause_id": self.clause_id,
            "legal_ref": self.legal_ref,
            "title": {"fr": self.title_fr, "en": self.title_en},
            "explanation": {"fr": self.explanation_fr, "en": self.explanation_en},
            "evidence": list(self.evidence),
            "due": self.due,
            "assumed": self.assumed,
            "value": self.value,
        }


class _Fields(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"


_ORDER = (
    "certificate_expiry_known",
    "certificate_not_expired",
    "deadline.hds_certificate",
    "certificate_referential_current",
    "subprocessors_certified",
    "host_listed",
    "certificate_dates_match_list",
    "activities_covered_by_list",
    "end_date_known",
    "contract_not_expired",
    "deadline.contract",
    "notice_period_known",
    "renewal_term_known",
    "notice_deadline_not_passed",
    "deadline.notice",
)


def _rank(record: Record, rule_id: str, clause_id: str | None) -> tuple[int, int, int]:
    if clause_id is not None:
        ids = record.today.ids
        index = ids.index(clause_id) if clause_id in ids else len(ids)
        return (0, index, 0 if rule_id == CLAUSE_RULE else 1)
    return (1, _ORDER.index(rule_id) if rule_id in _ORDER else len(_ORDER), 0)


def _evidence(
    record: Record, clause_id: str | None, status: str | None = None
) -> tuple[dict[str, Any], ...]:
    if clause_id is None:
        return ()
    finding = record.extraction.clauses.get(clause_id)
    if finding is None:
        return ()
    if finding.evidence or status != "missing":
        return tuple(record.evidence(clause_id))
    return tuple(e.to_dict() for e in finding.candidates)


def _facts(record: Record, rule: Rule, value: Any, params: Mapping[str, Any], lang: str) -> _Fields:
    """The fields of a rule's explanation template, in ``lang``."""
    v, plan, host = record.extraction.values, record.plan, record.host
    fields = _Fields({k: str(p) for k, p in params.items() if k != "legal_ref"})
    if isinstance(params.get("max_hours"), float) and float(params["max_hours"]).is_integer():
        fields["max_hours"] = str(int(params["max_hours"]))
    fields["value"] = "?" if value is None else str(value)
    fields["host"] = v.host or "?"
    fields["list_source"] = host.source if host else "?"
    if host and host.list_expiry:
        fields["list_expiry"] = host.list_expiry.isoformat()
    dates = {
        "certificate_not_expired": v.hds_certificate_expiry,
        "certificate_dates_match_list": v.hds_certificate_expiry,
        "contract_not_expired": plan.term_end.isoformat() if plan.term_end else None,
        "renewal_term_known": plan.term_end.isoformat() if plan.term_end else None,
        "notice_deadline_not_passed": (
            plan.notice_deadline.isoformat() if plan.notice_deadline else None
        ),
    }
    if dates.get(rule.id):
        fields["date"] = str(dates[rule.id])
    if plan.term_end:
        fields["end"] = plan.term_end.isoformat()
    days = plan.notice_assumed_days
    if days is not None:
        fields["assumption"] = (
            f"The notice deadline is computed with an assumed notice of {days} days."
            if lang == "en"
            else f"L'échéance de préavis est calculée avec un délai supposé de {days} jours."
        )
    else:
        fields["assumption"] = (
            "The last day to give notice cannot be computed."
            if lang == "en"
            else "Impossible de calculer la date limite pour le dénoncer."
        )
    return fields


def _severity(record: Record, severity: Severity, rule_id: str, status: str | None) -> Severity:
    if rule_id == CLAUSE_RULE and status == "missing" and record.new_contract:
        return "critical"
    return severity


@cache
def _rules_by_id(name: str) -> dict[str, Rule]:
    catalogue = load_catalogue(name)
    return {r.id: r for r in [*clause_rules(catalogue), *contract_rules(catalogue)]}


def _clause_finding(
    record: Record, catalogue: Catalogue, rule: Rule, clause_id: str, status: str
) -> Finding:
    clause = catalogue.get(clause_id)
    if status == "missing":
        prefix_fr, prefix_en = (
            "Le document ne contient pas cette clause. ",
            "The document lacks this clause. ",
        )
        extra = ""
    else:
        prefix_fr = "La clause est présente mais ne respecte pas la règle. "
        prefix_en = "The clause is there but breaks the rule. "
        read = record.extraction.clauses.get(clause_id)
        extra = f" ({read.why})" if read and read.why else ""
    return Finding(
        code=rule.code.format(status=status, clause_id=clause_id),
        rule=rule.id,
        severity=_severity(record, clause.severity, rule.id, status),
        legal_ref=clause.legal_ref,
        catalogue=catalogue.name,
        title_fr=french(clause.title_fr),
        title_en=clause.title_en,
        explanation_fr=french(prefix_fr + clause.explain_fr + extra),
        explanation_en=prefix_en + clause.explain_en,
        suite=f"{catalogue.name}.clauses",
        expectation=expectation_type(rule.check),
        clause_id=clause_id,
        evidence=_evidence(record, clause_id, status),
        value=status,
        rank=_rank(record, rule.id, clause_id),
    )


def rule_findings(
    record: Record, catalogue: Catalogue, failures: Iterable[tuple[str, str | None, Any]]
) -> list[Finding]:
    """Findings from the failures ``(rule id, clause id, value)`` of one contract against the
    suites of ``catalogue``."""
    rules = _rules_by_id(catalogue.name)
    out = []
    for rule_id, clause_id, value in failures:
        rule = rules[rule_id]
        if rule_id == CLAUSE_RULE and clause_id is not None:
            out.append(_clause_finding(record, catalogue, rule, clause_id, str(value)))
            continue
        params = catalogue.rules.get(rule_id, {})
        out.append(
            Finding(
                code=rule.code,
                rule=rule_id,
                severity=_severity(record, rule.severity, rule_id, None),
                legal_ref=rule.legal_ref,
                catalogue=catalogue.name,
                title_fr=french(rule.title_fr),
                title_en=rule.title_en,
                explanation_fr=french(
                    rule.explain_fr.format_map(_facts(record, rule, value, params, "fr"))
                ),
                explanation_en=rule.explain_en.format_map(
                    _facts(record, rule, value, params, "en")
                ),
                suite=f"{catalogue.name}.contract",
                expectation=expectation_type(rule.check),
                clause_id=rule.clause_id,
                evidence=_evidence(record, rule.evidence_from),
                value=value,
                rank=_rank(record, rule_id, rule.clause_id),
            )
        )
    return out


_DEADLINE_TEXT = {
    "hds_certificate": (
        "Le certificat HDS de l'hébergeur expire le {due} (dans {days} jours) : demandez le "
        "certificat renouvelé avant cette date.",
        "The host's HDS certificate expires on {due} (in {days} days): ask for the renewed "
        "certificate before then.",
        "Échéance du certificat HDS",
        "HDS certificate expiry",
        "certificate_not_expired",
    ),
    "contract": (
        "Le contrat prend fin le {due} (dans {days} jours) sans reconduction tacite : préparez "
        "son renouvellement ou la restitution des données.",
        "The contract ends on {due} (in {days} days) without tacit renewal: prepare its renewal "
        "or the return of the data.",
        "Fin du contrat",
        "End of the contract",
        "contract_not_expired",
    ),
    "notice": (
        "Dernier jour pour dénoncer le contrat avant sa reconduction tacite : le {due} (dans "
        "{days} jours).",
        "Last day to give notice before the contract renews tacitly: {due} (in {days} days).",
        "Date limite de préavis",
        "Notice deadline",
        "notice_deadline_not_passed",
    ),
}


def deadline_finding(record: Record, deadline: Deadline) -> Finding:
    fr, en, title_fr, title_en, legal_rule = _DEADLINE_TEXT[deadline.subject]
    fields = {"due": deadline.due.isoformat(), "days": str(deadline.days)}
    fr, en = fr.format(**fields), en.format(**fields)
    if deadline.assumed:
        days = record.plan.notice_assumed_days
        fr += f" Délai de préavis supposé de {days} jours : le contrat n'en indique pas."
        en += f" Assumed notice of {days} days: the contract states none."
    legal_ref = str(record.applied.rules.get(legal_rule, {}).get("legal_ref", ""))
    rule_id = f"deadline.{deadline.subject}"
    return Finding(
        code=deadline.code,
        rule=rule_id,
        severity=window_severity(deadline.window),
        legal_ref=legal_ref,
        catalogue=record.applied.name,
        title_fr=french(title_fr),
        title_en=title_en,
        explanation_fr=french(fr),
        explanation_en=en,
        evidence=_evidence(
            record, "hds_certificate_scope" if deadline.subject == "hds_certificate" else None
        ),
        due=deadline.due.isoformat(),
        assumed=deadline.assumed,
        rank=_rank(record, rule_id, None),
    )


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: f.rank)
