"""A candidate answers the easy-read intake on a phone, by touch and by keyboard, reloads
halfway and finds every answer; the consultant accepts the answers and carves a job with
that candidate. axe-core: no serious or critical findings on any intake step (issue #16)."""

from __future__ import annotations

import re

import pytest
from browser_helpers import wait_for_app
from test_guest_scan import serious_violations
from test_journeys import DEMO_PASSWORD, login

from inclusief.services import accounts, candidates
from inclusief.services import candidate_intake as intake

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
NAME = "Kandidaat Intake"


def _new_link(store) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    consultant = accounts.authenticate("consultant@demo.inclusief.nl", DEMO_PASSWORD, store=store)
    cid = candidates.create_candidate(
        actor=consultant,
        pseudonym=NAME,
        hours_min=8,
        hours_max=16,
        hourly_cost_eur=19.74,
        store=store,
    )
    return intake.create_intake_link(actor=consultant, candidate_id=cid, store=store), cid


def _option(page, question: str, option: str):  # type: ignore[no-untyped-def]
    return page.locator(f".st-key-intake_opt_link_{question}_{option} button")


def _step(page, n: int) -> None:  # type: ignore[no-untyped-def]
    page.get_by_text(f"Vraag {n} van 10").wait_for()
    wait_for_app(page)


def _tap(page, locator) -> None:  # type: ignore[no-untyped-def]
    locator.tap()
    wait_for_app(page)


def _key(page, locator) -> None:  # type: ignore[no-untyped-def]
    locator.focus()
    page.keyboard.press("Enter")
    wait_for_app(page)


def _choose(page, question: str, option: str, *, keyboard: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Choose an option of a multiple-choice question (touch or keyboard) and wait until
    the page shows it as chosen (the click reruns the page)."""
    button = _option(page, question, option)
    if keyboard:
        _key(page, button)
    else:
        _tap(page, button)
    page.locator(f".st-key-intake_opt_link_{question}_{option}").filter(
        has_text="gekozen"
    ).wait_for()


def _chosen(locator) -> bool:  # type: ignore[no-untyped-def]
    return "gekozen" in locator.inner_text()


def test_candidate_answers_on_a_phone_and_the_consultant_carves(
    browser, app_url, app_store, page
) -> None:
    token, cid = _new_link(app_store)
    phone = browser.new_context(locale="nl-NL", viewport=PHONE, has_touch=True, is_mobile=True)
    me = phone.new_page()
    me.set_default_timeout(20_000)
    problems: list[str] = []

    def axe(step: str) -> None:
        found = serious_violations(me)
        if found:
            problems.append(f"{step}: {found}")

    try:
        me.goto(f"{app_url}/?intake={token}")
        wait_for_app(me)
        me.get_by_role("heading", name="Over jou en werk").wait_for()
        axe("welcome")
        _tap(me, me.get_by_role("button", name="Beginnen"))

        _step(me, 1)  # liked work: one by touch, one by keyboard
        _choose(me, "likes", "schoonmaken")
        _choose(me, "likes", "klaarzetten", keyboard=True)
        assert _chosen(_option(me, "likes", "schoonmaken"))
        assert _chosen(_option(me, "likes", "klaarzetten"))
        axe("likes")
        _tap(me, me.get_by_role("button", name="Verder"))

        _step(me, 2)
        _choose(me, "dislikes", "computer")
        axe("dislikes")
        _tap(me, me.get_by_role("button", name="Verder"))

        _step(me, 3)
        for day in ("ma", "di", "wo"):
            _choose(me, "slots", f"{day}-ochtend")
        _choose(me, "slots", "do-ochtend", keyboard=True)
        axe("slots")

        me.reload()  # halfway: every answer is still there, on the same screen
        wait_for_app(me)
        _step(me, 3)
        for day in ("ma", "di", "wo", "do"):
            assert _chosen(_option(me, "slots", f"{day}-ochtend")), day
        assert not _chosen(_option(me, "slots", "vr-ochtend"))
        _tap(me, me.get_by_role("button", name="Terug"))
        _step(me, 2)
        assert _chosen(_option(me, "dislikes", "computer"))
        _tap(me, me.get_by_role("button", name="Terug"))
        _step(me, 1)
        assert _chosen(_option(me, "likes", "schoonmaken"))
        assert _chosen(_option(me, "likes", "klaarzetten"))
        for _ in range(3):
            _tap(me, me.get_by_role("button", name="Verder"))

        _step(me, 4)  # one choice: on to the next screen at once
        _tap(me, _option(me, "hours", "16_24"))
        _step(me, 5)
        axe("travel")
        _key(me, _option(me, "travel", "ov"))
        _step(me, 6)
        _tap(me, _option(me, "travel_minutes", "30"))
        _step(me, 7)
        _choose(me, "support", "rustige_plek")
        axe("support")
        _tap(me, me.get_by_role("button", name="Verder"))
        _step(me, 8)
        me.get_by_label("Wat ik goed kan").fill("Ik werk heel precies.")
        axe("strengths")
        _tap(me, me.get_by_role("button", name="Bewaren en verder"))
        _step(me, 9)
        axe("consent_capabilities")
        _tap(me, _option(me, "consent_capabilities", "ja"))
        _step(me, 10)
        axe("consent_research")
        _tap(me, _option(me, "consent_research", "nee"))
        me.get_by_text("Klaar!").first.wait_for()
        axe("done")
        _tap(me, me.get_by_role("button", name="Ik ben klaar"))
        assert "Traceback" not in me.content()
    finally:
        phone.close()
    assert problems == []

    # the consultant sees the answers and accepts them into the record
    login(page, app_url, "consultant@demo.inclusief.nl")
    page.get_by_role("link", name="Kandidaten").click()
    wait_for_app(page)
    pick = page.locator(".st-key-candidates_pick")
    if NAME not in pick.inner_text():  # the newest candidate is not the one shown first
        pick.get_by_role("combobox").click()
        page.get_by_role("option", name=NAME, exact=True).click()
        wait_for_app(page)
    page.get_by_role("tab", name="Vragenlijst").click()
    page.get_by_text(re.compile(r"Vragenlijst van .*: klaar")).click()
    page.get_by_text("16 tot 24 uur").wait_for()
    page.get_by_role("button", name="Antwoorden overnemen in het dossier").click()
    wait_for_app(page)
    page.get_by_text("De antwoorden staan nu in het dossier").wait_for(timeout=60_000)
    consultant = accounts.authenticate(
        "consultant@demo.inclusief.nl", DEMO_PASSWORD, store=app_store
    )
    view = candidates.get_candidate(actor=consultant, candidate_id=cid, store=app_store)
    assert (view.hours_min, view.hours_max) == (16, 24)
    assert view.slots == ["ma-ochtend", "di-ochtend", "wo-ochtend", "do-ochtend"]
    assert view.likes == ["schoonmaken", "klaarzetten"] and "likes" in view.from_candidate
    assert view.has_consent("capabilities") and not view.has_consent("research")

    # ... and carves a job with that candidate, without the example candidates
    page.get_by_role("link", name="Jobcarving").click()
    wait_for_app(page)
    examples = page.get_by_label("Voorbeeldkandidaten")
    examples.evaluate("e => e.scrollIntoView({block: 'center'})")
    examples.click()
    page.get_by_role("option", name="(geen: zelf invullen)").click()
    wait_for_app(page)
    stored = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Opgeslagen kandidaten")
    stored.evaluate("e => e.scrollIntoView({block: 'center'})")
    stored.get_by_role("combobox").click()
    page.get_by_role("option", name=NAME, exact=True).click()
    wait_for_app(page)
    page.keyboard.press("Escape")
    page.get_by_text("er zijn geen vermogens vastgelegd").wait_for()
    page.get_by_role("button", name="Jobcarving uitvoeren").click()
    page.get_by_role("heading", name=re.compile(f"^Baan voor {NAME}:")).wait_for(timeout=60_000)
    wait_for_app(page)
    assert "Traceback" not in page.content()
