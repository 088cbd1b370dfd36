"""Vectorised valid Kazakh identifiers (card/Luhn, IBAN/mod 97, phone, IIN), drawn from numpy.

The same rules as ``saqbol.synth.identifiers`` but for tens of thousands at once from a numpy
``Generator``, so a population is reproducible from one seed and fast to build. Each function
returns unique values (duplicates are redrawn), as a numpy array of Python-ready ``str``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from saqbol.synth.identifiers import CARD_PREFIXES, KZ_MOBILE_PREFIXES

_IIN_W1 = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
_IIN_W2 = np.array([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2])


def _to_str(digits: np.ndarray, prefix: str = "") -> np.ndarray:
    """(n, k) digit matrix -> array of str, each prefixed."""
    n, k = digits.shape
    raw = (digits.astype(np.uint8) + ord("0")).view(f"S{k}").reshape(n)
    return np.char.add(prefix, raw.astype(f"U{k}"))


def _unique(draw: Callable[[int], np.ndarray], n: int) -> np.ndarray:
    """Draw n values and redraw duplicates until all are distinct (deterministic order)."""
    return _unique_rows(lambda rows: draw(len(rows)), n)


def _unique_rows(draw: Callable[[np.ndarray], np.ndarray], n: int) -> np.ndarray:
    """``_unique`` where a row's value depends on the row: ``draw`` gets the row numbers."""
    out = draw(np.arange(n))
    while True:
        _, first = np.unique(out, return_index=True)
        dup = np.ones(n, dtype=bool)
        dup[first] = False
        if not dup.any():
            return out
        out[dup] = draw(np.flatnonzero(dup))


def luhn_digit(body: np.ndarray) -> np.ndarray:
    """Luhn check digit for each row of a (n, k) digit matrix."""
    k = body.shape[1]
    double = ((k - 1 - np.arange(k)) % 2) == 0  # rightmost body digit is doubled
    d = body.astype(np.int64)
    d = np.where(double, d * 2, d)
    d = np.where(d > 9, d - 9, d)
    return (10 - d.sum(axis=1) % 10) % 10


def _prefix_digits(rng: np.random.Generator, prefixes: tuple[str, ...], n: int) -> np.ndarray:
    table = np.array([[int(c) for c in p] for p in prefixes])
    return table[rng.integers(0, len(prefixes), n)]


def cards(
    rng: np.random.Generator, n: int, prefixes: tuple[str, ...] = CARD_PREFIXES, length: int = 16
) -> np.ndarray:
    """n distinct card numbers with a valid Luhn digit."""

    def draw(m: int) -> np.ndarray:
        head = _prefix_digits(rng, prefixes, m)
        rest = rng.integers(0, 10, (m, length - 1 - head.shape[1]))
        body = np.hstack([head, rest])
        return _to_str(np.hstack([body, luhn_digit(body)[:, None]]))

    return _unique(draw, n)


def mod97(digits: np.ndarray) -> np.ndarray:
    """Remainder mod 97 of each row of a digit matrix read as one decimal number."""
    r = np.zeros(digits.shape[0], dtype=np.int64)
    for j in range(digits.shape[1]):
        r = (r * 10 + digits[:, j]) % 97
    return r


def kz_ibans(rng: np.random.Generator, bank_codes: np.ndarray) -> np.ndarray:
    """One distinct KZ IBAN per row, with the given 3-digit bank code (str array) each."""
    n = len(bank_codes)
    codes = np.array([[int(c) for c in code] for code in bank_codes]).reshape(n, 3)

    def draw_rows(rows: np.ndarray) -> np.ndarray:
        bban = np.hstack([codes[rows], rng.integers(0, 10, (len(rows), 13))])
        # K=20, Z=35, then "00" for the check digits.
        tail = np.tile(np.array([2, 0, 3, 5, 0, 0]), (len(rows), 1))
        check = 98 - mod97(np.hstack([bban, tail]))
        cd = np.stack([check // 10, check % 10], axis=1)
        return np.char.add("KZ", _to_str(np.hstack([cd, bban])))

    return _unique_rows(draw_rows, n)


def kz_phones(rng: np.random.Generator, n: int) -> np.ndarray:
    """n distinct E.164 Kazakh mobile numbers."""

    def draw(m: int) -> np.ndarray:
        head = _prefix_digits(rng, KZ_MOBILE_PREFIXES, m)
        return _to_str(np.hstack([head, rng.integers(0, 10, (m, 7))]), "+7")

    return _unique(draw, n)


def iins(rng: np.random.Generator, birth_year: np.ndarray, female: np.ndarray) -> np.ndarray:
    """Distinct IINs encoding each birth year and sex, with a valid check digit."""
    n = len(birth_year)
    out = np.empty(n, dtype="U12")
    todo = np.arange(n)
    seen: np.ndarray = np.empty(0, dtype="U12")
    while len(todo):
        m = len(todo)
        year = birth_year[todo]
        yy = year % 100
        month, day = rng.integers(1, 13, m), rng.integers(1, 29, m)
        century = np.where(year >= 2000, 5, 3) + female[todo].astype(np.int64)
        d = np.column_stack(
            [yy // 10, yy % 10, month // 10, month % 10, day // 10, day % 10, century]
            + [rng.integers(0, 10, m) for _ in range(4)]
        )
        c1 = (d * _IIN_W1).sum(axis=1) % 11
        c2 = (d * _IIN_W2).sum(axis=1) % 11
        check = np.where(c1 != 10, c1, c2)
        ok = check != 10
        vals = _to_str(np.hstack([d, check[:, None]]))
        # keep the first of any duplicate and anything not already used
        _, first = np.unique(vals, return_index=True)
        fresh = np.zeros(m, dtype=bool)
        fresh[first] = True
        fresh &= ok & ~np.isin(vals, seen)
        out[todo[fresh]] = vals[fresh]
        seen = np.concatenate([seen, vals[fresh]])
        todo = todo[~fresh]
    return out


def hex_ids(rng: np.random.Generator, prefix: np.ndarray | str, n: int) -> np.ndarray:
    """n distinct device-like ids such as ``and-3fa9c01b22d4``."""

    def draw(m: int) -> np.ndarray:
        nib = rng.integers(0, 16, (m, 12))
        chars = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)[nib]
        return chars.view("S12").reshape(m).astype("U12")

    body = _unique(draw, n)
    return np.char.add(np.char.add(prefix, "-"), body)


def ipv4(rng: np.random.Generator, prefixes: tuple[str, ...], n: int) -> np.ndarray:
    """n IPv4 strings inside the given /16 prefixes (like ``"95.56"``)."""
    pre = np.array(prefixes)[rng.integers(0, len(prefixes), n)]
    c, d = rng.integers(0, 256, n), rng.integers(1, 255, n)
    return np.array(
        [f"{p}.{x}.{y}" for p, x, y in zip(pre.tolist(), c.tolist(), d.tolist(), strict=True)]
    )
