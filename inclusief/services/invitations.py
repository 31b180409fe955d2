"""Invitation links for employers: 256 random bits, only the hash stored, expiry, revocation."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Literal

from pydantic import BaseModel

from inclusief.errors import AccessDenied, InputError
from inclusief.services.access import (
    INVALID_LINK,
    Actor,
    EmployerSession,
    assessment_for,
    aware,
    check_invitation,
    log,
    org_for,
    require_role,
    session,
)
from inclusief.settings import get_settings
from inclusief.store import assessments as assessment_rows
from inclusief.store import invitations
from inclusief.store import organisations as organisation_rows
from inclusief.store.db import Store
from inclusief.store.tables import Invitation, utcnow

InvitationStatus = Literal["active", "expired", "revoked"]


class InvitationView(BaseModel):
    """One invitation link as the consultant sees it (never the token: only its hash is kept)."""

    id: int
    assessment_id: int
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None
    status: InvitationStatus


def status_of(inv: Invitation, now: datetime | None = None) -> InvitationStatus:
    """Revoked wins over expired: a link revoked before it expired stays "revoked"."""
    if inv.revoked_at is not None:
        return "revoked"
    expires = aware(inv.expires_at)
    if expires is None or expires <= (now or utcnow()):
        return "expired"
    return "active"


def _view(inv: Invitation) -> InvitationView:
    return InvitationView(
        id=inv.id,
        assessment_id=inv.assessment_id,
        created_at=aware(inv.created_at) or utcnow(),
        expires_at=aware(inv.expires_at) or utcnow(),
        revoked_at=aware(inv.revoked_at),
        last_used_at=aware(inv.last_used_at),
        status=status_of(inv),
    )


def list_invitations(
    *,
    actor: Actor,
    organisation_id: int | None = None,
    assessment_id: int | None = None,
    store: Store | None = None,
) -> list[InvitationView]:
    """The invitation links of one organisation (or one assessment), newest first, each with
    its status: active, expired or revoked."""
    if (organisation_id is None) == (assessment_id is None):
        raise ValueError("give organisation_id or assessment_id")
    with session(store) as s:
        if assessment_id is not None:
            assessment_for(s, actor, assessment_id, employer_ok=False)
            rows = list(reversed(invitations.of_assessment(s, assessment_id)))
        else:
            assert organisation_id is not None
            org_for(s, actor, organisation_id)
            rows = invitations.of_organisation(s, organisation_id)
        return [_view(inv) for inv in rows]


def open_scan_for(*, actor: Actor, organisation_id: int, store: Store | None = None) -> int | None:
    """The newest open (not finished) assessment of an organisation, if any: inviting the
    employer again should reuse it rather than start a new empty scan."""
    with session(store) as s:
        org_for(s, actor, organisation_id)
        open_ = [
            a for a in assessment_rows.of_organisation(s, organisation_id) if a.status == "open"
        ]
        return open_[-1].id if open_ else None


def organisation_name(*, actor: Actor, store: Store | None = None) -> str:
    """The name of the organisation an employer's link belongs to (shown on their page)."""
    if not isinstance(actor, EmployerSession):
        raise AccessDenied(INVALID_LINK)
    with session(store) as s:
        a = assessment_for(s, actor, actor.assessment_id)
        org = organisation_rows.get(s, a.organisation_id)
        return org.name if org is not None else ""


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
