"""Turn a block of coded honest listings into Arrow columns: texts, phones, ids, IPs, lists.

Slots are looked up per template group (``saqbol.synth.ads.render``); everything else is a
column-wide take or a byte-matrix build, so no Python object is made per listing.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from saqbol.detectors.ads.columns import CATEGORIES, PLATFORMS
from saqbol.synth.ads import network as net
from saqbol.synth.ads.arrow import BLOCK_ARROW, TS
from saqbol.synth.ads.catalog import (
    BUSINESS_NAMES,
    CITY_NAMES,
    CITY_REGION,
    COLORS,
    ENGINES,
    GEARBOXES,
    ITEM_LO,
    ITEM_NAMES,
    REGION_SLUGS,
    SELLER_NAMES,
    STREETS,
    in_variants,
)
from saqbol.synth.ads.honest import PART, Batch
from saqbol.synth.ads.photos import MAX_PHOTOS
from saqbol.synth.ads.render import TABLES, group_codes, render
from saqbol.synth.ads.sellers import CONTACT_KINDS, DEVICE_OS, Sellers, seller_numbers
from saqbol.synth.ads.strings import grouped, layouts, list_column, optional_lists, prefixed_hex
from saqbol.synth.ads.strings import ipv4 as ip_strings
from saqbol.synth.calls.numbers import digit_matrix, prefixed_strings
from saqbol.synth.messages.translit import MIXED_SCHEME, transliterate

WA_PREFIXES = ("wa.me/7", "https://wa.me/7", "https://api.whatsapp.com/send?phone=7")
GROUPS = {part: group_codes(part) for part in ("title", "intro", "main", "detail", "close")}
CONTACT_GROUP = np.array(
    [-1] + [TABLES["contact"].group(k) for k in CONTACT_KINDS[1:]], dtype=np.int64
)
CAR_LO = ITEM_LO[CATEGORIES.index("car")]


def _variant_tables(rows: list[list[str]]) -> list[pa.Array]:
    return [pa.array(values, pa.string()) for values in rows]


def _slug(text: str) -> str:
    """A handle as people make one: Latin letters, digits and underscores."""
    latin = transliterate(text, MIXED_SCHEME).lower()
    return "".join(ch if ch.isascii() and ch.isalnum() else "_" for ch in latin).strip("_")


ITEMS = _variant_tables(ITEM_NAMES)
CITIES = _variant_tables(CITY_NAMES)
COLOR_T = _variant_tables(COLORS)
GEAR_T = _variant_tables(GEARBOXES)
STREET_T = _variant_tables(STREETS)
NAME_T = _variant_tables(in_variants([(s, s) for s in SELLER_NAMES]))
ENGINE_T = pa.array([f"{e:.1f}" for e in ENGINES], pa.string())
BIZ_T = pa.array(list(BUSINESS_NAMES), pa.string())
BIZ_SLUG = pa.array([_slug(b) for b in BUSINESS_NAMES], pa.string())
NAME_SLUG = pa.array([_slug(s) for s in SELLER_NAMES], pa.string())
CITY_RU = CITIES[0]
REGIONS_T = pa.array(list(REGION_SLUGS), pa.string())
PLATFORMS_T = pa.array(list(PLATFORMS), pa.string())
CATEGORIES_T = pa.array(list(CATEGORIES), pa.string())
SEPARATORS = pa.array([" ", "\n"], pa.string())
CURRENCY_T = pa.array(["KZT", "USD"], pa.string())
EMOJI_T = pa.array(["‼️", "🔥", "✅", "📞", "👍", "💯"], pa.string())
SELLER_PREFIXES = tuple(f"{p}-" for p in PLATFORMS)


def _i64(a: np.ndarray) -> pa.Array:
    return pa.array(a.astype(np.int64))


def national_digits(national: np.ndarray) -> np.ndarray:
    """(n, 10) ASCII digits of 10-digit national numbers."""
    return digit_matrix(national, 10)


class HonestSlots:
    """Slot values of one block, computed only for the rows a template group needs."""

    def __init__(self, b: Batch, sellers: Sellers) -> None:
        self.b = b
        self.s = sellers
        seller = b["seller"]
        digits = national_digits(sellers.phone[seller])
        self.phone = layouts(net.KZ_PHONE_STYLES, b["text_style"].astype(np.int64), digits)
        contact = b["contact"]
        self.wa = self._sparse(contact == CONTACT_KINDS.index("wa_link"), self._wa)
        self.tg = self._sparse(contact == CONTACT_KINDS.index("telegram"), self._tg)
        self.site = self._sparse(contact == CONTACT_KINDS.index("site"), self._site)

    @staticmethod
    def _sparse(mask: np.ndarray, build: Callable[[np.ndarray], pa.Array]) -> pa.Array:
        """A column that only the masked rows need: built for them, null elsewhere."""
        nulls = pa.nulls(len(mask), pa.string())
        rows = np.flatnonzero(mask)
        return pc.replace_with_mask(nulls, pa.array(mask), build(rows)) if len(rows) else nulls

    def _wa(self, rows: np.ndarray) -> pa.Array:
        phone = self.s.phone[self.b["seller"][rows]]
        return prefixed_strings(WA_PREFIXES, self.b["link_style"][rows].astype(np.int64), phone, 10)

    def _tg(self, rows: np.ndarray) -> pa.Array:
        seller = self.b["seller"][rows]
        return pc.binary_join_element_wise(
            pa.scalar("@"), NAME_SLUG.take(_i64(self.s.name[seller])), pa.scalar("_"),
            pc.cast(pa.array(self.s.key[seller] % 10_000), pa.string()), "",
        )  # fmt: skip

    def _site(self, rows: np.ndarray) -> pa.Array:
        """The shop's page on kaspi.kz or Instagram."""
        seller = self.b["seller"][rows]
        key = self.s.key[seller]
        kaspi = prefixed_strings(
            ("kaspi.kz/shop/info/merchant/",), np.zeros(len(rows), dtype=np.int64), key % 10**6, 6
        )
        insta = pc.binary_join_element_wise(
            pa.scalar("instagram.com/"), BIZ_SLUG.take(_i64(np.maximum(self.s.biz[seller], 0))),
            pa.scalar("."), pc.cast(pa.array(key % 1000), pa.string()), "",
        )  # fmt: skip
        return pc.if_else(pa.array(key % 2 == 0), kaspi, insta)

    def get(self, name: str, variant: int, rows: np.ndarray) -> pa.Array:
        b, s = self.b, self.s
        idx = pa.array(rows)
        match name:
            case "item":
                return ITEMS[variant].take(_i64(b["item"][rows]))
            case "city":
                return CITIES[variant].take(_i64(b["city"][rows]))
            case "color":
                return COLOR_T[variant].take(_i64(b["color"][rows]))
            case "gearbox":
                return GEAR_T[variant].take(_i64(b["gearbox"][rows]))
            case "street":
                return STREET_T[variant].take(_i64(b["street"][rows]))
            case "name":
                return NAME_T[variant].take(_i64(s.name[b["seller"][rows]]))
            case "biz":
                return BIZ_T.take(_i64(np.maximum(s.biz[b["seller"][rows]], 0)))
            case "engine":
                return ENGINE_T.take(_i64(np.maximum(b["item"][rows] - CAR_LO, 0)))
            case "mileage":
                return grouped(b["mileage"][rows])
            case "price":
                p = np.nan_to_num(b["price"][rows])
                return grouped(np.round(p).astype(np.int64))
            case "year" | "rooms" | "area" | "floor" | "floors" | "land":
                return pc.cast(pa.array(b[name][rows].astype(np.int64)), pa.string())
            case "phone":
                return self.phone.take(idx)
            case "wa":
                return self.wa.take(idx)
            case "tg":
                return self.tg.take(idx)
            case "site":
                return self.site.take(idx)
        raise KeyError(name)


def honest_block(b: Batch, sellers: Sellers) -> pa.Table:
    """The block's rows in BLOCK_ARROW layout (no ad_id)."""
    n = len(b["t"])
    seller = b["seller"]
    kind = sellers.kind[seller].astype(np.int64)
    cat = b["cat"].astype(np.int64)
    var, pick = b["var"], b["pick"]
    slots = HonestSlots(b, sellers)

    def part(name: str, table: str, group: np.ndarray) -> pa.Array:
        j = PART[name]
        choice = pick[:, j]
        if name == "detail2":  # a second detail only where there is another one to say
            count = TABLES[table].count[np.maximum(group, 0), var[:, j]]
            choice = np.where(count > 1, choice, -1)
        return render(TABLES[table], group, var[:, j], choice, slots)

    title = part("title", "title", GROUPS["title"][kind, cat])
    body = [
        part("intro", "intro", GROUPS["intro"][kind, cat]),
        part("main", "main", GROUPS["main"][kind, cat]),
        part("detail", "detail", GROUPS["detail"][kind, cat]),
        part("detail2", "detail", GROUPS["detail"][kind, cat]),
        part("price", "price", b["price_group"].astype(np.int64)),
        part("contact", "contact", CONTACT_GROUP[b["contact"]]),
        part("close", "close", GROUPS["close"][kind, cat]),
    ]
    sep = SEPARATORS.take(_i64(b["sep"]))
    emoji = EMOJI_T.take(pa.array(b["emoji"].astype(np.int64), mask=b["emoji"] < 0))
    text = pc.binary_join_element_wise(emoji, *body, sep, null_handling="skip")
    shout = b["emoji"] == 0  # some sellers shout the title too
    title = pc.if_else(pa.array(shout), pc.utf8_upper(title), title)

    shown = pick[:, PART["contact"]] >= 0
    contact = b["contact"]
    said = shown & np.isin(contact, [CONTACT_KINDS.index(k) for k in ("phone", "whatsapp")])
    tg = shown & (contact == CONTACT_KINDS.index("telegram"))
    wa = shown & (contact == CONTACT_KINDS.index("wa_link"))
    site = shown & (contact == CONTACT_KINDS.index("site"))
    contacts = optional_lists(
        [pc.if_else(pa.array(said), slots.phone, None), pc.if_else(pa.array(tg), slots.tg, None)]
    )
    links = optional_lists(
        [pc.if_else(pa.array(wa), slots.wa, None), pc.if_else(pa.array(site), slots.site, None)]
    )

    plat = b["plat"].astype(np.int64)
    key = sellers.key[seller]
    phone_field = layouts(
        net.KZ_PHONE_STYLES,
        sellers.phone_style[seller].astype(np.int64),
        national_digits(sellers.phone[seller]),
    )
    signin = sellers.signin.take(pa.array(seller))
    foreign_field = (sellers.abroad[seller] >= 0) & (key % 5 < 2)
    if foreign_field.any():
        phone_field = pc.if_else(pa.array(foreign_field), signin, phone_field)
    dev = b["dev"].astype(np.int64)
    keep = np.arange(MAX_PHOTOS) < b["n_ph"][:, None]
    price = b["price"]
    cols = {
        "platform": PLATFORMS_T.take(pa.array(plat)),
        "category": CATEGORIES_T.take(pa.array(cat)),
        "title": title,
        "text": text,
        "price": pa.array(price, pa.float64(), mask=np.isnan(price)),
        "currency": CURRENCY_T.take(_i64(b["usd"])),
        "region": REGIONS_T.take(_i64(CITY_REGION[b["city"]])),
        "city": CITY_RU.take(_i64(b["city"])),
        "seller_id": prefixed_strings(SELLER_PREFIXES, plat, seller_numbers(key, plat), 9),
        "seller_phone": phone_field,
        "signin_phone": signin,
        "signin_ip": ip_strings(b["signin_ip"]),
        "post_ip": ip_strings(b["post_ip"]),
        "device_id": prefixed_hex(
            DEVICE_OS, sellers.device_os[seller, dev], sellers.device[seller, dev]
        ),
        "posted_at": pa.array(b["t"], TS),
        "photo_hashes": list_column(pa.array(b["photos"][keep]), b["n_ph"].astype(np.int64)),
        "links": links,
        "contacts": contacts,
        "is_fraud": pa.array(np.zeros(n, dtype=bool)),
        "ring_id": pa.nulls(n, pa.int64()),
        "scheme": pa.array(["none"], pa.string()).take(pa.array(np.zeros(n, dtype=np.int64))),
    }
    return pa.Table.from_pydict(cols, schema=BLOCK_ARROW)
