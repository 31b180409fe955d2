"""Names and notes typed by people are shown as typed: no link, no bold (issue #15)."""

from __future__ import annotations

import pytest
from browser_helpers import wait_for_app
from test_journeys import login

from inclusief.services import accounts, invitations, notes, organisations, scan
from inclusief.services.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser
NAME = "[Klik hier](https://example.com) **x**"


def _no_markup(page) -> None:  # type: ignore[no-untyped-def]
    """The name reads exactly as typed (an invisible word joiner aside), with no link and no
    bold "x" anywhere in the main area."""
    main = page.locator('[data-testid="stMain"]')
    main.get_by_text("[Klik hier]").first.wait_for()
    assert NAME in main.inner_text().replace("\u2060", "")
    assert main.locator("a[href*='example.com']").count() == 0
    assert all(t.strip() != "x" for t in main.locator("strong, b").all_inner_texts())


def test_a_name_with_markdown_stays_text_for_employer_and_consultant(
    page, app_url, app_store
) -> None:
    consultant = accounts.authenticate(
        "consultant@demo.inclusief.nl", DEMO_PASSWORD, store=app_store
    )
    org = organisations.create_organisation(
        actor=consultant,
        name=NAME,
        sector="zorg",
        size_class="10-49",
        region="Utrecht",
        store=app_store,
    )
    a = scan.create_assessment(
        actor=consultant, organisation_id=org.id, mode="session", store=app_store
    )
    notes.set_note(
        actor=consultant,
        assessment_id=a.id,
        dimension_id="drijfveren",
        text="Zie **hier**: www.example.com",
        store=app_store,
    )
    notes.add_action(
        actor=consultant, assessment_id=a.id, what=NAME, who="**x**", due=None, store=app_store
    )
    token = invitations.create_invitation(actor=consultant, assessment_id=a.id, store=app_store)

    # the employer's page names the organisation, as text
    page.goto(f"{app_url}/?token={token}")
    wait_for_app(page)
    page.get_by_text("Scan voor [Klik hier]").wait_for()
    _no_markup(page)

    # the consultant's session page: the name, the note and the action plan
    login(page, app_url, "consultant@demo.inclusief.nl")
    page.get_by_label("Zoeken op naam of gemeente").fill("Klik hier")
    page.keyboard.press("Enter")
    wait_for_app(page)
    page.get_by_label("Kies een organisatie").click()
    page.keyboard.type("Klik hier")  # the list is long and virtual: filter it first
    page.get_by_role("option", name="Klik hier").first.click()
    wait_for_app(page)
    page.get_by_role("button", name="Openen").first.click()
    page.get_by_role("heading", name="Sessie met werkgever").wait_for()
    wait_for_app(page)
    _no_markup(page)
    assert page.locator('[data-testid="stMain"] a[href*="www.example.com"]').count() == 0
    # the signed-in name in the sidebar is text too (an e-mail address became a mailto link)
    assert page.locator('[data-testid="stSidebar"] a[href^="mailto:"]').count() == 0
