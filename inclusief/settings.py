"""One settings object, read from ``INCLUSIEF_*`` environment variables.

- ``INCLUSIEF_DATA_DIR``: where the embedded SQLite database and uploads live
  (default ``./.inclusief-data``).
- ``INCLUSIEF_DATABASE_URL``: an SQLAlchemy URL, for example
  ``postgresql+psycopg://user@host/db`` for shared use. Default: SQLite under the data dir.
- ``INCLUSIEF_BASE_URL``: the public address used in invitation links.
- ``INCLUSIEF_DEMO``: demo mode (set by ``scripts/run``); allows the demo login.
- ``INCLUSIEF_TOKEN_DAYS``: default validity of invitation links.
- ``INCLUSIEF_SESSION_IDLE_HOURS`` (default 8) and ``INCLUSIEF_SESSION_MAX_DAYS`` (default 7):
  a login ends after this long without use, and in any case this long after it began
  (password and OIDC logins alike; docs/deploy.md).
- ``INCLUSIEF_JOBS``: where background jobs run: ``local`` (default: a worker thread inside
  the app process, no extra server) or ``rq`` (a Redis queue served by ``inclusief worker``
  processes, for several app instances); ``INCLUSIEF_REDIS_URL`` and ``INCLUSIEF_JOB_QUEUE``
  (the queue's name) for the latter.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

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
    session_idle_hours: float = Field(default=8.0, gt=0)
    session_max_days: float = Field(default=7.0, gt=0)
    jobs: Literal["local", "rq"] = "local"
    redis_url: str = "redis://127.0.0.1:6379/0"
    job_queue: str = "inclusief"
    job_heartbeat_seconds: float = Field(default=10.0, gt=0)
    job_attempts: int = Field(default=2, ge=1)

    def resolved_database_url(self) -> str:
        """The database URL; the SQLite file under the data dir when none is given."""
        if self.database_url:
            return self.database_url
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{(self.data_dir / 'inclusief.sqlite3').resolve()}"


@cache
def get_settings() -> Settings:
    return Settings()
