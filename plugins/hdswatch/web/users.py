"""Accounts of the review page: create one, check a log-in.

>>> with session_scope(url) as s:                                     # doctest: +SKIP
...     add_user(s, "c.martin", "secret", role="dpo", establishments=["CHB"])
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from hdswatch.errors import InputError
from hdswatch.registry.accounts import USER_ROLES, User
from hdswatch.registry.models import Establishment
from hdswatch.registry.store import now
from hdswatch.web.passwords import hash_password, verify_password

__all__ = ["MIN_PASSWORD", "add_user", "check_login"]

MIN_PASSWORD = 10


def add_user(
    session: Session,
    login: str,
    password: str,
    *,
    role: str,
    establishments: Sequence[str] = (),
    name: str | None = None,
    lang: str = "fr",
) -> User:
    """Create an account (or replace the password, role and establishments of an existing one)."""
    if role not in USER_ROLES:
        raise InputError(f"rôle inconnu / unknown role: {role!r} ({' | '.join(USER_ROLES)})")
    if len(password) < MIN_PASSWORD:
        raise InputError(
            f"mot de passe trop court (≥ {MIN_PASSWORD}) / password too short (≥ {MIN_PASSWORD})"
        )
    if role in ("dpo", "legal") and not establishments:
        raise InputError(
            "un DPO ou juriste a au moins un établissement / a DPO or lawyer needs an establishment"
        )
    found = list(
        session.scalars(select(Establishment).where(Establishment.code.in_(establishments)))
    )
    unknown = sorted(set(establishments) - {e.code for e in found})
    if unknown:
        raise InputError(f"établissement inconnu / unknown establishment: {', '.join(unknown)}")
    user = session.scalar(select(User).where(User.login == login))
    if user is None:
        user = User(login=login, created_at=now(), active=True)
        session.add(user)
    user.name, user.role, user.lang = name, role, lang
    user.password_hash = hash_password(password)
    user.establishments = found
    session.flush()
    return user


def check_login(session: Session, login: str, password: str) -> User | None:
    """The active user with this login and password, else ``None``."""
    user = session.scalar(select(User).where(User.login == login, User.active.is_(True)))
    if user is None:
        verify_password(_DUMMY, password)  # same work whether the login exists or not
        return None
    return user if verify_password(user.password_hash, password) else None


_DUMMY = hash_password("not a password of anyone")
