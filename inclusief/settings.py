"""One settings object, read from ``INCLUSIEF_*`` environment variables.

- ``INCLUSIEF_DATA_DIR``: where the embedded SQLite database and uploads live
  (default ``./.inclusief-data``).
- ``INCLUSIEF_DATABASE_URL``: an SQLAlchemy URL, for example
  ``postgresql+psycopg://user@host/db`` for shared use. Default: SQLite under the data dir.
- ``INCLUSIEF_BASE_URL``: the public address used in invitation links.
- ``INCLUSIEF_DEMO``: demo mode (set by ``scripts/run``); allows the demo login.
- ``INCLUSIEF_TOKEN_DAYS``: default validity of invitation links.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="INCLUSIEF_", extra="ignore")

    data_dir: Path = Field(default=Path(".inclusief-data"))
    database_url: str | None = None
    base_url: str = "http://127.0.0.1:8501"
    demo: bool = False
    token_days: int = 30
    lockout_attempts: int = 5
    lockout_minutes: int = 15
    peer_min_group: int = 10
    export_k: int = 5

    def resolved_database_url(self) -> str:
        """The database URL; the SQLite file under the data dir when none is given."""
        if self.database_url:
            return self.database_url
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{(self.data_dir / 'inclusief.sqlite3').resolve()}"


@cache
def get_settings() -> Settings:
    return Settings()
