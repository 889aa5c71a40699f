"""Accounts and the access log in the registry: the migration, one Alembic head, password hashing,
the log-in rate limit."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect

from hdswatch.errors import InputError
from hdswatch.registry.db import connect, downgrade, session_scope, upgrade
from hdswatch.web.throttle import LoginThrottle
from hdswatch.web.users import add_user, check_login


def test_one_head_and_the_tables(tmp_path: Path) -> None:
    from alembic.script import ScriptDirectory

    from hdswatch.registry.db import _alembic_config

    url = f"sqlite:///{tmp_path / 'r.db'}"
    script = ScriptDirectory.from_config(_alembic_config(url))
    heads = script.get_heads()
    assert len(heads) == 1  # a linear chain
    chain = [r.revision for r in script.walk_revisions("base", heads[0])][::-1]
    assert chain == [f"{n:04d}" for n in range(1, len(chain) + 1)]
    upgrade(url)
    tables = set(inspect(connect(url)).get_table_names())
    assert {"users", "user_establishments", "access_log"} <= tables
    downgrade(url, "0002")
    assert not {"users", "user_establishments", "access_log"} & set(
        inspect(connect(url)).get_table_names()
    )
    connect(url).dispose()


def test_users_are_hashed_checked_and_scoped(tmp_path: Path) -> None:
    from hdswatch.registry.models import Establishment

    url = f"sqlite:///{tmp_path / 'r.db'}"
    upgrade(url)
    with session_scope(url) as s:
        s.add(Establishment(code="CHB", name="Centre hospitalier de Bellecombe"))
        s.flush()
        user = add_user(s, "c.martin", "a long password", role="dpo", establishments=["CHB"])
        assert user.password_hash.startswith("$argon2id$")
        assert "a long password" not in user.password_hash
        with pytest.raises(InputError, match="unknown establishment: XYZ"):
            add_user(s, "x", "a long password", role="legal", establishments=["XYZ"])
        with pytest.raises(InputError, match="needs an establishment"):
            add_user(s, "y", "a long password", role="dpo")
        with pytest.raises(InputError, match="too short"):
            add_user(s, "z", "short", role="rssi")
        with pytest.raises(InputError, match="unknown role"):
            add_user(s, "w", "a long password", role="boss")
    with session_scope(url) as s:
        found = check_login(s, "c.martin", "a long password")
        assert found is not None and [e.code for e in found.establishments] == ["CHB"]
        assert not found.sees_all and found.may_decide
        assert check_login(s, "c.martin", "wrong password") is None
        assert check_login(s, "nobody", "a long password") is None
    connect(url).dispose()


def test_throttle_window() -> None:
    now = [0.0]
    throttle = LoginThrottle(attempts=2, window=60.0, clock=lambda: now[0])
    throttle.fail("a", "10.0.0.1")
    assert not throttle.blocked("a", "10.0.0.1")
    throttle.fail("a", "10.0.0.1")
    assert throttle.blocked("a", "10.0.0.2") and throttle.blocked("b", "10.0.0.1")
    now[0] = 61.0
    assert not throttle.blocked("a", "10.0.0.1")
