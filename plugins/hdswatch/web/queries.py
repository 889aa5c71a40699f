"""What a user may see, read from the registry: the queue of contracts with open findings and one
contract with its clauses, findings and documents. Every query is scoped by the user's
establishments (RSSI, auditor and admin see them all); a contract out of scope is
:class:`OutOfScope`, whether it exists or not.

>>> rows = queue(session, user, Filters(severity="critical"), today)   # doctest: +SKIP
>>> rows[0].contract.reference, rows[0].worst                            # doctest: +SKIP
('hebergement-csr', 'critical')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from hdswatch.errors import InputError
from hdswatch.registry.accounts import User
from hdswatch.registry.findings import rank_of
from hdswatch.registry.models import (
    Analysis,
    Contract,
    Document,
    Establishment,
    Finding,
    Host,
    ReviewDecision,
)
from hdswatch.severity import SEVERITIES

__all__ = [
    "ContractView",
    "Filters",
    "OutOfScope",
    "QueueRow",
    "contract_in_scope",
    "contract_view",
    "establishments_of",
    "finding_in_scope",
    "hosts_of",
    "queue",
    "scoped",
]

OPEN_STATES = ("new", "acknowledged", "reopened")


_Q = TypeVar("_Q", bound="Select[*tuple[Any, ...]]")


class OutOfScope(InputError):
    """The contract does not exist, or the user may not see it (the same answer for both)."""


@dataclass(frozen=True)
class Filters:
    establishment: str | None = None
    host: int | None = None
    severity: str | None = None
    state: str | None = None
    within_days: int | None = None


@dataclass
class QueueRow:
    contract: Contract
    findings: list[Finding]

    @property
    def worst(self) -> str:
        return min((f.severity for f in self.findings), key=_severity_rank)

    @property
    def earliest(self) -> date | None:
        dates = [f.due_date for f in self.findings if f.due_date is not None]
        return min(dates) if dates else None

    @property
    def past_due(self) -> bool:
        """An expired certificate or term, or a notice deadline already passed."""
        return any(rank_of(f.code) > 0 for f in self.findings)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


@dataclass
class ContractView:
    contract: Contract
    findings: list[Finding]
    clauses: list[dict[str, Any]]  # clause_id, status, confidence, legal_ref, pages, title …
    documents: list[Document]
    extractions: dict[int, dict[str, Any]]  # document id → latest extraction
    reports: dict[int, dict[str, Any]]  # document id → latest report
    decisions: list[ReviewDecision] = field(default_factory=list)


def _severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def scoped(query: _Q, user: User) -> _Q:
    """``query`` limited to the contracts of the user's establishments (it must select from or
    join :class:`Contract`)."""
    if user.sees_all:
        return query
    ids = [e.id for e in user.establishments]
    return query.where(Contract.establishment_id.in_(ids))


def establishments_of(session: Session, user: User) -> list[Establishment]:
    if user.sees_all:
        return list(session.scalars(select(Establishment).order_by(Establishment.code)))
    return list(user.establishments)


def hosts_of(session: Session, user: User) -> list[Host]:
    query = scoped(select(Host).join(Contract, Contract.host_id == Host.id), user)
    return list(session.scalars(query.distinct().order_by(Host.name)))


def queue(session: Session, user: User, filters: Filters, today: date) -> list[QueueRow]:
    """Contracts with open findings (or the chosen state), most urgent first: past deadlines,
    then the nearest deadline, then the worst severity."""
    states = (filters.state,) if filters.state else OPEN_STATES
    query = scoped(
        select(Finding)
        .join(Contract, Contract.id == Finding.contract_id)
        .join(Establishment, Establishment.id == Contract.establishment_id)
        .where(Finding.state.in_(states))
        .options(selectinload(Finding.contract).selectinload(Contract.establishment)),
        user,
    )
    if filters.establishment:
        query = query.where(Establishment.code == filters.establishment)
    if filters.host is not None:
        query = query.where(Contract.host_id == filters.host)
    if filters.severity:
        query = query.where(Finding.severity == filters.severity)
    if filters.within_days is not None:
        limit = date.fromordinal(today.toordinal() + filters.within_days)
        query = query.where(Finding.due_date.is_not(None), Finding.due_date <= limit)
    rows: dict[int, QueueRow] = {}
    for finding in session.scalars(query.order_by(Finding.id)):
        assert finding.contract is not None  # joined on it
        rows.setdefault(finding.contract.id, QueueRow(finding.contract, [])).findings.append(
            finding
        )
    return sorted(
        rows.values(),
        key=lambda r: (
            not r.past_due,
            r.earliest or date.max,
            _severity_rank(r.worst),
            r.contract.reference,
        ),
    )


def _contract(session: Session, user: User, contract_id: int) -> Contract:
    contract: Contract | None = session.scalar(
        scoped(select(Contract).where(Contract.id == contract_id), user)
    )
    if contract is None:
        raise OutOfScope(f"contrat {contract_id} introuvable / contract {contract_id} not found")
    return contract


def contract_in_scope(session: Session, user: User, contract_id: int) -> Contract:
    """The contract, if the user may see it; else :class:`OutOfScope`."""
    return _contract(session, user, contract_id)


def finding_in_scope(session: Session, user: User, finding_id: int) -> Finding:
    finding = session.get(Finding, finding_id)
    if finding is None or finding.contract_id is None:
        raise OutOfScope(f"constat {finding_id} introuvable / finding {finding_id} not found")
    _contract(session, user, finding.contract_id)
    return finding


def document_in_scope(session: Session, user: User, contract_id: int, document_id: int) -> Document:
    contract = _contract(session, user, contract_id)
    document = session.get(Document, document_id)
    if document is None or document.contract_id != contract.id:
        raise OutOfScope(f"document {document_id} introuvable / document {document_id} not found")
    return document


def contract_view(session: Session, user: User, contract_id: int, lang: str) -> ContractView:
    from expectations.catalogue import load_catalogue

    contract = _contract(session, user, contract_id)
    documents = list(contract.documents)
    extractions: dict[int, dict[str, Any]] = {}
    reports: dict[int, dict[str, Any]] = {}
    for document in documents:
        analysis = session.scalar(
            select(Analysis)
            .where(Analysis.document_id == document.id)
            .order_by(Analysis.id.desc())
            .limit(1)
        )
        if analysis is not None:
            extractions[document.id] = analysis.extraction
            reports[document.id] = analysis.report
    main = next((d for d in documents if d.role == "main" and d.id in reports), None)
    catalogue = load_catalogue()
    clauses = []
    if main is not None:
        for clause_id, clause in reports[main.id].get("clauses", {}).items():
            title = catalogue.get(clause_id).title(lang) if catalogue.has(clause_id) else clause_id
            clauses.append(
                {
                    "clause_id": clause_id,
                    "title": title,
                    "status": clause.get("status"),
                    "confidence": clause.get("confidence"),
                    "legal_ref": clause.get("legal_ref"),
                    "pages": clause.get("pages", []),
                    "document_id": main.id,
                }
            )
    findings = list(
        session.scalars(
            select(Finding)
            .where(Finding.contract_id == contract.id)
            .options(selectinload(Finding.events))
            .order_by(Finding.state == "resolved", Finding.id)
        )
    )
    findings.sort(key=lambda f: (f.state == "resolved", _severity_rank(f.severity), f.id))
    decisions = list(
        session.scalars(
            select(ReviewDecision)
            .where(ReviewDecision.contract_id == contract.id)
            .order_by(ReviewDecision.id)
        )
    )
    return ContractView(contract, findings, clauses, documents, extractions, reports, decisions)


def evidence_of(view: ContractView, finding: Finding) -> dict[str, Any]:
    """The evidence of a finding's clause in its document: ``evidence`` (located quotes),
    ``candidates`` (near misses of a missing clause), ``why`` and the page lines around."""
    extraction = view.extractions.get(finding.document_id, {})
    clause = extraction.get("clauses", {}).get(finding.clause_id or "", {})
    return {
        "evidence": clause.get("evidence", []),
        "candidates": clause.get("candidates", []),
        "why": clause.get("why") or finding.why,
    }
