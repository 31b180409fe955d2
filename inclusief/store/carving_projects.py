"""Saved carving projects: inventory, candidates and result of an organisation."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inclusief.store.tables import CarvingProject


def add(
    s: Session,
    *,
    organisation_id: int,
    name: str,
    inventory: dict[str, Any],
    candidates: list[Any],
    result: dict[str, Any] | None,
) -> CarvingProject:
    proj = CarvingProject(
        organisation_id=organisation_id,
        name=name,
        inventory=inventory,
        candidates=candidates,
        result=result,
    )
    s.add(proj)
    s.flush()
    return proj


def get(s: Session, project_id: int) -> CarvingProject | None:
    return s.get(CarvingProject, project_id)


def of_organisation(s: Session, organisation_id: int) -> list[CarvingProject]:
    return list(
        s.scalars(
            select(CarvingProject)
            .where(CarvingProject.organisation_id == organisation_id)
            .order_by(CarvingProject.id)
        )
    )
