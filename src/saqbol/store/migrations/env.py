"""Alembic environment: uses the connection handed in by ``saqbol.store.migrate``."""

from __future__ import annotations

from alembic import context

from saqbol.store.tables import Base

target_metadata = Base.metadata


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        from saqbol.config import get_settings
        from saqbol.store.session import make_engine

        url = context.config.get_main_option("sqlalchemy.url") or get_settings().database_url
        with make_engine(url).begin() as connection:
            _run(connection)
    else:
        _run(connection)


def _run(connection: object) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
