"""The message corpus: committed file in sync, balance, family-level split, valid identifiers."""

from __future__ import annotations

import random
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from saqbol.entities import normalise
from saqbol.synth.messages import CorpusMessage, generate_corpus, to_jsonl
from saqbol.synth.messages import slots as slot_values
from saqbol.synth.messages.family import SCAM_TYPOLOGIES, TYPOLOGIES, parse_families
from saqbol.synth.messages.noise import NOISE_KINDS
from saqbol.synth.messages.translit import KK_SCHEMES, transliterate

CORPUS = Path(__file__).parent.parent.parent / "corpus" / "messages.jsonl"
CARD = re.compile(r"(?<![\d-])\d{4}([ -]?)\d{4}\1\d{4}\1\d{4}(?![\d-])")
IBAN = re.compile(r"\bKZ\d{2}(?: ?[0-9A-Z]{4}){4}\b")
PHONE = re.compile(
    r"(?<![\w(+])(?:\+7\(7\d\d\)\d{7}|\+77\d{9}|8 7\d\d \d{3} \d{2} \d{2}|8?7[07]\d{8})(?!\d)"
)


@pytest.fixture(scope="module")
def corpus() -> list[CorpusMessage]:
    return generate_corpus()


def families_of(corpus: list[CorpusMessage]) -> dict[tuple[str, str], set[str]]:
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in corpus:
        out[m.lang, m.typology].add(m.family)
    return out


def test_committed_file_is_what_the_generator_writes(corpus) -> None:
    assert CORPUS.read_text(encoding="utf-8") == to_jsonl(corpus)
    assert CORPUS.stat().st_size < 3_000_000


def test_size_and_language_shares(corpus) -> None:
    share = {lang: n / len(corpus) for lang, n in Counter(m.lang for m in corpus).items()}
    assert len(corpus) >= 3000
    assert share["kk"] >= 0.37 and share["ru"] >= 0.37 and share["en"] >= 0.16
    assert 0.05 <= share["mixed"] <= 0.10
    assert 0.55 <= sum(m.label == "scam" for m in corpus) / len(corpus) <= 0.60


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_every_typology_has_enough_families(corpus, lang) -> None:
    families = families_of(corpus)
    for typology in SCAM_TYPOLOGIES:
        assert len(families[lang, typology]) >= 4, typology
    assert len(families[lang, "legit"]) >= 8


def test_code_mixed_families(corpus) -> None:
    families = families_of(corpus)
    scam = [t for t in SCAM_TYPOLOGIES if len(families["mixed", t]) >= 2]
    assert len(scam) >= 8
    assert len(families["mixed", "legit"]) >= 4


def test_latin_script_kazakh(corpus) -> None:
    kk = [m for m in corpus if m.lang == "kk"]
    latin = sum(m.script == "latn" for m in kk) / len(kk)
    assert 0.20 <= latin <= 0.35


def test_split_is_by_family(corpus) -> None:
    splits: dict[str, set[str]] = defaultdict(set)
    for m in corpus:
        splits[m.family].add(m.split)
    assert all(len(s) == 1 for s in splits.values())
    for (lang, typology), fams in families_of(corpus).items():
        assert {splits[f].pop() for f in fams} == {"train", "test"}, (lang, typology)
    # A quarter of each group's families, rounded: 2 of 6 or 7 families is 29-33%.
    assert 0.20 <= sum(m.split == "test" for m in corpus) / len(corpus) <= 0.35


def test_records_are_well_formed(corpus) -> None:
    assert len({m.id for m in corpus}) == len(corpus)
    assert len({m.text for m in corpus}) == len(corpus)
    for m in corpus:
        assert m.text.strip() and len(m.text) <= 2000
        assert m.typology in TYPOLOGIES and (m.label == "legit") == (m.typology == "legit")
        assert m.family.startswith(f"{m.lang}.{m.typology}.")
        assert m.script in ("cyrl", "latn", "mixed") and m.channel in ("sms", "messenger", "social")
        assert set(m.noise) <= set(NOISE_KINDS)


def test_noise_is_not_a_scam_signal_by_itself(corpus) -> None:
    noised = Counter(m.label for m in corpus if m.noise)
    assert 0.30 <= sum(noised.values()) / len(corpus) <= 0.42
    assert noised["legit"] >= 300
    legit_noise = {k for m in corpus if m.label == "legit" for k in m.noise}
    assert {"emoji", "caps", "typo"} <= legit_noise and not {"homoglyph", "ip_link"} & legit_noise


def test_genuine_codes_that_say_do_not_share_are_legit(corpus) -> None:
    warnings = ("ешкімге айтпаңыз", "никому не сообщайте", "do not share")
    codes = [m for m in corpus if re.search(r"\b(код|code)\b", m.text.lower())]
    told = [m for m in codes if any(w in m.text.lower() for w in warnings)]
    assert len(told) >= 50 and all(m.label == "legit" for m in told)


@pytest.mark.parametrize("kind", ["phone", "card", "iban"])
def test_identifier_slots_pass_the_validators(kind) -> None:
    draw = getattr(slot_values, kind)
    for seed in range(300):
        assert normalise(kind, draw(random.Random(seed))).value


def test_identifiers_in_messages_stay_valid(corpus) -> None:
    found = Counter()
    for m in corpus:
        text = m.text
        for kind, pattern in (("iban", IBAN), ("card", CARD), ("phone", PHONE)):
            for match in pattern.finditer(text):
                normalise(kind, match.group())
                found[kind] += 1
            text = pattern.sub(" ", text)  # a grouped IBAN must not read as a card
    assert found["card"] >= 200 and found["phone"] >= 300 and found["iban"] >= 50, found


def test_same_seed_same_corpus_other_seed_other_corpus(corpus) -> None:
    assert generate_corpus() == corpus
    other = generate_corpus(seed=7)
    assert [m.text for m in other] != [m.text for m in corpus]


def test_kazakh_latin_spelling() -> None:
    text = transliterate("Сіздің картаңыз бұғатталды", KK_SCHEMES["acute"])
    assert text == "Sizdiń kartańyz buǵattaldy"


def test_template_format_rejects_unknown_typologies() -> None:
    with pytest.raises(ValueError, match="typology"):
        parse_families("# romance_scam sms\n- Hello")
