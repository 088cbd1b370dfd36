"""Quality of the phishing and lookalike detector.

1. Outside adversary: dnstwist's fuzzers (all of them, with a small dictionary and TLD list)
   on every official domain of every protected brand; the share of permutations judged
   ``phishing`` or ``suspicious`` (a brand's own official domains are left out).
2. False positives: ``phishing``/``suspicious`` on the OpenDNS random-domain list (if
   ../shared/data is present; never used as an allowlist) and on the project's list of real
   Kazakh sites (bench/data/kz_sites.txt).

    .venv/bin/python bench/eval_urls.py [--brands kaspi,olx] [--show 5] [--below]
"""

from __future__ import annotations

import argparse
import resource
import time
from collections import Counter, defaultdict
from pathlib import Path

import dnstwist

from saqbol.detectors.urls import default_url_detector
from saqbol.rules import load_brands

ROOT = Path(__file__).resolve().parent.parent
OPENDNS = ROOT.parent / "shared" / "data" / "domains" / "opendns-random-domains.txt"
KZ_SITES = ROOT / "bench" / "data" / "kz_sites.txt"
# Words and zones that phishing against Kazakh brands glues on (dnstwist's dictionary and
# tld-swap fuzzers need them given).
DICTIONARY = ["bonus", "pay", "login", "secure", "kz", "online", "dostavka", "oplata", "id"]
# Zones where only the owner can register, so a permutation there is the brand's own: gov.kz
# (state bodies) and .yandex (Yandex's own top-level domain).
RESTRICTED = (".gov.kz", ".yandex")
TLDS = ["com", "ru", "net", "org", "kz", "online", "site", "top", "xyz", "info", "shop"]


def permutations(domain: str) -> list[dict]:
    fuzzer = dnstwist.Fuzzer(domain, dictionary=DICTIONARY, tld_dictionary=TLDS)
    fuzzer.generate()
    return [p for p in fuzzer.permutations(unicode=False) if p["fuzzer"] != "*original"]


def adversary(brand_keys: set[str] | None, show: int, below: bool = False) -> None:
    detector = default_url_detector()
    official = {d for b in load_brands() for d in b.official}
    by_fuzzer: dict[str, Counter] = defaultdict(Counter)
    missed_examples: list[str] = []
    worst: list[tuple[float, str]] = []
    short_of: list[tuple[float, str, Counter]] = []  # domains under 99%: their missed fuzzers
    total = caught = 0
    start = time.perf_counter()
    for brand in load_brands():
        if brand_keys and brand.key not in brand_keys:
            continue
        for domain in sorted(brand.official):
            perms = [
                p
                for p in permutations(domain)
                if p["domain"] not in official and not p["domain"].endswith(RESTRICTED)
            ]
            verdicts = detector.check_batch([p["domain"] for p in perms])
            hits = 0
            missed: Counter = Counter()
            for perm, verdict in zip(perms, verdicts, strict=True):
                flagged = verdict.label in {"phishing", "suspicious"}
                hits += flagged
                by_fuzzer[perm["fuzzer"]][flagged] += 1
                missed[perm["fuzzer"]] += not flagged
                if not flagged and len(missed_examples) < 10_000:
                    missed_examples.append(f"{domain} -> {perm['domain']} ({perm['fuzzer']})")
            total += len(perms)
            caught += hits
            worst.append((hits / max(len(perms), 1), f"{domain} ({len(perms)})"))
            if worst[-1][0] < 0.99:
                short_of.append((*worst[-1], +missed))
    elapsed = time.perf_counter() - start
    print(f"dnstwist permutations of {len(worst)} official domains: {total}")
    print(
        f"  flagged phishing/suspicious: {caught} = {caught / max(total, 1):.4f} ({elapsed:.0f} s)"
    )
    for fuzzer, counts in sorted(by_fuzzer.items()):
        n = counts[True] + counts[False]
        print(f"  {fuzzer:14} {counts[True]:7}/{n:<7} {counts[True] / n:.4f}")
    reached = sum(rate >= 0.99 for rate, _ in worst)
    print(f"  official domains with >= 99% flagged: {reached} of {len(worst)}")
    print(
        "  lowest domains: " + ", ".join(f"{name} {rate:.3f}" for rate, name in sorted(worst)[:8])
    )
    if below:
        for rate, name, missed in sorted(short_of):
            top = ", ".join(f"{fuzzer} {n}" for fuzzer, n in missed.most_common(4))
            print(f"  under 99%: {name} {rate:.3f}; missed by fuzzer: {top}")
    for line in missed_examples[:show]:
        print(f"  missed: {line}")


def false_positives(path: Path, name: str, show: int) -> None:
    if not path.exists():
        print(f"{name}: {path} not found; skipped")
        return
    domains = [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    verdicts = default_url_detector().check_batch(domains)
    flagged = [v for v in verdicts if v.label in {"phishing", "suspicious"}]
    errors = sum(v.label == "error" for v in verdicts)
    print(
        f"{name}: {len(domains)} domains, flagged {len(flagged)} = "
        f"{len(flagged) / len(domains):.4f} (phishing {sum(v.label == 'phishing' for v in flagged)}"
        f", suspicious {sum(v.label == 'suspicious' for v in flagged)}), unreadable {errors}"
    )
    for verdict in flagged[:show]:
        print(f"  flagged: {verdict.subject} {verdict.label} {[r.code for r in verdict.reasons]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--brands", help="comma-separated brand keys (default: all)")
    parser.add_argument("--show", type=int, default=5, help="examples of misses to print")
    parser.add_argument(
        "--below", action="store_true", help="list every domain under 99%% and what it misses"
    )
    args = parser.parse_args()
    keys = set(args.brands.split(",")) if args.brands else None
    adversary(keys, args.show, args.below)
    false_positives(OPENDNS, "OpenDNS random domains", args.show)
    false_positives(KZ_SITES, "Kazakh sites (bench/data/kz_sites.txt)", args.show)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MiB")


if __name__ == "__main__":
    main()
