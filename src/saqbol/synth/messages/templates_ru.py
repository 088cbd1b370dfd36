"""All Russian families, in a fixed order (the order numbers the families)."""

from __future__ import annotations

from saqbol.synth.messages import (
    templates_ru_legit,
    templates_ru_legit_b,
    templates_ru_scam_a,
    templates_ru_scam_b,
    templates_ru_scam_c,
)

FAMILIES = (
    templates_ru_scam_a.FAMILIES
    + templates_ru_scam_b.FAMILIES
    + templates_ru_scam_c.FAMILIES
    + templates_ru_legit.FAMILIES
    + templates_ru_legit_b.FAMILIES
)
