"""A reproducible synthetic mobile operator: its CDR, roaming, SIM usage and labelled call fraud.

``generate_calls`` streams ``cdr``, ``truth_calls`` and ``usage`` Parquet files day by day and
writes ``roaming``, ``subscribers``, ``truth_sims`` and ``sip_trunks``; the columns follow
``saqbol.detectors.calls.columns``.
"""

from saqbol.synth.calls.generate import CallsSummary, generate_calls

__all__ = ["CallsSummary", "generate_calls"]
