"""Alembic environment of the registry: runs online against the URL set by hdswatch.registry.db."""

from alembic import context
from sqlalchemy import create_engine, pool

import hdswatch.registry.accounts  # noqa: F401  (users and access log join the metadata)
from hdswatch.registry.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = create_engine(config.get_main_option("sqlalchemy.url"), poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()
