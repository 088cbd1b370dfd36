"""Bad input, as platforms really hand it over: a few rows in every block, honest or not.

Prices null, 0, negative or absurd (1e15), junk currency codes and regions, phone fields cut
short or with letters, IPs that are not IPv4. The labels are untouched: a spoiled honest row is
still honest, a spoiled ring posting still fraud. Some junk values (``+7``, ``localhost``) recur
across unrelated sellers, so a detector that links sellers by raw values must validate first.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

BAD_P: Final = 0.0008  # per kind of damage, per row
BAD_KINDS: Final = (
    "price_null", "price_zero", "price_negative", "price_huge", "currency", "region", "phone",
    "ip",
)  # fmt: skip
JUNK_CURRENCIES: Final = ("ТГ", "тенге", "KZ", "XXX", "", "usd", "RUR", "$", "KZT ")
JUNK_REGIONS: Final = (
    "unknown", "", "Алматинская обл.", "kz", "almaty-oblast", "null", "Astana city", "ЮКО",
)  # fmt: skip
JUNK_PHONES: Final = ("+7", "00000000000", "тел. 8701", "+7 (7O1) 123-45-67", "7-01-12", "8 (7")
JUNK_IPS: Final = (
    "",
    "localhost",
    "256.1.1.1",
    "192.168.1.300",
    "37.150.12.7.1",
    "::ffff:5.76.1.1",
)


def _junk(rng: np.random.Generator, values: tuple[str, ...], n: int) -> pa.Array:
    return pa.array(list(values), pa.string()).take(pa.array(rng.integers(0, len(values), n)))


def spoil(rng: np.random.Generator, block: pa.Table) -> tuple[pa.Table, int]:
    """The block with a few damaged rows, and how many rows were damaged."""
    n = block.num_rows
    hit = {k: rng.random(n) < BAD_P for k in BAD_KINDS}
    damaged = np.logical_or.reduce(list(hit.values()))
    if not damaged.any():
        return block, 0
    price = block["price"].to_numpy()
    price[hit["price_null"]] = np.nan
    price[hit["price_zero"]] = 0.0
    neg = hit["price_negative"]
    price[neg] = -np.where(np.isnan(price[neg]) | (price[neg] == 0), 1.0, np.abs(price[neg]))
    price[hit["price_huge"]] = 1e15
    cols = {name: block[name] for name in block.column_names}
    cols["price"] = pa.array(price, pa.float64(), mask=np.isnan(price))
    cols["currency"] = pc.if_else(
        pa.array(hit["currency"]), _junk(rng, JUNK_CURRENCIES, n), block["currency"]
    )
    cols["region"] = pc.if_else(
        pa.array(hit["region"]), _junk(rng, JUNK_REGIONS, n), block["region"]
    )
    phone = block["seller_phone"]
    cut = pc.utf8_slice_codeunits(phone, 0, 7)
    bad_phone = pc.if_else(pa.array(rng.random(n) < 0.5), cut, _junk(rng, JUNK_PHONES, n))
    cols["seller_phone"] = pc.if_else(pa.array(hit["phone"]), bad_phone, phone)
    which = rng.random(n) < 0.5
    for name, rows in (("post_ip", hit["ip"] & which), ("signin_ip", hit["ip"] & ~which)):
        ip = block[name]
        out_of_range = pc.replace_substring_regex(ip, r"\.\d+$", ".3" + str(rng.integers(10, 99)))
        bad_ip = pc.if_else(pa.array(rng.random(n) < 0.5), out_of_range, _junk(rng, JUNK_IPS, n))
        cols[name] = pc.if_else(pa.array(rows), bad_ip, ip)
    return pa.Table.from_pydict(cols, schema=block.schema), int(damaged.sum())
