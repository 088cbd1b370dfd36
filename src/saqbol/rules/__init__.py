"""Rule data (YAML shipped in the package) and the one place that reads it.

Detectors never open files: the shell calls these loaders once and hands the result in.
"""

from saqbol.rules.loader import (
    Brand,
    Cue,
    CueBook,
    CuePattern,
    LinkRules,
    UrlRules,
    load_ad_rules,
    load_brands,
    load_call_rules,
    load_confusables,
    load_cue_book,
    load_link_rules,
    load_mule_rules,
    load_payment_rules,
    load_protected_numbers,
    load_sim_rules,
    load_url_rules,
    reason_text,
)

__all__ = [
    "Brand",
    "Cue",
    "CueBook",
    "CuePattern",
    "LinkRules",
    "UrlRules",
    "load_ad_rules",
    "load_brands",
    "load_call_rules",
    "load_confusables",
    "load_cue_book",
    "load_link_rules",
    "load_mule_rules",
    "load_payment_rules",
    "load_protected_numbers",
    "load_sim_rules",
    "load_url_rules",
    "reason_text",
]
