"""Cues from the links a message carries: shorteners, raw IPs, punycode, brand lookalikes.

The shell passes the URL detector's verdicts in as ``url_verdicts`` and they take
precedence; without them (the pure batch path) a quick look at the host stands in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from saqbol.detectors.verdict import Reason, Verdict
from saqbol.entities import parse_url
from saqbol.errors import InvalidIdentifier
from saqbol.rules import LinkRules


def link_reasons(
    urls: Iterable[str],
    rules: LinkRules,
    url_verdicts: Mapping[str, Verdict] | None = None,
    cache: dict[str, tuple[Reason, ...]] | None = None,
) -> list[Reason]:
    reasons: list[Reason] = []
    for url in urls:
        verdict = (url_verdicts or {}).get(url)
        if verdict is not None:
            reasons.extend(_from_url_verdict(verdict))
            continue
        reasons.extend(_one(url, rules, cache))
    return reasons


def _from_url_verdict(verdict: Verdict) -> list[Reason]:
    """The URL detector's verdict as a message cue: phishing, suspicious or official."""
    params = {"host": getattr(verdict, "host", "") or verdict.subject}
    brand = getattr(verdict, "brand", None)
    if verdict.label in {"phishing", "suspicious"}:
        code = f"text.link.{verdict.label}"
        return [Reason(code, 0.0, {**params, "brand": brand or "-"})]
    if any(r.code == "url.official" for r in verdict.reasons):
        return [Reason("text.link.official", 0.0, params)]
    return []


def _one(url: str, rules: LinkRules, cache: dict[str, tuple[Reason, ...]] | None) -> list[Reason]:
    if cache is None:
        return _reasons(url, rules)
    found = cache.get(url)
    if found is None:
        if len(cache) >= CACHE_SIZE:
            cache.clear()
        found = cache[url] = tuple(_reasons(url, rules))
    return list(found)


# Mass campaigns repeat the same links; callers may keep recent answers (judging is pure).
CACHE_SIZE = 65536


def _reasons(url: str, rules: LinkRules) -> list[Reason]:
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
