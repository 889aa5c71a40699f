"""Tables of the registry database (SQLAlchemy 2 declarative models).

    Establishment ─┬─ Contact                       each establishment is autonomous: its DPO, its contacts
                   └─ Contract ─┬─ Document ── Analysis ── AnalysisRun
                       │  Host ─┘   (main, annex, amendment; one document per sha256)
                       ├─ Finding ── FindingEvent   a finding has a life: new, acknowledged, resolved, reopened
                       │     └────── EmailFinding ── Email (the outbox: every e-mail, before it is sent)
                       └─ ReviewDecision            what a person decided on the review page

Documents are keyed by the sha256 of their bytes (the same file twice is one document); each
ingest analysis keeps the extraction, so a contract can be judged again at a new date without
reading the PDF. A contract carries the register's dates as of its last judgment. A finding is
one concern about one contract (``key``): an escalation changes its ``code`` and bumps its
``revision``; it is announced again when ``announced_revision`` is behind ``revision``.

>>> sorted(Base.metadata.tables)[:4]
['analyses', 'analysis_runs', 'contacts', 'contracts']
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = [
    "Analysis",
    "AnalysisRun",
    "Base",
    "Contact",
    "Contract",
    "Document",
    "Email",
    "EmailFinding",
    "Establishment",
    "Finding",
    "FindingEvent",
    "Host",
    "ReviewDecision",
    "S3Object",
]

STATES = ("new", "acknowledged", "resolved", "reopened")
ROLES = ("main", "annex", "amendment")
DECISIONS = ("confirmed", "false_positive", "accepted_risk", "fixed")
OBJECT_STATES = ("seen", "duplicate", "processed", "quarantined", "gone")


class Base(DeclarativeBase):
    pass


class Establishment(Base):
    __tablename__ = "establishments"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    dpo_email: Mapped[str | None] = mapped_column(String(255))
    dpo_name: Mapped[str | None] = mapped_column(String(255))
    lang: Mapped[str | None] = mapped_column(String(2))  # the DPO's language; None: the default
    contacts: Mapped[list[Contact]] = relationship(
        back_populates="establishment", cascade="all, delete-orphan", order_by="Contact.id"
    )

    @property
    def label(self) -> str:
        """``"Clinique Saint-Roch (CSR)"``, or the code alone when no name is known."""
        return self.code if self.name in ("", self.code) else f"{self.name} ({self.code})"


class Contact(Base):
    __tablename__ = "contacts"
    __table_args__ = (UniqueConstraint("establishment_id", "email", name="uq_contact_email"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    establishment_id: Mapped[int] = mapped_column(
        ForeignKey("establishments.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str | None] = mapped_column(String(255))
    email: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(64))  # free words: legal, purchasing, rssi_local …
    lang: Mapped[str | None] = mapped_column(String(2))
    digest: Mapped[bool] = mapped_column(
        Boolean, default=False
    )  # receives the establishment's e-mails
    establishment: Mapped[Establishment] = relationship(back_populates="contacts")


class Host(Base):
    __tablename__ = "hosts"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    name_key: Mapped[str] = mapped_column(String(255), unique=True)  # folded, for matching
    certificate_number: Mapped[str | None] = mapped_column(String(128))
    certifier: Mapped[str | None] = mapped_column(String(255))
    referential: Mapped[str | None] = mapped_column(String(32))
    certificate_expiry: Mapped[date | None] = mapped_column(Date)


class Contract(Base):
    __tablename__ = "contracts"
    id: Mapped[int] = mapped_column(primary_key=True)
    establishment_id: Mapped[int] = mapped_column(ForeignKey("establishments.id"), index=True)
    host_id: Mapped[int | None] = mapped_column(ForeignKey("hosts.id"), index=True)
    reference: Mapped[str] = mapped_column(String(255))  # inbox sub-folder, or the main file name
    grouped: Mapped[bool] = mapped_column(Boolean, default=False)  # documents share a sub-folder
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # The register, as of ``judged_on``: the dates of the governing document.
    judged_on: Mapped[date | None] = mapped_column(Date)
    signature_date: Mapped[date | None] = mapped_column(Date)
    effective_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    tacit_renewal: Mapped[bool | None] = mapped_column(Boolean)
    notice_period_text: Mapped[str | None] = mapped_column(String(255))
    notice_deadline: Mapped[date | None] = mapped_column(Date)
    hds_certificate_expiry: Mapped[date | None] = mapped_column(Date)
    establishment: Mapped[Establishment] = relationship()
    host: Mapped[Host | None] = relationship()
    documents: Mapped[list[Document]] = relationship(
        back_populates="contract", order_by="Document.id"
    )


class Document(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    file_name: Mapped[str] = mapped_column(String(512))
    stored_path: Mapped[str] = mapped_column(Text)
    establishment_code: Mapped[str] = mapped_column(String(64), index=True)
    size_bytes: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str | None] = mapped_column(String(32))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    contract_id: Mapped[int | None] = mapped_column(
        ForeignKey("contracts.id", ondelete="SET NULL"), index=True
    )
    role: Mapped[str] = mapped_column(String(16), default="main")  # main | annex | amendment
    # Set while the document cannot be processed (encrypted, empty, unreadable, stopped by a
    # parsing limit): the first error code of its report. Cleared when a new analysis reads it.
    quarantined_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    quarantine_reason: Mapped[str | None] = mapped_column(String(64))
    contract: Mapped[Contract | None] = relationship(back_populates="documents")
    analyses: Mapped[list[Analysis]] = relationship(
        back_populates="document", order_by="Analysis.id"
    )


class AnalysisRun(Base):
    """One execution that judged contracts: the ingest of a document, or a nightly audit."""

    __tablename__ = "analysis_runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # ingest | audit
    as_of: Mapped[date] = mapped_column(Date)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    contracts: Mapped[int] = mapped_column(Integer, default=0)
    opened: Mapped[int] = mapped_column(Integer, default=0)
    escalated: Mapped[int] = mapped_column(Integer, default=0)
    reopened: Mapped[int] = mapped_column(Integer, default=0)
    resolved: Mapped[int] = mapped_column(Integer, default=0)


class Analysis(Base):
    __tablename__ = "analyses"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    run_id: Mapped[int | None] = mapped_column(
        ForeignKey("analysis_runs.id", ondelete="SET NULL"), index=True
    )
    as_of: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    extraction: Mapped[dict[str, Any]] = mapped_column(JSON)
    report: Mapped[dict[str, Any]] = mapped_column(JSON)
    document: Mapped[Document] = relationship(back_populates="analyses")


class Finding(Base):
    __tablename__ = "findings"
    __table_args__ = (UniqueConstraint("contract_id", "key", name="uq_finding_contract_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int | None] = mapped_column(
        ForeignKey("contracts.id", ondelete="CASCADE"), index=True
    )
    document_id: Mapped[int] = mapped_column(  # the document the evidence comes from
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(128))  # what the finding is about: see findings.key_of
    code: Mapped[str] = mapped_column(String(128))  # the alert code, as of the last judgment
    clause_id: Mapped[str | None] = mapped_column(String(64))
    severity: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16), default="new")  # see STATES
    state_changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    state_changed_by: Mapped[str | None] = mapped_column(String(255))
    revision: Mapped[int] = mapped_column(Integer, default=1)  # +1 when it escalates or reopens
    announced_revision: Mapped[int] = mapped_column(Integer, default=0)
    first_seen_on: Mapped[date] = mapped_column(Date)
    last_seen_on: Mapped[date] = mapped_column(Date)
    alerted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    due_date: Mapped[date | None] = mapped_column(Date)
    legal_ref: Mapped[str | None] = mapped_column(Text)
    page: Mapped[int | None] = mapped_column(Integer)
    quote: Mapped[str | None] = mapped_column(Text)
    why: Mapped[str | None] = mapped_column(Text)
    contract: Mapped[Contract | None] = relationship()
    document: Mapped[Document] = relationship()
    events: Mapped[list[FindingEvent]] = relationship(
        back_populates="finding", order_by="FindingEvent.id", cascade="all, delete-orphan"
    )


class FindingEvent(Base):
    """One step in a finding's life: who, when, what became of it."""

    __tablename__ = "finding_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    finding_id: Mapped[int] = mapped_column(
        ForeignKey("findings.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    by: Mapped[str] = mapped_column(String(255))  # "hdswatch" for the nightly audit, else a person
    event: Mapped[str] = mapped_column(
        String(16)
    )  # opened acknowledged resolved reopened escalated changed
    state: Mapped[str] = mapped_column(String(16))  # the state after the event
    code: Mapped[str] = mapped_column(String(128))
    severity: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)
    finding: Mapped[Finding] = relationship(back_populates="events")


class ReviewDecision(Base):
    """What a reviewer decided about a contract, one of its findings or one of its clauses."""

    __tablename__ = "review_decisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(
        ForeignKey("contracts.id", ondelete="CASCADE"), index=True
    )
    finding_id: Mapped[int | None] = mapped_column(
        ForeignKey("findings.id", ondelete="SET NULL"), index=True
    )
    clause_id: Mapped[str | None] = mapped_column(String(64))
    decision: Mapped[str] = mapped_column(String(32))  # see DECISIONS
    comment: Mapped[str | None] = mapped_column(Text)
    # A finding marked wrong: the clause's status and page according to the reviewer.
    correct_status: Mapped[str | None] = mapped_column(String(16))
    page: Mapped[int | None] = mapped_column(Integer)
    decided_by: Mapped[str] = mapped_column(String(255))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Email(Base):
    """The outbox. ``status``: pending → sending (claimed by one sender) → sent."""

    __tablename__ = "emails"
    id: Mapped[int] = mapped_column(primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(255), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # alert | digest
    recipients: Mapped[str] = mapped_column(Text)
    subject: Mapped[str] = mapped_column(Text)
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    headers: Mapped[dict[str, str] | None] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class EmailFinding(Base):
    """Which e-mail announced which finding, at which revision."""

    __tablename__ = "email_findings"
    email_id: Mapped[int] = mapped_column(
        ForeignKey("emails.id", ondelete="CASCADE"), primary_key=True
    )
    finding_id: Mapped[int] = mapped_column(
        ForeignKey("findings.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    revision: Mapped[int] = mapped_column(Integer)


class S3Object(Base):
    """An object of the S3 inbox, as hdswatch saw it (one row per key and content, by ETag):
    ``seen`` (downloaded, handed to the analysis), ``duplicate`` (the same bytes as another
    object), ``processed`` (its document is recorded), ``quarantined``, ``gone`` (deleted before
    it could be read). The customer's object itself is never changed."""

    __tablename__ = "s3_objects"
    __table_args__ = (UniqueConstraint("bucket", "key", "etag", name="uq_s3_objects_identity"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    bucket: Mapped[str] = mapped_column(String(255))
    key: Mapped[str] = mapped_column(String(1024))
    etag: Mapped[str] = mapped_column(String(128))
    version_id: Mapped[str | None] = mapped_column(String(1024))
    size_bytes: Mapped[int | None] = mapped_column(Integer)
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    verified_by: Mapped[str | None] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16), index=True)  # see OBJECT_STATES
    establishment_code: Mapped[str] = mapped_column(String(64))
    folder: Mapped[str | None] = mapped_column(String(512))
    local_path: Mapped[str | None] = mapped_column(Text)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"), index=True
    )
    message: Mapped[str | None] = mapped_column(Text)
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    offered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
