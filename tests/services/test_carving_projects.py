"""Saved carving projects: a consultant reopens their own; nobody else can read them."""

from __future__ import annotations

import pytest

from inclusief.errors import AccessDenied
from inclusief.services import access
from inclusief.services import carving as carving_service

INVENTORY = {"id": "inv", "title": "Basisschool", "sector": "onderwijs", "roles": [], "tasks": []}
CANDIDATES = [{"id": "k1", "pseudonym": "Kandidaat A"}]
RESULT = {"status": "optimal", "jobs": []}


@pytest.fixture
def project(store, consultant, new_scan) -> int:
    org = new_scan(consultant, name="Basisschool De Regenboog").organisation_id
    return carving_service.save_carving_project(
        actor=consultant,
        organisation_id=org,
        name="Regenboog 2026",
        inventory=INVENTORY,
        candidates=CANDIDATES,
        result=RESULT,
        store=store,
    )


def test_a_consultant_reopens_their_own_project(store, consultant, project) -> None:
    """What was saved comes back as it was: inventory, candidates and result."""
    got = carving_service.get_carving_project(actor=consultant, project_id=project, store=store)
    assert got["id"] == project and got["name"] == "Regenboog 2026"
    assert got["inventory"] == INVENTORY
    assert got["candidates"] == CANDIDATES
    assert got["result"] == RESULT
    listed = carving_service.list_carving_projects(
        actor=consultant, organisation_id=got["organisation_id"], store=store
    )
    assert [p["id"] for p in listed] == [project]


def test_another_consultant_is_denied(store, other_consultant, project) -> None:
    with pytest.raises(AccessDenied):
        carving_service.get_carving_project(actor=other_consultant, project_id=project, store=store)


def test_a_researcher_is_denied(store, researcher, project) -> None:
    with pytest.raises(AccessDenied):
        carving_service.get_carving_project(actor=researcher, project_id=project, store=store)


def test_an_unknown_project_gets_the_same_answer(store, consultant) -> None:
    """A missing id is refused like someone else's project, so ids reveal nothing."""
    with pytest.raises(AccessDenied) as missing:
        carving_service.get_carving_project(actor=consultant, project_id=9999, store=store)
    assert str(missing.value) == access.DENIED


def test_a_project_in_an_unreadable_shape_opens_with_a_message(store, consultant, project) -> None:
    """The fixture's inventory lacks required fields: opening it says so, no traceback."""
    from inclusief.errors import InputError

    with pytest.raises(InputError, match="niet meer leest"):
        carving_service.open_project(actor=consultant, project_id=project, store=store)


def test_the_result_is_saved_only_with_the_tables_it_was_computed_from(
    store, consultant, new_scan
) -> None:
    from inclusief.jobcarving.examples import (
        candidates_for,
        example_candidates,
        example_inventories,
    )
    from inclusief.jobcarving.inventory import load_candidates, load_inventory

    inv = load_inventory(example_inventories()["primair_onderwijs"])
    cands = load_candidates(example_candidates()[candidates_for("primair_onderwijs")], inv)[:2]
    run = carving_service.run_carving(inv, cands, time_limit=20)
    org = new_scan(consultant, name="OBS De Linde").organisation_id
    same = carving_service.save_project(
        actor=consultant,
        organisation_id=org,
        name="",
        inventory=inv,
        candidates=cands,
        run=run,
        store=store,
    )
    opened = carving_service.open_project(actor=consultant, project_id=same, store=store)
    assert opened.name == inv.title  # an empty name becomes the inventory's title
    assert opened.run is not None and opened.run.result == run.result
    edited = inv.model_copy(update={"title": "Bewerkt"})
    other = carving_service.save_project(
        actor=consultant,
        organisation_id=org,
        name="Bewerkt",
        inventory=edited,
        candidates=cands,
        run=run,
        store=store,
    )
    assert carving_service.open_project(actor=consultant, project_id=other, store=store).run is None
