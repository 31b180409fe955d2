"""Real-browser fixtures: the app served on 127.0.0.1 in a subprocess, Debian's Chromium.

The server gets its own data directory (SQLite) seeded with demo data, so the tests walk
the same journeys a user does after the README's run command.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
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
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    app_env["INCLUSIEF_BASE_URL"] = url
    log = (Path(app_env["INCLUSIEF_DATA_DIR"]) / "server.log").open("wb")  # see server_log
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
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
        env={**app_env, "INCLUSIEF_BASE_URL": url},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


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
