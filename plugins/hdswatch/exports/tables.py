"""The two tables users export: the contract register and the open findings, one row per
contract or finding, with column titles in French (or English) and typed values (dates stay
dates, numbers stay numbers) for the CSV and XLSX writers.

In: an open registry session. Out: a :class:`Table`.

>>> contracts_table(session, lang="fr").columns[:3]    # doctest: +SKIP
['N°', 'Établissement', 'Nom de l’établissement']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from hdswatch.registry.models import Contract, Document, Establishment, Finding, Host
from hdswatch.severity import SEVERITIES

__all__ = ["STATE_LABELS", "Table", "contracts_table", "findings_table", "review_link"]

STATE_LABELS = {
    "fr": {
        "new": "nouveau",
        "acknowledged": "pris en compte",
        "resolved": "résolu",
        "reopened": "rouvert",
    },
    "en": {s: s for s in ("new", "acknowledged", "resolved", "reopened")},
}
_YES_NO = {"fr": ("oui", "non"), "en": ("yes", "no")}
_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}

_CONTRACT_COLUMNS = (
    ("id", "N°", "No."),
    ("establishment", "Établissement", "Establishment"),
    ("establishment_name", "Nom de l’établissement", "Establishment name"),
    ("reference", "Contrat", "Contract"),
    ("host", "Hébergeur", "Host"),
    ("main_document", "Document principal", "Main document"),
    ("documents", "Documents", "Documents"),
    ("signature_date", "Date de signature", "Signature date"),
    ("effective_date", "Entrée en vigueur", "Effective date"),
    ("end_date", "Fin de la période en cours", "End of current term"),
    ("tacit_renewal", "Reconduction tacite", "Tacit renewal"),
    ("notice_period", "Préavis", "Notice period"),
    ("notice_deadline", "Date limite de préavis", "Notice deadline"),
    ("certificate_expiry", "Expiration du certificat HDS", "HDS certificate expiry"),
    ("certificate_number", "N° de certificat HDS", "HDS certificate number"),
    ("open_findings", "Constats ouverts", "Open findings"),
    ("worst_severity", "Gravité la plus haute", "Highest severity"),
    ("judged_on", "Évalué le", "Judged on"),
    ("link", "Lien", "Link"),
)
_FINDING_COLUMNS = (
    ("id", "N°", "No."),
    ("contract_id", "N° du contrat", "Contract no."),
    ("contract", "Contrat", "Contract"),
    ("document", "Document", "Document"),
    ("establishment", "Établissement", "Establishment"),
    ("severity", "Gravité", "Severity"),
    ("state", "État", "State"),
    ("alert", "Alerte", "Alert"),
    ("code", "Code", "Code"),
    ("legal_ref", "Base légale", "Legal basis"),
    ("why", "Motif", "Reason"),
    ("page", "Page", "Page"),
    ("quote", "Extrait", "Quote"),
    ("due_date", "Échéance", "Due"),
    ("first_seen_on", "Vu la première fois", "First seen"),
    ("last_seen_on", "Vu la dernière fois", "Last seen"),
    ("link", "Lien", "Link"),
)


@dataclass(frozen=True)
class Table:
    name: str  # sheet name
    keys: tuple[str, ...]  # stable column names
    columns: list[str]  # titles in the chosen language
    rows: list[list[Any]]  # str, int, date or None


def review_link(base_url: str | None, path: str) -> str | None:
    """``https://review.example/`` + ``contracts/3`` → ``https://review.example/contracts/3``."""
    return f"{base_url.rstrip('/')}/{path}" if base_url else None


def contracts_table(session: Session, *, lang: str = "fr", base_url: str | None = None) -> Table:
    """Every contract of the register, by establishment then contract."""
    from hdswatch.mail import wording

    open_counts: dict[int, tuple[int, str | None]] = {}
    rows = session.execute(
        select(Finding.contract_id, Finding.severity, func.count())
        .where(Finding.state != "resolved", Finding.contract_id.is_not(None))
        .group_by(Finding.contract_id, Finding.severity)
    )
    for contract_id, severity, count in rows:
        total, worst = open_counts.get(contract_id, (0, None))
        if worst is None or _RANK[severity] < _RANK[worst]:
            worst = severity
        open_counts[contract_id] = (total + count, worst)
    contracts = session.scalars(
        select(Contract)
        .join(Establishment, Establishment.id == Contract.establishment_id)
        .options(
            selectinload(Contract.establishment),
            selectinload(Contract.host),
            selectinload(Contract.documents),
        )
        .order_by(Establishment.code, Contract.reference, Contract.id)
    )
    yes, no = _YES_NO[lang]
    table = []
    for contract in contracts:
        total, worst = open_counts.get(contract.id, (0, None))
        main = next((d for d in contract.documents if d.role == "main"), None)
        host: Host | None = contract.host
        renewal = contract.tacit_renewal
        table.append(
            [
                contract.id,
                contract.establishment.code,
                contract.establishment.name,
                contract.reference,
                host.name if host else None,
                main.file_name if main else None,
                len(contract.documents),
                contract.signature_date,
                contract.effective_date,
                contract.end_date,
                None if renewal is None else (yes if renewal else no),
                contract.notice_period_text,
                contract.notice_deadline,
                contract.hds_certificate_expiry,
                host.certificate_number if host else None,
                total,
                wording.severity_label(worst, lang) if worst else None,
                contract.judged_on,
                review_link(base_url, f"contracts/{contract.id}"),
            ]
        )
    return _table("Contrats" if lang == "fr" else "Contracts", _CONTRACT_COLUMNS, lang, table)


def findings_table(
    session: Session,
    *,
    lang: str = "fr",
    base_url: str | None = None,
    states: Sequence[str] = ("new", "acknowledged", "reopened"),
) -> Table:
    """The findings in ``states`` (the open ones by default), most severe and nearest first."""
    from hdswatch.mail import wording

    query = (
        select(Finding, Contract, Document, Establishment)
        .join(Contract, Contract.id == Finding.contract_id)
        .join(Document, Document.id == Finding.document_id)
        .join(Establishment, Establishment.id == Contract.establishment_id)
        .where(Finding.state.in_(states))
    )
    found = sorted(
        session.execute(query),
        key=lambda r: (_RANK.get(r[0].severity, 9), r[0].due_date or date.max, r[0].id),
    )
    table = []
    for finding, contract, document, establishment in found:
        title = None
        if finding.clause_id:
            title = _clause_title(finding.clause_id, lang)
        table.append(
            [
                finding.id,
                contract.id,
                contract.reference,
                document.file_name,
                establishment.code,
                wording.severity_label(finding.severity, lang),
                STATE_LABELS[lang].get(finding.state, finding.state),
                wording.describe(finding.code, lang, title=title),
                finding.code,
                finding.legal_ref,
                finding.why,
                finding.page,
                finding.quote,
                finding.due_date,
                finding.first_seen_on,
                finding.last_seen_on,
                review_link(base_url, f"findings/{finding.id}"),
            ]
        )
    return _table("Constats" if lang == "fr" else "Findings", _FINDING_COLUMNS, lang, table)


def _clause_title(clause_id: str, lang: str) -> str | None:
    from expectations.catalogue import load_catalogue

    try:
        return load_catalogue().get(clause_id).title(lang)
    except KeyError:
        return None


def _table(
    name: str, spec: Sequence[tuple[str, str, str]], lang: str, rows: list[list[Any]]
) -> Table:
    return Table(
        name=name,
        keys=tuple(key for key, _, _ in spec),
        columns=[fr if lang == "fr" else en for _, fr, en in spec],
        rows=rows,
    )
