"""axe-core on every page each role can reach, in Dutch and in English.

The pages are found the way a user finds them: every link in the sidebar menu after logging
in (so a page added to the menu is checked without changing this test). Each page must have
0 serious or critical axe violations, and no untranslated message key may show.
"""

from __future__ import annotations

import re

import pytest
from browser_helpers import wait_for_app
from test_guest_scan import serious_violations
from test_journeys import login, new_invitation

pytestmark = pytest.mark.browser

# a message key that slipped through untranslated looks like "app.nav_home"
RAW_KEY = re.compile(
    r"\b(?:app|common|scan|pso|carving|carving_page|carving_cli|carving_reason|reports|"
    r"research|store|admin|dashboard|session|invite|candidates|reports_audience)\.[a-z_]+[a-z]\b"
)


MENU = '[data-testid="stSidebarNav"] a'


def _check_every_menu_page(page, role: str) -> list[str]:  # type: ignore[no-untyped-def]
    problems: list[str] = []
    count = page.locator(MENU).count()
    assert count >= 2, f"{role}: no menu"
    for i in range(count):
        link = page.locator(MENU).nth(i)
        name = link.get_attribute("href") or str(i)
        link.click()
        wait_for_app(page)
        found = serious_violations(page)
        if found:
            problems.append(f"{role} / {name}: {found}")
        text = page.locator('[data-testid="stMain"]').inner_text()
        raw = sorted(set(RAW_KEY.findall(text)))
        if raw:
            problems.append(f"{role} / {name}: untranslated keys {raw}")
    return problems


def _switch_to_english(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name="English").click()
    wait_for_app(page)


@pytest.mark.parametrize(
    "role", [None, "consultant", "researcher", "admin"], ids=["guest", "c", "r", "a"]
)
def test_every_page_has_no_serious_axe_violations_in_both_languages(page, app_url, role) -> None:
    if role is None:
        page.goto(app_url)
        wait_for_app(page)
    else:
        login(page, app_url, f"{role}@demo.inclusief.nl")
    problems = _check_every_menu_page(page, role or "guest")
    _switch_to_english(page)
    problems += _check_every_menu_page(page, f"{role or 'guest'} (en)")
    assert problems == []


def test_invitation_page_is_accessible(page, app_url, app_store) -> None:
    token, _ = new_invitation(app_store)
    page.goto(f"{app_url}/?token={token}")
    wait_for_app(page)
    assert serious_violations(page) == []
