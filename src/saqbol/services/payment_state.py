"""The per-account state behind real-time payment scoring: a SQLite file in WAL mode.

Every server worker opens the same file, so all of them see one history; each payment is read,
scored and recorded in one ``BEGIN IMMEDIATE`` transaction, so two workers never count the same
account twice or miss each other's writes. What a crash can lose: a killed process loses
nothing that was answered (the transaction committed before the reply); a power cut or kernel
crash can lose the last transactions not yet synced to disk (``synchronous=NORMAL`` in WAL mode
syncs at checkpoints), i.e. a few seconds of history, never a corrupt file.

The ledger keeps 31 days: enough for the longest window (30 days). An event id is remembered
as long, so a retry within 31 days gets the first answer back and is not counted twice.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, Final, TypeVar

from saqbol.detectors.payments.features import (
    DAY_MS,
    HOUR_MS,
    MONTH_MS,
    WEEK_MS,
    History,
    is_first_payment,
    payee_key,
)
from saqbol.errors import ServiceUnavailable

KEEP_MS: Final = MONTH_MS + DAY_MS
PRUNE_EVERY: Final = 5_000
CHECKPOINT_S: Final = 1.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS ledger (
    account TEXT NOT NULL, t INTEGER NOT NULL, kind INTEGER NOT NULL,
    amount INTEGER NOT NULL, first INTEGER NOT NULL, other TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS ledger_account_t ON ledger (account, t);
CREATE INDEX IF NOT EXISTS ledger_t ON ledger (t);
CREATE TABLE IF NOT EXISTS last_loan (
    account TEXT PRIMARY KEY, t INTEGER NOT NULL, amount INTEGER NOT NULL,
    loans_24h INTEGER NOT NULL, lenders_24h INTEGER NOT NULL, out_since INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS aliases (
    account TEXT NOT NULL, payee_type TEXT NOT NULL, payee TEXT NOT NULL,
    PRIMARY KEY (account, payee_type, payee)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS seen (
    event_id TEXT PRIMARY KEY, t INTEGER NOT NULL, result TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS seen_t ON seen (t);
"""

OUT, IN, LOAN = 0, 1, 2

_PAYER = """
SELECT
  count(CASE WHEN kind = 0 AND t > :h1 THEN 1 END), sum(CASE WHEN kind = 0 AND t > :h1 THEN amount END),
  count(CASE WHEN kind = 0 AND t > :h24 THEN 1 END), sum(CASE WHEN kind = 0 AND t > :h24 THEN amount END),
  count(CASE WHEN kind = 0 THEN 1 END), sum(CASE WHEN kind = 0 THEN amount END),
  count(CASE WHEN kind = 1 AND t > :h24 THEN 1 END), sum(CASE WHEN kind = 1 AND t > :h24 THEN amount END),
  sum(CASE WHEN kind = 1 THEN amount END),
  count(CASE WHEN kind = 1 AND t > :h24 AND first = 1 THEN 1 END),
  count(CASE WHEN kind = 0 AND t > :h24 AND other = :payee THEN 1 END),
  sum(CASE WHEN kind = 0 AND t > :h24 AND other = :payee THEN amount END),
  max(CASE WHEN kind = 0 AND other = :payee THEN t END)
FROM ledger WHERE account = :payer AND t > :d30 AND t <= :t
"""  # noqa: E501
_PAYEE = """
SELECT count(CASE WHEN t > :h24 THEN 1 END), sum(CASE WHEN t > :h24 THEN amount END),
  count(CASE WHEN t > :h24 AND first = 1 THEN 1 END), count(CASE WHEN first = 1 THEN 1 END)
FROM ledger WHERE account = :payee AND kind = 1 AND t > :d7 AND t <= :t
"""

T = TypeVar("T")


class StateUnavailable(ServiceUnavailable):
    """The state store could not be read or written; score without history."""


class PaymentState:
    """One connection per process (guarded by a lock for threaded servers)."""

    def __init__(self, path: str | Path, wait_s: float = 2.0) -> None:
        self.path = str(path)
        self.wait_s = wait_s
        self._lock = threading.Lock()
        self._since_prune = 0
        try:
            self._db = sqlite3.connect(
                self.path, timeout=10.0, isolation_level=None, check_same_thread=False
            )
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
            # Our own wait for the write lock (below): SQLite's busy handler sleeps 1, 2, 5,
            # 10... ms, far longer than the ~0.2 ms another worker holds the lock.
            self._db.execute("PRAGMA busy_timeout=0")
            # Checkpoints copy the WAL into the database: tens of milliseconds that must not
            # fall inside a payment's transaction, so a background thread does them.
            self._db.execute("PRAGMA wal_autocheckpoint=0")
        except sqlite3.Error as exc:
            raise StateUnavailable(str(exc)) from exc
        self._closed = threading.Event()
        self._checkpointer = threading.Thread(
            target=self._checkpoint_every, args=(CHECKPOINT_S,), daemon=True
        )
        self._checkpointer.start()

    def _checkpoint_every(self, seconds: float) -> None:
        try:
            db = sqlite3.connect(self.path, timeout=0.0, isolation_level=None)
        except sqlite3.Error:
            return
        while not self._closed.wait(seconds):
            with suppress(sqlite3.Error):
                db.execute("PRAGMA wal_checkpoint(PASSIVE)")
        db.close()

    def _begin(self) -> None:
        """BEGIN IMMEDIATE, retried every 50 us while another worker writes."""
        deadline = time.monotonic() + self.wait_s
        while True:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise StateUnavailable(str(exc)) from exc
                time.sleep(0.00005)
            except sqlite3.Error as exc:
                raise StateUnavailable(str(exc)) from exc

    def close(self) -> None:
        self._closed.set()
        self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._begin()
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException as exc:
                with suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise StateUnavailable(str(exc)) from exc
                raise

    def record_payment(
        self,
        event: Mapping[str, Any],
        t_ms: int,
        context: Callable[[History, list[tuple[str, str]]], dict[str, Any]],
    ) -> tuple[dict[str, Any], bool]:
        """Read the accounts' history before this payment and record the payment: one short
        transaction (the scoring happens after it, outside the write lock).

        ``context`` gets the history and the other payees (type, value) seen paying into the
        same ``payee_account`` (the edges through which a listed card links to this payment)
        and returns everything the score depends on (features, the registry's verdict); that
        is stored under the event id. Returns it and whether the event id was seen before:
        then the first call's context comes back, so the scorer gives the first answer again,
        and nothing is recorded twice.
        """
        payer = str(event["payer_account"])
        payee = payee_key(str(event["payee_type"]), str(event["payee"]), event["payee_account"])
        amount = int(event["amount"])
        with self._transaction() as db:
            prior = db.execute(
                "SELECT result FROM seen WHERE event_id = ?", (event["event_id"],)
            ).fetchone()
            if prior is not None:
                return json.loads(prior[0]), True
            history = self._history(db, payer, payee, t_ms, event["payee_type"] != "merchant")
            aliases: list[tuple[str, str]] = []
            account = event.get("payee_account")
            if account:
                aliases = db.execute(
                    "SELECT payee_type, payee FROM aliases WHERE account = ? LIMIT 50", (account,)
                ).fetchall()
                db.execute(
                    "INSERT OR IGNORE INTO aliases VALUES (?, ?, ?)",
                    (account, event["payee_type"], event["payee"]),
                )
            found = context(history, aliases)
            first = int(is_first_payment(t_ms, history.pair_last_ms))
            db.executemany(
                "INSERT INTO ledger VALUES (?, ?, ?, ?, ?, ?)",
                ((payer, t_ms, OUT, amount, first, payee), (payee, t_ms, IN, amount, first, payer)),
            )
            if history.loan_ms is not None:  # only a borrower has a running total to move
                db.execute(
                    "UPDATE last_loan SET out_since = out_since + ? WHERE account = ?",
                    (amount, payer),
                )
            db.execute(
                "INSERT INTO seen VALUES (?, ?, ?)",
                (event["event_id"], t_ms, json.dumps(found, separators=(",", ":"))),
            )
            self._maybe_prune(db, t_ms)
        return found, False

    def record_loan(self, loan: Mapping[str, Any], t_ms: int) -> tuple[dict[str, Any], bool]:
        """Remember a disbursed loan; returns the loan's stacking summary and if it was a repeat."""
        account = str(loan["borrower_account"])
        lender = str(loan["lender"])
        with self._transaction() as db:
            prior = db.execute(
                "SELECT result FROM seen WHERE event_id = ?", (loan["event_id"],)
            ).fetchone()
            if prior is not None:
                return json.loads(prior[0]), True
            lenders = [
                row[0]
                for row in db.execute(
                    "SELECT other FROM ledger WHERE account = ? AND kind = 2 AND t > ? AND t <= ?",
                    (account, t_ms - DAY_MS, t_ms),
                )
            ]
            lenders.append(lender)
            summary = {"loans_24h": len(lenders), "lenders_24h": len(set(lenders))}
            db.execute(
                "INSERT INTO ledger VALUES (?, ?, ?, ?, 0, ?)",
                (account, t_ms, LOAN, int(loan["amount"]), lender),
            )
            db.execute(
                "INSERT OR REPLACE INTO last_loan VALUES (?, ?, ?, ?, ?, 0)",
                (account, t_ms, int(loan["amount"]), summary["loans_24h"], summary["lenders_24h"]),
            )
            db.execute(
                "INSERT INTO seen VALUES (?, ?, ?)",
                (loan["event_id"], t_ms, json.dumps(summary)),
            )
        return summary, False

    def _history(
        self, db: sqlite3.Connection, payer: str, payee: str, t_ms: int, payee_side: bool
    ) -> History:
        params = {
            "payer": payer,
            "payee": payee,
            "t": t_ms,
            "h1": t_ms - HOUR_MS,
            "h24": t_ms - DAY_MS,
            "d7": t_ms - WEEK_MS,
            "d30": t_ms - MONTH_MS,
        }
        row = db.execute(_PAYER, params).fetchone()
        payee_row = db.execute(_PAYEE, params).fetchone() if payee_side else (0, 0, 0, 0)
        loan = db.execute(
            "SELECT t, amount, loans_24h, lenders_24h, out_since FROM last_loan WHERE account = ?",
            (payer,),
        ).fetchone()
        loan_fields: dict[str, Any] = {}
        if loan is not None:
            loan_fields = dict(
                zip(
                    ("loan_ms", "loan_amount", "loans_24h", "lenders_24h", "out_since_loan"),
                    loan,
                    strict=True,
                )
            )
        return History(
            out_n_1h=row[0],
            out_sum_1h=row[1] or 0,
            out_n_24h=row[2],
            out_sum_24h=row[3] or 0,
            out_n_30d=row[4],
            out_sum_30d=row[5] or 0,
            in_n_24h=row[6],
            in_sum_24h=row[7] or 0,
            in_sum_30d=row[8] or 0,
            in_new_payers_24h=row[9],
            to_payee_n_24h=row[10],
            to_payee_sum_24h=row[11] or 0,
            pair_last_ms=row[12],
            payee_n_24h=payee_row[0],
            payee_sum_24h=payee_row[1] or 0,
            payee_new_payers_24h=payee_row[2],
            payee_new_payers_7d=payee_row[3],
            **loan_fields,
        )

    def _maybe_prune(self, db: sqlite3.Connection, t_ms: int) -> None:
        self._since_prune += 1
        if self._since_prune < PRUNE_EVERY:
            return
        self._since_prune = 0
        db.execute("DELETE FROM ledger WHERE t <= ?", (t_ms - KEEP_MS,))
        db.execute("DELETE FROM seen WHERE t <= ?", (t_ms - KEEP_MS,))
