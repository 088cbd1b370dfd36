"""Start `saqbol serve` and drive it with wrk: shared by the HTTP benchmarks."""

from __future__ import annotations

import http.client
import re
import subprocess
import time
from pathlib import Path

from bench_reports_api import BIN, create_key, free_port

__all__ = ["BIN", "create_key", "serve_and_load"]


def peak_rss_mib(pid: int) -> float:
    """Peak resident memory of a process and its children (the uvicorn workers); the
    single-process ``bench_reports_api.peak_rss_mib`` would miss the workers."""
    total = 0.0
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1]) / 1024
        except OSError:
            pass
    return total


def wait_for(port: int) -> None:
    for _ in range(400):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.05)
    raise SystemExit("server did not start")


def parse_wrk(out: str) -> dict[str, float]:
    def ms(text: str) -> float:
        value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])}  # type: ignore[index]
    for pct in ("50", "90", "99"):
        result[f"p{pct}"] = ms(re.search(rf"\s{pct}%\s+(\S+)", out)[1])  # type: ignore[index]
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    result["non2xx"] = float(errors[1]) if errors else 0.0
    result["requests"] = float(re.search(r"(\d+) requests in", out)[1])  # type: ignore[index]
    return result


def serve_and_load(
    *,
    env: dict[str, str],
    script: Path,
    workers: int,
    connections: int,
    duration: int,
    warmup: int,
    log_path: Path,
) -> tuple[dict[str, float], float]:
    """Serve with ``workers`` processes, warm up, then load for ``duration`` seconds. Returns
    wrk's numbers and the server's peak memory (MiB); prints the server log on errors."""
    port = free_port()
    command = [BIN / "saqbol", "serve", "--port", str(port), "--workers", str(workers)]
    with open(log_path, "wb") as log:
        server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_for(port)
            url = f"http://127.0.0.1:{port}"
            wrk = ["wrk", "-t", "1", "-c", str(connections), "--latency", "-s", str(script)]
            subprocess.run([*wrk, "-d", f"{warmup}s", url], check=True, capture_output=True)
            run = subprocess.run(
                [*wrk, "-d", f"{duration}s", url], check=True, capture_output=True, text=True
            )
            numbers = parse_wrk(run.stdout)
            memory = peak_rss_mib(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
    if numbers["non2xx"]:
        print(log_path.read_text()[-3000:])
    return numbers, memory
