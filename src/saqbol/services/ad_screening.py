"""The marketplace's side of ad screening: geolocate IPs offline, ask the text and URL
detectors, look numbers up on the registry, screen, write; and chat-message warnings.

IP geolocation uses the database shipped inside the ``geoip2fast`` package (no network). The
scam-message detector reads only ads whose text mentions money, delivery, contacts or work
(``ASKS``): a plain "selling a sofa, 40,000, write on WhatsApp" cannot be a prepayment scam,
and skipping those keeps the detector, the slowest step, off most ads. Links are judged by the
URL detector whatever the text says.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import polars as pl

from saqbol.detectors.ads.columns import AD_SCHEMA
from saqbol.detectors.ads.screen import AdContext, AdRules, screen_ads
from saqbol.errors import InvalidInput

ASKS = (
    r"(?i)предоплат|алдын ала|аванс|на карт|картаға|kaspi gold|каспи голд|курьер|заработ|"
    r"табыс|казпочт|сдэк|cdek|залог|депозит|бронир"
)


@lru_cache(maxsize=1)
def _geo() -> Any:
    from geoip2fast import GeoIP2Fast

    return GeoIP2Fast()


def ip_countries(ips: Sequence[str]) -> list[str | None]:
    """ISO country per IP text; None for a malformed, private or unknown address."""
    geo = _geo()
    cache: dict[str, str | None] = {}
    out = []
    for ip in ips:
        if ip not in cache:
            code = geo.lookup(ip).country_code if ip else ""
            cache[ip] = code if code and len(code) == 2 and code.isalpha() else None
        out.append(cache[ip])
    return out


def text_scam_checker() -> Callable[[Sequence[str]], list[tuple[bool, str]]]:
    from saqbol.detectors.text import default_detector
    from saqbol.detectors.text.detector import Message

    detector = default_detector()

    def check(texts: Sequence[str]) -> list[tuple[bool, str]]:
        out: list[tuple[bool, str]] = [(False, "")] * len(texts)
        asks = pl.Series(texts, dtype=pl.String).str.contains(ASKS).arg_true().to_list()
        messages = [Message(texts[i][: detector.params.max_chars] or " ") for i in asks]
        for i, verdict in zip(asks, detector.detect_batch(messages), strict=True):
            out[i] = (verdict.label == "scam", verdict.typology)
        return out

    return check


def url_checker() -> Callable[[Sequence[str]], list[str]]:
    from saqbol.detectors.urls import default_url_detector

    detector = default_url_detector()

    def check(urls: Sequence[str]) -> list[str]:
        return [v.label for v in detector.check_batch(list(urls))]

    return check


def default_context(
    registry_phones: frozenset[str] = frozenset(), registry_ips: frozenset[str] = frozenset()
) -> AdContext:
    return AdContext(
        ip_country=ip_countries,
        text_scam=text_scam_checker(),
        url_verdict=url_checker(),
        registry_phones=registry_phones,
        registry_ips=registry_ips,
    )


def read_ads(path: Path) -> pl.DataFrame:
    """Ads from Parquet (the columns of AD_SCHEMA; missing optional lists become empty)."""
    if not path.is_file():
        raise InvalidInput(f"no such file: {path}", field="input")
    try:
        frame = pl.read_parquet(path)
    except (pl.exceptions.PolarsError, OSError) as exc:
        raise InvalidInput(f"cannot read {path.name}: {exc}", field="input") from None
    required = ("ad_id", "category", "title", "text", "price", "currency", "region", "city",
                "posted_at")  # fmt: skip
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise InvalidInput(f"missing columns: {', '.join(missing)}", field="input")
    for name, dtype in AD_SCHEMA.items():
        if name not in frame.columns:
            frame = frame.with_columns(pl.lit(None, dtype).alias(name))
    return frame.select(list(AD_SCHEMA)).cast(AD_SCHEMA, strict=False)  # type: ignore[arg-type]


def screen_file(source: Path, out: Path, rules: AdRules, context: AdContext) -> pl.DataFrame:
    ads = read_ads(source)
    result = screen_ads(ads, context, rules)
    result.write_parquet(out)
    return result


def render_reasons(row: dict[str, Any], rules: AdRules, lang: str) -> list[dict[str, str]]:
    """An ad's reasons in words, filled with the numbers they name."""
    place = {
        "region": {"kk": "өңірдегі", "ru": "в регионе", "en": "in the region"},
        "country": {"kk": "елдегі", "ru": "по стране", "en": "nationwide"},
    }.get(row.get("reference") or "", {"kk": "", "ru": "", "en": ""})

    def show(v: Any) -> Any:
        if v is None:
            return "?"
        return f"{v:,.0f}".replace(",", " ") if isinstance(v, float) else v

    values = {k: show(v) for k, v in row.items()}
    values |= {f"reference_{k}": v for k, v in place.items()}
    out = []
    for code in row["reasons"]:
        texts = rules.text[code]
        out.append({"code": code, "text": (texts.get(lang) or texts["ru"]).format_map(values)})
    return out


def screen_chat(
    text: str,
    url_check: Callable[[Sequence[str]], list[str]],
    warning: dict[str, str],
    lang: str,
) -> dict[str, Any]:
    """A buyer-seller message: its links judged; a warning for the recipient when one is a
    phishing or a suspicious (payment, delivery) link, as the Ministry asked of platforms."""
    from saqbol.detectors.text.extract import extract

    links = [f.value for f in extract(text) if f.type == "url"]
    labels = url_check(links) if links else []
    risky = [{"url": u, "verdict": v} for u, v in zip(links, labels, strict=True) if v != "ok"]
    warn = any(r["verdict"] in ("phishing", "suspicious") for r in risky)
    return {
        "warn": warn,
        "warning": (warning.get(lang) or warning["ru"]) if warn else None,
        "links": [{"url": u, "verdict": v} for u, v in zip(links, labels, strict=True)],
    }
