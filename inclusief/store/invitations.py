"""Invitation links: only a token's SHA-256 is stored, never the token."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from inclusief.store.tables import Assessment, Invitation, utcnow


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def add(
    s: Session, *, assessment_id: int, token: str, created_by: int, expires_at: datetime
) -> Invitation:
    inv = Invitation(
        assessment_id=assessment_id,
        token_hash=token_hash(token),
        created_by=created_by,
        expires_at=expires_at,
    )
    s.add(inv)
    s.flush()
    return inv


def get(s: Session, invitation_id: int) -> Invitation | None:
    return s.get(Invitation, invitation_id)


def by_token(s: Session, token: str) -> Invitation | None:
    return s.scalar(select(Invitation).where(Invitation.token_hash == token_hash(token)))


def of_assessment(s: Session, assessment_id: int) -> list[Invitation]:
    return list(
        s.scalars(
            select(Invitation)
            .where(Invitation.assessment_id == assessment_id)
            .order_by(Invitation.created_at)
        )
    )


def revoke_open(s: Session, assessment_id: int) -> int:
    """Revoke every link of an assessment that is not revoked yet; returns how many."""
    count = 0
    for inv in s.scalars(
        select(Invitation).where(
            Invitation.assessment_id == assessment_id, Invitation.revoked_at.is_(None)
        )
    ):
        inv.revoked_at = utcnow()
        count += 1
    return count


def of_organisation(s: Session, organisation_id: int) -> list[Invitation]:
    """Every invitation of an organisation's assessments, newest first."""
    return list(
        s.scalars(
            select(Invitation)
            .join(Assessment, Assessment.id == Invitation.assessment_id)
            .where(Assessment.organisation_id == organisation_id)
            .order_by(Invitation.created_at.desc(), Invitation.id.desc())
        )
    )
