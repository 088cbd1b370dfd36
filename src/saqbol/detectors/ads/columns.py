"""The columns of a marketplace's classified ads and their labels, shared by the synthetic
generator and the ad detectors. A Parquet file of ads has exactly these names and dtypes; times
are UTC.

One row is one posting of an ad on one of the Kazakh classifieds (``PLATFORMS``). Values are
kept as a platform hands them over: ``seller_phone`` as the seller typed it, ``price`` in the
listing's ``currency`` (which may be junk), ``region`` a ``saqbol.vocab.REGIONS`` slug or not,
IPs possibly malformed. Detectors must normalise and tolerate bad rows, never crash on them.
"""

from __future__ import annotations

from typing import Final

import polars as pl

# kolesa.kz (cars), krisha.kz (real estate), olx.kz, Kaspi Объявления, market.kz.
PLATFORMS: Final = ("kolesa", "krisha", "olx", "kaspi", "market")

# Category -> platforms it is listed on (the first is the usual one).
CATEGORY_PLATFORMS: Final[dict[str, tuple[str, ...]]] = {
    "car": ("kolesa", "olx", "market"),
    "car_parts": ("kolesa", "olx", "market"),
    "flat_rent": ("krisha", "olx", "market"),
    "flat_daily": ("krisha", "olx"),
    "flat_sale": ("krisha", "olx", "market"),
    "house_sale": ("krisha", "olx"),
    "phone": ("olx", "kaspi", "market"),
    "laptop": ("olx", "kaspi", "market"),
    "electronics": ("olx", "kaspi", "market"),
    "appliance": ("olx", "kaspi", "market"),
    "furniture": ("olx", "market", "kaspi"),
    "clothes": ("olx", "kaspi"),
    "kids": ("olx", "kaspi", "market"),
    "job": ("olx", "market"),
    "service": ("olx", "market"),
    "pet": ("olx", "market"),
    "livestock": ("olx", "market"),
}
CATEGORIES: Final = tuple(CATEGORY_PLATFORMS)

# Currencies a detector should accept; anything else in ``currency`` is bad input.
CURRENCIES: Final = ("KZT", "USD")
KZT_PER_USD: Final = 520.0  # the rate the generator prices USD listings at

# Fraud schemes of ``truth.scheme`` ("none" for honest ads).
SCHEMES: Final = (
    "car_prepayment",  # a cheap car "at customs / in another city", prepay to reserve
    "rent_prepayment",  # a cheap flat, the owner is away, prepay to book a viewing
    "phone_delivery",  # cheap new phones/laptops "from Dubai", Kazpost/CDEK, pay to a card
    "phishing_delivery_link",  # "pay via OLX/Kaspi delivery" on a lookalike domain
    "fake_job",  # courier / "work with cards" at a high pay: money-mule recruitment
    "pet_prepayment",  # pedigree puppies shipped by air, prepay the flight
)

TIME = pl.Datetime("us", "UTC")

AD_SCHEMA: Final[dict[str, pl.DataType]] = {
    "ad_id": pl.String(),  # unique per posting; a re-post gets a new one
    "platform": pl.String(),  # one of PLATFORMS
    "category": pl.String(),  # one of CATEGORIES
    "title": pl.String(),
    "text": pl.String(),  # Russian, Kazakh (Cyrillic or Latin) or mixed
    "price": pl.Float64(),  # in ``currency``; null = "negotiable"; may be 0, < 0 or absurd
    "currency": pl.String(),  # CURRENCIES, or junk
    "region": pl.String(),  # a saqbol.vocab.REGIONS slug, or junk
    "city": pl.String(),  # Russian name of the city
    "seller_id": pl.String(),  # "<platform>-<9 digits>": one account on one platform
    "seller_phone": pl.String(),  # as written (+7..., 8 7xx ..., 8(7xx)...); may be malformed
    "signin_phone": pl.String(),  # E.164 the account signed in with; may be foreign
    "signin_ip": pl.String(),  # IPv4; may be malformed
    "post_ip": pl.String(),  # IPv4 the ad was posted from; may be malformed
    "device_id": pl.String(),  # "and-", "ios-" or "web-" + 16 hex digits
    "posted_at": TIME,  # the file is sorted by it
    "photo_hashes": pl.List(pl.UInt64()),  # 64-bit perceptual hashes; a re-upload differs
    # in 0-4 bits; catalogue (stock) photos are shared by unrelated honest sellers
    "links": pl.List(pl.String()),  # URLs exactly as they appear in ``text`` (wa.me/..., t.me/...)
    "contacts": pl.List(pl.String()),  # phone numbers and @handles exactly as in ``text``
}

TRUTH_SCHEMA: Final[dict[str, pl.DataType]] = {
    "ad_id": pl.String(),
    "is_fraud": pl.Boolean(),
    "ring_id": pl.Int64(),  # the fraud ring (shared accounts, devices, IPs); null when honest
    "scheme": pl.String(),  # one of SCHEMES, or "none"
}
