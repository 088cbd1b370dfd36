"""How many victim reports per second the API accepts on loopback.

Starts `saqbol serve` (uvicorn, one process) on a fresh database, then posts synthetic reports
(each naming 2-3 entities, so every request upserts entities, links them and extends the audit
chain) from several client threads over keep-alive connections.

    .venv/bin/python bench/bench_reports_api.py [--reports 3000] [--threads 8] [--repeat 3]
        [--database-url postgresql+psycopg://...]

Prints throughput, latency percentiles and peak memory of the server and of this client.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from saqbol.synth.demo import demo_reports

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def start_server(env: dict[str, str], port: int, log: IO[bytes]) -> subprocess.Popen[bytes]:
    subprocess.run([BIN / "saqbol", "db", "upgrade"], env=env, check=True, capture_output=True)
    command = [BIN / "saqbol", "serve", "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    for _ in range(200):
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/healthz")
            return server
        except OSError:
            time.sleep(0.05)
    server.kill()
    raise SystemExit("server did not start")


def create_key(env: dict[str, str], role: str = "citizen") -> str:
    """A fresh API key of ``role`` in the database ``env`` names."""
    out = subprocess.run(
        [BIN / "saqbol", "keys", "create", "--role", role, "--name", "bench", "--json"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)["key"]


def post_all(port: int, key: str, bodies: list[bytes], threads: int) -> list[float]:
    local = threading.local()
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}

    def post(body: bytes) -> float:
        if not hasattr(local, "conn"):
            local.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        start = time.perf_counter()
        local.conn.request("POST", "/v1/reports", body=body, headers=headers)
        response = local.conn.getresponse()
        response.read()
        if response.status != 201:
            raise RuntimeError(f"HTTP {response.status}")
        return time.perf_counter() - start

    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(post, bodies))


def run_once(args: argparse.Namespace, bodies: list[bytes]) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/bench.db"
        env = {**os.environ, "SAQBOL_DATABASE_URL": url}
        key, port = create_key(env), free_port()
        log = open(f"{tmp}/server.log", "wb")  # noqa: SIM115  (closed below, kept on failure)
        server = start_server(env, port, log)
        try:
            start = time.perf_counter()
            latencies = post_all(port, key, bodies, args.threads)
            elapsed = time.perf_counter() - start
            server_peak = peak_rss_mib(server.pid)
        except Exception:
            sys.stderr.write(Path(f"{tmp}/server.log").read_text()[-4000:])
            raise
        finally:
            server.terminate()
            server.wait()
            log.close()
    quantiles = statistics.quantiles(latencies, n=100)
    return {
        "rps": len(bodies) / elapsed,
        "p50": quantiles[49] * 1000,
        "p95": quantiles[94] * 1000,
        "p99": quantiles[98] * 1000,
        "server_mib": server_peak,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=3000)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    args = parser.parse_args()
    now = datetime.now(UTC)
    bodies = [r.model_dump_json().encode() for r in demo_reports(args.reports, 11, now)]
    backend = (args.database_url or "sqlite").split(":")[0]
    print(
        f"POST /v1/reports: {args.reports} reports, {args.threads} client threads, {backend}, "
        f"{os.cpu_count()} CPUs"
    )
    runs = []
    for i in range(args.repeat):
        result = run_once(args, bodies)
        runs.append(result)
        print(
            f"  run {i + 1}: {result['rps']:.0f} reports/s  p50 {result['p50']:.1f} ms  "
            f"p95 {result['p95']:.1f} ms  p99 {result['p99']:.1f} ms  "
            f"server peak RSS {result['server_mib']:.0f} MiB"
        )
    median = statistics.median(r["rps"] for r in runs)
    client_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"median: {median:.0f} reports/s; client peak RSS {client_peak:.0f} MiB")


if __name__ == "__main__":
    main()
