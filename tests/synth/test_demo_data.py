from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime

import pytest

from saqbol.entities import normalise
from saqbol.synth import identifiers as ids
from saqbol.synth.demo import demo_reports

GENERATORS = [
    ("phone", ids.kz_mobile),
    ("card", ids.card_number),
    ("iban", ids.kz_iban),
    ("iin", ids.iin),
]


@pytest.mark.parametrize(("kind", "generate"), GENERATORS)
def test_generated_identifiers_pass_the_validators(kind, generate) -> None:
    rng = random.Random(1)
    for _ in range(200):
        value = generate(rng)
        assert normalise(kind, value).value == value


def test_phone_written_like_a_person_normalises_back() -> None:
    rng = random.Random(3)
    for _ in range(100):
        e164 = ids.kz_mobile(rng)
        assert normalise("phone", ids.format_phone_like_a_person(rng, e164)).value == e164


def test_demo_reports_are_reproducible_and_reuse_entities() -> None:
    now = datetime(2026, 11, 1, tzinfo=UTC)
    first, second = demo_reports(100, 5, now), demo_reports(100, 5, now)
    assert first == second
    phones = Counter(r.to_draft().entities[0].value for r in first)
    assert phones.most_common(1)[0][1] >= 3  # rings recur across complaints
    assert {r.typology for r in first} >= {"safe_account", "sms_code_1414", "prepayment"}
