"""Logins that survive a reload (issue #14), in a real browser against its own app server.

The server runs on its own data directory, so these tests may restart it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_helpers import ROOT, free_port, start_app, stop_app, wait_for_app, wait_healthy

from inclusief.services import accounts, logins
from inclusief.services.demo import DEMO_PASSWORD
from inclusief.store.db import Store, make_engine
from inclusief.store.tables import LoginSession

pytestmark = pytest.mark.browser
CONSULTANT = "consultant@demo.inclusief.nl"
ADMIN = "admin@demo.inclusief.nl"
RESEARCHER = "researcher@demo.inclusief.nl"


class Server:
    """One app server on a fixed port and data directory that a test may restart."""

    def __init__(self, env: dict[str, str], port: int, log: Path) -> None:
        self.env, self.port, self.log = env, port, log
        self.url = f"http://127.0.0.1:{port}"
        self.proc = self._start()

    def _start(self) -> subprocess.Popen[bytes]:
        proc = start_app(self.port, self.env, log=self.log)
        wait_healthy(self.url, proc)
        return proc

    def restart(self) -> None:
        stop_app(self.proc)
        self.proc = self._start()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    data = tmp_path_factory.mktemp("sessions-app")
    env = {k: v for k, v in os.environ.items() if not k.startswith("INCLUSIEF_")}
    port = free_port()
    env.update(
        INCLUSIEF_DATA_DIR=str(data),
        INCLUSIEF_DEMO="1",
        INCLUSIEF_BASE_URL=f"http://127.0.0.1:{port}",
    )
    cli = [sys.executable, "-m", "inclusief"]
    subprocess.run([*cli, "db", "upgrade"], env=env, check=True, cwd=ROOT, capture_output=True)
    subprocess.run([*cli, "demo"], env=env, check=True, cwd=ROOT, capture_output=True)
    srv = Server(env, port, data / "server.log")
    yield srv
    stop_app(srv.proc)


@pytest.fixture(scope="module")
def store(server: Server) -> Iterator[Store]:
    engine = make_engine(
        f"sqlite:///{Path(server.env['INCLUSIEF_DATA_DIR']) / 'inclusief.sqlite3'}"
    )
    yield Store(engine)
    engine.dispose()


@pytest.fixture()
def context(browser):  # type: ignore[no-untyped-def]
    ctx = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    ctx.set_default_timeout(30_000)
    yield ctx
    ctx.close()


def _cookie(ctx) -> dict | None:  # type: ignore[no-untyped-def, type-arg]
    return next((c for c in ctx.cookies() if c["name"] == logins.COOKIE), None)


def wait_for_cookie(ctx, page, timeout: float = 30) -> dict:  # type: ignore[no-untyped-def, type-arg]
    deadline = time.monotonic() + timeout
    while (cookie := _cookie(ctx)) is None:
        assert time.monotonic() < deadline, "the session cookie was not set"
        page.wait_for_timeout(100)
    return cookie


def login(ctx, url: str, email: str = CONSULTANT):  # type: ignore[no-untyped-def]
    page = ctx.new_page()
    page.goto(f"{url}/login")
    wait_for_app(page)
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_text("Ingelogd als").wait_for()
    # the browser swaps the login ticket for its HttpOnly cookie
    wait_for_cookie(ctx, page)
    return page


def logged_in(page) -> bool:  # type: ignore[no-untyped-def]
    wait_for_app(page)
    return page.get_by_text("Ingelogd als").count() > 0


def logged_out(page) -> bool:  # type: ignore[no-untyped-def]
    """No "signed in as" once the page has settled (a rerun may still show the old one)."""
    wait_for_app(page)
    page.get_by_text("Ingelogd als").wait_for(state="detached")
    return True


def test_the_cookie_is_opaque_httponly_and_only_its_hash_is_stored(
    server: Server, store: Store, context
) -> None:  # type: ignore[no-untyped-def]
    login(context, server.url)
    cookie = _cookie(context)
    assert cookie is not None
    assert cookie["httpOnly"] is True
    assert cookie["sameSite"] == "Lax"
    assert cookie["secure"] is False  # served over http here; https sets Secure
    assert len(cookie["value"]) >= 43  # 256 random bits, url-safe base64
    assert CONSULTANT not in cookie["value"]
    with store.session() as s:
        hashes = set(
            s.scalars(LoginSession.__table__.select().with_only_columns(LoginSession.token_hash))
        )
    assert cookie["value"] not in hashes
    assert logins.token_hash(cookie["value"]) in hashes


def test_reload_new_tab_and_app_restart_keep_the_login(server: Server, context) -> None:  # type: ignore[no-untyped-def]
    page = login(context, server.url)
    page.reload()
    assert logged_in(page)
    tab = context.new_page()
    tab.goto(f"{server.url}/dashboard")
    assert logged_in(tab)
    tab.get_by_role("heading", name="Overzicht").wait_for()
    server.restart()
    again = context.new_page()
    again.goto(f"{server.url}/dashboard")
    assert logged_in(again)


def test_logout_in_one_tab_ends_the_other(server: Server, store: Store, context) -> None:  # type: ignore[no-untyped-def]
    first = login(context, server.url)
    second = context.new_page()
    second.goto(f"{server.url}/dashboard")
    assert logged_in(second)
    first.get_by_role("button", name="Uitloggen").click()
    first.get_by_role("link", name="Inloggen").wait_for()
    # the other tab's next action finds its session gone
    second.get_by_role("link", name="Scan proberen").click()
    second.get_by_role("link", name="Inloggen").wait_for()
    assert logged_out(second)
    consultant = accounts.principal_for_email(CONSULTANT, store=store)
    assert consultant is not None
    assert logins.sessions_of(user_id=consultant.id, store=store) == 0
    fresh = context.new_page()
    fresh.goto(f"{server.url}/dashboard")
    assert logged_out(fresh)


def test_a_deactivated_users_open_page_loses_access_at_the_next_action(
    server: Server, store: Store, context
) -> None:  # type: ignore[no-untyped-def]
    page = login(context, server.url)
    page.goto(f"{server.url}/dashboard")
    page.get_by_role("heading", name="Overzicht").wait_for()
    admin = accounts.authenticate(ADMIN, DEMO_PASSWORD, store=store)
    consultant = accounts.principal_for_email(CONSULTANT, store=store)
    assert consultant is not None
    accounts.set_user_active(actor=admin, user_id=consultant.id, active=False, store=store)
    try:
        page.get_by_role("link", name="Scan proberen").click()
        page.get_by_role("link", name="Inloggen").wait_for()
        assert logged_out(page)
        page.goto(f"{server.url}/dashboard")
        assert logged_out(page)
    finally:
        accounts.set_user_active(actor=admin, user_id=consultant.id, active=True, store=store)


def test_the_page_language_is_in_the_html_lang_attribute(server: Server, context) -> None:  # type: ignore[no-untyped-def]
    page = context.new_page()
    page.goto(server.url)
    wait_for_app(page)
    assert page.evaluate("document.documentElement.lang") == "nl"
    page.locator(".st-key-lang_switch").get_by_role("button").click()  # the switch is a button
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    page.reload()
    wait_for_app(page)
    assert page.evaluate("document.documentElement.lang") == "en"
    page.locator(".st-key-lang_switch").get_by_role("button").click()
    page.wait_for_function("() => document.documentElement.lang === 'nl'")


def test_a_password_change_ends_every_tab_and_asks_to_log_in_again(
    server: Server, store: Store, context
) -> None:  # type: ignore[no-untyped-def]
    first = login(context, server.url, RESEARCHER)
    second = context.new_page()
    second.goto(f"{server.url}/research")
    assert logged_in(second)
    first.get_by_role("link", name="Mijn account").click()
    wait_for_app(first)
    first.get_by_label("Huidig wachtwoord").fill(DEMO_PASSWORD)
    first.get_by_label("Nieuw wachtwoord (minstens 10 tekens)").fill("een nieuw wachtwoord")
    first.get_by_label("Nieuw wachtwoord nog een keer").fill("een nieuw wachtwoord")
    first.get_by_role("button", name="Wachtwoord wijzigen").click()
    first.get_by_text("Uw wachtwoord is gewijzigd").wait_for()
    assert logged_out(first)
    second.get_by_role("link", name="Scan proberen").click()
    second.get_by_role("link", name="Inloggen").wait_for()
    assert logged_out(second)
    try:
        assert logins.login(RESEARCHER, "een nieuw wachtwoord", store=store)
    finally:
        logins.set_password(email=RESEARCHER, new_password=DEMO_PASSWORD, store=store)
