"""Reading and writing the registry: establishments, hosts, contracts and their documents (by
sha256), analyses and analysis runs.

Every function takes an open session (see :func:`hdswatch.registry.db.session_scope`) and leaves
the commit to the caller, so that one task is one transaction. The life of findings is in
:mod:`hdswatch.registry.findings`.

>>> role_of("Avenant n°2 - prolongation.pdf"), role_of("annexe-SLA.pdf"), role_of("contrat.pdf")
('amendment', 'annex', 'main')
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hdswatch.registry.models import (
    Analysis,
    AnalysisRun,
    Contract,
    Document,
    Establishment,
    Host,
)

__all__ = [
    "attach_document",
    "document_by_sha",
    "establishment",
    "finish_run",
    "fold",
    "host_named",
    "latest_extractions",
    "lock_establishment",
    "now",
    "record_analysis",
    "record_document",
    "role_of",
    "start_run",
    "update_register",
]

_Row = TypeVar("_Row", Establishment, Host)
_AMENDMENT = re.compile(r"\b(avenant|amendment|addendum|amendement)")
_ANNEX = re.compile(r"\b(annexe?|appendix|schedule|exhibit)")


def now() -> datetime:
    return datetime.now(UTC)


def fold(text: str) -> str:
    """Lower case, no accents, single spaces: ``"Nuage  Santé"`` → ``"nuage sante"``."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(plain.casefold().split())


def role_of(file_name: str) -> str:
    """``amendment``, ``annex`` or ``main``, from the words of a file name."""
    words = fold(re.sub(r"[_\-.]+", " ", file_name))
    if _AMENDMENT.search(words):
        return "amendment"
    if _ANNEX.search(words):
        return "annex"
    return "main"


def document_by_sha(session: Session, sha256: str) -> Document | None:
    return session.scalars(select(Document).where(Document.sha256 == sha256)).first()


def lock_establishment(session: Session, code: str) -> None:
    """Hold, until the transaction ends, the establishment's lock: documents of one
    establishment are stored one at a time across workers, so two documents of one contract
    folder never create two contracts. PostgreSQL only (an advisory lock); SQLite already lets
    one writer at a time."""
    if session.get_bind().dialect.name != "postgresql":
        return
    key = int.from_bytes(
        hashlib.sha256(f"hdswatch:{code}".encode()).digest()[:8], "big", signed=True
    )
    session.execute(select(func.pg_advisory_xact_lock(key)))


def establishment(session: Session, code: str) -> Establishment:
    """The establishment with this code, created (named after its code) if unknown."""
    query = select(Establishment).where(Establishment.code == code)
    return _get_or_create(session, query, lambda: Establishment(code=code, name=code))


def _get_or_create(session: Session, query: Select[tuple[_Row]], make: Callable[[], _Row]) -> _Row:
    """The row ``query`` finds, else the one ``make()`` builds, inserted in a savepoint: when
    another transaction inserts the same unique key meanwhile, its row is returned instead."""
    found = session.scalars(query).first()
    if found is not None:
        return found
    row = make()
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return session.scalars(query).one()
    return row


def record_document(
    session: Session,
    *,
    sha256: str,
    file_name: str,
    stored_path: str,
    establishment: str,
    size_bytes: int,
) -> tuple[Document, bool]:
    """The document with this sha256, created if new. Returns (document, created)."""
    existing = document_by_sha(session, sha256)
    if existing is not None:
        return existing, False
    document = Document(
        sha256=sha256,
        file_name=file_name,
        stored_path=stored_path,
        establishment_code=establishment,
        size_bytes=size_bytes,
        received_at=now(),
        role="main",
    )
    session.add(document)
    session.flush()
    return document, True


def attach_document(session: Session, document: Document, folder: str | None) -> Contract:
    """Put a document in its contract. Documents of one inbox sub-folder (``folder``) are one
    contract: the first main-looking file is its main document, the others annexes or
    amendments by their names (a second main-looking file counts as an amendment). A file with
    no sub-folder is a contract of its own; a sub-folder named after a single-file contract
    (``contrat.pdf`` → ``contrat/``) adds documents to that contract."""
    if document.contract is not None:
        return document.contract
    owner = establishment(session, document.establishment_code)
    contract = None
    if folder:
        contract = session.scalars(
            select(Contract)
            .where(
                Contract.establishment_id == owner.id,
                Contract.reference == folder,
                Contract.grouped.is_(True),
            )
            .order_by(Contract.id)
        ).first()
        if contract is None:  # a document added to a single-file contract (see web.uploads)
            contract = session.scalars(
                select(Contract)
                .where(
                    Contract.establishment_id == owner.id,
                    Contract.grouped.is_(False),
                    func.lower(Contract.reference).in_([f"{folder}.pdf".lower(), folder.lower()]),
                )
                .order_by(Contract.id)
            ).first()
    role = role_of(document.file_name)
    if contract is None:
        contract = Contract(
            establishment=owner,
            reference=(folder or document.file_name)[:255],
            grouped=bool(folder),
            created_at=now(),
        )
        session.add(contract)
        role = "main" if role == "main" or not folder else role
    elif role == "main" and any(d.role == "main" for d in contract.documents):
        role = "amendment"
    document.contract, document.role = contract, role
    session.flush()
    return contract


def record_analysis(
    session: Session,
    document: Document,
    *,
    as_of: date,
    extraction: dict[str, Any],
    report: dict[str, Any],
    run: AnalysisRun | None = None,
) -> Analysis:
    analysis = Analysis(
        document_id=document.id,
        run_id=run.id if run else None,
        as_of=as_of,
        created_at=now(),
        extraction=extraction,
        report=report,
    )
    document.kind = report["kind"]
    session.add(analysis)
    session.flush()
    return analysis


def latest_extractions(
    session: Session, contract_ids: Sequence[int]
) -> list[tuple[Document, dict[str, Any]]]:
    """The latest extraction of every document of these contracts, main documents first, then
    in order of arrival."""
    latest = (
        select(func.max(Analysis.id))
        .join(Document, Document.id == Analysis.document_id)
        .where(Document.contract_id.in_(contract_ids))
        .group_by(Analysis.document_id)
    )
    rows = session.execute(
        select(Document, Analysis.extraction)
        .join(Analysis, Analysis.document_id == Document.id)
        .where(Analysis.id.in_(latest))
        .order_by(Document.contract_id, Document.role != "main", Document.id)
    )
    return [(document, extraction) for document, extraction in rows]


def host_named(session: Session, name: str | None) -> Host | None:
    """The host with this name (matched without case, accents or extra spaces), created if new."""
    if not name or not name.strip():
        return None
    key = fold(name)[:255]
    query = select(Host).where(Host.name_key == key)
    return _get_or_create(
        session, query, lambda: Host(name=" ".join(name.split())[:255], name_key=key)
    )


def update_register(
    contract: Contract,
    dates: dict[str, Any],
    host: Host | None,
    certificate: dict[str, Any],
    as_of: date,
) -> None:
    """Write the judged dates on the contract (and the certificate on its host)."""

    def day(name: str) -> date | None:
        value = dates.get(name)
        return date.fromisoformat(value) if value else None

    contract.judged_on = as_of
    contract.signature_date = day("signature_date")
    contract.effective_date = day("effective_date")
    contract.end_date = day("end_date")
    contract.tacit_renewal = dates.get("tacit_renewal")
    contract.notice_period_text = (dates.get("notice_period_text") or None) and str(
        dates["notice_period_text"]
    )[:255]
    contract.notice_deadline = day("notice_deadline")
    contract.hds_certificate_expiry = day("hds_certificate_expiry")
    if host is not None:
        contract.host = host
        host.certificate_expiry = contract.hds_certificate_expiry or host.certificate_expiry
        host.certificate_number = certificate.get("number") or host.certificate_number
        host.certifier = certificate.get("certifier") or host.certifier
        host.referential = certificate.get("referential") or host.referential


def start_run(session: Session, kind: str, as_of: date) -> AnalysisRun:
    run = AnalysisRun(
        kind=kind,
        as_of=as_of,
        started_at=now(),
        contracts=0,
        opened=0,
        escalated=0,
        reopened=0,
        resolved=0,
    )
    session.add(run)
    session.flush()
    return run


def finish_run(run: AnalysisRun, **counts: int) -> None:
    for name, value in counts.items():
        setattr(run, name, value)
    run.finished_at = now()
