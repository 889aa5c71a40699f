"""review decisions keep the correction a reviewer gave: the correct status and the page

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 15:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("review_decisions") as batch:
        batch.add_column(sa.Column("correct_status", sa.String(16)))
        batch.add_column(sa.Column("page", sa.Integer))


def downgrade() -> None:
    with op.batch_alter_table("review_decisions") as batch:
        batch.drop_column("page")
        batch.drop_column("correct_status")
