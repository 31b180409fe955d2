"""Organisations, and deleting one with everything under it (AVG)."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from inclusief.store.tables import (
    ActionItem,
    Answer,
    Assessment,
    CarvingProject,
    Invitation,
    Note,
    Organisation,
    PsoRecord,
)


def get(s: Session, organisation_id: int) -> Organisation | None:
    return s.get(Organisation, organisation_id)


def add(
    s: Session,
    *,
    name: str,
    sector: str,
    size_class: str,
    region: str,
    consultant_id: int,
    municipality: str | None = None,
) -> Organisation:
    org = Organisation(
        name=name,
        sector=sector,
        size_class=size_class,
        region=region,
        consultant_id=consultant_id,
        municipality=municipality,
    )
    s.add(org)
    s.flush()
    return org


def listed(s: Session, *, consultant_id: int | None = None) -> list[Organisation]:
    """Every organisation by name, or those of one consultant."""
    query = select(Organisation).order_by(Organisation.name)
    if consultant_id is not None:
        query = query.where(Organisation.consultant_id == consultant_id)
    return list(s.scalars(query))


def delete_with_everything(s: Session, org: Organisation) -> int:
    """Delete the organisation and all rows under it; returns the number of assessments.

    Explicit deletes as well as the foreign keys' cascade, so the result does not depend on
    the driver's foreign-key support.
    """
    ids = list(s.scalars(select(Assessment.id).where(Assessment.organisation_id == org.id)))
    if ids:
        for table in (Answer, Note, ActionItem, Invitation):
            s.execute(delete(table).where(table.assessment_id.in_(ids)))
        s.execute(delete(Assessment).where(Assessment.id.in_(ids)))
    for table2 in (PsoRecord, CarvingProject):
        s.execute(delete(table2).where(table2.organisation_id == org.id))
    s.delete(org)
    return len(ids)
