"""Values the API keeps between requests: rebuilt when their file changes, or when too old.

One mechanism for every loaded artefact (transfer graph, drop verdicts, roaming records, SIP
trunks) and every registry snapshot (numbers for call and ad screening), so a request never
re-reads a file that has not changed and the registry is read at most once per TTL.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from saqbol.errors import ServiceUnavailable

T = TypeVar("T")


class FileCached(Generic[T]):
    """``load(path)``, done again only when the file's size or mtime changes.

    A missing file or an unset path raises ServiceUnavailable naming ``what``, or gives None
    when ``optional``.
    """

    def __init__(
        self,
        path: str | Path | None,
        what: str,
        load: Callable[[Path], T],
        *,
        optional: bool = False,
    ) -> None:
        self.path = Path(path) if path else None
        self.what = what
        self.load = load
        self.optional = optional
        self._key: tuple[int, int] | None = None
        self._value: T | None = None
        self._lock = threading.Lock()

    def get(self) -> T | None:
        if self.path is None:
            if self.optional:
                return None
            raise ServiceUnavailable(f"no {self.what} is configured")
        try:
            stat = self.path.stat()
        except OSError:
            if self.optional:
                return None
            raise ServiceUnavailable(f"the {self.what} file {self.path} is missing") from None
        key = (stat.st_size, stat.st_mtime_ns)
        with self._lock:
            if key != self._key:
                self._value = self.load(self.path)
                self._key = key
            return self._value

    def require(self) -> T:
        value = self.get()
        if value is None:
            raise ServiceUnavailable(f"no {self.what} is configured")
        return value


class Expiring(Generic[T]):
    """``build()``, done again once the value is older than ``ttl_s`` seconds."""

    def __init__(self, build: Callable[[], T]) -> None:
        self.build = build
        self._at = -float("inf")
        self._value: T | None = None
        self._lock = threading.Lock()

    def get(self, ttl_s: float) -> T:
        with self._lock:
            if self._value is None or time.monotonic() - self._at > ttl_s:
                self._value = self.build()
                self._at = time.monotonic()
            return self._value
