"""Find which cues of a ``CueBook`` fire on a folded text."""

from __future__ import annotations

from saqbol.rules import CueBook
from saqbol.rules.prefilter import word_starts


def find_cues(folded: str, book: CueBook) -> list[str]:
    """Codes of the cues that fire, each once, in catalogue order.

    A pattern is only tried where it can start: at the word starts whose opening (1 to 3
    characters) the prefilter lists for it, with an anchored ``match`` rather than a search
    over the whole text. Patterns whose opening cannot be listed are searched everywhere.
    Either way the result is what ``pattern.regex.search`` on every pattern would give.
    """
    by_opening = book.by_opening
    where: dict[int, list[int]] = {number: [] for number in book.always}
    for position, opening in word_starts(folded):
        for width in range(1, len(opening) + 1):
            numbers = by_opening.get(opening[:width])
            if numbers is not None:
                for number in numbers:
                    where.setdefault(number, []).append(position)
    fired: dict[str, None] = {}
    for number in sorted(where):
        pattern = book.patterns[number]
        if pattern.code in fired:
            continue
        if number in book.always:
            hit = pattern.regex.search(folded) is not None
        else:
            match = pattern.regex.match
            hit = any(match(folded, position) for position in where[number])
        if hit:
            fired[pattern.code] = None
    return list(fired)
