"""`saqbol credit-ban set|lift|show|check|sign-in`."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from conftest import SECRET
from saqbol.cli import app
from saqbol.config import get_settings
from saqbol.services import citizen_token

runner = CliRunner()
IIN = "651018359799"


@pytest.fixture
def cli_env(settings, factory, monkeypatch) -> Iterator[None]:
    monkeypatch.setenv("SAQBOL_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("SAQBOL_SECRET", SECRET)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def run(*args: str) -> dict:
    result = runner.invoke(app, ["credit-ban", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_set_check_show_lift(cli_env) -> None:
    assert run("check", "--iin", IIN)["banned"] is False
    run("set", "--iin", IIN, "--scope", "microcredits", "--channel", "online")
    assert run("check", "--iin", IIN, "--product", "microcredit")["banned"] is True
    assert run("check", "--iin", IIN, "--product", "bank_loan")["banned"] is False
    assert run("show", "--iin", IIN)["scope"] == "microcredits"
    assert run("lift", "--iin", IIN) == {"active": False}
    assert run("show", "--iin", IIN) == {"active": False}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["lift", "--iin", IIN], "error: ban: there is no ban in force to lift"),
        (["check", "--iin", "651018359798"], "error: iin: check digit does not match"),
        (["set", "--iin", IIN, "--scope", "cars"], "error: scope: unknown scope 'cars'"),
        (["check", "--iin", IIN, "--channel", "fax"], "error: channel: unknown channel 'fax'"),
    ],
)
def test_user_mistakes_exit_2_with_the_field(cli_env, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["credit-ban", *args])
    assert result.exit_code == 2
    assert message in result.output


def test_sign_in_prints_a_token_for_the_iin(cli_env) -> None:
    result = runner.invoke(app, ["credit-ban", "sign-in", "--iin", IIN])
    assert result.exit_code == 0
    from datetime import UTC, datetime

    token = result.stdout.strip()
    assert citizen_token.verify(token, secret=SECRET, now=datetime.now(UTC)) == IIN
