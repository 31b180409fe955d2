"""Helpers for the browser tests (imported by the tests and conftest)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
# The README tour's screenshots are tracked files: a test run rewrites them only on request
# (``INCLUSIEF_SCREENSHOTS=1 pytest -m browser``), never as a side effect.
WRITE_SCREENSHOTS = os.environ.get("INCLUSIEF_SCREENSHOTS") == "1"


def wait_for_app(pg) -> None:  # type: ignore[no-untyped-def]
    """Wait until Streamlit has finished running the script and the page has its title."""
    pg.wait_for_selector('[data-testid="stApp"]')
    pg.wait_for_timeout(400)  # a click's rerun may not have shown its status widget yet
    pg.wait_for_selector('[data-testid="stMain"] h1')
    pg.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000
    )
    # the app's global style (inclusief/ui/style.py) is part of a finished page
    pg.wait_for_function(
        "() => [...document.querySelectorAll('style')]"
        ".some(s => s.textContent.includes('stCaptionContainer'))",
        timeout=30_000,
    )
    pg.wait_for_timeout(300)


def shot(pg, name: str) -> None:  # type: ignore[no-untyped-def]
    """A full-page screenshot for the README tour, once every chart has drawn.

    Written to docs/screenshots/ only with ``INCLUSIEF_SCREENSHOTS=1``."""
    pg.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stVegaLiteChart\"]')]"
        ".every(c => c.querySelector('canvas, svg'))",
        timeout=20_000,
    )
    if not WRITE_SCREENSHOTS:
        return
    pg.wait_for_timeout(500)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
