from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import update
from typer.testing import CliRunner

from conftest import SECRET
from helpers import VALID_CARD, report_body
from saqbol.cli import app
from saqbol.config import get_settings
from saqbol.store import AuditRecord, transaction

runner = CliRunner()


@pytest.fixture
def cli_env(settings, factory, monkeypatch) -> Iterator[None]:
    monkeypatch.setenv("SAQBOL_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("SAQBOL_SECRET", SECRET)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _write(tmp_path: Path, data: object) -> str:
    path = tmp_path / "reports.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_keys_create_prints_the_key_once_and_list_never_does(cli_env) -> None:
    created = runner.invoke(app, ["keys", "create", "--role", "bank", "--name", "Halyk", "--json"])
    assert created.exit_code == 0, created.output
    key = json.loads(created.output)["key"]
    listed = runner.invoke(app, ["keys", "list", "--json"])
    assert key not in listed.output and '"role": "bank"' in listed.output


def test_keys_create_with_unknown_role_exits_2(cli_env) -> None:
    result = runner.invoke(app, ["keys", "create", "--role", "hacker", "--name", "x"])
    assert result.exit_code == 2
    assert "error: role: unknown role" in result.output


def test_report_add_links_entities_and_entity_show_finds_them(cli_env, tmp_path) -> None:
    reports = [
        report_body(entities=[{"type": "phone", "value": "8 701 123 45 67"}]),
        report_body(
            entities=[
                {"type": "phone", "value": "+77011234567"},
                {"type": "card", "value": VALID_CARD},
            ]
        ),
    ]
    added = runner.invoke(app, ["report", "add", _write(tmp_path, reports), "--json"])
    assert added.exit_code == 0, added.output
    shown = runner.invoke(
        app, ["entity", "show", "--type", "phone", "--value", "87011234567", "--json"]
    )
    entity = json.loads(shown.output)
    assert (entity["report_count"], entity["masked"]) == (2, "+7 701 *** ** 67")
    assert "87011234567" not in shown.output.replace(" ", "")


def test_report_add_with_one_bad_report_files_none(cli_env, tmp_path) -> None:
    reports = [report_body(), report_body(region="atlantis")]
    result = runner.invoke(app, ["report", "add", _write(tmp_path, reports)])
    assert result.exit_code == 2
    assert "error: 1.region" in result.output
    shown = runner.invoke(
        app, ["entity", "show", "--type", "phone", "--value", "87011234567", "--json"]
    )
    assert json.loads(shown.output) == {"found": False}


@pytest.mark.parametrize("content", ["{not json", None])
def test_report_add_unreadable_file_exits_2_without_traceback(cli_env, tmp_path, content) -> None:
    path = tmp_path / "r.json"
    if content is not None:
        path.write_text(content)
    result = runner.invoke(app, ["report", "add", str(path)])
    assert result.exit_code == 2
    assert result.output.startswith("error:") and "Traceback" not in result.output


def test_entity_show_bad_value_exits_2(cli_env) -> None:
    result = runner.invoke(app, ["entity", "show", "--type", "iin", "--value", "123"])
    assert result.exit_code == 2 and "error: iin:" in result.output


def test_audit_verify_catches_a_tampered_row(cli_env, tmp_path, factory) -> None:
    runner.invoke(app, ["report", "add", _write(tmp_path, report_body())])
    assert runner.invoke(app, ["audit", "verify"]).exit_code == 0
    with transaction(factory) as session:
        session.execute(update(AuditRecord).where(AuditRecord.id == 1).values(actor="someone"))
    result = runner.invoke(app, ["audit", "verify", "--json"])
    assert result.exit_code == 1
    assert json.loads(result.output)["broken_at"] == 1


def test_demo_loads_once_and_writes_one_key_per_role(cli_env, tmp_path) -> None:
    keys_file = tmp_path / "keys.txt"
    args = ["demo", "--reports", "30", "--keys-file", str(keys_file)]
    assert runner.invoke(app, args).exit_code == 0
    assert len(keys_file.read_text().splitlines()) == 8
    again = runner.invoke(app, args)
    assert "already holds 30 reports" in again.output
