"""The honest bulk: listings drawn as integer codes, a block at a time, with re-posts.

A block is a dict of numpy columns (``Batch``). Each block's slots are either fresh listings or
re-posts: a seller re-posting a listing of theirs some days later, same city, same text, photos
re-uploaded (0-4 bits flipped), possibly a small price cut. Listings due for a re-post wait in a
queue that only holds the next two weeks' worth, so memory stays flat.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from saqbol.detectors.ads.columns import CATEGORIES, KZT_PER_USD
from saqbol.synth.ads import network as net
from saqbol.synth.ads.catalog import (
    CAT,
    CAT_NULL,
    CAT_P,
    CAT_PHOTOS,
    CAT_PLATFORM_P,
    CAT_PLATFORMS,
    CAT_SIGMA,
    CAT_USD,
    CITY_P,
    COLORS,
    FLOORS,
    ITEM_LO,
    ITEM_PRICE,
    ITEM_W,
    ITEM_YEAR,
    LANG_P,
    ROOM_CATS,
    ROOMS_P,
    STOCK_CATS,
    STREETS,
    market_price,
    round_price,
    to_usd,
)
from saqbol.synth.ads.clock import US_PER_DAY, Clock
from saqbol.synth.ads.photos import MAX_PHOTOS, PhotoBank, reupload
from saqbol.synth.ads.render import TABLES
from saqbol.synth.ads.sellers import (
    AGENCY,
    CONTACT_KINDS,
    CONTACT_P,
    DEALER,
    PRIVATE,
    SHOP,
    Sellers,
    draw_sellers,
    nat_ips,
)
from saqbol.synth.ads.templates import PART_NAMES

Batch = dict[str, np.ndarray]
N_PARTS = len(PART_NAMES)
PART = {p: i for i, p in enumerate(PART_NAMES)}
PRICE_GROUP = {g: i for i, g in enumerate(TABLES["price"].groups)}
AGENCY_CATS = np.array([CAT[c] for c in ("flat_rent", "flat_sale", "flat_daily", "house_sale")])
AGENCY_CAT_P = np.array([0.45, 0.35, 0.10, 0.10])
BARGAIN_SHARE = 0.04  # honest listings 30-50% under the market
MOVED_SHARE = 0.02  # private listings in a city other than the seller's own
TRAVEL_SHARE = 0.003  # a private seller posting while abroad
SEP_NEWLINE = 0.3
EMOJI_P = 0.08  # an emoji opens the text (one in six of those also shouts the title)
# Re-posts: the chance a fresh listing is re-posted later (by seller kind), the delay in days,
# and the share of block slots open to them (above the re-post rate, so the queue drains).
REPOST_P = np.array([0.035, 0.12, 0.10, 0.06])
REPOST_DAYS = (2.0, 14.0)
REPOST_SLOTS = 0.06
PRICE_CUT = 0.15


def take(b: Batch, idx: np.ndarray) -> Batch:
    return {k: v[idx] for k, v in b.items()}


def concat(parts: list[Batch]) -> Batch:
    return {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}


def _pick_by_cum(rng: np.random.Generator, cum: np.ndarray, n: int) -> np.ndarray:
    """Indices drawn by a cumulative distribution (last entry 1)."""
    return np.minimum(np.searchsorted(cum, rng.random(n), side="right"), len(cum) - 1)


def _items(rng: np.random.Generator, cat: np.ndarray) -> np.ndarray:
    item = np.empty(len(cat), dtype=np.int64)
    for c in range(len(CATEGORIES)):
        rows = np.flatnonzero(cat == c)
        w = ITEM_W[ITEM_LO[c] : ITEM_LO[c + 1]]
        item[rows] = ITEM_LO[c] + _pick_by_cum(rng, np.cumsum(w) / w.sum(), len(rows))
    return item


@dataclass(frozen=True)
class Context:
    """What every block is drawn from."""

    sellers: Sellers
    photos: PhotoBank
    clock: Clock


def listing_details(rng: np.random.Generator, cat: np.ndarray, item: np.ndarray) -> Batch:
    """Year, mileage, gearbox, colour, rooms, area, floors, street, plot: per category."""
    n = len(cat)
    car = cat == CAT["car"]
    year = np.where(car, ITEM_YEAR[item] + np.round(rng.normal(0, 3.5, n)), 0)
    year = np.where(car, np.clip(year, 1995, 2025), 0).astype(np.int16)
    per_year = rng.lognormal(np.log(16_000), 0.35, n)
    mileage = np.round(np.maximum(2026 - year, 0.3) * per_year / 1000) * 1000
    rooms = np.zeros(n, dtype=np.int8)
    for c in ROOM_CATS:
        rows = np.flatnonzero(cat == c)
        p = np.array(ROOMS_P[CATEGORIES[c]])
        rooms[rows] = 1 + rng.choice(5, len(rows), p=p)
    house = cat == CAT["house_sale"]
    area = np.where(house, 50 + 28 * rooms, 16 + 17 * rooms) + rng.normal(0, 6, n)
    floors = FLOORS[rng.integers(0, len(FLOORS), n)]
    floor = 1 + (rng.random(n) * floors).astype(np.int64)
    return {
        "year": year,
        "mileage": np.where(car, mileage, 0).astype(np.int64),
        "gearbox": rng.choice(3, n, p=[0.6, 0.3, 0.1]).astype(np.int8),
        "color": rng.integers(0, len(COLORS[0]), n).astype(np.int8),
        "rooms": rooms,
        "area": np.maximum(np.round(area), 12).astype(np.int16),
        "floor": floor.astype(np.int8),
        "floors": floors.astype(np.int8),
        "street": rng.integers(0, len(STREETS[0]), n).astype(np.int8),
        "land": rng.integers(4, 16, n).astype(np.int8),
    }


def part_variants(rng: np.random.Generator, lang: np.ndarray) -> np.ndarray:
    """(n, parts) text variant per part: Russian, Kazakh, a Latin spelling, or mixed."""
    n = len(lang)
    var = np.zeros((n, N_PARTS), dtype=np.int8)
    var[lang == 1] = 1
    latin = np.flatnonzero(lang == 2)
    var[latin] = (2 + rng.integers(0, 4, len(latin)))[:, None]
    mixed = np.flatnonzero(lang == 3)
    kk_heavy = np.array([p in ("intro", "price", "contact", "close") for p in PART_NAMES])
    p_kk = np.where(kk_heavy, 0.6, 0.3)
    var[mixed] = (rng.random((len(mixed), N_PARTS)) < p_kk).astype(np.int8)
    return var


def fresh(rng: np.random.Generator, ctx: Context, t: np.ndarray) -> Batch:
    """Fresh honest listings posted at times t."""
    n = len(t)
    s = ctx.sellers
    seller = draw_sellers(rng, s, n)
    kind = s.kind[seller]
    cat = rng.choice(len(CATEGORIES), n, p=CAT_P).astype(np.int64)
    ag = np.flatnonzero(kind == AGENCY)
    cat[ag] = AGENCY_CATS[rng.choice(len(AGENCY_CATS), len(ag), p=AGENCY_CAT_P)]
    de = np.flatnonzero(kind == DEALER)
    cat[de] = np.where(rng.random(len(de)) < 0.85, CAT["car"], CAT["car_parts"])
    sh = np.flatnonzero(kind == SHOP)
    other = np.array(STOCK_CATS)[rng.integers(0, len(STOCK_CATS), len(sh))]
    cat[sh] = np.where(rng.random(len(sh)) < 0.75, s.spec[seller[sh]], other)
    k = (rng.random(n)[:, None] > np.cumsum(CAT_PLATFORM_P[cat], axis=1)).sum(axis=1)
    plat = CAT_PLATFORMS[cat, np.minimum(k, 2)]
    plat = np.where(plat < 0, CAT_PLATFORMS[cat, 0], plat)

    city = s.city[seller].astype(np.int64)
    moved = np.flatnonzero((kind == PRIVATE) & (rng.random(n) < MOVED_SHARE))
    city[moved] = rng.choice(len(CITY_P), len(moved), p=CITY_P)
    lang = np.where(rng.random(n) < 0.85, s.lang[seller], rng.choice(4, n, p=LANG_P))

    item = _items(rng, cat)
    details = listing_details(rng, cat, item)
    base = market_price(item, city, details["rooms"], details["year"].astype(np.int64))
    price = base * np.exp(CAT_SIGMA[cat] * rng.standard_normal(n))
    free = ITEM_PRICE[item] == 0
    priced = ~free & (cat != CAT["job"])
    bargain = priced & (rng.random(n) < BARGAIN_SHARE)
    price[bargain] = base[bargain] * rng.uniform(0.5, 0.7, int(bargain.sum()))
    price = round_price(price, cat)
    usd = ~bargain & ~free & (rng.random(n) < CAT_USD[cat])
    price = np.where(usd, to_usd(price), price)
    null = ~free & ~bargain & (rng.random(n) < CAT_NULL[cat])
    price[null] = np.nan

    group = np.full(n, PRICE_GROUP["kzt"], dtype=np.int8)
    for name, c in (("rent", "flat_rent"), ("daily", "flat_daily"), ("salary", "job")):
        group[cat == CAT[c]] = PRICE_GROUP[name]
    group[cat == CAT["service"]] = PRICE_GROUP["service"]
    group[usd] = PRICE_GROUP["usd"]
    group[bargain] = PRICE_GROUP["bargain"]
    group[free] = PRICE_GROUP["free"]
    group[null] = PRICE_GROUP["null"]
    group[null & (cat == CAT["job"])] = PRICE_GROUP["salary_null"]

    contact = s.contact[seller].copy()
    redraw = np.flatnonzero(rng.random(n) < 0.15)
    for kk in range(4):
        rows = redraw[kind[redraw] == kk]
        contact[rows] = rng.choice(len(CONTACT_KINDS), len(rows), p=CONTACT_P[kk])

    business = kind != PRIVATE
    pick = rng.integers(0, 1 << 20, (n, N_PARTS)).astype(np.int32)
    show = {
        "intro": np.where(business, 0.9, 0.5),
        "detail": np.full(n, 0.7),
        "detail2": np.full(n, 0.4),
        "price": np.where(null, 0.6, np.where(bargain | free, 1.0, 0.8)),
        "close": np.where(business, 0.6, 0.35),
    }
    for part, p in show.items():
        pick[rng.random(n) >= p, PART[part]] = -1
    pick[:, PART["detail2"]] = np.where(
        pick[:, PART["detail"]] >= 0, pick[:, PART["detail"]] + 1, pick[:, PART["detail2"]]
    )
    pick[contact == 0, PART["contact"]] = -1

    n_ph = rng.integers(CAT_PHOTOS[cat, 0], CAT_PHOTOS[cat, 1] + 1).astype(np.int8)
    photos = ctx.photos.fresh(rng, cat, MAX_PHOTOS)
    stock_p = np.where(kind == SHOP, 0.5, 0.15)
    stock = np.isin(cat, STOCK_CATS) & (n_ph > 0) & (rng.random(n) < stock_p)
    photos[stock, 0] = ctx.photos.stock[item[stock]]

    dev = ((rng.random(n) < 0.2) & ~business).astype(np.int8)
    home = s.home_ip[seller]
    abroad = s.abroad[seller] >= 0
    nat = nat_ips(rng, s, city)
    post_ip = np.where(abroad | (rng.random(n) < np.where(business, 0.9, 0.55)), home, nat)
    signin_ip = np.where(abroad | (rng.random(n) < 0.7), home, nat_ips(rng, s, city))
    travel = np.flatnonzero(~abroad & ~business & (rng.random(n) < TRAVEL_SHARE))
    if len(travel):
        country = rng.integers(0, len(net.TRAVEL_COUNTRIES), len(travel))
        for c, cc in enumerate(net.TRAVEL_COUNTRIES):
            rows = travel[country == c]
            post_ip[rows] = net.draw_ips(rng, net.FOREIGN_NETS[cc], len(rows))

    return {
        "t": t,
        "seller": seller,
        "cat": cat.astype(np.int8),
        "plat": plat.astype(np.int8),
        "city": city.astype(np.int16),
        "item": item.astype(np.int16),
        **details,
        "price": price,
        "usd": usd,
        "price_group": group,
        "contact": contact,
        "text_style": rng.choice(len(net.KZ_PHONE_STYLES), n, p=net.KZ_PHONE_STYLE_P).astype(
            np.int8
        ),
        "link_style": rng.integers(0, 3, n).astype(np.int8),
        "sep": (rng.random(n) < SEP_NEWLINE).astype(np.int8),
        "emoji": np.where(rng.random(n) < EMOJI_P, rng.integers(0, 6, n), -1).astype(np.int8),
        "var": part_variants(rng, lang),
        "pick": pick,
        "n_ph": n_ph,
        "photos": photos,
        "dev": dev,
        "post_ip": post_ip.astype(np.uint32),
        "signin_ip": signin_ip.astype(np.uint32),
    }


class HonestStream:
    """Blocks of the honest stream in time order, re-posts merged in."""

    def __init__(self, rng: np.random.Generator, ctx: Context, total: int) -> None:
        self.rng = rng
        self.ctx = ctx
        self.total = total
        self.done = 0
        self.queue: Batch | None = None  # listings waiting to be re-posted
        self.due = np.empty(0, dtype=np.int64)

    def block(self, n: int) -> Batch:
        """The next n listings (fewer at the end), drawn a day's worth at a time so a listing
        can come back as a re-post within the same block."""
        n = min(n, self.total - self.done)
        step = max(1, -(-self.total // self.ctx.clock.days))
        parts = [self._step(min(step, n - k)) for k in range(0, n, step)]
        return parts[0] if len(parts) == 1 else concat(parts)

    def _step(self, n: int) -> Batch:
        rng, ctx = self.rng, self.ctx
        t = ctx.clock.stream(rng, self.done, n, self.total)
        self.done += n
        open_slots = np.flatnonzero(rng.random(n) < REPOST_SLOTS)
        slot_of = self._match(t[open_slots])
        matched = slot_of >= 0
        repost_pos = open_slots[slot_of[matched]]
        out_fresh = np.ones(n, dtype=bool)
        out_fresh[repost_pos] = False
        parts = [fresh(rng, ctx, t[out_fresh])]
        if len(repost_pos):
            assert self.queue is not None
            parts.append(self._repost(take(self.queue, np.flatnonzero(matched)), t[repost_pos]))
            keep = np.flatnonzero(~matched)
            self.queue, self.due = take(self.queue, keep), self.due[keep]
        self._enqueue(parts[0])
        block = concat(parts)
        return take(block, np.argsort(block["t"], kind="stable"))

    def _match(self, slot_t: np.ndarray) -> np.ndarray:
        """Queue position -> open slot it fills (-1: none yet), first due first served."""
        m = len(self.due)
        if m == 0:
            return np.empty(0, dtype=np.int64)
        first = np.searchsorted(slot_t, self.due, side="left")
        slot = np.maximum.accumulate(first - np.arange(m)) + np.arange(m)
        return np.where(slot < len(slot_t), slot, -1)

    def _enqueue(self, b: Batch) -> None:
        kind = self.ctx.sellers.kind[b["seller"]]
        rows = np.flatnonzero(self.rng.random(len(kind)) < REPOST_P[kind])
        if len(rows) == 0:
            return
        delay = self.rng.uniform(*REPOST_DAYS, len(rows)) * US_PER_DAY
        due = b["t"][rows] + delay.astype(np.int64)
        waiting = take(b, rows)
        queue = waiting if self.queue is None else concat([self.queue, waiting])
        self.due = np.concatenate([self.due, due])
        order = np.argsort(self.due, kind="stable")
        self.queue, self.due = take(queue, order), self.due[order]

    def _repost(self, b: Batch, t: np.ndarray) -> Batch:
        rng, s = self.rng, self.ctx.sellers
        n = len(t)
        b = dict(b)
        b["t"] = t
        b["photos"] = reupload(rng, b["photos"])
        cut = rng.random(n) < PRICE_CUT
        lower = np.where(b["usd"], to_usd(b["price"] * 0.95 * KZT_PER_USD), b["price"] * 0.95)
        lower = np.where(b["usd"], lower, round_price(lower, b["cat"]))
        b["price"] = np.where(cut & (b["price"] > 0), lower, b["price"])
        home = s.home_ip[b["seller"]]
        abroad = s.abroad[b["seller"]] >= 0
        business = s.kind[b["seller"]] != PRIVATE
        nat = nat_ips(rng, s, b["city"])
        use_home = abroad | (rng.random(n) < np.where(business, 0.9, 0.55))
        b["post_ip"] = np.where(use_home, home, nat).astype(np.uint32)
        return b
