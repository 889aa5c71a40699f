"""Forget a contract on request: the contract, its documents and everything derived from them.

In: the settings, a contract id or a document's sha256, who asks. Out: :class:`Forgotten`, what
was deleted. Deleted, in one transaction: the contract's documents, their analyses
(extractions, reports), the contract's findings and their events, review decisions, the e-mails
of the outbox that announced one of its findings or name one of its documents, the S3 inbox
records of its objects; then the files under ``HDSWATCH_HOME``: JSON reports, staging files,
local copies of S3 objects, quarantined copies, and any file named after a document's sha256.

Kept: the access log (append-only; it receives one ``forget`` entry with the contract id and the
number of documents, never a file name or a hash), the establishment, the host. The customer's
original in the inbox folder is deleted only with ``delete_original=True``; an object in the
customer's bucket is never deleted. On SQLite the database file is vacuumed afterwards, so the
deleted rows do not linger in free pages.

>>> forget(get_settings(), contract_id=3, by="dpo@chb.example")   # doctest: +SKIP
Forgotten(contract_id=3, documents=2, analyses=2, findings=5, emails=1, files=4)
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, or_, select, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from hdswatch.errors import InputError
from hdswatch.registry.accounts import AccessLog
from hdswatch.registry.db import connect, session_scope
from hdswatch.registry.models import (
    Analysis,
    Contract,
    Document,
    Email,
    EmailFinding,
    Finding,
    FindingEvent,
    ReviewDecision,
    S3Object,
)
from hdswatch.registry.store import now
from hdswatch.settings import Settings

log = logging.getLogger(__name__)

__all__ = ["Forgotten", "forget", "resolve_target"]


@dataclass
class Forgotten:
    contract_id: int | None = None
    documents: int = 0
    analyses: int = 0
    findings: int = 0
    emails: int = 0
    files: int = 0
    kept_originals: list[str] = field(default_factory=list)


def resolve_target(
    session: Session, contract_id: int | None, sha256: str | None
) -> tuple[int | None, list[Document]]:
    """The contract id (None for a document attached to no contract) and its documents."""
    if (contract_id is None) == (sha256 is None):
        raise InputError("donnez --contract ou --sha256 / give --contract or --sha256")
    if sha256 is not None:
        document = session.scalar(select(Document).where(Document.sha256 == sha256.lower()))
        if document is None:
            raise InputError(f"aucun document {sha256} / no such document")
        if document.contract_id is None:
            return None, [document]
        contract_id = document.contract_id
    contract = session.get(Contract, contract_id)
    if contract is None:
        raise InputError(f"aucun contrat {contract_id} / no such contract")
    documents = list(session.scalars(select(Document).where(Document.contract_id == contract.id)))
    return contract.id, documents


def forget(
    settings: Settings,
    *,
    contract_id: int | None = None,
    sha256: str | None = None,
    by: str,
    delete_original: bool = False,
) -> Forgotten:
    """Delete the contract (or the lone document) and all its derived data; see the module."""
    result = Forgotten()
    with session_scope(settings.db_url) as session:
        result.contract_id, documents = resolve_target(session, contract_id, sha256)
        doc_ids = [d.id for d in documents]
        shas = [d.sha256 for d in documents]
        names = [d.file_name for d in documents]
        paths = [Path(d.stored_path) for d in documents]
        finding_filter: ColumnElement[bool] = Finding.document_id.in_(doc_ids)
        if result.contract_id is not None:
            finding_filter = or_(finding_filter, Finding.contract_id == result.contract_id)
        finding_ids = list(session.scalars(select(Finding.id).where(finding_filter)))
        email_ids = set(
            session.scalars(
                select(EmailFinding.email_id).where(EmailFinding.finding_id.in_(finding_ids))
            )
        )
        for mark in [*shas, *(s[:16] for s in shas), *names]:
            email_ids.update(
                session.scalars(
                    select(Email.id).where(
                        or_(
                            Email.subject.contains(mark, autoescape=True),
                            Email.body_text.contains(mark, autoescape=True),
                            Email.body_html.contains(mark, autoescape=True),
                        )
                    )
                )
            )
        s3_rows = list(
            session.scalars(
                select(S3Object).where(
                    or_(S3Object.document_id.in_(doc_ids), S3Object.sha256.in_(shas))
                )
            )
        )
        local_copies = [Path(r.local_path) for r in s3_rows if r.local_path]
        session.execute(delete(EmailFinding).where(EmailFinding.email_id.in_(email_ids)))
        session.execute(delete(EmailFinding).where(EmailFinding.finding_id.in_(finding_ids)))
        result.emails = _count(session.execute(delete(Email).where(Email.id.in_(email_ids))))
        session.execute(delete(FindingEvent).where(FindingEvent.finding_id.in_(finding_ids)))
        decisions = delete(ReviewDecision).where(ReviewDecision.finding_id.in_(finding_ids))
        session.execute(decisions)
        if result.contract_id is not None:
            session.execute(
                delete(ReviewDecision).where(ReviewDecision.contract_id == result.contract_id)
            )
        result.findings = _count(
            session.execute(delete(Finding).where(Finding.id.in_(finding_ids)))
        )
        session.execute(delete(S3Object).where(S3Object.id.in_([r.id for r in s3_rows])))
        result.analyses = _count(
            session.execute(delete(Analysis).where(Analysis.document_id.in_(doc_ids)))
        )
        result.documents = _count(session.execute(delete(Document).where(Document.id.in_(doc_ids))))
        if result.contract_id is not None:
            session.execute(delete(Contract).where(Contract.id == result.contract_id))
        session.add(
            AccessLog(
                at=now(),
                login=by,
                action="forget",
                contract_id=result.contract_id,
                detail=f"documents {len(doc_ids)}",
            )
        )
    result.files = _delete_files(settings, shas, paths, local_copies, delete_original, result)
    _compact(settings.db_url)
    log.info(
        "forgot contract %s: %d document(s), %d file(s)",
        result.contract_id,
        result.documents,
        result.files,
    )
    return result


def _count(outcome: object) -> int:
    return int(getattr(outcome, "rowcount", 0) or 0)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _delete_files(
    settings: Settings,
    shas: list[str],
    stored: list[Path],
    local_copies: list[Path],
    delete_original: bool,
    result: Forgotten,
) -> int:
    home = settings.home
    doomed: set[Path] = set()
    for path in [*stored, *local_copies]:
        if _inside(path, settings.inbox):
            if delete_original:
                doomed.add(path)
            else:
                result.kept_originals.append(str(path))
        elif _inside(path, home):
            doomed.add(path)
    for folder in {home, settings.reports}:
        if not folder.is_dir():
            continue
        for path in folder.rglob("*"):
            if not path.is_file() or (_inside(path, settings.inbox) and not delete_original):
                continue
            if any(sha in path.name or sha[:16] in path.name for sha in shas):
                doomed.add(path)
    removed = 0
    for path in sorted(doomed):
        if path.is_file():
            path.unlink()
            removed += 1
    return removed


def _compact(db_url: str) -> None:
    """SQLite keeps deleted rows in free pages and in its WAL: rewrite the file."""
    if not db_url.startswith("sqlite"):
        return
    with connect(db_url).connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        conn.execute(text("VACUUM"))
        conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
