"""Users and login: accounts with argon2 hashes, lockout after repeated failures."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel

from inclusief.errors import AccessDenied, InputError, NotFound
from inclusief.services.access import (
    ROLES,
    Actor,
    Principal,
    Role,
    aware,
    log,
    require_role,
    session,
)
from inclusief.services.limits import clean_text
from inclusief.settings import get_settings
from inclusief.store import accounts, login_sessions
from inclusief.store import assessments as assessment_rows
from inclusief.store import organisations as organisation_rows
from inclusief.store.db import Store
from inclusief.store.tables import utcnow

LOGIN_FAILED = "E-mailadres of wachtwoord klopt niet, of het account is tijdelijk geblokkeerd."
MIN_PASSWORD = 10
_hasher = PasswordHasher()


class UserView(BaseModel):
    id: int
    email: str
    role: str
    active: bool


def _norm_email(email: str) -> str:
    email = email.strip().lower()
    if "@" not in email or len(email) > 254 or "\x00" in email:
        raise InputError.single("user", f"'{email}' is not an email address", field="email")
    return email


def create_user(
    *,
    email: str,
    password: str,
    role: Role,
    actor: Actor | None = None,
    name: str | None = None,
    store: Store | None = None,
) -> UserView:
    """Add a user. ``actor`` None means the command line (someone with shell access).

    ``name`` is shown instead of the e-mail address (on the session page and in reports)."""
    if role not in ROLES:
        raise InputError.single(
            "user", f"unknown role '{role}' (known: {', '.join(ROLES)})", field="role"
        )
    if len(password) < MIN_PASSWORD:
        raise InputError.single(
            "user", f"the password needs at least {MIN_PASSWORD} characters", field="password"
        )
    email = _norm_email(email)
    shown = clean_text(name or "", file="user", field="name") or None
    with session(store) as s:
        if actor is not None:
            require_role(s, actor, "admin")
        if accounts.by_email(s, email) is not None:
            raise InputError.single("user", f"{email} already exists", field="email")
        user = accounts.add(s, email=email, password_hash=_hasher.hash(password), role=role)
        user.name = shown
        log(s, actor or "cli", "user.create", "user", user.id, role=role)
        return UserView(id=user.id, email=user.email, role=user.role, active=user.active)


def list_users(*, actor: Actor | None, store: Store | None = None) -> list[UserView]:
    with session(store) as s:
        if actor is not None:
            require_role(s, actor, "admin")
        return [
            UserView(id=u.id, email=u.email, role=u.role, active=u.active)
            for u in accounts.all_users(s)
        ]


def set_user_active(
    *, actor: Actor, user_id: int, active: bool, store: Store | None = None
) -> None:
    with session(store) as s:
        require_role(s, actor, "admin")
        user = accounts.by_id(s, user_id)
        if user is None:
            raise NotFound("user")
        user.active = active
        if not active:  # every open login of the user ends now (services/logins.py)
            login_sessions.end_for_user(s, user_id)
        log(s, actor, "user.active" if active else "user.deactivate", "user", user_id)


def authenticate(
    email: str, password: str, *, store: Store | None = None, now: datetime | None = None
) -> Principal:
    """Check a password; lock the account for a while after repeated failures.

    Every refusal gives the same message, so it does not reveal whether the email exists
    or the account is locked.
    """
    settings = get_settings()
    now = now or utcnow()
    with session(store) as s:
        user = accounts.by_email(s, email.strip().lower())
        if user is None or not user.active:
            _hasher.hash(password)  # spend the same time as a real check
            raise AccessDenied(LOGIN_FAILED)
        locked = aware(user.locked_until)
        if locked is not None and locked > now:
            raise AccessDenied(LOGIN_FAILED)
        try:
            _hasher.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            failed = accounts.count_failed_login(s, user.id)
            if failed >= settings.lockout_attempts:
                accounts.lock(s, user.id, now + timedelta(minutes=settings.lockout_minutes))
                log(s, f"user:{user.id}", "login.locked", "user", user.id)
            principal = None  # raise after the commit: raising here rolled the count back
        else:
            user.failed_logins = 0
            user.locked_until = None
            if _hasher.check_needs_rehash(user.password_hash):
                user.password_hash = _hasher.hash(password)
            log(s, f"user:{user.id}", "login", "user", user.id)
            principal = Principal(
                id=user.id, email=user.email, role=user.role, name=user.name or ""
            )  # type: ignore[arg-type]
    if principal is None:
        raise AccessDenied(LOGIN_FAILED)
    return principal


def owner_for_cli(
    assessment_id: int, *, action: str, store: Store | None = None, **details: Any
) -> Principal:
    """The consultant who owns an assessment, for a command run with shell access.

    The command line (someone with access to the server, like ``inclusief user add``) acts
    as the owning consultant would: it sees what they see, notes and action plan included.
    The use is written to the audit log as ``cli``. An unknown id raises NotFound.
    """
    with session(store) as s:
        a = assessment_rows.get(s, assessment_id)
        org = organisation_rows.get(s, a.organisation_id) if a is not None else None
        owner = accounts.by_id(s, org.consultant_id) if org is not None else None
        if a is None or owner is None:
            raise NotFound(f"assessment {assessment_id} does not exist")
        log(s, "cli", action, "assessment", a.id, **details)
        return Principal(id=owner.id, email=owner.email, role="consultant", name=owner.name or "")


def principal_for_email(email: str, *, store: Store | None = None) -> Principal | None:
    """The active user with this email (for OIDC logins), or None."""
    with session(store) as s:
        user = accounts.by_email(s, email.strip().lower())
        if user is None or not user.active:
            return None
        return Principal(id=user.id, email=user.email, role=user.role, name=user.name or "")  # type: ignore[arg-type]
