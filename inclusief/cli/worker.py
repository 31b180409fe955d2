"""``inclusief worker``: run background jobs (carving, report batches, research exports).

With ``INCLUSIEF_JOBS=rq`` it serves the Redis queue (start as many as the load needs, on any
machine that reaches the database and Redis); with the embedded default (``local``) it takes
queued jobs from the database, next to the app's own worker thread. Stop it with Ctrl-C or
SIGTERM: the job at hand is finished first (or, when killed, retried by another worker).
"""

from __future__ import annotations

import argparse
import logging
import signal
import threading
from types import FrameType

from inclusief.services import jobs
from inclusief.settings import get_settings
from inclusief.store.db import default_engine, upgrade_database

_LOG = logging.getLogger(__name__)


def _reaper(stop: threading.Event) -> None:
    every = get_settings().job_heartbeat_seconds
    while not stop.wait(every):
        try:
            jobs.reap()
        except Exception:  # the database is away for a moment: the next round tries again
            _LOG.warning("reaping stopped jobs failed", exc_info=True)


def _cmd_worker(args: argparse.Namespace) -> int:
    upgrade_database(default_engine())
    settings = get_settings()
    stop = threading.Event()
    if settings.jobs == "rq":
        from rq import SimpleWorker

        queue = jobs.rq_queue()
        reaper = threading.Thread(target=_reaper, args=(stop,), daemon=True)
        reaper.start()
        jobs.reap()
        jobs.requeue_waiting()
        print(f"worker: RQ queue '{settings.job_queue}' at {settings.redis_url}", flush=True)
        # SimpleWorker runs each job in this process (no fork): the database pool is not
        # shared with a child, and a killed worker is noticed by its stopped heartbeat.
        SimpleWorker([queue], connection=queue.connection).work(
            burst=args.burst, logging_level="WARNING"
        )
        stop.set()
        return 0

    def _stop(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    print("worker: jobs from the database (INCLUSIEF_JOBS=local)", flush=True)
    if args.burst:
        jobs.reap()
        while jobs.run_next() is not None:
            pass
        return 0
    jobs.local_loop(stop)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    w = sub.add_parser("worker", help="run background jobs (carving, reports, exports)")
    w.add_argument("--burst", action="store_true", help="run the jobs waiting now, then stop")
    w.set_defaults(handler=_cmd_worker)
