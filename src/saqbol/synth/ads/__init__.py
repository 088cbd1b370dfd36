"""A reproducible synthetic Kazakh classifieds marketplace with labelled fraud rings.

``generate_ads`` writes ``ads.parquet`` and ``truth.parquet``; the columns follow
``saqbol.detectors.ads.columns``.
"""

from saqbol.synth.ads.generate import AdsSummary, generate_ads

__all__ = ["AdsSummary", "generate_ads"]
