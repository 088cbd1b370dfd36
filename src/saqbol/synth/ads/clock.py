"""When listings are posted: a daily rhythm in local time (UTC+5), busier at weekends.

The honest stream's times come from the inverse of the cumulative posting intensity at
(i + u_i) / N, so listing i's time is known without drawing the others and block after block
comes out already sorted: the generator never holds more than one block.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Final

import numpy as np

US_PER_H: Final = 3_600_000_000
US_PER_DAY: Final = 24 * US_PER_H
KZ_UTC_OFFSET_H: Final = 5
# Relative posting intensity by local hour.
HOUR_W: Final = np.array(
    [0.30, 0.18, 0.12, 0.09, 0.09, 0.15, 0.40, 0.85, 1.30, 1.60, 1.80, 1.80, 1.70, 1.70, 1.70,
     1.70, 1.75, 1.85, 1.95, 2.05, 1.95, 1.65, 1.10, 0.60]
)  # fmt: skip
WEEKEND_BOOST: Final = 1.15


class Clock:
    """The period [start, start + days) in local days, with its hourly intensity."""

    def __init__(self, start: date, days: int) -> None:
        midnight = datetime(start.year, start.month, start.day, tzinfo=UTC)
        self.start_us = int(midnight.timestamp()) * 1_000_000 - KZ_UTC_OFFSET_H * US_PER_H
        self.days = days
        weekday = (start.weekday() + np.arange(days)) % 7
        day_w = np.where(weekday >= 5, WEEKEND_BOOST, 1.0)
        self.hour_w = (day_w[:, None] * HOUR_W[None, :]).reshape(-1)
        self.cdf = np.concatenate([[0.0], np.cumsum(self.hour_w) / self.hour_w.sum()])

    @property
    def end_us(self) -> int:
        return self.start_us + self.days * US_PER_DAY

    def at_quantiles(self, q: np.ndarray) -> np.ndarray:
        """Times (us) at quantiles q in [0, 1) of the posting intensity; monotone in q."""
        h = np.clip(np.searchsorted(self.cdf, q, side="right") - 1, 0, len(self.hour_w) - 1)
        width = self.cdf[h + 1] - self.cdf[h]
        frac = np.clip((q - self.cdf[h]) / width, 0.0, 1.0 - 1e-9)
        return self.start_us + ((h + frac) * US_PER_H).astype(np.int64)

    def stream(self, rng: np.random.Generator, first: int, n: int, total: int) -> np.ndarray:
        """Sorted times of listings first..first+n-1 of a stream of ``total``."""
        q = (np.arange(first, first + n) + rng.random(n)) / total
        return self.at_quantiles(q)

    def within(self, rng: np.random.Generator, lo_day: float, hi_day: float, n: int) -> np.ndarray:
        """n times between two day offsets, following the daily rhythm."""
        lo = np.searchsorted(np.arange(len(self.hour_w)) / 24, lo_day)
        hi = max(int(np.ceil(hi_day * 24)), lo + 1)
        w = self.hour_w[lo:hi]
        hour = lo + rng.choice(len(w), n, p=w / w.sum())
        return self.start_us + ((hour + rng.random(n)) * US_PER_H).astype(np.int64)
