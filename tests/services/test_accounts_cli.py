"""Login and lockout, the ``inclusief user|demo|db`` commands, and migration == ORM."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from inclusief.errors import AccessDenied, InputError
from inclusief.services import accounts
from inclusief.services.accounts import LOGIN_FAILED
from inclusief.settings import get_settings
from inclusief.store.db import Store, make_engine, upgrade_database
from inclusief.store.tables import Base, Organisation, User, utcnow

PASSWORD = "correct horse battery"


@pytest.fixture
def user(store):
    return accounts.create_user(
        email="Anna@Example.nl", password=PASSWORD, role="consultant", store=store
    )


def _denied(store, password: str, **kw) -> str:
    with pytest.raises(AccessDenied) as info:
        accounts.authenticate("anna@example.nl", password, store=store, **kw)
    return str(info.value)


def test_right_and_wrong_password(store, user) -> None:
    p = accounts.authenticate(" ANNA@example.nl ", PASSWORD, store=store)
    assert (p.id, p.email, p.role) == (user.id, "anna@example.nl", "consultant")
    assert _denied(store, "wrong password!") == LOGIN_FAILED
    with pytest.raises(AccessDenied, match=LOGIN_FAILED):
        accounts.authenticate("nobody@example.nl", PASSWORD, store=store)


def test_password_is_hashed(store, user, rows_text) -> None:
    assert PASSWORD not in rows_text(store)
    with store.session() as s:
        assert s.scalar(select(User.password_hash)).startswith("$argon2")


def test_lockout_after_repeated_failures(store, user) -> None:
    settings = get_settings()
    now = utcnow()
    for _ in range(settings.lockout_attempts - 1):
        assert _denied(store, "wrong password!", now=now) == LOGIN_FAILED
    accounts.authenticate("anna@example.nl", PASSWORD, store=store, now=now)  # resets the count
    for _ in range(settings.lockout_attempts):
        assert _denied(store, "wrong password!", now=now) == LOGIN_FAILED
    # locked: the right password gets the same message
    assert _denied(store, PASSWORD, now=now) == LOGIN_FAILED
    almost = now + timedelta(minutes=settings.lockout_minutes) - timedelta(seconds=5)
    assert _denied(store, PASSWORD, now=almost) == LOGIN_FAILED
    later = now + timedelta(minutes=settings.lockout_minutes, seconds=1)
    assert accounts.authenticate("anna@example.nl", PASSWORD, store=store, now=later).id == user.id


def test_inactive_user_is_refused(store, user, admin) -> None:
    accounts.set_user_active(actor=admin, user_id=user.id, active=False, store=store)
    assert _denied(store, PASSWORD) == LOGIN_FAILED
    assert accounts.principal_for_email("anna@example.nl", store=store) is None
    accounts.set_user_active(actor=admin, user_id=user.id, active=True, store=store)
    assert accounts.authenticate("anna@example.nl", PASSWORD, store=store).id == user.id


@pytest.mark.parametrize(
    ("email", "password", "role"),
    [
        ("a@example.nl", "short", "consultant"),
        ("not-an-email", PASSWORD, "consultant"),
        ("a@example.nl", PASSWORD, "root"),
    ],
)
def test_create_user_rejects_bad_input(store, email, password, role) -> None:
    with pytest.raises(InputError):
        accounts.create_user(email=email, password=password, role=role, store=store)


def test_duplicate_email_is_rejected(store, user) -> None:
    with pytest.raises(InputError):
        accounts.create_user(email="ANNA@example.nl", password=PASSWORD, role="admin", store=store)


# -- command line --------------------------------------------------------------------------
def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("INCLUSIEF_")}
    env["INCLUSIEF_DATA_DIR"] = str(tmp_path)
    env.update(extra)
    return env


def _cli(tmp_path: Path, *args: str, stdin: str = "", **extra: str):
    return subprocess.run(
        [sys.executable, "-m", "inclusief", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=_env(tmp_path, **extra),
        cwd=tmp_path,
        timeout=300,
    )


def _file_store(tmp_path: Path) -> Store:
    return Store(make_engine(f"sqlite:///{tmp_path / 'inclusief.sqlite3'}"))


def test_cli_user_add_reads_password_from_stdin(tmp_path: Path) -> None:
    done = _cli(
        tmp_path, "user", "add", "--role", "consultant", "Piet@Example.nl", stdin=PASSWORD + "\n"
    )
    assert done.returncode == 0, done.stderr
    assert "piet@example.nl" in done.stdout
    assert PASSWORD not in done.stdout + done.stderr
    store = _file_store(tmp_path)
    try:
        assert accounts.authenticate("piet@example.nl", PASSWORD, store=store).role == "consultant"
    finally:
        store.engine.dispose()
    listed = _cli(tmp_path, "user", "list")
    assert listed.returncode == 0 and "piet@example.nl\tconsultant\tactive" in listed.stdout


def test_cli_user_add_refuses_short_password(tmp_path: Path) -> None:
    done = _cli(tmp_path, "user", "add", "--role", "consultant", "a@example.nl", stdin="short\n")
    assert done.returncode == 2
    assert "10 characters" in done.stderr
    assert "Traceback" not in done.stderr


def test_cli_has_no_password_flag(tmp_path: Path) -> None:
    done = _cli(
        tmp_path, "user", "add", "--role", "consultant", "--password", PASSWORD, "a@example.nl"
    )
    assert done.returncode == 2
    assert "unrecognized arguments" in done.stderr


def test_cli_db_upgrade(tmp_path: Path) -> None:
    for _ in range(2):
        done = _cli(tmp_path, "db", "upgrade")
        assert done.returncode == 0, done.stderr
    assert (tmp_path / "inclusief.sqlite3").exists()


def test_cli_demo_needs_demo_mode(tmp_path: Path) -> None:
    done = _cli(tmp_path, "demo")
    assert done.returncode == 2
    assert "INCLUSIEF_DEMO" in done.stderr
    assert not (tmp_path / "inclusief.sqlite3").exists()


@pytest.mark.slow
def test_cli_demo_is_idempotent(tmp_path: Path) -> None:
    first = _cli(tmp_path, "demo", "--force-demo")
    assert first.returncode == 0, first.stderr
    assert "?token=" in first.stdout
    store = _file_store(tmp_path)
    try:
        with store.session() as s:
            n_orgs = s.scalar(select(func.count()).select_from(Organisation))
            n_users = s.scalar(select(func.count()).select_from(User))
        assert n_orgs >= 30 and n_users == 3
        second = _cli(tmp_path, "demo", INCLUSIEF_DEMO="1")
        assert second.returncode == 0, second.stderr
        with store.session() as s:
            assert s.scalar(select(func.count()).select_from(Organisation)) == n_orgs
            assert s.scalar(select(func.count()).select_from(User)) == n_users
    finally:
        store.engine.dispose()


# -- migrations ----------------------------------------------------------------------------
def test_migration_matches_the_orm(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = make_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    try:
        upgrade_database(engine)
        upgrade_database(engine)  # idempotent
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == []
    finally:
        engine.dispose()


def test_migration_matches_the_orm_on_the_store(store) -> None:
    """The same check on each backend of the ``store`` fixture (PostgreSQL included)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_concurrent_failed_logins_all_count(store, user) -> None:
    """The failure count is incremented in the database, so parallel failures all count."""
    from concurrent.futures import ThreadPoolExecutor

    settings = get_settings()
    n = settings.lockout_attempts - 1
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda _: _denied(store, "wrong password!"), range(n)))
    with store.session() as s:
        assert s.scalar(select(User.failed_logins).where(User.id == user.id)) == n
    _denied(store, "wrong password!")  # the last allowed failure locks the account
    assert _denied(store, PASSWORD) == LOGIN_FAILED
