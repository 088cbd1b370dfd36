"""Reduce a domain label to the Latin letters it looks like, so look-alikes compare equal.

Unicode's confusables table (TR39, shipped by ``confusable-homoglyphs``) maps a Cyrillic «а»,
a Greek «ο» or a mathematical «𝐚» to the Latin letter they imitate; decomposition strips
accents (á → a); digits that pass for letters (0 → o, 1 → l) and letter pairs that pass for
one letter (rn → m, vv → w, cl → d) are folded last. The table is built once at import.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from functools import lru_cache

_ASCII = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")
DIGIT_LOOKALIKES = {"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "6": "b", "7": "t", "8": "b"}
PAIR_LOOKALIKES = (
    ("rn", "m"), ("vv", "w"), ("uu", "w"), ("cl", "d"), ("nn", "m"), ("ii", "u"), ("lc", "k"),
    ("lb", "b"), ("lh", "h"), ("dl", "d"),
)  # fmt: skip


def lookalike_table(confusables: Mapping[str, Sequence[Mapping[str, str]]]) -> dict[int, str]:
    """Single characters that look like a Latin letter or digit -> that letter or digit, from
    the confusables data (``saqbol.rules.load_confusables``) and the letters it leaves out."""
    table: dict[int, str] = {}
    for char, entries in confusables.items():
        for entry in entries:
            glyph = entry["c"]
            if len(char) == 1 and len(glyph) == 1:
                if glyph.lower() in _ASCII and char.lower() not in _ASCII:
                    table.setdefault(ord(char), glyph.lower())
                elif char.lower() in _ASCII and glyph.lower() not in _ASCII:
                    table.setdefault(ord(glyph), char.lower())
    # Letters that the confusables table leaves out but that pass for Latin in a domain.
    extra = {
        "ı": "i", "ɩ": "i", "ł": "l", "ɫ": "l", "ƚ": "l", "đ": "d", "ɗ": "d", "ħ": "h",
        "ƙ": "k", "ŧ": "t", "ƭ": "t", "ø": "o", "ɵ": "o", "ß": "b", "ƀ": "b", "ɓ": "b",
        "ǥ": "g", "ɠ": "g", "ɢ": "g", "ʜ": "h", "ɴ": "n", "ʀ": "r", "ʏ": "y", "ɪ": "i",
        "ʟ": "l", "ᴋ": "k", "ᴍ": "m", "ᴛ": "t", "ᴜ": "u", "ᴠ": "v", "ᴡ": "w", "ᴢ": "z",
        "ә": "a", "ə": "a", "ғ": "f", "қ": "k", "ң": "h", "ө": "o", "ұ": "y", "ү": "y",
        "һ": "h", "і": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ɑ": "a",
        "ɡ": "g", "ɒ": "a", "ƈ": "c", "ƒ": "f", "ʋ": "v", "ѵ": "v", "ʂ": "s", "ȿ": "s",
        "ɱ": "m", "ɲ": "n", "ɳ": "n", "ƞ": "n", "ƥ": "p", "ʠ": "q", "ɋ": "q", "ɍ": "r",
        "ɽ": "r", "ʈ": "t", "ɯ": "w", "ƴ": "y", "ɏ": "y", "ȥ": "z", "ʐ": "z", "ʑ": "z",
        "ƶ": "z", "ĸ": "k", "ⱪ": "k", "ƿ": "p", "ɨ": "i", "т": "t", "ь": "b", "ⱴ": "v",
        "ƫ": "t", "ƅ": "b", "ŋ": "n", "ɼ": "r", "ʙ": "b", "ɖ": "d", "ɇ": "e", "ɦ": "h",
        "ⱨ": "h", "ʝ": "j", "ɉ": "j", "ꞑ": "n", "ɾ": "r", "ʉ": "u", "ⱱ": "v", "ⱳ": "w",
        "ⱬ": "z", "ƻ": "2", "ʒ": "3", "æ": "ae", "œ": "oe",
        # Cyrillic letters that dnstwist's Cyrillic fuzzer writes for Latin ones.
        "к": "k", "м": "m", "ԍ": "g",
    }  # fmt: skip
    for char, latin in extra.items():
        table.setdefault(ord(char), latin)
    # Where the confusables table names another letter than the one a domain passes for: y for
    # ᶌ (v with a palatal hook), i (capital I) for the Cyrillic palochka, lower case in a host.
    table.update({ord(char): latin for char, latin in OVERRIDES.items()})
    return table


OVERRIDES = {"ᶌ": "v", "ӏ": "l"}


class Skeleton:
    """What a label looks like in Latin: ``"kаsрі"`` (Cyrillic а, р, і) -> ``"kaspi"``.

    Built once from a ``lookalike_table``; remembers recent labels (``cache_clear`` forgets).
    """

    def __init__(self, table: Mapping[int, str]) -> None:
        self.table = dict(table)
        self._cached = lru_cache(maxsize=65536)(self._skeleton)

    def __call__(self, label: str) -> str:
        return self._cached(label)

    def cache_clear(self) -> None:
        self._cached.cache_clear()

    def _skeleton(self, label: str) -> str:
        folded = label.lower().translate(self.table)
        if not folded.isascii():
            decomposed = unicodedata.normalize("NFKD", folded)
            folded = "".join(c for c in decomposed if not unicodedata.combining(c))
            folded = folded.translate(self.table)
        return folded


def fold_digits(label: str) -> str:
    return (
        "".join(DIGIT_LOOKALIKES.get(c, c) for c in label)
        if any(map(str.isdigit, label))
        else label
    )


def fold_pairs(label: str) -> str:
    if _ANY_PAIR.search(label) is None:  # most labels: one scan instead of one per pair
        return label
    for pair, letter in PAIR_LOOKALIKES:
        if pair in label:
            label = label.replace(pair, letter)
    return label


_ANY_PAIR = re.compile("|".join(pair for pair, _ in PAIR_LOOKALIKES))


def scripts(label: str) -> tuple[bool, bool]:
    """Whether a label has (Latin letters, Cyrillic letters)."""
    if label.isascii():
        return bool(_LATIN.search(label)), False
    return bool(_LATIN.search(label)), bool(_CYRILLIC.search(label))


_LATIN = re.compile("[a-z]")
_CYRILLIC = re.compile("[\u0400-\u052f]")


# Latin letters and digits that pass for one another in a domain (c/e, g/q, u/v, i/l/1,
# o/0, b/d, m/n/r): each class folds to one letter, so "bccline" and "beeline" meet.
_ASCII_CLASSES = str.maketrans("eqv1i0dmr", "cgullobnn")


def ascii_classes(label: str) -> tuple[str, ...]:
    """``label`` with look-alike letters folded to their class, with and without letter pairs
    folded first (compare with names folded the same ways). Without: a pair fold may take a
    letter that is itself a look-alike (dlnance: d for b, l for i). With, twice: a class fold
    can make a pair ("icmg": i for l, then lc for k), as dnstwist's homoglyphs applied twice
    do."""
    plain = label.translate(_ASCII_CLASSES)
    once = fold_pairs(label).translate(_ASCII_CLASSES)
    twice = fold_pairs(once)
    if twice is not once:
        once = twice.translate(_ASCII_CLASSES)
    return (plain,) if once == plain else (plain, once)
