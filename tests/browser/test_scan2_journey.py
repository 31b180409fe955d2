"""Werkgeversscan 2.0 in a real browser (issue 20): an employer answers every item type
through an invitation link; the result shows the combined advice and the employer's own
werkgeversservicepunt, and passes axe-core."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_helpers import answer_item, shot, wait_for_app

from inclusief.questionnaires.load import load_shipped
from inclusief.questionnaires.regions import region_for
from inclusief.services import accounts, invitations, organisations, scan
from inclusief.services.demo import DEMO_PASSWORD, MUNICIPALITY, NAMED

pytestmark = pytest.mark.browser
Q = load_shipped("werkgeversscan", "2.0")


def serious_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    result = Axe().run(page)
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def answers() -> dict[str, int]:
    """Strong drives and weak policy (the combined rule wil_zonder_beleid fires), and an
    answer of every kind: yes/no, a number, weet ik niet, choose several, choose one, and
    niet van toepassing."""
    out = {}
    for item in Q.scored_items:
        scale = Q.scale(item.scale)
        high, low = (scale.min, scale.max) if item.reverse else (scale.max, scale.min)
        out[item.id] = low if item.dimension == "beleid" else high
    out["vt03"] = 2
    out["ev02"] = 8  # niet van toepassing
    return out | {
        "ev_nu": 1,
        "ev_aantal": 3,
        "ev_vormen": 1 | 8,
        "pl_doel": 0,
        "in_aantal": -9,
        "in_vorm": 2,
    }


def test_employer_answers_every_item_type_and_sees_combined_and_regional_advice(
    page, app_url, app_store
) -> None:
    consultant = accounts.authenticate(
        "consultant@demo.inclusief.nl", DEMO_PASSWORD, store=app_store
    )
    org = next(
        o
        for o in organisations.list_organisations(actor=consultant, store=app_store)
        if o.name == NAMED[0][0]
    )
    a = scan.create_assessment(
        actor=consultant, organisation_id=org.id, mode="self", store=app_store
    )
    assert a.questionnaire_version == "2.0"
    token = invitations.create_invitation(actor=consultant, assessment_id=a.id, store=app_store)
    key = f"invite_{a.id}"
    given = answers()

    page.goto(f"{app_url}/?token={token}")
    wait_for_app(page)
    page.get_by_text("doelgroepregister").first.wait_for()  # the glossary opens the scan
    assert serious_violations(page) == []
    for dim in Q.dimensions:
        page.get_by_role("heading", name=dim.name.nl).wait_for()
        for item in dim.items:
            if item.id in given:
                answer_item(page, Q, item, given[item.id], key=key)
        if dim.id == "ervaring":
            assert serious_violations(page) == []  # checkboxes and a number field
        page.get_by_role("button", name="Volgende").click()
        wait_for_app(page)
    stored = scan.answers_of(actor=consultant, assessment_id=a.id, store=app_store)
    assert {k: stored.get(k) for k in given} == given
    page.get_by_role("button", name="Afronden").click()
    page.get_by_role("heading", name="Scan afronden?").wait_for()  # the confirmation (#15)
    wait_for_app(page)
    page.get_by_role("button", name="Ja, afronden").click()
    page.get_by_role("heading", name="Uw resultaat").wait_for()
    wait_for_app(page)
    page.get_by_role("heading", name="Ons advies").wait_for()
    assert page.get_by_text("Uw uitkomsten samen").first.is_visible()
    assert page.get_by_role("heading", name="Hier begint u mee").is_visible()
    region = region_for(MUNICIPALITY[NAMED[0][3]])
    page.get_by_role("heading", name=f"Hulp in uw regio {region.name}").wait_for()
    assert page.get_by_text("UWV").first.is_visible()
    assert serious_violations(page) == []
    shot(page, "scan2-result")
