"""Placements, their check-ins, check-in links and timeline entries (issue #19).

Persistence only: the services check who may see what, the domain package
``inclusief.followup`` decides what is due and which signals are open.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inclusief.store.invitations import token_hash
from inclusief.store.tables import (
    CheckinLink,
    Organisation,
    Placement,
    PlacementCheckin,
    PlacementEntry,
    utcnow,
)


# -- placements ----------------------------------------------------------------------------
def add(s: Session, **fields: Any) -> Placement:
    row = Placement(**fields)
    s.add(row)
    s.flush()
    return row


def get(s: Session, placement_id: int) -> Placement | None:
    return s.get(Placement, placement_id)


def listed(
    s: Session, *, consultant_id: int | None = None, active_only: bool = False
) -> list[tuple[Placement, Organisation]]:
    """Placements with their organisation, oldest start first. For a consultant: those
    they follow themselves or whose organisation they own."""
    query = (
        select(Placement, Organisation)
        .join(Organisation, Organisation.id == Placement.organisation_id)
        .order_by(Placement.start_date, Placement.id)
    )
    if consultant_id is not None:
        query = query.where(
            (Placement.consultant_id == consultant_id)
            | (Organisation.consultant_id == consultant_id)
        )
    if active_only:
        query = query.where(Placement.end_date.is_(None))
    return [(p, o) for p, o in s.execute(query)]


# -- check-ins -----------------------------------------------------------------------------
def checkins_of(s: Session, placement_ids: Sequence[int]) -> list[PlacementCheckin]:
    if not placement_ids:
        return []
    return list(
        s.scalars(
            select(PlacementCheckin)
            .where(PlacementCheckin.placement_id.in_(list(placement_ids)))
            .order_by(PlacementCheckin.id)
        )
    )


def get_checkin(s: Session, checkin_id: int) -> PlacementCheckin | None:
    return s.get(PlacementCheckin, checkin_id)


def find_checkin(
    s: Session, *, placement_id: int, point: str, respondent: str
) -> PlacementCheckin | None:
    return s.scalar(
        select(PlacementCheckin).where(
            PlacementCheckin.placement_id == placement_id,
            PlacementCheckin.point == point,
            PlacementCheckin.respondent == respondent,
        )
    )


def add_checkin(s: Session, **fields: Any) -> PlacementCheckin:
    row = PlacementCheckin(**fields)
    s.add(row)
    s.flush()
    return row


# -- check-in links ------------------------------------------------------------------------
def add_link(
    s: Session, *, checkin_id: int, token: str, created_by: int, expires_at: datetime
) -> CheckinLink:
    row = CheckinLink(
        checkin_id=checkin_id,
        token_hash=token_hash(token),
        created_by=created_by,
        expires_at=expires_at,
    )
    s.add(row)
    s.flush()
    return row


def get_link(s: Session, link_id: int) -> CheckinLink | None:
    return s.get(CheckinLink, link_id)


def link_by_token(s: Session, token: str) -> CheckinLink | None:
    return s.scalar(select(CheckinLink).where(CheckinLink.token_hash == token_hash(token)))


def revoke_links(s: Session, checkin_id: int) -> int:
    count = 0
    for link in s.scalars(
        select(CheckinLink).where(
            CheckinLink.checkin_id == checkin_id, CheckinLink.revoked_at.is_(None)
        )
    ):
        link.revoked_at = utcnow()
        count += 1
    return count


# -- timeline entries ----------------------------------------------------------------------
def entries_of(s: Session, placement_ids: Sequence[int]) -> list[PlacementEntry]:
    if not placement_ids:
        return []
    return list(
        s.scalars(
            select(PlacementEntry)
            .where(PlacementEntry.placement_id.in_(list(placement_ids)))
            .order_by(PlacementEntry.on, PlacementEntry.id)
        )
    )


def add_entry(s: Session, **fields: Any) -> PlacementEntry:
    row = PlacementEntry(**fields)
    s.add(row)
    s.flush()
    return row


def get_entry(s: Session, entry_id: int) -> PlacementEntry | None:
    return s.get(PlacementEntry, entry_id)
