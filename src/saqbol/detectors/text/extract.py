"""Find the identifiers a message carries (phones, links, cards, IBANs, amounts, codes) and
normalise them with ``saqbol.entities``, so they can join the entity graph."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from saqbol.entities import normalise
from saqbol.errors import InvalidIdentifier

_URL = re.compile(
    r"(?i)\b(?:(?:https?|hxxps?)://|www\.)[^\s<>\"'«»]+"
    r"|\b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?/[^\s<>\"'«»]*"
    r"|\b(?:[a-z0-9-]+\.)+(?:kz|ru|com|net|org|online|site|top|xyz|info|shop|store|click|"
    r"link|live|pro|biz|cc|me|io|ly|su|uz|kg|app|vip|club)\b(?:/[^\s<>\"'«»]*)?"
)
_PHONE = re.compile(
    r"(?<![\d+])(?:\+7|8|7)?[\s\-(]*7\d{2}[\s\-)]*\d{3}[\s\-]*\d{2}[\s\-]*\d{2}(?!\d)"
    r"|(?<![\d])\+\d[\d\s\-()]{8,16}\d"
)
_CARD = re.compile(r"(?<!\d)(?:\d{4}[\s\-]?){3}\d{1,7}(?!\d)")
_IBAN = re.compile(r"(?i)\bkz\d{2}\s?(?:[a-z0-9]{4}\s?){3}[a-z0-9]{4}\b")
_AMOUNT = re.compile(
    r"(?i)(?<![\w.])(\d{1,3}(?:[ \u00a0.,]\d{3})+|\d+(?:[.,]\d+)?)\s*"
    r"(млн|million|mln|мың|мын|тыс\.?|k|к)?\s*"
    r"(₸|тг\b|тенге|теңге|tenge|tg\b|kzt|\$|usd|долл\w*|руб\w*|₽)"
)
_CODE = re.compile(
    r"(?i)(?:код\w*|code|kod\w*|пароль|parol)\D{0,20}?(?<!\d)(\d{4,6})(?!\d)"
    r"|(?<!\d)(\d{4,6})(?!\d)\D{0,12}(?:код\w*|code|kod\w*)"
)
# Words that every code and every amount need: without one, those patterns cannot match.
_CODE_WORD = re.compile(r"(?i)код|code|kod|пароль|parol")
_CURRENCY = re.compile(r"(?i)₸|тг|тенге|теңге|tenge|tg|kzt|\$|usd|долл|руб|₽")
_DIGIT = re.compile(r"\d")
_DIGIT_OR_PLUS = re.compile(r"[\d+]")
_MULTIPLIERS = {
    "млн": 1_000_000,
    "million": 1_000_000,
    "mln": 1_000_000,
    "мың": 1000,
    "мын": 1000,
    "тыс": 1000,
    "тыс.": 1000,
    "k": 1000,
    "к": 1000,
}


@dataclass(frozen=True, slots=True)
class Found:
    """One identifier in a message: its type, normalised value, and a masked form to show."""

    type: str
    value: str
    masked: str


def extract(text: str) -> tuple[Found, ...]:
    found: dict[tuple[str, str], Found] = {}
    # Skip the patterns that cannot match: most messages have few digits and no IBAN.
    digits = len(_DIGIT.findall(text))
    # Phones, cards and amounts start at a digit or "+": scan from the first one.
    first = _DIGIT_OR_PLUS.search(text)
    start = first.start() if first else len(text)
    kinds: list[tuple[str, re.Pattern[str], int]] = [("url", _URL, 0)] if "." in text else []
    if digits >= 2 and ("kz" in text or "KZ" in text or "Kz" in text):
        kinds.append(("iban", _IBAN, 0))
    if digits >= 13:
        kinds.append(("card", _CARD, start))
    if digits >= 10:
        kinds.append(("phone", _PHONE, start))
    for kind, pattern, position in kinds:
        for match in pattern.finditer(text, position):
            item = _parse(kind, match.group().strip(".,;:!?)»"))
            if item is not None:
                found.setdefault((item.type, item.value), item)
    if digits:
        codes = _codes(text) if digits >= 4 and _CODE_WORD.search(text) else []
        amounts = _amounts(text, start) if _CURRENCY.search(text, start) else []
        for item in (*amounts, *codes):
            found.setdefault((item.type, item.value), item)
    return tuple(found.values())


@lru_cache(maxsize=65536)
def _parse(kind: str, raw: str) -> Found | None:
    # Cached: mass campaigns repeat the same numbers and links, and parsing is pure.
    if kind == "url" and raw.lower().startswith("hxxp"):
        raw = "http" + raw[4:]
    try:
        ident = normalise(kind, raw)
    except InvalidIdentifier:
        return None
    return Found(kind, ident.value, ident.masked)


def _amounts(text: str, start: int = 0) -> list[Found]:
    out = []
    for number, multiplier, currency in _AMOUNT.findall(text, start):
        digits = re.sub(r"[ \u00a0]", "", number)
        if re.fullmatch(r"\d{1,3}([.,]\d{3})+", digits):
            digits = re.sub(r"[.,]", "", digits)
        try:
            value = float(digits.replace(",", "."))
        except ValueError:
            continue
        value *= _MULTIPLIERS.get(multiplier.lower(), 1)
        code = _currency(currency)
        text_value = f"{value:.0f} {code}"
        out.append(Found("amount", text_value, text_value))
    return out


def _currency(symbol: str) -> str:
    symbol = symbol.lower()
    if symbol in {"$", "usd"} or symbol.startswith("долл"):
        return "USD"
    if symbol == "₽" or symbol.startswith("руб"):
        return "RUB"
    return "KZT"


def _codes(text: str) -> list[Found]:
    codes = []
    for first, second in _CODE.findall(text):
        code = first or second
        codes.append(Found("code", code, "*" * len(code)))
    return codes
