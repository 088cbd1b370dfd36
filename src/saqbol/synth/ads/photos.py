"""64-bit perceptual photo hashes with the structure real ones have.

Photos of one category look alike (car exteriors, flat interiors), so their hashes are drawn
around a few per-category prototypes: two unrelated photos differ in about 24 of 64 bits, not
32. Re-uploading the same file (a re-post, a ring's copy) re-encodes it and flips 0-4 bits.
Catalogue (stock) photos of a model are one hash that unrelated honest shops share too.
"""

from __future__ import annotations

import numpy as np

from saqbol.detectors.ads.columns import CATEGORIES

MAX_PHOTOS = 10
PROTOTYPES = 8  # per category
MAX_FLIPS = 4


class PhotoBank:
    """Prototypes and stock photos, fixed for one run."""

    def __init__(self, rng: np.random.Generator, n_items: int) -> None:
        self.proto = _u64(rng, (len(CATEGORIES), PROTOTYPES))
        self.stock = _u64(rng, n_items)

    def fresh(self, rng: np.random.Generator, cat: np.ndarray, width: int) -> np.ndarray:
        """(n, width) new photos: a category prototype with about a quarter of its bits flipped."""
        n = len(cat)
        k = rng.integers(0, PROTOTYPES, (n, width))
        noise = _u64(rng, (n, width)) & _u64(rng, (n, width))
        return self.proto[cat.astype(np.int64)[:, None], k] ^ noise


def _u64(rng: np.random.Generator, shape: int | tuple[int, ...]) -> np.ndarray:
    return rng.integers(0, 2**64, shape, dtype=np.uint64)


def reupload(rng: np.random.Generator, hashes: np.ndarray) -> np.ndarray:
    """The same photos uploaded again: each hash differs in 0-4 bits."""
    flat = hashes.reshape(-1)
    m = len(flat)
    k = rng.integers(0, MAX_FLIPS + 1, m)
    pos = rng.integers(0, 64, (m, MAX_FLIPS)).astype(np.uint64)
    bits = np.where(np.arange(MAX_FLIPS) < k[:, None], np.uint64(1) << pos, np.uint64(0))
    mask = np.bitwise_or.reduce(bits, axis=1)
    return (flat ^ mask).reshape(hashes.shape)
