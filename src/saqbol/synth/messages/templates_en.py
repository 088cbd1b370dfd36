"""All English families, in a fixed order (the order numbers the families)."""

from __future__ import annotations

from saqbol.synth.messages import (
    templates_en_legit,
    templates_en_legit_b,
    templates_en_scam_a,
    templates_en_scam_b,
    templates_en_scam_c,
)

FAMILIES = (
    templates_en_scam_a.FAMILIES
    + templates_en_scam_b.FAMILIES
    + templates_en_scam_c.FAMILIES
    + templates_en_legit.FAMILIES
    + templates_en_legit_b.FAMILIES
)
