from __future__ import annotations

import pytest
from pydantic import ValidationError

from saqbol.config import DEV_SECRET, Settings


def test_production_refuses_the_development_secret() -> None:
    with pytest.raises(ValidationError, match="SAQBOL_SECRET"):
        Settings(environment="production", secret=DEV_SECRET)


def test_settings_read_the_environment(monkeypatch) -> None:
    monkeypatch.setenv("SAQBOL_DATABASE_URL", "sqlite:///elsewhere.db")
    assert Settings().database_url == "sqlite:///elsewhere.db"


def test_every_setting_is_documented() -> None:
    for name, field in Settings.model_fields.items():
        assert field.description, name
