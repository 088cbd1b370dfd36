"""Official labels of one or two characters: t.me, vk.com, ya.ru, g.co.

Every short domain is within one edit of such a label, so they are not names like the others.
A label counts as an imitation of one only where that is unlikely to be chance:

- exactly, in a zone where phishing aimed at Kazakhstan registers (t.ru, t.com), but not in
  another country's own zone (t.co and t.cn are real sites);
- one edit away, or spelled with look-alike letters (fcl for fb), or glued to a lure word
  (ya-bonus), only in the official domain's own zone (ta.me, vkk.com, ya-bonus.ru).

Spelled with non-ASCII look-alikes (уа.ru) it is a homoglyph like any other: the detector
decides that, since it alone knows whether a label was disguised.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from saqbol.detectors.urls.skeleton import ascii_classes
from saqbol.detectors.urls.typos import NameIndex

# The zones of the region's phishing (the cheap ones come from ``rules.risky_suffixes``).
SWAP_ZONES = frozenset({"kz", "ru", "com", "net", "org", "info", "biz"})
MAX_LABEL = 2


class ShortLabels:
    """The short official labels, their zones and brands.

    ``official``: (domain, brand key) pairs; ``lure_words``: what may be glued to a label;
    ``cheap_zones``: the last labels of zones where any exact label counts (``online``).
    """

    def __init__(
        self,
        official: Iterable[tuple[str, str]],
        lure_words: Iterable[str],
        cheap_zones: Iterable[str],
    ) -> None:
        self.zones: dict[str, dict[str, str]] = {}  # label -> {its zone: brand key}
        for domain, key in official:
            label, _, zone = domain.partition(".")
            if len(label) <= MAX_LABEL and label != "www":
                self.zones.setdefault(label, {})[zone] = key
        self._index = NameIndex((n, next(iter(z.values()))) for n, z in self.zones.items())
        self._classes = {f: n for n in self.zones for f in ascii_classes(n)}
        self._longest = max(map(len, self.zones), default=0) + 1  # with one letter more
        self._cheap = frozenset(cheap_zones)
        words = "|".join(map(re.escape, sorted(lure_words, key=len, reverse=True)))
        names = "|".join(map(re.escape, sorted(self.zones, key=len, reverse=True)))
        self._glued = re.compile(rf"(?:{words})+(?P<tail>{names})|(?P<head>{names})(?:{words})+")

    def exact(self, label: str, suffix: str) -> str | None:
        """The brand whose short label ``label`` is, if it counts under ``suffix`` spelled as it
        is (another zone: a TLD swap)."""
        zones = self.zones.get(label)
        if zones is None or not (suffix in SWAP_ZONES or suffix.rpartition(".")[2] in self._cheap):
            return None
        return next(iter(zones.values()))

    def near(self, label: str, folds: tuple[str, ...], suffix: str) -> tuple[str, str] | None:
        """(short label, brand) that ``label`` is one edit of, or spells with look-alike letters
        (``folds``: its ``ascii_classes``), in that label's own zone ``suffix``."""
        if len(label) <= self._longest:
            plain = label.isascii()
            for hit in self._index.near(label):
                key = self.zones[hit.name].get(suffix)
                # An unrelated ASCII letter in a two-letter name is another name (ft for fb).
                if key is not None and (hit.kind != "replacement" or not plain):
                    return hit.name, key
        for folded in folds:
            name = self._classes.get(folded)
            key = self.zones[name].get(suffix) if name is not None else None
            if key is not None:
                return name, key
        return None

    def glued(self, joined: str, suffix: str) -> tuple[str, str] | None:
        """(short label, brand) glued to lure words in ``joined`` (a label without hyphens),
        in that label's own zone."""
        match = self._glued.fullmatch(joined)
        if match is None:
            return None
        name = match.group("tail") or match.group("head")
        key = self.zones[name].get(suffix)
        return (name, key) if key is not None else None

    def official(self, name: str) -> str:
        """The official domains of a short label, for a reason's text: "vk.com, vk.me"."""
        return ", ".join(f"{name}.{zone}" for zone in sorted(self.zones[name]))
