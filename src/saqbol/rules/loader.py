"""Load and compile the text cues, link rules and reason texts from ``saqbol/rules``."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from saqbol.detectors.ads.screen import AdRules, compile_ad_rules
from saqbol.detectors.calls.numbers import normalise
from saqbol.detectors.calls.screen import CallRules, compile_call_rules
from saqbol.detectors.calls.simbox import SimRules, compile_sim_rules
from saqbol.detectors.mules.detector import MuleRules, compile_mule_rules
from saqbol.detectors.payments.detector import PaymentRules, compile_rules
from saqbol.rules.prefilter import openings
from saqbol.vocab import LANGUAGES

PATTERN_FILES = ("kk", "ru", "en")


@dataclass(frozen=True, slots=True)
class Cue:
    code: str
    typology: str
    weight: float
    text: Mapping[str, str]  # language -> sentence with {params}


@dataclass(frozen=True, slots=True)
class CuePattern:
    code: str
    regex: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class CueBook:
    """Every reason code the text detector can emit, and the patterns that find cues.

    ``by_opening`` maps a word opening (1 to ``prefilter.WIDTH`` characters) to the patterns
    that can start with it;
    ``always`` are the patterns whose openings cannot be enumerated (see ``prefilter``).
    """

    version: str
    cues: Mapping[str, Cue]
    patterns: tuple[CuePattern, ...]
    by_opening: Mapping[str, tuple[int, ...]]
    always: tuple[int, ...]
    # Filled as texts are read: a word's whole opening -> patterns of all its prefixes.
    opening_memo: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False)
    # Catalogue order of the codes that have patterns (where their first pattern is).
    code_rank: Mapping[str, int] = field(default_factory=dict, compare=False)

    @property
    def pattern_codes(self) -> frozenset[str]:
        return frozenset(p.code for p in self.patterns)


@dataclass(frozen=True, slots=True)
class LinkRules:
    shorteners: frozenset[str]
    brand_tokens: Mapping[str, str]  # token -> brand
    official_domains: Mapping[str, frozenset[str]]  # brand -> its registered domains


def _read(name: str) -> Any:
    return yaml.safe_load(resources.files("saqbol.rules").joinpath(name).read_text("utf-8"))


@lru_cache(maxsize=1)
def load_cue_book() -> CueBook:
    catalogue = _read("text/cues.yaml")
    cues = {
        code: Cue(code, spec["typology"], float(spec["weight"]), spec["text"])
        for code, spec in catalogue["cues"].items()
    }
    sources: dict[str, list[str]] = {}
    versions = [f"cues:{catalogue['version']}"]
    for lang in PATTERN_FILES:
        data = _read(f"text/{lang}.yaml")
        versions.append(f"{lang}:{data['version']}")
        for code, patterns in data["patterns"].items():
            if code not in cues:
                raise ValueError(f"text/{lang}.yaml: pattern for unknown cue {code!r}")
            sources.setdefault(code, []).extend(patterns)
    patterns = tuple(
        CuePattern(code, re.compile(rf"\b(?:{p})")) for code, pats in sources.items() for p in pats
    )
    index: dict[str, list[int]] = {}
    always = []
    for number, pattern in enumerate(patterns):
        found = openings(pattern.regex.pattern[2:])  # without the leading \b
        if found is None:
            always.append(number)
            continue
        for opening in found:
            index.setdefault(opening, []).append(number)
    by_opening = {k: tuple(v) for k, v in index.items()}
    rank: dict[str, int] = {}
    for number, pattern in enumerate(patterns):
        rank.setdefault(pattern.code, number)
    return CueBook(",".join(versions), cues, patterns, by_opening, tuple(always), code_rank=rank)


@lru_cache(maxsize=1)
def load_link_rules() -> LinkRules:
    data = _read("text/links.yaml")
    tokens = {t: brand for brand, spec in data["brands"].items() for t in spec["tokens"]}
    official = {brand: frozenset(spec["official"]) for brand, spec in data["brands"].items()}
    return LinkRules(frozenset(data["shorteners"]), tokens, official)


@dataclass(frozen=True, slots=True)
class Brand:
    """A protected brand: its official registered domains and the names fraud imitates."""

    key: str
    title: str
    sector: str
    official: frozenset[str]
    names: tuple[str, ...]
    cyrillic: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class UrlRules:
    version: str
    bias: float
    phishing_at: float
    suspicious_at: float
    weights: Mapping[str, float]
    texts: Mapping[str, Mapping[str, str]]
    lure_words: frozenset[str]
    risky_suffixes: frozenset[str]
    shorteners: frozenset[str]


@lru_cache(maxsize=1)
def load_brands() -> tuple[Brand, ...]:
    data = _read("brands.yaml")
    return tuple(
        Brand(
            key=key,
            title=spec["title"],
            sector=spec["sector"],
            official=frozenset(d.lower() for d in spec["official"]),
            names=tuple(n.lower() for n in spec["names"]),
            cyrillic=tuple(n.lower() for n in spec.get("cyrillic") or ()),
        )
        for key, spec in data["brands"].items()
    )


@lru_cache(maxsize=1)
def load_url_rules() -> UrlRules:
    data = _read("urls.yaml")
    reasons = data["reasons"]
    return UrlRules(
        version=f"urls:{data['version']}",
        bias=float(data["bias"]),
        phishing_at=float(data["thresholds"]["phishing"]),
        suspicious_at=float(data["thresholds"]["suspicious"]),
        weights={code: float(spec["weight"]) for code, spec in reasons.items()},
        texts={code: spec["text"] for code, spec in reasons.items()},
        lure_words=frozenset(str(w).lower() for w in data["lure_words"]),
        risky_suffixes=frozenset(data["risky_suffixes"]),
        shorteners=frozenset(data["shorteners"]),
    )


@lru_cache(maxsize=1)
def load_confusables() -> dict[str, list[dict[str, str]]]:
    """Unicode's confusable characters (TR39) as shipped in the ``confusable-homoglyphs``
    wheel: character -> the characters it can be mistaken for."""
    path = resources.files("confusable_homoglyphs").joinpath("confusables.json")
    return json.loads(path.read_text("utf-8"))


@lru_cache(maxsize=1)
def load_payment_rules() -> PaymentRules:
    return compile_rules(_read("payments.yaml"))


@lru_cache(maxsize=1)
def load_ad_rules() -> AdRules:
    return compile_ad_rules(_read("ads.yaml"))


@lru_cache(maxsize=1)
def load_call_rules() -> CallRules:
    return compile_call_rules(_read("calls.yaml"))


@lru_cache(maxsize=1)
def load_protected_numbers() -> dict[str, str]:
    """Normalised protected number -> owner."""
    return {
        normalise(n["number"]) or n["number"]: n["owner"]
        for n in _read("protected_numbers.yaml")["numbers"]
    }


@lru_cache(maxsize=1)
def load_sim_rules() -> SimRules:
    return compile_sim_rules(_read("simbox.yaml"))


@lru_cache(maxsize=1)
def load_mule_rules() -> MuleRules:
    return compile_mule_rules(_read("mules.yaml"))


def _texts(code: str) -> Mapping[str, str]:
    cue = load_cue_book().cues.get(code)
    if cue is not None:
        return cue.text
    if code.startswith("pay."):
        rules = load_payment_rules()
        if code.startswith("pay.model."):
            return rules.feature_text[code.removeprefix("pay.model.")]
        return rules.by_code[code].text
    return load_url_rules().texts[code]


def reason_text(code: str, params: Mapping[str, object], lang: str) -> str:
    """Render a reason code in ``lang`` (kk, ru or en; anything else falls back to ru)."""
    texts = _texts(code)
    template = texts[lang if lang in LANGUAGES else "ru"]
    return template.format_map({k: str(v) for k, v in params.items()})
