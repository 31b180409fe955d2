"""Shared fixtures: a migrated store on SQLite (and PostgreSQL when configured), and users.

``store`` runs every test on a fresh SQLite file; when ``INCLUSIEF_TEST_DATABASE_URL`` is set
(for example ``postgresql+psycopg://postgres@127.0.0.1:5432/test``) it runs it a second time
in a fresh PostgreSQL schema that is dropped afterwards.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import text
from sqlalchemy.engine import make_url

from inclusief.services import access, accounts

PG_URL = os.environ.get("INCLUSIEF_TEST_DATABASE_URL")
PASSWORD = "correct horse battery"  # >= 10 characters

_BACKENDS = [pytest.param("sqlite", id="sqlite")]
if PG_URL:
    _BACKENDS.append(pytest.param("postgres", id="postgres", marks=pytest.mark.postgres))


def _pg_schema_url(base: str, schema: str) -> str:
    url = make_url(base)
    query = dict(url.query)
    query["options"] = f"-csearch_path={schema}"
    return url.set(query=query).render_as_string(hide_password=False)


@pytest.fixture(params=_BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A migrated, empty :class:`inclusief.store.db.Store`."""
    from inclusief.store.db import Store, make_engine, upgrade_database

    # Cheap argon2 parameters: the tests check the logic, not the hash cost.
    monkeypatch.setattr(
        accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )

    def _refuse_default(given=None):  # a service that drops ``store`` would hit the real DB
        if given is None:
            raise AssertionError("a service fell back to the default store")
        return given

    monkeypatch.setattr(access, "store_of", _refuse_default)
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'store.sqlite3'}")
        admin_engine = None
        schema = None
    else:
        assert PG_URL is not None
        schema = f"t_{secrets.token_hex(8)}"
        admin_engine = make_engine(PG_URL)
        with admin_engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        engine = make_engine(_pg_schema_url(PG_URL, schema))
    try:
        upgrade_database(engine)
        st = Store(engine)
        st.backend = request.param  # type: ignore[attr-defined]
        st.db_file = tmp_path / "store.sqlite3" if schema is None else None  # type: ignore[attr-defined]
        yield st
    finally:
        engine.dispose()
        if admin_engine is not None:
            with admin_engine.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
            admin_engine.dispose()


def _user(store, email: str, role: str):
    from inclusief.services import accounts

    accounts.create_user(email=email, password=PASSWORD, role=role, store=store)  # type: ignore[arg-type]
    return accounts.authenticate(email, PASSWORD, store=store)


@pytest.fixture
def consultant(store):
    return _user(store, "consultant@example.nl", "consultant")


@pytest.fixture
def other_consultant(store):
    return _user(store, "other.consultant@example.nl", "consultant")


@pytest.fixture
def researcher(store):
    return _user(store, "researcher@example.nl", "researcher")


@pytest.fixture
def admin(store):
    return _user(store, "admin@example.nl", "admin")


@dataclass
class Scan:
    organisation_id: int
    assessment_id: int


@pytest.fixture
def new_scan(store) -> Callable[..., Scan]:
    """``new_scan(owner, name=..., mode=..., version=..., municipality=...)``: an organisation
    with one open werkgeversscan. Pinned to version 1.0 unless ``version`` says otherwise
    (None: the default version, 2.0): the tests written for 1.0 use its item ids."""
    from inclusief.services import organisations, scan

    counter = iter(range(1, 10_000))

    def make(
        owner,
        *,
        name: str | None = None,
        mode: str = "self",
        version: str | None = "1.0",
        municipality: str | None = None,
    ) -> Scan:
        org = organisations.create_organisation(
            actor=owner,
            name=name or f"Organisatie {next(counter)}",
            sector="zorg",
            size_class="50-99",
            region="Utrecht",
            municipality=municipality,
            store=store,
        )
        a = scan.create_assessment(
            actor=owner,
            organisation_id=org.id,
            mode=mode,  # type: ignore[arg-type]
            questionnaire_id="werkgeversscan",
            version=version,
            store=store,
        )
        return Scan(org.id, a.id)

    return make


@pytest.fixture
def werkgeversscan():
    """Version 1.0, pinned: the version of the scans ``new_scan`` makes by default."""
    from inclusief.questionnaires.load import load_shipped

    return load_shipped("werkgeversscan", "1.0")


@pytest.fixture
def werkgeversscan2():
    """Version 2.0, the default for new assessments."""
    from inclusief.questionnaires.load import load_shipped

    return load_shipped("werkgeversscan", "2.0")


def all_rows_text(store) -> str:
    """Every row of every table as text (to look for things that must not be stored)."""
    from sqlalchemy import select

    from inclusief.store.tables import Base

    parts: list[str] = []
    with store.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            parts += [repr(tuple(r)) for r in conn.execute(select(table))]
    return "\n".join(parts)


@pytest.fixture
def rows_text() -> Callable[..., str]:
    return all_rows_text
