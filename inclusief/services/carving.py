"""Jobcarving projects kept with an organisation."""

from __future__ import annotations

from typing import Any

from inclusief.errors import AccessDenied
from inclusief.services.access import DENIED, Actor, log, org_for, require_role, session
from inclusief.services.limits import clean_text
from inclusief.store import carving_projects
from inclusief.store.db import Store


def save_carving_project(
    *,
    actor: Actor,
    organisation_id: int,
    name: str,
    inventory: dict[str, Any],
    candidates: list[Any],
    result: dict[str, Any] | None,
    store: Store | None = None,
) -> int:
    name = clean_text(name, file="carving project", field="name", kind="project_name")
    with session(store) as s:
        org_for(s, actor, organisation_id)
        proj = carving_projects.add(
            s,
            organisation_id=organisation_id,
            name=name,
            inventory=inventory,
            candidates=candidates,
            result=result,
        )
        log(s, actor, "carving.save", "organisation", organisation_id)
        return proj.id


def list_carving_projects(
    *, actor: Actor, organisation_id: int, store: Store | None = None
) -> list[dict[str, Any]]:
    with session(store) as s:
        org_for(s, actor, organisation_id)
        return [
            {
                "id": c.id,
                "name": c.name,
                "created_at": c.created_at,
                "has_result": c.result is not None,
            }
            for c in carving_projects.of_organisation(s, organisation_id)
        ]


def get_carving_project(
    *, actor: Actor, project_id: int, store: Store | None = None
) -> dict[str, Any]:
    """One saved carving project (inventory, candidates, result) of the actor's organisation."""
    with session(store) as s:
        proj = carving_projects.get(s, project_id)
        if proj is None:
            require_role(s, actor, "consultant", "admin")
            raise AccessDenied(DENIED)  # same answer as for someone else's: reveals nothing
        org_for(s, actor, proj.organisation_id)
        return {
            "id": proj.id,
            "organisation_id": proj.organisation_id,
            "name": proj.name,
            "created_at": proj.created_at,
            "inventory": proj.inventory,
            "candidates": proj.candidates,
            "result": proj.result,
        }
