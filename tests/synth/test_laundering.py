"""Laundering typologies and account-level truth: reproducible, consistent with the transfers,
and invisible to the ordinary traffic."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from saqbol.synth.payments import GenerationSummary, generate_payments
from saqbol.synth.payments.laundering import ACCOUNT_ROLES, ACCOUNT_TYPOLOGIES, HARD_NEGATIVES
from saqbol.synth.payments.tables import FOREIGN_NETS, LAUNDERING_TYPOLOGIES

CUSTOMERS, DAYS = 5000, 30  # the smallest bank where every typology fits under 2% of accounts
LAUNDERERS = ("organiser", "mule", "cash_out")
Run = tuple[GenerationSummary, dict[str, pl.DataFrame]]


def _run(path: Path, seed: int, mules: bool) -> Run:
    summary = generate_payments(
        seed=seed, customers=CUSTOMERS, days=DAYS, out_dir=path, start=date(2026, 1, 1),
        mules=mules,
    )  # fmt: skip
    frames = {
        name: pl.read_parquet(summary.paths[name])
        for name in ("payments", "truth", "accounts", "accounts_truth")
    }
    return summary, frames


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Run:
    return _run(tmp_path_factory.mktemp("mules"), seed=7, mules=True)


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Run:
    return _run(tmp_path_factory.mktemp("plain"), seed=7, mules=False)


@pytest.fixture(scope="module")
def laundering(bank: Run) -> pl.DataFrame:
    """The laundering transfers, with the payer's and the payee's truth."""
    _, f = bank
    pay = pl.concat([f["payments"], f["truth"].drop("event_id")], how="horizontal")
    truth = f["accounts_truth"].select("account_id", "role", "typology", "group_id")
    return (
        pay.filter(pl.col("scenario").is_in(LAUNDERING_TYPOLOGIES))
        .join(truth.rename(lambda c: f"payer_{c}"), left_on="payer_account",
              right_on="payer_account_id", how="left")
        .join(truth.rename(lambda c: f"payee_{c}"), left_on="payee_account",
              right_on="payee_account_id", how="left")
        .with_columns(
            out=(pl.col("payee_type") == "crypto") | (pl.col("payee_country") != "KZ")
        )
    )  # fmt: skip


def test_same_seed_same_bytes_other_seed_other_data(bank: Run, tmp_path: Path) -> None:
    first, frames = bank
    again, _ = _run(tmp_path / "again", seed=7, mules=True)
    for name in ("payments", "truth", "accounts_truth", "accounts"):
        assert again.paths[name].read_bytes() == first.paths[name].read_bytes(), name
    _, other = _run(tmp_path / "other", seed=8, mules=True)
    assert not other["accounts_truth"].equals(frames["accounts_truth"])
    assert not other["payments"].equals(frames["payments"])


def test_ordinary_traffic_is_unchanged(bank: Run, plain: Run) -> None:
    """Every payment of the plain bank is still there, in the same order, on every column but
    event_id; what was added is laundering or touches a hard negative or a fresh account."""
    (_, f), (_, p) = bank, plain
    cols = [c for c in p["payments"].columns if c != "event_id"]
    flagged = (
        f["accounts_truth"]
        .filter((pl.col("hard_negative") != "none") | pl.col("fresh"))["account_id"]
        .implode()
    )
    touches = pl.col("payer_account").is_in(flagged) | pl.col("payee_account").is_in(flagged)
    kept = (
        pl.concat([f["payments"], f["truth"].drop("event_id")], how="horizontal")
        .filter(~pl.col("scenario").is_in(LAUNDERING_TYPOLOGIES))
        .select(cols)
    )
    assert kept.filter(~touches.fill_null(False)).equals(
        p["payments"].select(cols).filter(~touches.fill_null(False))
    )
    # the plain payments are a sub-multiset of what is left: nothing changed, only added
    counts = [
        pl.DataFrame({"h": frame.hash_rows(seed=1)}).group_by("h").len(name)
        for frame, name in ((kept, "new"), (p["payments"].select(cols), "old"))
    ]
    both = counts[1].join(counts[0], on="h", how="left").fill_null(0)
    assert (both["new"] >= both["old"]).all()
    assert kept.height > p["payments"].height
    # loans, reports and the drawn accounts do not depend on the laundering either
    assert f["accounts"].head(p["accounts"].height).equals(p["accounts"])
    for name in ("loans", "reports"):
        assert bank[0].paths[name].read_bytes() == plain[0].paths[name].read_bytes(), name


def test_every_typology_is_present_and_counted(bank: Run, laundering: pl.DataFrame) -> None:
    summary, f = bank
    acc = f["accounts_truth"]
    for typology in LAUNDERING_TYPOLOGIES:
        rows = laundering.filter(pl.col("scenario") == typology)
        assert rows.height >= 10, typology
        assert summary.scenarios[typology] == rows.height
        roles = set(acc.filter(pl.col("typology") == typology)["role"])
        assert "organiser" in roles, typology
        assert roles <= set(LAUNDERERS), typology
    counts = dict(
        acc.filter(pl.col("role").is_in(LAUNDERERS)).group_by("typology").len().iter_rows()
    )
    assert dict(summary.typologies) == {t: counts.get(t, 0) for t in ACCOUNT_TYPOLOGIES[1:]}
    assert laundering["is_fraud"].all() and set(laundering["role"]) == {"mule"}


def test_roles_match_the_transfers(bank: Run, laundering: pl.DataFrame) -> None:
    """Organisers send to members; mules receive and send; cash-outs receive from members and
    send money out of the banks; every laundering payer and domestic payee is a member."""
    _, f = bank
    acc = f["accounts_truth"].filter(pl.col("typology").is_in(LAUNDERING_TYPOLOGIES))
    assert laundering["payer_role"].is_in(LAUNDERERS).all()
    domestic = laundering.filter(~pl.col("out"))
    assert domestic["payee_account"].null_count() == 0
    assert domestic["payee_role"].is_in(LAUNDERERS).all()
    assert (domestic["payer_group_id"] == domestic["payee_group_id"]).all()
    sent = laundering.group_by("payer_account").agg(
        pl.len().alias("sent"), pl.col("out").sum().alias("sent_out"),
        (~pl.col("out")).sum().alias("sent_in")
    )  # fmt: skip
    got = domestic.group_by("payee_account").agg(pl.len().alias("got"))
    per = (
        acc.join(sent, left_on="account_id", right_on="payer_account", how="left")
        .join(got, left_on="account_id", right_on="payee_account", how="left")
        .fill_null(0)
    )
    organisers = per.filter(pl.col("role") == "organiser")
    assert (organisers["sent_in"] > 0).all()
    mules = per.filter(pl.col("role") == "mule")
    assert ((mules["got"] > 0) & (mules["sent_in"] > 0)).all()
    cash = per.filter(pl.col("role") == "cash_out")
    assert ((cash["got"] > 0) & (cash["sent_out"] > 0)).all()
    # money leaves the banks only through cash-outs
    assert set(laundering.filter(pl.col("out"))["payer_role"]) == {"cash_out"}


def test_intermediaries_keep_little_and_pay_after_receiving(laundering: pl.DataFrame) -> None:
    moves = pl.concat(
        [
            laundering.filter(pl.col("payer_role") == "mule").select(
                pl.col("payer_account").alias("account"), "time", (-pl.col("amount")).alias("d")
            ),
            laundering.filter(pl.col("payee_role") == "mule").select(
                pl.col("payee_account").alias("account"), "time", pl.col("amount").alias("d")
            ),
        ]
    ).sort("account", "time", "d", descending=[False, False, True])
    per = moves.group_by("account").agg(
        pl.col("d").filter(pl.col("d") > 0).sum().alias("inflow"),
        (-pl.col("d").filter(pl.col("d") < 0)).sum().alias("outflow"),
        pl.col("time").filter(pl.col("d") > 0).min().alias("first_in"),
        pl.col("time").filter(pl.col("d") < 0).min().alias("first_out"),
        pl.col("d").cum_sum().min().alias("lowest"),
    )
    assert per.height >= 10
    kept = 1 - per["outflow"] / per["inflow"]
    assert (kept >= 0).all() and (kept <= 0.15).all(), kept.describe()
    assert kept.std() > 0.01  # not one fixed fee
    assert (per["first_out"] > per["first_in"]).all()
    assert (per["lowest"] >= 0).all()  # never passes on money it has not received yet
    hops = laundering.filter(pl.col("payer_role") != "organiser").sort("time")
    gaps = (
        hops.group_by("payer_account")
        .agg(pl.col("time").min())
        .join(
            laundering.group_by("payee_account").agg(pl.col("time").min().alias("in")),
            left_on="payer_account", right_on="payee_account",
        )
        .select((pl.col("time") - pl.col("in")).dt.total_minutes())
        .to_series()
    )  # fmt: skip
    assert gaps.min() >= 2 and gaps.max() > 24 * 60  # minutes to days


def test_laundering_looks_varied(bank: Run, laundering: pl.DataFrame) -> None:
    _, f = bank
    domestic = laundering.filter(~pl.col("out"))
    assert set(domestic["payee_type"]) == {"card", "phone", "iban"}
    assert laundering["amount"].n_unique() > 0.9 * laundering.height
    foreign = laundering["ip"].str.starts_with("185.220.")
    for net in FOREIGN_NETS[1:]:
        foreign |= laundering["ip"].str.starts_with(f"{net}.")
    assert 0 < foreign.mean() < 0.5
    shared = laundering.group_by("device_id").agg(pl.col("payer_account").n_unique())
    assert (shared["payer_account"] > 1).any()  # an organiser's phone used by its members
    out = laundering.filter(pl.col("out"))
    assert {"crypto"} < set(out["payee_type"])
    # recruited members keep their ordinary life going
    pay = pl.concat([f["payments"], f["truth"].drop("event_id")], how="horizontal")
    recruited = f["accounts_truth"].filter(
        pl.col("typology").is_in(LAUNDERING_TYPOLOGIES) & ~pl.col("fresh")
    )
    fresh = f["accounts_truth"].filter(pl.col("typology").is_in(LAUNDERING_TYPOLOGIES)
                                       & pl.col("fresh"))  # fmt: skip
    assert recruited.height and fresh.height
    ordinary = pay.filter(pl.col("scenario") == "none", pl.col("payer_account").is_in(
        recruited["account_id"].implode()))  # fmt: skip
    assert ordinary["payer_account"].n_unique() == recruited.height


def test_accounts_truth_covers_every_account(bank: Run) -> None:
    summary, f = bank
    acc, pay = f["accounts_truth"], f["payments"]
    assert acc.columns[:4] == ["account_id", "role", "typology", "group_id"]
    assert acc.schema["group_id"] == pl.Int64
    assert acc["account_id"].n_unique() == acc.height
    assert acc["account_id"].equals(f["accounts"]["account"].rename("account_id"))
    ibans = pl.concat([pay["payer_account"], pay["payee_account"].drop_nulls()]).unique()
    assert ibans.is_in(acc["account_id"].implode()).all()
    assert set(acc["role"]) <= set(ACCOUNT_ROLES)
    assert set(acc["typology"]) == set(ACCOUNT_TYPOLOGIES)
    assert set(acc["hard_negative"]) == set(HARD_NEGATIVES)
    normal = acc.filter(pl.col("role") == "normal")
    assert set(normal["typology"]) == {"none"} and set(normal["group_id"]) == {-1}
    others = acc.filter(pl.col("role") != "normal")
    assert (others["group_id"] >= 0).all() and (others["typology"] != "none").all()
    share = acc["role"].is_in(LAUNDERERS).mean()
    assert 0.003 < share < 0.02, share
    # the existing drop chains: tier-1 mules pass on, tier-2 mules cash out, victims paid them
    drop = acc.filter(pl.col("typology") == "drop_chain")
    assert set(drop["role"]) == {"victim", "mule", "cash_out"}
    kinds = (
        f["accounts"].select("account", "kind").join(drop, left_on="account", right_on="account_id")
    )
    assert (kinds.filter(pl.col("role") != "victim")["kind"] == "mule").all()
    assert summary.typologies["drop_chain"] == summary.mules


def test_mules_false_has_only_drop_chains(plain: Run) -> None:
    summary, f = plain
    acc = f["accounts_truth"]
    assert acc["account_id"].equals(f["accounts"]["account"].rename("account_id"))
    assert set(acc["typology"]) == {"none", "drop_chain"}
    assert set(acc["hard_negative"]) == {"none"}
    assert not set(summary.scenarios) & set(LAUNDERING_TYPOLOGIES)
    assert sum(summary.typologies.values()) == summary.typologies["drop_chain"] > 0


def test_hard_negatives_exist_and_are_normal(bank: Run) -> None:
    _, f = bank
    acc, accounts = f["accounts_truth"], f["accounts"]
    hard = acc.filter(pl.col("hard_negative") != "none")
    assert set(hard["hard_negative"]) == set(HARD_NEGATIVES) - {"none"}
    assert set(hard["role"]) == {"normal"} and set(hard["typology"]) == {"none"}
    launderers = acc.filter(pl.col("role").is_in(LAUNDERERS)).height
    assert 0.3 * launderers < hard.height < 3 * launderers
    pay = pl.concat([f["payments"], f["truth"].drop("event_id")], how="horizontal")
    assert not pay.filter(pl.col("is_fraud"))["payer_account"].is_in(
        hard["account_id"].implode()).any()  # fmt: skip

    def of(kind: str) -> pl.Series:
        return hard.filter(pl.col("hard_negative") == kind)["account_id"]

    traders = pay.filter(pl.col("payee_account").is_in(of("small_trader").implode()))
    senders = traders.group_by("payee_account").agg(pl.col("payer_account").n_unique())
    assert senders["payer_account"].median() >= 15
    collected = pay.filter(pl.col("payee_account").is_in(of("group_collection").implode()))
    assert collected.group_by("payee_account").agg(
        pl.col("payer_account").n_unique())["payer_account"].min() >= 10  # fmt: skip
    # own accounts: two accounts of one person (same IIN) at two banks
    own = accounts.filter(pl.col("account").is_in(of("own_accounts").implode()))
    per_iin = own.group_by("iin").agg(pl.col("bank").n_unique(), pl.len())
    assert (per_iin["len"] == 2).all() and (per_iin["bank"] == 2).all()
