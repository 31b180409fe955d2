"""A consultant's walk with reloads leaves a clean server log: no traceback, no widget-key
warning (issue #15)."""

from __future__ import annotations

import pytest
from browser_helpers import wait_for_app
from test_journeys import login

pytestmark = pytest.mark.browser


def test_reloads_and_a_walk_leave_no_traceback_or_warning(page, app_url, server_log) -> None:
    login(page, app_url, "consultant@demo.inclusief.nl")
    page.get_by_role("heading", name="Overzicht").wait_for()  # the start page after login
    wait_for_app(page)
    # adding an organisation selects it (this set a widget's state beside its index= before)
    page.get_by_text("Organisatie toevoegen").click()
    page.get_by_label("Naam", exact=True).fill("Kinderopvang Het Nest")
    page.get_by_role("button", name="Toevoegen").click()
    page.get_by_text("Nog geen scans voor deze organisatie.").wait_for()
    wait_for_app(page)
    page.get_by_role("button", name="Werkgever uitnodigen").click()
    wait_for_app(page)
    page.reload()
    wait_for_app(page)
    for path in ("scan", "login", "bestaat-niet", ""):
        page.goto(f"{app_url}/{path}")
        wait_for_app(page)
        page.reload()
        wait_for_app(page)
    text = server_log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in text
    assert "was created with a default value" not in text
    assert "widget" not in text.lower() or "key" not in text.lower()
