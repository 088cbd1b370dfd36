"""Arrow schemas of the two files, and of the block both halves of the generator produce.

A block is the ads columns (less ``ad_id``, given after sorting) plus the truth columns, so
honest and fraud rows can be concatenated, sorted by time and split into the two files.
"""

from __future__ import annotations

from typing import Final

import pyarrow as pa

TS = pa.timestamp("us", tz="UTC")
ADS_ARROW: Final = pa.schema(
    [("ad_id", pa.string()), ("platform", pa.string()), ("category", pa.string()),
     ("title", pa.string()), ("text", pa.string()), ("price", pa.float64()),
     ("currency", pa.string()), ("region", pa.string()), ("city", pa.string()),
     ("seller_id", pa.string()), ("seller_phone", pa.string()), ("signin_phone", pa.string()),
     ("signin_ip", pa.string()), ("post_ip", pa.string()), ("device_id", pa.string()),
     ("posted_at", TS), ("photo_hashes", pa.list_(pa.uint64())), ("links", pa.list_(pa.string())),
     ("contacts", pa.list_(pa.string()))]
)  # fmt: skip
TRUTH_ARROW: Final = pa.schema(
    [("ad_id", pa.string()), ("is_fraud", pa.bool_()), ("ring_id", pa.int64()),
     ("scheme", pa.string())]
)  # fmt: skip
BLOCK_ARROW: Final = pa.schema(
    [f for f in ADS_ARROW if f.name != "ad_id"] + [f for f in TRUTH_ARROW if f.name != "ad_id"]
)
# Dictionary-encode the low-cardinality strings, keep statistics where readers filter.
ADS_OPTIONS: Final = {
    "compression": "zstd",
    "use_dictionary": ["platform", "category", "currency", "region", "city"],
    "write_statistics": ["ad_id", "posted_at"],
}
TRUTH_OPTIONS: Final = {
    "compression": "zstd",
    "use_dictionary": ["scheme"],
    "write_statistics": ["ad_id"],
}
