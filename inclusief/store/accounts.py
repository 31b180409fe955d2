"""Users: rows, password hashes and the failed-login counter. No access rules here."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from inclusief.store.tables import User


def by_email(s: Session, email: str) -> User | None:
    return s.scalar(select(User).where(User.email == email))


def by_id(s: Session, user_id: int) -> User | None:
    return s.get(User, user_id)


def role_and_active(s: Session, user_id: int) -> tuple[str, bool] | None:
    """The user's current role and active flag in one query of two columns."""
    row = s.execute(select(User.role, User.active).where(User.id == user_id)).one_or_none()
    return None if row is None else (str(row[0]), bool(row[1]))


def add(s: Session, *, email: str, password_hash: str, role: str) -> User:
    user = User(email=email, password_hash=password_hash, role=role, active=True)
    s.add(user)
    s.flush()
    return user


def all_users(s: Session) -> list[User]:
    return list(s.scalars(select(User).order_by(User.id)))


def count_failed_login(s: Session, user_id: int) -> int:
    """Add one failed login atomically in the database and return the new count.

    Two failed logins at the same moment both count (a read-modify-write in Python lost one).
    """
    return int(
        s.execute(
            update(User)
            .where(User.id == user_id)
            .values(failed_logins=User.failed_logins + 1)
            .returning(User.failed_logins)
            .execution_options(synchronize_session=False)
        ).scalar_one()
    )


def lock(s: Session, user_id: int, until: datetime) -> None:
    s.execute(
        update(User)
        .where(User.id == user_id)
        .values(locked_until=until, failed_logins=0)
        .execution_options(synchronize_session=False)
    )
