"""Find which cues of a ``CueBook`` fire on a folded text."""

from __future__ import annotations

from saqbol.rules import CueBook
from saqbol.rules.prefilter import word_openings


def find_cues(folded: str, book: CueBook) -> list[str]:
    """Codes of the cues that fire, each once, in catalogue order.

    Only patterns that can start at one of the text's word openings are searched; the rest
    cannot match, so skipping them changes nothing but the time taken.
    """
    candidates = set(book.always)
    for opening in word_openings(folded):
        candidates.update(book.by_opening.get(opening, ()))
    fired: dict[str, None] = {}
    for number in sorted(candidates):
        pattern = book.patterns[number]
        if pattern.code not in fired and pattern.regex.search(folded):
            fired[pattern.code] = None
    return list(fired)
