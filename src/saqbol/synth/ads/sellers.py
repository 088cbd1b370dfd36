"""The honest sellers: private people, estate agencies, car dealers and shops.

One compact table (integer codes, no strings) built vectorised from the seed. Agencies, dealers
and shops post many similar listings from one device and office IP, all in ONE city; private
sellers post one to a few. A few private sellers are students abroad, signed in with a foreign
number from a foreign IP. Mobile users share carrier-NAT addresses, a pool per region.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from saqbol.synth.ads import network as net
from saqbol.synth.ads.catalog import (
    BIG_CITIES,
    BUSINESS_NAMES,
    CITY_P,
    CITY_REGION,
    LANG_P,
    REGION_SLUGS,
    SELLER_NAMES,
    STOCK_CATS,
)
from saqbol.synth.calls.numbers import fixed_strings, unique_draw

KINDS = ("private", "agency", "dealer", "shop")
PRIVATE, AGENCY, DEALER, SHOP = range(4)
KIND_SHARE = np.array([0.86, 0.05, 0.04, 0.05])  # of honest listings
ADS_PER_SELLER = np.array([1.9, 150.0, 120.0, 100.0])
# How a seller gives contacts in the text: none, or a CONTACT_GROUPS entry.
CONTACT_KINDS = ("none", "phone", "whatsapp", "wa_link", "telegram", "site", "plain")
CONTACT_P = np.array(
    [
        [0.30, 0.26, 0.21, 0.05, 0.04, 0.00, 0.14],
        [0.10, 0.45, 0.25, 0.05, 0.00, 0.05, 0.10],
        [0.10, 0.40, 0.25, 0.05, 0.00, 0.10, 0.10],
        [0.05, 0.25, 0.20, 0.05, 0.10, 0.30, 0.05],
    ]
)
BUSINESS_LANG_P = (0.85, 0.05, 0.0, 0.10)
BUSINESS_NAME_RANGE = {AGENCY: (0, 8), DEALER: (8, 14), SHOP: (14, len(BUSINESS_NAMES))}
DEVICE_OS = ("and-", "ios-", "web-")
DEVICE_OS_P = (0.62, 0.28, 0.10)
STUDENT_SHARE = 0.004
ID_MULT = 387_420_489  # 3**18: coprime with 10**9, so key -> id is one-to-one per platform
ID_OFFSET = np.array([0, 211_111_117, 422_222_239, 633_333_361, 844_444_483], dtype=np.int64)


@dataclass
class Sellers:
    """Per-seller codes; index = seller number (honest only; fraud accounts live elsewhere)."""

    kind: np.ndarray  # int8, KINDS
    key: np.ndarray  # int64, the person behind the accounts (distinct)
    city: np.ndarray  # int16 home city
    lang: np.ndarray  # int8, LANGS
    phone: np.ndarray  # int64 national KZ mobile (7011234567), distinct
    phone_style: np.ndarray  # int8, how they type it in the phone field (KZ_PHONE_STYLES)
    device: np.ndarray  # (n, 2) uint64: a main and a second device
    device_os: np.ndarray  # (n, 2) int8
    home_ip: np.ndarray  # uint32
    abroad: np.ndarray  # int8 STUDY_COUNTRIES index, -1 at home
    signin: pa.StringArray  # E.164 the account signs in with
    contact: np.ndarray  # int8, CONTACT_KINDS
    name: np.ndarray  # int16, SELLER_NAMES
    biz: np.ndarray  # int16, BUSINESS_NAMES (-1 for private sellers)
    spec: np.ndarray  # int8 main category of a shop (-1 otherwise)
    members: list[np.ndarray]  # per kind: seller numbers
    cum_weight: list[np.ndarray]  # per kind: cumulative activity, ends at 1
    nat: np.ndarray  # uint32 carrier-NAT addresses, grouped by region
    nat_lo: np.ndarray  # per region: first index into nat
    nat_n: np.ndarray  # per region: how many
    reserve: np.ndarray  # int64 spare person keys for fraud accounts
    spare_phones: np.ndarray  # int64 national numbers no honest seller has (rings' drop SIMs)

    @property
    def n(self) -> int:
        return len(self.kind)


def seller_numbers(key: np.ndarray, platform: np.ndarray) -> np.ndarray:
    """The 9-digit account number of a person on a platform (different on every platform)."""
    return (key * ID_MULT + ID_OFFSET[platform]) % 10**9


def build_sellers(rng: np.random.Generator, listings: int, reserve: int) -> Sellers:
    """Enough sellers of each kind for about ``listings`` honest listings."""
    counts = np.maximum(np.round(listings * KIND_SHARE / ADS_PER_SELLER).astype(np.int64), 2)
    kind = np.repeat(np.arange(4), counts).astype(np.int8)
    n = len(kind)
    business = kind != PRIVATE

    big = np.zeros(len(CITY_P))
    big[BIG_CITIES] = CITY_P[BIG_CITIES] ** 1.3
    city = rng.choice(len(CITY_P), n, p=CITY_P).astype(np.int16)
    city[business] = rng.choice(len(CITY_P), int(business.sum()), p=big / big.sum())
    lang = rng.choice(4, n, p=LANG_P).astype(np.int8)
    lang[business] = rng.choice(4, int(business.sum()), p=BUSINESS_LANG_P)

    keys = unique_draw(lambda m: rng.integers(10**8, 10**9, m), n + reserve)
    phone = unique_draw(lambda m: net.kz_nationals(rng, m), n)
    spare_phones = unique_draw(lambda m: net.kz_nationals(rng, m), 2 * reserve, taken=phone)
    phone_style = rng.choice(len(net.KZ_PHONE_STYLES), n, p=net.KZ_PHONE_STYLE_P).astype(np.int8)
    device = rng.integers(0, 2**64, (n, 2), dtype=np.uint64)
    device_os = rng.choice(3, (n, 2), p=DEVICE_OS_P).astype(np.int8)
    device_os[business, 0] = 2  # an office computer

    abroad = np.full(n, -1, dtype=np.int8)
    student = (kind == PRIVATE) & (rng.random(n) < STUDENT_SHARE)
    abroad[student] = rng.integers(0, len(net.STUDY_COUNTRIES), int(student.sum()))
    home_ip = net.draw_ips(rng, net.KZ_HOME_NETS, n)
    signin = fixed_strings("+7", phone, 10)
    if student.any():
        idx = np.flatnonzero(student)
        foreign: list[pa.Array] = []
        for c, cc in enumerate(net.STUDY_COUNTRIES):
            mine = idx[abroad[idx] == c]
            home_ip[mine] = net.draw_ips(rng, net.FOREIGN_NETS[cc], len(mine))
            foreign.append(net.e164(rng, cc, len(mine)))
        order = np.argsort(abroad[idx], kind="stable")  # idx grouped by country, as drawn
        mask = np.zeros(n, dtype=bool)
        mask[idx] = True
        values = pa.concat_arrays(foreign).take(pa.array(np.argsort(order)))
        signin = pc.replace_with_mask(signin, pa.array(mask), values)

    contact = np.zeros(n, dtype=np.int8)
    for k in range(4):
        rows = np.flatnonzero(kind == k)
        contact[rows] = rng.choice(len(CONTACT_KINDS), len(rows), p=CONTACT_P[k])
    name = rng.integers(0, len(SELLER_NAMES), n).astype(np.int16)
    biz = np.full(n, -1, dtype=np.int16)
    for k, (lo, hi) in BUSINESS_NAME_RANGE.items():
        rows = np.flatnonzero(kind == k)
        biz[rows] = rng.integers(lo, hi, len(rows))
    spec = np.full(n, -1, dtype=np.int8)
    shops = np.flatnonzero(kind == SHOP)
    spec[shops] = np.array(STOCK_CATS)[rng.integers(0, len(STOCK_CATS), len(shops))]

    members, cum_weight = [], []
    for k in range(4):
        rows = np.flatnonzero(kind == k)
        w = rng.lognormal(0.0, 0.6 if k == PRIVATE else 0.5, len(rows))
        members.append(rows)
        cum_weight.append(np.cumsum(w) / w.sum())

    region = CITY_REGION[city]
    per_region = np.bincount(region, minlength=len(REGION_SLUGS))
    nat_n = np.maximum(per_region // 40, 4)
    nat_lo = np.concatenate([[0], np.cumsum(nat_n)[:-1]])
    nat = net.draw_ips(rng, net.KZ_MOBILE_NETS, int(nat_n.sum()))
    return Sellers(
        kind=kind, key=keys[:n], city=city, lang=lang, phone=phone, phone_style=phone_style,
        device=device, device_os=device_os, home_ip=home_ip, abroad=abroad, signin=signin,
        contact=contact, name=name, biz=biz, spec=spec, members=members, cum_weight=cum_weight,
        nat=nat, nat_lo=nat_lo, nat_n=nat_n, reserve=keys[n:], spare_phones=spare_phones,
    )  # fmt: skip


def draw_sellers(rng: np.random.Generator, sellers: Sellers, n: int) -> np.ndarray:
    """n seller numbers: a kind by its share of listings, then a seller by activity."""
    kind = rng.choice(4, n, p=KIND_SHARE)
    out = np.empty(n, dtype=np.int64)
    for k in range(4):
        rows = np.flatnonzero(kind == k)
        pick = np.searchsorted(sellers.cum_weight[k], rng.random(len(rows)), side="right")
        out[rows] = sellers.members[k][np.minimum(pick, len(sellers.members[k]) - 1)]
    return out


def nat_ips(rng: np.random.Generator, sellers: Sellers, city: np.ndarray) -> np.ndarray:
    """A carrier-NAT address of the city's region for each row."""
    region = CITY_REGION[city]
    pick = (rng.random(len(city)) * sellers.nat_n[region]).astype(np.int64)
    return sellers.nat[sellers.nat_lo[region] + pick]
