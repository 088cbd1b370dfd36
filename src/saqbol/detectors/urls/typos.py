"""Name the single edit that turns a brand's name into a lookalike, as dnstwist's fuzzers and
real typosquatters make them: omission, insertion, repetition, transposition, replacement by a
keyboard neighbour (QWERTY, QWERTZ, AZERTY, or the Russian ЙЦУКЕН layout for Cyrillic names)
or by a look-alike character (d for b, r for n), vowel swap,
bitsquatting, any other replacement, hyphenation and plural.

A symmetric-deletion index finds the names within one edit of a label with a handful of dict
lookups (no scan over all names), so it stays fast with hundreds of names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

VOWELS = frozenset("aeiouyаеёиоуыэюяәіөұү")
_QWERTY_ROWS = ("1234567890-", "qwertyuiop", "asdfghjkl", "zxcvbnm")
_QWERTZ_ROWS = ("1234567890", "qwertzuiop", "asdfghjkl", "yxcvbnm")  # German, Central Europe
_AZERTY_ROWS = ("1234567890", "azertyuiop", "qsdfghjklm", "wxcvbn")  # French
_JCUKEN_ROWS = ("1234567890-", "йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю")


def _neighbours(rows: tuple[str, ...]) -> dict[str, frozenset[str]]:
    near: dict[str, set[str]] = {}
    for r, row in enumerate(rows):
        for c, key in enumerate(row):
            around = near.setdefault(key, set())
            for dr in (-1, 0, 1):
                if 0 <= r + dr < len(rows):
                    other = rows[r + dr]
                    for dc in (-1, 0, 1):
                        if (dr or dc) and 0 <= c + dc < len(other):
                            around.add(other[c + dc])
    return {k: frozenset(v) for k, v in near.items()}


QWERTY = _neighbours(_QWERTY_ROWS)
QWERTZ = _neighbours(_QWERTZ_ROWS)
AZERTY = _neighbours(_AZERTY_ROWS)
JCUKEN = _neighbours(_JCUKEN_ROWS)
# One ASCII character that passes for another (dnstwist's ASCII homoglyphs): dcc for bcc.
LOOKALIKE = {
    a + b
    for pair in ("bd", "ce", "gq", "mn", "nr", "uv", "il", "i1", "l1", "o0", "38", "69")
    for a, b in (pair, pair[::-1])
}


def edit_kind(label: str, name: str) -> tuple[str, str] | None:
    """(kind, detail) of the one edit from ``name`` to ``label``, or None if it takes more.

    >>> edit_kind("kapsi", "kaspi")
    ('transposition', '')
    >>> edit_kind("laspi", "kaspi")
    ('keyboard', 'QWERTY')
    """
    if label == name:
        return None
    n, m = len(name), len(label)
    if m == n - 1:
        return ("omission", "") if _one_deletion(name, label) else None
    if m == n + 1:
        if not _one_deletion(label, name):
            return None
        if label.replace("-", "") == name:
            return "hyphenation", ""
        if label == name + "s" or label == name + "es":
            return "plural", ""
        i = next((k for k in range(n) if label[k] != name[k]), n)
        extra = label[i]
        if (i > 0 and label[i - 1] == extra) or (i + 1 < m and label[i + 1] == extra):
            return "repetition", ""
        return "insertion", ""
    if m != n:
        return None
    diff = [k for k in range(n) if label[k] != name[k]]
    if len(diff) == 2 and diff[1] == diff[0] + 1:
        i, j = diff
        if label[i] == name[j] and label[j] == name[i]:
            return "transposition", ""
        return None
    if len(diff) != 1:
        return None
    was, now = name[diff[0]], label[diff[0]]
    if was in VOWELS and now in VOWELS:
        return "vowel_swap", ""
    for layout, near in (("QWERTY", QWERTY), ("ЙЦУКЕН", JCUKEN), ("QWERTZ", QWERTZ),
                         ("AZERTY", AZERTY)):  # fmt: skip
        if now in near.get(was, ()):
            return "keyboard", layout
    if was + now in LOOKALIKE:
        return "lookalike", ""
    if _is_power_of_two(ord(was) ^ ord(now)):
        return "bitsquatting", ""
    return "replacement", ""


def _one_deletion(longer: str, shorter: str) -> bool:
    i = next((k for k in range(len(shorter)) if longer[k] != shorter[k]), len(shorter))
    return longer[i + 1 :] == shorter[i:]


def _is_power_of_two(x: int) -> bool:
    return x > 0 and x & (x - 1) == 0


def deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@dataclass(frozen=True, slots=True)
class NameHit:
    name: str
    key: str  # the brand's key
    kind: str  # "exact" or an edit kind
    detail: str = ""


class NameIndex:
    """Names of protected brands, looked up exactly or within one edit."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        self.exact: dict[str, str] = {}
        # A string -> the names it is one deletion of; a name is also filed under itself, so
        # one lookup per deletion of a label finds both "name plus a letter" and "a letter
        # changed or swapped".
        self._deleted: dict[str, list[tuple[str, str]]] = {}
        for name, key in names:
            if name in self.exact:
                continue
            self.exact[name] = key
            self._deleted.setdefault(name, []).append((name, key))
            for shorter in deletions(name):
                self._deleted.setdefault(shorter, []).append((name, key))

    def find(self, label: str) -> list[NameHit]:
        """Exact hit if any; otherwise every name one edit away from ``label``."""
        key = self.exact.get(label)
        if key is not None:
            return [NameHit(label, key, "exact")]
        return self.near(label)

    def near(self, label: str) -> list[NameHit]:
        """Every name one edit away from ``label`` (t.me's t for t2, itself a name)."""
        candidates: dict[str, str] = {}
        deleted = self._deleted
        for name, k in deleted.get(label, ()):  # label is the name less one letter
            candidates[name] = k
        for i in range(len(label)):  # its deletions, repeats and all: cheaper than a set
            found = deleted.get(label[:i] + label[i + 1 :])
            if found is not None:
                for name, k in found:
                    candidates[name] = k
        hits = []
        for name, k in candidates.items():
            kind = edit_kind(label, name)
            if kind is not None:
                hits.append(NameHit(name, k, *kind))
        return hits
