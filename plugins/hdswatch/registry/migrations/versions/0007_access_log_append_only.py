"""the access log is append-only: the database refuses UPDATE and DELETE on it

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 15:10:00

SQLite: two BEFORE triggers that abort. PostgreSQL: one plpgsql function raising an error, fired
before UPDATE or DELETE of a row and before TRUNCATE. Only a schema owner who drops the triggers
(a migration) can change past entries.
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Constant statements only (no SQL is built from values in hdswatch).
POSTGRES_FUNCTION = (
    "CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION 'access_log is append-only / le journal des accès ne se modifie pas' "
    "USING ERRCODE = 'insufficient_privilege'; END $$"
)
SQLITE_TRIGGERS = (
    "CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log BEGIN "
    "SELECT RAISE(ABORT, 'access_log is append-only / le journal des accès ne se modifie pas'); END",
    "CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log BEGIN "
    "SELECT RAISE(ABORT, 'access_log is append-only / le journal des accès ne se modifie pas'); END",
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRES_FUNCTION)
        op.execute(
            "CREATE TRIGGER access_log_no_change BEFORE UPDATE OR DELETE ON access_log "
            "FOR EACH ROW EXECUTE FUNCTION access_log_append_only()"
        )
        op.execute(
            "CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only()"
        )
        return
    for statement in SQLITE_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER access_log_no_truncate ON access_log")
        op.execute("DROP TRIGGER access_log_no_change ON access_log")
        op.execute("DROP FUNCTION access_log_append_only()")
        return
    op.execute("DROP TRIGGER access_log_no_update")
    op.execute("DROP TRIGGER access_log_no_delete")
