"""The public surface: exports, the error tree, the documented settings, the doctests."""

from __future__ import annotations

import doctest
import inspect
from pathlib import Path

import saqbol
from saqbol import errors
from saqbol.config import Settings
from saqbol.vocab import REGIONS

README = Path(__file__).parent.parent / "README.md"


def test_every_exported_name_exists() -> None:
    for name in saqbol.__all__:
        assert hasattr(saqbol, name), name


def test_every_error_class_is_exported_and_carries_a_status() -> None:
    classes = [
        c
        for _, c in inspect.getmembers(errors, inspect.isclass)
        if issubclass(c, errors.SaqbolError)
    ]
    for cls in classes:
        assert cls.__name__ in saqbol.__all__
        assert 400 <= cls.status <= 503


def test_every_setting_is_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"SAQBOL_{name.upper()}" in text, name


def test_package_doctest() -> None:
    assert doctest.testmod(saqbol).failed == 0


def test_seventeen_oblasts_and_three_cities() -> None:
    assert len(REGIONS) == 20
    assert len({r.iso for r in REGIONS.values()}) == 20
