"""``parse_url`` reads plain links without urlsplit and quoting; the answer must be exactly
what the general path gives."""

from __future__ import annotations

import re

import pytest

import saqbol.entities.web as web

HOSTS = ["kaspi.kz", "www.olx.kz", "a-b.c-d.example.com", "kaspi.kz.verify-login.ru", "x.co"]
TAILS = ["", "/", "/login", "/a/b?x=1&y=2", "?q=1", "/p@th/(x)~y", "/a?b?c", "/kaspi.kz/pay"]
SCHEMES = ["", "http://", "https://", "HTTPS://"]


def _general(raw: str, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    with monkeypatch.context() as patch:
        patch.setattr(web, "_SIMPLE_URL", re.compile(r"(?!)"))
        return web.parse_url(raw)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("host", HOSTS)
def test_the_fast_path_equals_the_general_one(scheme, host, monkeypatch) -> None:
    for tail in TAILS:
        raw = f"{scheme}{host}{tail}"
        fast, general = web.parse_url(raw), _general(raw, monkeypatch)
        assert (fast.value, fast.masked, fast.details) == (
            general.value,
            general.masked,
            general.details,
        ), raw


@pytest.mark.parametrize(
    "raw", ["http://KASPI.kz/", "http://kaspi.kz:8080/", "http://u@kaspi.kz/", "kaspi.kz/%41"]
)
def test_what_needs_decoding_takes_the_general_path(raw) -> None:
    assert web._SIMPLE_URL.fullmatch(raw) is None
