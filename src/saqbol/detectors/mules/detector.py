"""Score accounts as drops, guess each one's role, explain it, and group the suspects.

Score: the LightGBM model's probability over ``FEATURES`` (``models/mule_model.txt``).
Reasons: the cues of ``rules/mules.yaml`` that fired (in words), then the model's strongest
feature contributions for flagged accounts. Roles, from the account's own features and its
neighbours' flags:

- ``cash_out``: flagged, and at least 70% of its outflow goes to crypto, abroad or cash (a
  first-level drop also cashes out part, but passes much of it to a second-level drop; 70% was
  the best split on the validation seed 302: 0.84 of roles right, against 0.76 at 50%);
- ``organiser``: flagged, sends most of its money to flagged accounts but receives little
  from them and relays little (the source that feeds the drops);
- ``mule``: any other flagged account;
- ``victim``: not flagged, but paid a flagged account that relays money at least
  ``VICTIM_MIN`` tenge and ``VICTIM_RATIO`` times its own median payment, in at most 3
  payments, and nothing ever came back (a stranger, not a relative or a regular counterparty;
  on the validation seed 302: 0.89 precision, 0.82 recall);
- ``normal``: the rest.

Clusters: flagged accounts joined by a transfer between them or by a device that two of them
used; ranked by the money that flowed into the cluster from outside it (what the victims lost),
the first being the one to investigate first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import polars as pl
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from saqbol.detectors.conditions import Cue
from saqbol.detectors.mules.features import FEATURES, group_median
from saqbol.detectors.mules.graph import TransferGraph
from saqbol.detectors.mules.transfers import DST_KINDS
from saqbol.detectors.payments.explain import PathExplainer

ROLES: Final = ("victim", "mule", "organiser", "cash_out", "normal")
VICTIM_MIN: Final = 10_000.0  # tenge
VICTIM_RATIO: Final = 3.0  # times the payer's median payment: savings, a loan, not pocket money
CASH_OUT_MIN: Final = 0.7  # share of outflow; a first-level drop sends ~half to the next drop
_INDEX: Final = {name: i for i, name in enumerate(FEATURES)}
_ACCOUNT: Final = DST_KINDS.index("account")


@dataclass(frozen=True, slots=True)
class MuleRules:
    version: str
    flag: float
    flag_structural: float
    model_reasons: int
    rates: Mapping[str, float]
    cues: tuple[Cue, ...]
    role_text: Mapping[str, Mapping[str, str]]
    feature_text: Mapping[str, Mapping[str, str]]

    def text(self, code: str) -> Mapping[str, str]:
        if code.startswith("mule.model."):
            return self.feature_text[code.removeprefix("mule.model.")]
        return next(c.text for c in self.cues if c.code == code)


def compile_mule_rules(data: Mapping[str, Any]) -> MuleRules:
    """From the parsed ``mules.yaml``; a bad condition or a missing text raises ValueError."""
    cues = [
        Cue.parse(code, spec, FEATURES, f"mules.yaml {code}") for code, spec in data["cues"].items()
    ]
    missing = set(FEATURES) - set(data["model_features"])
    if missing:
        raise ValueError(f"mules.yaml: model_features lacks {sorted(missing)}")
    if set(data["roles"]) != set(ROLES):
        raise ValueError(f"mules.yaml: roles must be exactly {ROLES}")
    return MuleRules(
        version=str(data["version"]),
        flag=float(data["thresholds"]["flag"]),
        flag_structural=float(data["thresholds"]["flag_structural"]),
        model_reasons=int(data.get("model_reasons", 3)),
        rates={k: float(v) for k, v in data["rates"].items()},
        cues=tuple(cues),
        role_text=data["roles"],
        feature_text=data["model_features"],
    )


STRUCTURAL: Final = tuple(
    f
    for f in FEATURES
    if f not in {"in_amount", "out_amount", "device_accounts", "ip_accounts", "cash_out_share",
                 "merchant_share", "reported", "reported_counterparties"}
)  # fmt: skip
"""What any export of src, dst, amount, time shows: shapes, shares and timing, no absolute
amounts (other currencies and scales), no devices, payee kinds or complaints."""


class MuleModel:
    """A LightGBM booster over ``FEATURES`` or a subset; ``predict`` gives P(drop)."""

    def __init__(self, booster: Any) -> None:
        names = tuple(booster.feature_name())
        if not set(names) <= set(FEATURES):
            raise ValueError("the mule model was trained on other features; retrain it")
        self.booster = booster
        self.columns = np.array([_INDEX[n] for n in names])
        self.explainer = PathExplainer(booster.dump_model())

    def predict(self, matrix: np.ndarray) -> np.ndarray:
        """``matrix``: all ``FEATURES`` columns; the model reads its own."""
        return np.asarray(self.booster.predict(matrix[:, self.columns]), dtype=np.float64)

    def contributions(self, matrix: np.ndarray) -> np.ndarray:
        """Per ``FEATURES`` column, its push on the log-odds (0 for columns not used)."""
        part = self.explainer.contributions(matrix[:, self.columns])
        out = np.zeros((len(matrix), len(FEATURES)))
        out[:, self.columns] = part[:, : len(self.columns)]
        return out


def feature_matrix(features: pl.DataFrame) -> np.ndarray:
    return features.select(pl.col(c).cast(pl.Float64) for c in FEATURES).to_numpy()


def reason_params(row: Mapping[str, float]) -> dict[str, str]:
    """The numbers a cue's text names, formatted for people."""

    def pct(x: float) -> str:
        return "?" if x != x else str(round(100 * x))

    out = {
        k: (f"{v:,.0f}".replace(",", " ") if abs(v) >= 1000 else f"{v:g}") for k, v in row.items()
    }
    kept = row.get("kept_share", float("nan"))
    out |= {
        "kept_pct": pct(kept),
        "passed_pct": pct(1 - kept),
        "fast_pct": pct(row.get("fast_out_share", float("nan"))),
        "cash_pct": pct(row.get("cash_out_share", float("nan"))),
        "burst_pct": pct(row.get("burst_share", float("nan"))),
        "one_off_pct": pct(row.get("one_off_payer_share", float("nan"))),
        "hold_median_h": f"{row.get('hold_median_h', float('nan')):.1f}",
        "max_gap_days": f"{row.get('max_gap_days', float('nan')):.0f}",
    }
    return out


class MuleDetector:
    """``model`` for Saqbol's own payments (devices, payee kinds, complaints); ``structural``
    for bare exports of src, dst, amount, time, where those columns are missing and amounts
    may be in any scale."""

    def __init__(
        self, rules: MuleRules, model: MuleModel, structural: MuleModel | None = None
    ) -> None:
        self.rules, self.model, self.structural = rules, model, structural

    def pick(self, g: TransferGraph) -> tuple[MuleModel, float]:
        """The structural model when the graph has no devices, IPs or payee kinds."""
        bare = not (g.device >= 0).any() and not (g.ip >= 0).any() and not g.dst_kind.any()
        if bare and self.structural is not None:
            return self.structural, self.rules.flag_structural
        return self.model, self.rules.flag

    def score(self, g: TransferGraph, features: pl.DataFrame) -> pl.DataFrame:
        """One row per bank account: ``account_id``, ``score``, ``role``, ``reasons`` (codes),
        ``cluster_id`` (1 = the cluster to look at first; null when not flagged)."""
        is_account = g.node_kind == _ACCOUNT
        matrix = feature_matrix(features)
        model, flag = self.pick(g)
        score = np.zeros(g.n_nodes)
        score[is_account] = model.predict(matrix[is_account])
        flagged = is_account & (score >= flag)
        role = self._roles(g, matrix, flagged)
        reasons = self._reasons(model, matrix, flagged)
        cluster = _clusters(g, flagged)
        frame = pl.DataFrame(
            {
                "account_id": g.accounts,
                "score": score,
                "role": pl.Series(np.asarray(ROLES)[role], dtype=pl.String),
                "reasons": reasons,
                "cluster_id": pl.Series(cluster, dtype=pl.Int64).replace(0, None),
            }
        )
        return frame.filter(pl.Series(is_account))

    def _roles(self, g: TransferGraph, matrix: np.ndarray, flagged: np.ndarray) -> np.ndarray:
        n = g.n_nodes
        amt = g.amount
        out_amount = matrix[:, _INDEX["out_amount"]]
        in_amount = matrix[:, _INDEX["in_amount"]]
        to_flag = np.bincount(g.src, amt * flagged[g.dst], minlength=n)
        from_flag = np.bincount(g.dst, amt * flagged[g.src], minlength=n)
        with np.errstate(invalid="ignore", divide="ignore"):
            to_flag_share = np.where(out_amount > 0, to_flag / out_amount, 0.0)
            from_flag_share = np.where(in_amount > 0, from_flag / in_amount, 0.0)
        cash = np.nan_to_num(matrix[:, _INDEX["cash_out_share"]]) >= CASH_OUT_MIN
        relay = np.nan_to_num(matrix[:, _INDEX["relay_share"]])
        role = np.full(n, ROLES.index("normal"))
        # a victim's payment: big enough, into a flagged account that passed money on, one of
        # at most 3 and nothing ever came back (a stranger, not a relative or a customer)
        pair = g.src.astype(np.int64) * n + g.dst
        keys, counts = np.unique(pair, return_counts=True)
        few = counts[np.searchsorted(keys, pair)] <= 3
        back = np.isin(g.dst.astype(np.int64) * n + g.src, keys)
        passes = relay >= 0.5
        paid = few & ~back & flagged[g.dst] & passes[g.dst] & ~flagged[g.src]
        usual = group_median(g.src, amt, n)[g.src]
        paid &= (amt >= VICTIM_MIN) & (amt >= VICTIM_RATIO * usual)
        role[np.unique(g.src[paid])] = ROLES.index("victim")
        organiser = flagged & (to_flag_share >= 0.5) & (from_flag_share < 0.2) & (relay < 0.5)
        role[flagged] = ROLES.index("mule")
        role[organiser] = ROLES.index("organiser")
        role[flagged & cash] = ROLES.index("cash_out")
        return role

    def _reasons(self, model: MuleModel, matrix: np.ndarray, flagged: np.ndarray) -> pl.Series:
        n = len(matrix)
        codes: list[list[str]] = [[] for _ in range(n)]
        for cue in self.rules.cues:
            for i in np.flatnonzero(cue.fires(matrix)):
                codes[i].append(cue.code)
        rows = np.flatnonzero(flagged)
        if len(rows) and self.rules.model_reasons:
            contrib = model.contributions(matrix[rows])
            top = np.argsort(-contrib, axis=1, kind="stable")[:, : self.rules.model_reasons]
            for i, row, picks in zip(rows, contrib, top, strict=True):
                codes[i].extend(f"mule.model.{FEATURES[j]}" for j in picks if row[j] > 0)
        return pl.Series(codes, dtype=pl.List(pl.String))

    def explain(self, row: Mapping[str, Any], lang: str) -> list[dict[str, str]]:
        """The reasons of one scored account in words (``row``: features + ``reasons``)."""
        params = reason_params({k: float(row[k]) for k in FEATURES if row.get(k) is not None})
        out = []
        for code in row["reasons"]:
            texts = self.rules.text(code)
            template = texts.get(lang) or texts["ru"]
            out.append({"code": code, "text": template.format_map(params)})
        return out


def _clusters(g: TransferGraph, flagged: np.ndarray) -> np.ndarray:
    """Cluster rank per node (1 = most money in from outside), 0 for unflagged nodes."""
    n = g.n_nodes
    cluster = np.zeros(n, dtype=np.int64)
    nodes = np.flatnonzero(flagged)
    if not len(nodes):
        return cluster
    local = np.full(n, -1)
    local[nodes] = np.arange(len(nodes))
    both = flagged[g.src] & flagged[g.dst]
    a, b = [local[g.src[both]]], [local[g.dst[both]]]
    known = (g.device >= 0) & flagged[g.src]
    if known.any():  # accounts that used one device: chain them in device order
        dev, who = g.device[known], local[g.src[known]]
        order = np.lexsort((who, dev))
        dev, who = dev[order], who[order]
        same = dev[1:] == dev[:-1]
        a.append(who[:-1][same])
        b.append(who[1:][same])
    rows, cols = np.concatenate(a), np.concatenate(b)
    adj = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(nodes), len(nodes)))
    _, label = connected_components(adj, directed=False)
    outside = flagged[g.dst] & ~flagged[g.src]
    money_in = np.bincount(
        label[local[g.dst[outside]]], g.amount[outside], minlength=label.max() + 1
    )
    size = np.bincount(label)
    rank_order = np.lexsort((np.arange(len(size)), -size, -money_in))
    rank = np.empty(len(size), dtype=np.int64)
    rank[rank_order] = np.arange(1, len(size) + 1)
    cluster[nodes] = rank[label]
    return cluster


def cluster_table(scored: pl.DataFrame, features: pl.DataFrame) -> pl.DataFrame:
    """One row per cluster: size, roles, money in and out, the accounts (best first)."""
    joined = scored.filter(pl.col("cluster_id").is_not_null()).join(
        features.select("account_id", "in_amount", "out_amount"), on="account_id"
    )
    return (
        joined.sort("score", descending=True)
        .group_by("cluster_id")
        .agg(
            pl.len().alias("accounts"),
            pl.col("score").max().alias("max_score"),
            pl.col("in_amount").sum(),
            pl.col("out_amount").sum(),
            *(
                (pl.col("role") == r).sum().alias(f"n_{r}")
                for r in ("mule", "organiser", "cash_out")
            ),
            pl.col("account_id").alias("members"),
        )
        .sort("cluster_id")
    )
