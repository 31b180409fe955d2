"""Who may do what: the acting principal, checked against the database on every call.

Every service takes the acting principal as ``actor``:

- :class:`Principal` (a logged-in user): ``consultant`` sees only organisations they own and
  everything under them; ``researcher`` only anonymised research rows; ``admin`` users,
  reassignment and questionnaire versions, may read organisations (to reassign them) and
  export or delete one for an AVG request (when its consultant is not available).
- :class:`EmployerSession` (opened from an invitation token): only the assessment of that
  invitation and its result.

The core does not trust these objects: a :class:`Principal`'s role and active flag are read
from the database inside the same transaction (a forged or deactivated principal gets
nothing), and an :class:`EmployerSession` is only worth the assessment its invitation
belongs to. A refusal raises :class:`inclusief.errors.AccessDenied` with a plain message that
reveals nothing about other organisations.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel
from sqlalchemy.orm import Session

from inclusief.errors import AccessDenied
from inclusief.store import accounts, audit, invitations
from inclusief.store import assessments as assessment_rows
from inclusief.store import organisations as organisation_rows
from inclusief.store.db import Store, default_store
from inclusief.store.tables import Assessment, Invitation, Organisation, utcnow

Role = Literal["consultant", "researcher", "admin"]
ROLES: tuple[Role, ...] = ("consultant", "researcher", "admin")
DENIED = "U heeft geen toegang tot deze gegevens."
INVALID_LINK = "Deze link is niet (meer) geldig. Vraag uw adviseur om een nieuwe link."
INVALID_LINK_EN = "This link is not (or no longer) valid. Ask your adviser for a new link."


class Principal(BaseModel):
    """A logged-in user."""

    id: int
    email: str
    role: Role
    name: str = ""

    @property
    def label(self) -> str:
        return f"user:{self.id}"

    @property
    def shown_name(self) -> str:
        """The user's name, or the e-mail address when no name is set."""
        return self.name.strip() or self.email


class EmployerSession(BaseModel):
    """An employer who opened an invitation link: one assessment only."""

    invitation_id: int
    assessment_id: int

    @property
    def label(self) -> str:
        return f"invitation:{self.invitation_id}"


Actor = Principal | EmployerSession


# -- plumbing ------------------------------------------------------------------------------
def store_of(store: Store | None) -> Store:
    return store or default_store()


@contextmanager
def session(store: Store | None) -> Iterator[Session]:
    with store_of(store).session() as s:
        yield s


def log(
    s: Session,
    actor: Actor | str,
    action: str,
    object_type: str,
    object_id: int | None,
    **details: Any,
) -> None:
    audit.record(
        s,
        actor if isinstance(actor, str) else actor.label,
        action,
        object_type,
        object_id,
        **details,
    )


def aware(value: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes; everything we write is UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


# -- checks --------------------------------------------------------------------------------
def require_role(s: Session, actor: Actor, *roles: Role) -> Principal:
    """The principal, if it is a user whose *current* role (read now) is one of ``roles``
    and who is still active. The role in the object itself is not trusted."""
    if not isinstance(actor, Principal):
        raise AccessDenied(DENIED)
    current = accounts.role_and_active(s, actor.id)
    if current is None or not current[1] or current[0] not in roles:
        raise AccessDenied(DENIED)
    if current[0] != actor.role:
        return actor.model_copy(update={"role": current[0]})
    return actor


def org_for(
    s: Session, actor: Actor, organisation_id: int, *, admin_ok: bool = False
) -> Organisation:
    """The organisation, if the actor owns it (consultant) or may administer it (admin)."""
    p = require_role(s, actor, "consultant", "admin")
    org = organisation_rows.get(s, organisation_id)
    if org is None:
        raise AccessDenied(DENIED)  # same answer as for someone else's: reveals nothing
    if p.role == "consultant" and org.consultant_id != p.id:
        raise AccessDenied(DENIED)
    if p.role == "admin" and not admin_ok:
        raise AccessDenied(DENIED)
    return org


def check_invitation(s: Session, session_: EmployerSession) -> Invitation:
    """A valid (not revoked, not expired) invitation that belongs to the session's
    assessment; the assessment id in the session is not trusted on its own."""
    inv = invitations.get(s, session_.invitation_id)
    expires = aware(inv.expires_at) if inv else None
    if inv is None or inv.revoked_at is not None or expires is None or expires <= utcnow():
        raise AccessDenied(INVALID_LINK)
    if inv.assessment_id != session_.assessment_id:
        raise AccessDenied(DENIED)
    return inv


def assessment_for(
    s: Session, actor: Actor, assessment_id: int, *, employer_ok: bool = True
) -> Assessment:
    """The assessment, if the actor may see it: its consultant, or the employer whose
    invitation belongs to exactly this assessment."""
    if isinstance(actor, EmployerSession):
        if not employer_ok or actor.assessment_id != assessment_id:
            raise AccessDenied(DENIED)
        check_invitation(s, actor)
    a = assessment_rows.get(s, assessment_id)
    if a is None:
        raise AccessDenied(DENIED)
    if not isinstance(actor, EmployerSession):
        org_for(s, actor, a.organisation_id)
    return a


def answer_target(s: Session, actor: Actor, assessment_id: int) -> tuple[str, str, str]:
    """Status, questionnaire id and version of an assessment the actor may answer in.

    The same rules as :func:`assessment_for`, in one query of plain columns: saving an answer
    is the hottest path (every click), and loading ORM objects for the assessment, the
    invitation and the user cost more than the upsert itself.
    """
    if isinstance(actor, EmployerSession):
        if actor.assessment_id != assessment_id:
            raise AccessDenied(DENIED)
        row = assessment_rows.answer_target_for_employer(
            s, assessment_id=assessment_id, invitation_id=actor.invitation_id
        )
        if row is None:
            raise AccessDenied(DENIED)
        expires = aware(row[5])
        if row[3] is None or row[4] is not None or expires is None or expires <= utcnow():
            raise AccessDenied(INVALID_LINK)
        return row[0], row[1], row[2]
    if not isinstance(actor, Principal):
        raise AccessDenied(DENIED)
    owned = assessment_rows.answer_target_for_user(s, assessment_id=assessment_id, user_id=actor.id)
    # admins do not answer scans (see org_for); the role and active flag are read now
    if owned is None or owned[4] != "consultant" or not owned[5] or owned[3] != actor.id:
        raise AccessDenied(DENIED)
    return owned[0], owned[1], owned[2]
