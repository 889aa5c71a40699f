"""contracts, hosts, contacts, runs, findings with a life, review decisions, outbox retries

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 14:00:00

Every document registered before this revision becomes the main document of its own contract;
its findings move to that contract, keyed by what they are about (an escalation such as
``expiring_90d:contract`` → ``expiring_30d:contract`` is one finding). Findings that had been
e-mailed (state ``alerted``) are ``new`` and already announced.
"""

import re
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_WINDOWED = re.compile(r"^(expiring|notice_deadline_within)_(\d+)d$")


def _key(code: str) -> str:
    """The finding key of an alert code, frozen as of this revision."""
    family, _, subject = code.partition(":")
    match = _WINDOWED.match(family)
    if match:
        return "due:notice_deadline" if match[1] == "notice_deadline_within" else f"due:{subject}"
    if family == "expired":
        return f"due:{subject}"
    if family == "notice_deadline_passed":
        return "due:notice_deadline"
    return code


def upgrade() -> None:
    with op.batch_alter_table("establishments") as batch:
        batch.add_column(sa.Column("dpo_name", sa.String(255), nullable=True))
        batch.add_column(sa.Column("lang", sa.String(2), nullable=True))

    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "establishment_id",
            sa.Integer(),
            sa.ForeignKey("establishments.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("name", sa.String(255), nullable=True),
        sa.Column("email", sa.String(255), nullable=False),
        sa.Column("role", sa.String(64), nullable=False),
        sa.Column("lang", sa.String(2), nullable=True),
        sa.Column("digest", sa.Boolean(), nullable=False),
        sa.UniqueConstraint("establishment_id", "email", name="uq_contact_email"),
    )
    op.create_table(
        "hosts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("name_key", sa.String(255), nullable=False, unique=True),
        sa.Column("certificate_number", sa.String(128), nullable=True),
        sa.Column("certifier", sa.String(255), nullable=True),
        sa.Column("referential", sa.String(32), nullable=True),
        sa.Column("certificate_expiry", sa.Date(), nullable=True),
    )
    op.create_table(
        "contracts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "establishment_id",
            sa.Integer(),
            sa.ForeignKey("establishments.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("host_id", sa.Integer(), sa.ForeignKey("hosts.id"), nullable=True, index=True),
        sa.Column("reference", sa.String(255), nullable=False),
        sa.Column("grouped", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("judged_on", sa.Date(), nullable=True),
        sa.Column("signature_date", sa.Date(), nullable=True),
        sa.Column("effective_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("tacit_renewal", sa.Boolean(), nullable=True),
        sa.Column("notice_period_text", sa.String(255), nullable=True),
        sa.Column("notice_deadline", sa.Date(), nullable=True),
        sa.Column("hds_certificate_expiry", sa.Date(), nullable=True),
    )
    op.create_table(
        "analysis_runs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("contracts", sa.Integer(), nullable=False),
        sa.Column("opened", sa.Integer(), nullable=False),
        sa.Column("escalated", sa.Integer(), nullable=False),
        sa.Column("reopened", sa.Integer(), nullable=False),
        sa.Column("resolved", sa.Integer(), nullable=False),
    )
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("contract_id", sa.Integer(), nullable=True))
        batch.add_column(
            sa.Column("role", sa.String(16), nullable=False, server_default="main")
        )
        batch.create_foreign_key(
            "fk_documents_contract_id", "contracts", ["contract_id"], ["id"], ondelete="SET NULL"
        )
        batch.create_index("ix_documents_contract_id", ["contract_id"])
    with op.batch_alter_table("analyses") as batch:
        batch.add_column(sa.Column("run_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_analyses_run_id", "analysis_runs", ["run_id"], ["id"], ondelete="SET NULL"
        )
        batch.create_index("ix_analyses_run_id", ["run_id"])
    with op.batch_alter_table("findings") as batch:
        batch.add_column(sa.Column("contract_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("key", sa.String(128), nullable=True))
        batch.add_column(sa.Column("state_changed_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("state_changed_by", sa.String(255), nullable=True))
        batch.add_column(sa.Column("revision", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(
            sa.Column("announced_revision", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("due_date", sa.Date(), nullable=True))
        batch.add_column(sa.Column("legal_ref", sa.Text(), nullable=True))
        batch.add_column(sa.Column("page", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("quote", sa.Text(), nullable=True))
        batch.add_column(sa.Column("why", sa.Text(), nullable=True))
        batch.create_foreign_key(
            "fk_findings_contract_id", "contracts", ["contract_id"], ["id"], ondelete="CASCADE"
        )
        batch.create_index("ix_findings_contract_id", ["contract_id"])
    op.create_table(
        "finding_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "finding_id",
            sa.Integer(),
            sa.ForeignKey("findings.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(255), nullable=False),
        sa.Column("event", sa.String(16), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("code", sa.String(128), nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
    )
    op.create_table(
        "review_decisions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "contract_id",
            sa.Integer(),
            sa.ForeignKey("contracts.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column(
            "finding_id",
            sa.Integer(),
            sa.ForeignKey("findings.id", ondelete="SET NULL"),
            nullable=True,
            index=True,
        ),
        sa.Column("clause_id", sa.String(64), nullable=True),
        sa.Column("decision", sa.String(32), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("decided_by", sa.String(255), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
    )
    with op.batch_alter_table("emails") as batch:
        batch.add_column(sa.Column("headers", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True))
        batch.create_index("ix_emails_next_attempt_at", ["next_attempt_at"])
    op.create_table(
        "email_findings",
        sa.Column(
            "email_id",
            sa.Integer(),
            sa.ForeignKey("emails.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "finding_id",
            sa.Integer(),
            sa.ForeignKey("findings.id", ondelete="CASCADE"),
            primary_key=True,
            index=True,
        ),
        sa.Column("revision", sa.Integer(), nullable=False),
    )

    _move_documents_into_contracts()

    with op.batch_alter_table("findings") as batch:
        batch.drop_constraint("uq_finding_document_code", type_="unique")
        batch.alter_column("key", existing_type=sa.String(128), nullable=False)
        batch.create_unique_constraint("uq_finding_contract_key", ["contract_id", "key"])


def _move_documents_into_contracts() -> None:
    """One contract per registered document; findings keyed and moved to it."""
    bind = op.get_bind()
    now = datetime.now(UTC)
    known = {code for (code,) in bind.execute(sa.text("SELECT code FROM establishments"))}
    documents = bind.execute(
        sa.text("SELECT id, establishment_code, file_name FROM documents ORDER BY id")
    ).all()
    for code in sorted({row.establishment_code for row in documents} - known):
        bind.execute(
            sa.text("INSERT INTO establishments (code, name) VALUES (:code, :code)"),
            {"code": code},
        )
    establishment = {
        code: id_ for id_, code in bind.execute(sa.text("SELECT id, code FROM establishments"))
    }
    contract_of: dict[int, int] = {}
    for document in documents:
        contract_id = bind.execute(
            sa.text(
                "INSERT INTO contracts (establishment_id, reference, grouped, created_at)"
                " VALUES (:e, :ref, :grouped, :now) RETURNING id"
            ),
            {
                "e": establishment[document.establishment_code],
                "ref": document.file_name[:255],
                "grouped": False,
                "now": now,
            },
        ).scalar_one()
        contract_of[document.id] = contract_id
        bind.execute(
            sa.text("UPDATE documents SET contract_id = :c, role = 'main' WHERE id = :d"),
            {"c": contract_id, "d": document.id},
        )
    findings = bind.execute(sa.text("SELECT id, document_id, code, state FROM findings")).all()
    for finding in findings:
        alerted = finding.state == "alerted"
        bind.execute(
            sa.text(
                "UPDATE findings SET contract_id = :c, key = :k, state = :s,"
                " announced_revision = :a, state_changed_at = :now,"
                " state_changed_by = 'hdswatch' WHERE id = :id"
            ),
            {
                "c": contract_of[finding.document_id],
                "k": _key(finding.code),
                "s": "new" if alerted else finding.state,
                "a": 1 if alerted else 0,
                "now": now,
                "id": finding.id,
            },
        )


def downgrade() -> None:
    bind = op.get_bind()
    # Back to one finding per (document, code): announced findings were "alerted".
    bind.execute(
        sa.text(
            "UPDATE findings SET state = 'alerted'"
            " WHERE state != 'resolved' AND announced_revision >= revision"
        )
    )
    bind.execute(sa.text("UPDATE findings SET state = 'new' WHERE state IN ('reopened')"))
    bind.execute(
        sa.text(
            "UPDATE findings SET state = 'new'"
            " WHERE state = 'acknowledged' AND announced_revision < revision"
        )
    )
    bind.execute(sa.text("UPDATE findings SET state = 'alerted' WHERE state = 'acknowledged'"))
    op.drop_table("email_findings")
    with op.batch_alter_table("emails") as batch:
        batch.drop_index("ix_emails_next_attempt_at")
        batch.drop_column("claimed_at")
        batch.drop_column("next_attempt_at")
        batch.drop_column("headers")
    op.drop_table("review_decisions")
    op.drop_table("finding_events")
    with op.batch_alter_table("findings") as batch:
        batch.drop_constraint("uq_finding_contract_key", type_="unique")
        batch.drop_index("ix_findings_contract_id")
        batch.drop_constraint("fk_findings_contract_id", type_="foreignkey")
        for column in (
            "why",
            "quote",
            "page",
            "legal_ref",
            "due_date",
            "announced_revision",
            "revision",
            "state_changed_by",
            "state_changed_at",
            "key",
            "contract_id",
        ):
            batch.drop_column(column)
        batch.create_unique_constraint("uq_finding_document_code", ["document_id", "code"])
    with op.batch_alter_table("analyses") as batch:
        batch.drop_index("ix_analyses_run_id")
        batch.drop_constraint("fk_analyses_run_id", type_="foreignkey")
        batch.drop_column("run_id")
    with op.batch_alter_table("documents") as batch:
        batch.drop_index("ix_documents_contract_id")
        batch.drop_constraint("fk_documents_contract_id", type_="foreignkey")
        batch.drop_column("role")
        batch.drop_column("contract_id")
    op.drop_table("analysis_runs")
    op.drop_table("contracts")
    op.drop_table("hosts")
    op.drop_table("contacts")
    with op.batch_alter_table("establishments") as batch:
        batch.drop_column("lang")
        batch.drop_column("dpo_name")
