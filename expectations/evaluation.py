"""Judge contracts: their extractions become the rows of the expectation suites, GX validates them
against the catalogue version that applies to each contract, and the failures and the upcoming
deadlines become the report's clauses, dates, alert codes and findings.

:func:`evaluate` judges one document; :func:`evaluate_many` judges many at once (the nightly
audit), with one validation per catalogue version in use rather than one per contract. Both work
on stored extractions: no PDF is read.

>>> evaluation = evaluate(extraction, as_of=date(2026, 11, 29))   # doctest: +SKIP
>>> evaluation.alerts                                              # doctest: +SKIP
['missing:reversibility', 'expiring_30d:hds_certificate']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from expectations.catalogue import Catalogue
from expectations.deadlines import DATE_FIELDS, report_dates
from expectations.findings import Finding, deadline_finding, rule_findings, sort_findings
from expectations.hostlist import HostList
from expectations.policy import Policies, Policy
from expectations.records import Record, Subject, columns, make_record
from expectations.rules import CLAUSE_RULE, contract_rules
from extractors.types import Extraction

__all__ = ["Evaluation", "build_data_docs", "evaluate", "evaluate_many"]

_Failure = tuple[str, str | None, Any]  # rule id, clause id, value


@dataclass
class Evaluation:
    """What the report shows of one document judged at a date."""

    clauses: dict[str, dict[str, Any]] = field(default_factory=dict)
    dates: dict[str, Any] = field(default_factory=lambda: dict.fromkeys(DATE_FIELDS))
    alerts: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    catalogue: dict[str, Any] = field(default_factory=dict)
    judgements: dict[str, dict[str, Any]] = field(default_factory=dict)
    renewal_must_add: list[str] = field(default_factory=list)
    deadlines: list[dict[str, Any]] = field(default_factory=list)


def evaluate(
    extraction: Extraction,
    as_of: date,
    catalogue: Catalogue | None = None,
    *,
    policy: Policy | None = None,
    hosts: HostList | None = None,
    establishment: str | None = None,
) -> Evaluation:
    """Judge one extraction at ``as_of``. ``catalogue`` forces the version the alerts are judged
    against (replaying an old validation); by default it follows the contract's dates."""
    policies = Policies(policy or Policy())
    subject = Subject(extraction, establishment)
    return evaluate_many([subject], as_of, policies=policies, hosts=hosts, catalogue=catalogue)[0]


def evaluate_many(
    subjects: Iterable[Subject | Extraction],
    as_of: date,
    *,
    policies: Policies | None = None,
    hosts: HostList | None = None,
    catalogue: Catalogue | None = None,
) -> list[Evaluation]:
    """Judge every subject at ``as_of``; the evaluations come back in the order given."""
    policies = policies or Policies()
    records = _records(subjects, as_of, policies, hosts, catalogue)
    analysed = [r for r in records if r.analysed]
    applied = _validate(analysed, lambda r: r.applied, as_of, with_clauses=True)
    extra = [r for r in analysed if _rules_added(r.applied, r.today)]
    today = _validate(extra, lambda r: r.today, as_of, with_clauses=False)
    return [_evaluation(r, applied.get(r.key, []), today.get(r.key)) for r in records]


def build_data_docs(
    subjects: Iterable[Subject | Extraction],
    as_of: date,
    folder: Path,
    *,
    policies: Policies | None = None,
    hosts: HostList | None = None,
    run_name: str | None = None,
) -> Path:
    """Validate ``subjects`` at ``as_of`` through GX checkpoints that write Data Docs into
    ``folder``, made to render offline. Returns the site's ``index.html``."""
    from expectations import runner
    from expectations.datadocs import make_offline

    records = _records(subjects, as_of, policies or Policies(), hosts, None)
    groups: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        if record.analysed:
            groups[record.applied.name].append(record)
    folder.mkdir(parents=True, exist_ok=True)
    for group in groups.values():
        clause_columns, contract_columns = columns(group)
        name = run_name or f"hdswatch-{as_of.isoformat()}"
        runner.build_docs(group[0].applied, clause_columns, contract_columns, as_of, folder, name)
    make_offline(folder)
    return folder / "index.html"


def _records(
    subjects: Iterable[Subject | Extraction],
    as_of: date,
    policies: Policies,
    hosts: HostList | None,
    catalogue: Catalogue | None,
) -> list[Record]:
    records, seen = [], set()
    for item in subjects:
        subject = item if isinstance(item, Subject) else Subject(item)
        record = make_record(
            subject, as_of, policies.for_establishment(subject.establishment), hosts
        )
        key, n = record.key, 1
        while key in seen:
            n += 1
            key = f"{record.key} #{n}"
        seen.add(key)
        if key != record.key or catalogue is not None:
            record = replace(record, key=key, applied=catalogue or record.applied)
        records.append(record)
    return records


def _rules_added(applied: Catalogue, today: Catalogue) -> bool:
    """Whether today's version has a clause rule on values that the applied one lacks."""
    return any(r.clause_id and r.id not in applied.rules for r in contract_rules(today))


def _validate(
    records: Sequence[Record], version: Any, as_of: date, with_clauses: bool
) -> dict[str, list[_Failure]]:
    from expectations import runner

    groups: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        groups[version(record).name].append(record)
    out: dict[str, list[_Failure]] = defaultdict(list)
    for group in groups.values():
        clause_columns, contract_columns = columns(group)
        failures = runner.validate(
            version(group[0]), clause_columns if with_clauses else None, contract_columns, as_of
        )
        for failure in failures:
            out[failure.key].append((failure.rule, failure.clause_id, failure.value))
    return out


def _statuses(record: Record, findings: Sequence[Finding]) -> dict[str, tuple[str, str | None]]:
    """Clause id → (final status, why): the status read, made non-compliant by a failed rule."""
    out: dict[str, tuple[str, str | None]] = {}
    for clause in record.today.clauses:
        finding = record.extraction.clauses.get(clause.id)
        out[clause.id] = (finding.status, finding.why) if finding else ("missing", None)
    for f in findings:
        if f.clause_id and f.rule != CLAUSE_RULE and f.suite:
            status, why = out.get(f.clause_id, ("missing", None))
            if status == "missing":
                continue
            reason = f.explanation_fr
            out[f.clause_id] = ("non_compliant", f"{why} {reason}" if why else reason)
    return out


def _judgement(
    record: Record, version: Catalogue, failures: Sequence[_Failure], on: date
) -> dict[str, Any]:
    """Which clauses ``version`` requires that the contract lacks or breaks, on date ``on``."""
    failed = {rule for rule, _, _ in failures}
    broken = {r.clause_id for r in contract_rules(version) if r.clause_id and r.id in failed}
    missing, non_compliant = [], []
    for clause in version.clauses:
        if not clause.required(record.contract_type, on):
            continue
        finding = record.extraction.clauses.get(clause.id)
        status = finding.status if finding else "missing"
        if status == "missing":
            missing.append(clause.id)
        elif status == "non_compliant" or clause.id in broken:
            non_compliant.append(clause.id)
    return {"catalogue": version.name, "missing": missing, "non_compliant": non_compliant}


def _evaluation(
    record: Record, failures: list[_Failure], today_failures: list[_Failure] | None
) -> Evaluation:
    info = {
        "applied": record.applied.name,
        "at_signature": record.at_signature.name,
        "today": record.today.name,
        "signature_basis": record.signature_basis,
        "contract_type": record.contract_type,
        "contract_type_assumed": record.contract_type_assumed,
    }
    if not record.analysed:
        return Evaluation(catalogue=info)
    findings = rule_findings(record, record.applied, failures)
    findings += [deadline_finding(record, d) for d in record.plan.deadlines]
    findings = sort_findings(findings)
    alerts: list[str] = []
    for finding in findings:
        if finding.code not in alerts:
            alerts.append(finding.code)
    statuses = _statuses(record, findings)
    clauses = {}
    for clause in record.today.clauses:
        read = record.extraction.clauses.get(clause.id)
        status, why = statuses[clause.id]
        clauses[clause.id] = {
            "status": status,
            "confidence": read.confidence if read else 0.5,
            "pages": read.pages if read else [],
            "evidence": list(record.evidence(clause.id)),
            "why": why,
            "legal_ref": clause.legal_ref,
            "required": record.required(record.applied, clause.id),
        }
    as_of = record.plan.as_of
    at_signature = _judgement(record, record.at_signature, failures, record.signed or as_of)
    today = _judgement(record, record.today, failures + (today_failures or []), as_of)
    return Evaluation(
        clauses=clauses,
        dates=report_dates(record.extraction.values, record.plan),
        alerts=alerts,
        findings=findings,
        catalogue=info,
        judgements={"at_signature": at_signature, "today": today},
        renewal_must_add=[
            c.id
            for c in record.today.clauses
            if c.id in {*today["missing"], *today["non_compliant"]}
        ],
        deadlines=[
            {
                "code": d.code,
                "subject": d.subject,
                "due": d.due.isoformat(),
                "days": d.days,
                "window": d.window,
                "assumed": d.assumed,
            }
            for d in record.plan.deadlines
        ],
    )
