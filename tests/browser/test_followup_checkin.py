"""A worker fills in a check-in on a phone (390 x 844) and the consultant sees the signal."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_helpers import wait_for_app

from inclusief.questionnaires.load import load_shipped
from inclusief.services import accounts, organisations
from inclusief.services import placements as svc
from inclusief.services.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser
WORKER = load_shipped("followup_werknemer")


def serious_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    result = Axe().run(page)
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_worker_checkin_on_a_phone_then_the_consultant_sees_the_signal(
    browser, app_url, app_store
) -> None:
    consultant = accounts.authenticate(
        "consultant@demo.inclusief.nl", DEMO_PASSWORD, store=app_store
    )
    org = organisations.list_organisations(actor=consultant, store=app_store)[0]
    placed = svc.add_placement(
        actor=consultant, organisation_id=org.id, candidate_pseudonym="Telefoon-1",
        start_date=date.today() - timedelta(days=14), contract_type="bepaalde_tijd",
        hours_per_week=16, route="vso_pro", job_title="Magazijnmedewerker", store=app_store,
    )  # fmt: skip
    c = svc.start_checkin(
        actor=consultant, placement_id=placed.id, point="w2", respondent="worker", mode="link",
        store=app_store,
    )  # fmt: skip
    token = svc.create_checkin_link(actor=consultant, checkin_id=c.id, store=app_store)

    phone = browser.new_context(
        locale="nl-NL", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = phone.new_page()
    page.set_default_timeout(20_000)
    try:
        page.goto(f"{app_url}/?checkin={token}")
        wait_for_app(page)
        page.get_by_role("heading", name="Hoe gaat het op je werk?").wait_for()
        assert page.get_by_role("img", name="Iemand aan het werk met gereedschap").is_visible()
        assert serious_violations(page) == []
        for item in WORKER.items:
            group = page.get_by_role("radiogroup", name=item.text.nl)
            scale = WORKER.scale(item.scale)
            low = item.id == "wn_energie" or item.reverse
            group.get_by_text(scale.options[0 if low else -1].label.nl, exact=True).click()
            wait_for_app(page)
            page.get_by_role("button", name="Volgende").click()
            wait_for_app(page)
        # the page fits the phone: nothing wider than the viewport
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.get_by_role("button", name="Versturen").click()
        page.get_by_text("Dank je wel! Je antwoorden zijn verstuurd.").wait_for()
        assert serious_violations(page) == []
    finally:
        phone.close()

    desk = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = desk.new_page()
    page.set_default_timeout(20_000)
    try:
        page.goto(f"{app_url}/login")
        wait_for_app(page)
        page.get_by_label("E-mailadres").fill("consultant@demo.inclusief.nl")
        page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        page.get_by_text("Ingelogd als").wait_for()
        page.get_by_role("link", name="Plaatsingen volgen").click()
        wait_for_app(page)
        page.get_by_role("heading", name="Open signalen").first.wait_for()
        card = page.get_by_text("Telefoon-1", exact=False).filter(
            has_text="Werknemer heeft weinig energie"
        )
        card.first.wait_for()
        assert serious_violations(page) == []
    finally:
        desk.close()
