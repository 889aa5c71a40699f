"""documents that cannot be processed are quarantined: when, and the first error code

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 15:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("quarantined_at", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("quarantine_reason", sa.String(64)))
        batch.create_index("ix_documents_quarantined_at", ["quarantined_at"])


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_index("ix_documents_quarantined_at")
        batch.drop_column("quarantine_reason")
        batch.drop_column("quarantined_at")
