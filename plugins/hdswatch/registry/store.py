"""Reading and writing the registry: documents by sha256, analyses, and findings with their life.

Every function takes an open session (see :func:`hdswatch.registry.db.session_scope`) and leaves
the commit to the caller, so that one task is one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hdswatch.registry.models import Analysis, Document, Finding
from hdswatch.severity import severity_of

__all__ = [
    "document_by_sha",
    "latest_analyses",
    "record_analysis",
    "record_document",
    "sync_findings",
    "unalerted_findings",
]


def now() -> datetime:
    return datetime.now(UTC)


def document_by_sha(session: Session, sha256: str) -> Document | None:
    return session.scalars(select(Document).where(Document.sha256 == sha256)).first()


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
    )
    session.add(document)
    session.flush()
    return document, True


def record_analysis(
    session: Session,
    document: Document,
    *,
    as_of: date,
    extraction: dict[str, Any],
    report: dict[str, Any],
) -> Analysis:
    analysis = Analysis(
        document_id=document.id, as_of=as_of, created_at=now(), extraction=extraction, report=report
    )
    document.kind = report["kind"]
    session.add(analysis)
    session.flush()
    return analysis


def latest_analyses(session: Session) -> list[Analysis]:
    """The most recent analysis of every document."""
    rows = session.scalars(select(Analysis).order_by(Analysis.document_id, Analysis.id)).all()
    latest: dict[int, Analysis] = {}
    for row in rows:
        latest[row.document_id] = row
    return list(latest.values())


def sync_findings(
    session: Session, document: Document, alerts: Sequence[str], as_of: date
) -> list[Finding]:
    """Make the document's open findings equal to ``alerts``. Returns the findings opened now
    (new codes, and codes that come back after being resolved). A code seen again is not new."""
    existing = {
        f.code: f
        for f in session.scalars(select(Finding).where(Finding.document_id == document.id))
    }
    opened = []
    for code in alerts:
        finding = existing.get(code)
        if finding is None:
            clause_id = (
                code.split(":", 1)[1] if code.startswith(("missing:", "non_compliant:")) else None
            )
            finding = Finding(
                document_id=document.id,
                code=code,
                clause_id=clause_id,
                severity=severity_of(code),
                state="new",
                first_seen_on=as_of,
                last_seen_on=as_of,
            )
            session.add(finding)
            opened.append(finding)
        else:
            finding.last_seen_on = as_of
            if finding.state == "resolved":
                finding.state, finding.alerted_at = "new", None
                opened.append(finding)
    for code, finding in existing.items():
        if code not in alerts and finding.state != "resolved":
            finding.state = "resolved"
    session.flush()
    return opened


def unalerted_findings(session: Session) -> list[Finding]:
    """Open findings no e-mail has announced yet."""
    return list(
        session.scalars(
            select(Finding).where(Finding.state == "new").order_by(Finding.document_id, Finding.id)
        )
    )
