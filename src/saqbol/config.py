"""One settings object, read from ``SAQBOL_*`` environment variables (or a ``.env`` file)."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET = "saqbol-local-dev-secret-change-me"


class Settings(BaseSettings):
    """Deployment settings; every field maps to ``SAQBOL_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="SAQBOL_", env_file=".env", extra="ignore")

    environment: Literal["local", "test", "production"] = Field(
        "local", description="Where this runs; 'production' refuses the development secret."
    )
    database_url: str = Field(
        "sqlite:///saqbol.db",
        description="SQLAlchemy URL: sqlite:///path.db (embedded) or postgresql+psycopg://...",
    )
    secret: str = Field(
        DEV_SECRET,
        min_length=16,
        description="Key of the HMAC-SHA256 that turns identifiers into exchangeable hashes.",
    )
    max_body_bytes: int = Field(1024 * 1024, gt=0, description="Largest HTTP body accepted.")
    payment_state_path: str = Field(
        "saqbol-payments.db",
        description="SQLite file with the accounts' recent history for payment scoring; every "
        "worker on the host opens the same file.",
    )
    registry_ttl_s: float = Field(
        2.0, ge=0, description="How old the registry snapshot used by payment scoring may be."
    )
    auth_cache_s: float = Field(
        5.0,
        ge=0,
        description="How long a worker trusts an API key it has checked; a revoked key "
        "stops working within this time.",
    )
    credit_checks_per_minute: int = Field(
        600, gt=0, description="Loan-ban checks one lender key may make per minute, per worker."
    )
    transfers_path: str | None = Field(
        None,
        description="Transfer file (Parquet/CSV, Saqbol payment columns) that money tracing "
        "follows; reloaded when it changes.",
    )
    mules_path: str | None = Field(
        None, description="Output of `saqbol mules` that the API's drop verdicts come from."
    )
    call_context_dir: str | None = Field(
        None,
        description="Directory with roaming.parquet and sip_trunks.parquet that call "
        "screening reads (the roaming exchange's records, the trunks' numbers).",
    )
    ads_reference_path: str | None = Field(
        None,
        description="Parquet of the platform's recent ads (the ad columns) that ad screening "
        "compares prices with and searches for copies in; reloaded when it changes.",
    )
    host: str = Field("127.0.0.1", description="Address `saqbol serve` binds to.")
    port: int = Field(8000, gt=0, lt=65536, description="Port `saqbol serve` listens on.")

    @model_validator(mode="after")
    def _no_dev_secret_in_production(self) -> Settings:
        if self.environment == "production" and self.secret == DEV_SECRET:
            raise ValueError("SAQBOL_SECRET must be set to a private value in production")
        return self


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
