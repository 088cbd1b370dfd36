"""Near-identical ads: the same text with small edits, or the same photos re-uploaded.

Texts: MinHash over word 3-shingles (digits masked, so "3 комн." and "2 комн." or two prices
do not hide a copy), ``N_HASHES`` hashes cut into ``BANDS`` bands; ads sharing a band's values
are candidates, kept when the estimated Jaccard similarity is at least ``TEXT_SIMILARITY``.
Photos: 64-bit perceptual hashes within ``PHOTO_BITS`` bits; by the pigeonhole principle two
such hashes agree exactly on at least one of ``PHOTO_BITS + 1`` blocks, so blocks find the
candidates and popcount checks them.

Contacts: the phone numbers (last 10 digits) and Telegram handles an ad gives, from its
``contacts`` and its messenger links, so two re-worded ads that send buyers to one number are
recognisably the same seller.

Vectorised numpy and Polars group-bys instead of a per-ad index (datasketch's LSH answers one
query at a time in Python: minutes for a million ads; this is one pass).
"""

from __future__ import annotations

from typing import Final

import numpy as np
import polars as pl

N_HASHES: Final = 48
BANDS: Final = 12  # 4 rows per band: pairs at Jaccard 0.7 meet in a band with p > 0.99
TEXT_SIMILARITY: Final = 0.5
PHOTO_BITS: Final = 4
# Latin letters that pass for Cyrillic ones ("Дoхoд", "дeнь"): folded before shingling, so
# a copy with swapped letters is still a copy (Latin words fold too, equally in every text).
LATIN_LOOKALIKES: Final = list("aeopcyxkmt")
CYRILLIC: Final = list("аеорсухкмт")
# Links that carry a contact (wa.me/77011234567, t.me/handle); others are not contacts.
MESSENGER_LINK: Final = r"(?i)^(https?://)?(www\.)?(wa\.me|api\.whatsapp\.com|t\.me|telegram\.me)/"
STEP_KEYS: Final = 2_000_000  # bucket keys per step of the pair search (memory)
MAX_BUCKET: Final = 200  # a bucket this big is boilerplate ("Торг уместен"), not a copy
_MERSENNE: Final = np.uint64((1 << 61) - 1)


def shingle_hashes(texts: pl.Series) -> pl.DataFrame:
    """(row, shingle hash) for every word 3-shingle of every text, digits masked, all in
    Polars (stable hashes: the same text gives the same shingles in every run)."""
    words = (
        pl.DataFrame({"text": texts.fill_null("")})
        .with_row_index("row")
        .select(
            "row",
            pl.col("text")
            .str.to_lowercase()
            .str.replace_many(LATIN_LOOKALIKES, CYRILLIC)
            .str.replace_all(r"\d+", "0")
            .str.extract_all(r"\w+")
            .alias("w"),
        )
        .explode("w")
        .drop_nulls("w")
        .with_columns(pl.col("w").hash(seed=17).alias("h"))
    )
    nxt = pl.col("h").shift(-1).over("row")
    nxt2 = pl.col("h").shift(-2).over("row")
    grams = words.select(
        "row",
        (
            pl.col("h") * 0x9E3779B1
            + nxt.fill_null(0) * 0x85EBCA77
            + nxt2.fill_null(0) * 0xC2B2AE3D
        ).alias("s"),
        nxt2.is_not_null().alias("full"),
        pl.int_range(pl.len()).over("row").alias("pos"),
    )
    # texts of fewer than 3 words keep their first (partial) shingle
    return grams.filter(pl.col("full") | (pl.col("pos") == 0)).select("row", "s")


def minhash(texts: pl.Series, seed: int = 7, chunk: int = 100_000) -> np.ndarray:
    """(n, N_HASHES) uint64 signatures; an empty text keeps the all-max signature. Texts are
    shingled ``chunk`` at a time: a million texts' words at once took gigabytes."""
    rng = np.random.default_rng(seed)
    a = rng.integers(1, (1 << 61) - 1, N_HASHES, dtype=np.uint64)
    b = rng.integers(0, (1 << 61) - 1, N_HASHES, dtype=np.uint64)
    sig = np.full((len(texts), N_HASHES), np.iinfo(np.uint64).max, dtype=np.uint64)
    for lo in range(0, len(texts), chunk):
        _sign(shingle_hashes(texts.slice(lo, chunk)), a, b, sig[lo : lo + chunk])
    return sig


def _sign(shingles: pl.DataFrame, a: np.ndarray, b: np.ndarray, sig: np.ndarray) -> None:
    """Fill ``sig`` (one chunk's rows) with each hash's minimum over each row's shingles."""
    flat = shingles["s"].to_numpy().astype(np.uint64)
    owner = shingles["row"].to_numpy().astype(np.int64)
    if not len(flat):
        return
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])  # rows are contiguous
    step = 1 << 18
    lo = 0
    while lo < len(starts):
        hi = int(np.searchsorted(starts, starts[lo] + step, side="left"))
        hi = max(hi, lo + 1)
        first, last = starts[lo], starts[hi] if hi < len(starts) else len(flat)
        x = flat[first:last, None]
        h = (x * a[None, :] + b[None, :]) % _MERSENNE  # wraps mod 2^64 first: still a hash
        sig[owner[starts[lo:hi]]] = np.minimum.reduceat(h, starts[lo:hi] - first, axis=0)
        lo = hi


def contact_keys(contacts: pl.Series, links: pl.Series) -> pl.DataFrame:
    """(row, key) for every phone or Telegram handle an ad gives: ``p:`` and the number's last
    10 digits (so "8 701 ...", "+7701..." and "wa.me/7701..." agree), ``t:`` and the handle.
    Other links are not contacts (a tracking number in a delivery link is not a phone)."""
    messenger = links.fill_null([]).list.eval(
        pl.element().filter(pl.element().str.contains(MESSENGER_LINK))
    )
    values = (
        pl.DataFrame({"c": contacts.fill_null([]).list.concat(messenger)})
        .with_row_index("row")
        .explode("c")
        .drop_nulls("c")
        .with_columns(pl.col("c").str.to_lowercase())
    )
    handle = pl.col("c").str.extract(r"(?:^@|t\.me/|telegram\.me/)([a-z0-9_]{4,32})", 1)
    digits = pl.col("c").str.replace_all(r"\D", "")
    key = (
        pl.when(handle.is_not_null())
        .then(pl.lit("t:") + handle)
        .when(digits.str.len_chars() >= 10)
        .then(pl.lit("p:") + digits.str.slice(-10))
    )
    return values.select("row", key.alias("key")).drop_nulls("key").unique()


def _pairs_from_buckets(keys: pl.DataFrame) -> pl.DataFrame:
    """Rows (i, key...) -> distinct pairs (a < b) of rows sharing a key, buckets <= MAX_BUCKET."""
    cols = [c for c in keys.columns if c != "i"]
    groups = (
        keys.group_by(cols)
        .agg(pl.col("i"))
        .filter((pl.col("i").list.len() > 1) & (pl.col("i").list.len() <= MAX_BUCKET))
        .select("i")
    )
    pairs = (
        groups.with_columns(pl.col("i").alias("j"))
        .explode("i")
        .explode("j")
        .filter(pl.col("i") < pl.col("j"))
        .unique()
    )
    return pairs.rename({"i": "a", "j": "b"})


def _shared(source: np.ndarray | None, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(rows, their source codes) of the rows whose source is known and has another row: the
    only rows that can be in a pair."""
    src = np.zeros(n, dtype=np.int64) if source is None else source.astype(np.int64)
    _, inverse, counts = np.unique(src, return_inverse=True, return_counts=True)
    rows = np.flatnonzero((src >= 0) & (counts[inverse] > 1))
    return rows, src[rows]


def _steps(parts: int, rows: int) -> list[range]:
    """The bands (or photo blocks) to bucket together: all at once for a small batch (fewer
    Polars calls), a few at a time for a large one (all at once took gigabytes)."""
    per_step = max(1, STEP_KEYS // max(rows, 1))
    return [range(k, min(k + per_step, parts)) for k in range(0, parts if rows else 0, per_step)]


def text_pairs(sig: np.ndarray, source: np.ndarray | None = None) -> pl.DataFrame:
    """Pairs (a, b, similarity) of rows whose texts are near-identical; with ``source`` (an
    int code per row, -1 unknown), only pairs of rows from the same source."""
    rows, src = _shared(source, len(sig))
    width = N_HASHES // BANDS
    found = [pl.DataFrame(schema={"a": pl.Int64, "b": pl.Int64, "similarity": pl.Float64})]
    for bands in _steps(BANDS, len(rows)):
        keys = []
        for band in bands:
            block = sig[rows, band * width : (band + 1) * width]
            key = np.bitwise_xor.reduce(
                block * np.uint64(0x9E3779B97F4A7C15) >> np.arange(width, dtype=np.uint64), axis=1
            )
            keys.append(pl.DataFrame({"i": rows, "src": src, "band": band, "key": key}))
        candidates = _pairs_from_buckets(pl.concat(keys))
        a, b = candidates["a"].to_numpy(), candidates["b"].to_numpy()
        similarity = (sig[a] == sig[b]).mean(axis=1)
        keep = similarity >= TEXT_SIMILARITY
        found.append(pl.DataFrame({"a": a[keep], "b": b[keep], "similarity": similarity[keep]}))
    return pl.concat(found).unique(["a", "b"], keep="first")


def photo_pairs(photo_hashes: pl.Series, source: np.ndarray | None = None) -> pl.DataFrame:
    """Pairs (a, b) of rows with a photo each within PHOTO_BITS bits of the other; with
    ``source``, only pairs of rows from the same source (catalogue photos are everywhere)."""
    rows, src = _shared(source, len(photo_hashes))
    exploded = pl.DataFrame({"i": rows, "src": src, "h": photo_hashes.gather(rows)})
    exploded = exploded.explode("h").drop_nulls("h")
    h = exploded["h"].cast(pl.UInt64).to_numpy()
    i = exploded["i"].to_numpy()
    row_src = exploded["src"].to_numpy()
    blocks = PHOTO_BITS + 1
    width = -(-64 // blocks)
    found = [pl.DataFrame(schema={"a": pl.Int64, "b": pl.Int64})]
    for step in _steps(blocks, len(h)):
        keys = [
            pl.DataFrame(
                {
                    "i": np.arange(len(h)),
                    "src": row_src,
                    "block": k,
                    "key": (h >> np.uint64(k * width)) & np.uint64((1 << width) - 1),
                }
            )
            for k in step
        ]
        candidates = _pairs_from_buckets(pl.concat(keys))
        x, y = candidates["a"].to_numpy(), candidates["b"].to_numpy()
        close = (np.bitwise_count(h[x] ^ h[y]) <= PHOTO_BITS) & (i[x] != i[y])
        a, b = i[x][close], i[y][close]
        found.append(pl.DataFrame({"a": np.minimum(a, b), "b": np.maximum(a, b)}))
    return pl.concat(found).unique()
