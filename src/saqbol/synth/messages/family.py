"""Template families and the small text format the template modules are written in.

Templates are prose, so they live as text rather than as hundreds of string literals::

    # safe_account sms
    - first phrasing, which may wrap
      onto indented continuation lines
    - second phrasing

A ``#`` line opens a family (typology, channel); each ``-`` line opens a phrasing and indented
lines continue it (joined with one space). ``¶`` stands for a line break inside a message,
``{slot}`` for a slot value and ``[a|b|c]`` for a choice made per message.
"""

from __future__ import annotations

from dataclasses import dataclass

from saqbol import vocab

# Typologies a message can carry: the shared vocabulary less the call-only and catch-all ones.
SCAM_TYPOLOGIES: tuple[str, ...] = tuple(
    t for t in vocab.TYPOLOGIES if t not in {"spoofed_call", "simbox", "other", "legit"}
)
TYPOLOGIES: tuple[str, ...] = (*SCAM_TYPOLOGIES, "legit")
CHANNELS: tuple[str, ...] = ("sms", "messenger", "social")


@dataclass(frozen=True)
class Family:
    """One way of telling a story: a typology, a channel and 2-4 phrasings of it."""

    typology: str
    channel: str
    variants: tuple[str, ...]


def parse_families(text: str) -> tuple[Family, ...]:
    """Read families from the template format described in the module docstring.

    >>> parse_families("# legit sms\\n- Code {code}.\\n  Do not share it.")[0].variants
    ('Code {code}. Do not share it.',)
    """
    families: list[Family] = []
    header: tuple[str, str] | None = None
    variants: list[list[str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if not line.strip():
            continue
        if line.startswith("# "):
            if header:
                families.append(_family(header, variants))
            header, variants = _header(line, number), []
        elif line.startswith("- ") and header:
            variants.append([line[2:].strip()])
        elif line.startswith("  ") and variants:
            variants[-1].append(line.strip())
        else:
            raise ValueError(f"template line {number} is neither a header nor a phrasing: {line}")
    if header:
        families.append(_family(header, variants))
    return tuple(families)


def _header(line: str, number: int) -> tuple[str, str]:
    parts = line[2:].split()
    if len(parts) != 2 or parts[0] not in TYPOLOGIES or parts[1] not in CHANNELS:
        raise ValueError(f"template line {number}: expected '# <typology> <channel>': {line}")
    return parts[0], parts[1]


def _family(header: tuple[str, str], variants: list[list[str]]) -> Family:
    if not variants:
        raise ValueError(f"family {header} has no phrasings")
    texts = tuple(" ".join(parts).replace("¶ ", "\n").replace("¶", "\n") for parts in variants)
    return Family(header[0], header[1], texts)
