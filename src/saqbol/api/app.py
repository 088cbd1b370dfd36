"""The FastAPI application factory."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy import Engine
from starlette.types import ASGIApp

from saqbol import __version__
from saqbol.api import problems
from saqbol.api.check_log import CheckLog, writer_engine
from saqbol.api.deps import KeyCache
from saqbol.api.fast_path import HotPaths, document_bodies
from saqbol.api.limits import BodySizeLimit
from saqbol.api.routes import (
    admin,
    ads,
    calls,
    check,
    credit_ban,
    entities,
    mules,
    payments,
    reports,
    resources,
)
from saqbol.config import Settings, get_settings
from saqbol.schemas import PaymentIn
from saqbol.store.session import make_engine, make_session_factory


class SaqbolApp(FastAPI):
    """FastAPI with the hot paths in front of its whole middleware stack, its own error and
    telemetry layers included (see ``saqbol.api.fast_path``)."""

    def build_middleware_stack(self) -> ASGIApp:
        limit = self.state.settings.max_body_bytes
        return HotPaths(super().build_middleware_stack(), owner=self, max_bytes=limit)


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    """Build the app around ``engine`` (made from ``settings.database_url`` when omitted).

    The schema is not migrated here: ``saqbol serve`` and the tests do that first.
    """
    settings = settings or get_settings()
    engine = engine or make_engine(settings.database_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Load the payment model before the first request, then keep the garbage collector
        # out of the way of payment scoring: everything loaded so far is frozen (never scanned
        # again), young objects are collected every 10,000 allocations instead of 700, and a
        # full collection comes 100 times less often. With CPython's defaults a worker under
        # load stalls in full collections often enough to put p99 at 40-140 ms; with these it
        # stays near 14 ms (bench/bench_payments_http.py). Cycles are still collected.
        payments.scorer_for(app)
        gc.collect()
        gc.freeze()
        gc.set_threshold(10_000, 10, 1_000)
        yield
        await app.state.check_log.close()

    app = SaqbolApp(
        lifespan=lifespan,
        title="Saqbol",
        version=__version__,
        description="Anti-fraud platform for Kazakhstan: shared fraud registry, complaints, "
        "scam-message and phishing-link checks, monitoring registry of fraudulent resources, "
        "real-time payment scoring.",
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = make_session_factory(engine)
    app.state.key_cache = KeyCache(settings.auth_cache_s)
    app.state.credit_check_rate = credit_ban.CheckRate(settings.credit_checks_per_minute)
    app.state.check_log = CheckLog(writer_engine(engine))
    problems.install(app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)

    @app.get("/healthz", tags=["health"])
    def healthz() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    for module in (
        reports,
        entities,
        check,
        resources,
        payments,
        credit_ban,
        mules,
        calls,
        ads,
        admin,
    ):
        app.include_router(module.router)
    document_bodies(app, (PaymentIn, credit_ban.CheckIn))
    return app
