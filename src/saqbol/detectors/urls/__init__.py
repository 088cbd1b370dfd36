"""Phishing and lookalike-resource detector for URLs and domains.

``UrlDetector`` is pure; ``default_url_detector()`` builds one from the brands and rules
shipped in the package and the Unicode confusables of ``confusable-homoglyphs`` (read once,
then cached).
"""

from __future__ import annotations

from functools import lru_cache

from saqbol.detectors.urls.detector import KnownResource, UrlContext, UrlDetector, UrlVerdict


@lru_cache(maxsize=1)
def default_url_detector() -> UrlDetector:
    from saqbol.detectors.urls.skeleton import lookalike_table
    from saqbol.rules import load_brands, load_confusables, load_url_rules

    return UrlDetector(load_brands(), load_url_rules(), lookalike_table(load_confusables()))


__all__ = ["KnownResource", "UrlContext", "UrlDetector", "UrlVerdict", "default_url_detector"]
