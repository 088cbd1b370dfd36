"""Marketplace ad screening: a score, a decision and the reasons for every ad of a batch.

Each rule of ``rules/ads.yaml`` is a boolean column computed here (vectorised); the score is
the noisy-OR of the weights of the rules that fired, the decision comes from the thresholds,
and some rules decide on their own (a phishing link rejects). The slow, per-text parts (the
scam-message detector, the URL detector, IP geolocation) are handed in as callables by the
shell, so this module stays pure and testable with stand-ins.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import polars as pl
import pyarrow as pa
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from saqbol.detectors.ads.dupes import contact_keys, minhash, photo_pairs, text_pairs
from saqbol.detectors.ads.prices import PriceGroups, price_groups, price_reference
from saqbol.detectors.calls.numbers import classify
from saqbol.vocab import REGIONS

DECISIONS: Final = ("publish", "warn_buyers", "hold_for_review", "reject")
CROSS_SIMILARITY: Final = 0.8
MAX_PRICE_KZT: Final = 1e11  # a hundred billion tenge: no ad sells anything dearer
OFF_PLATFORM: Final = ("wa.me", "whatsapp.com", "t.me", "telegram.me", "viber.click")


@dataclass(frozen=True)
class AdRules:
    version: str
    thresholds: Mapping[str, float]  # warn_buyers, hold_for_review, reject
    weight: Mapping[str, float]
    decides: Mapping[str, str]  # rule -> decision it forces at least
    text: Mapping[str, Mapping[str, str]]
    rates: Mapping[str, float]
    chat_warning: Mapping[str, str]


def compile_ad_rules(data: Mapping[str, Any]) -> AdRules:
    rules = data["rules"]
    bad = {
        c: r["decides"] for c, r in rules.items() if r.get("decides", "publish") not in DECISIONS
    }
    if bad:
        raise ValueError(f"ads.yaml: unknown decisions {bad}")
    return AdRules(
        version=str(data["version"]),
        thresholds={k: float(v) for k, v in data["thresholds"].items()},
        weight={c: float(r["weight"]) for c, r in rules.items()},
        decides={c: r["decides"] for c, r in rules.items() if "decides" in r},
        text={c: r["text"] for c, r in rules.items()},
        rates={k: float(v) for k, v in data["rates"].items()},
        chat_warning=data["chat"]["warning"],
    )


@dataclass(frozen=True)
class AdContext:
    """What the shell looks up for a batch."""

    ip_country: Callable[[Sequence[str]], Sequence[str | None]]  # IPv4/6 text -> ISO code
    text_scam: Callable[[Sequence[str]], Sequence[tuple[bool, str]]] | None = (
        None  # (scam, typology)
    )
    url_verdict: Callable[[Sequence[str]], Sequence[str]] | None = None  # phishing|suspicious|ok
    registry_phones: frozenset[str] = field(default_factory=frozenset)
    registry_ips: frozenset[str] = field(default_factory=frozenset)


def _phone_regions(phones: pl.Series) -> tuple[list[str | None], list[str | None]]:
    """E.164 number and region per phone, each distinct text classified once (a seller's
    number repeats on all their ads); (None, None) for what is not a reachable number."""
    distinct = phones.unique().to_list()
    found = {}
    for raw in distinct:
        number, kind, region = classify(raw)
        bad = kind in ("invalid", "short", "unallocated") or number is None
        found[raw] = (None, None) if bad else (number, region)
    pairs = [found[raw] for raw in phones.to_list()]
    return [n for n, _ in pairs], [r for _, r in pairs]


@dataclass(frozen=True)
class _Lookups:
    """The per-ad answers that cost Python time (detectors, geolocation, number plans)."""

    signin_region: list[str | None]
    phone_listed: np.ndarray
    post_country: Sequence[str | None]
    signin_country: Sequence[str | None]
    links: list[list[str]]
    url_label: dict[str, str]
    scam: Sequence[tuple[bool, str]]


def _look_up(ads: pl.DataFrame, ctx: AdContext) -> _Lookups:
    signin_number, signin_region = _phone_regions(ads["signin_phone"])
    seller_number, _ = _phone_regions(ads["seller_phone"])
    listed = ctx.registry_phones
    phone_listed = np.array(
        [a in listed or b in listed for a, b in zip(seller_number, signin_number, strict=True)],
        dtype=bool,
    )
    links = ads["links"].fill_null([]).to_list()
    all_links = sorted({u for row in links for u in row})
    url_label = (
        dict(zip(all_links, ctx.url_verdict(all_links), strict=True)) if ctx.url_verdict else {}
    )
    texts = (ads["title"].fill_null("") + "\n" + ads["text"].fill_null("")).to_list()
    return _Lookups(
        signin_region=signin_region,
        phone_listed=phone_listed,
        post_country=ctx.ip_country(ads["post_ip"].fill_null("").to_list()),
        signin_country=ctx.ip_country(ads["signin_ip"].fill_null("").to_list()),
        links=links,
        url_label=url_label,
        scam=ctx.text_scam(texts) if ctx.text_scam else [(False, "")] * len(texts),
    )


def _same_contact(pairs: pl.DataFrame, keys: pl.DataFrame) -> pl.DataFrame:
    """The pairs (a, b) whose ads give at least one phone or handle in common."""
    left = pairs.join(keys.rename({"row": "a"}), on="a")
    return left.join(keys.rename({"row": "b"}), on=["b", "key"]).select("a", "b").unique()


SOURCES: Final = ("post_ip", "device_id")  # a copy comes from the same IP or device


def duplicate_groups(ads: pl.DataFrame) -> pl.DataFrame:
    """Per ad: ``dup_places`` (its own city plus the other cities of ads that are copies of it
    and came from the same IP or device) and ``dup_group`` (ads joined by such cross-city
    copies; -1 when none). ``copy_pairs`` then ``group_copies``, which a batch too large for
    memory runs in parts (``services.ad_screening``).

    A copy is a photo within a few bits; a text with MinHash similarity at least
    ``CROSS_SIMILARITY`` (stricter than the search threshold: an agency's template with other
    flats in it is similar, the same car's ad re-typed for another city is nearly equal); or a
    text at the search threshold that sends buyers to the same phone or Telegram handle (a
    fake-job ring re-words its vacancy for every city, its number stays). Only direct pairs
    count, so an agency's many ads in one city cannot chain two cities. The place is the city
    (case and spaces ignored): an ad without one is nobody's copy in another city, and a
    missing region does not make "Атырау" a second place.
    """
    return group_copies(copy_pairs(ads), ads["city"])


def copy_pairs(ads: pl.DataFrame, sources: Sequence[str] = SOURCES) -> pl.DataFrame:
    """Pairs (a, b) of rows (a < b) that are copies from one of the ``sources`` columns
    (see ``duplicate_groups``); ``ads`` needs ``text``, ``contacts``, ``links``,
    ``photo_hashes`` and those columns."""
    sig = minhash(ads["text"])
    contacts = contact_keys(ads["contacts"], ads["links"])
    parts = [pl.DataFrame(schema={"a": pl.Int64, "b": pl.Int64})]
    for column in sources:  # near-identical *and* from one IP or device
        source = ads[column].cast(pl.Categorical).to_physical().fill_null(-1).to_numpy()
        texts = text_pairs(sig, source)
        parts += [
            texts.filter(pl.col("similarity") >= CROSS_SIMILARITY).select("a", "b"),
            _same_contact(texts.select("a", "b"), contacts),
            photo_pairs(ads["photo_hashes"], source),
        ]
    return pl.concat([p.cast(pl.Int64) for p in parts]).unique()


def group_copies(pairs: pl.DataFrame, cities: pl.Series) -> pl.DataFrame:
    """``dup_group`` and ``dup_places`` per row (see ``duplicate_groups``) from the copy
    ``pairs`` of rows whose cities are ``cities``."""
    n = len(cities)
    city = cities.str.to_lowercase().str.strip_chars().replace("", None)
    place = city.cast(pl.Categorical).to_physical().cast(pl.Int64).fill_null(-1).to_numpy()
    a, b = pairs["a"].to_numpy(), pairs["b"].to_numpy()
    cross = (place[a] != place[b]) & (place[a] >= 0) & (place[b] >= 0)
    a, b = a[cross], b[cross]
    adj = coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n))
    _, label = connected_components(adj, directed=False)
    linked = np.zeros(n, dtype=bool)
    linked[a] = linked[b] = True
    partners = pl.DataFrame(
        {
            "ad": np.concatenate([a, b, np.arange(n)]),
            "place": np.concatenate([place[b], place[a], place]),
        }
    )
    places = partners.group_by("ad").agg(pl.col("place").n_unique().alias("p")).sort("ad")
    return pl.DataFrame(
        {"dup_group": np.where(linked, label, -1), "dup_places": places["p"].cast(pl.Int64)}
    )


def priced(ads: pl.DataFrame, rules: AdRules) -> tuple[pl.DataFrame, pl.Series, pl.Series]:
    """``ads`` (at least ``price``, ``currency`` and ``region``) with ``price_kzt`` (null
    unless judged) and ``region`` ("unknown" when not a known region); whether each price is
    judged, whether each region is known."""
    rates = rules.rates
    known_currency = ads["currency"].is_in(list(rates)).fill_null(False)
    rate = ads["currency"].replace_strict(list(rates), list(rates.values()), default=None)
    price_kzt = ads["price"].cast(pl.Float64) * rate
    absurd = (price_kzt <= 0) | (price_kzt >= MAX_PRICE_KZT)
    judged = price_kzt.is_not_null() & ~absurd.fill_null(False) & known_currency
    region_known = ads["region"].is_in(list(REGIONS)).fill_null(False)
    frame = ads.with_columns(
        pl.when(judged).then(price_kzt).alias("price_kzt"),
        pl.when(region_known).then(pl.col("region")).otherwise(pl.lit("unknown")).alias("region"),
    )
    return frame, judged, region_known


def _nearby(reference: pl.DataFrame, ads: pl.DataFrame) -> pl.DataFrame:
    """The reference ads posted from an IP or device of ``ads``: the only ones that can be
    copies of them (a copy must come from the same IP or device)."""
    ips = ads["post_ip"].drop_nulls().unique().implode()
    devices = ads["device_id"].drop_nulls().unique().implode()
    return reference.filter(pl.col("post_ip").is_in(ips) | pl.col("device_id").is_in(devices))


@dataclass(frozen=True)
class AdReference:
    """The platform's recent ads, prepared once per export by ``ad_reference``: priced like
    the ads being screened, and their price groups."""

    ads: pl.DataFrame
    prices: PriceGroups


def ad_reference(ads: pl.DataFrame, rules: AdRules) -> AdReference:
    known, _, _ = priced(ads, rules)
    return AdReference(known, price_groups(known))


def reference_nearby(ads: pl.DataFrame, reference: AdReference) -> pl.DataFrame:
    """The reference's ads that copies of ``ads`` (``ad_id``, ``post_ip``, ``device_id`` at
    least) may be: from their IPs and devices, and not the same ads (one re-sent is not its
    own copy)."""
    others = reference.ads.filter(~pl.col("ad_id").is_in(ads["ad_id"].implode()))
    return _nearby(others, ads)


def _copy_input(ads: pl.DataFrame, reference: AdReference | None) -> pl.DataFrame:
    """What copies of ``ads`` are searched among: the ads, after ``reference_nearby`` (the
    last rows are ``ads``)."""
    if reference is None:
        return ads
    nearby = reference_nearby(ads, reference).select(ads.columns).cast(ads.schema, strict=False)
    return pl.concat([nearby, ads])


def screen_ads(
    ads: pl.DataFrame,
    ctx: AdContext,
    rules: AdRules,
    reference: AdReference | None = None,
    *,
    market: PriceGroups | None = None,
    copies: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """One row per ad, same order: ``ad_id``, ``score``, ``decision``, ``reasons`` (codes),
    ``params`` (JSON-able values the reasons' texts name).

    ``reference``: the platform's recent ads, not judged themselves. Prices are compared with
    their medians (without one, with the batch's own), and an ad that copies one of them in
    another city from the same IP or device is a copy, so an API call with one ad is judged
    against the market too.

    ``market`` and ``copies``: the price groups and the ``duplicate_groups`` rows of these ads,
    worked out beforehand over a larger batch that this one is a part of.
    """
    frame, judged, region_known = priced(ads, rules)
    n = ads.height
    # The lookups are Python loops holding the GIL; prices and near-duplicates are Polars and
    # numpy, which release it: run side by side they use both cores.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(_look_up, ads, ctx)
        prices = price_reference(frame, market or (reference.prices if reference else None))
        if copies is None:
            copies = duplicate_groups(_copy_input(frame, reference)).tail(n)
        found = pending.result()
    links, url_label, post_country = found.links, found.url_label, found.post_country

    def host(url: str) -> str:
        return url.split("//", 1)[-1].split("/", 1)[0].lower()

    cols: dict[str, np.ndarray] = {
        "ad.foreign_signin_phone": np.array(
            [r is not None and r != "KZ" for r in found.signin_region], dtype=bool
        ),
        "ad.foreign_ip": np.array(
            [
                (c is not None and c != "KZ") or (d is not None and d != "KZ")
                for c, d in zip(post_country, found.signin_country, strict=True)
            ]
        ),
        "ad.duplicate_across_regions": (copies["dup_group"].to_numpy() >= 0)
        & (copies["dup_places"].to_numpy() >= 2),
        "ad.price_far_below": prices["price_far_below"].to_numpy(),
        "ad.text_scam": np.array([scam for scam, _ in found.scam], dtype=bool),
        "ad.phishing_link": np.array(
            [any(url_label.get(u) == "phishing" for u in row) for row in links]
        ),
        "ad.suspicious_link": np.array(
            [any(url_label.get(u) == "suspicious" for u in row) for row in links]
        ),
        "ad.off_platform_contact": np.array(
            [any(host(u).endswith(OFF_PLATFORM) for u in row) for row in links]
        ),
        "ad.registry": found.phone_listed
        | ads["post_ip"].is_in(list(ctx.registry_ips)).fill_null(False).to_numpy(),
        "ad.bad_price": (~judged).to_numpy() & ads["price"].is_not_null().to_numpy(),
        "ad.unknown_region": (~region_known).to_numpy(),
    }
    order = [c for c in rules.weight if c in cols]
    fired = np.column_stack([cols[c] for c in order]) if order else np.zeros((n, 0), dtype=bool)
    weights = np.array([rules.weight[c] for c in order])
    score = 1 - np.prod(np.where(fired, 1 - weights, 1.0), axis=1)
    t = rules.thresholds
    level = np.select(
        [score >= t["reject"], score >= t["hold_for_review"], score >= t["warn_buyers"]],
        [3, 2, 1],
        0,
    )
    for code, decision in rules.decides.items():
        if code in cols:
            level = np.where(cols[code], np.maximum(level, DECISIONS.index(decision)), level)
    rows, rules_fired = np.nonzero(fired)  # row-major: each ad's rules in the rules' order
    offsets = np.r_[0, np.cumsum(np.bincount(rows, minlength=n))].astype(np.int32)
    reasons = pa.ListArray.from_arrays(
        pa.array(offsets), pa.array(np.asarray(order, dtype=object)[rules_fired], pa.string())
    )
    params = pl.DataFrame(
        {
            "below_pct": (prices["below_share"] * 100).round(0),
            "median_price": prices["median_price"].round(0),
            "reference": prices["reference"],
            "dup_places": copies["dup_places"],
            "post_country": pl.Series(list(post_country), dtype=pl.String),
            "signin_region": pl.Series(found.signin_region, dtype=pl.String),
        }
    )
    return pl.DataFrame(
        {
            "ad_id": ads["ad_id"],
            "score": score,
            "decision": np.asarray(DECISIONS)[level],
            "reasons": pl.Series(reasons, dtype=pl.List(pl.String)),
            "text_typology": pl.Series([ty for _, ty in found.scam], dtype=pl.String),
        }
    ).hstack(params)
