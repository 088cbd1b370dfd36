"""Which openings (up to ``WIDTH`` characters) a cue pattern can start with, so a message is
only tried with the patterns whose opening occurs at one of its word starts.

Cue patterns start at a word boundary and mostly with an alternation of stems; expanding the
first characters of every alternative gives a small set of strings. Where expansion meets
something it cannot list (a ``\\w``, an open repeat), the opening ends there and is shorter;
a pattern that could open with anything is "always run". So the filter can only skip work,
never change a result.
"""

from __future__ import annotations

import re
from operator import itemgetter

try:  # Python 3.11+
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

WIDTH = 5  # 3: 70 µs a message, 4: 61, 5: 59, 6: 67 (more keys to look up)
LIMIT = 5000
_WHITESPACE = (" ",)


class _Unbounded(Exception):
    pass


def openings(pattern: str) -> frozenset[str] | None:
    """The possible first ``WIDTH`` characters of a match, or None if they cannot be bounded."""
    try:
        found = _expand(list(sre_parse.parse(pattern)), WIDTH)
    except (_Unbounded, re.error):
        return None
    if "" in found or len(found) > LIMIT:
        return None  # could open anywhere: search every text with it
    return frozenset(found)


def _expand(items: list, width: int) -> set[str]:
    """All strings of length ``width`` a sequence can open with; shorter strings where what
    follows cannot be enumerated (then any text with that shorter opening must be searched)."""
    if width == 0 or not items:
        return {""}
    head, rest = items[0], items[1:]
    op, arg = head
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and arg[0] == 0:
        # Optional: the match opens either with what follows or with one round of the item.
        taken = _expand([(op, (1, arg[1], arg[2])), *rest], width) if arg[1] else set()
        return _expand(rest, width) | taken
    starts, stop = _one(head)
    results: set[str] = set()
    for start in starts:
        if len(start) >= width or stop:
            results.add(start[:width])
        else:
            results.update(start + tail for tail in _expand(rest, width - len(start)))
        if len(results) > LIMIT:
            raise _Unbounded
    return results


def _one(item: tuple) -> tuple[set[str], bool]:
    """What one parsed item can start with, and whether expansion must stop after it."""
    op, arg = item
    if op is sre_constants.LITERAL:
        return {chr(arg)}, False
    if op is sre_constants.IN:
        try:
            return _charset(arg), False
        except _Unbounded:
            return {""}, True  # any letter may come next: the opening ends here
    if op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
        return {""}, False  # zero-width: only narrows matches, never widens them
    if op is sre_constants.SUBPATTERN:
        return _expand(list(arg[-1]), WIDTH), False
    if op is sre_constants.BRANCH:
        return set().union(*(_expand(list(alt), WIDTH) for alt in arg[1])), False
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
        low, high, sub = arg
        if low == high == 1:
            return _expand(list(sub), WIDTH), False
        if low >= 1 and high == sre_constants.MAXREPEAT and _is_space(sub):
            return set(_WHITESPACE), False  # the folded text has single spaces
        if low >= 1:
            return _expand(list(sub), WIDTH), True
        return {""}, True
    # Anything else (any character, a backreference, ...): the opening ends before it.
    return {""}, True


def _is_space(sub: object) -> bool:
    items = list(sub)  # type: ignore[call-overload]
    return len(items) == 1 and items[0] == (
        sre_constants.IN,
        [(sre_constants.CATEGORY, sre_constants.CATEGORY_SPACE)],
    )


def _charset(arg: list) -> set[str]:
    chars: set[str] = set()
    for op, value in arg:
        if op is sre_constants.LITERAL:
            chars.add(chr(value))
        elif op is sre_constants.RANGE and value[1] - value[0] < 64:
            chars.update(chr(c) for c in range(value[0], value[1] + 1))
        elif op is sre_constants.CATEGORY and value == sre_constants.CATEGORY_SPACE:
            chars.add(" ")
        elif op is sre_constants.CATEGORY and value == sre_constants.CATEGORY_DIGIT:
            chars.update("0123456789")
        else:
            raise _Unbounded
    return chars


def word_starts(text: str) -> list[tuple[int, str]]:
    """(position, opening of up to ``WIDTH`` characters) of every word start."""
    return [(match.start(), match.group(1)) for match in _WORD_START.finditer(text)]


def word_openings(text: str) -> set[str]:
    """Every 1..``WIDTH``-character opening at a word start of an already folded text."""
    starts = _WORD_START.findall(text)
    found = set(starts)
    for prefix in _PREFIXES:
        found.update(map(prefix, starts))
    return found


# A lookahead, so that matches overlap: "к оплате" has openings at "к" and at "оплате".
_WORD_START = re.compile(rf"\b(?=(\w.{{0,{WIDTH - 1}}}))", re.S)
_PREFIXES = tuple(itemgetter(slice(None, n)) for n in range(1, WIDTH))
