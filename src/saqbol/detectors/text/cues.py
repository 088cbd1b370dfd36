"""Find which cues of a ``CueBook`` fire on a folded text."""

from __future__ import annotations

from saqbol.rules import CueBook
from saqbol.rules.prefilter import word_starts

MEMO_SIZE = 200_000


def find_cues(folded: str, book: CueBook) -> list[str]:
    """Codes of the cues that fire, each once, in catalogue order.

    A pattern is only tried where it can start: at the word starts whose opening (1 to 5
    characters) the prefilter lists for it, with an anchored ``match`` rather than a search
    over the whole text. Patterns whose opening cannot be listed are searched everywhere.
    Either way the result is what ``pattern.regex.search`` on every pattern would give.
    """
    memo = book.opening_memo
    where: dict[int, list[int]] = {}
    for position, opening in word_starts(folded):
        numbers = memo.get(opening)
        if numbers is None:
            numbers = _patterns_for(opening, book)
        for number in numbers:
            if number in where:
                where[number].append(position)
            else:
                where[number] = [position]
    fired: dict[str, None] = {}
    patterns = book.patterns
    for number in sorted({*where, *book.always}):
        pattern = patterns[number]
        if pattern.code in fired:
            continue
        if number not in where:  # no listed opening: search the whole text
            if pattern.regex.search(folded):
                fired[pattern.code] = None
            continue
        match = pattern.regex.match
        for position in where[number]:
            if match(folded, position):
                fired[pattern.code] = None
                break
    return list(fired)


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
