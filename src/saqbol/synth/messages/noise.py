"""Realistic noise: what scammers do to dodge filters, and what hurried people do anyway.

Each function takes ``(rng, text, ctx)`` and returns the new text (the same text when it does
not apply). Links, numbers and other tokens with digits are never edited, so every phone, card
and IBAN in a message stays valid whatever noise it gets.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from saqbol.synth.messages import links, translit

NOISE_KINDS: tuple[str, ...] = (
    "emoji",
    "caps",
    "typo",
    "homoglyph",
    "spaced",
    "zero_width",
    "translit",
    "shortlink",
    "ip_link",
    "no_punct",
)
# Link swaps come first (their lead-in gets transliterated too); whole-word rewrites run
# before the edits that break words apart.
APPLY_ORDER: tuple[str, ...] = (
    "shortlink",
    "ip_link",
    "translit",
    "homoglyph",
    "spaced",
    "zero_width",
    "typo",
    "no_punct",
    "caps",
    "emoji",
)
SCAM_EMOJI = ("🔥", "💰", "🎁", "✅", "❗️", "⚠️", "‼️", "💸", "🎉", "👉", "📦", "🏆", "💳")
LEGIT_EMOJI = ("😊", "👍", "🙏", "❤️", "😂", "✅", "🎉", "📦", "🔥", "🥰", "😅", "🤝")
ZERO_WIDTH = ("\u200b", "\u200c", "\u00ad")
CYR_TO_LAT = dict(zip("аеорсхАЕОРСХКМТНВ", "aeopcxAEOPCXKMTHB", strict=True))
LAT_TO_CYR = {lat: cyr for cyr, lat in CYR_TO_LAT.items()}
KEYWORDS = links.words(
    "kaspi halyk egov olx kazpost kolesa krisha bonus бонус код kod code карт kart card ақша "
    "aqsha акша деньг money приз prize жүлде акци несие кредит kredit loan счет счёт шот account "
    "робакс робукс robux банк bank перевод аудар"
)
LEADS = {
    "kk": ("Толығырақ:", "Сілтеме:", "Осы жерден:"),
    "ru": ("Подробнее:", "Переходите:", "Ссылка:"),
    "en": ("Details:", "Link:", "Claim here:"),
    "mixed": ("Подробнее:", "Сілтеме:", "Ссылка:"),
}
_WORD = re.compile(r"\S+")
_CYRILLIC = re.compile("[а-яёәғқңөұүһі]", re.IGNORECASE)
_DOMAINISH = re.compile(r"[\w-]\.[A-Za-z]{2,}|/|@|[0-9]")
_SENTENCE_PUNCT = re.compile(r"[.,!?;:…«»\"]+(?=\s|$)|(?<=\s)[«\"]|^[«\"]")


@dataclass(frozen=True)
class NoiseContext:
    """What noise needs to know about the message besides its text."""

    lang: str
    links: tuple[str, ...]
    scam: bool


def is_protected(token: str) -> bool:
    """Links, handles and anything with a digit (amounts, phones, cards) are left alone."""
    return bool(_DOMAINISH.search(token))


def _words(text: str, min_len: int) -> list[tuple[int, int]]:
    """Spans of the letters-only core of editable words at least ``min_len`` long."""
    spans = []
    for match in _WORD.finditer(text):
        token = match.group()
        if is_protected(token):
            continue
        core = re.search(r"[^\W\d_]+", token)
        if (
            core
            and core.end() - core.start() >= min_len
            and core.group() == token.strip(".,!?;:«»\"'()—-…")
        ):
            spans.append((match.start() + core.start(), match.start() + core.end()))
    return spans


def _edit(
    rng: random.Random,
    text: str,
    count: int,
    edit: Callable[[random.Random, str], str],
    min_len: int = 4,
    prefer_keywords: bool = False,
) -> str:
    spans = _words(text, min_len)
    if prefer_keywords:
        keyed = [s for s in spans if text[s[0] : s[1]].lower().startswith(KEYWORDS)]
        spans = keyed or spans
    chosen = sorted(rng.sample(spans, min(count, len(spans))), reverse=True)
    for start, end in chosen:
        text = text[:start] + edit(rng, text[start:end]) + text[end:]
    return text


def emoji(rng: random.Random, text: str, ctx: NoiseContext) -> str:
    pool = SCAM_EMOJI if ctx.scam else LEGIT_EMOJI
    marks = "".join(rng.choice(pool) for _ in range(rng.randint(1, 3)))
    where = rng.random()
    if where < 0.35:
        return f"{marks} {text}"
    if where < 0.75:
        return f"{text} {marks}"
    return f"{marks} {text} {rng.choice(pool)}"


def caps(rng: random.Random, text: str, ctx: NoiseContext) -> str:
    tokens = _WORD.findall(text)
    if rng.random() < 0.4 or len(tokens) < 4:
        start, stop = 0, len(tokens)
    else:
        start = rng.choice((0, 0, rng.randrange(len(tokens) - 2)))
        stop = start + rng.randint(2, 5)
    matches = list(_WORD.finditer(text))[start:stop]
    for match in reversed(matches):
        if not is_protected(match.group()):
            text = text[: match.start()] + match.group().upper() + text[match.end() :]
    return text


def _typo_word(rng: random.Random, word: str) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("drop", "swap", "dup"))
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + word[i] + word[i:]


def typo(rng: random.Random, text: str, ctx: NoiseContext) -> str:
    return _edit(rng, text, rng.randint(1, 2), _typo_word)


def _homoglyph_word(rng: random.Random, word: str) -> str:
    latin = sum("a" <= c.lower() <= "z" for c in word) > len(word) / 2
    table = LAT_TO_CYR if latin else CYR_TO_LAT
    spots = [i for i, c in enumerate(word) if c in table]
    for i in rng.sample(spots, min(len(spots), rng.randint(1, 2))):
        word = word[:i] + table[word[i]] + word[i + 1 :]
    return word


def homoglyph(rng: random.Random, text: str, ctx: NoiseContext) -> str:
    return _edit(rng, text, rng.randint(1, 3), _homoglyph_word, 3, prefer_keywords=True)


def spaced(rng: random.Random, text: str, ctx: NoiseContext) -> str:
    return _edit(rng, text, 1, lambda _rng, word: " ".join(word), 3, prefer_keywords=True)


def _zero_width_word(rng: random.Random, word: str) -> str:
    i = rng.randrange(1, len(word))
    return word[:i] + rng.choice(ZERO_WIDTH) + word[i:]


def zero_width(rng: random.Random, text: str, ctx: NoiseContext) -> str:
    return _edit(rng, text, rng.randint(1, 3), _zero_width_word, prefer_keywords=True)


def to_latin(rng: random.Random, text: str, ctx: NoiseContext) -> str:
    if ctx.lang == "ru":
        return translit.russian_latin(text)
    if ctx.lang == "mixed":
        return translit.transliterate(text, translit.MIXED_SCHEME)
    return text


def _replace_link(rng: random.Random, text: str, ctx: NoiseContext, new: str) -> str:
    present = [link for link in ctx.links if link in text]
    if present:
        return text.replace(present[0], new)
    lead = rng.choice(LEADS[ctx.lang])
    if not _CYRILLIC.search(text):  # a message typed in Latin letters gets a Latin lead-in
        lead = translit.transliterate(lead, translit.MIXED_SCHEME)
    return f"{text} {lead} {new}"


def shortlink(rng: random.Random, text: str, ctx: NoiseContext) -> str:
    return _replace_link(rng, text, ctx, links.shortlink(rng))


def ip_link(rng: random.Random, text: str, ctx: NoiseContext) -> str:
    stems = [re.sub(r"^https?://", "", link).split(".")[0].split("-")[0] for link in ctx.links]
    stem = stems[0] if stems and stems[0].isalpha() else rng.choice(("kaspi", "egov", "bonus"))
    return _replace_link(rng, text, ctx, links.ip_link(rng, stem))


def no_punct(rng: random.Random, text: str, ctx: NoiseContext) -> str:
    return _SENTENCE_PUNCT.sub("", text)


NOISES: dict[str, Callable[[random.Random, str, NoiseContext], str]] = {
    "emoji": emoji,
    "caps": caps,
    "typo": typo,
    "homoglyph": homoglyph,
    "spaced": spaced,
    "zero_width": zero_width,
    "translit": to_latin,
    "shortlink": shortlink,
    "ip_link": ip_link,
    "no_punct": no_punct,
}
# Relative weights: cloaking tricks (homoglyphs, zero-width, raw IPs) are scam-side in reality.
SCAM_WEIGHTS = {
    "emoji": 3.0,
    "caps": 2.0,
    "typo": 2.0,
    "homoglyph": 2.0,
    "spaced": 1.0,
    "zero_width": 1.5,
    "translit": 1.0,
    "shortlink": 2.0,
    "ip_link": 1.0,
    "no_punct": 1.5,
}
LEGIT_WEIGHTS = {
    "emoji": 4.0,
    "caps": 1.5,
    "typo": 3.0,
    "translit": 1.0,
    "no_punct": 2.5,
    "spaced": 0.2,
    "shortlink": 0.2,
    "zero_width": 0.2,
}


def choose(rng: random.Random, scam: bool, lang: str) -> tuple[str, ...]:
    """Pick 1-3 noise kinds for one message (weighted, without repeats)."""
    weights = dict(SCAM_WEIGHTS if scam else LEGIT_WEIGHTS)
    if lang not in ("ru", "mixed"):
        weights.pop("translit")
    picked: list[str] = []
    for _ in range(rng.choices((1, 2, 3), weights=(65, 28, 7))[0]):
        kinds = sorted(weights)
        kind = rng.choices(kinds, weights=[weights[k] for k in kinds])[0]
        picked.append(kind)
        weights.pop(kind)
    if "shortlink" in picked and "ip_link" in picked:
        picked.remove("ip_link")
    return tuple(picked)


def apply(
    rng: random.Random, text: str, kinds: tuple[str, ...], ctx: NoiseContext
) -> tuple[str, tuple[str, ...]]:
    """Apply ``kinds`` in a fixed order; return the text and the kinds that changed it."""
    applied = []
    for kind in APPLY_ORDER:
        if kind not in kinds:
            continue
        new = NOISES[kind](rng, text, ctx)
        if new != text:
            applied.append(kind)
            text = new
    return text, tuple(k for k in NOISE_KINDS if k in applied)
