"""Every reason code the text detector can emit has a sentence in kk, ru and en."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest

import saqbol.detectors.text as text_pkg
from saqbol.rules import load_cue_book, reason_text

BOOK = load_cue_book()
SOURCE_CODES = sorted(
    {
        code
        for path in Path(text_pkg.__file__).parent.glob("*.py")
        for code in re.findall(r'"(text\.[a-z_]+\.[a-z_]+)"', path.read_text(encoding="utf-8"))
    }
)


def test_source_codes_were_found() -> None:
    assert "text.model.scam_like" in SOURCE_CODES and len(SOURCE_CODES) >= 8


@pytest.mark.parametrize("code", SOURCE_CODES)
def test_codes_used_in_code_are_in_the_catalogue(code) -> None:
    assert code in BOOK.cues


@pytest.mark.parametrize("code", sorted(BOOK.cues))
def test_every_cue_renders_in_three_languages(code) -> None:
    cue = BOOK.cues[code]
    fields = {
        f
        for lang in ("kk", "ru", "en")
        for _, f, _, _ in string.Formatter().parse(cue.text[lang])
        if f
    }
    params = dict.fromkeys(fields, "X")
    for lang in ("kk", "ru", "en"):
        assert reason_text(code, params, lang).strip()


@pytest.mark.parametrize("code", sorted(BOOK.pattern_codes))
def test_pattern_cues_have_a_known_typology(code) -> None:
    from saqbol.vocab import TYPOLOGIES

    assert BOOK.cues[code].typology in TYPOLOGIES


def test_prefilter_never_changes_which_cues_fire() -> None:
    from saqbol.detectors.text.clean import clean
    from saqbol.detectors.text.cues import find_cues

    texts = [
        "Назовите код из SMS от 1414, служба безопасности банка",
        "Сіздің атыңызға несие рәсімделді, қауіпсіз шотқа аударыңыз",
        "Free robux! 30% per day guaranteed returns, invite friends",
        "Мама, я попал в аварию, переведи 50 000 на карту",
        "Ваш код 1234. Никому не сообщайте этот код.",
        "к оплате в банк и на безопасный счет, я в беде",  # openings right after short words
    ]
    corpus = Path(__file__).resolve().parents[2] / "corpus" / "messages.jsonl"
    lines = corpus.read_text(encoding="utf-8").splitlines()[::6]
    texts += [json.loads(line)["text"] for line in lines]
    for text in texts:
        folded = clean(text).folded
        brute = {p.code for p in BOOK.patterns if p.regex.search(folded)}
        assert find_cues(folded, BOOK) == sorted(brute, key=BOOK.code_rank.__getitem__)
