"""Find which cues of a ``CueBook`` fire on a folded text."""

from __future__ import annotations

from saqbol.rules import CueBook
from saqbol.rules.prefilter import word_starts

MEMO_SIZE = 200_000


def find_cues(folded: str, book: CueBook) -> list[str]:
    """Codes of the cues that fire, each once, in catalogue order (``book.code_rank``).

    A pattern is only tried where it can start: at the word starts whose opening (1 to 5
    characters) the prefilter lists for it, with an anchored ``match`` rather than a search
    over the whole text. Patterns whose opening cannot be listed are searched everywhere.
    Either way the result is what ``pattern.regex.search`` on every pattern would give.
    """
    memo = book.opening_memo
    patterns = book.patterns
    fired: set[str] = set()
    for number in book.always:  # no listed opening: search the whole text
        if patterns[number].regex.search(folded):
            fired.add(patterns[number].code)
    for position, opening in word_starts(folded):
        numbers = memo.get(opening)
        if numbers is None:
            numbers = _patterns_for(opening, book)
        for number in numbers:
            pattern = patterns[number]
            if pattern.code not in fired and pattern.regex.match(folded, position):
                fired.add(pattern.code)
    return sorted(fired, key=book.code_rank.__getitem__)


def _patterns_for(opening: str, book: CueBook) -> tuple[int, ...]:
    """Patterns that may start with ``opening`` or any of its prefixes (remembered)."""
    found: set[int] = set()
    for width in range(1, len(opening) + 1):
        found.update(book.by_opening.get(opening[:width], ()))
    numbers = tuple(sorted(found))
    if len(book.opening_memo) >= MEMO_SIZE:
        book.opening_memo.clear()
    book.opening_memo[opening] = numbers
    return numbers
