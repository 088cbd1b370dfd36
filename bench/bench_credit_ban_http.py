"""Lender checks of the loan-refusal registry over HTTP on loopback, driven by wrk.

Fills a fresh database with 3,000,000 bans (IINs stored as keyed hashes, as in production),
starts `saqbol serve --workers W`, then runs wrk with a Lua script that checks IINs drawn from
20,000 (half of them banned), products and channels varied. Every check is a real one: looked
up, stored with its proof id and appended to the audit chain. wrk and the server share the
2-core machine.

    .venv/bin/python bench/bench_credit_ban_http.py [--bans 3000000] [--workers 2]
        [--connections 16] [--duration 30] [--database-url postgresql+psycopg://...]

Prints checks/s, p50/p90/p99 latency, errors and the server's peak memory.
Needs `wrk` (Debian: apt-get install wrk).
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from sqlalchemy import insert
from wrk_load import create_key, serve_and_load

from saqbol.entities import keyed_hash
from saqbol.store import make_engine, upgrade
from saqbol.store.tables import CreditBan
from saqbol.synth.payments.ids import iins

SECRET = "bench-secret-0123456789abcdef"

LUA = r"""
local iins = {%(iins)s}
local products = {"bank_loan", "microcredit"}
local channels = {"online", "offline"}
request = function()
  local body = string.format('{"iin":"%%s","product":"%%s","channel":"%%s"}',
    iins[math.random(#iins)], products[math.random(2)], channels[math.random(2)])
  return wrk.format("POST", "/v1/credit-ban/check", nil, body)
end
"""


def fill(database_url: str, count: int, rng: np.random.Generator) -> np.ndarray:
    """Store ``count`` bans; returns the IINs (the first ``count``) plus 10,000 unbanned."""
    years = rng.integers(1950, 2006, count + 10_000)
    people = iins(rng, years, rng.random(len(years)) < 0.5)
    engine = make_engine(database_url)
    upgrade(engine)
    now = datetime.now(UTC)
    scopes = [(True, True), (True, False), (False, True)]
    started = time.perf_counter()
    with engine.begin() as conn:
        for start in range(0, count, 100_000):
            rows = []
            for i, iin in enumerate(people[start : min(start + 100_000, count)], start):
                bank_loans, micro = scopes[i % 3]
                rows.append(
                    {
                        "iin_hash": keyed_hash("iin", str(iin), SECRET),
                        "bank_loans": bank_loans,
                        "microcredits": micro,
                        "channel": "all" if i % 4 else "online",
                        "set_at": now,
                        "lifted_at": None,
                    }
                )
            conn.execute(insert(CreditBan), rows)
    engine.dispose()
    print(f"stored {count:,} bans in {time.perf_counter() - started:.0f} s")
    return people


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bans", type=int, default=3_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("loan-ban checks over HTTP: skipped, wrk is not installed (apt-get install wrk)")
        return
    rng = np.random.default_rng(5)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/registry.db"
        people = fill(url, args.bans, rng)
        pool = np.concatenate([people[:10_000], people[-10_000:]])
        env = {
            **os.environ,
            "SAQBOL_DATABASE_URL": url,
            "SAQBOL_SECRET": SECRET,
            "SAQBOL_ENVIRONMENT": "test",
            "SAQBOL_CREDIT_CHECKS_PER_MINUTE": str(10**9),
        }
        key = create_key(env, "bank")
        script = Path(tmp) / "check.lua"
        script.write_text(
            f'wrk.headers["Authorization"] = "Bearer {key}"\n'
            'wrk.headers["Content-Type"] = "application/json"\n'
            + LUA
            % {"iins": ",".join(f'"{i}"' for i in pool)}
        )
        numbers, memory = serve_and_load(
            env=env,
            script=script,
            workers=args.workers,
            connections=args.connections,
            duration=args.duration,
            warmup=args.warmup,
            log_path=Path(tmp) / "server.log",
        )
    print(
        f"loan-ban checks over HTTP (wrk, {args.connections} connections, {args.workers} "
        f"workers, {args.bans:,} bans, {args.duration} s): {numbers['rps']:,.0f} checks/s; "
        f"latency p50 {numbers['p50']:.1f} ms, p90 {numbers['p90']:.1f} ms, "
        f"p99 {numbers['p99']:.1f} ms; {numbers['requests']:,.0f} checks, "
        f"{numbers['non2xx']:.0f} not 2xx"
    )
    print(f"server peak memory (all workers): {memory:,.0f} MiB")
    print("goal: >= 2,000 checks/s at p99 <= 20 ms with 3,000,000 bans stored")


if __name__ == "__main__":
    main()
