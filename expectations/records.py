"""One contract's facts judged at a reference date, and its rows in the two tables the suites
validate: one row per clause (``CLAUSE_COLUMNS``) and one row per contract (``CONTRACT_COLUMNS``).

In: a :class:`Subject` (an :class:`extractors.types.Extraction`, its establishment), the reference
date, the deadline policy and the imported host list. Out: a :class:`Record` with the catalogue
versions it is judged against, its dates (:class:`expectations.deadlines.Schedule`) and its rows.
No PDF is read: a stored extraction is enough.

>>> record = make_record(Subject(extraction), date(2026, 11, 29), Policy(), None)  # doctest: +SKIP
>>> record.applied.name, record.contract_row()["renews_tacitly"]                   # doctest: +SKIP
('hds_contract.hds_v2_2024.v1', True)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from expectations.catalogue import (
    CONTRACT_TYPES,
    DEFAULT_CONTRACT_TYPE,
    Catalogue,
    applicable,
    in_force_on,
)
from expectations.deadlines import V2_REQUIRED_FROM, Schedule, schedule
from expectations.hostcheck import HostCheck, check_host
from expectations.hostlist import HostList
from expectations.policy import Policy
from extractors.countries import is_eea
from extractors.types import Extraction

__all__ = [
    "ANALYSED_KINDS",
    "CLAUSE_COLUMNS",
    "CONTRACT_COLUMNS",
    "Record",
    "Subject",
    "columns",
    "make_record",
]

ANALYSED_KINDS = ("contract", "damaged")

#: column → kind (str, category = a str of few values, bool, float, date, flag = bool or null)
#: of the clause table.
CLAUSE_COLUMNS: dict[str, str] = {
    "contract": "category",
    "clause_id": "category",
    "status": "category",
    "required": "bool",
}
#: column → kind of the contract table.
CONTRACT_COLUMNS: dict[str, str] = {
    "contract": "str",
    "establishment": "str",
    "contract_type": "str",
    "host": "str",
    "hds_certificate_expiry": "date",
    "hds_referential": "str",
    "v2_certificate_required": "bool",
    "subprocessors_not_certified": "str",
    "hosting_locations_stated": "bool",
    "storage_outside_eea": "str",
    "breach_notification_stated": "bool",
    "breach_notification_hours": "float",
    "end_date": "date",
    "term_end": "date",
    "renews_tacitly": "bool",
    "renewal_term_months": "float",
    "term_running": "bool",
    "notice_period_days": "float",
    "notice_deadline": "date",
    "host_in_ans_list": "flag",
    "certificate_expiry_in_ans_list": "date",
    "certificate_dates_gap_days": "float",
    "activities_not_in_ans_list": "str",
}


@dataclass(frozen=True)
class Subject:
    """What to judge: an extraction, the establishment it belongs to, and an optional key (by
    default ``"<file> [<sha256[:8]>]"``)."""

    extraction: Extraction
    establishment: str | None = None
    key: str | None = None


@dataclass(frozen=True)
class Record:
    key: str
    extraction: Extraction
    establishment: str | None
    contract_type: str
    contract_type_assumed: bool
    signed: date | None
    signature_basis: str  # signature_date | effective_date | unknown
    applied: Catalogue
    at_signature: Catalogue
    today: Catalogue
    plan: Schedule
    policy: Policy
    host: HostCheck | None
    new_contract: bool

    @cached_property
    def _evidence(self) -> dict[str, list[dict[str, Any]]]:
        return {k: [e.to_dict() for e in f.evidence] for k, f in self.extraction.clauses.items()}

    def evidence(self, clause_id: str) -> list[dict[str, Any]]:
        """The evidence of a clause, as the report writes it (read once per record)."""
        return self._evidence.get(clause_id, [])

    @property
    def analysed(self) -> bool:
        return self.extraction.kind in ANALYSED_KINDS

    def status(self, clause_id: str) -> str:
        finding = self.extraction.clauses.get(clause_id)
        return finding.status if finding else "missing"

    def required(self, catalogue: Catalogue, clause_id: str) -> bool:
        if not catalogue.has(clause_id):
            return False
        return catalogue.get(clause_id).required(self.contract_type, self.plan.as_of)

    def clause_rows(self) -> list[tuple[str, str, bool]]:
        """(clause id, status as read, required by the applied version), for every clause of
        today's version."""
        return [
            (c.id, self.status(c.id), self.required(self.applied, c.id)) for c in self.today.clauses
        ]

    def contract_row(self) -> dict[str, Any]:
        v = self.extraction.values
        plan = self.plan
        outside = [c for c in v.storage_countries if not is_eea(c)]
        host = self.host
        missing_activities = host.missing_activities if host and host.listed else None
        return {
            "contract": self.key,
            "establishment": self.establishment,
            "contract_type": self.contract_type,
            "host": v.host,
            "hds_certificate_expiry": plan.certificate_expiry,
            "hds_referential": v.hds_referential,
            # a v1.x certificate is still accepted on the deadline itself, refused after it
            "v2_certificate_required": plan.as_of > _v2_required_from(self.applied),
            "subprocessors_not_certified": ", ".join(v.subprocessors_not_certified) or None,
            "hosting_locations_stated": self.status("hosting_locations") != "missing",
            "storage_outside_eea": ", ".join(outside) or None,
            "breach_notification_stated": self.status("breach_notification_to_controller")
            != "missing",
            "breach_notification_hours": v.breach_notification_hours,
            "end_date": plan.end_date,
            "term_end": plan.term_end,
            "renews_tacitly": plan.renews_tacitly,
            "renewal_term_months": plan.renewal_months,
            "term_running": plan.term_running,
            "notice_period_days": plan.notice_days,
            "notice_deadline": plan.notice_deadline if plan.renews_tacitly else None,
            "host_in_ans_list": host.listed if host else None,
            "certificate_expiry_in_ans_list": host.list_expiry if host else None,
            "certificate_dates_gap_days": host.gap_days if host else None,
            "activities_not_in_ans_list": ", ".join(missing_activities or ()) or None,
        }


def _v2_required_from(catalogue: Catalogue) -> date:
    params = catalogue.rules.get("certificate_referential_current", {})
    value = params.get("required_from")
    return date.fromisoformat(str(value)) if value else V2_REQUIRED_FROM


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def make_record(
    subject: Subject, as_of: date, policy: Policy, hosts: HostList | None, key: str | None = None
) -> Record:
    extraction = subject.extraction
    values = extraction.values
    signed, basis = _iso(values.signature_date), "signature_date"
    if signed is None:
        signed, basis = _iso(values.effective_date), "effective_date"
    if signed is None:
        basis = "unknown"
    declared = values.contract_type
    contract_type = declared if declared in CONTRACT_TYPES else DEFAULT_CONTRACT_TYPE
    plan = schedule(values, as_of, policy.windows, policy.default_notice_days)
    new = signed is not None and signed >= as_of - timedelta(days=policy.new_contract_days)
    return Record(
        key=key or subject.key or f"{extraction.file} [{extraction.sha256[:8]}]",
        extraction=extraction,
        establishment=subject.establishment,
        contract_type=contract_type,
        contract_type_assumed=declared not in CONTRACT_TYPES,
        signed=signed,
        signature_basis=basis,
        applied=applicable(signed, as_of),
        at_signature=in_force_on(signed or as_of),
        today=in_force_on(as_of),
        plan=plan,
        policy=policy,
        host=check_host(values, hosts),
        new_contract=new,
    )


def columns(records: Sequence[Record]) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    """The clause table and the contract table of ``records``, column by column."""
    clauses: dict[str, list[Any]] = {name: [] for name in CLAUSE_COLUMNS}
    contracts: dict[str, list[Any]] = {name: [] for name in CONTRACT_COLUMNS}
    for record in records:
        for clause_id, status, required in record.clause_rows():
            clauses["contract"].append(record.key)
            clauses["clause_id"].append(clause_id)
            clauses["status"].append(status)
            clauses["required"].append(required)
        row = record.contract_row()
        for name in CONTRACT_COLUMNS:
            contracts[name].append(row[name])
    return clauses, contracts
