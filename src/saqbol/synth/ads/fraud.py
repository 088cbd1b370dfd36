"""Fraud rings: a few accounts, devices and IPs posting the same lots across several cities.

Planned up front as numbers (a few per cent of all listings: who, when, where, what price),
sorted by time; the writer asks for each block's span and only then are those postings
written out as text, in Python per posting, which is cheap at that share.

A ring has a scheme, 1-6 accounts, 1-2 devices, 1-3 posting IPs, 2-5 cities in at least two
regions and 1-3 lots. Every lot is posted in several of the ring's cities with near-identical
text (word choices and numbers vary, sometimes Latin look-alike letters), the same photos
re-uploaded, a price 30-60% under the local market (a high pay for fake jobs). Its first two
postings share account, device and IP in two different cities. Infrastructure depends on the
ring's profile: ``foreign`` (foreign SIMs and home ISPs), ``vpn`` (hosting exits, Kazakh or
foreign SIMs) or ``domestic`` (Kazakh drop SIMs on Kazakh mobile networks: no foreign trace).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

from saqbol.detectors.ads.columns import CATEGORIES, PLATFORMS, SCHEMES
from saqbol.synth.ads import network as net
from saqbol.synth.ads.arrow import BLOCK_ARROW, TS
from saqbol.synth.ads.catalog import (
    BIG_CITIES,
    CAT,
    CAT_PLATFORM_P,
    CAT_PLATFORMS,
    CAT_TYPICAL,
    CITY_NAMES,
    CITY_P,
    CITY_REGION,
    GEARBOXES,
    ITEM_LO,
    ITEM_NAMES,
    ITEM_PRICE,
    REGION_SLUGS,
    STOCK_CATS,
    in_variants,
    market_price,
    round_price,
)
from saqbol.synth.ads.clock import Clock
from saqbol.synth.ads.fraud_texts import (
    EMOJI,
    HOMOGLYPHS,
    KK_OPENERS,
    PHISH_BRANDS,
    PHISH_LURES,
    PHISH_PATHS,
    PHISH_TLDS,
    SCRIPTS,
    TG_TAILS,
    TG_WORDS,
)
from saqbol.synth.ads.honest import listing_details
from saqbol.synth.ads.photos import PhotoBank, reupload
from saqbol.synth.ads.sellers import DEVICE_OS, Sellers, seller_numbers
from saqbol.synth.ads.strings import list_column, prefixed_hex
from saqbol.synth.messages.translit import KK_SCHEMES, transliterate

FRAUD_SHARE = 0.03
MIN_RING, MEDIAN_RING, MAX_RING = 6, 22, 80
SCHEME_P = {
    "car_prepayment": 0.22,
    "rent_prepayment": 0.22,
    "phone_delivery": 0.20,
    "phishing_delivery_link": 0.14,
    "fake_job": 0.13,
    "pet_prepayment": 0.09,
}
assert tuple(SCHEME_P) == SCHEMES
PROFILES = ("foreign", "vpn", "domestic")
PROFILE_P = (0.45, 0.20, 0.35)
RING_COUNTRIES = ("UZ", "KG", "RU", "TJ", "UA", "NG", "TR")
RING_COUNTRY_P = (0.2, 0.15, 0.25, 0.1, 0.1, 0.1, 0.1)
RING_LANGS = ("ru", "kk", "mixed", "kk_latn")
RING_LANG_P = (0.72, 0.14, 0.09, 0.05)
SCHEME_CATS: dict[str, tuple[tuple[str, float], ...]] = {
    "car_prepayment": (("car", 1.0),),
    "rent_prepayment": (("flat_rent", 0.6), ("flat_daily", 0.4)),
    "phone_delivery": (("phone", 0.6), ("laptop", 0.2), ("electronics", 0.2)),
    "phishing_delivery_link": (
        ("phone", 0.2), ("electronics", 0.2), ("appliance", 0.2), ("furniture", 0.1),
        ("kids", 0.1), ("car_parts", 0.1), ("clothes", 0.1),
    ),
    "fake_job": (("job", 1.0),),
    "pet_prepayment": (("pet", 1.0),),
}  # fmt: skip
# Items rings advertise (mass-market cars, iPhones, pedigree pets); other categories: any.
FRAUD_ITEMS: dict[str, tuple[str, ...]] = {
    "car": ("Toyota Camry", "Toyota Corolla", "Hyundai Accent", "Hyundai Elantra",
            "Hyundai Tucson", "Kia Rio", "Kia Sportage", "Chevrolet Cobalt", "Volkswagen Polo",
            "Kia K5", "Toyota RAV4", "Lada Vesta"),
    "phone": ("iPhone 11 64GB", "iPhone 13 128GB", "iPhone 14 Pro 256GB", "iPhone 15 Pro Max 256GB",
              "iPhone 12 128GB", "Samsung Galaxy S23 Ultra", "Samsung Galaxy A54",
              "Xiaomi Redmi Note 13"),
    "laptop": ("MacBook Air M1", "MacBook Air M2", "Asus TUF Gaming F15", "Lenovo IdeaPad 3"),
    "electronics": ("PlayStation 5", "AirPods Pro 2", "Apple Watch Series 9", "iPad 10"),
    "pet": ("Котята британские", "Котята шотландские", "Щенки хаски", "Щенки шпица",
            "Щенки йорка", "Щенки французского бульдога", "Щенки алабая"),
    "job": ("курьер",),
}  # fmt: skip
# Price as a share of the local market (for fake jobs: pay as a multiple of the usual).
DISCOUNT = {
    "car_prepayment": (0.45, 0.70),
    "rent_prepayment": (0.45, 0.70),
    "phone_delivery": (0.35, 0.60),
    "phishing_delivery_link": (0.50, 0.72),
    "fake_job": (2.5, 6.0),
    "pet_prepayment": (0.35, 0.60),
}
# Most lots are everyday items at a too-good price; the rest may be a flagship (a recent
# iPhone, a pedigree puppy): cheap for what it is, yet dear for its category.
FAVOURITE_P = 0.3
TYPICAL_BAND = 1.25
SUBTLE_P = 0.2  # rings whose texts ask nothing: only price and duplication give them away
HOMOGLYPH_P = 0.3
LINK_SLOTS = ("wa", "tg_link", "phish")
CONTACT_SLOTS = ("wa_phone", "tg")
ALT = re.compile(r"\[([^\[\]]*)\]")
SLOT = re.compile(r"\{(\w+)\}")
PERIODS = {
    "flat_rent": ("в месяц", "помесячно", 0),
    "flat_daily": ("за сутки", "посуточно", 1),
}
PERIOD_KK = in_variants([("в месяц", "айына"), ("за сутки", "тәулігіне")])
LATIN_SCHEMES = tuple(KK_SCHEMES)


def _item_index(cat: str, name: str) -> int:
    lo = ITEM_LO[CAT[cat]]
    return int(lo + ITEM_NAMES[0][lo : ITEM_LO[CAT[cat] + 1]].index(name))


def _grouped(value: float) -> str:
    return f"{round(value):,}".replace(",", " ")


STYLE_CUM = np.cumsum(net.KZ_PHONE_STYLE_P) / np.sum(net.KZ_PHONE_STYLE_P)
WA_LINKS = ("https://wa.me/", "wa.me/", "https://api.whatsapp.com/send?phone=")


def _style(u: float) -> int:
    """A phone-writing style for a uniform draw u."""
    return min(int(np.searchsorted(STYLE_CUM, u, side="right")), len(STYLE_CUM) - 1)


def _written(style: int, national: int) -> str:
    """A Kazakh number the way a person types it, in one of KZ_PHONE_STYLES."""
    digits = iter(f"{national:010d}")
    return "".join(next(digits) if ch == "d" else ch for ch in net.KZ_PHONE_STYLES[style])


@dataclass
class Lot:
    """One thing a ring advertises, posted in several cities."""

    cat: int
    item: int
    details: dict[str, int]
    share: float  # price as a share of the local market
    photos: np.ndarray  # uint64 base photos
    title: int
    sentences: list[int]  # kept sentence numbers of the script
    options: dict[int, int]  # sentence -> chosen alternative
    defaults: dict[tuple[int, int], list[int]]  # (sentence, alternative) -> word choices


@dataclass
class Ring:
    """A ring's accounts, infrastructure, habits and lots."""

    rid: int
    scheme: str
    profile: str
    lang: str
    latin: int  # Latin spelling when lang == "kk_latn"
    cities: list[int]
    keys: list[int]  # accounts' person keys
    signin: list[str]
    seller_phone: list[str]
    signin_ip: list[int]
    devices: list[str]
    ips: list[int]
    wa: list[str]  # E.164 WhatsApp numbers
    tg: str
    phish: str
    platform: int
    subtle: bool
    homoglyph: bool
    newline: bool
    window: tuple[float, float]
    seed: int  # of the word choices and edits of its postings
    lots: list[Lot] = field(default_factory=list)


def _script(scheme: str, lang: str) -> dict:
    return SCRIPTS[scheme]["kk" if lang in ("kk", "kk_latn") else "ru"]


def _ips(rng: np.random.Generator, profile: str, country: str, n: int) -> list[int]:
    """Addresses a ring connects from, by its profile."""
    out = []
    for _ in range(n):
        if profile == "domestic":
            nets = net.KZ_MOBILE_NETS if rng.random() < 0.7 else net.KZ_HOME_NETS
        elif profile == "vpn" or rng.random() < 0.35:
            nets = net.HOSTING_NETS[("NL", "DE", "SE")[rng.integers(3)]]
        else:
            nets = net.FOREIGN_NETS[country]
        out.append(net.draw_ip(rng, nets))
    return out


def _cities(rng: np.random.Generator) -> list[int]:
    """2-5 cities, mostly big ones, in at least two regions."""
    p = CITY_P[BIG_CITIES] / CITY_P[BIG_CITIES].sum()
    while True:
        k = int(rng.integers(2, 6))
        cities = [int(c) for c in rng.choice(BIG_CITIES, k, replace=False, p=p)]
        if len({int(CITY_REGION[c]) for c in cities}) >= 2:
            return cities


def _lot(rng: np.random.Generator, ring: Ring, bank: PhotoBank) -> Lot:
    cats = SCHEME_CATS[ring.scheme]
    weights = np.array([w for _, w in cats])
    cat_name = cats[rng.choice(len(cats), p=weights / weights.sum())][0]
    cat = CAT[cat_name]
    lo, hi = ITEM_LO[cat], ITEM_LO[cat + 1]
    if cat_name in FRAUD_ITEMS:
        pool = [_item_index(cat_name, name) for name in FRAUD_ITEMS[cat_name]]
    else:
        pool = [i for i in range(lo, hi) if ITEM_PRICE[i] > 0]
    typical = [i for i in pool if ITEM_PRICE[i] <= TYPICAL_BAND * CAT_TYPICAL[cat]]
    if typical and rng.random() >= FAVOURITE_P:
        pool = typical
    item = int(pool[rng.integers(len(pool))])
    details: dict[str, int] = {}  # drawn for all lots at once in plan_fraud
    n_photos = 0 if cat_name == "job" else int(rng.integers(3, 9))
    photos = bank.fresh(rng, np.array([cat]), n_photos)[0]
    if cat in STOCK_CATS and n_photos and rng.random() < 0.6:
        photos[0] = bank.stock[item]
    script = _script(ring.scheme, ring.lang)
    sentences, options, defaults = [], {}, {}
    for i, (role, alternatives) in enumerate(script["sentences"]):
        if role == "opt" and rng.random() < 0.3:
            continue
        if role == "prepay" and ring.subtle:
            continue
        sentences.append(i)
        options[i] = int(rng.integers(len(alternatives)))
        for o, text in enumerate(alternatives):
            defaults[(i, o)] = [int(rng.integers(len(a.split("|")))) for a in ALT.findall(text)]
    for t, text in enumerate(script["title"]):
        defaults[(-1, t)] = [int(rng.integers(len(a.split("|")))) for a in ALT.findall(text)]
    lo, hi = DISCOUNT[ring.scheme]
    return Lot(
        cat=cat, item=item, details=details, share=float(rng.uniform(lo, hi)), photos=photos,
        title=int(rng.integers(len(script["title"]))), sentences=sentences, options=options,
        defaults=defaults,
    )  # fmt: skip


def _lot_details(rng: np.random.Generator, lots: list[Lot]) -> None:
    """Year, mileage, rooms, area, ... of every lot, drawn as one batch."""
    if not lots:
        return
    cat = np.array([lot.cat for lot in lots])
    raw = listing_details(rng, cat, np.array([lot.item for lot in lots]))
    flat = np.isin(cat, [CAT["flat_rent"], CAT["flat_daily"]])
    raw["rooms"] = np.where(flat, rng.integers(1, 4, len(lots)), raw["rooms"])
    raw["area"] = np.where(
        flat, 16 + 17 * raw["rooms"] + rng.integers(-4, 8, len(lots)), raw["area"]
    )
    for n, lot in enumerate(lots):
        lot.details = {k: int(v[n]) for k, v in raw.items()}


def _ring(
    rng: np.random.Generator,
    rid: int,
    scheme: str,
    keys: np.ndarray,
    drops: Iterator[int],
    clock: Clock,
) -> Ring:
    """A ring's infrastructure; ``drops`` are Kazakh numbers no honest seller has."""
    profile = PROFILES[rng.choice(3, p=PROFILE_P)]
    country = RING_COUNTRIES[rng.choice(len(RING_COUNTRIES), p=RING_COUNTRY_P)]
    lang = RING_LANGS[rng.choice(len(RING_LANGS), p=RING_LANG_P)]
    n_acc = len(keys)
    signin, phones, signin_ip = [], [], []
    for _ in range(n_acc):
        foreign = profile == "foreign" or (profile == "vpn" and rng.random() < 0.4)
        drop = next(drops)
        number = net.e164_one(rng, country) if foreign else f"+7{drop}"
        signin.append(number)
        shown_foreign = foreign and rng.random() < 0.3
        phones.append(number if shown_foreign else _written(_style(rng.random()), drop))
        signin_ip.append(_ips(rng, profile, country, 1)[0])
    n_dev = int(rng.integers(1, 3))
    os = rng.choice(3, n_dev, p=(0.7, 0.05, 0.25)).astype(np.int64)
    devices = prefixed_hex(DEVICE_OS, os, rng.integers(0, 2**64, n_dev, dtype=np.uint64))
    n_wa = int(rng.integers(1, 3))
    wa = [
        net.e164_one(rng, country) if profile != "domestic" and rng.random() < 0.5
        else f"+7{next(drops)}"
        for _ in range(n_wa)
    ]  # fmt: skip
    handle = (
        f"{TG_WORDS[rng.integers(len(TG_WORDS))]}_{TG_TAILS[rng.integers(len(TG_TAILS))]}"
        f"{rng.integers(1, 999)}"
    )
    cat0 = CAT[SCHEME_CATS[scheme][0][0]]
    plat = int(CAT_PLATFORMS[cat0, rng.choice(3, p=CAT_PLATFORM_P[cat0])])
    brands = PHISH_BRANDS[PLATFORMS[plat]]
    brand = brands[rng.integers(len(brands))]
    lure = PHISH_LURES[rng.integers(len(PHISH_LURES))]
    tld = PHISH_TLDS[rng.integers(len(PHISH_TLDS))]
    phish = f"{brand}{lure}.{tld}" if brand.endswith("-") else f"{brand}.{lure}.{tld}"
    span = min(float(clock.days), float(rng.uniform(3, 14)))
    start = float(rng.uniform(0, clock.days - span))
    ring = Ring(
        rid=rid, scheme=scheme, profile=profile, lang=lang,
        latin=int(rng.integers(len(LATIN_SCHEMES))), cities=_cities(rng),
        keys=[int(k) for k in keys], signin=signin, seller_phone=phones, signin_ip=signin_ip,
        devices=devices.to_pylist(), ips=_ips(rng, profile, country, int(rng.integers(1, 4))),
        wa=wa, tg=handle, phish=phish, platform=plat,
        subtle=scheme != "phishing_delivery_link" and rng.random() < SUBTLE_P,
        homoglyph=rng.random() < HOMOGLYPH_P, newline=rng.random() < 0.4,
        window=(start, start + span), seed=int(rng.integers(2**62)),
    )  # fmt: skip
    return ring


def _choose(text: str, picks: list[int], r: random.Random, change: float) -> str:
    """Resolve ``[a|b]`` choices: the lot's pick, or with probability ``change`` another."""
    it = iter(picks)

    def one(m: re.Match[str]) -> str:
        options = m.group(1).split("|")
        k = next(it)
        if r.random() < change:
            k = r.randrange(len(options))
        return options[k]

    return ALT.sub(one, text)


def _homoglyphs(r: random.Random, text: str) -> str:
    spots = [i for i, ch in enumerate(text) if ch in HOMOGLYPHS]
    if not spots:
        return text
    chars = list(text)
    for i in r.sample(spots, min(len(spots), r.randint(1, 3))):
        chars[i] = HOMOGLYPHS[chars[i]]
    return "".join(chars)


class _Painter:
    """Writes a ring's postings. Word choices and edits come from a Python RNG seeded by
    (ring, posting), so a posting reads the same whichever block renders it, and the
    per-posting Python stays a few microseconds."""

    def __init__(self, ring: Ring) -> None:
        self.ring = ring
        self.r = random.Random(0)
        self.var = {"ru": 0, "kk": 1, "mixed": 0, "kk_latn": 2 + ring.latin}[ring.lang]
        self.script = _script(ring.scheme, ring.lang)

    def start(self, j: int) -> None:
        self.r.seed(self.ring.seed * 1009 + j)

    def template(self, text: str) -> str:
        ring = self.ring
        if ring.lang == "kk_latn":
            return transliterate(text, KK_SCHEMES[LATIN_SCHEMES[ring.latin]])
        if ring.homoglyph and self.r.random() < 0.4:
            return _homoglyphs(self.r, text)
        return text

    @staticmethod
    def fill(text: str, values: dict[str, str], links: list, contacts: list) -> str:
        def one(m: re.Match[str]) -> str:
            name = m.group(1)
            value = values[name]
            if name in LINK_SLOTS:
                links.append(value)
            elif name in CONTACT_SLOTS:
                contacts.append(value)
            return value

        return SLOT.sub(one, text)

    def texts(self, lot: Lot, values: dict[str, str]) -> tuple[str, str, list, list]:
        r, ring, script = self.r, self.ring, self.script
        links: list[str] = []
        contacts: list[str] = []
        title = _choose(script["title"][lot.title], lot.defaults[(-1, lot.title)], r, 0.3)
        title = self.fill(self.template(title), values, [], [])
        if r.random() < 0.1:
            title = title.upper()
        parts = []
        if ring.lang == "mixed" and r.random() < 0.6:
            parts.append(r.choice(KK_OPENERS))
        for i in lot.sentences:
            role, alternatives = script["sentences"][i]
            o = lot.options[i]
            if len(alternatives) > 1 and r.random() < 0.12:
                o = r.randrange(len(alternatives))
            if role == "opt" and r.random() < 0.15:
                continue
            text = alternatives[o]
            if role == "contact" and ring.lang == "mixed":
                text, o = SCRIPTS[ring.scheme]["kk"]["sentences"][-1][1][0], -1
            picks = lot.defaults.get((i, o)) or [0] * len(ALT.findall(text))
            text = _choose(text, picks, r, 0.25)
            parts.append(self.fill(self.template(text), values, links, contacts))
        if r.random() < 0.25:
            parts.insert(0, r.choice(EMOJI))
        return title, ("\n" if ring.newline else " ").join(parts), links, contacts

    def values(
        self, lot: Lot, city: int, price: float, prepay: float, daily: float
    ) -> dict[str, str]:
        r, ring, v = self.r, self.ring, self.var
        d = lot.details
        others = [c for c in ring.cities if c != city] or [int(BIG_CITIES[0])]
        period = PERIODS.get(CATEGORIES[lot.cat], PERIODS["flat_rent"])
        wa = r.choice(ring.wa)
        wa_link = r.choice(WA_LINKS) + wa.lstrip("+")
        wa_phone = _written(_style(r.random()), int(wa[2:])) if wa.startswith("+77") else wa
        path = r.choice(PHISH_PATHS) + str(r.randrange(10**6, 10**7))
        mileage = max(d["mileage"] + r.randint(-3, 3) * 1000, 1000)
        return {
            "item": ITEM_NAMES[v][lot.item],
            "year": str(d["year"]),
            "mileage": _grouped(mileage),
            "gearbox": GEARBOXES[v][d["gearbox"]],
            "price": _grouped(price),
            "prepay": _grouped(prepay),
            "rooms": str(d["rooms"]),
            "area": str(d["area"]),
            "floor": str(d["floor"]),
            "floors": str(d["floors"]),
            "city": CITY_NAMES[v][city],
            "city2": CITY_NAMES[v][r.choice(others)],
            "period": period[0],
            "period_adj": period[1],
            "period_kk": PERIOD_KK[v][period[2]],
            "daily": _grouped(daily),
            "wa": wa_link,
            "wa_phone": wa_phone,
            "tg": "@" + ring.tg,
            "tg_link": r.choice(("https://t.me/", "t.me/")) + ring.tg,
            "phish": ("https://" if r.random() < 0.6 else "") + ring.phish + path,
        }


def _photo_subsets(
    rng: np.random.Generator, lots: list[Lot], lot_no: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Each posting's photos: most of its lot's (at least two), sometimes in reverse order.
    Returns the photos back to back and how many each posting has."""
    width = max(len(lot.photos) for lot in lots)
    base = np.zeros((len(lots), width), dtype=np.uint64)
    valid = np.zeros((len(lots), width), dtype=bool)
    for k, lot in enumerate(lots):
        base[k, : len(lot.photos)] = lot.photos
        valid[k, : len(lot.photos)] = True
    photos, ok = base[lot_no], valid[lot_no]
    keep = ok & (rng.random(ok.shape) < 0.85)
    few = keep.sum(axis=1) < 2
    keep[few] = ok[few] & (np.arange(width) < 2)
    flip = rng.random(len(lot_no)) < 0.3
    photos[flip], keep[flip] = photos[flip, ::-1], keep[flip, ::-1]
    return photos[keep], keep.sum(axis=1)


def _schedule(
    rng: np.random.Generator, ring: Ring, index: int, clock: Clock, size: int
) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """The numbers of a ring's postings (when, which lot, city, account, platform, price, IP)
    and their photos back to back."""
    lots = ring.lots
    j = np.arange(size)
    lot_no = np.where(j < 2, 0, j % len(lots))
    cities = np.array(ring.cities)
    city = cities[np.where(j < 2, j, (j // len(lots) + lot_no) % len(cities))]
    cat = np.array([lot.cat for lot in lots])[lot_no]
    item = np.array([lot.item for lot in lots])[lot_no]
    rooms = np.array([lot.details["rooms"] for lot in lots])[lot_no]
    year = np.array([lot.details["year"] for lot in lots])[lot_no]
    share = np.array([lot.share for lot in lots])[lot_no]
    market = market_price(item, city, rooms, year)
    if ring.scheme == "fake_job":
        daily = np.round(market * share / 26 / 1000) * 1000
        price = round_price(daily * 26, cat)  # the monthly pay, as round as honest ones
    else:
        daily = np.zeros(size)
        price = round_price(market * share * rng.uniform(0.97, 1.03, size), cat)
    prepay = round_price(price * rng.uniform(0.3, 1.0, size), cat)
    prepay = np.where(cat == CAT["car"], rng.integers(10, 51, size) * 10_000.0, prepay)
    prepay = np.where(cat == CAT["pet"], rng.integers(15, 46, size) * 1000.0, prepay)
    k = (rng.random(size)[:, None] > np.cumsum(CAT_PLATFORM_P[cat], axis=1)).sum(axis=1)
    other = CAT_PLATFORMS[cat, np.minimum(k, 2)]
    other = np.where(other < 0, CAT_PLATFORMS[cat, 0], other)
    fits = (CAT_PLATFORMS[cat] == ring.platform).any(axis=1)
    plat = np.where(fits & (rng.random(size) < 0.75), ring.platform, other)
    acct = np.where(j < 2, 0, rng.integers(0, len(ring.keys), size))
    ips = np.array(ring.ips, dtype=np.int64)
    post_ip = np.where(
        (j < 2) | (rng.random(size) < 0.8),
        np.where(j < 2, ips[0], ips[rng.integers(0, len(ips), size)]),
        np.array(ring.signin_ip, dtype=np.int64)[acct],
    )
    photos, n_photos = _photo_subsets(rng, lots, lot_no)
    return {
        "t": np.sort(clock.within(rng, *ring.window, size)),
        "ring": np.full(size, index, dtype=np.int64),
        "j": j,
        "lot": lot_no,
        "city": city,
        "acct": acct,
        "plat": plat.astype(np.int64),
        "price": price,
        "prepay": prepay,
        "daily": daily,
        "post_ip": post_ip,
        "number": seller_numbers(np.array(ring.keys, dtype=np.int64)[acct], plat),
        "n_photos": n_photos,
    }, photos


@dataclass
class FraudPlan:
    """The rings and their postings as numbers, sorted by time; texts are written per block."""

    rings: list[Ring]
    post: dict[str, np.ndarray]
    photo_lo: np.ndarray  # posting i's photos are photos[photo_lo[i] : photo_lo[i + 1]]
    photos: np.ndarray

    @property
    def t(self) -> np.ndarray:
        return self.post["t"]

    @property
    def per_scheme(self) -> dict[str, int]:
        out = dict.fromkeys(SCHEMES, 0)
        for ring, n in zip(
            self.rings, np.bincount(self.post["ring"], minlength=len(self.rings)), strict=True
        ):
            out[ring.scheme] += int(n)
        return out

    def table(self, lo: int, hi: int) -> pa.Table:
        """Postings lo..hi-1 (in time order) as a BLOCK_ARROW table."""
        cols: dict[str, list] = {f.name: [] for f in BLOCK_ARROW}
        p = {k: v[lo:hi].tolist() for k, v in self.post.items() if k != "t"}
        painters: dict[int, _Painter] = {}
        for n in range(hi - lo):
            ring = self.rings[p["ring"][n]]
            painter = painters.setdefault(p["ring"][n], _Painter(ring))
            painter.start(p["j"][n])
            lot, city, a, plat = ring.lots[p["lot"][n]], p["city"][n], p["acct"][n], p["plat"][n]
            values = painter.values(lot, city, p["price"][n], p["prepay"][n], p["daily"][n])
            title, text, links, contacts = painter.texts(lot, values)
            cols["platform"].append(PLATFORMS[plat])
            cols["category"].append(CATEGORIES[lot.cat])
            cols["title"].append(title)
            cols["text"].append(text)
            cols["price"].append(p["price"][n])
            cols["currency"].append("KZT")
            cols["region"].append(REGION_SLUGS[CITY_REGION[city]])
            cols["city"].append(CITY_NAMES[0][city])
            cols["seller_id"].append(f"{PLATFORMS[plat]}-{p['number'][n]:09d}")
            cols["seller_phone"].append(ring.seller_phone[a])
            cols["signin_phone"].append(ring.signin[a])
            cols["signin_ip"].append(net.ip_str(ring.signin_ip[a]))
            cols["post_ip"].append(net.ip_str(p["post_ip"][n]))
            cols["device_id"].append(ring.devices[a % len(ring.devices)])
            cols["links"].append(links)
            cols["contacts"].append(contacts)
            cols["is_fraud"].append(True)
            cols["ring_id"].append(ring.rid)
            cols["scheme"].append(ring.scheme)
        arrays = []
        for f in BLOCK_ARROW:
            if f.name == "posted_at":
                arrays.append(pa.array(self.post["t"][lo:hi], TS))
            elif f.name == "photo_hashes":
                flat = self.photos[self.photo_lo[lo] : self.photo_lo[hi]]
                counts = np.diff(self.photo_lo[lo : hi + 1])
                arrays.append(list_column(pa.array(flat, pa.uint64()), counts))
            else:
                arrays.append(pa.array(cols[f.name], f.type))
        return pa.Table.from_arrays(arrays, schema=BLOCK_ARROW)


def _sizes(rng: np.random.Generator, target: int) -> list[tuple[str, int]]:
    """(scheme, postings) per ring: every scheme once first (when there is room), then drawn."""
    p = np.array(list(SCHEME_P.values()))
    out: list[tuple[str, int]] = []
    total = 0
    while target - total >= MIN_RING:
        if len(out) < len(SCHEMES):
            scheme = SCHEMES[len(out)]
        else:
            scheme = SCHEMES[rng.choice(len(SCHEMES), p=p)]
        size = int(np.clip(round(rng.lognormal(np.log(MEDIAN_RING), 0.5)), MIN_RING, MAX_RING))
        size = min(size, target - total)
        if target - total - size < MIN_RING:
            size = target - total
        out.append((scheme, size))
        total += size
    return out


def plan_fraud(
    rng: np.random.Generator, ads: int, sellers: Sellers, bank: PhotoBank, clock: Clock
) -> FraudPlan:
    """All rings' postings for a run of ``ads`` listings, sorted by time."""
    sizes = _sizes(rng, round(ads * FRAUD_SHARE))
    spare = 0
    drops = iter(sellers.spare_phones.tolist())
    rings = []
    for rid, (scheme, size) in enumerate(sizes, start=1):
        n_acc = int(np.clip(size // 8 + rng.integers(1, 3), 1, 6))
        keys = sellers.reserve[spare : spare + n_acc]
        spare += n_acc
        ring = _ring(rng, rid, scheme, keys, drops, clock)
        n_lots = int(np.clip(1 + size // 15, 1, 3))
        ring.lots = [_lot(rng, ring, bank) for _ in range(n_lots)]
        rings.append(ring)
    if not rings:
        raise ValueError("too few ads for a single fraud ring")
    _lot_details(rng, [lot for ring in rings for lot in ring.lots])
    parts = [
        _schedule(rng, ring, k, clock, size)
        for k, (ring, (_, size)) in enumerate(zip(rings, sizes, strict=True))
    ]
    post = {key: np.concatenate([p[key] for p, _ in parts]) for key in parts[0][0]}
    photos = reupload(rng, np.concatenate([ph for _, ph in parts]))
    order = np.argsort(post["t"], kind="stable")
    post = {key: v[order] for key, v in post.items()}
    lo = np.zeros(len(order) + 1, dtype=np.int64)
    np.cumsum(np.concatenate([p["n_photos"] for p, _ in parts]), out=lo[1:])
    counts = post["n_photos"]
    # gather each posting's photos in time order
    starts = np.repeat(lo[:-1][order] - np.concatenate([[0], np.cumsum(counts)[:-1]]), counts)
    photos = photos[starts + np.arange(int(counts.sum()))]
    photo_lo = np.zeros(len(order) + 1, dtype=np.int64)
    np.cumsum(counts, out=photo_lo[1:])
    return FraudPlan(rings=rings, post=post, photo_lo=photo_lo, photos=photos)
