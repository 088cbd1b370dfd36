"""All Kazakh families, in a fixed order (the order numbers the families)."""

from __future__ import annotations

from saqbol.synth.messages import (
    templates_kk_legit,
    templates_kk_legit_b,
    templates_kk_scam_a,
    templates_kk_scam_b,
    templates_kk_scam_c,
)

FAMILIES = (
    templates_kk_scam_a.FAMILIES
    + templates_kk_scam_b.FAMILIES
    + templates_kk_scam_c.FAMILIES
    + templates_kk_legit.FAMILIES
    + templates_kk_legit_b.FAMILIES
)
