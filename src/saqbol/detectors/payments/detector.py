"""Score payments: the rules of ``rules/payments.yaml`` plus a gradient-boosted model.

Pure: the rules and the model are handed in (``saqbol.rules.load_payment_rules`` and
``load_payment_model`` read them), the features come from ``features.py``, and what the
registry knows about each payee arrives as one small integer per payment. One payment and a
million go through the same ``score_matrix``, so the API and the batch scorer cannot disagree.
"""

from __future__ import annotations

import ctypes
import operator
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import polars as pl
import pyarrow as pa

from saqbol.detectors.payments.explain import PathExplainer
from saqbol.detectors.payments.features import FEATURES
from saqbol.detectors.verdict import Reason, Verdict

_FEATURE_INDEX: Final = {name: i for i, name in enumerate(FEATURES)}
_OPS: Final[dict[str, Callable[[Any, Any], Any]]] = {
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
    "==": operator.eq,
}
_CONDITION = re.compile(r"^\s*(\w+)\s*(>=|<=|==|>|<)\s*(-?[0-9.]+)\s*$")

# What the registry knows about a payment's payee.
REGISTRY_NONE, REGISTRY_LINKED, REGISTRY_LISTED = 0, 1, 2
REGISTRY_RULES: Final = {
    REGISTRY_LISTED: "pay.registry.payee",
    REGISTRY_LINKED: "pay.registry.linked",
}
DECISIONS: Final = ("allow", "review", "hold")


@dataclass(frozen=True, slots=True)
class Condition:
    feature: int
    op: str
    value: float

    def test(self, values: Any) -> Any:
        """Works on a column (numpy) and on a single float alike; NaN never passes."""
        return _OPS[self.op](values, self.value)


@dataclass(frozen=True, slots=True)
class PaymentRule:
    code: str
    typology: str
    weight: float
    hold: bool
    when: tuple[Condition, ...]
    when_any: tuple[Condition, ...]
    text: Mapping[str, str]

    @property
    def on_features(self) -> bool:
        """False for rules the scorer raises itself (registry, state, duplicate)."""
        return bool(self.when or self.when_any)


@dataclass(frozen=True, slots=True)
class PaymentRules:
    version: str
    review: float
    hold: float
    model_reasons: int
    rules: tuple[PaymentRule, ...]
    feature_text: Mapping[str, Mapping[str, str]]
    by_code: Mapping[str, PaymentRule] = field(default_factory=dict)


def parse_condition(text: str) -> Condition:
    match = _CONDITION.match(text)
    if match is None or match[1] not in _FEATURE_INDEX:
        raise ValueError(f"payments rule condition {text!r}: expected 'feature op number'")
    return Condition(_FEATURE_INDEX[match[1]], match[2], float(match[3]))


def compile_rules(data: Mapping[str, Any]) -> PaymentRules:
    """Build the rules from the parsed ``payments.yaml``; a bad condition raises ValueError."""
    rules = tuple(
        PaymentRule(
            code=code,
            typology=spec.get("typology", "other"),
            weight=float(spec["weight"]),
            hold=bool(spec.get("hold", False)),
            when=tuple(parse_condition(c) for c in spec.get("when", ())),
            when_any=tuple(parse_condition(c) for c in spec.get("when_any", ())),
            text=spec["text"],
        )
        for code, spec in data["rules"].items()
    )
    missing = set(FEATURES) - set(data["model_features"])
    if missing:
        raise ValueError(f"payments.yaml: model_features lacks {sorted(missing)}")
    return PaymentRules(
        version=str(data["version"]),
        review=float(data["thresholds"]["review"]),
        hold=float(data["thresholds"]["hold"]),
        model_reasons=int(data.get("model_reasons", 3)),
        rules=rules,
        feature_text=data["model_features"],
        by_code={rule.code: rule for rule in rules},
    )


class PaymentModel:
    """A LightGBM booster over FEATURES; ``predict`` gives P(fraud).

    One payment goes through LightGBM's single-row fast path (its C API keeps the prepared
    configuration between calls: a few microseconds instead of ~130 for ``Booster.predict``);
    a test holds both paths equal.
    """

    def __init__(self, booster: Any) -> None:
        names = tuple(booster.feature_name())
        if names != FEATURES:
            raise ValueError("the payment model was trained on other features; retrain it")
        self.booster = booster
        self.explainer = PathExplainer(booster.dump_model())
        self._fast: Any = None
        self._lock = threading.Lock()

    def predict(self, matrix: np.ndarray) -> np.ndarray:
        threads = 1 if len(matrix) < 10_000 else 0  # 0: LightGBM's default, all cores
        return np.asarray(self.booster.predict(matrix, num_threads=threads), dtype=np.float64)

    def _single(self) -> _FastSingleRow:
        if self._fast is None:
            self._fast = _FastSingleRow(self.booster)
        return self._fast

    def predict_one(self, features: Sequence[float]) -> float:
        with self._lock:
            return self._single().predict(features)

    def contributions(self, matrix: np.ndarray) -> np.ndarray:
        """Per feature, its push on the log-odds of fraud (path attribution, see
        ``explain.py``); the last column is the score before any feature."""
        return self.explainer.contributions(matrix)


class _FastSingleRow:
    """LightGBM's ``LGBM_BoosterPredictForMatSingleRowFast``, through the library's handle:
    the prepared configuration and the buffers are reused between calls."""

    _NORMAL, _FLOAT64 = 0, 1

    def __init__(self, booster: Any) -> None:
        from lightgbm.basic import _LIB, _safe_call

        self._lib, self._check = _LIB, _safe_call
        self._booster = booster  # keeps the handle alive
        self._row = np.zeros(len(FEATURES), dtype=np.float64)
        self._row_ptr = self._row.ctypes.data_as(ctypes.c_void_p)
        self._out_len = ctypes.c_int64(0)
        self._out_len_ref = ctypes.byref(self._out_len)
        self._configs: list[ctypes.c_void_p] = []
        self._score, self._score_ptr = self._prepare(self._NORMAL, 1)

    def _prepare(self, kind: int, width: int) -> tuple[Any, Any]:
        config = ctypes.c_void_p()
        self._check(
            self._lib.LGBM_BoosterPredictForMatSingleRowFastInit(
                self._booster._handle,
                ctypes.c_int(kind),
                ctypes.c_int(0),
                ctypes.c_int(-1),
                ctypes.c_int(self._FLOAT64),
                ctypes.c_int32(len(FEATURES)),
                ctypes.c_char_p(b"num_threads=1"),
                ctypes.byref(config),
            )
        )
        self._configs.append(config)
        out = np.zeros(width, dtype=np.float64)
        return (config, out), out.ctypes.data_as(ctypes.POINTER(ctypes.c_double))

    def _run(self, prepared: tuple[Any, np.ndarray], out_ptr: Any, row: Sequence[float]) -> None:
        self._row[:] = row
        self._check(
            self._lib.LGBM_BoosterPredictForMatSingleRowFast(
                prepared[0], self._row_ptr, self._out_len_ref, out_ptr
            )
        )

    def predict(self, row: Sequence[float]) -> float:
        self._run(self._score, self._score_ptr, row)
        return float(self._score[1][0])

    def __del__(self) -> None:
        for config in getattr(self, "_configs", ()):
            self._lib.LGBM_FastConfigFree(config)


@dataclass(frozen=True, slots=True)
class BatchScores:
    score: np.ndarray  # float64, 0..1
    rule_score: np.ndarray
    model_score: np.ndarray
    decision: np.ndarray  # int8 index into DECISIONS
    fired: np.ndarray  # bool, payments x rules
    model_reasons: dict[int, tuple[tuple[str, float], ...]]  # row -> (feature, contribution)


class PaymentDetector:
    def __init__(self, rules: PaymentRules, model: PaymentModel | None) -> None:
        self.rules = rules
        self.model = model
        self._feature_rules = [i for i, r in enumerate(rules.rules) if r.on_features]
        self._rule_pos = {rule.code: i for i, rule in enumerate(rules.rules)}
        self._holds = np.array([r.hold for r in rules.rules])
        # Reasons are listed heaviest rule first (ties in file order), in both paths.
        self._by_weight = sorted(range(len(rules.rules)), key=lambda i: -rules.rules[i].weight)
        self._rank = {i: r for r, i in enumerate(self._by_weight)}
        self._other_rules = [i for i, r in enumerate(rules.rules) if not r.on_features]
        self._rules_on_features = [i for i, r in enumerate(rules.rules) if r.on_features]
        self._fire = _compile_one(rules.rules)

    def score_matrix(
        self,
        matrix: np.ndarray,
        registry: np.ndarray | None = None,
        extra_codes: Sequence[str] = (),
        *,
        explain: bool = True,
    ) -> BatchScores:
        """Score every row of a FEATURES matrix. ``registry`` holds REGISTRY_* per row;
        ``extra_codes`` are rules the caller raises for every row (state unavailable)."""
        n = matrix.shape[0]
        fired = np.zeros((n, len(self.rules.rules)), dtype=bool)
        with np.errstate(invalid="ignore"):
            for i in self._feature_rules:
                rule = self.rules.rules[i]
                mask = np.ones(n, dtype=bool)
                for cond in rule.when:
                    mask &= cond.test(matrix[:, cond.feature])
                if rule.when_any:
                    any_mask = np.zeros(n, dtype=bool)
                    for cond in rule.when_any:
                        any_mask |= cond.test(matrix[:, cond.feature])
                    mask &= any_mask
                fired[:, i] = mask
        if registry is not None:
            for level, code in REGISTRY_RULES.items():
                fired[:, self._rule_pos[code]] = registry == level
        for code in extra_codes:
            fired[:, self._rule_pos[code]] = True
        keep = np.ones(n)
        for i, rule in enumerate(self.rules.rules):  # in rule order, as ``verdict`` does
            keep *= np.where(fired[:, i], 1.0 - rule.weight, 1.0)
        rule_score = 1.0 - keep
        model_score = self.model.predict(matrix) if self.model is not None else np.zeros(n)
        score = 1.0 - keep * (1.0 - model_score)
        decision = np.where(score >= self.rules.hold, 2, np.where(score >= self.rules.review, 1, 0))
        decision = np.where((fired & self._holds).any(axis=1), 2, decision).astype(np.int8)
        reasons: dict[int, tuple[tuple[str, float], ...]] = {}
        if explain and self.model is not None:
            flagged = np.flatnonzero(decision > 0)
            if len(flagged):
                contrib = self.model.contributions(matrix[flagged])[:, :-1]
                for row, values in zip(flagged.tolist(), contrib, strict=True):
                    top = np.argsort(-values)[: self.rules.model_reasons]
                    reasons[row] = tuple(
                        (FEATURES[j], float(values[j])) for j in top if values[j] > 0
                    )
        return BatchScores(score, rule_score, model_score, decision, fired, reasons)

    def reason_column(self, scores: BatchScores) -> pl.Series:
        """Every row's reason codes (rules that fired, heaviest first, then the model's), as a
        list column built from offsets (most
        rows have no reason, so no per-row Python)."""
        rules = self.rules.rules
        order = self._by_weight
        rows, ranks = np.nonzero(scores.fired[:, order])
        codes = [rules[i].code for i in order]
        if scores.model_reasons:
            model_rows = [r for r, found in scores.model_reasons.items() for _ in found]
            model_ranks = [
                len(rules) + k for found in scores.model_reasons.values() for k in range(len(found))
            ]
            for found in scores.model_reasons.values():
                codes.extend(f"pay.model.{name}" for name, _ in found)
            model_codes = np.arange(len(rules), len(codes))
            rows = np.concatenate([rows, np.asarray(model_rows, dtype=np.int64)])
            code_index = np.concatenate([np.asarray(ranks), model_codes])
            sort_rank = np.concatenate([ranks, np.asarray(model_ranks, dtype=np.int64)])
        else:
            code_index = ranks
            sort_rank = ranks
        by_row = np.lexsort((sort_rank, rows))
        n = scores.fired.shape[0]
        offsets = np.zeros(n + 1, dtype=np.int32)
        np.cumsum(np.bincount(rows, minlength=n), out=offsets[1:])
        values = pa.DictionaryArray.from_arrays(
            pa.array(code_index[by_row], type=pa.int32()), pa.array(codes, type=pa.string())
        ).cast(pa.string())
        lists = pa.ListArray.from_arrays(pa.array(offsets), values)
        return pl.Series("reasons", lists)

    def fired_one(
        self, features: Sequence[float], registry: int, extra_codes: Sequence[str]
    ) -> list[int]:
        """Positions of the rules one payment fires, in rule order (plain floats: NaN fails
        every comparison, exactly as in ``score_matrix``)."""
        fired = self._fire(features)
        registry_code = REGISTRY_RULES.get(registry)
        for i in self._other_rules:
            code = self.rules.rules[i].code
            if code == registry_code or code in extra_codes:
                fired.append(i)
        return sorted(fired)

    def verdict(
        self,
        subject: str,
        features: Sequence[float],
        registry: int = REGISTRY_NONE,
        registry_params: Mapping[str, str | int | float] | None = None,
        extra_codes: Sequence[str] = (),
    ) -> Verdict:
        """One payment, with reasons that carry the numbers their sentences need. Same score
        and decision as ``score_matrix`` on the same row (a test holds them equal)."""
        rules = self.rules.rules
        fired = self.fired_one(features, registry, extra_codes)
        keep = 1.0
        for i in fired:
            keep *= 1.0 - rules[i].weight
        model_score = self.model.predict_one(features) if self.model is not None else 0.0
        score = 1.0 - keep * (1.0 - model_score)
        decision = 2 if score >= self.rules.hold else 1 if score >= self.rules.review else 0
        if any(rules[i].hold for i in fired):
            decision = 2
        values = dict(zip(FEATURES, features, strict=True))
        ranked = sorted(fired, key=self._rank.__getitem__)
        reasons: list[Reason] = []
        for i in ranked:
            rule = rules[i]
            params = dict(registry_params or {}) if rule.code in REGISTRY_RULES.values() else {}
            reasons.append(Reason(rule.code, rule.weight, {**_rule_params(values), **params}))
        if decision and self.model is not None:
            row = np.asarray([features], dtype=np.float64)
            contrib = self.model.contributions(row)[0, :-1]
            for j in np.argsort(-contrib)[: self.rules.model_reasons]:
                if contrib[j] > 0:
                    name = FEATURES[j]
                    reasons.append(
                        Reason(
                            f"pay.model.{name}",
                            round(float(contrib[j]), 4),
                            {"value": _show(values[name])},
                        )
                    )
        typology = rules[ranked[0]].typology if ranked else ("other" if decision else "legit")
        return Verdict(
            subject=subject,
            score=score,
            label=DECISIONS[decision],
            typology=typology,
            reasons=tuple(reasons),
        )


def _compile_one(rules: Sequence[PaymentRule]) -> Callable[[Sequence[float]], list[int]]:
    """The feature rules as one Python function over a row: a payment is judged in a few
    microseconds instead of ~60 walking the rule objects. Its source holds only feature
    positions, the five comparison operators and numbers (``parse_condition`` admits nothing
    else), so evaluating it runs no text from the rules file."""

    def test(cond: Condition) -> str:
        return f"f[{int(cond.feature)}] {cond.op} {float(cond.value)!r}"

    lines = ["def fire(f):", "    out = []"]
    for i, rule in enumerate(rules):
        if not rule.on_features:
            continue
        parts = [test(c) for c in rule.when]
        if rule.when_any:
            parts.append("(" + " or ".join(test(c) for c in rule.when_any) + ")")
        lines.append(f"    if {' and '.join(parts)}:")
        lines.append(f"        out.append({i})")
    lines.append("    return out")
    namespace: dict[str, Any] = {"nan": float("nan"), "inf": float("inf")}
    exec(compile("\n".join(lines), "<payments.yaml rules>", "exec"), namespace)
    return namespace["fire"]


def _show(value: float) -> str:
    if value != value:  # NaN
        return "—"
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", " ")
    return f"{value:,.2f}".replace(",", " ")


def _rule_params(values: Mapping[str, float]) -> dict[str, str | int | float]:
    def pct(name: str) -> int:
        value = values[name]
        return round(value * 100) if value == value else 0

    return {
        "amount_ratio": _show(round(values["amount_ratio"], 1)),
        "sent_on_pct": pct("sent_on_ratio"),
        "out_in_pct": pct("out_in_ratio_24h"),
        "lenders_24h": _show(values["lenders_24h"]),
        "payee_new_payers_24h": _show(values["payee_new_payers_24h"]),
        "out_n_1h": _show(values["out_n_1h"]),
    }
