"""Invitation links for employers: 256 random bits, only the hash stored, expiry, revocation."""

from __future__ import annotations

import secrets
from datetime import timedelta

from inclusief.errors import AccessDenied, InputError
from inclusief.services.access import (
    INVALID_LINK,
    Actor,
    EmployerSession,
    assessment_for,
    check_invitation,
    log,
    require_role,
    session,
)
from inclusief.settings import get_settings
from inclusief.store import invitations
from inclusief.store.db import Store
from inclusief.store.tables import utcnow


def create_invitation(
    *, actor: Actor, assessment_id: int, days: int | None = None, store: Store | None = None
) -> str:
    """A new invitation token (256 random bits). Only its SHA-256 is stored; show it once."""
    if days is not None and days < 1:
        raise InputError.single("invitation", "a link must stay valid at least 1 day", field="days")
    token = secrets.token_urlsafe(32)
    with session(store) as s:
        p = require_role(s, actor, "consultant")
        assessment_for(s, actor, assessment_id)
        inv = invitations.add(
            s,
            assessment_id=assessment_id,
            token=token,
            created_by=p.id,
            expires_at=utcnow()
            + timedelta(days=get_settings().token_days if days is None else days),
        )
        log(s, actor, "invitation.create", "invitation", inv.id, assessment=assessment_id)
    return token


def invitation_link(token: str) -> str:
    return f"{get_settings().base_url.rstrip('/')}/?token={token}"


def revoke_invitations(*, actor: Actor, assessment_id: int, store: Store | None = None) -> int:
    with session(store) as s:
        assessment_for(s, actor, assessment_id, employer_ok=False)
        count = invitations.revoke_open(s, assessment_id)
        log(s, actor, "invitation.revoke", "assessment", assessment_id, count=count)
        return count


def open_by_token(token: str, *, store: Store | None = None) -> EmployerSession:
    """The employer's session for a valid token; one plain message for every bad token."""
    if not token or len(token) > 200:
        raise AccessDenied(INVALID_LINK)
    with session(store) as s:
        inv = invitations.by_token(s, token)
        if inv is None:
            raise AccessDenied(INVALID_LINK)
        employer = EmployerSession(invitation_id=inv.id, assessment_id=inv.assessment_id)
        check_invitation(s, employer)
        inv.last_used_at = utcnow()
        return employer
