"""Helpers for the browser tests (imported by the tests and conftest)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_app(
    port: int, env: dict[str, str], *, log: Path | None = None
) -> subprocess.Popen[bytes]:
    """The app as deployed (``streamlit run serve.py``: Streamlit plus the login-cookie
    routes) on 127.0.0.1:``port``."""
    out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "serve.py",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=out,
    )


def stop_app(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError("the app did not come up")


def answer_item(pg, q, item, value: int, *, key: str) -> None:  # type: ignore[no-untyped-def]
    """Answer one scan item with its own widget (issue 20): radio buttons for an agree,
    yes/no or choose-one scale, checkboxes for choose-several (``value`` the sum of codes,
    or a missing code), a number field (or its "Weet ik niet" box) for a number.
    ``key`` is the form's key (``guest_scan``, ``invite_<id>``); Streamlit gives each keyed
    widget the class ``st-key-<key>``."""
    scale = q.scale(item.scale)
    box = f".st-key-{key}-{item.id}"
    if scale.type == "multi":
        codes = [value] if value in scale.missing_codes else scale.chosen(value)
        for code in codes:
            pg.locator(f"{box}-{code}").get_by_text(scale.label(code), exact=True).click()
            wait_for_app(pg)
    elif scale.type == "number":
        if value in scale.missing_codes:
            pg.locator(f"{box}-{value}").get_by_text(scale.label(value), exact=True).click()
        else:
            field = pg.locator(f"{box} input")
            field.fill(str(value))
            field.press("Enter")
        wait_for_app(pg)
    else:
        pg.locator(box).get_by_text(scale.label(value), exact=True).click()
        wait_for_app(pg)
