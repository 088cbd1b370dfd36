"""Real-time payment scoring over HTTP on loopback, driven by wrk (a real load tool).

Starts `saqbol serve --workers W` on a fresh SQLite registry and a fresh state store, then
runs wrk with a Lua script that posts a different payment each time (unique event ids, 20,000
payer accounts, 5,000 payees, amounts and session flags varied), so every request reads and
writes the shared state store. wrk and the server share the 2-core machine.

    .venv/bin/python bench/bench_payments_http.py [--workers 2] [--connections 16]
        [--duration 30] [--threads 1]

Prints sustained requests/s, p50/p90/p99 latency, errors, and the server's peak memory.
Anchor: Tazama published 2,497 transactions/s at p99 56 ms on a 37-VM cluster.
Needs `wrk` (Debian: apt-get install wrk).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from wrk_load import BIN, create_key, serve_and_load

from saqbol.synth.identifiers import card_number, kz_iban

LUA = r"""
local accounts = {%(accounts)s}
local cards = {%(cards)s}
local channels = {"app", "web", "p2p_phone", "qr", "pos"}
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(12345 + thread_id)
end

request = function()
  counter = counter + 1
  local ms = counter * 7 + thread_id
  local body = string.format(
    '{"event_id":"w%%d-%%d","time":"%(day)sT%%02d:%%02d:%%02d.%%03dZ","payer_account":"%%s",' ..
    '"payer_bank":"KASPI","payee_type":"card","payee":"%%s","payee_country":"KZ",' ..
    '"amount":%%d,"currency":"KZT","channel":"%%s","device_id":"d%%d","ip":"95.56.1.%%d",' ..
    '"remote_access":%%s,"on_call":%%s,"new_device":%%s,"sim_changed":false}',
    thread_id, counter,
    math.floor(ms / 3600000) %% 24, math.floor(ms / 60000) %% 60, math.floor(ms / 1000) %% 60,
    ms %% 1000,
    accounts[math.random(#accounts)], cards[math.random(#cards)],
    math.random(100, 50000000), channels[math.random(#channels)], math.random(1, 9),
    math.random(1, 250),
    tostring(math.random() < 0.02), tostring(math.random() < 0.03),
    tostring(math.random() < 0.05))
  return wrk.format("POST", "/v1/payments/score", nil, body)
end
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument(
        "--state-dir", help="where the state store's file goes (default: a temporary directory)"
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("payments over HTTP: skipped, wrk is not installed (Debian: apt-get install wrk)")
        return
    rng = random.Random(7)
    accounts = [kz_iban(rng) for _ in range(20_000)]
    cards = [card_number(rng) for _ in range(5_000)]
    day = (datetime.now(UTC) - timedelta(days=1)).date().isoformat()
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "SAQBOL_DATABASE_URL": f"sqlite:///{tmp}/registry.db",
            "SAQBOL_PAYMENT_STATE_PATH": f"{args.state_dir or tmp}/state-{os.getpid()}.db",
            "SAQBOL_ENVIRONMENT": "test",
        }
        subprocess.run([BIN / "saqbol", "db", "upgrade"], env=env, check=True)
        key = create_key(env, "bank")
        script = Path(tmp) / "pay.lua"
        lua = LUA % {
            "accounts": ",".join(f'"{a}"' for a in accounts),
            "cards": ",".join(f'"{c}"' for c in cards),
            "day": day,
        }
        headers = (
            f'wrk.headers["Authorization"] = "Bearer {key}"\n'
            'wrk.headers["Content-Type"] = "application/json"\n'
        )
        script.write_text(headers + lua)
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
        f"payments over HTTP (wrk, {args.connections} connections, {args.workers} workers, "
        f"{args.duration} s): {numbers['rps']:,.0f} requests/s; latency p50 "
        f"{numbers['p50']:.1f} ms, p90 {numbers['p90']:.1f} ms, p99 {numbers['p99']:.1f} ms; "
        f"{numbers['requests']:,.0f} requests, {numbers['non2xx']:.0f} not 2xx"
    )
    print(f"server peak memory (all workers): {memory:,.0f} MiB")
    print("goal: >= 2,500 requests/s at p99 <= 35 ms (Tazama: 2,497/s at p99 56 ms, 37 VMs)")


if __name__ == "__main__":
    main()
