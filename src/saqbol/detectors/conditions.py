"""Rule conditions written as data ("n_out >= 30"): parsed once, tested on a feature matrix.

Shared by the detectors whose cues live in YAML (drops, SIM-boxes); a NaN feature never
satisfies a condition, so a missing value never fires a cue.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np

Condition = tuple[int, str, float]  # feature column, operator, value
OPS: Final[dict[str, Callable[[Any, float], Any]]] = {
    ">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt, "==": operator.eq,
}  # fmt: skip
_CONDITION = re.compile(r"^\s*(\w+)\s*(>=|<=|==|>|<)\s*(-?[\d.]+)\s*$")


def parse_conditions(
    texts: Sequence[str], features: Sequence[str], where: str
) -> tuple[Condition, ...]:
    """``["n_out >= 30", ...]`` -> conditions; a bad one raises ValueError naming ``where``."""
    out = []
    for text in texts:
        match = _CONDITION.match(text)
        if match is None or match[1] not in features:
            raise ValueError(f"{where}: condition {text!r} is not 'feature op number'")
        out.append((list(features).index(match[1]), match[2], float(match[3])))
    return tuple(out)


def all_hold(matrix: np.ndarray, conditions: Sequence[Condition]) -> np.ndarray:
    """Rows of ``matrix`` where every condition holds."""
    hit = np.ones(len(matrix), dtype=bool)
    for feature, op, value in conditions:
        with np.errstate(invalid="ignore"):
            hit &= OPS[op](matrix[:, feature], value)
    return hit


@dataclass(frozen=True, slots=True)
class Cue:
    """A named cue of a YAML rule file: fires on the rows where all its conditions hold, and
    says so in kk/ru/en (``text``)."""

    code: str
    when: tuple[Condition, ...]
    text: Mapping[str, str]

    def fires(self, matrix: np.ndarray) -> np.ndarray:
        """Rows where every condition holds (NaN never holds)."""
        return all_hold(matrix, self.when)

    @classmethod
    def parse(cls, code: str, spec: Mapping[str, Any], features: Sequence[str], where: str) -> Cue:
        """From ``{when: [...], text: {...}}``; a bad condition raises ValueError (``where``)."""
        return cls(code, parse_conditions(spec["when"], features, where), spec["text"])
