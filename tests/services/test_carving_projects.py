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
