"""Helpers for the browser tests (imported by the tests and conftest)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
# The README tour's screenshots are tracked files: a test run rewrites them only on request
# (``INCLUSIEF_SCREENSHOTS=1 pytest -m browser``), never as a side effect.
WRITE_SCREENSHOTS = os.environ.get("INCLUSIEF_SCREENSHOTS") == "1"


# The app is idle when no script run is going (no status widget), no element is stale
# (Streamlit fades the elements of a running rerun: axe measured their faded contrast), the
# page has its title, the app's global style is in and its skip link is set up
# (inclusief/ui/focus.py). "Idle" must hold on three polls in a
# row: a click's rerun may start a moment after the click.
_IDLE = """() => {
  const idle = !!document.querySelector('[data-testid="stMain"] h1')
    && !document.querySelector('[data-testid="stStatusWidget"]')
    && !document.querySelector('[data-stale="true"]')
    && [...document.querySelectorAll('style')]
         .some(s => s.textContent.includes('stCaptionContainer'))
    && (document.querySelector('[data-testid="stSkipToContent"]') || {dataset: {}})
         .dataset.inclusief === '1';
  window.__inclusiefIdle = idle ? (window.__inclusiefIdle || 0) + 1 : 0;
  return window.__inclusiefIdle >= 3;
}"""


def wait_for_app(pg, timeout: float = 60_000) -> None:  # type: ignore[no-untyped-def]
    """Wait until Streamlit has finished running the script (see ``_IDLE``)."""
    pg.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    pg.evaluate("() => { window.__inclusiefIdle = 0; }")
    pg.wait_for_function(_IDLE, polling=150, timeout=timeout)


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
