"""Placements in the store: role checks, check-ins by link and in a session, signals."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from inclusief.errors import AccessDenied, InputError
from inclusief.services import organisations
from inclusief.services import placements as svc
from inclusief.services.placements import SchemeView, at_noon

START = date(2026, 1, 5)


@pytest.fixture
def org(store, consultant):
    return organisations.create_organisation(
        actor=consultant,
        name="Bakkerij Test",
        sector="industrie",
        size_class="10-49",
        region="Utrecht",
        store=store,
    )


def _add(store, actor, org_id, **extra):
    fields = dict(
        actor=actor,
        organisation_id=org_id,
        candidate_pseudonym="K-017",
        start_date=START,
        contract_type="bepaalde_tijd",
        hours_per_week=24,
        route="wajong",
        job_title="Medewerker inpak",
        schemes=[SchemeView(code="jobcoach_extern", until=date(2026, 7, 1))],
        jobcoach="Jobcoach Jansen",
        contract_end=date(2027, 1, 4),
        store=store,
    )
    fields.update(extra)
    return svc.add_placement(**fields)


def test_add_list_show_and_end(store, consultant, org) -> None:
    p = _add(store, consultant, org.id)
    assert p.job_title == "Medewerker inpak" and p.route == "wajong" and p.active
    assert [x.id for x in svc.list_placements(actor=consultant, store=store)] == [p.id]
    shown = svc.get_placement(actor=consultant, placement_id=p.id, store=store)
    assert shown.schemes == [SchemeView(code="jobcoach_extern", until=date(2026, 7, 1))]
    ended = svc.end_placement(
        actor=consultant,
        placement_id=p.id,
        end_date=date(2026, 9, 1),
        reason="conflict",
        store=store,
    )
    assert ended.end_reason == "conflict" and not ended.active
    assert svc.list_placements(actor=consultant, active_only=True, store=store) == []
    with pytest.raises(InputError, match="al beëindigd"):
        svc.end_placement(
            actor=consultant,
            placement_id=p.id,
            end_date=date(2026, 9, 2),
            reason="overig",
            store=store,
        )


def test_other_consultant_researcher_and_admin_see_nothing(
    store, consultant, other_consultant, researcher, admin, org
) -> None:
    p = _add(store, consultant, org.id)
    for actor in (other_consultant, researcher, admin):
        with pytest.raises(AccessDenied):
            svc.get_placement(actor=actor, placement_id=p.id, store=store)
        with pytest.raises(AccessDenied):
            svc.start_checkin(
                actor=actor, placement_id=p.id, point="w2", respondent="worker", store=store
            )
    assert svc.list_placements(actor=other_consultant, store=store) == []
    with pytest.raises(AccessDenied):  # nor may they place someone at another's employer
        _add(store, other_consultant, org.id)
    with pytest.raises(AccessDenied):  # a missing placement gives the same answer
        svc.get_placement(actor=consultant, placement_id=p.id + 99, store=store)


def test_bad_input_names_the_field(store, consultant, org) -> None:
    with pytest.raises(InputError, match="route"):
        _add(store, consultant, org.id, route="onzin")
    with pytest.raises(InputError, match="schemes\\[0\\]"):
        _add(store, consultant, org.id, schemes=[{"code": "geld"}])
    with pytest.raises(InputError, match="hours_per_week"):
        _add(store, consultant, org.id, hours_per_week=0)
    with pytest.raises(InputError, match="job_title"):
        _add(store, consultant, org.id, job_title="  ")
    with pytest.raises(InputError, match="stuurteken"):
        _add(store, consultant, org.id, candidate_pseudonym="K\x00")


def test_worker_fills_in_by_link_and_the_signal_appears(store, consultant, org) -> None:
    p = _add(store, consultant, org.id)
    c = svc.start_checkin(
        actor=consultant,
        placement_id=p.id,
        point="w2",
        respondent="worker",
        mode="link",
        store=store,
    )
    token = svc.create_checkin_link(actor=consultant, checkin_id=c.id, store=store)
    worker = svc.open_checkin_by_token(token, store=store)
    view = svc.get_checkin(actor=worker, checkin_id=c.id, store=store)
    assert view.organisation_name == "Bakkerij Test" and view.respondent == "worker"
    q = svc.checkin_questionnaire(actor=worker, checkin_id=c.id, store=store)
    for item in q.item_ids:
        svc.save_checkin_answer(actor=worker, checkin_id=c.id, item_id=item, value=3, store=store)
    svc.save_checkin_answer(
        actor=worker, checkin_id=c.id, item_id="wn_energie", value=1, store=store
    )
    with pytest.raises(InputError, match="geen antwoord"):
        svc.save_checkin_answer(
            actor=worker, checkin_id=c.id, item_id="wn_werk", value=5, store=store
        )
    with pytest.raises(AccessDenied):  # the link is worth this check-in only
        svc.get_checkin(actor=worker, checkin_id=c.id + 1, store=store)
    done = svc.finish_checkin(
        actor=worker,
        checkin_id=c.id,
        comment="Fijn werk",
        now=at_noon(START + timedelta(days=14)),
        store=store,
    )
    assert done.status == "finished" and done.overall is not None and 80 < done.overall < 100
    with pytest.raises(AccessDenied):  # finishing closes the link
        svc.open_checkin_by_token(token, store=store)
    signals = svc.open_signals(actor=consultant, today=START + timedelta(days=15), store=store)
    low = [v for v in signals if v.signal.rule_id == "weinig_energie"]
    assert len(low) == 1
    assert low[0].signal.cause == f"checkin {c.id}: wn_energie = 1"
    assert (
        "Heb je genoeg energie" in low[0].signal.explanation and "Nee" in low[0].signal.explanation
    )
    # an action on the signal's key closes it
    svc.add_entry(
        actor=consultant,
        placement_id=p.id,
        kind="action",
        on=START + timedelta(days=15),
        text="Uren en pauzes besproken",
        signal_key=low[0].signal.key,
        store=store,
    )
    keys = {
        v.signal.key
        for v in svc.open_signals(actor=consultant, today=START + timedelta(days=15), store=store)
    }
    assert low[0].signal.key not in keys


def test_link_of_another_store_row_or_bad_token(store) -> None:
    for token in ("", "x" * 300, "not-a-token"):
        with pytest.raises(AccessDenied):
            svc.open_checkin_by_token(token, store=store)


def test_due_and_timeline(store, consultant, org) -> None:
    p = _add(store, consultant, org.id)
    due = svc.due_checkins(actor=consultant, today=START + timedelta(days=10), store=store)
    assert {(d.point, d.respondent, d.status) for d in due} == {
        ("w2", "worker", "due"),
        ("w2", "employer", "due"),
    }
    svc.add_entry(
        actor=consultant,
        placement_id=p.id,
        kind="hours",
        on=START + timedelta(days=20),
        hours=16,
        store=store,
    )
    svc.add_entry(
        actor=consultant,
        placement_id=p.id,
        kind="event",
        event_kind="conflict",
        on=START + timedelta(days=21),
        text="Ruzie met collega",
        store=store,
    )
    items = svc.timeline(
        actor=consultant, placement_id=p.id, today=START + timedelta(days=25), store=store
    )
    kinds = [i.kind for i in items]
    assert kinds[0] == "start" and "hours" in kinds and "event" in kinds
    svc.set_decision(
        actor=consultant,
        placement_id=p.id,
        decision="vast",
        on=START + timedelta(days=22),
        store=store,
    )
    items = svc.timeline(
        actor=consultant, placement_id=p.id, today=START + timedelta(days=25), store=store
    )
    decision = next(i for i in items if i.kind == "decision")
    assert (decision.on, decision.detail) == (START + timedelta(days=22), "Wordt een vast contract")
    rules = {i.title for i in items if i.kind == "signal"}
    assert "Uren gedaald" in rules and "Conflict vastgelegd" in rules
    with pytest.raises(InputError, match="event_kind"):
        svc.add_entry(
            actor=consultant,
            placement_id=p.id,
            kind="event",
            event_kind="brand",
            on=START,
            store=store,
        )


def test_session_checkin_by_consultant(store, consultant, org) -> None:
    p = _add(store, consultant, org.id)
    c = svc.start_checkin(
        actor=consultant,
        placement_id=p.id,
        point="w6",
        respondent="employer",
        mode="session",
        store=store,
    )
    svc.save_checkin_answer(
        actor=consultant, checkin_id=c.id, item_id="wg_doorgaan", value=2, store=store
    )
    svc.finish_checkin(
        actor=consultant, checkin_id=c.id, now=at_noon(START + timedelta(days=42)), store=store
    )
    sig = svc.placement_signals(
        actor=consultant, placement_id=p.id, today=START + timedelta(days=43), store=store
    )
    assert sig[0].rule_id == "werkgever_stopt_waarschijnlijk" and sig[0].level == "urgent"


def test_demo_seeds_a_spread_of_outcomes(store) -> None:
    from inclusief.services import accounts, demo

    demo.seed(store)
    consultant = accounts.authenticate(demo.DEMO_USERS[0][0], demo.DEMO_PASSWORD, store=store)
    seeded = svc.list_placements(actor=consultant, store=store)
    ended = [p for p in seeded if p.end_date is not None]
    assert len(seeded) >= 20 and 5 <= len(ended) <= 10
    assert {p.end_reason for p in ended} >= {"functioneren", "conflict", "ander_werk"}
    levels = {v.signal.level for v in svc.open_signals(actor=consultant, store=store)}
    assert levels == {"aandacht", "zorg", "urgent"}
    demo.seed(store)  # a second run adds nothing
    assert len(svc.list_placements(actor=consultant, store=store)) == len(seeded)


def test_the_avg_export_of_an_organisation_holds_its_placements(store, consultant, org) -> None:
    """AVG: the organisation's export carries every placement with its timeline."""
    import json

    from inclusief.services import organisations

    p = _add(store, consultant, org.id)
    out = organisations.export_organisation(actor=consultant, organisation_id=org.id, store=store)
    json.dumps(out)  # JSON-able throughout
    [placement] = out["placements"]
    assert placement["id"] == p.id and placement["candidate_pseudonym"] == "K-017"
    assert placement["start_date"] == START.isoformat()
