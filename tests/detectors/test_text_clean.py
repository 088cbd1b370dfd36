from __future__ import annotations

import pytest

from saqbol.detectors.text.clean import clean
from saqbol.detectors.text.lang import detect_language

FOLDS = [
    ("Kаspi Bank", "kaspi bank", "mixed_script_words"),  # Cyrillic а inside a Latin word
    ("ка\u200bспи", "каспи", "invisible_chars"),
    ("к а с п и бонус", "каспи бонус", "spaced_words"),
    ("k.a.s.p.i", "kaspi", "spaced_words"),
    ("Сіздің картаңызға ақша", "сиздин картанызга акша", None),
    ("Sizdiń kartańyz buǵattaldy", "sizdin kartanyz bugattaldy", None),
    ("ВАШ СЧЁТ", "ваш счет", None),
    ("бaнк", "банк", "mixed_script_words"),  # Latin a inside a Cyrillic word
]


@pytest.mark.parametrize(("raw", "folded", "flag"), FOLDS)
def test_clean_folds_disguises_and_records_them(raw, folded, flag) -> None:
    cleaned = clean(raw)
    assert cleaned.folded == folded
    if flag:
        assert getattr(cleaned, flag) >= 1


def test_control_characters_are_stripped_from_display() -> None:
    cleaned = clean("код\x00 1234\x07")
    assert "\x00" not in cleaned.display and cleaned.invisible_chars == 2


def test_ordinary_words_are_not_flagged() -> None:
    cleaned = clean("I am a man, it is fine; 5 000 тг")
    assert (cleaned.mixed_script_words, cleaned.spaced_words) == (0, 0)


LANGS = [
    ("Сіздің картаңыз бұғатталды, кодты айтыңыз", "kk"),
    ("Sizdiń kartańyz buǵattaldy, kodty aıtyńyz", "kk"),
    ("Apa, magan 5000 jibershi sabakka", "kk"),
    ("Ваш счёт заблокирован, назовите код из SMS", "ru"),
    ("vash schet zablokirovan, srochno perezvonite", "ru"),
    ("Your account is blocked, send me the code", "en"),
    ("Салем, мен сейчас в банке, кодты жіберші пожалуйста, срочно нужно", "mixed"),
]


@pytest.mark.parametrize(("text", "lang"), LANGS)
def test_language(text, lang) -> None:
    assert detect_language(text) == lang
