"""Two app instances and one worker behind nginx on one PostgreSQL (issue #14, docs/deploy.md).

Everything runs as processes on 127.0.0.1: PostgreSQL (INCLUSIEF_TEST_DATABASE_URL, a fresh
database per run), Redis (the job queue, a queue of its own per run), two app instances,
one ``inclusief worker`` and nginx with sticky sessions. A consultant logs in, starts a
carving job, answers half a scan; the instance serving them is killed; the browser
reconnects through the proxy to the other instance, still logged in, every answer in place,
and the carving job finished by the worker shows there.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_helpers import (
    ROOT,
    answer_item,
    free_port,
    start_app,
    stop_app,
    wait_for_app,
    wait_healthy,
)

from inclusief.questionnaires.load import load_shipped
from inclusief.services import accounts, carving, organisations, scan
from inclusief.services.demo import DEMO_PASSWORD
from inclusief.store.db import Store, make_engine

pytestmark = pytest.mark.browser
PG_URL = os.environ.get(
    "INCLUSIEF_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REDIS_URL = "redis://127.0.0.1:6379/15"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CONSULTANT = "consultant@demo.inclusief.nl"
Q = load_shipped("werkgeversscan")

NGINX_CONF = """
{user}
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 512; }}
http {{
  access_log off;
  client_body_temp_path {dir}/body;
  proxy_temp_path {dir}/proxy;
  fastcgi_temp_path {dir}/fastcgi;
  uwsgi_temp_path {dir}/uwsgi;
  scgi_temp_path {dir}/scgi;
  map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
  # sticky sessions: a browser keeps its instance by a cookie of its own
  map $cookie_inclusief_route $route {{ "" $request_id; default $cookie_inclusief_route; }}
  upstream inclusief {{
    hash $route consistent;
    server 127.0.0.1:{a} max_fails=1 fail_timeout=120s;
    server 127.0.0.1:{b} max_fails=1 fail_timeout=120s;
  }}
  server {{
    listen 127.0.0.1:{port};
    client_max_body_size 200m;
    location / {{
      proxy_pass http://inclusief;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_read_timeout 12h;
      proxy_send_timeout 12h;
      proxy_next_upstream error timeout http_502;
      add_header Set-Cookie "inclusief_route=$route; Path=/; HttpOnly; SameSite=Lax" always;
      add_header X-Upstream $upstream_addr always;
    }}
  }}
}}
"""


def _reachable() -> str | None:
    """Why this test cannot run here, or None."""
    if not Path(NGINX).exists():
        return "nginx is not installed (apt-get install nginx)"
    try:
        import redis

        redis.Redis.from_url(REDIS_URL).ping()
    except Exception:
        return "no Redis at 127.0.0.1:6379"
    try:
        engine = make_engine(PG_URL)
        with engine.connect():
            pass
        engine.dispose()
    except Exception:
        return "no PostgreSQL at INCLUSIEF_TEST_DATABASE_URL"
    return None


class Cluster:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.procs: dict[str, subprocess.Popen[bytes]] = {}
        self.ports: dict[str, int] = {}


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    reason = _reachable()
    if reason:
        pytest.skip(reason)
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    name = f"inclusief_mi_{secrets.token_hex(6)}"
    admin = make_engine(PG_URL)
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    db_url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    root = Path(tempfile.mkdtemp(prefix="inclusief-mi-"))
    os.chmod(root, 0o755)
    c = Cluster(root)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("INCLUSIEF_", "STREAMLIT_"))}
    env.update(
        INCLUSIEF_DATABASE_URL=db_url,
        INCLUSIEF_DATA_DIR=str(root / "data"),
        INCLUSIEF_DEMO="1",
        INCLUSIEF_JOBS="rq",
        INCLUSIEF_REDIS_URL=REDIS_URL,
        INCLUSIEF_JOB_QUEUE=f"mi-{secrets.token_hex(6)}",
        INCLUSIEF_JOB_HEARTBEAT_SECONDS="2",
        # every instance signs Streamlit's cookies (XSRF, OIDC) with the same secret
        STREAMLIT_SERVER_COOKIE_SECRET=secrets.token_hex(32),
    )
    c.env = env  # type: ignore[attr-defined]
    c.store = Store(make_engine(db_url))  # type: ignore[attr-defined]
    try:
        cli = [sys.executable, "-m", "inclusief"]
        subprocess.run([*cli, "db", "upgrade"], env=env, check=True, cwd=ROOT, capture_output=True)
        subprocess.run([*cli, "demo"], env=env, check=True, cwd=ROOT, capture_output=True)
        for inst in ("a", "b"):
            c.ports[inst] = free_port()
            c.procs[inst] = start_app(c.ports[inst], env, log=root / f"app-{inst}.log")
        for inst in ("a", "b"):
            wait_healthy(f"http://127.0.0.1:{c.ports[inst]}", c.procs[inst], timeout=120)
        with open(root / "worker.log", "ab") as out:
            c.procs["worker"] = subprocess.Popen(
                [*cli, "worker"], env=env, cwd=ROOT, stdout=out, stderr=out
            )
        c.ports["proxy"] = free_port()
        conf = NGINX_CONF.format(
            user="user root;" if os.geteuid() == 0 else "",
            dir=root,
            a=c.ports["a"],
            b=c.ports["b"],
            port=c.ports["proxy"],
        )
        (root / "nginx.conf").write_text(conf)
        c.procs["nginx"] = subprocess.Popen(
            [NGINX, "-p", str(root), "-c", str(root / "nginx.conf"), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=open(root / "nginx.out", "ab"),  # noqa: SIM115
        )
        c.url = f"http://127.0.0.1:{c.ports['proxy']}"  # type: ignore[attr-defined]
        wait_healthy(c.url, c.procs["nginx"], timeout=60)  # type: ignore[attr-defined]
        yield c
    finally:
        for proc in c.procs.values():
            if proc.poll() is None:
                stop_app(proc)
        c.store.engine.dispose()  # type: ignore[attr-defined]
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
        shutil.rmtree(root, ignore_errors=True)


def _instance(cluster: Cluster, upstream: str) -> str:
    port = int(upstream.split(",")[-1].strip().rsplit(":", 1)[1])
    return next(k for k in ("a", "b") if cluster.ports[k] == port)


def _value(item) -> int:  # type: ignore[no-untyped-def]
    """A valid answer for any item type of the scan (2.0 has facts beside agree items)."""
    scale = Q.scale(item.scale)
    if scale.type == "number":
        return int(scale.min)
    if scale.type == "ordinal" and len(scale.codes) > 3:
        return int(scale.codes[3])
    return int(scale.codes[0])


def _answer_step(page, dim, key: str) -> None:  # type: ignore[no-untyped-def]
    for item in dim.items:
        answer_item(page, Q, item, _value(item), key=key)


def _arrange(store: Store) -> int:
    """A saved carving project for the demo consultant (as the carving page saves it)."""
    from inclusief.jobcarving.examples import example_candidates, example_inventories
    from inclusief.jobcarving.inventory import load_candidates, load_inventory

    consultant = accounts.authenticate(CONSULTANT, DEMO_PASSWORD, store=store)
    org = organisations.list_organisations(actor=consultant, store=store)[0]
    inv = load_inventory(example_inventories()["primair_onderwijs"])
    cands = load_candidates(next(iter(example_candidates().values())), inventory=inv)
    carving.save_carving_project(
        actor=consultant,
        organisation_id=org.id,
        name="Schoolplein",
        inventory=inv.model_dump(mode="json"),
        candidates=[c.model_dump(mode="json") for c in cands][:2],
        result=None,
        store=store,
    )
    return org.id


def test_a_killed_instance_hands_the_consultant_to_the_other(cluster: Cluster, browser) -> None:  # type: ignore[no-untyped-def]
    store: Store = cluster.store  # type: ignore[attr-defined]
    url: str = cluster.url  # type: ignore[attr-defined]
    org_id = _arrange(store)
    ctx = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    ctx.set_default_timeout(60_000)
    page = ctx.new_page()
    try:
        response = page.goto(f"{url}/login")
        assert response is not None
        first = _instance(cluster, response.headers["x-upstream"])
        wait_for_app(page)
        page.get_by_label("E-mailadres").fill(CONSULTANT)
        page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        page.get_by_text("Ingelogd als").wait_for()
        deadline = time.monotonic() + 60
        while not any(c["name"] == "inclusief_session" for c in ctx.cookies()):
            assert time.monotonic() < deadline, "no session cookie"
            page.wait_for_timeout(100)

        # a carving job, started on this instance
        page.get_by_role("link", name="Taken").click()
        wait_for_app(page)
        page.get_by_role("button", name="Jobcarving berekenen").click()
        page.get_by_text("De taak staat klaar").wait_for()

        # a session scan, half answered
        page.get_by_role("link", name="Overzicht").click()
        wait_for_app(page)
        page.get_by_role("button", name="Sessie starten").click()
        page.get_by_role("heading", name="Sessie met werkgever").wait_for()
        wait_for_app(page)
        half = len(Q.dimensions) // 2
        started = int(page.evaluate("new URL(location.href).searchParams.get('assessment')"))
        for step in range(half):
            _answer_step(page, Q.dimensions[step], f"session_{started}")
            page.get_by_role("button", name="Volgende").click()
            wait_for_app(page)
        assessment_id = int(page.evaluate("new URL(location.href).searchParams.get('assessment')"))
        consultant = accounts.authenticate(CONSULTANT, DEMO_PASSWORD, store=store)
        stored = scan.answers_of(actor=consultant, assessment_id=assessment_id, store=store)
        expected = {i.id for d in Q.dimensions[:half] for i in d.items}
        assert expected <= {k for k, v in stored.items() if v is not None}

        # the instance serving this browser dies
        cluster.procs[first].send_signal(signal.SIGKILL)
        cluster.procs[first].wait(timeout=30)
        # the page reconnects through the proxy to the other instance, which runs the
        # script afresh: still logged in (cookie), same scan (URL), answers from the database
        page.get_by_text("Ingelogd als").wait_for(timeout=120_000)
        page.get_by_text(f"Stap {half + 1} van").wait_for(timeout=120_000)
        assert cluster.procs["b" if first == "a" else "a"].poll() is None
        wait_for_app(page)
        page.get_by_role("heading", name=Q.dimensions[half].name.nl).wait_for()

        # a fresh page load is served by the other instance, still logged in, same scan
        response = page.reload()
        assert response is not None
        assert _instance(cluster, response.headers["x-upstream"]) != first
        wait_for_app(page)
        page.get_by_text("Ingelogd als").wait_for()
        page.get_by_role("heading", name=Q.dimensions[half].name.nl).wait_for()
        page.get_by_role("button", name="Vorige").click()
        page.get_by_role("heading", name=Q.dimensions[half - 1].name.nl).wait_for()
        wait_for_app(page)
        for item in Q.dimensions[half - 1].items:
            if Q.scale(item.scale).type in ("ordinal", "yesno", "choice"):
                group = page.get_by_role("radiogroup", name=item.text.nl)
                assert group.get_by_role("radio", checked=True).count() == 1
        again = scan.answers_of(actor=consultant, assessment_id=assessment_id, store=store)
        assert {k: again[k] for k in expected} == {k: stored[k] for k in expected}

        # the carving job was finished by the worker and shows on this instance
        page.get_by_role("link", name="Taken").click()
        wait_for_app(page)
        page.get_by_text("Jobcarving #", exact=False).first.wait_for()
        page.get_by_text(": klaar").first.wait_for(timeout=180_000)
        assert org_id
    except Exception:
        page.screenshot(path="/tmp/mi-fail.png", full_page=True)
        for log in cluster.root.glob("*.log"):
            shutil.copy(log, f"/tmp/mi-{log.name}")
        raise
    finally:
        ctx.close()
