"""Logins that survive a reload: server-side sessions behind an HttpOnly cookie.

After a password (or OIDC) login the browser holds only an opaque session id of 256 random
bits in an HttpOnly, SameSite=Lax cookie; the database keeps its SHA-256 hash, the user, the
creation and the last use. The page itself cannot set an HttpOnly cookie, so a login first
issues a one-time *ticket* (same randomness, hashed, valid for :data:`TICKET_SECONDS`); the
browser posts it to the app server's ``/_inclusief/session`` route, which swaps it for the
session id and sets the cookie (inclusief/ui/server.py). A reload, a new tab and a restart of
the app read the cookie and resume the session (:func:`current`).

A session ends after ``session_idle_hours`` without use and ``session_max_days`` after it
began (inclusief/settings.py). Logging out, deactivating the user and changing the password
end every session of that user at once; an open page notices at its next action, because
every run of the page checks its session here.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Literal

from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel
from sqlalchemy.orm import Session

from inclusief.errors import AccessDenied, InputError, NotFound
from inclusief.services import accounts as account_service
from inclusief.services.access import Actor, Principal, aware, log, require_role, session
from inclusief.services.accounts import MIN_PASSWORD, authenticate
from inclusief.settings import get_settings
from inclusief.store import accounts, login_sessions
from inclusief.store.db import Store
from inclusief.store.tables import utcnow

COOKIE = "inclusief_session"
TICKET_SECONDS = 120
# last use is written at most this often (a click every second need not write every second)
TOUCH_SECONDS = 30
PASSWORD_WRONG = "Het huidige wachtwoord klopt niet."  # noqa: S105 (a message)

Kind = Literal["password", "oidc"]


class LoginStart(BaseModel):
    """A new login: the session's row (for this tab) and the ticket for the cookie."""

    session_id: int
    ticket: str
    principal: Principal


class ActiveLogin(BaseModel):
    session_id: int
    kind: str
    principal: Principal


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _limits(now: datetime) -> tuple[datetime, datetime]:
    """(idle before, created before): a session older than either has ended."""
    settings = get_settings()
    return (
        now - timedelta(hours=settings.session_idle_hours),
        now - timedelta(days=settings.session_max_days),
    )


def start(
    principal: Principal,
    *,
    kind: Kind = "password",
    store: Store | None = None,
    now: datetime | None = None,
) -> LoginStart:
    """Open a session for a user whose identity was just checked (password or OIDC)."""
    now = now or utcnow()
    ticket = secrets.token_urlsafe(32)  # 256 bits
    with session(store) as s:
        current = require_role(s, principal, "consultant", "researcher", "admin")
        idle_before, created_before = _limits(now)
        login_sessions.end_expired(s, idle_before=idle_before, created_before=created_before)
        row = login_sessions.add(
            s, token_hash=token_hash(ticket), user_id=current.id, kind=kind, now=now
        )
        log(s, current, "login.session", "user", current.id, kind=kind)
        return LoginStart(session_id=row.id, ticket=ticket, principal=current)


def login(
    email: str, password: str, *, store: Store | None = None, now: datetime | None = None
) -> LoginStart:
    """Check the password (lockout included, see accounts.authenticate) and open a session."""
    principal = authenticate(email, password, store=store, now=now)
    return start(principal, store=store, now=now)


def redeem(ticket: str, *, store: Store | None = None, now: datetime | None = None) -> str | None:
    """Swap a fresh, unused ticket for a new session id (for the cookie); None otherwise."""
    if not ticket or len(ticket) > 100:
        return None
    now = now or utcnow()
    session_token = secrets.token_urlsafe(32)  # 256 bits, never stored
    with session(store) as s:
        found = login_sessions.activate(
            s,
            ticket_hash=token_hash(ticket),
            token_hash=token_hash(session_token),
            issued_after=now - timedelta(seconds=TICKET_SECONDS),
            now=now,
        )
    return session_token if found is not None else None


def current(
    *,
    session_id: int | None = None,
    cookie: str | None = None,
    store: Store | None = None,
    now: datetime | None = None,
) -> ActiveLogin | None:
    """The live session by its row (a tab that logged in) or by the cookie's id, with the
    user's *current* role; None when it ended, timed out or its user was deactivated."""
    if session_id is None and not cookie:
        return None
    now = now or utcnow()
    with session(store) as s:
        row = login_sessions.with_user(
            s,
            session_id=session_id,
            token_hash=token_hash(cookie) if session_id is None and cookie else None,
        )
        if row is None:
            return None
        sid, kind, created, last_used, user_id, email, name, role, active = row
        idle_before, created_before = _limits(now)
        created, last_used = aware(created), aware(last_used)
        assert created is not None and last_used is not None
        if not active or last_used < idle_before or created < created_before:
            login_sessions.end(s, sid)
            return None
        if (now - last_used).total_seconds() >= TOUCH_SECONDS:
            login_sessions.touch(s, sid, now)
        principal = Principal(id=user_id, email=email, role=role, name=name or "")
        return ActiveLogin(session_id=sid, kind=kind, principal=principal)


def end_all(s: Session, user_id: int) -> int:
    """End every session of a user (inside the caller's transaction)."""
    return login_sessions.end_for_user(s, user_id)


def logout(*, actor: Actor, store: Store | None = None) -> None:
    """Log out: every session of this user ends, in every tab and browser."""
    if not isinstance(actor, Principal):
        return
    with session(store) as s:
        ended = end_all(s, actor.id)
        log(s, actor, "logout", "user", actor.id, sessions=ended)


def sessions_of(*, user_id: int, store: Store | None = None) -> int:
    """How many sessions the user has open (for tests and the admin page)."""
    with session(store) as s:
        return login_sessions.count_for_user(s, user_id)


def _check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InputError.single(
            "user", f"the password needs at least {MIN_PASSWORD} characters", field="password"
        )


def change_password(
    *, actor: Actor, current_password: str, new_password: str, store: Store | None = None
) -> None:
    """A user changes their own password; every session of theirs ends (log in again)."""
    _check_new_password(new_password)
    with session(store) as s:
        p = require_role(s, actor, "consultant", "researcher", "admin")
        user = accounts.by_id(s, p.id)
        if user is None:
            raise NotFound("user")
        try:
            account_service._hasher.verify(user.password_hash, current_password)
        except (VerificationError, InvalidHashError):
            raise AccessDenied(PASSWORD_WRONG) from None
        user.password_hash = account_service._hasher.hash(new_password)
        ended = end_all(s, user.id)
        log(s, p, "user.password", "user", user.id, sessions=ended)


def set_password(
    *, email: str, new_password: str, actor: Actor | None = None, store: Store | None = None
) -> None:
    """Set a user's password (an admin, or ``actor`` None: the command line); every session
    of that user ends."""
    _check_new_password(new_password)
    with session(store) as s:
        if actor is not None:
            require_role(s, actor, "admin")
        user = accounts.by_email(s, email.strip().lower())
        if user is None:
            raise NotFound(f"user {email}")
        user.password_hash = account_service._hasher.hash(new_password)
        user.failed_logins = 0
        user.locked_until = None
        ended = end_all(s, user.id)
        log(s, actor or "cli", "user.password", "user", user.id, sessions=ended)
