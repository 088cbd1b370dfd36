"""Cyrillic to Latin, the ways Kazakh and Russian are actually typed in Latin letters.

Three Kazakh schemes: the official acute-accent alphabet (``Sizdiń kartańyz buǵattaldy``), the
2021 Turkic-style draft (``aqşa``), and informal chat spelling in plain ASCII (``aqsha`` or
``aksha``, ``zhiber`` or ``jiber``). Russian gets the usual chat transliteration (``vash schet``).
"""

from __future__ import annotations

import random

_COMMON = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "з": "z", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "ф": "f", "х": "h",
    "ц": "ts", "ъ": "", "ь": "", "э": "e", "ю": "yu", "я": "ya", "ё": "yo", "щ": "sh", "һ": "h",
}  # fmt: skip
KK_SCHEMES: dict[str, dict[str, str]] = {
    "acute": {
        **_COMMON, "ә": "á", "ғ": "ǵ", "ж": "j", "и": "ı", "й": "ı", "қ": "q", "ң": "ń",
        "ө": "ó", "у": "ý", "ұ": "u", "ү": "ú", "ш": "sh", "ч": "ch", "ы": "y", "і": "i",
    },
    "turkic": {
        **_COMMON, "ә": "ä", "ғ": "ğ", "ж": "j", "и": "i", "й": "y", "қ": "q", "ң": "ñ",
        "ө": "ö", "у": "u", "ұ": "ū", "ү": "ü", "ш": "ş", "ч": "ç", "ы": "ı", "і": "i",
    },
    "chat_q": {
        **_COMMON, "ә": "a", "ғ": "g", "ж": "zh", "и": "i", "й": "i", "қ": "q", "ң": "n",
        "ө": "o", "у": "u", "ұ": "u", "ү": "u", "ш": "sh", "ч": "ch", "ы": "y", "і": "i",
    },
    "chat_k": {
        **_COMMON, "ә": "a", "ғ": "g", "ж": "j", "и": "i", "й": "i", "қ": "k", "ң": "n",
        "ө": "o", "у": "u", "ұ": "u", "ү": "u", "ш": "sh", "ч": "ch", "ы": "y", "і": "i",
    },
}  # fmt: skip
RU_SCHEME: dict[str, str] = {
    **_COMMON, "ж": "zh", "и": "i", "й": "y", "у": "u", "ш": "sh", "ч": "ch", "ы": "y",
    "щ": "sch", "х": "kh", "ц": "c", "ь": "'",
}  # fmt: skip
# Chat Russian inside code-mixed messages keeps the Kazakh letters readable too.
MIXED_SCHEME: dict[str, str] = {**KK_SCHEMES["chat_q"], **RU_SCHEME, "ь": ""}


def transliterate(text: str, scheme: dict[str, str]) -> str:
    """Map each Cyrillic letter through ``scheme``, keeping case (``Шығыс`` -> ``Shyǵys``)."""
    out: list[str] = []
    for i, char in enumerate(text):
        lower = char.lower()
        if lower not in scheme:
            out.append(char)
            continue
        latin = scheme[lower]
        if char != lower:
            neighbour = text[i + 1 : i + 2] or text[i - 1 : i]
            shout = neighbour.isupper() and len(latin) > 1
            latin = latin.upper() if shout else latin[:1].upper() + latin[1:]
        out.append(latin)
    return "".join(out)


def kazakh_latin(rng: random.Random, text: str) -> str:
    """Kazakh in one of the Latin spellings seen in the wild, official ones less often."""
    name = rng.choices(("acute", "turkic", "chat_q", "chat_k"), weights=(4, 2, 3, 3))[0]
    return transliterate(text, KK_SCHEMES[name])


def russian_latin(text: str) -> str:
    """Russian typed in Latin letters, as on a phone without a Cyrillic keyboard."""
    return transliterate(text, RU_SCHEME)
