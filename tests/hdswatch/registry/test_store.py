from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import inspect

from hdswatch.registry.db import connect, downgrade, session_scope, upgrade
from hdswatch.registry.models import Finding
from hdswatch.registry.store import record_document, sync_findings, unalerted_findings


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'registry.db'}"
    upgrade(url)
    return url


def test_migrations_up_and_down(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'r.db'}"
    upgrade(url)
    tables = set(inspect(connect(url)).get_table_names())
    assert {"documents", "analyses", "findings", "emails", "establishments"} <= tables
    downgrade(url)
    assert set(inspect(connect(url)).get_table_names()) == {"alembic_version"}


def test_same_file_twice_is_one_document(db_url: str) -> None:
    with session_scope(db_url) as session:
        first, created = record_document(
            session,
            sha256="a" * 64,
            file_name="c.pdf",
            stored_path="/in/c.pdf",
            establishment="CSR",
            size_bytes=10,
        )
        again, created_again = record_document(
            session,
            sha256="a" * 64,
            file_name="copie.pdf",
            stored_path="/in/copie.pdf",
            establishment="CSR",
            size_bytes=10,
        )
    assert (created, created_again, first.id == again.id) == (True, False, True)


def test_findings_life(db_url: str) -> None:
    day1, day2, day3 = date(2026, 11, 1), date(2026, 11, 2), date(2026, 11, 3)
    with session_scope(db_url) as session:
        doc, _ = record_document(
            session,
            sha256="b" * 64,
            file_name="c.pdf",
            stored_path="/c.pdf",
            establishment="CSR",
            size_bytes=1,
        )
        opened = sync_findings(
            session, doc, ["missing:reversibility", "expiring_90d:contract"], day1
        )
        assert [f.code for f in opened] == ["missing:reversibility", "expiring_90d:contract"]
        assert [f.severity for f in opened] == ["critical", "medium"]
        for finding in opened:
            finding.state = "alerted"
        # the same alerts the next night: nothing new
        assert (
            sync_findings(session, doc, ["missing:reversibility", "expiring_90d:contract"], day2)
            == []
        )
        # escalation 90 → 30 days: a new code, so a new finding; the 90-day one is resolved
        escalated = sync_findings(
            session, doc, ["missing:reversibility", "expiring_30d:contract"], day3
        )
        assert [f.code for f in escalated] == ["expiring_30d:contract"]
        states = {f.code: f.state for f in session.query(Finding)}
        assert states == {
            "missing:reversibility": "alerted",
            "expiring_90d:contract": "resolved",
            "expiring_30d:contract": "new",
        }
        assert [f.code for f in unalerted_findings(session)] == ["expiring_30d:contract"]
