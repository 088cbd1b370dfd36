"""Scam-message detector for Kazakh, Russian and English.

``TextDetector.detect_batch`` is pure; ``default_detector()`` builds one from the rules and
the model shipped in the package (read once, then cached).
"""

from __future__ import annotations

from functools import lru_cache

from saqbol.detectors.text.detector import (
    KnownEntity,
    Message,
    TextContext,
    TextDetector,
    TextParams,
    TextVerdict,
)
from saqbol.detectors.text.extract import Found


@lru_cache(maxsize=1)
def default_detector() -> TextDetector:
    from saqbol.models import load_text_model
    from saqbol.rules import load_cue_book, load_link_rules

    return TextDetector(load_cue_book(), load_link_rules(), load_text_model())


__all__ = [
    "Found",
    "KnownEntity",
    "Message",
    "TextContext",
    "TextDetector",
    "TextParams",
    "TextVerdict",
    "default_detector",
]
