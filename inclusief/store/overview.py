"""The consultant's dashboard overview: per organisation its last scan, open actions and
open invitation links, in three grouped queries (not one query per organisation)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inclusief.store.tables import ActionItem, Assessment, Invitation


def assessments_of(s: Session, organisation_ids: list[int]) -> list[Assessment]:
    """Every assessment of these organisations, oldest first."""
    if not organisation_ids:
        return []
    return list(
        s.scalars(
            select(Assessment)
            .where(Assessment.organisation_id.in_(organisation_ids))
            .order_by(Assessment.created_at, Assessment.id)
        )
    )


def open_actions(s: Session, organisation_ids: list[int]) -> dict[int, int]:
    """Action items not done, per organisation."""
    return _counts(
        s,
        select(Assessment.organisation_id, func.count(ActionItem.id))
        .join(Assessment, Assessment.id == ActionItem.assessment_id)
        .where(Assessment.organisation_id.in_(organisation_ids), ActionItem.done.is_(False))
        .group_by(Assessment.organisation_id),
    )


def open_invitations(s: Session, organisation_ids: list[int], now: datetime) -> dict[int, int]:
    """Invitation links neither revoked nor expired, per organisation."""
    return _counts(
        s,
        select(Assessment.organisation_id, func.count(Invitation.id))
        .join(Assessment, Assessment.id == Invitation.assessment_id)
        .where(
            Assessment.organisation_id.in_(organisation_ids),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > now,
        )
        .group_by(Assessment.organisation_id),
    )


def _counts(s: Session, query: Any) -> dict[int, int]:
    return {int(org): int(n) for org, n in s.execute(query).all()}
