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
    page.get_by_role("button", name="English").click()
    page.get_by_text("Measure", exact=True).wait_for()
    wait_for_app(page)
    assert page.get_by_text("Create jobs", exact=True).is_visible()


FOCUSED = "() => document.activeElement"


def _focused_radio_group(page) -> str:  # type: ignore[no-untyped-def]
    """The accessible name of the radio group holding the focused element ('' if none)."""
    return str(
        page.evaluate(
            """() => {
  const group = document.activeElement && document.activeElement.closest('[role=radiogroup]');
  return group ? (group.getAttribute('aria-label') || '') : '';
}"""
        )
    )


def _focused(page) -> str:  # type: ignore[no-untyped-def]
    return str(page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)"))


def _focused_heading(page) -> str:  # type: ignore[no-untyped-def]
    return str(
        page.evaluate(
            "() => /^H[1-6]$/.test(document.activeElement.tagName)"
            " ? document.activeElement.textContent : ''"
        )
    )


def test_trial_scan_by_keyboard_alone(page, app_url) -> None:
    """The whole scan with the keyboard only: Tab to the first question (counted: at most 3),
    Space and arrow keys to answer, Tab to each next question, Enter on "Volgende" (the focus
    then lands on the new step's heading), and "Afronden" with its confirmation."""
    page.goto(f"{app_url}/scan")
    wait_for_app(page)
    page.get_by_role("heading", name=Q.dimensions[0].name.nl).wait_for()
    assert serious_violations(page) == []
    first = Q.dimensions[0].items[0].text.nl
    tabs = 0
    stops: list[str] = []
    while _focused_radio_group(page) != first:
        page.keyboard.press("Tab")
        tabs += 1
        stops.append(_focused(page)[:80])
        if _focused_heading(page) == "" and page.evaluate(
            "() => document.activeElement.dataset.testid === 'stSkipToContent'"
        ):
            # the skip link ("Naar de inhoud") is the first stop; Enter follows it
            assert page.evaluate("() => document.activeElement.textContent") == "Naar de inhoud"
            page.keyboard.press("Enter")
            page.wait_for_function(
                "name => document.activeElement.textContent === name",
                arg=Q.dimensions[0].name.nl,
            )
            wait_for_app(page)
            assert _focused_heading(page) == Q.dimensions[0].name.nl
        assert tabs <= 3, f"{tabs} Tab presses and still not at the first question: {stops}"
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
                assert group.get_by_role("radio", checked=True).count() == 1
            wait_for_app(page)
        if step == 0:
            shot(page, "scan-step")
        page.get_by_role("button", name="Volgende").focus()
        page.keyboard.press("Enter")
        wait_for_app(page)
    page.get_by_role("heading", name="Ondersteuning").wait_for()
    page.get_by_role("button", name="Afronden").focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Scan afronden?").wait_for()
    wait_for_app(page)
    page.get_by_role("button", name="Ja, afronden").focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Uw resultaat").wait_for()
    wait_for_app(page)
    assert serious_violations(page) == []
    shot(page, "scan-result")


def test_an_unknown_address_gets_the_apps_own_dutch_page(page, app_url) -> None:
    """No Streamlit "Page not found" dialog in English: our page, with the login."""
    for path in ("bestaat-niet", "dashboard"):
        page.goto(f"{app_url}/{path}")
        wait_for_app(page)
        page.get_by_role("heading", name="Pagina niet gevonden").wait_for()
        assert page.get_by_role("dialog").count() == 0
        assert "Page not found" not in page.content()
        main = page.locator('[data-testid="stMain"]')
        assert main.get_by_role("link", name="Inloggen").count() == 1


def test_icons_and_fonts_come_from_the_app_and_a_reload_is_clean(page, app_url) -> None:
    """Offline: no request leaves the app's own address (the page icon was fetched from
    Google); a reload of a page shows no error."""
    outside: list[str] = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url)
            if not r.url.startswith(app_url) and not r.url.startswith("data:")
            else None
        ),
    )
    for path in ("", "scan", "login"):
        page.goto(f"{app_url}/{path}")
        wait_for_app(page)
        page.reload()
        wait_for_app(page)
        assert page.locator('[data-testid="stException"]').count() == 0
    assert outside == []
