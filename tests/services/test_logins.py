"""Server-side login sessions (issue #14): ids, hashes, timeouts and ends."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from inclusief.errors import AccessDenied, InputError
from inclusief.services import accounts, logins
from inclusief.settings import get_settings
from inclusief.store.tables import LoginSession, utcnow

PASSWORD = "correct horse battery"  # the users of tests/conftest.py


def _cookie_for(store, principal, now=None) -> str:  # type: ignore[no-untyped-def]
    start = logins.start(principal, store=store, now=now)
    token = logins.redeem(start.ticket, store=store, now=now)
    assert token is not None
    return token


def test_a_login_gives_a_random_id_and_stores_only_its_hash(store, consultant) -> None:
    start = logins.login(consultant.email, PASSWORD, store=store)
    token = logins.redeem(start.ticket, store=store)
    assert token is not None and len(token) >= 43  # 256 bits in url-safe base64
    with store.session() as s:
        rows = list(s.scalars(select(LoginSession)))
    assert len(rows) == 1
    row = rows[0]
    assert row.token_hash == logins.token_hash(token) != token
    assert row.user_id == consultant.id and row.kind == "password"
    assert row.created_at is not None and row.last_used_at is not None
    active = logins.current(cookie=token, store=store)
    assert active is not None and active.principal.id == consultant.id
    assert active.session_id == start.session_id


def test_a_wrong_password_opens_no_session(store, consultant) -> None:
    with pytest.raises(AccessDenied):
        logins.login(consultant.email, "not the password", store=store)
    assert logins.sessions_of(user_id=consultant.id, store=store) == 0


def test_a_ticket_works_once_and_only_while_fresh(store, consultant) -> None:
    start = logins.start(consultant, store=store)
    assert logins.redeem(start.ticket, store=store) is not None
    assert logins.redeem(start.ticket, store=store) is None  # used
    late = logins.start(consultant, store=store)
    later = utcnow() + timedelta(seconds=logins.TICKET_SECONDS + 1)
    assert logins.redeem(late.ticket, store=store, now=later) is None
    assert logins.redeem("", store=store) is None
    assert logins.redeem("x" * 500, store=store) is None
    # a ticket is not a session id: it does not log in by itself
    assert logins.current(cookie=late.ticket, store=store) is None


def test_idle_timeout_and_maximum_age_end_a_session(store, consultant) -> None:
    settings = get_settings()
    now = utcnow()
    token = _cookie_for(store, consultant, now=now)
    idle = timedelta(hours=settings.session_idle_hours)
    # used just within the idle time, again and again: alive until the maximum age
    t = now
    while t + idle * 0.9 < now + timedelta(days=settings.session_max_days):
        t = t + idle * 0.9
        assert logins.current(cookie=token, store=store, now=t) is not None
    t = now + timedelta(days=settings.session_max_days, seconds=1)
    assert logins.current(cookie=token, store=store, now=t) is None
    assert logins.sessions_of(user_id=consultant.id, store=store) == 0
    # idle longer than the timeout ends it
    token = _cookie_for(store, consultant, now=now)
    assert logins.current(cookie=token, store=store, now=now + idle * 1.01) is None


def test_timeouts_are_settings(store, consultant, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INCLUSIEF_SESSION_IDLE_HOURS", "1")
    monkeypatch.setenv("INCLUSIEF_SESSION_MAX_DAYS", "2")
    get_settings.cache_clear()
    try:
        assert get_settings().session_idle_hours == 1 and get_settings().session_max_days == 2
        now = utcnow()
        token = _cookie_for(store, consultant, now=now)
        assert logins.current(cookie=token, store=store, now=now + timedelta(minutes=59))
        assert logins.current(cookie=token, store=store, now=now + timedelta(minutes=121)) is None
    finally:
        get_settings.cache_clear()


def test_logout_ends_every_session_of_the_user_only(store, consultant, other_consultant) -> None:
    tabs = [_cookie_for(store, consultant) for _ in range(3)]
    other = _cookie_for(store, other_consultant)
    logins.logout(actor=consultant, store=store)
    assert all(logins.current(cookie=t, store=store) is None for t in tabs)
    assert logins.current(cookie=other, store=store) is not None


def test_deactivation_ends_every_session(store, consultant, admin) -> None:
    token = _cookie_for(store, consultant)
    start = logins.start(consultant, store=store)
    accounts.set_user_active(actor=admin, user_id=consultant.id, active=False, store=store)
    assert logins.current(cookie=token, store=store) is None
    assert logins.current(session_id=start.session_id, store=store) is None
    assert logins.sessions_of(user_id=consultant.id, store=store) == 0
    with pytest.raises(AccessDenied):
        logins.login(consultant.email, PASSWORD, store=store)


def test_a_password_change_ends_every_session(store, consultant) -> None:
    tabs = [_cookie_for(store, consultant) for _ in range(2)]
    with pytest.raises(AccessDenied):
        logins.change_password(
            actor=consultant,
            current_password="wrong one!",
            new_password="a new secret 1",
            store=store,
        )
    assert all(logins.current(cookie=t, store=store) for t in tabs)
    with pytest.raises(InputError):
        logins.change_password(
            actor=consultant, current_password=PASSWORD, new_password="short", store=store
        )
    logins.change_password(
        actor=consultant, current_password=PASSWORD, new_password="a new secret 1", store=store
    )
    assert all(logins.current(cookie=t, store=store) is None for t in tabs)
    assert logins.login(consultant.email, "a new secret 1", store=store)


def test_an_admin_or_the_command_line_sets_a_password(store, consultant, admin) -> None:
    token = _cookie_for(store, consultant)
    with pytest.raises(AccessDenied):
        logins.set_password(
            email=admin.email, new_password="taken over!!", actor=consultant, store=store
        )
    logins.set_password(
        email=consultant.email, new_password="reset by admin", actor=admin, store=store
    )
    assert logins.current(cookie=token, store=store) is None
    logins.set_password(email=consultant.email, new_password="reset by cli 1", store=store)
    assert logins.login(consultant.email, "reset by cli 1", store=store)


def test_the_session_gives_the_role_the_user_has_now(store, consultant) -> None:
    from sqlalchemy import update

    from inclusief.store.tables import User

    token = _cookie_for(store, consultant)
    with store.session() as s:
        s.execute(update(User).where(User.id == consultant.id).values(role="researcher"))
    active = logins.current(cookie=token, store=store)
    assert active is not None and active.principal.role == "researcher"


def test_last_use_is_written_at_most_every_half_minute(store, consultant) -> None:
    now = utcnow()
    token = _cookie_for(store, consultant, now=now)

    def last_used():  # type: ignore[no-untyped-def]
        with store.session() as s:
            return s.scalar(select(LoginSession.last_used_at))

    before = last_used()
    logins.current(cookie=token, store=store, now=now + timedelta(seconds=5))
    assert last_used() == before
    logins.current(cookie=token, store=store, now=now + timedelta(seconds=logins.TOUCH_SECONDS + 1))
    assert last_used() != before


def test_cli_user_password_ends_the_logins(store, consultant, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    import io

    from inclusief.cli import main
    from inclusief.services import access

    token = _cookie_for(store, consultant)
    monkeypatch.setattr("inclusief.cli.store.default_engine", lambda: store.engine)
    monkeypatch.setattr(access, "store_of", lambda given=None: given or store)
    monkeypatch.setattr("sys.stdin", io.StringIO("from the shell 1\n"))
    assert main(["user", "password", consultant.email]) == 0
    assert logins.current(cookie=token, store=store) is None
    assert logins.login(consultant.email, "from the shell 1", store=store)
