"""Registry connection errors: one clear error of the hdswatch tree, never the statement's
parameters (they may hold contract text) nor the database password."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from sqlalchemy import text

from hdswatch.errors import RegistryError
from hdswatch.registry.db import session_scope, upgrade


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_an_unreachable_database_is_a_registry_error_without_the_password() -> None:
    url = f"postgresql+psycopg2://hdswatch:s3cr3t-pw@127.0.0.1:{_closed_port()}/registry"
    with pytest.raises(RegistryError) as caught:
        upgrade(url)
    message = str(caught.value)
    assert message.startswith(
        "[registry_error] registre inaccessible ou incohérent : OperationalError: "
        "(psycopg2.OperationalError) connection to server at"
    )
    assert "\n" not in message
    assert "s3cr3t-pw" not in message


def test_a_failed_statement_does_not_repeat_its_parameters(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'registry.db'}"
    upgrade(url)
    clause = "Le prestataire restitue les données de santé au terme du contrat"
    with pytest.raises(RegistryError) as caught, session_scope(url) as session:
        session.execute(
            text("INSERT INTO no_such_table (quote) VALUES (:quote)"), {"quote": clause}
        )
    message = str(caught.value)
    assert "no such table: no_such_table" in message
    assert clause not in message
    assert "hide_parameters=True" in message


def test_the_command_line_says_it_in_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from hdswatch.cli import main

    monkeypatch.setenv("HDSWATCH_HOME", str(tmp_path))
    monkeypatch.setenv(
        "HDSWATCH_DB_URL", f"postgresql+psycopg2://u:pw-9f2@127.0.0.1:{_closed_port()}/r"
    )
    with pytest.raises(SystemExit) as exited:
        main(["ingest"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("hdswatch: [registry_error] registre inaccessible ou incohérent : ")
    assert err.count("\n") == 1
    assert "pw-9f2" not in err
    assert "Traceback" not in err
