"""Test-wide settings: Airflow and hdswatch work in throw-away folders, never in the user's."""

from __future__ import annotations

import itertools
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

_ROOT = Path(tempfile.mkdtemp(prefix="hdswatch-tests-"))
os.environ.setdefault("AIRFLOW_HOME", str(_ROOT / "airflow"))
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(Path(__file__).resolve().parents[1] / "dags")
os.environ.setdefault("HDSWATCH_HOME", str(_ROOT / "hdswatch"))

REPO = Path(__file__).resolve().parents[1]


# --- registry databases: SQLite, and a real PostgreSQL server on 127.0.0.1 -----------------------

_DATABASES = itertools.count(1)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[object]:
    """One PostgreSQL cluster for the whole session (Debian package ``postgresql``)."""
    from tests.postgres import PostgresServer, find_binaries

    if find_binaries() is None:
        reason = (
            "PostgreSQL absent : installez le paquet Debian « postgresql » (make system-deps) / "
            "PostgreSQL binaries not found: install Debian package postgresql (make system-deps)"
        )
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    with PostgresServer() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def registry_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty registry database, once on SQLite and once on PostgreSQL (not migrated)."""
    from hdswatch.registry.db import connect

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'registry.db'}"
    else:
        server = request.getfixturevalue("postgres_server")
        url = server.create_database(f"registry_{next(_DATABASES)}")
    yield url
    connect(url).dispose()
