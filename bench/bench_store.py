"""Store benchmark: 50 concurrent writers x 40 answers through ``service.save_answer``.

Per-save latency (p50/p95/max) and throughput, against a raw-INSERT baseline measured in
the same run: the same 50 threads each doing 40 single-row INSERT + COMMIT into a scratch
table with the bare driver (``sqlite3`` / ``psycopg``), one connection per thread.

Runs on SQLite (a temporary file, WAL, as embedded) and on PostgreSQL when reachable
(``INCLUSIEF_BENCH_DATABASE_URL``, else ``INCLUSIEF_TEST_DATABASE_URL``, else the local
default below), in a scratch schema that is dropped afterwards.

Goal (store issue): p95 of ``save_answer`` <= 200 ms with 50 concurrent writers.
Run from this folder: ``python bench_store.py [--threads 50] [--answers 40] [--write-docs]``.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from _report import add_docs_flag, write_section
from sqlalchemy import text
from sqlalchemy.engine import make_url

from inclusief.questionnaires.load import load_shipped
from inclusief.services import accounts, invitations, organisations, scan
from inclusief.store.db import Store, make_engine, upgrade_database

GOAL_P95_MS = 200.0
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@dataclass
class Run:
    backend: str
    path: str
    latencies: list[float]  # seconds
    wall: float

    def pct(self, q: float) -> float:
        xs = sorted(self.latencies)
        return xs[min(len(xs) - 1, round(q * (len(xs) - 1)))] * 1000

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.wall


def _concurrently(threads: int, work: Callable[[int], list[float]]) -> tuple[list[float], float]:
    barrier = threading.Barrier(threads + 1)

    def run(n: int) -> list[float]:
        barrier.wait()
        return work(n)

    with ThreadPoolExecutor(threads) as pool:
        futures = [pool.submit(run, n) for n in range(threads)]
        barrier.wait()
        start = time.perf_counter()
        results = [f.result() for f in futures]
        wall = time.perf_counter() - start
    return [x for r in results for x in r], wall


def bench_service(store: Store, backend: str, threads: int, answers: int) -> Run:
    q = load_shipped("werkgeversscan", "1.0")
    items = [item.id for _d, item, _s in q.iter_items()][:answers]
    accounts.create_user(
        email="bench@example.nl", password="bench-password", role="consultant", store=store
    )
    consultant = accounts.authenticate("bench@example.nl", "bench-password", store=store)
    scans = []
    for n in range(threads):
        org = organisations.create_organisation(
            actor=consultant,
            name=f"Bench {n}",
            sector="zorg",
            size_class="50-99",
            region="Utrecht",
            store=store,
        )
        a = scan.create_assessment(
            actor=consultant, organisation_id=org.id, mode="self", store=store
        )
        token = invitations.create_invitation(actor=consultant, assessment_id=a.id, store=store)
        scans.append((invitations.open_by_token(token, store=store), a.id))

    def work(n: int) -> list[float]:
        employer, assessment_id = scans[n]
        out = []
        for k, item_id in enumerate(items):
            t0 = time.perf_counter()
            scan.save_answer(
                actor=employer,
                assessment_id=assessment_id,
                item_id=item_id,
                value=1 + (n + k) % 5,
                store=store,
            )
            out.append(time.perf_counter() - t0)
        return out

    lat, wall = _concurrently(threads, work)
    # every save read back and compared, not a sample: a benchmark of lost writes is worthless
    expected = {
        assessment_id: {item_id: 1 + (n + k) % 5 for k, item_id in enumerate(items)}
        for n, (_employer, assessment_id) in enumerate(scans)
    }
    stored = {
        assessment_id: scan.resume_state(
            actor=consultant, assessment_id=assessment_id, store=store
        ).answers
        for assessment_id in expected
    }
    check_saves(expected, stored)
    return Run(backend, "service.save_answer", lat, wall)


def check_saves(
    expected: dict[int, dict[str, int]], stored: dict[int, dict[str, int | None]]
) -> int:
    """Every expected answer is stored with its value; returns the number checked."""
    wrong = [
        (a, item)
        for a, answers in expected.items()
        for item, value in answers.items()
        if stored.get(a, {}).get(item) != value
    ]
    extra = sum(len(set(stored.get(a, {})) - set(answers)) for a, answers in expected.items())
    total = sum(len(answers) for answers in expected.values())
    if wrong or extra:
        raise AssertionError(
            f"{len(wrong)} of {total} saves lost or changed, {extra} unexpected answers "
            f"(first: {wrong[:3]})"
        )
    return total


def bench_raw_sqlite(path: Path, threads: int, answers: int) -> Run:
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute(
            "CREATE TABLE bench_raw (id INTEGER PRIMARY KEY, assessment_id INTEGER, "
            "item_id TEXT, value INTEGER, UNIQUE (assessment_id, item_id))"
        )

    def work(n: int) -> list[float]:
        conn = sqlite3.connect(path, timeout=30, check_same_thread=False)
        conn.execute("PRAGMA busy_timeout=30000")
        conn.execute("PRAGMA synchronous=NORMAL")
        out = []
        try:
            for k in range(answers):
                t0 = time.perf_counter()
                conn.execute(
                    "INSERT INTO bench_raw (assessment_id, item_id, value) VALUES (?, ?, ?)",
                    (n, f"i{k}", 3),
                )
                conn.commit()
                out.append(time.perf_counter() - t0)
        finally:
            conn.close()
        return out

    lat, wall = _concurrently(threads, work)
    with sqlite3.connect(path) as conn:
        (count,) = conn.execute("SELECT count(*) FROM bench_raw").fetchone()
    assert count == threads * answers, f"{count} of {threads * answers} raw rows stored"
    return Run("SQLite", "raw INSERT (sqlite3)", lat, wall)


def bench_raw_pg(conninfo: str, schema: str, threads: int, answers: int) -> Run:
    import psycopg

    with psycopg.connect(conninfo, options=f"-csearch_path={schema}", autocommit=True) as conn:
        conn.execute(
            "CREATE TABLE bench_raw (id SERIAL PRIMARY KEY, assessment_id INTEGER, "
            "item_id TEXT, value INTEGER, UNIQUE (assessment_id, item_id))"
        )

    def work(n: int) -> list[float]:
        out = []
        with psycopg.connect(conninfo, options=f"-csearch_path={schema}") as conn:
            for k in range(answers):
                t0 = time.perf_counter()
                conn.execute(
                    "INSERT INTO bench_raw (assessment_id, item_id, value) VALUES (%s, %s, %s)",
                    (n, f"i{k}", 3),
                )
                conn.commit()
                out.append(time.perf_counter() - t0)
        return out

    lat, wall = _concurrently(threads, work)
    with psycopg.connect(conninfo, options=f"-csearch_path={schema}") as conn:
        row = conn.execute("SELECT count(*) FROM bench_raw").fetchone()
    count = row[0] if row else 0
    assert count == threads * answers, f"{count} of {threads * answers} raw rows stored"
    return Run("PostgreSQL", "raw INSERT (psycopg)", lat, wall)


def run_sqlite(threads: int, answers: int) -> list[Run]:
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        try:
            upgrade_database(engine)
            service = bench_service(Store(engine), "SQLite", threads, answers)
        finally:
            engine.dispose()
        raw = bench_raw_sqlite(Path(tmp) / "raw.sqlite3", threads, answers)
    return [service, raw]


def run_postgres(url: str, threads: int, answers: int) -> list[Run]:
    schema = f"bench_{secrets.token_hex(6)}"
    admin = make_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        parsed = make_url(url)
        scoped = parsed.set(query={**parsed.query, "options": f"-csearch_path={schema}"})
        engine = make_engine(scoped.render_as_string(hide_password=False))
        try:
            upgrade_database(engine)
            service = bench_service(Store(engine), "PostgreSQL", threads, answers)
        finally:
            engine.dispose()
        conninfo = parsed.set(drivername="postgresql", query={}).render_as_string(
            hide_password=False
        )
        raw = bench_raw_pg(conninfo, schema, threads, answers)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
    return [service, raw]


def _pg_reachable(url: str) -> bool:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception as exc:  # any failure means "skip PostgreSQL"
        print(f"PostgreSQL not reachable ({type(exc).__name__}); skipped")
        return False
    finally:
        engine.dispose()


def report(runs: list[Run], threads: int, answers: int, skipped_pg: bool) -> str:
    lines = [
        "## Store: concurrent answer saves",
        "",
        f"{threads} writer threads at once, each saving {answers} answers "
        f"({threads * answers} saves per row below); every save is its own transaction. "
        "`service.save_answer` is the real path (employer session from an invitation, "
        "access check, questionnaire check, upsert); the baseline is a bare single-row "
        "INSERT + COMMIT per save with the plain driver, same threads, same run. "
        "After each run every save is read back and compared (none lost or changed).",
        "",
        "| Backend | Path | p50 (ms) | p95 (ms) | max (ms) | wall (s) | saves/s |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in runs:
        lines.append(
            f"| {r.backend} | {r.path} | {r.pct(0.5):.2f} | {r.pct(0.95):.2f} | "
            f"{max(r.latencies) * 1000:.1f} | {r.wall:.2f} | {r.rate:.0f} |"
        )
    lines += ["", f"Goal: p95 of `save_answer` <= {GOAL_P95_MS:.0f} ms.", ""]
    for service, raw in zip(runs[::2], runs[1::2], strict=True):
        p95 = service.pct(0.95)
        verdict = "met" if p95 <= GOAL_P95_MS else "**not met**"
        lines.append(
            f"- {service.backend}: p95 {p95:.1f} ms, goal {verdict}; "
            f"{p95 / max(raw.pct(0.95), 1e-6):.1f}x the raw-INSERT p95, "
            f"{raw.rate / service.rate:.1f}x fewer saves/s than raw."
        )
    if skipped_pg:
        lines.append("- PostgreSQL: not reachable in this run, skipped.")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines.append(
        f"- Machine: {os.cpu_count()} CPUs, 1-minute load {load:.1f} at the end of the run; "
        "the writers share one Python process (one GIL), as the app's sessions do."
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=50)
    parser.add_argument("--answers", type=int, default=40)
    add_docs_flag(parser)
    args = parser.parse_args()
    url = (
        os.environ.get("INCLUSIEF_BENCH_DATABASE_URL")
        or os.environ.get("INCLUSIEF_TEST_DATABASE_URL")
        or DEFAULT_PG
    )
    runs = run_sqlite(args.threads, args.answers)
    skipped = not _pg_reachable(url)
    if not skipped:
        runs += run_postgres(url, args.threads, args.answers)
    body = report(runs, args.threads, args.answers, skipped)
    print(body)
    for r in runs:
        assert len(r.latencies) == args.threads * args.answers
    if args.write_docs:
        write_section("store", body)


if __name__ == "__main__":
    main()
