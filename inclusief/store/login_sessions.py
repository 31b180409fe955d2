"""Login sessions: hashed ids, their user and times. No access rules here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from inclusief.store.tables import LoginSession, User


def add(s: Session, *, token_hash: str, user_id: int, kind: str, now: datetime) -> LoginSession:
    row = LoginSession(
        token_hash=token_hash, user_id=user_id, kind=kind, created_at=now, last_used_at=now
    )
    s.add(row)
    s.flush()
    return row


def activate(
    s: Session, *, ticket_hash: str, token_hash: str, issued_after: datetime, now: datetime
) -> int | None:
    """Swap a pending ticket (issued after ``issued_after``) for the session id's hash, once.

    One atomic update: a ticket used twice at the same moment activates only one session."""
    return s.execute(
        update(LoginSession)
        .where(
            LoginSession.token_hash == ticket_hash,
            LoginSession.activated_at.is_(None),
            LoginSession.created_at > issued_after,
        )
        .values(token_hash=token_hash, activated_at=now, last_used_at=now)
        .returning(LoginSession.id)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()


def with_user(
    s: Session, *, session_id: int | None = None, token_hash: str | None = None
) -> tuple[Any, ...] | None:
    """The session's id, kind, creation and last use with its user's id, email, name, role
    and active flag: one query. By row id (a tab that logged in) or by the cookie's hash."""
    query = select(
        LoginSession.id,
        LoginSession.kind,
        LoginSession.created_at,
        LoginSession.last_used_at,
        User.id,
        User.email,
        User.name,
        User.role,
        User.active,
    ).join(User, User.id == LoginSession.user_id)
    if session_id is not None:
        query = query.where(LoginSession.id == session_id)
    elif token_hash is not None:
        query = query.where(
            LoginSession.token_hash == token_hash, LoginSession.activated_at.is_not(None)
        )
    else:
        return None
    row = s.execute(query).one_or_none()
    return None if row is None else tuple(row)


def touch(s: Session, session_id: int, now: datetime) -> None:
    s.execute(
        update(LoginSession)
        .where(LoginSession.id == session_id)
        .values(last_used_at=now)
        .execution_options(synchronize_session=False)
    )


def end(s: Session, session_id: int) -> None:
    s.execute(
        delete(LoginSession)
        .where(LoginSession.id == session_id)
        .execution_options(synchronize_session=False)
    )


def end_for_user(s: Session, user_id: int) -> int:
    """End every session of the user; the number ended."""
    result = s.execute(
        delete(LoginSession)
        .where(LoginSession.user_id == user_id)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def count_for_user(s: Session, user_id: int) -> int:
    return len(list(s.scalars(select(LoginSession.id).where(LoginSession.user_id == user_id))))


def end_expired(s: Session, *, idle_before: datetime, created_before: datetime) -> None:
    """Remove sessions idle since before ``idle_before`` or begun before ``created_before``."""
    s.execute(
        delete(LoginSession)
        .where(
            or_(
                LoginSession.last_used_at < idle_before,
                LoginSession.created_at < created_before,
            )
        )
        .execution_options(synchronize_session=False)
    )
