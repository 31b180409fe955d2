"""Save and resume, finish and reopen, notes and actions, trend, AVG delete and export."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from inclusief.errors import AccessDenied, InputError
from inclusief.services import admin as admin_service
from inclusief.services import carving as carving_service
from inclusief.services import invitations, notes, organisations
from inclusief.services import pso as pso_service
from inclusief.services import scan as scan_svc
from inclusief.store.tables import (
    ActionItem,
    Answer,
    AuditEntry,
    CarvingProject,
    Invitation,
    Note,
    PsoRecord,
)


@pytest.fixture
def scan(store, consultant, new_scan):
    return new_scan(consultant, name="Bakkerij Testmans")


def _count(store, table, **where) -> int:
    with store.session() as s:
        query = select(func.count()).select_from(table)
        for key, value in where.items():
            query = query.where(getattr(table, key) == value)
        return int(s.scalar(query))


def _answer_all(store, actor, assessment_id, q, value=4) -> None:
    for _dim, item, _scale in q.iter_items():
        scan_svc.save_answer(
            actor=actor, assessment_id=assessment_id, item_id=item.id, value=value, store=store
        )


def test_overwrite_last_write_wins_one_row(store, consultant, scan) -> None:
    for value in (1, 5, 2, None, 3):
        scan_svc.save_answer(
            actor=consultant,
            assessment_id=scan.assessment_id,
            item_id="dr01",
            value=value,
            store=store,
        )
    assert _count(store, Answer, assessment_id=scan.assessment_id) == 1
    answers = scan_svc.answers_of(actor=consultant, assessment_id=scan.assessment_id, store=store)
    assert answers == {"dr01": 3}


def test_resume_gives_every_answer_and_first_open_step(
    store, consultant, scan, werkgeversscan
) -> None:
    q = werkgeversscan
    given = {}
    for dim in q.dimensions[:2]:  # two full steps
        for item in dim.items:
            given[item.id] = 4
    third = q.dimensions[2].items
    given[third[0].id] = 9  # "don't know" is an answer
    given[q.dimensions[4].items[0].id] = 2  # a later step, partly answered
    for item_id, value in given.items():
        scan_svc.save_answer(
            actor=consultant,
            assessment_id=scan.assessment_id,
            item_id=item_id,
            value=value,
            store=store,
        )
    state = scan_svc.resume_state(actor=consultant, assessment_id=scan.assessment_id, store=store)
    assert state.answers == given
    assert state.step == 2
    assert not state.finished
    assert (state.questionnaire_id, state.version) == ("werkgeversscan", q.version)


def test_resume_when_everything_is_answered_goes_to_last_step(
    store, consultant, scan, werkgeversscan
) -> None:
    _answer_all(store, consultant, scan.assessment_id, werkgeversscan)
    state = scan_svc.resume_state(actor=consultant, assessment_id=scan.assessment_id, store=store)
    from inclusief.questionnaires.progress import n_steps

    assert state.step == n_steps(werkgeversscan) - 1


def test_store_backend_reload_resumes_at_first_open_step(
    store, consultant, scan, werkgeversscan
) -> None:
    token = invitations.create_invitation(
        actor=consultant, assessment_id=scan.assessment_id, store=store
    )
    employer = invitations.open_by_token(token, store=store)
    backend = scan_svc.StoreBackend(employer, scan.assessment_id, store=store)
    assert backend.on_server
    assert backend.load().step == 0
    for item in werkgeversscan.dimensions[0].items:
        backend.save_answer(item.id, 3)
    backend.save_step(3)  # the respondent browses ahead
    assert backend.load().step == 3  # same page session: stays where it is
    backend.save_support_needs([werkgeversscan.support_needs.options[0].id])

    reloaded = scan_svc.StoreBackend(
        invitations.open_by_token(token, store=store), scan.assessment_id, store
    )
    progress = reloaded.load()
    assert progress.step == 1  # first step with an unanswered item
    assert progress.answers == {i.id: 3 for i in werkgeversscan.dimensions[0].items}
    assert progress.support_needs == [werkgeversscan.support_needs.options[0].id]

    reloaded.save_step(99)  # clamped to the last step
    from inclusief.questionnaires.progress import n_steps

    assert reloaded.load().step == n_steps(werkgeversscan) - 1


def test_finish_locks_and_consultant_reopens(store, consultant, scan, werkgeversscan) -> None:
    token = invitations.create_invitation(
        actor=consultant, assessment_id=scan.assessment_id, store=store
    )
    employer = invitations.open_by_token(token, store=store)
    backend = scan_svc.StoreBackend(employer, scan.assessment_id, store=store)
    backend.save_answer("dr01", 2)
    backend.finish()
    assert backend.load().finished
    view = scan_svc.get_assessment(actor=consultant, assessment_id=scan.assessment_id, store=store)
    assert view.status == "finished" and view.finished_at is not None
    backend.finish()  # a second finish (double click, reload) keeps the first time
    again = scan_svc.get_assessment(actor=consultant, assessment_id=scan.assessment_id, store=store)
    assert again.finished_at == view.finished_at
    for actor in (employer, consultant):
        with pytest.raises(InputError):
            scan_svc.save_answer(
                actor=actor,
                assessment_id=scan.assessment_id,
                item_id="dr01",
                value=5,
                store=store,
            )
    with pytest.raises(InputError):
        backend.save_support_needs([])
    with pytest.raises(AccessDenied):
        scan_svc.reopen_assessment(actor=employer, assessment_id=scan.assessment_id, store=store)

    scan_svc.reopen_assessment(actor=consultant, assessment_id=scan.assessment_id, store=store)
    view = scan_svc.get_assessment(actor=consultant, assessment_id=scan.assessment_id, store=store)
    assert view.status == "open" and view.finished_at is None
    backend.save_answer("dr01", 5)
    assert scan_svc.answers_of(actor=consultant, assessment_id=scan.assessment_id, store=store) == {
        "dr01": 5
    }


@pytest.mark.parametrize(
    ("item_id", "value"),
    [("nope", 3), ("dr01", 0), ("dr01", 6), ("dr01", 8), ("dr01", -1)],
)
def test_invalid_item_or_code(store, consultant, scan, item_id: str, value: int) -> None:
    with pytest.raises(InputError):
        scan_svc.save_answer(
            actor=consultant,
            assessment_id=scan.assessment_id,
            item_id=item_id,
            value=value,
            store=store,
        )
    assert _count(store, Answer) == 0


def test_invalid_support_need(store, consultant, scan) -> None:
    with pytest.raises(InputError):
        scan_svc.save_support_needs(
            actor=consultant, assessment_id=scan.assessment_id, options=["nope"], store=store
        )


def test_notes_roundtrip_and_overwrite(store, consultant, scan) -> None:
    aid = scan.assessment_id
    notes.set_note(
        actor=consultant, assessment_id=aid, dimension_id="beleid", text="a", store=store
    )
    notes.set_note(
        actor=consultant, assessment_id=aid, dimension_id="werving", text="b", store=store
    )
    notes.set_note(
        actor=consultant, assessment_id=aid, dimension_id="beleid", text="c", store=store
    )
    assert notes.list_notes(actor=consultant, assessment_id=aid, store=store) == {
        "beleid": "c",
        "werving": "b",
    }
    assert _count(store, Note) == 2


def test_note_on_unknown_dimension_is_input_error(store, consultant, scan) -> None:
    with pytest.raises(InputError):
        notes.set_note(
            actor=consultant,
            assessment_id=scan.assessment_id,
            dimension_id="nope",
            text="x",
            store=store,
        )


def test_actions_roundtrip(store, consultant, scan) -> None:
    aid = scan.assessment_id
    first = notes.add_action(
        actor=consultant,
        assessment_id=aid,
        what=" Werkplek aanpassen ",
        who="HR",
        due=date(2026, 6, 1),
        store=store,
    )
    notes.add_action(
        actor=consultant, assessment_id=aid, what="Buddy", who="", due=None, store=store
    )
    notes.set_action_done(actor=consultant, action_id=first.id, done=True, store=store)
    actions = notes.list_actions(actor=consultant, assessment_id=aid, store=store)
    assert [(a.what, a.who, a.due, a.done) for a in actions] == [
        ("Werkplek aanpassen", "HR", date(2026, 6, 1), True),
        ("Buddy", "", None, False),
    ]
    with pytest.raises(InputError):
        notes.add_action(
            actor=consultant, assessment_id=aid, what="  ", who="", due=None, store=store
        )


def test_trend_has_rows_for_finished_assessments(
    store, consultant, scan, werkgeversscan, werkgeversscan2
) -> None:
    """A 1.0 scan, then a new one (2.0, the default): each row names its version, each
    scan is scored with its own version, and the chart data shows the change."""
    from inclusief.questionnaires.charts import version_changes

    assert scan_svc.trend(actor=consultant, organisation_id=scan.organisation_id, store=store).empty
    _answer_all(store, consultant, scan.assessment_id, werkgeversscan, value=4)
    scan_svc.finish_assessment(actor=consultant, assessment_id=scan.assessment_id, store=store)
    second = scan_svc.create_assessment(
        actor=consultant, organisation_id=scan.organisation_id, mode="session", store=store
    )
    assert second.questionnaire_version == "2.0"
    for item in werkgeversscan2.scored_items:  # open: not in the trend
        scan_svc.save_answer(
            actor=consultant, assessment_id=second.id, item_id=item.id, value=2, store=store
        )
    frame = scan_svc.trend(actor=consultant, organisation_id=scan.organisation_id, store=store)
    assert list(frame.columns) == ["date", "dimension", "score", "version"]
    assert len(frame) == 1 + len(werkgeversscan.dimensions)
    assert "Totaal" in set(frame["dimension"])
    assert set(frame["version"]) == {"1.0"}
    scan_svc.finish_assessment(actor=consultant, assessment_id=second.id, store=store)
    frame = scan_svc.trend(actor=consultant, organisation_id=scan.organisation_id, store=store)
    assert len(frame) == 2 + len(werkgeversscan.dimensions) + len(werkgeversscan2.dimensions)
    assert frame["date"].nunique() == 2
    # the stored 1.0 scan is still scored as 1.0: its dimension names stay
    first = frame[frame["version"] == "1.0"]
    assert set(first["dimension"]) == {"Totaal"} | {d.name.nl for d in werkgeversscan.dimensions}
    changes = version_changes(frame)
    assert changes[["version_from", "version_to"]].values.tolist() == [["1.0", "2.0"]]


def _fill_everything(store, consultant, scan) -> str:
    aid, oid = scan.assessment_id, scan.organisation_id
    scan_svc.save_answer(actor=consultant, assessment_id=aid, item_id="dr01", value=4, store=store)
    scan_svc.save_answer(actor=consultant, assessment_id=aid, item_id="dr02", value=9, store=store)
    scan_svc.save_support_needs(actor=consultant, assessment_id=aid, options=[], store=store)
    notes.set_note(
        actor=consultant, assessment_id=aid, dimension_id="beleid", text="n", store=store
    )
    notes.add_action(
        actor=consultant, assessment_id=aid, what="Plan", who="HR", due=None, store=store
    )
    pso_service.save_pso(
        actor=consultant,
        organisation_id=oid,
        year=2026,
        inputs={"fte": 10},
        result={"trede": 3},
        store=store,
    )
    carving_service.save_carving_project(
        actor=consultant,
        organisation_id=oid,
        name="Keuken",
        inventory={"taken": ["afwas"]},
        candidates=[{"taak": "afwas"}],
        result=None,
        store=store,
    )
    return invitations.create_invitation(actor=consultant, assessment_id=aid, store=store)


def test_export_contains_everything(store, consultant, scan) -> None:
    _fill_everything(store, consultant, scan)
    out = organisations.export_organisation(
        actor=consultant, organisation_id=scan.organisation_id, store=store
    )
    assert out["organisation"]["name"] == "Bakkerij Testmans"
    (a,) = out["assessments"]
    assert a["id"] == scan.assessment_id
    assert a["answers"] == {"dr01": 4, "dr02": 9}
    assert a["notes"] == {"beleid": "n"}
    assert [x["what"] for x in a["actions"]] == ["Plan"]
    assert a["support_needs"] == []
    assert out["pso"] == [{"year": 2026, "inputs": {"fte": 10}, "result": {"trede": 3}}]
    assert out["carving_projects"][0]["name"] == "Keuken"
    assert out["carving_projects"][0]["candidates"] == [{"taak": "afwas"}]
    import json

    json.dumps(out)  # JSON-able as promised


def test_avg_delete_removes_everything_and_audits_without_name(
    store, consultant, other_consultant, scan, new_scan
) -> None:
    keep = new_scan(other_consultant, name="Blijft Bestaan BV")
    scan_svc.save_answer(
        actor=other_consultant,
        assessment_id=keep.assessment_id,
        item_id="dr01",
        value=1,
        store=store,
    )
    token = _fill_everything(store, consultant, scan)
    organisations.delete_organisation(
        actor=consultant, organisation_id=scan.organisation_id, store=store
    )

    for table in (Note, ActionItem, Invitation):
        assert _count(store, table, assessment_id=scan.assessment_id) == 0
    assert _count(store, Answer, assessment_id=scan.assessment_id) == 0
    for table in (PsoRecord, CarvingProject):
        assert _count(store, table) == 0
    assert _count(store, Answer, assessment_id=keep.assessment_id) == 1  # others untouched
    assert organisations.list_organisations(actor=consultant, store=store) == []
    with pytest.raises(AccessDenied):
        invitations.open_by_token(token, store=store)

    with store.session() as s:
        entries = list(
            s.scalars(select(AuditEntry).where(AuditEntry.action == "organisation.delete"))
        )
        everything = repr([(e.actor, e.details) for e in s.scalars(select(AuditEntry))])
    assert len(entries) == 1
    assert entries[0].object_id == scan.organisation_id
    assert entries[0].actor == consultant.label
    assert "Bakkerij Testmans" not in everything
    assert "Testmans" not in repr(entries[0].details)


def test_an_upload_may_not_reuse_a_shipped_version(store, admin) -> None:
    """Stored versions are cached by id + version, so a shipped version cannot be replaced."""
    from importlib import resources

    text = (
        resources.files("inclusief.questionnaires") / "definitions" / "werkgeversscan.yaml"
    ).read_text(encoding="utf-8")
    with pytest.raises(InputError, match="shipped already"):
        admin_service.upload_questionnaire(actor=admin, yaml_text=text, store=store)
    q = admin_service.upload_questionnaire(
        actor=admin, yaml_text=text.replace('version: "1.0"', 'version: "1.1"', 1), store=store
    )
    assert q.version == "1.1"
    admin_service.activate_questionnaire(
        actor=admin, questionnaire_id="werkgeversscan", version="1.1", store=store
    )
    assert scan_svc.get_questionnaire("werkgeversscan", store=store).version == "1.1"
    assert scan_svc.get_questionnaire("werkgeversscan", "1.0", store=store).version == "1.0"


def test_notes_and_actions_are_audited(store, consultant, scan) -> None:
    """Who wrote a note or changed the action plan, and when, is in the audit log."""
    aid = scan.assessment_id
    notes.set_note(
        actor=consultant, assessment_id=aid, dimension_id="beleid", text="a", store=store
    )
    item = notes.add_action(
        actor=consultant, assessment_id=aid, what="Buddy", who="", due=None, store=store
    )
    notes.set_action_done(actor=consultant, action_id=item.id, done=True, store=store)
    with store.session() as s:
        rows = [
            (e.actor, e.action, e.object_id)
            for e in s.scalars(
                select(AuditEntry)
                .where(AuditEntry.action.in_(["note.set", "action.add", "action.done"]))
                .order_by(AuditEntry.id)
            )
        ]
    assert [r[1] for r in rows] == ["note.set", "action.add", "action.done"]
    assert {r[0] for r in rows} == {consultant.label} and {r[2] for r in rows} == {aid}
