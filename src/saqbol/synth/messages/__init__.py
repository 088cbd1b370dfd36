"""The project's own labelled corpus of scam and legitimate messages (kk, ru, en, code-mixed).

>>> from saqbol.synth.messages import generate_corpus
>>> generate_corpus()[0].label in ("scam", "legit")
True
"""

from saqbol.synth.messages.generate import CorpusMessage, generate_corpus, to_jsonl

__all__ = ["CorpusMessage", "generate_corpus", "to_jsonl"]
