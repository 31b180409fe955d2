"""Alembic environment: runs on the connection handed over by ``upgrade_database``."""

from __future__ import annotations

from alembic import context

from inclusief.store.tables import Base

config = context.config
target_metadata = Base.metadata
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only through upgrade_database
    raise RuntimeError("run migrations through inclusief.store.db.upgrade_database")
context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
