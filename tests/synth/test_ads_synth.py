"""The synthetic marketplace: column contract, reproducibility, rings, honest look-alikes, noise."""

from __future__ import annotations

import ipaddress
from datetime import UTC, date, datetime, timedelta
from itertools import combinations, pairwise
from pathlib import Path

import phonenumbers
import polars as pl
import pytest
from geoip2fast import GeoIP2Fast
from rapidfuzz import fuzz

from saqbol.detectors.ads.columns import (
    AD_SCHEMA,
    CATEGORIES,
    CATEGORY_PLATFORMS,
    CURRENCIES,
    KZT_PER_USD,
    PLATFORMS,
    SCHEMES,
    TRUTH_SCHEMA,
)
from saqbol.synth.ads import AdsSummary, generate_ads
from saqbol.synth.ads.network import FOREIGN_NETS, HOSTING_NETS, KZ_HOME_NETS, KZ_MOBILE_NETS
from saqbol.vocab import REGIONS

START = date(2026, 1, 1)
PERIOD_START = datetime(2025, 12, 31, 19, tzinfo=UTC)  # local (UTC+5) midnight of START
ADS = 20_000
IPV4 = r"^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$"
KZ_PHONE = r"^\+77\d{9}$"
HOMOGLYPHS = str.maketrans("aeopcxyABEKMHOPCT", "аеорсхуАВЕКМНОРСТ")


def _run(path: Path, seed: int, **kw) -> AdsSummary:
    return generate_ads(seed=seed, ads=ADS, out_dir=path, start=START, **kw)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[AdsSummary, pl.DataFrame, list]:
    calls: list[tuple[int, int]] = []
    summary = _run(
        tmp_path_factory.mktemp("ads"), seed=7, progress=lambda d, n: calls.append((d, n))
    )
    ads = pl.read_parquet(summary.paths["ads"])
    truth = pl.read_parquet(summary.paths["truth"])
    return summary, ads.join(truth, on="ad_id", maintain_order="left"), calls


@pytest.fixture(scope="module")
def geo() -> GeoIP2Fast:
    return GeoIP2Fast()


def _valid_phone(text: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(text, "KZ"))
    except phonenumbers.NumberParseException:
        return False


def _medians(df: pl.DataFrame) -> pl.DataFrame:
    """Honest median KZT price per category and region, over sane rows only."""
    kzt = pl.when(pl.col("currency") == "USD").then(pl.col("price") * KZT_PER_USD)
    kzt = kzt.otherwise(pl.col("price"))
    return (
        df.filter(
            ~pl.col("is_fraud")
            & pl.col("currency").is_in(CURRENCIES)
            & pl.col("price").is_between(1, 1e10)
        )
        .with_columns(kzt=kzt)
        .group_by("category", "region")
        .agg(median=pl.col("kzt").median(), n=pl.len())
    )


def test_columns_match_the_contract(run: tuple[AdsSummary, pl.DataFrame, list]) -> None:
    summary, df, _ = run
    assert pl.read_parquet(summary.paths["ads"]).schema == pl.Schema(AD_SCHEMA)
    assert pl.read_parquet(summary.paths["truth"]).schema == pl.Schema(TRUTH_SCHEMA)
    assert set(df["platform"]) == set(PLATFORMS)
    assert set(df["category"]) == set(CATEGORIES)
    pairs = df.select("category", "platform").unique().iter_rows()
    assert all(p in CATEGORY_PLATFORMS[c] for c, p in pairs)
    assert df["device_id"].str.contains(r"^(and|ios|web)-[0-9a-f]{16}$").all()
    assert df["seller_id"].str.contains(r"^(kolesa|krisha|olx|kaspi|market)-\d{9}$").all()
    assert df["signin_phone"].str.starts_with("+").all()


def test_same_seed_same_bytes_other_seed_other_data(
    run: tuple[AdsSummary, pl.DataFrame, list], tmp_path: Path
) -> None:
    first, df, _ = run
    again = _run(tmp_path / "again", seed=7)
    for name in ("ads", "truth"):
        assert again.paths[name].read_bytes() == first.paths[name].read_bytes(), name
    other = _run(tmp_path / "other", seed=8)
    assert not pl.read_parquet(other.paths["ads"])["text"].equals(df["text"])


def test_ids_order_truth_and_counts(run: tuple[AdsSummary, pl.DataFrame, list]) -> None:
    summary, df, calls = run
    truth = pl.read_parquet(summary.paths["truth"])
    assert df["ad_id"].is_unique().all()
    assert pl.read_parquet(summary.paths["ads"])["ad_id"].equals(truth["ad_id"])
    assert df["posted_at"].is_sorted()
    assert df["posted_at"].min() >= PERIOD_START
    assert df["posted_at"].max() < PERIOD_START + timedelta(days=30)
    assert summary.ads == df.height == ADS
    assert calls[-1] == (ADS, ADS)
    assert summary.fraud_ads == df["is_fraud"].sum()
    assert 0.02 <= summary.fraud_ads / ADS <= 0.04
    assert summary.rings == df["ring_id"].n_unique() - 1  # null counts once
    counts = dict(df.filter(pl.col("is_fraud")).group_by("scheme").len().iter_rows())
    assert counts == {k: v for k, v in summary.schemes.items() if v}
    assert set(counts) == set(SCHEMES)
    assert (df["is_fraud"] == df["ring_id"].is_not_null()).all()
    assert (df["is_fraud"] == (df["scheme"] != "none")).all()


def test_every_ring_spans_cities_and_shares_infrastructure_and_content(
    run: tuple[AdsSummary, pl.DataFrame, list],
) -> None:
    _, df, _ = run
    for (rid,), ring in df.filter(pl.col("is_fraud")).group_by("ring_id"):
        assert ring["city"].n_unique() >= 2 or ring["region"].n_unique() >= 2, rid
        assert ring["region"].n_unique() >= 2, rid
        rows = ring.to_dicts()
        shared = dup = False
        for a, b in combinations(rows, 2):
            if a["city"] == b["city"]:
                continue
            keys = ("post_ip", "signin_ip", "device_id")
            shared |= any(a[k] == b[k] for k in keys)
            text_a, text_b = a["text"].translate(HOMOGLYPHS), b["text"].translate(HOMOGLYPHS)
            near = fuzz.ratio(text_a, text_b) >= 80
            photo = any(
                bin(x ^ y).count("1") <= 4 for x in a["photo_hashes"] for y in b["photo_hashes"]
            )
            dup |= near or photo
            if shared and dup:
                break
        assert shared and dup, rid


def test_fraud_prices_sit_below_the_local_market(
    run: tuple[AdsSummary, pl.DataFrame, list],
) -> None:
    _, df, _ = run
    fraud = (
        df.filter(pl.col("is_fraud") & pl.col("price").is_between(1, 1e10))
        .join(_medians(df), on=["category", "region"])
        .with_columns(ratio=pl.col("price") / pl.col("median"))
    )
    jobs = fraud.filter(pl.col("scheme") == "fake_job")
    goods = fraud.filter(pl.col("scheme") != "fake_job")
    assert (goods["ratio"] < 1).mean() >= 0.75
    assert goods["ratio"].median() <= 0.75
    assert (jobs["ratio"] > 1.5).mean() >= 0.9  # mule recruitment pays too well


def test_honest_bargains_reposts_agencies_and_whatsapp(
    run: tuple[AdsSummary, pl.DataFrame, list],
) -> None:
    _, df, _ = run
    honest = df.filter(~pl.col("is_fraud"))
    cheap = (
        honest.filter(pl.col("currency") == "KZT", pl.col("price") > 0)
        .join(_medians(df).filter(pl.col("n") >= 20), on=["category", "region"])
        .filter(pl.col("price").is_between(0.4 * pl.col("median"), 0.7 * pl.col("median")))
    )
    assert cheap.height >= 0.02 * honest.height
    reposts = (
        honest.group_by("seller_id", "text", "city")
        .agg(n=pl.len(), span=pl.col("posted_at").max() - pl.col("posted_at").min())
        .filter(pl.col("n") >= 2, pl.col("span") >= timedelta(days=2))
    )
    assert reposts.height >= 0.02 * honest.height
    busy = honest.group_by("seller_id").agg(n=pl.len(), cities=pl.col("city").n_unique())
    assert busy.filter(pl.col("n") >= 20, pl.col("cities") == 1).height >= 5
    whatsapp = honest["text"].str.contains("(?i)whatsapp|ватсап").mean()
    assert 0.1 <= whatsapp <= 0.4
    assert honest["text"].str.contains("(?i)предоплат|алдын ала төлем").sum() >= 10
    assert honest["text"].str.contains("Казпочт|Қазпошта").sum() >= 10


def test_photos_reupload_within_four_bits(run: tuple[AdsSummary, pl.DataFrame, list]) -> None:
    _, df, _ = run
    honest = df.filter(~pl.col("is_fraud"))
    pairs = (
        honest.filter(pl.col("photo_hashes").list.len() > 0)
        .group_by("seller_id", "text", "city")
        .agg(pl.col("photo_hashes").first().alias("a"), pl.col("photo_hashes").last().alias("b"))
        .filter(pl.col("a") != pl.col("b"))
        .head(200)
    )
    assert pairs.height >= 50
    for a, b in pairs.select("a", "b").iter_rows():
        assert len(a) == len(b)
        assert all(bin(x ^ y).count("1") <= 4 for x, y in zip(a, b, strict=True))
    first = [h[0] for h in honest["photo_hashes"].head(2000).to_list() if h]
    far = [bin(x ^ y).count("1") for x, y in pairwise(first)]
    assert sum(d <= 4 for d in far) <= 0.05 * len(far)  # stock photos recur, others do not


@pytest.mark.parametrize(
    ("country", "nets"),
    [("KZ", KZ_HOME_NETS + KZ_MOBILE_NETS), *FOREIGN_NETS.items(), *HOSTING_NETS.items()],
)
def test_every_address_block_geolocates_to_its_country(
    geo: GeoIP2Fast, country: str, nets: tuple[str, ...]
) -> None:
    for cidr in nets:
        block = ipaddress.ip_network(cidr)
        at, end = int(block.network_address), int(block.broadcast_address)
        while at <= end:  # walk the database's own ranges across the block
            found = geo.lookup(str(ipaddress.ip_address(at)))
            assert found.country_code == country, (cidr, str(ipaddress.ip_address(at)))
            at = int(ipaddress.ip_network(found.cidr).broadcast_address) + 1


def test_honest_sellers_connect_from_kazakhstan_rings_often_not(
    run: tuple[AdsSummary, pl.DataFrame, list], geo: GeoIP2Fast
) -> None:
    _, df, _ = run
    ok = df.filter(pl.col("post_ip").str.contains(IPV4), pl.col("signin_ip").str.contains(IPV4))
    ok = ok.with_columns(
        post_cc=pl.col("post_ip").map_elements(lambda ip: geo.lookup(ip).country_code, pl.String),
        signin_cc=pl.col("signin_ip").map_elements(
            lambda ip: geo.lookup(ip).country_code, pl.String
        ),
    )
    honest = ok.filter(~pl.col("is_fraud"))
    abroad = honest.filter(pl.col("post_cc") != "KZ")
    assert 0 < abroad.height <= 0.01 * honest.height  # travellers and students
    students = honest.filter(~pl.col("signin_phone").str.contains(KZ_PHONE))
    assert 0 < students["seller_id"].n_unique() <= 0.01 * honest["seller_id"].n_unique()
    rings = (
        ok.filter(pl.col("is_fraud"))
        .group_by("ring_id")
        .agg(
            kz_ip=((pl.col("post_cc") == "KZ") & (pl.col("signin_cc") == "KZ")).all(),
            kz_phone=pl.col("signin_phone").str.contains(KZ_PHONE).all(),
            foreign_ip=(pl.col("signin_cc") != "KZ").any(),
        )
    )
    assert rings.filter(pl.col("kz_ip") & pl.col("kz_phone")).height >= 2  # drop SIMs at home
    assert rings.filter(pl.col("foreign_ip")).height >= 0.4 * rings.height
    assert rings.filter(~pl.col("kz_phone")).height >= 0.3 * rings.height
    fraud_phones = set(df.filter(pl.col("is_fraud"))["signin_phone"])
    assert not fraud_phones & set(honest["signin_phone"])  # drop SIMs are nobody else's


def test_bad_input_rows_are_few_and_keep_their_labels(
    run: tuple[AdsSummary, pl.DataFrame, list],
) -> None:
    summary, df, _ = run
    kinds = {
        "price_zero": pl.col("price") == 0,
        "price_negative": pl.col("price") < 0,
        "price_huge": pl.col("price") >= 1e15,
        "price_null": pl.col("price").is_null() & ~pl.col("category").is_in(["job", "service"]),
        "currency": ~pl.col("currency").is_in(CURRENCIES),
        "region": ~pl.col("region").is_in(list(REGIONS)),
        "phone": ~pl.col("seller_phone").map_elements(_valid_phone, pl.Boolean),
        "ip": ~pl.col("post_ip").str.contains(IPV4) | ~pl.col("signin_ip").str.contains(IPV4),
    }
    for name, rows in kinds.items():
        bad = df.filter(rows)
        assert 3 <= bad.height <= 0.006 * ADS, name
        assert (bad["is_fraud"] == bad["ring_id"].is_not_null()).all(), name
    assert summary.spoiled_rows <= 0.01 * ADS
    assert df.filter(pl.any_horizontal(*kinds.values()))["is_fraud"].mean() < 0.1


def test_texts_languages_links_and_contacts(run: tuple[AdsSummary, pl.DataFrame, list]) -> None:
    _, df, _ = run
    kazakh = df["text"].str.contains("[әғқңөұүһі]").mean()
    latin_kk = df["text"].str.contains("[áǵńóúýğñöşūü]|\\b(satylady|bagasy|baǵasy)\\b").mean()
    assert 0.08 <= kazakh <= 0.35
    assert latin_kk >= 0.01
    assert df["text"].str.contains("(?i)цена|тг").mean() >= 0.5
    for text, links, contacts in df.select("text", "links", "contacts").iter_rows():
        assert all(x in text for x in links + contacts)
    urls = df.explode("links").drop_nulls("links")
    honest_urls = urls.filter(~pl.col("is_fraud"))["links"]
    official = r"^(https://)?(wa\.me|api\.whatsapp\.com|kaspi\.kz|instagram\.com)/"
    assert honest_urls.str.contains(official).all()
    phishing = urls.filter(pl.col("scheme") == "phishing_delivery_link")["links"]
    phishing = phishing.filter(~phishing.str.contains(official))
    assert phishing.len() > 0
    assert phishing.str.contains("(olx|kaspi|krisha|kolesa|market)").all()
    assert not phishing.str.contains(r"^(https://)?(www\.)?(olx|kaspi|krisha|kolesa)\.kz/").any()
    fraud = df.filter(pl.col("is_fraud"))
    assert fraud["text"].str.contains("(?i)предоплат|алдын ала|aldyn ala|на карту").mean() > 0.3
    jobs = fraud.filter(pl.col("scheme") == "fake_job")["text"]
    jobs = jobs.map_elements(lambda s: s.translate(HOMOGLYPHS), pl.String)
    assert jobs.str.contains("(?i)в день|күніне|k[úüu]nine").all()  # daily pay, always


def test_too_few_ads_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        generate_ads(seed=1, ads=10, out_dir=tmp_path)
