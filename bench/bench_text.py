"""Throughput of the scam-message detector's batch path on one core, and HTTP latency.

    .venv/bin/python bench/bench_text.py [--messages 50000] [--repeat 3] [--http 1000]

Batch: messages from the project's corpus, cycled, in chunks of 1,000 through
``TextDetector.detect_batch`` with the process pinned to one CPU. HTTP: sequential
``POST /v1/check/text`` requests from one client on loopback; p50 and p99 latency.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

from bench_reports_api import create_key, free_port, start_server  # noqa: E402

from saqbol.detectors.text import Message, default_detector  # noqa: E402

CHUNK = 1000


def corpus_texts() -> list[str]:
    path = ROOT / "corpus" / "messages.jsonl"
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]


def batch_rate(texts: list[str], n: int) -> float:
    detector = default_detector()
    detector.detect_batch([Message(t) for t in texts[:100]])  # warm caches
    stream = itertools.islice(itertools.cycle(texts), n)
    start = time.perf_counter()
    while chunk := list(itertools.islice(stream, CHUNK)):
        detector.detect_batch([Message(t) for t in chunk])
    return n / (time.perf_counter() - start)


def http_latency(texts: list[str], n: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "SAQBOL_DATABASE_URL": f"sqlite:///{tmp}/bench.db"}
        key, port = create_key(env), free_port()
        with open(f"{tmp}/server.log", "wb") as log:
            server = start_server(env, port, log)
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
                latencies = []
                for text in itertools.islice(itertools.cycle(texts), n + 20):
                    body = json.dumps({"text": text}).encode()
                    start = time.perf_counter()
                    conn.request("POST", "/v1/check/text", body=body, headers=headers)
                    response = conn.getresponse()
                    response.read()
                    latencies.append(time.perf_counter() - start)
                    assert response.status == 200, response.status
            finally:
                server.terminate()
                server.wait()
    q = statistics.quantiles(latencies[20:], n=100)
    return q[49] * 1000, q[98] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--http", type=int, default=1000)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    texts = corpus_texts()
    mean_len = statistics.mean(len(t) for t in texts)
    print(
        f"text detector batch path, one core, {args.messages} messages "
        f"(corpus cycled, mean {mean_len:.0f} chars)"
    )
    rates = []
    for i in range(args.repeat):
        rates.append(batch_rate(texts, args.messages))
        print(f"  run {i + 1}: {rates[-1]:,.0f} messages/s")
    print(
        f"median: {statistics.median(rates):,.0f} messages/s (best {max(rates):,.0f}, worst "
        f"{min(rates):,.0f}; this machine's neighbours make runs vary by up to 20%)"
    )
    if args.http:
        p50, p99 = http_latency(texts, args.http)
        print(
            f"HTTP POST /v1/check/text, {args.http} sequential requests on loopback: "
            f"p50 {p50:.1f} ms, p99 {p99:.1f} ms"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS (this process) {peak:.0f} MiB")


if __name__ == "__main__":
    main()
