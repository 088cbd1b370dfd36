"""Shared fixtures. Every database test runs on SQLite, and on PostgreSQL too when
``SAQBOL_TEST_POSTGRES_URL`` is set (CI sets it)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, delete, insert, text
from sqlalchemy.orm import Session, sessionmaker

from saqbol.api.app import create_app
from saqbol.config import Settings
from saqbol.services import audit, keys
from saqbol.store import AuditHead, Base, make_engine, make_session_factory, transaction, upgrade

SECRET = "test-secret-0123456789abcdef"
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("SAQBOL_TEST_POSTGRES_URL") else [])


def _fresh_engine(backend: str, tmp: Path) -> Engine:
    if backend == "sqlite":
        return make_engine(f"sqlite:///{tmp / 'saqbol-test.db'}")
    engine = make_engine(os.environ["SAQBOL_TEST_POSTGRES_URL"])
    with engine.begin() as conn:  # start from an empty schema every session
        Base.metadata.drop_all(conn)
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    return engine


@pytest.fixture(scope="session", params=BACKENDS)
def engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    engine = _fresh_engine(request.param, tmp_path_factory.mktemp(request.param))
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def factory(engine: Engine) -> Iterator[sessionmaker[Session]]:
    """A session factory over an empty database; every table is emptied after the test."""
    yield make_session_factory(engine)
    with engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(delete(table))
        conn.execute(insert(AuditHead).values(id=1, last_id=0, last_hash=audit.GENESIS))


@pytest.fixture
def settings(engine: Engine) -> Settings:
    url = engine.url.render_as_string(hide_password=False)
    return Settings(environment="test", database_url=url, secret=SECRET, auth_cache_s=0.0)


@pytest.fixture
def client(settings: Settings, engine: Engine, factory: sessionmaker[Session]) -> TestClient:
    return TestClient(create_app(settings, engine))


@pytest.fixture
def api_key(factory: sessionmaker[Session]) -> Callable[[str], str]:
    """``api_key("bank")`` creates a key with that role and returns its secret."""

    def make(role: str) -> str:
        with transaction(factory) as session:
            return keys.create_key(
                session=session, role=role, name=f"test {role}", actor="test", now=NOW
            )[1]

    return make


NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
