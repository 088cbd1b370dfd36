"""Fill sentence templates for a whole block of listings at once.

Rows are grouped by the template they drew; each group is one Arrow string join of the
template's literal pieces with its slot columns, so the cost is per template, not per row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Protocol

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from saqbol.detectors.ads.columns import CATEGORIES
from saqbol.synth.ads.catalog import VARIANTS
from saqbol.synth.ads.templates import FAMILY, PARTS, Pair
from saqbol.synth.messages.translit import KK_SCHEMES, transliterate

SLOT = re.compile(r"\{(\w+)\}")
KINDS = ("private", "agency", "dealer", "shop")


class Slots(Protocol):
    def get(self, name: str, variant: int, rows: np.ndarray) -> pa.Array: ...


@dataclass(frozen=True)
class PartTable:
    """All templates of one part, flattened: (group, variant) -> a run of template ids."""

    groups: tuple[str, ...]
    literals: tuple[tuple[str, ...], ...]  # per template: literal pieces around the slots
    slots: tuple[tuple[str, ...], ...]  # per template: slot names, one fewer than literals
    variant: np.ndarray  # per template
    base: np.ndarray  # (group, variant) -> first template id
    count: np.ndarray  # (group, variant) -> how many
    constant: pa.Array  # per template: its text when it has no slots, else null

    def group(self, name: str) -> int:
        return self.groups.index(name)


def _variants(pair: Pair) -> list[tuple[str, ...]]:
    ru, kk = pair
    latin = [tuple(transliterate(s, KK_SCHEMES[k]) for s in kk) for k in KK_SCHEMES]
    return [ru, kk, *latin]


def build(part: dict[str, Pair]) -> PartTable:
    literals: list[tuple[str, ...]] = []
    slots: list[tuple[str, ...]] = []
    variant: list[int] = []
    base = np.zeros((len(part), len(VARIANTS)), dtype=np.int64)
    count = np.zeros((len(part), len(VARIANTS)), dtype=np.int64)
    for g, pair in enumerate(part.values()):
        for v, texts in enumerate(_variants(pair)):
            base[g, v], count[g, v] = len(literals), len(texts)
            for text in texts:
                pieces = SLOT.split(text)  # literal, name, literal, name, ..., literal
                literals.append(tuple(pieces[0::2]))
                slots.append(tuple(pieces[1::2]))
                variant.append(v)
    constant = pa.array(
        [lits[0] if not names else None for lits, names in zip(literals, slots, strict=True)],
        pa.string(),
    )
    return PartTable(
        tuple(part), tuple(literals), tuple(slots), np.array(variant), base, count, constant
    )


TABLES: dict[str, PartTable] = {name: build(part) for name, part in PARTS.items()}


def group_codes(part: str) -> np.ndarray:
    """(kind, category) -> the part's group id, most specific first; -1 when none fits."""
    table = TABLES[part]
    out = np.full((len(KINDS), len(CATEGORIES)), -1, dtype=np.int64)
    for k, kind in enumerate(KINDS):
        for c, cat in enumerate(CATEGORIES):
            for key in (kind, cat, FAMILY[cat], "*"):
                if key in table.groups:
                    out[k, c] = table.groups.index(key)
                    break
    return out


def render(
    table: PartTable,
    group: np.ndarray,
    variant: np.ndarray,
    pick: np.ndarray,
    slots: Slots,
) -> pa.Array:
    """One string per row from template ``pick % count`` of its (group, variant); null where
    ``pick`` or ``group`` is negative."""
    n = len(group)
    ok = (pick >= 0) & (group >= 0)
    g, v = np.where(ok, group, 0), variant.astype(np.int64)
    count = table.count[g, v]
    ok &= count > 0
    tid = np.where(ok, table.base[g, v] + pick % np.maximum(count, 1), -1)
    # Templates without slots are one take for all their rows; the rest, a join per template.
    out = table.constant.take(pa.array(tid, mask=tid < 0))
    slotted = np.flatnonzero(out.is_null().to_numpy(zero_copy_only=False) & (tid >= 0))
    if len(slotted) == 0:
        return out
    order = slotted[np.argsort(tid[slotted], kind="stable")]
    sorted_tid = tid[order]
    bounds = [0, *(np.flatnonzero(np.diff(sorted_tid)) + 1).tolist(), len(order)]
    pieces: list[pa.Array] = []
    for lo, hi in pairwise(bounds):
        t = int(sorted_tid[lo])
        rows = order[lo:hi]
        lits, names = table.literals[t], table.slots[t]
        args: list[pa.Array | pa.Scalar] = []
        for i, name in enumerate(names):
            if lits[i]:
                args.append(pa.scalar(lits[i]))
            args.append(slots.get(name, int(table.variant[t]), rows))
        if lits[-1]:
            args.append(pa.scalar(lits[-1]))
        pieces.append(args[0] if len(args) == 1 else pc.binary_join_element_wise(*args, ""))
    mask = np.zeros(n, dtype=bool)
    mask[slotted] = True
    # replace_with_mask fills masked rows in row order; ``order`` is by template
    filled = pa.concat_arrays(pieces).take(pa.array(np.argsort(order, kind="stable")))
    return pc.replace_with_mask(out, pa.array(mask), filled)
