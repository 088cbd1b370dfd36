"""Each payment rule fires on the pattern it names, stays quiet on an ordinary transfer, and
has a sentence in kk, ru and en."""

from __future__ import annotations

import math

import numpy as np
import pytest

from saqbol.detectors.payments.detector import (
    REGISTRY_LINKED,
    REGISTRY_LISTED,
    PaymentDetector,
    compile_rules,
    parse_condition,
)
from saqbol.detectors.payments.features import FEATURES
from saqbol.rules import load_payment_rules, reason_text

NAN = math.nan

# An ordinary transfer: 15,000 tenge to a known payee, in the afternoon, usual amount.
ORDINARY = {
    "amount_kzt": 15_000.0,
    "hour_local": 15.0,
    "night": 0.0,
    "remote_access": 0.0,
    "on_call": 0.0,
    "new_device": 0.0,
    "sim_changed": 0.0,
    "payee_person": 1.0,
    "payee_crypto": 0.0,
    "payee_foreign": 0.0,
    "foreign_currency": 0.0,
    "out_n_1h": 1.0,
    "out_sum_1h": 15_000.0,
    "out_n_24h": 2.0,
    "out_sum_24h": 20_000.0,
    "hist_n_30d": 40.0,
    "hist_mean_30d": 12_000.0,
    "amount_ratio": 1.25,
    "payee_new": 0.0,
    "to_payee_n_24h": 1.0,
    "to_payee_sum_24h": 15_000.0,
    "in_n_24h": 0.0,
    "in_sum_24h": 0.0,
    "in_sum_30d": 400_000.0,
    "in_new_payers_24h": 0.0,
    "out_in_ratio_24h": NAN,
    "drain_ratio_30d": 0.05,
    "loan_age_h": NAN,
    "loan_amount": NAN,
    "loans_24h": NAN,
    "lenders_24h": NAN,
    "out_since_loan": NAN,
    "sent_on_ratio": NAN,
    "payee_n_24h": 1.0,
    "payee_sum_24h": 15_000.0,
    "payee_new_payers_24h": 0.0,
    "payee_new_payers_7d": 0.0,
}

FIRES = {
    "pay.new_payee_large": {"payee_new": 1, "amount_ratio": 40, "amount_kzt": 500_000},
    "pay.loan_sent_on": {"loan_age_h": 2, "sent_on_ratio": 0.9, "payee_new": 1},
    "pay.loan_stacking": {"lenders_24h": 3, "loan_age_h": 5},
    "pay.account_drained": {"payee_new": 1, "to_payee_n_24h": 3, "drain_ratio_30d": 0.9},
    "pay.on_call": {"on_call": 1, "payee_new": 1, "amount_kzt": 200_000},
    "pay.remote_access": {"remote_access": 1, "amount_kzt": 100_000},
    "pay.many_payers": {"payee_new_payers_24h": 7},
    "pay.pass_through": {"in_new_payers_24h": 4, "out_in_ratio_24h": 0.9},
    "pay.night_new_device": {"new_device": 1, "night": 1, "amount_kzt": 300_000},
    "pay.sim_swap": {"sim_changed": 1, "new_device": 1, "amount_kzt": 300_000},
    "pay.crypto_after_loan": {"loan_age_h": 3, "payee_crypto": 1},
    "pay.velocity": {"out_n_1h": 9},
}
# One condition broken each: the rule must not fire.
ALMOST = {
    "pay.new_payee_large": {"payee_new": 0, "amount_ratio": 40, "amount_kzt": 500_000},
    "pay.loan_sent_on": {"loan_age_h": 30, "sent_on_ratio": 0.9, "payee_new": 1},
    "pay.loan_stacking": {"lenders_24h": 1, "loan_age_h": 5},
    "pay.on_call": {"on_call": 1, "payee_new": 0, "amount_kzt": 200_000},
    "pay.pass_through": {"in_new_payers_24h": 4, "out_in_ratio_24h": 0.3},
    "pay.crypto_after_loan": {"loan_age_h": 3, "payee_crypto": 0, "payee_foreign": 0},
}


def row(**overrides: float) -> np.ndarray:
    values = {**ORDINARY, **overrides}
    return np.array([[values[name] for name in FEATURES]])


@pytest.fixture(scope="module")
def detector() -> PaymentDetector:
    return PaymentDetector(load_payment_rules(), model=None)


def fired(detector: PaymentDetector, matrix: np.ndarray, **kwargs) -> set[str]:
    scores = detector.score_matrix(matrix, **kwargs)
    return set(detector.reason_column(scores)[0].to_list())


def test_an_ordinary_transfer_fires_nothing_and_is_allowed(detector: PaymentDetector) -> None:
    scores = detector.score_matrix(row())
    assert not scores.fired.any()
    assert scores.decision[0] == 0


@pytest.mark.parametrize("code", sorted(FIRES))
def test_each_rule_fires_on_its_pattern(detector: PaymentDetector, code: str) -> None:
    assert code in fired(detector, row(**FIRES[code]))


@pytest.mark.parametrize("code", sorted(ALMOST))
def test_a_rule_does_not_fire_when_one_condition_fails(
    detector: PaymentDetector, code: str
) -> None:
    assert code not in fired(detector, row(**ALMOST[code]))


def test_missing_history_satisfies_no_condition(detector: PaymentDetector) -> None:
    everything_missing = np.full((1, len(FEATURES)), NAN)
    assert not detector.score_matrix(everything_missing).fired.any()


def test_a_listed_payee_is_held_whatever_else(detector: PaymentDetector) -> None:
    scores = detector.score_matrix(row(), registry=np.array([REGISTRY_LISTED]))
    assert scores.decision[0] == 2
    assert "pay.registry.payee" in detector.reason_column(scores)[0].to_list()


def test_a_linked_payee_raises_the_score(detector: PaymentDetector) -> None:
    plain = detector.score_matrix(row()).score[0]
    linked = detector.score_matrix(row(), registry=np.array([REGISTRY_LINKED])).score[0]
    assert linked > plain + 0.4


def test_rules_add_up(detector: PaymentDetector) -> None:
    """Signals of an account takeover together hold the payment; a call plus remote access to
    a new payee at least sends it to review."""
    takeover = row(new_device=1, sim_changed=1, night=1, amount_kzt=900_000)
    assert detector.score_matrix(takeover).decision[0] == 2
    one_signal = row(remote_access=1, amount_kzt=900_000)
    assert detector.score_matrix(one_signal).decision[0] == 0
    safe_account = row(on_call=1, payee_new=1, amount_kzt=900_000, amount_ratio=60, remote_access=1)
    assert detector.score_matrix(safe_account).decision[0] >= 1


def test_verdict_reasons_carry_their_numbers(detector: PaymentDetector) -> None:
    features = row(lenders_24h=3, loan_age_h=5)[0].tolist()
    verdict = detector.verdict("e1", features)
    reason = next(r for r in verdict.reasons if r.code == "pay.loan_stacking")
    assert "3" in reason_text(reason.code, reason.params, "en")
    assert verdict.typology == "sms_code_1414"


def test_every_code_has_a_sentence_in_three_languages() -> None:
    rules = load_payment_rules()
    codes = [r.code for r in rules.rules] + [f"pay.model.{f}" for f in FEATURES]
    params = {
        "payee": "4400 **** **** 1234",
        "status": "reported",
        "reports": 2,
        "linked": "+7 701 *** ** 45",
        "value": 5,
        "error": "amount: must be more than 0 tiyn",
        **{k: 1 for k in ("amount_ratio", "sent_on_pct", "out_in_pct", "lenders_24h")},
        **{k: 1 for k in ("payee_new_payers_24h", "out_n_1h")},
    }
    for code in codes:
        texts = {lang: reason_text(code, params, lang) for lang in ("kk", "ru", "en")}
        assert all(texts.values()), code
        assert len(set(texts.values())) == 3, code


@pytest.mark.parametrize("bad", ["amount >= 5", "amount_kzt => 5", "amount_kzt >= five"])
def test_a_bad_condition_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="feature op number"):
        parse_condition(bad)


def test_model_features_must_all_have_words() -> None:
    from saqbol.rules.loader import _read

    data = _read("payments.yaml")
    del data["model_features"]["amount_kzt"]
    with pytest.raises(ValueError, match="amount_kzt"):
        compile_rules(data)


def test_one_payment_fires_exactly_the_rules_a_batch_fires(detector: PaymentDetector) -> None:
    rng = np.random.default_rng(2)
    # Values around every threshold, with missing ones.
    matrix = rng.choice([0.0, 0.5, 0.7, 0.75, 1.0, 2.0, 4.0, 6.0, 24.0, 1e5, 5e5, NAN],
                        size=(20_000, len(FEATURES)))  # fmt: skip
    registry = rng.choice([0, 1, 2], size=len(matrix))
    scores = detector.score_matrix(matrix, registry)
    for i in range(len(matrix)):
        one = detector.fired_one(matrix[i].tolist(), int(registry[i]), ())
        assert one == np.flatnonzero(scores.fired[i]).tolist()
        if i < 2000:
            verdict = detector.verdict(f"e{i}", matrix[i].tolist(), int(registry[i]))
            assert verdict.score == scores.score[i]
    assert scores.fired.any(axis=0)[detector._rules_on_features].all()
