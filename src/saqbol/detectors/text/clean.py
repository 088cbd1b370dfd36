"""Turn what people really send into one form that cues and the model can match.

Scammers disguise words (a Cyrillic "а" inside "Kaspi", zero-width spaces, "к а с п и") and
people write Kazakh with Russian letters or in Latin script. Matching on one folded view
means each cue is written once: the fold maps Kazakh-specific letters to their Russian
neighbours (ақша → акша), strips Latin diacritics (sizdiń → sizdin), and pulls every
mixed-script word into its majority script. What was stripped or folded is recorded, because
disguise is itself a cue.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Zero-width and invisible format characters that hide words from filters.
INVISIBLE = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\ufeff\u00ad\u034f\u180e")
)
_INVISIBLE = re.compile(f"[{''.join(map(chr, INVISIBLE))}]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# Kazakh letters → the Russian letters people type instead (so one stem matches both).
KAZAKH_FOLD = str.maketrans("әғқңөұүһіё", "агкноуухие")
# Latin letters with diacritics (2021 Kazakh Latin, Turkish-style translit) → ASCII.
LATIN_FOLD = str.maketrans(
    {
        "á": "a",
        "ä": "a",
        "ǵ": "g",
        "ğ": "g",
        "ı": "i",
        "ń": "n",
        "ó": "o",
        "ö": "o",
        "ú": "u",
        "ü": "u",
        "ý": "y",
        "ş": "sh",
        "ç": "ch",
        "í": "i",
        "é": "e",
        "ñ": "n",
    }
)

_FOLD = KAZAKH_FOLD | LATIN_FOLD
# The same fold as a regex substitution: only the few folded letters are touched, which is
# about twice as fast as str.translate over Cyrillic text.
_FOLD_TO = {chr(k): v if isinstance(v, str) else chr(v) for k, v in _FOLD.items()}
_FOLD_CHAR = re.compile("[" + re.escape("".join(_FOLD_TO)) + "]")


def _fold_char(match: re.Match[str]) -> str:
    return _FOLD_TO[match.group()]


# Look-alike pairs (Unicode TR39 confusables restricted to what scammers use in kk/ru/en).
_LATIN_TO_CYR = str.maketrans("aeopcxykmthbi", "аеорсхукмтнви")
_CYR_TO_LATIN = str.maketrans("аеорсхукмтнвиіј", "aeopcxykmthbiij")
# A word with at least one Latin and one Cyrillic letter (found in C, not word by word).
_MIXED_WORD = re.compile(r"\b(?=\w*[a-z])(?=\w*[\u0400-\u04ff])\w+")
_LATIN = re.compile(r"[a-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_SPACERS = re.compile(r"[ .\-_*]")
_SPACED = re.compile(r"(?<!\w)(?:[^\W\d_][ .\-_*]){2,}[^\W\d_](?!\w)")


@dataclass(frozen=True, slots=True)
class CleanText:
    """``display``: the text with invisible and control characters removed.
    ``folded``: the lowercase, script-folded view that cues and the model read."""

    display: str
    folded: str
    invisible_chars: int
    mixed_script_words: int
    spaced_words: int


def clean(text: str) -> CleanText:
    visible = text.translate(INVISIBLE) if _INVISIBLE.search(text) else text
    display, controls = _CONTROL.subn(" ", visible)
    invisible = len(text) - len(visible) + controls
    lowered = unicodedata.normalize("NFKC", display).casefold()
    changed: list[bool] = []
    unmixed = lowered
    if _LATIN.search(lowered) and _CYRILLIC.search(lowered):  # only then can a word mix them
        unmixed = _MIXED_WORD.sub(lambda m: _unmix(m.group(), changed), lowered)
    joined, spaced = _SPACED.subn(_join, unmixed)
    folded = " ".join(_FOLD_CHAR.sub(_fold_char, joined).split())
    return CleanText(display.strip(), folded, invisible, sum(changed), spaced)


def _unmix(word: str, changed: list[bool]) -> str:
    fixed = fold_mixed_word(word)
    changed.append(fixed != word)
    return fixed


def _join(match: re.Match[str]) -> str:
    return _SPACERS.sub("", match.group())


def fold_mixed_word(word: str) -> str:
    """Rewrite a word that mixes Latin and Cyrillic letters into its majority script."""
    cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in word)
    latin = sum("a" <= ch <= "z" for ch in word)
    if not cyrillic or not latin:
        return word
    return word.translate(_LATIN_TO_CYR if cyrillic >= latin else _CYR_TO_LATIN)
