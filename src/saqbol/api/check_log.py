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

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from saqbol.services import credit_ban
from saqbol.store import transaction

MAX_BATCH = 500
WAIT_S = 30.0


class CheckLog:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions
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
                batch, self._pending = self._pending[:MAX_BATCH], self._pending[MAX_BATCH:]
                try:
                    # On the loop's own thread: a thread would wait for the GIL (5 ms slices)
                    # after every SQLite call while the loop parses requests, stretching a
                    # 1-2 ms write to 15 ms; here the loop pauses for the write instead.
                    self._write([made for made, _ in batch])
                except Exception as exc:  # every waiting request gets the failure
                    for _, done in batch:
                        if not done.done():
                            done.set_exception(exc)
                else:
                    for _, done in batch:
                        if not done.done():
                            done.set_result(None)
                await asyncio.sleep(0)  # let the requests that came meanwhile join the next

    def _write(self, checks: list[credit_ban.Check]) -> None:
        deadline = time.monotonic() + WAIT_S
        while True:
            try:
                with transaction(self._sessions) as session:
                    credit_ban.record_checks(session=session, checks=checks)
                return
            except OperationalError as exc:
                # SQLite: another worker holds the write lock for a few milliseconds; its
                # own busy handler would sleep 1, 2, 5, 10... ms, so the writer engine does
                # not wait (sqlite_wait_ms=0) and we retry here every 0.2 ms.
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.0002)

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
