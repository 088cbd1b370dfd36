"""Loaded files are read again only when they change; snapshots only when they are old."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from saqbol.errors import ServiceUnavailable
from saqbol.services.cached import Expiring, FileCached


def test_a_file_is_read_again_only_when_it_changes(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("one")
    reads: list[str] = []

    def load(p: Path) -> str:
        reads.append(p.read_text())
        return reads[-1]

    cached = FileCached(path, "test file", load)
    assert cached.get() == cached.get() == "one"
    assert reads == ["one"]
    path.write_text("two!")
    os.utime(path, ns=(1, 1))
    assert cached.require() == "two!" and reads == ["one", "two!"]


def test_missing_files_name_the_setting_or_give_none(tmp_path: Path) -> None:
    with pytest.raises(ServiceUnavailable, match="no transfer file"):
        FileCached(None, "transfer file", Path.read_text).get()
    with pytest.raises(ServiceUnavailable, match="is missing"):
        FileCached(tmp_path / "nope", "transfer file", Path.read_text).get()
    assert FileCached(tmp_path / "nope", "roaming", Path.read_text, optional=True).get() is None


def test_a_snapshot_is_rebuilt_once_it_is_older_than_the_ttl() -> None:
    builds = iter(range(100))
    value = Expiring(lambda: next(builds))
    assert value.get(ttl_s=60) == value.get(ttl_s=60) == 0
    assert value.get(ttl_s=0) == 1
