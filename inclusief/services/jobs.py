"""Heavy work off the page: carving, a batch of scan reports, a research export.

A job is a row in the ``jobs`` table with its owner, status (queued, running, done, failed,
cancelled), progress and result; the page only submits it and reads the row, so the user may
leave or reload and find the result later. Workers run :func:`run_job`:

- ``INCLUSIEF_JOBS=local`` (the embedded default): a worker thread in the app process
  (:func:`start_local_worker`) takes queued rows from the database; no server to install.
  ``inclusief worker`` runs the same loop as a separate process.
- ``INCLUSIEF_JOBS=rq``: submitting puts the job's id on an RQ queue in Redis; ``inclusief
  worker`` processes (any number, on any machine) serve it. Why RQ: docs/deploy.md.

Either way the database row is the truth: a worker takes a job with one conditional update
(two workers never run one job), writes a heartbeat while it runs, and a job whose heartbeat
stops (the worker was killed) is queued again while attempts are left (``job_attempts``),
failed otherwise, never left "running" (:func:`reap`). Cancelling ends a queued job at once;
a running one stops at its next step (reports, export) or its result is thrown away (the
carving engine cannot be interrupted). Results are shown only to their owner, with the role
and the organisation checked again when they are read.

The handlers call the existing services and domain functions; the carving engine is called in
one place, :func:`carve_job`.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import traceback
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel

from inclusief.errors import AccessDenied, InputError, NotFound
from inclusief.research.export import FORMATS, build_export, export_zip
from inclusief.services import carving as carving_service
from inclusief.services import research as research_service
from inclusief.services.access import DENIED, Actor, Principal, log, org_for, require_role, session
from inclusief.services.reports import report_data_for
from inclusief.settings import get_settings
from inclusief.store import accounts, carving_projects
from inclusief.store import assessments as assessment_rows
from inclusief.store import jobs as job_rows
from inclusief.store.db import Store
from inclusief.store.tables import Job, utcnow

_LOG = logging.getLogger(__name__)
KINDS = ("carving", "scan_reports", "research_export")


class Cancelled(Exception):
    """The job was cancelled while it ran."""


class JobView(BaseModel):
    id: int
    kind: str
    status: str
    progress: float
    message: str
    attempts: int
    created_at: datetime
    finished_at: datetime | None
    error: str | None
    result: dict[str, Any] | None
    result_name: str | None
    organisation_id: int | None

    @property
    def ended(self) -> bool:
        return self.status in job_rows.ENDED


def _view(job: Job) -> JobView:
    return JobView(
        id=job.id,
        kind=job.kind,
        status=job.status,
        progress=job.progress,
        message=job.message,
        attempts=job.attempts,
        created_at=job.created_at,
        finished_at=job.finished_at,
        error=job.error if job.status == "failed" else None,
        result=job.result,
        result_name=job.result_name,
        organisation_id=job.organisation_id,
    )


# -- the carving engine, called in one place -------------------------------------------------
def carve_job(
    inventory: dict[str, Any],
    candidates: list[Any],
    *,
    time_limit: float | None = None,
    max_complexity: int | None = None,
) -> dict[str, Any]:
    """Carve with :func:`inclusief.jobcarving.optimise.carve` on stored (JSON) inputs and give
    the result as JSON. The one call of the engine from a job: adapt it here when the engine
    changes."""
    from inclusief.jobcarving.model import Candidate, Inventory
    from inclusief.jobcarving.optimise import DEFAULT_TIME_LIMIT, carve

    inv = Inventory.model_validate(inventory)
    cands = [Candidate.model_validate(c) for c in candidates]
    result = carve(
        inv,
        cands,
        time_limit=float(time_limit or DEFAULT_TIME_LIMIT),
        max_complexity=max_complexity,
    )
    return result.model_dump(mode="json")


# -- submitting ------------------------------------------------------------------------------
def _submit(
    store: Store | None,
    actor: Principal,
    kind: str,
    organisation_id: int | None,
    params: dict[str, Any],
) -> int:
    with session(store) as s:
        job = job_rows.add(
            s,
            kind=kind,
            owner_id=actor.id,
            organisation_id=organisation_id,
            params=params,
            now=utcnow(),
        )
        log(s, actor, "job.submit", "job", job.id, kind=kind)
        job_id = job.id
    _dispatch([job_id], store)  # after the commit: a worker must find the row
    return job_id


def submit_carving(
    *,
    actor: Actor,
    organisation_id: int,
    inventory: dict[str, Any],
    candidates: list[Any],
    time_limit: float | None = None,
    max_complexity: int | None = None,
    project_id: int | None = None,
    store: Store | None = None,
) -> int:
    """Carve in the background for an organisation of the consultant (always a job: a
    reload never loses a result, and one code path serves small and large inventories)."""
    from inclusief.jobcarving.model import Candidate, Inventory

    with session(store) as s:
        p = require_role(s, actor, "consultant")
        org_for(s, p, organisation_id)
    try:  # bad input is told now, not by a failed job later
        Inventory.model_validate(inventory)
        for c in candidates:
            Candidate.model_validate(c)
    except ValueError as exc:
        raise InputError.single("carving", str(exc).splitlines()[0], field="inventory") from None
    params = {
        "inventory": inventory,
        "candidates": candidates,
        "time_limit": time_limit,
        "max_complexity": max_complexity,
        "project_id": project_id,
    }
    return _submit(store, p, "carving", organisation_id, params)


def submit_carving_project(
    *, actor: Actor, project_id: int, time_limit: float | None = None, store: Store | None = None
) -> int:
    """Carve a saved carving project again, in the background."""
    proj = carving_service.get_carving_project(actor=actor, project_id=project_id, store=store)
    return submit_carving(
        actor=actor,
        organisation_id=proj["organisation_id"],
        inventory=proj["inventory"],
        candidates=proj["candidates"],
        time_limit=time_limit,
        project_id=project_id,
        store=store,
    )


def submit_scan_reports(
    *, actor: Actor, organisation_id: int, lang: str = "nl", store: Store | None = None
) -> int:
    """The PDF reports of every finished scan of an organisation, as one zip."""
    with session(store) as s:
        p = require_role(s, actor, "consultant")
        org_for(s, p, organisation_id)
        ids = [
            a.id
            for a in assessment_rows.of_organisation(s, organisation_id)
            if a.status == "finished"
        ]
    if not ids:
        raise InputError.single("reports", "this organisation has no finished scan yet")
    params = {"assessment_ids": ids, "lang": "en" if lang == "en" else "nl"}
    return _submit(store, p, "scan_reports", organisation_id, params)


def submit_research_export(
    *,
    actor: Actor,
    questionnaire_id: str,
    k: int | None = None,
    formats: list[str] | None = None,
    store: Store | None = None,
) -> int:
    """The anonymised research export of every finished scan of a questionnaire, zipped."""
    formats = list(formats or FORMATS)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise InputError.single("format", f"unknown format {unknown[0]!r} (csv, xlsx, sav)")
    if questionnaire_id not in research_service.available_questionnaires():
        raise InputError.single("export", f"unknown questionnaire {questionnaire_id!r}")
    with session(store) as s:
        p = require_role(s, actor, "researcher")
    params = {"questionnaire_id": questionnaire_id, "k": k, "formats": formats}
    return _submit(store, p, "research_export", None, params)


# -- reading, cancelling ---------------------------------------------------------------------
def _mine(s: Any, actor: Actor, job_id: int) -> Job:
    """The job, if the actor owns it and may still see what it holds."""
    job = job_rows.get(s, job_id)
    if job is None or not isinstance(actor, Principal) or job.owner_id != actor.id:
        require_role(s, actor, "consultant", "researcher", "admin")
        raise AccessDenied(DENIED)  # the same answer for someone else's: reveals nothing
    if job.kind == "research_export":
        require_role(s, actor, "researcher")
    else:
        org_for(s, actor, job.organisation_id or -1)
    return job


def get_job(*, actor: Actor, job_id: int, store: Store | None = None) -> JobView:
    reap(store=store)
    with session(store) as s:
        return _view(_mine(s, actor, job_id))


def list_jobs(*, actor: Actor, store: Store | None = None) -> list[JobView]:
    """The actor's own jobs, newest first (those they may still see)."""
    reap(store=store)
    with session(store) as s:
        p = require_role(s, actor, "consultant", "researcher", "admin")
        out = []
        for job in job_rows.of_owner(s, p.id):
            try:
                out.append(_view(_mine(s, p, job.id)))
            except AccessDenied:
                continue  # e.g. the organisation went to another consultant
        return out


def job_file(*, actor: Actor, job_id: int, store: Store | None = None) -> tuple[str, bytes]:
    """The finished job's file (reports zip, export zip): name and bytes."""
    with session(store) as s:
        job = _mine(s, actor, job_id)
        if job.status != "done" or job.result_file is None:
            raise NotFound("this job has no file (yet)")
        log(s, actor, "job.download", "job", job.id, kind=job.kind)
        return job.result_name or f"job_{job.id}", bytes(job.result_file)


def cancel_job(*, actor: Actor, job_id: int, store: Store | None = None) -> None:
    with session(store) as s:
        job = _mine(s, actor, job_id)
        job_rows.request_cancel(s, job.id, utcnow())
        log(s, actor, "job.cancel", "job", job.id)


# -- running ---------------------------------------------------------------------------------
class JobContext:
    """What a handler gets: its parameters, the owner (as of now) and a progress report."""

    def __init__(self, store: Store | None, job: Job, owner: Principal) -> None:
        self.store = store
        self.job_id = job.id
        self.params: dict[str, Any] = dict(job.params)
        self.owner = owner
        self.organisation_id = job.organisation_id
        self.cancelled = threading.Event()

    def progress(self, fraction: float, message: str = "") -> None:
        """Report progress; raises :class:`Cancelled` when the job was cancelled."""
        with session(self.store) as s:
            if job_rows.set_progress(s, self.job_id, fraction, message, utcnow()):
                self.cancelled.set()
        if self.cancelled.is_set():
            raise Cancelled()


Result = tuple[dict[str, Any] | None, bytes | None, str | None]


def _run_carving(ctx: JobContext) -> Result:
    ctx.progress(0.05, "")
    result = carve_job(
        ctx.params["inventory"],
        ctx.params["candidates"],
        time_limit=ctx.params.get("time_limit"),
        max_complexity=ctx.params.get("max_complexity"),
    )
    project_id = ctx.params.get("project_id")
    if project_id is not None:  # the saved project gets its result, if it is unchanged
        with session(ctx.store) as s:
            proj = carving_projects.get(s, int(project_id))
            if (
                proj is not None
                and proj.organisation_id == ctx.organisation_id
                and proj.inventory == ctx.params["inventory"]
                and proj.candidates == ctx.params["candidates"]
            ):
                org_for(s, ctx.owner, proj.organisation_id)
                proj.result = result
                log(s, ctx.owner, "carving.result", "organisation", proj.organisation_id)
    return result, None, None


def _run_scan_reports(ctx: JobContext) -> Result:
    from inclusief.reports.scan_report import render_scan_report
    from inclusief.research.export import zip_files

    ids: list[int] = list(ctx.params["assessment_ids"])
    lang = str(ctx.params.get("lang", "nl"))
    files: dict[str, bytes] = {}
    skipped: list[int] = []
    for i, assessment_id in enumerate(ids):
        ctx.progress(i / len(ids), f"{i}/{len(ids)}")
        try:
            data = report_data_for(
                actor=ctx.owner, assessment_id=assessment_id, lang=lang, store=ctx.store
            )
        except (AccessDenied, NotFound):  # deleted or moved on meanwhile
            skipped.append(assessment_id)
            continue
        files[f"werkgeversscan_{assessment_id}.pdf"] = render_scan_report(data=data, lang=lang)
    ctx.progress(1.0, f"{len(ids)}/{len(ids)}")
    name = f"rapporten_organisatie_{ctx.organisation_id}.zip"
    return {"reports": len(files), "skipped": skipped}, zip_files(files), name


def _run_research_export(ctx: JobContext) -> Result:
    from inclusief.questionnaires.load import load_shipped

    qid = str(ctx.params["questionnaire_id"])
    ctx.progress(0.05, "")
    rows = research_service.research_rows(ctx.owner, qid, store=ctx.store)
    ctx.progress(0.4, "")
    export = build_export(questionnaire=load_shipped(qid), rows=rows, k=ctx.params.get("k"))
    ctx.progress(0.8, "")
    content = export_zip(export, list(ctx.params.get("formats") or FORMATS))
    summary = {"rows": len(rows), "exported": len(export.data), "stem": export.stem}
    return summary, content, f"{export.stem}.zip"


HANDLERS: dict[str, Callable[[JobContext], Result]] = {
    "carving": _run_carving,
    "scan_reports": _run_scan_reports,
    "research_export": _run_research_export,
}


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def _heartbeat(ctx: JobContext, stop: threading.Event) -> None:
    every = get_settings().job_heartbeat_seconds
    while not stop.wait(every):
        try:
            with session(ctx.store) as s:
                if job_rows.beat(s, ctx.job_id, utcnow()):
                    ctx.cancelled.set()
        except Exception:  # a lost connection: try again at the next beat
            _LOG.warning("heartbeat of job %s failed", ctx.job_id, exc_info=True)


def _run_claimed(job_id: int, store: Store | None) -> str:
    with session(store) as s:
        job = job_rows.get(s, job_id)
        assert job is not None
        user = accounts.by_id(s, job.owner_id)
        owner = (
            Principal(id=user.id, email=user.email, role=user.role)  # type: ignore[arg-type]
            if user is not None
            else None
        )
        ctx = JobContext(store, job, owner) if owner is not None else None
    if ctx is None:
        with session(store) as s:
            job_rows.finish(s, job_id, status="failed", now=utcnow(), error="owner gone")
        return "failed"
    stop = threading.Event()
    beat = threading.Thread(target=_heartbeat, args=(ctx, stop), daemon=True)
    beat.start()
    status, result, file, name, error = "done", None, None, None, None
    try:
        result, file, name = HANDLERS[job.kind](ctx)
        if ctx.cancelled.is_set():
            status, result, file, name = "cancelled", None, None, None
    except Cancelled:
        status = "cancelled"
    except (AccessDenied, InputError, NotFound) as exc:
        status, error = "failed", str(exc)
    except Exception as exc:
        _LOG.error("job %s failed: %s", job_id, traceback.format_exc())
        status, error = "failed", f"{type(exc).__name__}: {exc}"
    finally:
        stop.set()
        beat.join()
    with session(store) as s:
        job_rows.finish(
            s,
            job_id,
            status=status,
            now=utcnow(),
            result=result,
            file=file,
            file_name=name,
            error=error,
        )
        log(s, "worker", f"job.{status}", "job", job_id)
    return status


def run_job(job_id: int, *, store: Store | None = None) -> str:
    """Run one job by its id (what an RQ worker calls); "skipped" when it is not queued."""
    with session(store) as s:
        if not job_rows.claim(s, job_id, worker=worker_name(), now=utcnow()):
            return "skipped"
    return _run_claimed(job_id, store)


def run_next(*, store: Store | None = None) -> str | None:
    """Take and run the oldest queued job (the embedded worker); None when there is none."""
    with session(store) as s:
        job_id = job_rows.claim_next(s, worker=worker_name(), now=utcnow())
    if job_id is None:
        return None
    return _run_claimed(job_id, store)


def reap(*, store: Store | None = None, now: datetime | None = None) -> list[int]:
    """Jobs whose worker stopped: queued again (and handed to the queue) or failed."""
    settings = get_settings()
    now = now or utcnow()
    silent = now - timedelta(seconds=3 * settings.job_heartbeat_seconds)
    with session(store) as s:
        again = job_rows.reap(s, silent_since=silent, max_attempts=settings.job_attempts, now=now)
    if again:
        _dispatch(again, store)
    return again


def requeue_waiting(*, store: Store | None = None) -> int:
    """Hand every queued job to the queue again (a worker starting after Redis lost its
    data); a job handed out twice still runs once."""
    with session(store) as s:
        ids = job_rows.queued_ids(s)
    if ids:
        _dispatch(ids, store)
    return len(ids)


# -- queues ----------------------------------------------------------------------------------
_wake = threading.Event()


def _dispatch(job_ids: list[int], store: Store | None) -> None:
    if get_settings().jobs == "rq":
        queue = rq_queue()
        for job_id in job_ids:
            queue.enqueue(
                "inclusief.services.jobs.run_job", job_id, job_timeout=6 * 3600, result_ttl=0
            )
    else:
        _wake.set()


def rq_queue() -> Any:
    from redis import Redis
    from rq import Queue

    settings = get_settings()
    return Queue(settings.job_queue, connection=Redis.from_url(settings.redis_url))


def local_loop(stop: threading.Event, *, store: Store | None = None) -> None:
    """The embedded worker: run queued jobs one at a time until ``stop`` is set."""
    every = get_settings().job_heartbeat_seconds
    last_reap = 0.0
    while not stop.is_set():
        try:
            if time.monotonic() - last_reap >= every:
                reap(store=store)
                last_reap = time.monotonic()
            if run_next(store=store) is None:
                _wake.wait(min(every, 1.0))
                _wake.clear()
        except Exception:  # the database went away for a moment: keep serving
            _LOG.warning("job worker loop", exc_info=True)
            stop.wait(1.0)


_local: dict[str, threading.Thread] = {}
_local_lock = threading.Lock()


def start_local_worker(*, store: Store | None = None) -> threading.Thread | None:
    """Start the in-process worker once per process (``INCLUSIEF_JOBS=local``)."""
    if get_settings().jobs != "local":
        return None
    with _local_lock:
        thread = _local.get("worker")
        if thread is None or not thread.is_alive():
            thread = threading.Thread(
                target=local_loop,
                args=(threading.Event(),),
                kwargs={"store": store},
                name="inclusief-jobs",
                daemon=True,
            )
            thread.start()
            _local["worker"] = thread
        return thread
