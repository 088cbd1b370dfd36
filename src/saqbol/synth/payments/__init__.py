"""A reproducible synthetic bank: customers' payments and loans with labelled fraud scenarios.

``generate_payments`` streams ``payments``, ``loans``, ``truth``, ``accounts`` and ``reports``
Parquet files whose payment/loan/truth columns follow ``saqbol.detectors.payments.columns``,
plus ``accounts_truth`` (each account's laundering role; ``mules=True`` adds the typologies).
"""

from saqbol.synth.payments.generate import GenerationSummary, generate_payments

__all__ = ["GenerationSummary", "generate_payments"]
