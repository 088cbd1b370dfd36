"""Which language a message is in: kk, ru, en, or mixed (Kazakh and Russian in one message).

A marker count, not a model: general language identifiers call Latin-script Kazakh English or
Turkish, and they do not know code-mixing. Kazakh is recognised by its own letters and by
function words and stems in both scripts; Russian by function words (also in transliteration).
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]++")  # possessive: no backtracking into a word


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


KAZAKH_LETTERS = frozenset("әғқңөұүһі")
KAZAKH_LATIN_LETTERS = frozenset("áǵıńóúý")

KK_WORDS = _words(
    """
    және мен сіз сізге сіздің сізді біз бізге бар жоқ керек үшін ақша немесе бұл осы деп қазір
    бүгін ертең рахмет жаным апа аға әке ана бала кешіріңіз өтінемін жіберші жібер жіберіңіз
    болады болды емес ғой ба ма ме бе па пе шот нөмір нөмірі тез қайта siz sizge sizdin sizdi
    biz bar joq jok kerek ushin uchun aqsha aksha akşa nemese bul osy dep qazir kazir bugin
    erten rahmet raxmet zhanym janym apa aga ake bala jiber zhiber jibershi zhibershi bolady
    boldy emes goi goy ba ma shot nomir tez kaita qaita tolem tolemi kod kodty sizdin karta
    kartany kartaga kartanyz
    """
)
KK_SUFFIXES = tuple(
    _words(
        """
    ңыз ңіз ңыздың ыңыз іңіз ға ге қа ке дан ден тан тен ның нің дың дің лар лер дар дер ымыз
    nyz niz ynyz inyz ga ge dan den tan nyn nin
    """
    )
)
RU_WORDS = _words(
    """
    и в на не что это вы ваш ваша вашей вашу вас вам для по от мы я у к за как так но если уже
    еще ещё только срочно пожалуйста нужно надо можно будет есть нет да его её их мне меня тебе
    тебя он она они был была было чтобы или же бы вот сейчас vash vasha vashu vy vam vas ne na
    chto eto dlya srochno pozhaluysta nuzhno dengi schet kod ot
    """
)
EN_WORDS = _words(
    """
    the you your to and is of for in this we please have has will with on be are now it our my
    i me a an at from by can not no yes if or get has was were been here there click free win
    won send money
    """
)


def detect_language(text: str) -> str:
    """Return ``kk``, ``ru``, ``en`` or ``mixed`` for the display text of a message."""
    lowered = text.lower()
    words = _WORD.findall(lowered)
    # A word with a Kazakh letter counts 1, a known Kazakh word 1, a word with a Kazakh
    # suffix a quarter (Russian words can end the same way).
    kk = sum(1 for word in words if not _MARKS.isdisjoint(word))
    kk += sum(map(_KK_PLAIN.__contains__, words))
    kk += 0.25 * sum(
        1
        for word in words
        if len(word) > 4
        and word.endswith(KK_SUFFIXES)
        and word not in RU_WORDS
        and word not in _KK_PLAIN
        and not _MARKS.intersection(word)
    )
    ru = sum(map(RU_WORDS.__contains__, words))
    en = sum(map(EN_WORDS.__contains__, words))
    if kk >= 1.5 and ru >= 1.5 and min(kk, ru) / max(kk, ru) >= 0.35:
        return "mixed"
    best = max((kk, "kk"), (ru, "ru"), (en, "en"))
    if best[0] > 0:
        return best[1]
    cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in text)
    return "ru" if cyrillic * 2 >= sum(ch.isalpha() for ch in text) and cyrillic else "en"


_MARKS = KAZAKH_LETTERS | KAZAKH_LATIN_LETTERS
_KK_PLAIN = frozenset(word for word in KK_WORDS if not _MARKS.intersection(word))
