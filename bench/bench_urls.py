"""Throughput of the phishing and lookalike detector's batch path on one core.

    .venv/bin/python bench/bench_urls.py [--urls 100000] [--repeat 3]

Input: every domain of the OpenDNS random and top lists (if ../shared/data is present) and
of the project's Kazakh site list, plus lookalikes of the protected brands, each written as
a full link with a path, cycled; judged in chunks of 1,000 with the process pinned to one CPU.
No result is cached between links, so a repeated link costs the same as a new one.
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import statistics
import time
from pathlib import Path

from saqbol.detectors.urls import default_url_detector

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    ROOT.parent / "shared" / "data" / "domains" / "opendns-random-domains.txt",
    ROOT.parent / "shared" / "data" / "domains" / "opendns-top-domains.txt",
    ROOT / "bench" / "data" / "kz_sites.txt",
]
LOOKALIKES = [
    "kapsi.kz", "kaspi-bonus.online", "xn--kspi-53d.kz", "olx-dostavka.kz", "egov-pay.kz",
    "halykbank.kz.verify-login.ru", "homebank-kz.top", "kolesa-oplata.site", "bit.ly/3abc",
    "185.22.10.4", "kaspi.com", "krisha-arenda.xyz",
]  # fmt: skip
CHUNK = 1000


def urls() -> list[str]:
    domains = list(LOOKALIKES)
    for path in SOURCES:
        if path.exists():
            domains += [
                line.strip()
                for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")
            ]
    return [f"https://{d}/login/confirm?id={i}" for i, d in enumerate(domains)]


def rate(links: list[str], n: int) -> float:
    detector = default_url_detector()
    detector.check_batch(links[:200])  # build the brand index first
    stream = itertools.islice(itertools.cycle(links), n)
    start = time.perf_counter()
    while chunk := list(itertools.islice(stream, CHUNK)):
        detector.skeleton.cache_clear()  # judge every link from scratch, on every cycle
        detector.check_batch(chunk)
    return n / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--urls", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    links = urls()
    print(f"URL detector batch path, one core, {args.urls} links ({len(links)} distinct, cycled)")
    rates = []
    for i in range(args.repeat):
        rates.append(rate(links, args.urls))
        print(f"  run {i + 1}: {rates[-1]:,.0f} URLs/s")
    print(
        f"median: {statistics.median(rates):,.0f} URLs/s (best {max(rates):,.0f}, worst "
        f"{min(rates):,.0f}; this machine's neighbours make runs vary by up to 20%)"
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MiB")


if __name__ == "__main__":
    main()
