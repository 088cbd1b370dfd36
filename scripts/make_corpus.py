"""Regenerate corpus/messages.jsonl from the templates, reproducibly, and print its counts.

    .venv/bin/python scripts/make_corpus.py [--seed 1414]

The same seed always writes the same bytes; tests/synth/test_messages_corpus.py fails when
the committed file and the generator disagree, so change templates and rerun this together.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from saqbol.synth.messages import CorpusMessage, generate_corpus, to_jsonl
from saqbol.synth.messages.family import TYPOLOGIES
from saqbol.synth.messages.generate import DEFAULT_SEED, LANGS

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "corpus" / "messages.jsonl"


def label_table(messages: list[CorpusMessage]) -> str:
    """Markdown table: language x label x split."""
    counts = Counter((m.lang, m.label, m.split) for m in messages)
    rows = ["| lang | scam train | scam test | legit train | legit test | total |"]
    rows.append("|---|---:|---:|---:|---:|---:|")
    for lang in (*LANGS, None):
        cells = [
            sum(n for (la, lab, sp), n in counts.items() if lang in (None, la) and (lab, sp) == c)
            for c in (("scam", "train"), ("scam", "test"), ("legit", "train"), ("legit", "test"))
        ]
        rows.append(f"| {lang or 'all'} | " + " | ".join(map(str, [*cells, sum(cells)])) + " |")
    return "\n".join(rows)


def typology_table(messages: list[CorpusMessage]) -> str:
    """Markdown table: typology x language, each cell ``train/test (families)``."""
    counts = Counter((m.typology, m.lang, m.split) for m in messages)
    families = Counter((t, la) for t, la, _ in {(m.typology, m.lang, m.family) for m in messages})
    rows = ["| typology | " + " | ".join(LANGS) + " |", "|---|" + "---:|" * len(LANGS)]
    for typology in TYPOLOGIES:
        cells = [
            f"{counts[typology, lang, 'train']}/{counts[typology, lang, 'test']} "
            f"({families[typology, lang]})"
            if families[typology, lang]
            else "-"
            for lang in LANGS
        ]
        rows.append(f"| {typology} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args()
    messages = generate_corpus(args.seed)
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(to_jsonl(messages), encoding="utf-8")
    size = OUT.stat().st_size
    print(f"wrote {len(messages)} messages, {size / 1e6:.2f} MB to {OUT.relative_to(ROOT)}\n")
    print(label_table(messages), end="\n\n")
    print("Messages per typology and language: train/test (families)\n")
    print(typology_table(messages))


if __name__ == "__main__":
    main()
