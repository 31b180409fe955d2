"""Role x action matrix for the store services: every cell is allowed or AccessDenied.

Actors act on one organisation ("the org", owned by ``owner``) and its open assessment.
The rules (module docstring of ``inclusief.services.access``):

- consultant: only organisations they own and everything under them;
- researcher: only ``research_rows``;
- admin: users, reassignment, questionnaire versions, and may read organisations;
- employer session: only its own assessment and its result.

Two cells follow the code rather than the letter of the docstring and are pinned here on
purpose: an admin may ``export_organisation`` and ``delete_organisation`` (both use
``admin_ok=True``), although the docstring only grants admins *reading* organisations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from inclusief.errors import AccessDenied
from inclusief.questionnaires.load import load_shipped
from inclusief.services import accounts, invitations, notes, organisations, scan
from inclusief.services import admin as admin_service
from inclusief.services import carving as carving_service
from inclusief.services import pso as pso_service
from inclusief.services import research as research_service
from inclusief.services.access import DENIED, INVALID_LINK

ACTORS = ("owner", "other", "researcher", "admin", "employer", "employer_other")


@dataclass
class World:
    store: Any
    actors: dict[str, Any]
    org_id: int
    assessment_id: int
    other_consultant_id: int


@pytest.fixture
def world(store, consultant, other_consultant, researcher, admin, new_scan) -> World:
    mine = new_scan(consultant, name="Eigen BV")
    theirs = new_scan(other_consultant, name="Andermans BV")
    token = invitations.create_invitation(
        actor=consultant, assessment_id=mine.assessment_id, store=store
    )
    token_other = invitations.create_invitation(
        actor=other_consultant, assessment_id=theirs.assessment_id, store=store
    )
    actors = {
        "owner": consultant,
        "other": other_consultant,
        "researcher": researcher,
        "admin": admin,
        "employer": invitations.open_by_token(token, store=store),
        "employer_other": invitations.open_by_token(token_other, store=store),
    }
    return World(store, actors, mine.organisation_id, mine.assessment_id, other_consultant.id)


def _list(w: World, actor: Any) -> None:
    ids = [o.id for o in organisations.list_organisations(actor=actor, store=w.store)]
    if w.org_id not in ids:  # allowed to call, but the organisation is not shown
        raise LookupError("hidden")


def _upload(w: World, actor: Any) -> None:
    from importlib import resources

    text = (
        resources.files("inclusief.questionnaires") / "definitions" / "werkgeversscan.yaml"
    ).read_text(encoding="utf-8")
    admin_service.upload_questionnaire(
        actor=actor, yaml_text=text.replace("1.0", "1.0-test", 1), store=w.store
    )


ACTIONS: dict[str, Callable[[World, Any], Any]] = {
    "list_organisations": _list,
    "get_organisation": lambda w, a: organisations.get_organisation(
        actor=a, organisation_id=w.org_id, store=w.store
    ),
    "create_assessment": lambda w, a: scan.create_assessment(
        actor=a, organisation_id=w.org_id, mode="session", store=w.store
    ),
    "save_answer": lambda w, a: scan.save_answer(
        actor=a, assessment_id=w.assessment_id, item_id="dr01", value=4, store=w.store
    ),
    "resume_state": lambda w, a: scan.resume_state(
        actor=a, assessment_id=w.assessment_id, store=w.store
    ),
    "assessment_result": lambda w, a: scan.assessment_result(
        actor=a, assessment_id=w.assessment_id, store=w.store
    ),
    "set_note": lambda w, a: notes.set_note(
        actor=a, assessment_id=w.assessment_id, dimension_id="beleid", text="x", store=w.store
    ),
    "add_action": lambda w, a: notes.add_action(
        actor=a, assessment_id=w.assessment_id, what="Plan", who="HR", due=None, store=w.store
    ),
    "create_invitation": lambda w, a: invitations.create_invitation(
        actor=a, assessment_id=w.assessment_id, store=w.store
    ),
    "reopen_assessment": lambda w, a: scan.reopen_assessment(
        actor=a, assessment_id=w.assessment_id, store=w.store
    ),
    "delete_organisation": lambda w, a: organisations.delete_organisation(
        actor=a, organisation_id=w.org_id, store=w.store
    ),
    "export_organisation": lambda w, a: organisations.export_organisation(
        actor=a, organisation_id=w.org_id, store=w.store
    ),
    "research_rows": lambda w, a: research_service.research_rows(
        a, "werkgeversscan", store=w.store
    ),
    "upload_questionnaire": _upload,
    "list_users": lambda w, a: accounts.list_users(actor=a, store=w.store),
    "reassign_organisation": lambda w, a: organisations.reassign_organisation(
        actor=a, organisation_id=w.org_id, consultant_id=w.other_consultant_id, store=w.store
    ),
    "save_pso": lambda w, a: pso_service.save_pso(
        actor=a, organisation_id=w.org_id, year=2026, inputs={}, result={}, store=w.store
    ),
    "save_carving_project": lambda w, a: carving_service.save_carving_project(
        actor=a,
        organisation_id=w.org_id,
        name="Project",
        inventory={},
        candidates=[],
        result=None,
        store=w.store,
    ),
}

Y, N, H = "allowed", "denied", "hidden"
#                        owner other researcher admin employer employer_other
MATRIX: dict[str, tuple[str, ...]] = {
    "list_organisations": (Y, H, N, Y, N, N),
    "get_organisation": (Y, N, N, Y, N, N),
    "create_assessment": (Y, N, N, N, N, N),
    "save_answer": (Y, N, N, N, Y, N),
    "resume_state": (Y, N, N, N, Y, N),
    "assessment_result": (Y, N, N, N, Y, N),
    "set_note": (Y, N, N, N, N, N),
    "add_action": (Y, N, N, N, N, N),
    "create_invitation": (Y, N, N, N, N, N),
    "reopen_assessment": (Y, N, N, N, N, N),
    "delete_organisation": (Y, N, N, Y, N, N),  # admin: see the module docstring
    "export_organisation": (Y, N, N, Y, N, N),  # admin: see the module docstring
    "research_rows": (N, N, Y, N, N, N),
    "upload_questionnaire": (N, N, N, Y, N, N),
    "list_users": (N, N, N, Y, N, N),
    "reassign_organisation": (N, N, N, Y, N, N),
    "save_pso": (Y, N, N, N, N, N),
    "save_carving_project": (Y, N, N, N, N, N),
}

CELLS = [
    pytest.param(action, actor, MATRIX[action][i], id=f"{action}-{actor}")
    for action in ACTIONS
    for i, actor in enumerate(ACTORS)
]


def test_matrix_covers_every_action() -> None:
    assert set(MATRIX) == set(ACTIONS)
    assert all(len(row) == len(ACTORS) for row in MATRIX.values())


@pytest.mark.parametrize(("action", "actor", "expected"), CELLS)
def test_role_matrix(world: World, action: str, actor: str, expected: str) -> None:
    call = ACTIONS[action]
    if expected == N:
        with pytest.raises(AccessDenied) as info:
            call(world, world.actors[actor])
        # a refusal says nothing about the organisation or the assessment
        assert str(info.value) in {DENIED, INVALID_LINK}
        assert "Eigen BV" not in str(info.value)
    elif expected == H:
        with pytest.raises(LookupError, match="hidden"):
            call(world, world.actors[actor])
    else:
        call(world, world.actors[actor])


def test_refusals_change_nothing(world: World) -> None:
    """A denied write leaves no trace: the other consultant's save_answer stores nothing."""
    with pytest.raises(AccessDenied):
        ACTIONS["save_answer"](world, world.actors["other"])
    state = scan.resume_state(
        actor=world.actors["owner"], assessment_id=world.assessment_id, store=world.store
    )
    assert state.answers == {}


def test_unknown_ids_look_like_someone_elses(world: World) -> None:
    owner = world.actors["owner"]
    with pytest.raises(AccessDenied, match=DENIED):
        organisations.get_organisation(actor=owner, organisation_id=999_999, store=world.store)
    with pytest.raises(AccessDenied, match=DENIED):
        scan.resume_state(actor=owner, assessment_id=999_999, store=world.store)


def test_research_rows_carry_no_names(world: World, werkgeversscan) -> None:
    owner = world.actors["owner"]
    for _dim, item, _scale in werkgeversscan.iter_items():
        scan.save_answer(
            actor=owner,
            assessment_id=world.assessment_id,
            item_id=item.id,
            value=3,
            store=world.store,
        )
    scan.finish_assessment(actor=owner, assessment_id=world.assessment_id, store=world.store)
    rows = research_service.research_rows(
        world.actors["researcher"], "werkgeversscan", store=world.store
    )
    # a researcher's rows go through the anonymiser: no names, no internal ids, no exact
    # times, no province; one organisation is below k = 5, so its row is suppressed
    assert {"name", "organisation_id", "completed_at"}.isdisjoint(rows.columns)
    assert "Eigen BV" not in rows.to_csv()
    assert len(rows) == 0
    raw = research_service.research_rows(None, "werkgeversscan", store=world.store)
    assert len(raw) == 1 and raw.iloc[0]["dr01"] == 3  # the server's own raw rows


def test_reassigned_organisation_moves_with_its_consultant(world: World) -> None:
    organisations.reassign_organisation(
        actor=world.actors["admin"],
        organisation_id=world.org_id,
        consultant_id=world.other_consultant_id,
        store=world.store,
    )
    with pytest.raises(AccessDenied):
        organisations.get_organisation(
            actor=world.actors["owner"], organisation_id=world.org_id, store=world.store
        )
    assert (
        organisations.get_organisation(
            actor=world.actors["other"], organisation_id=world.org_id, store=world.store
        ).name
        == "Eigen BV"
    )


def test_shipped_questionnaire_is_werkgeversscan() -> None:
    assert load_shipped("werkgeversscan").version == "2.0"  # the newest; 1.0 stays loadable
    assert load_shipped("werkgeversscan", "1.0").version == "1.0"
