"""Vectorised numbers and identifiers (KZ mobiles and landlines, foreign numbers, IMSI, IMEI).

Numbers are drawn as int64 digit strings and built straight into Arrow string buffers, so a
book of millions of numbers costs a fraction of a second and never a Python string each.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import phonenumbers
import pyarrow as pa

from saqbol.synth.calls.tables import COUNTRIES
from saqbol.synth.payments.ids import luhn_digit

# Mobile codes no operator holds (possible but not valid per libphonenumber's KZ metadata).
UNALLOCATED: tuple[str, ...] = (
    "703", "704", "709", "730", "733", "740", "745", "750", "755", "765", "766", "770", "772",
    "774", "779", "790", "799",
)  # fmt: skip


def digit_matrix(values: np.ndarray, width: int) -> np.ndarray:
    """(n, width) ASCII digits of non-negative int64 values, zero-padded on the left."""
    out = np.empty((len(values), width), dtype=np.uint8)
    rest = values.astype(np.int64)
    for j in range(width - 1, -1, -1):
        rest, digit = np.divmod(rest, 10)
        out[:, j] = digit + 48
    return out


def fixed_strings(prefix: str, values: np.ndarray, width: int) -> pa.StringArray:
    """``prefix`` + each value as ``width`` digits, as one Arrow array."""
    n = len(values)
    pre = np.frombuffer(prefix.encode(), dtype=np.uint8)
    length = len(pre) + width
    buf = np.empty((n, length), dtype=np.uint8)
    buf[:, : len(pre)] = pre
    buf[:, len(pre) :] = digit_matrix(values, width)
    offsets = np.arange(0, (n + 1) * length, length, dtype=np.int32)
    return pa.StringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(buf.tobytes()))


def prefixed_strings(
    prefixes: Sequence[str], which: np.ndarray, values: np.ndarray, width: int
) -> pa.StringArray:
    """``prefixes[which[i]]`` + ``values[i]`` as ``width`` digits; prefixes may differ in length."""
    n = len(values)
    if n == 0:
        return pa.array([], pa.string())
    pre = [p.encode() for p in prefixes]
    plen = np.array([len(p) for p in pre], dtype=np.int64)[which]
    lengths = plen + width
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    buf = np.empty(int(offsets[-1]), dtype=np.uint8)
    digits = digit_matrix(values, width)
    for k, p in enumerate(pre):
        rows = np.flatnonzero(which == k)
        if len(rows) == 0:
            continue
        starts = offsets[rows]
        pos = starts[:, None] + np.arange(len(p) + width)
        block = np.empty((len(rows), len(p) + width), dtype=np.uint8)
        block[:, : len(p)] = np.frombuffer(p, dtype=np.uint8)
        block[:, len(p) :] = digits[rows]
        buf[pos] = block
    return pa.StringArray.from_buffers(
        n, pa.py_buffer(offsets.astype(np.int32)), pa.py_buffer(buf.tobytes())
    )


def unique_draw(
    draw: Callable[[int], np.ndarray], n: int, taken: np.ndarray | None = None
) -> np.ndarray:
    """n distinct int64 values from ``draw(m)``, none in ``taken``; redraws keep the order."""
    out = draw(n)
    taken = np.empty(0, dtype=np.int64) if taken is None else taken
    while True:
        _, first = np.unique(out, return_index=True)
        bad = np.ones(n, dtype=bool)
        bad[first] = False
        bad |= np.isin(out, taken)
        if not bad.any():
            return out
        out[bad] = draw(int(bad.sum()))


def kz_national(
    rng: np.random.Generator, codes: Sequence[str], which: np.ndarray, width: int = 10
) -> np.ndarray:
    """National numbers (int64, 10 digits starting 7) with the code ``codes[which[i]]`` each."""
    head = np.array([int(c) for c in codes], dtype=np.int64)[which]
    span = 10 ** (width - np.array([len(c) for c in codes])[which])
    return head * span + (rng.random(len(which)) * span).astype(np.int64)


def foreign_numbers(rng: np.random.Generator, n: int) -> tuple[pa.StringArray, np.ndarray]:
    """n foreign numbers (E.164 strings, valid) and their country codes (COUNTRIES index)."""
    weights = np.array([v[0] for v in COUNTRIES.values()])
    country = np.sort(rng.choice(len(COUNTRIES), n, p=weights / weights.sum()))
    parts = []
    for c, (_, _, templates) in enumerate(COUNTRIES.values()):
        m = int((country == c).sum())
        tpl = rng.integers(0, len(templates), m)
        for k, (prefixes, width) in enumerate(templates):
            rows = int((tpl == k).sum())
            which = rng.integers(0, len(prefixes), rows)
            values = (rng.random(rows) * 10**width).astype(np.int64)
            parts.append(prefixed_strings(prefixes, which, values, width))
    # order inside a country is by template; shuffle rows so any slice is mixed
    numbers = pa.concat_arrays(parts)
    perm = rng.permutation(n)
    return numbers.take(pa.array(perm)), country[perm]


def imsis(rng: np.random.Generator, n: int, prefix: int) -> np.ndarray:
    """n distinct 15-digit IMSIs (int64) under the 5-digit MCC+MNC ``prefix``."""
    return unique_draw(lambda m: prefix * 10**10 + rng.integers(0, 10**10, m), n)


def imeis(rng: np.random.Generator, tacs: np.ndarray) -> np.ndarray:
    """One distinct 15-digit IMEI (int64, valid Luhn) per 8-digit TAC in ``tacs``."""
    out = np.zeros(len(tacs), dtype=np.int64)
    bad = np.ones(len(tacs), dtype=bool)
    while bad.any():
        idx = np.flatnonzero(bad)
        body = tacs[idx] * 10**6 + rng.integers(0, 10**6, len(idx))
        out[idx] = body * 10 + luhn_digit(digit_matrix(body, 14) - 48)
        _, first = np.unique(out, return_index=True)
        bad[:] = True
        bad[first] = False
    return out


def malformed(rng: np.random.Generator, n: int) -> list[str]:
    """n distinct junk calling numbers (wrong lengths, letters, stray signs, all zeros), none of
    them even a possible number, so that they are unambiguous for the labels."""
    out: dict[str, None] = {}
    letters = "ABCDEFXZ"
    while len(out) < n:
        form = int(rng.integers(0, 8))
        d = "".join(str(x) for x in rng.integers(0, 10, 16))
        s = {
            0: "+770" + d[:7],  # one digit short
            1: "+7707" + d[:9],  # two digits long
            2: "8" + "70" + d[:7],  # national, one digit short
            3: "0" + d[: 3 + int(rng.integers(0, 4))],  # a few digits after 0
            4: "+7" + "70" + d[:3] + letters[int(rng.integers(0, 8))] + d[3:6],
            5: "+" + d[:3],
            6: "0" * int(rng.integers(6, 13)),
            7: "+999" + d[:14],  # no such country, far too long
        }[form]
        if not _possible(s):
            out[s] = None
    return list(out)


def _possible(s: str) -> bool:
    try:
        return phonenumbers.is_possible_number(phonenumbers.parse(s, "KZ"))
    except phonenumbers.NumberParseException:
        return False
