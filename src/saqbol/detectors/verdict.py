"""The one verdict shape every detector returns (DESIGN.md, "One verdict shape").

Human text is not stored here: reasons carry stable codes, and the shell renders them in the
caller's language from the message catalogues in ``saqbol/rules``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Reason:
    """A cue that fired: a stable dotted code, its share of the score, and message params."""

    code: str
    weight: float
    params: Mapping[str, str | int | float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Verdict:
    subject: str
    score: float
    label: str
    typology: str
    reasons: tuple[Reason, ...]
