"""An outside adversary: dnstwist's permutations of protected brands' domains (all fuzzers,
with a dictionary of lure words and a list of zones) must be judged phishing or suspicious.
``bench/eval_urls.py`` runs this for every brand; the test takes a sample."""

from __future__ import annotations

import pytest

dnstwist = pytest.importorskip("dnstwist")

from saqbol.detectors.urls import default_url_detector  # noqa: E402
from saqbol.rules import load_brands  # noqa: E402

DICTIONARY = ["bonus", "pay", "login", "secure", "kz", "online", "dostavka", "oplata", "id"]
TLDS = ["com", "ru", "net", "org", "kz", "online", "site", "top", "xyz", "info", "shop"]
# Kazakh brands, short official labels (t.me, vk.com), everyday words (post.kz) and a name that
# only look-alike letters reach (binance.us: bimarce, dlnance).
SAMPLE = [
    "kaspi.kz", "egov.kz", "olx.kz", "halykbank.kz", "krisha.kz", "kolesa.kz", "t.me", "vk.com",
    "ya.ru", "post.kz", "mail.ru", "binance.us",
]  # fmt: skip


def test_dnstwist_permutations_of_kazakh_brands_are_flagged() -> None:
    official = {domain for brand in load_brands() for domain in brand.official}
    detector = default_url_detector()
    total = flagged = 0
    for domain in SAMPLE:
        fuzzer = dnstwist.Fuzzer(domain, dictionary=DICTIONARY, tld_dictionary=TLDS)
        fuzzer.generate()
        names = [p["domain"] for p in fuzzer.permutations() if p["domain"] not in official]
        verdicts = detector.check_batch(names)
        hits = sum(v.label in {"phishing", "suspicious"} for v in verdicts)
        assert hits / len(names) >= 0.99, domain  # every domain (see bench/eval_urls.py)
        total, flagged = total + len(names), flagged + hits
    assert flagged / total >= 0.99
