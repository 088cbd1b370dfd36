"""The marketplace's side of ad screening: geolocate IPs offline, ask the text and URL
detectors, look numbers up on the registry, screen, write; and chat-message warnings.

IP geolocation uses the database shipped inside the ``geoip2fast`` package (no network). The
scam-message detector reads only ads whose text mentions money, delivery, contacts or work
(``ASKS``): a plain "selling a sofa, 40,000, write on WhatsApp" cannot be a prepayment scam,
and skipping those keeps the detector, the slowest step, off most ads. Links are judged by the
URL detector whatever the text says.

A file larger than ``CHUNK_ROWS`` ads is screened in parts (``screen_parquet``), so ten
million ads fit in a few gigabytes: the price groups are worked out over the whole file from
its price columns alone; copies, which only come from one IP or device, are searched shard by
shard, each shard holding every ad of some IPs (then of some devices); and the ads are judged
and written ``CHUNK_ROWS`` at a time. The result is the same as screening the file at once.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

import numpy as np
import polars as pl
import pyarrow.parquet as pq

from saqbol.detectors.ads.columns import AD_SCHEMA
from saqbol.detectors.ads.prices import price_groups
from saqbol.detectors.ads.screen import (
    SOURCES,
    AdContext,
    AdReference,
    AdRules,
    copy_pairs,
    group_copies,
    priced,
    reference_nearby,
    screen_ads,
)
from saqbol.errors import InvalidInput

CHUNK_ROWS: Final = 500_000  # ads judged at a time
SHARD_ROWS: Final = 500_000  # ads searched for copies at a time (about 1 GiB)
PRICE_COLUMNS: Final = ("category", "title", "price", "currency", "region", "posted_at")
REQUIRED: Final = ("ad_id", "category", "title", "text", "price", "currency", "region", "city",
                   "posted_at")  # fmt: skip

ASKS = (
    r"(?i)предоплат|алдын ала|аванс|на карт|картаға|kaspi gold|каспи голд|курьер|заработ|"
    r"табыс|казпочт|сдэк|cdek|залог|депозит|бронир"
)


@lru_cache(maxsize=1)
def _geo() -> Any:
    from geoip2fast import GeoIP2Fast

    return GeoIP2Fast()


def ip_countries(ips: Sequence[str]) -> list[str | None]:
    """ISO country per IP text; None for a malformed, private or unknown address."""
    geo = _geo()
    cache: dict[str, str | None] = {}
    out = []
    for ip in ips:
        if ip not in cache:
            code = geo.lookup(ip).country_code if ip else ""
            cache[ip] = code if code and len(code) == 2 and code.isalpha() else None
        out.append(cache[ip])
    return out


def text_scam_checker() -> Callable[[Sequence[str]], list[tuple[bool, str]]]:
    from saqbol.detectors.text import default_detector
    from saqbol.detectors.text.detector import Message

    detector = default_detector()

    def check(texts: Sequence[str]) -> list[tuple[bool, str]]:
        out: list[tuple[bool, str]] = [(False, "")] * len(texts)
        asks = pl.Series(texts, dtype=pl.String).str.contains(ASKS).arg_true().to_list()
        messages = [Message(texts[i][: detector.params.max_chars] or " ") for i in asks]
        for i, verdict in zip(asks, detector.detect_batch(messages), strict=True):
            out[i] = (verdict.label == "scam", verdict.typology)
        return out

    return check


def url_checker() -> Callable[[Sequence[str]], list[str]]:
    from saqbol.detectors.urls import default_url_detector

    detector = default_url_detector()

    def check(urls: Sequence[str]) -> list[str]:
        return [v.label for v in detector.check_batch(list(urls))]

    return check


def default_context(
    registry_phones: frozenset[str] = frozenset(), registry_ips: frozenset[str] = frozenset()
) -> AdContext:
    return AdContext(
        ip_country=ip_countries,
        text_scam=text_scam_checker(),
        url_verdict=url_checker(),
        registry_phones=registry_phones,
        registry_ips=registry_ips,
    )


def read_ads(path: Path) -> pl.DataFrame:
    """Ads from Parquet (the columns of AD_SCHEMA; missing optional lists become empty)."""
    return _collect(scan_ads(path), path)


def scan_ads(path: Path) -> pl.LazyFrame:
    """The ads of a Parquet file, lazily, with the columns of AD_SCHEMA (missing optional ones
    null). Raises ``InvalidInput`` for a missing or unreadable file or a required column
    missing."""
    if not path.is_file():
        raise InvalidInput(f"no such file: {path}", field="input")
    try:
        columns = pl.read_parquet_schema(path)
    except (pl.exceptions.PolarsError, OSError) as exc:
        raise InvalidInput(f"cannot read {path.name}: {exc}", field="input") from None
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise InvalidInput(f"missing columns: {', '.join(missing)}", field="input")
    frame = pl.scan_parquet(path)
    for name, dtype in AD_SCHEMA.items():
        if name not in columns:
            frame = frame.with_columns(pl.lit(None, dtype).alias(name))
    return frame.select(list(AD_SCHEMA)).cast(AD_SCHEMA, strict=False)  # type: ignore[arg-type]


def _collect(frame: pl.LazyFrame, path: Path) -> pl.DataFrame:
    try:
        return frame.collect()
    except (pl.exceptions.PolarsError, OSError) as exc:
        raise InvalidInput(f"cannot read {path.name}: {exc}", field="input") from None


def screen_parquet(
    source: Path,
    out: Path,
    rules: AdRules,
    context: AdContext,
    reference: AdReference | None = None,
    *,
    chunk_rows: int = CHUNK_ROWS,
    shard_rows: int = SHARD_ROWS,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Screen the ads of ``source`` into ``out`` (Parquet, one row per ad, same order as
    ``screen_ads``); the number of ads per decision. ``progress(done, total)`` after each
    part."""
    ads = scan_ads(source)
    n = _collect(ads.select(pl.len()), source).item()
    if n <= chunk_rows:  # at once: the simplest path, and the fastest
        result = screen_ads(_collect(ads, source), context, rules, reference)
        result.write_parquet(out)
        return dict(Counter(result["decision"].to_list()))
    if reference is None:  # the file's own market, from its price columns alone
        market = price_groups(priced(_collect(ads.select(PRICE_COLUMNS), source), rules)[0])
    else:
        market = reference.prices
    copies = _copies(ads, n, reference, shard_rows, chunk_rows)
    decisions: Counter[str] = Counter()
    with _ParquetParts(out) as parts:
        for lo in range(0, n, chunk_rows):
            chunk = _collect(ads.slice(lo, chunk_rows), source)
            part = copies.slice(lo, chunk_rows)
            result = screen_ads(chunk, context, rules, reference, market=market, copies=part)
            parts.write(result)
            decisions.update(result["decision"].to_list())
            if progress is not None:
                progress(min(lo + chunk_rows, n), n)
    return dict(decisions)


def _copies(
    ads: pl.LazyFrame, n: int, reference: AdReference | None, shard_rows: int, chunk_rows: int
) -> pl.DataFrame:
    """``duplicate_groups`` of the file's ``n`` ads (after ``reference_nearby`` when there is a
    reference), searched one shard at a time: the rows of some IPs (then of some devices)
    whose IP (device) has another row. A copy comes from one IP or device, so no pair crosses
    two shards and the pairs are those of the whole file.

    The shards are written to a temporary directory in one pass over the file, ``chunk_rows``
    at a time, so that each is then read alone (the file is never in memory whole)."""
    columns = ["text", "contacts", "links", "photo_hashes", "city", *SOURCES]
    searched = ads.select(columns)
    if reference is not None:
        keys = ads.select("ad_id", *SOURCES).collect()
        nearby = reference_nearby(keys, reference).select(columns)
        searched = pl.concat([nearby.lazy().cast(searched.collect_schema()), searched])
        del keys
    rows = searched.with_row_index("row")
    total = rows.select(pl.len()).collect().item()
    shard_of: dict[str, np.ndarray] = {}  # column -> each row's shard (-1: no other row)
    for column in SOURCES:
        shared = (
            rows.select("row", column)
            .filter(pl.col(column).is_not_null() & (pl.len().over(column) > 1))
            .collect()
        )
        shards = max(1, -(-shared.height // shard_rows))
        shard_of[column] = np.full(total, -1, dtype=np.int32)
        shard_of[column][shared["row"].to_numpy()] = (
            shared[column].hash(seed=11) % shards
        ).to_numpy()
        del shared
    pairs = [pl.DataFrame(schema={"a": pl.Int64, "b": pl.Int64})]
    with tempfile.TemporaryDirectory(prefix="saqbol-shards-") as tmp:
        folder = Path(tmp)
        for lo in range(0, total, chunk_rows):
            part = rows.slice(lo, chunk_rows).collect()
            for column in SOURCES:
                shard = pl.Series("shard", shard_of[column][lo : lo + part.height])
                for (number,), rows_of in part.with_columns(shard).group_by("shard"):
                    if number >= 0:
                        rows_of.drop("shard").write_parquet(folder / f"{column}-{number}-{lo}.pq")
            del part
        for column in SOURCES:
            for number in range(int(shard_of[column].max(initial=-1)) + 1):
                files = sorted(  # in the file's order
                    folder.glob(f"{column}-{number}-*.pq"),
                    key=lambda file: int(file.stem.rpartition("-")[2]),
                )
                if not files:
                    continue
                part = pl.read_parquet(files)
                found = copy_pairs(part, sources=(column,))
                row = part["row"].cast(pl.Int64).to_numpy()
                pairs.append(pl.DataFrame({"a": row[found["a"]], "b": row[found["b"]]}))
                for file in files:
                    file.unlink()
    cities = rows.select("city").collect()["city"]
    return group_copies(pl.concat(pairs).unique(), cities).tail(n)


class _ParquetParts:
    """One Parquet file written a part at a time, every part cast to the first one's schema."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._writer: pq.ParquetWriter | None = None

    def __enter__(self) -> _ParquetParts:
        return self

    def write(self, frame: pl.DataFrame) -> None:
        table = frame.to_arrow()
        if self._writer is None:
            self._writer = pq.ParquetWriter(self.path, table.schema)
        self._writer.write_table(table.cast(self._writer.schema))

    def __exit__(self, *exc: object) -> None:
        if self._writer is not None:
            self._writer.close()


def render_reasons(row: dict[str, Any], rules: AdRules, lang: str) -> list[dict[str, str]]:
    """An ad's reasons in words, filled with the numbers they name."""
    place = {
        "region": {"kk": "өңірдегі", "ru": "в регионе", "en": "in the region"},
        "country": {"kk": "елдегі", "ru": "по стране", "en": "nationwide"},
    }.get(row.get("reference") or "", {"kk": "", "ru": "", "en": ""})

    def show(v: Any) -> Any:
        if v is None:
            return "?"
        return f"{v:,.0f}".replace(",", " ") if isinstance(v, float) else v

    values = {k: show(v) for k, v in row.items()}
    values |= {f"reference_{k}": v for k, v in place.items()}
    out = []
    for code in row["reasons"]:
        texts = rules.text[code]
        out.append({"code": code, "text": (texts.get(lang) or texts["ru"]).format_map(values)})
    return out


def screen_chat(
    text: str,
    url_check: Callable[[Sequence[str]], list[str]],
    warning: dict[str, str],
    lang: str,
) -> dict[str, Any]:
    """A buyer-seller message: its links judged; a warning for the recipient when one is a
    phishing or a suspicious (payment, delivery) link, as the Ministry asked of platforms."""
    from saqbol.detectors.text.extract import extract

    links = [f.value for f in extract(text) if f.type == "url"]
    labels = url_check(links) if links else []
    risky = [{"url": u, "verdict": v} for u, v in zip(links, labels, strict=True) if v != "ok"]
    warn = any(r["verdict"] in ("phishing", "suspicious") for r in risky)
    return {
        "warn": warn,
        "warning": (warning.get(lang) or warning["ru"]) if warn else None,
        "links": [{"url": u, "verdict": v} for u, v in zip(links, labels, strict=True)],
    }
