"""Real-browser fixtures: the app served on 127.0.0.1 in a subprocess, Debian's Chromium.

The server gets its own data directory (SQLite) seeded with demo data, so the tests walk
the same journeys a user does after the README's run command.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_helpers import free_port, start_app, stop_app, wait_healthy

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def app_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    data_dir = tmp_path_factory.mktemp("app-data")
    env = {k: v for k, v in os.environ.items() if not k.startswith("INCLUSIEF_")}
    env.update(INCLUSIEF_DATA_DIR=str(data_dir), INCLUSIEF_DEMO="1")
    return env


@pytest.fixture(scope="session")
def app_url(app_env: dict[str, str]) -> Iterator[str]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    if os.environ.get("INCLUSIEF_TEST_APP_URL"):  # a server you started yourself, seeded
        yield os.environ["INCLUSIEF_TEST_APP_URL"]
        return
    cli = [sys.executable, "-m", "inclusief"]
    subprocess.run([*cli, "db", "upgrade"], env=app_env, check=True, cwd=ROOT)
    subprocess.run([*cli, "demo"], env=app_env, check=True, cwd=ROOT, capture_output=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    app_env["INCLUSIEF_BASE_URL"] = url
    log = Path(app_env["INCLUSIEF_DATA_DIR"]) / "server.log"  # see server_log
    proc = start_app(port, {**app_env, "INCLUSIEF_BASE_URL": url}, log=log)
    try:
        wait_healthy(url, proc)
        yield url
    finally:
        stop_app(proc)


@pytest.fixture(scope="session")
def server_log(app_env: dict[str, str], app_url: str) -> Path:
    """The app server's output (stdout and stderr) of this test session."""
    return Path(app_env["INCLUSIEF_DATA_DIR"]) / "server.log"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="session")
def app_store(app_env: dict[str, str], app_url: str):  # type: ignore[no-untyped-def]
    """The app's own database, for arranging data (invitations) the way a consultant would."""
    from inclusief.store.db import Store, make_engine

    url = app_env.get("INCLUSIEF_DATABASE_URL") or (
        f"sqlite:///{Path(app_env['INCLUSIEF_DATA_DIR']).resolve() / 'inclusief.sqlite3'}"
    )
    return Store(make_engine(url))


@pytest.fixture()
def page(browser, app_url):  # type: ignore[no-untyped-def]
    context = browser.new_context(
        locale="nl-NL", viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    yield pg
    context.close()
