"""A guest in a real browser: landing page, the trial scan by keyboard alone, accessibility."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_helpers import shot, wait_for_app

from inclusief.questionnaires.load import load_shipped

pytestmark = pytest.mark.browser
Q = load_shipped("werkgeversscan")


def serious_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    result = Axe().run(page)
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_landing_page_is_dutch_and_accessible(page, app_url) -> None:
    page.goto(app_url)
    wait_for_app(page)
    page.get_by_role("heading", name="Inclusief").wait_for()
    assert page.get_by_text("Meten", exact=True).is_visible()
    assert serious_violations(page) == []
    shot(page, "home")


def test_english_switch(page, app_url) -> None:
    page.goto(app_url)
    wait_for_app(page)
    page.get_by_text("English", exact=True).click()
    page.get_by_text("Measure", exact=True).wait_for()
    wait_for_app(page)
    assert page.get_by_text("Create jobs", exact=True).is_visible()


def test_trial_scan_by_keyboard_alone(page, app_url) -> None:
    """Tab to each radio group, choose with the arrow keys, press the buttons with Enter."""
    page.goto(f"{app_url}/scan")
    wait_for_app(page)
    page.get_by_role("heading", name=Q.dimensions[0].name.nl).wait_for()
    assert serious_violations(page) == []
    for step, dim in enumerate(Q.dimensions):
        page.get_by_role("heading", name=dim.name.nl).wait_for()
        for item in dim.items:
            scale = Q.scale(item.scale)
            box = f".st-key-guest_scan-{item.id}"
            if scale.type == "multi":  # a checkbox: Space ticks it
                page.locator(f"{box}-{scale.codes[0]}").get_by_role("checkbox").focus()
                page.keyboard.press("Space")
            elif scale.type == "number":  # type the number, Enter saves it
                page.locator(f"{box} input").focus()
                page.keyboard.type("3")
                page.keyboard.press("Enter")
            else:
                group = page.get_by_role("radiogroup", name=item.text.nl)
                first = group.get_by_role("radio").first
                first.focus()
                page.keyboard.press("Space")  # select the first option by keyboard
                page.keyboard.press("ArrowRight")  # and move to the second: a changed answer
            wait_for_app(page)
        if step == 0:
            shot(page, "scan-step")
        page.get_by_role("button", name="Volgende").focus()
        page.keyboard.press("Enter")
        wait_for_app(page)
    page.get_by_role("heading", name="Ondersteuning").wait_for()
    page.get_by_role("button", name="Afronden").focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Uw resultaat").wait_for()
    wait_for_app(page)
    assert serious_violations(page) == []
    shot(page, "scan-result")
