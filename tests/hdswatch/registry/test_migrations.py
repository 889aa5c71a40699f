"""Migrations up and down, on SQLite and on PostgreSQL, with data in the tables; the models and
the migrations describe the same schema."""

from __future__ import annotations

from datetime import UTC, date, datetime

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

import hdswatch.registry.accounts  # noqa: F401  (users and access log: part of the metadata)
from hdswatch.registry.db import connect, downgrade, upgrade
from hdswatch.registry.models import Base

TABLES = {
    "access_log",
    "alembic_version",
    "analyses",
    "analysis_runs",
    "contacts",
    "contracts",
    "documents",
    "email_findings",
    "emails",
    "establishments",
    "finding_events",
    "findings",
    "hosts",
    "review_decisions",
    "s3_objects",
    "user_establishments",
    "users",
}


def tables(url: str) -> set[str]:
    return set(inspect(connect(url)).get_table_names())


def test_up_and_down_and_up_again(registry_url: str) -> None:
    upgrade(registry_url)
    assert tables(registry_url) == TABLES
    downgrade(registry_url, "0001")
    assert tables(registry_url) == {
        "alembic_version",
        "analyses",
        "documents",
        "emails",
        "establishments",
        "findings",
    }
    downgrade(registry_url)
    assert tables(registry_url) == {"alembic_version"}
    upgrade(registry_url)
    assert tables(registry_url) == TABLES


def test_models_match_the_migrations(registry_url: str) -> None:
    upgrade(registry_url)
    with connect(registry_url).connect() as connection:
        context = MigrationContext.configure(connection)
        assert compare_metadata(context, Base.metadata) == []


def test_data_of_the_first_schema_moves_into_contracts_and_back(registry_url: str) -> None:
    upgrade(registry_url, "0001")
    engine = connect(registry_url)
    moment = datetime(2026, 11, 1, 2, 0, tzinfo=UTC)
    with engine.begin() as db:
        db.execute(
            text(
                "INSERT INTO documents (id, sha256, file_name, stored_path, establishment_code,"
                " size_bytes, kind, received_at) VALUES"
                " (1, :a, 'c01.pdf', '/in/CSR/c01.pdf', 'CSR', 10, 'contract', :t),"
                " (2, :b, 'c02.pdf', '/in/CHB/c02.pdf', 'CHB', 10, 'contract', :t)"
            ),
            {"a": "a" * 64, "b": "b" * 64, "t": moment},
        )
        db.execute(
            text(
                "INSERT INTO establishments (code, name, dpo_email)"
                " VALUES ('CSR', 'Clinique Saint-Roch', 'dpo@csr.example')"
            )
        )
        db.execute(
            text(
                "INSERT INTO findings (id, document_id, code, clause_id, severity, state,"
                " first_seen_on, last_seen_on, alerted_at) VALUES"
                " (1, 1, 'missing:reversibility', 'reversibility', 'critical', 'alerted', :d, :d, :t),"
                " (2, 2, 'expiring_30d:hds_certificate', NULL, 'high', 'new', :d, :d, NULL),"
                " (3, 2, 'expiring_90d:contract', NULL, 'medium', 'resolved', :d, :d, NULL)"
            ),
            {"d": date(2026, 11, 1), "t": moment},
        )
    upgrade(registry_url)
    with engine.connect() as db:
        contracts = db.execute(
            text(
                "SELECT c.id, e.code, c.reference, c.grouped FROM contracts c"
                " JOIN establishments e ON e.id = c.establishment_id ORDER BY c.id"
            )
        ).all()
        assert [tuple(row)[1:] for row in contracts] == [
            ("CSR", "c01.pdf", False),
            ("CHB", "c02.pdf", False),
        ]
        documents = db.execute(
            text("SELECT id, contract_id, role FROM documents ORDER BY id")
        ).all()
        assert [tuple(row) for row in documents] == [
            (1, contracts[0][0], "main"),
            (2, contracts[1][0], "main"),
        ]
        findings = db.execute(
            text(
                "SELECT id, contract_id, key, state, revision, announced_revision"
                " FROM findings ORDER BY id"
            )
        ).all()
        assert [tuple(row) for row in findings] == [
            (1, contracts[0][0], "missing:reversibility", "new", 1, 1),
            (2, contracts[1][0], "due:hds_certificate", "new", 1, 0),
            (3, contracts[1][0], "due:contract", "resolved", 1, 0),
        ]
        assert db.execute(text("SELECT name FROM establishments WHERE code = 'CHB'")).scalar() == (
            "CHB"
        )
    downgrade(registry_url, "0001")
    with engine.connect() as db:
        states = db.execute(text("SELECT id, state FROM findings ORDER BY id")).all()
        assert [tuple(row) for row in states] == [(1, "alerted"), (2, "new"), (3, "resolved")]
        assert db.execute(text("SELECT count(*) FROM documents")).scalar() == 2
