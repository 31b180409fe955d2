"""Load benchmark: N concurrent respondents saving answers, one and two app instances.

The save-answer path of the core (``scan.save_answer``, as the scan page calls it on every
click) is driven by N threads, each a respondent with an invitation saving ``--answers``
answers, against PostgreSQL:

- one app instance: one process with N threads;
- two app instances: two processes with N/2 threads each (each its own engine and pool, as
  two instances behind the proxy have), started together.

Each is run with the save in one round trip (the default: access check, upsert and touch in
one statement, ``inclusief/store/answer_writes.py``) and with the earlier path (a
transaction of three statements: BEGIN, check, upsert, touch, COMMIT), to show the gain. The
baseline, measured in the same run: N threads doing single-row INSERT + COMMIT with the bare
driver (psycopg), one connection each. Reported: throughput (saves/s), p50/p95 latency, the
ratio of each to the baseline, and the Python CPU time per save, whose inverse is what one
core sustains.

Runs in a scratch schema of ``INCLUSIEF_BENCH_DATABASE_URL`` (else
``INCLUSIEF_TEST_DATABASE_URL``, else the local default), dropped afterwards.
``python bench/bench_load.py [--respondents 50] [--answers 40] [--write-docs]``; only with
``--write-docs`` is docs/benchmarks.md rewritten.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import secrets
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _report import write_section
from sqlalchemy import text
from sqlalchemy.engine import make_url

from inclusief.questionnaires.load import load_shipped
from inclusief.services import accounts, invitations, organisations, scan
from inclusief.services.access import EmployerSession
from inclusief.store.db import Store, make_engine, upgrade_database

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@dataclass
class Result:
    label: str
    instances: int
    latencies: list[float]
    wall: float
    cpu: float  # seconds of CPU of the app processes

    def pct(self, q: float) -> float:
        xs = sorted(self.latencies)
        return xs[min(len(xs) - 1, round(q * (len(xs) - 1)))] * 1000

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.wall

    @property
    def cpu_ms(self) -> float:
        return self.cpu / len(self.latencies) * 1000


def _seed(store: Store, n: int) -> list[tuple[int, int]]:
    accounts.create_user(
        email="load@example.nl", password="load-password", role="consultant", store=store
    )
    consultant = accounts.authenticate("load@example.nl", "load-password", store=store)
    org = organisations.create_organisation(
        actor=consultant,
        name="Load",
        sector="zorg",
        size_class="50-99",
        region="Utrecht",
        store=store,
    )
    out = []
    for _ in range(n):
        a = scan.create_assessment(
            actor=consultant, organisation_id=org.id, mode="self", store=store
        )
        token = invitations.create_invitation(actor=consultant, assessment_id=a.id, store=store)
        employer = invitations.open_by_token(token, store=store)
        out.append((employer.invitation_id, a.id))
    return out


def _instance(
    url: str,
    respondents: list[tuple[int, int]],
    answers: int,
    one_trip: bool,
    ready: mp.Barrier,  # type: ignore[valid-type]
    queue: mp.Queue,  # type: ignore[type-arg]
) -> None:
    """One app instance: its own engine, one thread per respondent."""
    scan.ONE_TRIP = one_trip
    store = Store(make_engine(url))
    items = [item.id for _d, item, _s in load_shipped("werkgeversscan", "1.0").iter_items()][
        :answers
    ]
    actors = [EmployerSession(invitation_id=i, assessment_id=a) for i, a in respondents]
    for actor in actors:  # warm up: the first save of each assessment in this process
        scan.save_answer(
            actor=actor, assessment_id=actor.assessment_id, item_id=items[0], value=3, store=store
        )
    start = threading.Barrier(len(actors) + 1)
    results: list[list[float]] = [[] for _ in actors]

    def work(n: int) -> None:
        actor = actors[n]
        start.wait()
        for k, item in enumerate(items):
            t0 = time.perf_counter()
            scan.save_answer(
                actor=actor,
                assessment_id=actor.assessment_id,
                item_id=item,
                value=1 + (n + k) % 5,
                store=store,
            )
            results[n].append(time.perf_counter() - t0)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(len(actors))]
    for t in threads:
        t.start()
    ready.wait()  # every instance is warm
    cpu0, t0 = time.process_time(), time.perf_counter()
    start.wait()
    for t in threads:
        t.join()
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    store.engine.dispose()
    queue.put(([x for r in results for x in r], wall, cpu))


def run_instances(
    url: str, respondents: list[tuple[int, int]], answers: int, instances: int, one_trip: bool
) -> Result:
    ctx = mp.get_context("spawn")
    ready = ctx.Barrier(instances)
    queue = ctx.Queue()
    share = [respondents[i::instances] for i in range(instances)]
    procs = [
        ctx.Process(target=_instance, args=(url, part, answers, one_trip, ready, queue))
        for part in share
    ]
    for p in procs:
        p.start()
    parts = [queue.get(timeout=900) for _ in procs]
    for p in procs:
        p.join()
    label = "one round trip" if one_trip else "transaction of 3 statements (before)"
    return Result(
        label,
        instances,
        [x for lat, _w, _c in parts for x in lat],
        max(w for _l, w, _c in parts),
        sum(c for _l, _w, c in parts),
    )


def run_raw(conninfo: str, schema: str, threads: int, answers: int) -> Result:
    import psycopg

    with psycopg.connect(conninfo, options=f"-csearch_path={schema}", autocommit=True) as conn:
        conn.execute(
            "CREATE TABLE load_raw (id SERIAL PRIMARY KEY, assessment_id INTEGER, "
            "item_id TEXT, value INTEGER, UNIQUE (assessment_id, item_id))"
        )
    start = threading.Barrier(threads + 1)
    results: list[list[float]] = [[] for _ in range(threads)]

    def work(n: int) -> None:
        with psycopg.connect(conninfo, options=f"-csearch_path={schema}") as conn:
            start.wait()
            for k in range(answers):
                t0 = time.perf_counter()
                conn.execute(
                    "INSERT INTO load_raw (assessment_id, item_id, value) VALUES (%s, %s, %s)",
                    (n, f"i{k}", 3),
                )
                conn.commit()
                results[n].append(time.perf_counter() - t0)

    pool = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    cpu0, t0 = time.process_time(), time.perf_counter()
    start.wait()
    for t in pool:
        t.join()
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    return Result(
        "raw INSERT + COMMIT (psycopg), baseline", 1, [x for r in results for x in r], wall, cpu
    )


def report(results: list[Result], respondents: int, answers: int) -> str:
    raw = results[0]
    lines = [
        "## Load: saving answers (`bench/bench_load.py`)",
        "",
        f"{respondents} concurrent respondents (threads) each saving {answers} answers of the",
        "shipped werkgeversscan through the core (`scan.save_answer`, with its access check),",
        "on PostgreSQL; two instances are two processes with their own engine and pool.",
        "",
        "| path | instances | saves/s | p50 (ms) | p95 (ms) | throughput vs raw | p95 vs raw "
        "| CPU per save (ms) | saves/s one core sustains |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.label} | {r.instances} | {r.rate:,.0f} | {r.pct(0.5):.1f} | {r.pct(0.95):.1f} "
            f"| {r.rate / raw.rate:.2f} | {r.pct(0.95) / raw.pct(0.95):.2f} "
            f"| {r.cpu_ms:.2f} | {1000 / r.cpu_ms:,.0f} |"
        )
    by = {(r.label.startswith("one"), r.instances): r for r in results[1:]}
    gains = []
    for n in (1, 2):
        new, old = by.get((True, n)), by.get((False, n))
        if new and old:
            gains.append(
                f"{n} instance(s): throughput x{new.rate / old.rate:.2f}, "
                f"p95 x{new.pct(0.95) / old.pct(0.95):.2f}, "
                f"CPU per save x{new.cpu_ms / old.cpu_ms:.2f}"
            )
    one, two = by.get((True, 1)), by.get((True, 2))
    scaling = ""
    if one and two:
        scaling = f"Two instances gave x{two.rate / one.rate:.2f} the throughput of one" + (
            ": the machine's cores are shared with the database server, which is the "
            "ceiling here; more instances raise the Python side's ceiling (last column), "
            "on machines of their own."
            if two.rate < 1.1 * one.rate
            else "."
        )
    lines += [
        "",
        scaling,
        "",
        "Gain of the one-round-trip save over the earlier path (new / old): "
        + "; ".join(gains)
        + ".",
        "The raw baseline's CPU column is the driver alone (one INSERT and one COMMIT, two round",
        'trips). "One core sustains" is 1 / CPU per save of the app processes: the ceiling of one',
        "instance's Python, not counting the database's own work.",
        f"Machine: {os.cpu_count()} CPUs, shared with the database server; 1-minute load "
        f"{os.getloadavg()[0]:.1f} at the end of the run.",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=50)
    parser.add_argument("--answers", type=int, default=40)
    parser.add_argument("--write-docs", action="store_true", help="rewrite docs/benchmarks.md")
    args = parser.parse_args()
    url = os.environ.get("INCLUSIEF_BENCH_DATABASE_URL") or os.environ.get(
        "INCLUSIEF_TEST_DATABASE_URL", DEFAULT_PG
    )
    schema = f"load_{secrets.token_hex(6)}"
    admin = make_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        parsed = make_url(url)
        scoped = parsed.set(query={**parsed.query, "options": f"-csearch_path={schema}"})
        scoped_url = scoped.render_as_string(hide_password=False)
        engine = make_engine(scoped_url)
        upgrade_database(engine)
        respondents = _seed(Store(engine), args.respondents)
        engine.dispose()
        conninfo = parsed.set(drivername="postgresql", query={}).render_as_string(
            hide_password=False
        )
        results = [run_raw(conninfo, schema, args.respondents, args.answers)]
        for instances in (1, 2):
            for one_trip in (False, True):
                results.append(
                    run_instances(scoped_url, respondents, args.answers, instances, one_trip)
                )
                print(results[-1].label, instances, f"{results[-1].rate:.0f}/s", flush=True)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    body = report(results, args.respondents, args.answers)
    print(body)
    if args.write_docs:
        write_section("load", body)


if __name__ == "__main__":
    main()
