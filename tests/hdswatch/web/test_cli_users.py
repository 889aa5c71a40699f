"""``hdswatch users add``: an account from the command line, password from the environment."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from hdswatch.cli import cli
from hdswatch.registry.db import connect, session_scope
from hdswatch.web.users import check_login


def test_users_add(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'registry.db'}"
    monkeypatch.setenv("HDSWATCH_HOME", str(tmp_path))
    monkeypatch.setenv("HDSWATCH_DB_URL", url)
    monkeypatch.setenv("HDSWATCH_NEW_PASSWORD", "a long password")
    from hdswatch.settings import get_settings

    if hasattr(get_settings, "cache_clear"):
        get_settings.cache_clear()
    result = CliRunner().invoke(cli, ["users", "add", "rssi.ght", "--role", "rssi"])
    assert result.exit_code == 0, result.output
    assert result.output == "compte rssi.ght (rssi) enregistré\n"
    with session_scope(url) as s:
        user = check_login(s, "rssi.ght", "a long password")
        assert user is not None and user.role == "rssi" and user.sees_all
    refused = CliRunner().invoke(cli, ["users", "add", "x", "--role", "dpo"])
    assert refused.exit_code != 0
    connect(url).dispose()
