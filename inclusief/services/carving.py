"""Jobcarving as a use case: carve for the page, and projects kept with an organisation.

What is saved with a project (the result only when it belongs to exactly these tables) and
how a saved project is read back are decided here, not in the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from inclusief.errors import AccessDenied, InputError
from inclusief.jobcarving.model import Candidate, CarvedJob, CarvingResult, Inventory
from inclusief.jobcarving.optimise import carve
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


# -- the carving page's use cases -----------------------------------------------------------
@dataclass
class CarvingRun:
    """One carving as the page shows it: the input it ran on, the result and its case."""

    inventory: Inventory
    candidates: list[Candidate]
    result: CarvingResult


@dataclass
class OpenedProject:
    name: str
    inventory: Inventory
    candidates: list[Candidate]
    run: CarvingRun | None


def run_carving(
    inventory: Inventory,
    candidates: list[Candidate],
    *,
    time_limit: float,
    max_complexity: int | None = None,
) -> CarvingRun:
    """Carve jobs for the chosen candidates (the exact engine, with its time limit)."""
    if not candidates:
        raise InputError.single("candidates", "kies minstens één kandidaat", field="candidates")
    result = carve(inventory, candidates, time_limit=time_limit, max_complexity=max_complexity)
    return CarvingRun(inventory=inventory, candidates=list(candidates), result=result)


def result_belongs_to(
    run: CarvingRun | None, inventory: Inventory, candidates: list[Candidate]
) -> bool:
    """Whether a result may be saved with this inventory and these candidates: only when it
    was computed from exactly this inventory and from candidates that are all still there
    (a result for edited tables would describe another project)."""
    return (
        run is not None
        and run.inventory == inventory
        and all(c in candidates for c in run.candidates)
    )


def save_project(
    *,
    actor: Actor,
    organisation_id: int,
    name: str,
    inventory: Inventory,
    candidates: list[Candidate],
    run: CarvingRun | None,
    store: Store | None = None,
) -> int:
    """Save the project; the result goes with it only when it belongs to these tables."""
    keep = run if run is not None and result_belongs_to(run, inventory, candidates) else None
    return save_carving_project(
        actor=actor,
        organisation_id=organisation_id,
        name=name.strip() or inventory.title,
        inventory=inventory.model_dump(mode="json"),
        candidates=[c.model_dump(mode="json") for c in candidates],
        result=keep.result.model_dump(mode="json") if keep is not None else None,
        store=store,
    )


def open_project(*, actor: Actor, project_id: int, store: Store | None = None) -> OpenedProject:
    """A saved project as typed objects; one saved in a shape this version no longer reads
    gives an :class:`InputError` instead of half a project."""
    proj = get_carving_project(actor=actor, project_id=project_id, store=store)
    try:
        inventory = Inventory.model_validate(proj["inventory"])
        candidates = [Candidate.model_validate(c) for c in proj["candidates"]]
        result = CarvingResult.model_validate(proj["result"]) if proj["result"] else None
    except ValidationError:
        raise InputError.single(
            f"project {project_id}",
            "dit project is opgeslagen in een vorm die deze versie niet meer leest",
        ) from None
    run = None if result is None else CarvingRun(inventory, candidates, result)
    return OpenedProject(name=proj["name"], inventory=inventory, candidates=candidates, run=run)


def job_task_rows(
    inventory: Inventory, job: CarvedJob, candidate: Candidate | None, lang: str
) -> list[dict[str, Any]]:
    """The tasks of one carved job: name, category, source role, hours, liked."""
    return [
        {
            "name": tk.name,
            "category": inventory.category_name(tk.category, lang),
            "role": inventory.role(tk.role).name.get(lang),
            "hours": tk.hours_per_week,
            "liked": candidate is not None and candidate.likes_task(tk),
        }
        for tk in (inventory.task(tid) for tid in job.tasks)
    ]


def job_demands(inventory: Inventory, job: CarvedJob, dimensions: list[str]) -> dict[str, int]:
    """The job's required profile: the highest demand over its tasks, per dimension."""
    return {d: max(inventory.task(tid).demands.get(d, 0) for tid in job.tasks) for d in dimensions}
