"""Engines and sessions: SQLite (WAL, serialised writers) or PostgreSQL, same code."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker


def make_engine(database_url: str, *, sqlite_wait_ms: int = 30_000, **kwargs: Any) -> Engine:
    """Create an engine; for SQLite turn on WAL, foreign keys and ``BEGIN IMMEDIATE``.

    ``BEGIN IMMEDIATE`` makes every SQLite transaction take the write lock up front, so two
    writers never both read the audit chain's tip and then fight to extend it.
    """
    if database_url.startswith("sqlite"):
        engine = create_engine(
            database_url, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs
        )
        event.listen(engine, "connect", _sqlite_on_connect)
        if sqlite_wait_ms != 30_000:
            event.listen(
                engine,
                "connect",
                lambda conn, _record: conn.execute(f"PRAGMA busy_timeout={int(sqlite_wait_ms)}"),
            )
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    return create_engine(database_url, pool_pre_ping=True, **kwargs)


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # let SQLAlchemy's "begin" event emit BEGIN
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_on_begin(connection: Any) -> None:
    read_only = connection.get_execution_options().get(READ_ONLY, False)
    connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


READ_ONLY = "saqbol_read_only"


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit on success, roll back everything on any error."""
    with factory() as session, session.begin():
        yield session


@contextmanager
def read_only(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session for reads only; on SQLite it does not queue behind writers for the lock."""
    with factory() as session:
        session.connection(execution_options={READ_ONLY: True})
        yield session
