"""objects of the S3 inbox: what was seen, downloaded, processed or gone

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 16:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "s3_objects",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("bucket", sa.String(255), nullable=False),
        sa.Column("key", sa.String(1024), nullable=False),
        sa.Column("etag", sa.String(128), nullable=False),
        sa.Column("version_id", sa.String(1024)),
        sa.Column("size_bytes", sa.Integer),
        sa.Column("sha256", sa.String(64)),
        sa.Column("verified_by", sa.String(16)),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("establishment_code", sa.String(64), nullable=False),
        sa.Column("folder", sa.String(512)),
        sa.Column("local_path", sa.Text),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id", ondelete="SET NULL")),
        sa.Column("message", sa.Text),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("offered_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("bucket", "key", "etag", name="uq_s3_objects_identity"),
    )
    op.create_index("ix_s3_objects_sha256", "s3_objects", ["sha256"])
    op.create_index("ix_s3_objects_state", "s3_objects", ["state"])
    op.create_index("ix_s3_objects_document_id", "s3_objects", ["document_id"])


def downgrade() -> None:
    op.drop_index("ix_s3_objects_document_id", "s3_objects")
    op.drop_index("ix_s3_objects_state", "s3_objects")
    op.drop_index("ix_s3_objects_sha256", "s3_objects")
    op.drop_table("s3_objects")
