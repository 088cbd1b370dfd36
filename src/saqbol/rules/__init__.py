"""Rule data (YAML shipped in the package) and the one place that reads it.

Detectors never open files: the shell calls these loaders once and hands the result in.
"""

from saqbol.rules.loader import (
    Cue,
    CueBook,
    CuePattern,
    LinkRules,
    load_cue_book,
    load_link_rules,
    reason_text,
)

__all__ = [
    "Cue",
    "CueBook",
    "CuePattern",
    "LinkRules",
    "load_cue_book",
    "load_link_rules",
    "reason_text",
]
