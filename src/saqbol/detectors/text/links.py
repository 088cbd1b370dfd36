"""Cues from the links a message carries: shorteners, raw IPs, punycode, brand lookalikes.

A stand-in until the URL detector exists; when it does, its verdicts are passed in as
``url_verdicts`` and take precedence (see ``detect``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from saqbol.detectors.verdict import Reason, Verdict
from saqbol.entities import parse_url
from saqbol.errors import InvalidIdentifier
from saqbol.rules import LinkRules


def link_reasons(
    urls: Iterable[str], rules: LinkRules, url_verdicts: Mapping[str, Verdict] | None = None
) -> list[Reason]:
    reasons: list[Reason] = []
    for url in urls:
        verdict = (url_verdicts or {}).get(url)
        if verdict is not None:
            reasons.extend(verdict.reasons)
            continue
        reasons.extend(_one(url, rules))
    return reasons


def _one(url: str, rules: LinkRules) -> list[Reason]:
    try:
        details = parse_url(url).details
    except InvalidIdentifier:
        return []
    host = str(details.get("host_ascii", ""))
    domain = str(details.get("registered_domain", "") or host)
    if details.get("is_ip_host"):
        return [Reason("text.link.raw_ip", 0.0, {"host": host})]
    if domain in rules.shorteners or host in rules.shorteners:
        return [Reason("text.link.shortener", 0.0, {"host": host})]
    found = []
    if details.get("is_idn") or "xn--" in host:
        found.append(Reason("text.link.punycode", 0.0, {"host": host}))
    brand = next((b for token, b in rules.brand_tokens.items() if token in host), None)
    if brand is not None:
        if domain in rules.official_domains[brand]:
            found.append(Reason("text.link.official", 0.0, {"host": host}))
        else:
            found.append(Reason("text.link.lookalike", 0.0, {"host": host, "brand": brand}))
    return found
