"""Engine, sessions and migrations.

The embedded default is an SQLite file under ``INCLUSIEF_DATA_DIR`` in WAL mode (readers do
not block the writer) with a busy timeout and foreign keys on; ``INCLUSIEF_DATABASE_URL``
points elsewhere, for example PostgreSQL for shared use. The schema is created and changed
only by the Alembic migrations in ``inclusief/store/migrations``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from inclusief.settings import get_settings

# pg_advisory_xact_lock key for migrations (any fixed number; "INCL" in ASCII)
MIGRATION_LOCK = 0x494E434C


def make_engine(url: str) -> Engine:
    kwargs: dict[str, Any] = {"future": True}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"timeout": 30, "check_same_thread": False}
    else:
        # no pre-ping: it costs a round trip on every checkout, and the saves are short
        kwargs.update(pool_size=20, max_overflow=40, pool_pre_ping=False, pool_recycle=1800)
    engine = create_engine(url, **kwargs)
    if url.startswith("sqlite"):

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

    return engine


@cache
def default_engine() -> Engine:
    return make_engine(get_settings().resolved_database_url())


class Store:
    """A database: its engine and a session factory. Tests make their own."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sessions = sessionmaker(engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.sessions() as s, s.begin():
            yield s


@cache
def default_store() -> Store:
    return Store(default_engine())


def upgrade_database(engine: Engine) -> None:
    """Bring the schema to the newest migration (idempotent)."""
    from alembic import command
    from alembic.config import Config

    folder = resources.files("inclusief.store") / "migrations"
    cfg = Config()
    cfg.set_main_option("script_location", str(folder))
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # several app instances start at once: one migrates, the others wait and then
            # find the schema at head (the lock ends with this transaction)
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
