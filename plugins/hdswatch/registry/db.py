"""Connection and schema of the registry database: engines, sessions and Alembic migrations.

>>> engine = connect("sqlite:///var/registry.db")   # doctest: +SKIP
>>> upgrade("sqlite:///var/registry.db")            # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from hdswatch.errors import RegistryError

__all__ = ["connect", "downgrade", "session_scope", "upgrade"]

_MIGRATIONS = Path(__file__).with_name("migrations")


@cache
def connect(url: str) -> Engine:
    """One engine per URL and process. SQLite gets foreign keys and a busy timeout. Error
    messages never carry the statement's parameters (they may hold contract text)."""
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30}, hide_parameters=True)

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


@contextmanager
def session_scope(url: str) -> Iterator[Session]:
    """A transaction: committed on success, rolled back on error."""
    factory = sessionmaker(connect(url), expire_on_commit=False)
    session = factory()
    try:
        yield session
        session.commit()
    except SQLAlchemyError as exc:
        session.rollback()
        raise _registry_error(exc) from exc
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def _registry_error(exc: SQLAlchemyError) -> RegistryError:
    """One line: the driver's words without SQLAlchemy's link to its documentation."""
    words = " ".join(str(exc).split("(Background on this error")[0].split())
    return RegistryError(f"registre inaccessible ou incohérent : {exc.__class__.__name__}: {words}")


def _alembic_config(url: str):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Bring the registry schema to ``revision`` (creates the database on first use)."""
    from alembic import command

    connect(url)
    try:
        command.upgrade(_alembic_config(url), revision)
    except SQLAlchemyError as exc:
        raise _registry_error(exc) from exc


def downgrade(url: str, revision: str = "base") -> None:
    from alembic import command

    command.downgrade(_alembic_config(url), revision)
