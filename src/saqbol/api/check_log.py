"""Group commit for lenders' loan-ban checks.

Every check is stored (its id is the lender's proof) and appended to the audit chain, whose
single lock serialises writers. One transaction per check caps a server at a few hundred
checks a second; instead each worker gathers the checks that arrive while the previous batch
is being written and stores them in one transaction. A request is answered only after its
check is committed, so a check id a lender holds always exists.
"""

from __future__ import annotations

import asyncio
import contextlib
import time

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from saqbol.services import credit_ban
from saqbol.store.session import make_engine

MAX_BATCH = 500
WAIT_S = 30.0
RETRY_S = 0.0005  # between tries for the write lock


def writer_engine(engine: Engine) -> Engine:
    """An engine like ``engine`` whose transactions do not wait for the audit chain's lock:
    CheckLog retries while the event loop goes on serving (see ``CheckLog._flush``)."""
    url = engine.url.render_as_string(hide_password=False)
    if engine.url.get_backend_name() == "sqlite":
        return make_engine(url, sqlite_wait_ms=0)
    if engine.url.get_backend_name() == "postgresql":
        return make_engine(url, connect_args={"options": "-c lock_timeout=1"})
    return engine


def _lock_busy(exc: OperationalError) -> bool:
    """SQLite's "database is locked", or PostgreSQL's lock_not_available (55P03)."""
    return "locked" in str(exc) or getattr(exc.orig, "sqlstate", None) == "55P03"


class CheckLog:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._pending: list[tuple[credit_ban.Check, asyncio.Future[None]]] = []
        self._wake: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None

    async def record(self, made: credit_ban.Check) -> None:
        """Store ``made``; returns once it is committed (or raises what the write raised)."""
        loop = asyncio.get_running_loop()
        if self._task is None or self._task.done() or self._task.get_loop() is not loop:
            self._wake = asyncio.Event()
            self._task = loop.create_task(self._run())
        done: asyncio.Future[None] = loop.create_future()
        self._pending.append((made, done))
        assert self._wake is not None
        self._wake.set()
        await done

    async def _run(self) -> None:
        assert self._wake is not None
        while True:
            await self._wake.wait()
            self._wake.clear()
            while self._pending:
                await self._flush()
                await asyncio.sleep(0)  # let the requests that came meanwhile join the next

    async def _flush(self) -> None:
        """Store the pending checks as one group and answer their requests.

        The write runs on the loop's own thread: a thread would wait for the GIL (5 ms
        slices) after every SQLite call while the loop parses requests, stretching a 1-2 ms
        write to 15 ms; here the loop pauses for the write instead. But while the other
        worker holds the write lock (SQLite's ``BEGIN IMMEDIATE`` fails at once, PostgreSQL
        gives up on the audit head's row lock after 1 ms: the writer engine does not wait),
        the loop goes on serving requests and their checks join this group, so contention
        makes groups larger rather than the server slower.
        """
        batch: list[tuple[credit_ban.Check, asyncio.Future[None]]] = []
        deadline = time.monotonic() + WAIT_S
        while True:
            room = MAX_BATCH - len(batch)
            batch, self._pending = batch + self._pending[:room], self._pending[room:]
            try:
                with self._engine.begin() as conn:  # Core: an ORM session costs more here
                    credit_ban.record_checks(session=conn, checks=[made for made, _ in batch])
            except OperationalError as exc:
                if _lock_busy(exc) and time.monotonic() < deadline:
                    await asyncio.sleep(RETRY_S)
                    continue
                failure: Exception | None = exc
            except Exception as exc:  # every waiting request gets the failure
                failure = exc
            else:
                failure = None
            for _, done in batch:
                if not done.done():
                    if failure is None:
                        done.set_result(None)
                    else:
                        done.set_exception(failure)
            return

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
