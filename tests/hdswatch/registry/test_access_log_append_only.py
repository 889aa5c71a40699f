"""The access log is append-only in the database itself (migration 0007), on SQLite and on a real
PostgreSQL: a row can be added, never changed nor removed, not even by a raw SQL statement."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from hdswatch.registry.db import connect, downgrade, upgrade

ROW = {"at": datetime(2026, 11, 29, 9, 0, tzinfo=UTC), "login": "rssi", "action": "view_contract"}
INSERT = text(
    "INSERT INTO access_log (at, login, action, contract_id) VALUES (:at, :login, :action, 7)"
)


def rows(url: str) -> list[tuple[str, str, int | None]]:
    with connect(url).connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                text("SELECT login, action, contract_id FROM access_log ORDER BY id")
            )
        ]


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE access_log SET login = 'someone else'",
        "UPDATE access_log SET contract_id = NULL WHERE contract_id = 7",
        "DELETE FROM access_log",
        "DELETE FROM access_log WHERE login = 'rssi'",
    ],
)
def test_the_database_refuses_to_change_past_entries(registry_url: str, statement: str) -> None:
    upgrade(registry_url)
    with connect(registry_url).begin() as conn:
        conn.execute(INSERT, ROW)
    with pytest.raises(DBAPIError, match="append-only"), connect(registry_url).begin() as conn:
        conn.execute(text(statement))
    assert rows(registry_url) == [("rssi", "view_contract", 7)]
    with connect(registry_url).begin() as conn:  # adding stays possible
        conn.execute(INSERT, {**ROW, "action": "view_page"})
    assert rows(registry_url) == [("rssi", "view_contract", 7), ("rssi", "view_page", 7)]


def test_truncate_is_refused_on_postgresql(postgres_server) -> None:  # type: ignore[no-untyped-def]
    registry_url = postgres_server.create_database("registry_truncate")
    upgrade(registry_url)
    with connect(registry_url).begin() as conn:
        conn.execute(INSERT, ROW)
    with pytest.raises(DBAPIError, match="append-only"), connect(registry_url).begin() as conn:
        conn.execute(text("TRUNCATE access_log"))
    assert rows(registry_url) == [("rssi", "view_contract", 7)]


def test_the_triggers_are_what_refuses(registry_url: str) -> None:
    upgrade(registry_url)
    downgrade(registry_url, "0006")
    with connect(registry_url).begin() as conn:
        conn.execute(INSERT, ROW)
        conn.execute(text("UPDATE access_log SET login = 'x'"))
        conn.execute(text("DELETE FROM access_log"))
    assert rows(registry_url) == []
    upgrade(registry_url)
    with connect(registry_url).begin() as conn:
        conn.execute(INSERT, ROW)
    with pytest.raises(DBAPIError, match="append-only"), connect(registry_url).begin() as conn:
        conn.execute(text("DELETE FROM access_log"))
