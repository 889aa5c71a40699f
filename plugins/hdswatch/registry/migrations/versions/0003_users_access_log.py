"""users of the review page, their establishments, and the access log

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 14:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("login", sa.String(255), nullable=False, unique=True),
        sa.Column("name", sa.String(255)),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("lang", sa.String(2), nullable=False, server_default="fr"),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "user_establishments",
        sa.Column(
            "user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column(
            "establishment_id",
            sa.Integer,
            sa.ForeignKey("establishments.id", ondelete="CASCADE"),
            primary_key=True,
        ),
    )
    op.create_table(
        "access_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, index=True),
        sa.Column("login", sa.String(255), nullable=False, index=True),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("contract_id", sa.Integer, index=True),
        sa.Column("detail", sa.Text),
        sa.Column("address", sa.String(64)),
    )


def downgrade() -> None:
    op.drop_table("access_log")
    op.drop_table("user_establishments")
    op.drop_table("users")
