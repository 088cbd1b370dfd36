"""Pure detectors: plain data in, a ``Verdict`` out; no files, sockets, clocks or database."""

from saqbol.detectors.verdict import Reason, Verdict

__all__ = ["Reason", "Verdict"]
