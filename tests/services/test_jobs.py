"""Background jobs (issue #14): carving, report batches and research exports off the page."""

from __future__ import annotations

import io
import threading
import time
import zipfile
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import update

from inclusief.errors import AccessDenied, InputError, NotFound
from inclusief.jobcarving.examples import candidates_for, example_candidates, example_inventories
from inclusief.jobcarving.inventory import load_candidates, load_inventory
from inclusief.jobcarving.optimise import carve
from inclusief.services import jobs, organisations, scan
from inclusief.settings import get_settings
from inclusief.store.tables import Job, utcnow

SCHOOL = "primair_onderwijs"


def _inputs() -> tuple[dict[str, Any], list[Any]]:
    inv = load_inventory(example_inventories()[SCHOOL])
    cands_name = candidates_for(SCHOOL) or next(iter(example_candidates()))
    cands = load_candidates(example_candidates()[cands_name], inventory=inv)
    return inv.model_dump(mode="json"), [c.model_dump(mode="json") for c in cands][:2]


@pytest.fixture
def org(store, consultant) -> int:  # type: ignore[no-untyped-def]
    return organisations.create_organisation(
        actor=consultant,
        name="Basisschool De Wilg",
        sector="onderwijs",
        size_class="50-99",
        region="Utrecht",
        store=store,
    ).id


def _set_status(store, job_id: int, **values: Any) -> None:  # type: ignore[no-untyped-def]
    with store.session() as s:
        s.execute(update(Job).where(Job.id == job_id).values(**values))


def test_a_carving_job_gives_what_the_engine_gives(store, consultant, org) -> None:  # type: ignore[no-untyped-def]
    inventory, candidates = _inputs()
    job_id = jobs.submit_carving(
        actor=consultant,
        organisation_id=org,
        inventory=inventory,
        candidates=candidates,
        time_limit=10,
        store=store,
    )
    view = jobs.get_job(actor=consultant, job_id=job_id, store=store)
    assert view.status == "queued" and view.progress == 0
    assert jobs.run_next(store=store) == "done"
    assert jobs.run_next(store=store) is None
    view = jobs.get_job(actor=consultant, job_id=job_id, store=store)
    assert view.status == "done" and view.progress == 1.0 and view.attempts == 1
    from inclusief.jobcarving.model import Candidate, Inventory

    direct = carve(
        Inventory.model_validate(inventory),
        [Candidate.model_validate(c) for c in candidates],
        time_limit=10,
    )
    assert view.result is not None
    assert view.result["objective"]["jobs"] == direct.objective.jobs
    assert view.result["objective"]["hours"] == pytest.approx(direct.objective.hours)


def test_results_are_for_their_owner_and_role_only(  # type: ignore[no-untyped-def]
    store, consultant, other_consultant, researcher, admin, org
) -> None:
    inventory, candidates = _inputs()
    job_id = jobs.submit_carving(
        actor=consultant,
        organisation_id=org,
        inventory=inventory,
        candidates=candidates,
        time_limit=5,
        store=store,
    )
    jobs.run_next(store=store)
    for other in (other_consultant, researcher, admin):
        with pytest.raises(AccessDenied):
            jobs.get_job(actor=other, job_id=job_id, store=store)
        with pytest.raises(AccessDenied):
            jobs.cancel_job(actor=other, job_id=job_id, store=store)
        assert all(j.id != job_id for j in jobs.list_jobs(actor=other, store=store))
    with pytest.raises(AccessDenied):  # an unknown id gives the same answer
        jobs.get_job(actor=consultant, job_id=job_id + 1000, store=store)
    with pytest.raises(AccessDenied):  # not their organisation
        jobs.submit_carving(
            actor=other_consultant,
            organisation_id=org,
            inventory=inventory,
            candidates=candidates,
            store=store,
        )
    with pytest.raises(AccessDenied):
        jobs.submit_research_export(
            actor=consultant, questionnaire_id="werkgeversscan", store=store
        )
    # the organisation moves to another consultant: the result goes with it
    organisations.reassign_organisation(
        actor=admin, organisation_id=org, consultant_id=other_consultant.id, store=store
    )
    with pytest.raises(AccessDenied):
        jobs.get_job(actor=consultant, job_id=job_id, store=store)


def test_bad_carving_input_is_told_at_once(store, consultant, org) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError):
        jobs.submit_carving(
            actor=consultant,
            organisation_id=org,
            inventory={"nonsense": 1},
            candidates=[],
            store=store,
        )


def test_a_batch_of_scan_reports_is_one_zip_of_pdfs(  # type: ignore[no-untyped-def]
    store, consultant, other_consultant, new_scan, werkgeversscan
) -> None:
    made = new_scan(consultant, name="Zorggroep De Linde")
    with pytest.raises(InputError):  # nothing finished yet
        jobs.submit_scan_reports(
            actor=consultant, organisation_id=made.organisation_id, store=store
        )
    for item in werkgeversscan.item_ids:
        scan.save_answer(
            actor=consultant, assessment_id=made.assessment_id, item_id=item, value=4, store=store
        )
    scan.finish_assessment(actor=consultant, assessment_id=made.assessment_id, store=store)
    job_id = jobs.submit_scan_reports(
        actor=consultant, organisation_id=made.organisation_id, store=store
    )
    with pytest.raises(NotFound):
        jobs.job_file(actor=consultant, job_id=job_id, store=store)
    assert jobs.run_next(store=store) == "done"
    name, content = jobs.job_file(actor=consultant, job_id=job_id, store=store)
    assert name.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        names = z.namelist()
        assert names == [f"werkgeversscan_{made.assessment_id}.pdf"]
        assert z.read(names[0]).startswith(b"%PDF")
    with pytest.raises(AccessDenied):
        jobs.job_file(actor=other_consultant, job_id=job_id, store=store)


def test_a_research_export_job_checks_the_role_when_it_runs(store, researcher) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError):
        jobs.submit_research_export(actor=researcher, questionnaire_id="nope", store=store)
    with pytest.raises(InputError):
        jobs.submit_research_export(
            actor=researcher, questionnaire_id="werkgeversscan", formats=["pdf"], store=store
        )
    job_id = jobs.submit_research_export(
        actor=researcher, questionnaire_id="werkgeversscan", formats=["csv"], store=store
    )
    status = jobs.run_next(store=store)
    view = jobs.get_job(actor=researcher, job_id=job_id, store=store)
    assert view.status == status
    if status == "done":  # no finished scans: an empty, still anonymised export
        name, content = jobs.job_file(actor=researcher, job_id=job_id, store=store)
        assert name.endswith(".zip") and content.startswith(b"PK")
    else:
        assert view.error  # the domain's own message, no traceback


def test_cancel_ends_a_queued_job_and_stops_a_running_one(  # type: ignore[no-untyped-def]
    store, consultant, org, monkeypatch
) -> None:
    inventory, candidates = _inputs()
    job_id = jobs.submit_carving(
        actor=consultant,
        organisation_id=org,
        inventory=inventory,
        candidates=candidates,
        store=store,
    )
    jobs.cancel_job(actor=consultant, job_id=job_id, store=store)
    assert jobs.get_job(actor=consultant, job_id=job_id, store=store).status == "cancelled"
    assert jobs.run_next(store=store) is None  # never runs

    steps: list[int] = []

    def cancelled_midway(ctx: jobs.JobContext) -> jobs.Result:
        for i in range(10):
            ctx.progress(i / 10, f"{i}/10")
            steps.append(i)
            if i == 3:  # the user presses "cancel" while it runs
                jobs.cancel_job(actor=consultant, job_id=ctx.job_id, store=store)
        return {"never": True}, None, None

    monkeypatch.setitem(jobs.HANDLERS, "carving", cancelled_midway)
    job_id = jobs.submit_carving(
        actor=consultant,
        organisation_id=org,
        inventory=inventory,
        candidates=candidates,
        store=store,
    )
    assert jobs.run_next(store=store) == "cancelled"
    assert steps == [0, 1, 2, 3]
    view = jobs.get_job(actor=consultant, job_id=job_id, store=store)
    assert view.status == "cancelled" and view.result is None


def test_a_job_whose_worker_died_is_retried_then_failed(store, consultant, org) -> None:  # type: ignore[no-untyped-def]
    inventory, candidates = _inputs()
    job_id = jobs.submit_carving(
        actor=consultant,
        organisation_id=org,
        inventory=inventory,
        candidates=candidates,
        time_limit=5,
        store=store,
    )
    silent = utcnow() - timedelta(seconds=10 * get_settings().job_heartbeat_seconds)
    # a worker took it and was killed: its heartbeat stopped
    _set_status(store, job_id, status="running", attempts=1, heartbeat_at=silent)
    assert jobs.reap(store=store) == [job_id]
    assert jobs.get_job(actor=consultant, job_id=job_id, store=store).status == "queued"
    # killed again on the last attempt: failed, not "running" forever
    _set_status(
        store, job_id, status="running", attempts=get_settings().job_attempts, heartbeat_at=silent
    )
    view = jobs.get_job(actor=consultant, job_id=job_id, store=store)  # reading reaps
    assert view.status == "failed" and view.error == "worker stopped"
    # a running job with a live heartbeat is left alone
    other = jobs.submit_carving(
        actor=consultant,
        organisation_id=org,
        inventory=inventory,
        candidates=candidates,
        store=store,
    )
    _set_status(store, other, status="running", attempts=1, heartbeat_at=utcnow())
    assert jobs.reap(store=store) == []


def test_a_job_is_taken_by_one_worker_only(store, consultant, org) -> None:  # type: ignore[no-untyped-def]
    inventory, candidates = _inputs()
    job_id = jobs.submit_carving(
        actor=consultant,
        organisation_id=org,
        inventory=inventory,
        candidates=candidates,
        time_limit=5,
        store=store,
    )
    assert jobs.run_job(job_id, store=store) == "done"
    assert jobs.run_job(job_id, store=store) == "skipped"  # handed out twice, run once


def test_the_embedded_worker_runs_jobs_in_the_background(store, consultant, org) -> None:  # type: ignore[no-untyped-def]
    inventory, candidates = _inputs()
    stop = threading.Event()
    worker = threading.Thread(target=jobs.local_loop, args=(stop,), kwargs={"store": store})
    worker.start()
    try:
        job_id = jobs.submit_carving(
            actor=consultant,
            organisation_id=org,
            inventory=inventory,
            candidates=candidates,
            time_limit=5,
            store=store,
        )
        deadline = time.monotonic() + 120
        while not jobs.get_job(actor=consultant, job_id=job_id, store=store).ended:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        assert jobs.get_job(actor=consultant, job_id=job_id, store=store).status == "done"
    finally:
        stop.set()
        worker.join(timeout=60)


def test_jobs_on_a_redis_queue_are_served_by_inclusief_worker(  # type: ignore[no-untyped-def]
    store, consultant, org, monkeypatch, tmp_path
) -> None:
    """The shared deployment: the job's id goes onto an RQ queue, a worker process runs it."""
    import os
    import secrets
    import subprocess
    import sys

    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/15").ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    queue = f"test-{secrets.token_hex(6)}"
    settings_env = {
        "INCLUSIEF_JOBS": "rq",
        "INCLUSIEF_REDIS_URL": "redis://127.0.0.1:6379/15",
        "INCLUSIEF_JOB_QUEUE": queue,
    }
    for key, value in settings_env.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    try:
        inventory, candidates = _inputs()
        job_id = jobs.submit_carving(
            actor=consultant,
            organisation_id=org,
            inventory=inventory,
            candidates=candidates,
            time_limit=5,
            store=store,
        )
        assert jobs.rq_queue().count == 1
        env = {k: v for k, v in os.environ.items() if not k.startswith("INCLUSIEF_")}
        env.update(settings_env)
        env["INCLUSIEF_DATABASE_URL"] = store.engine.url.render_as_string(hide_password=False)
        env["INCLUSIEF_DATA_DIR"] = str(tmp_path)
        done = subprocess.run(
            [sys.executable, "-m", "inclusief", "worker", "--burst"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        view = jobs.get_job(actor=consultant, job_id=job_id, store=store)
        assert view.status == "done" and view.result is not None
        assert jobs.rq_queue().count == 0
    finally:
        get_settings.cache_clear()


def test_waiting_jobs_are_handed_out_again_after_the_queue_lost_them(  # type: ignore[no-untyped-def]
    store, consultant, org, monkeypatch
) -> None:
    inventory, candidates = _inputs()
    handed: list[list[int]] = []
    monkeypatch.setattr(jobs, "_dispatch", lambda ids, store: handed.append(list(ids)))
    job_id = jobs.submit_carving(
        actor=consultant,
        organisation_id=org,
        inventory=inventory,
        candidates=candidates,
        store=store,
    )
    assert jobs.requeue_waiting(store=store) == 1
    assert handed == [[job_id], [job_id]]
    assert jobs.run_job(job_id, store=store) == "done"
    assert jobs.run_job(job_id, store=store) == "skipped"  # the second copy does nothing
    assert jobs.requeue_waiting(store=store) == 0


def test_carving_a_saved_project_stores_its_result_with_it(store, consultant, org) -> None:  # type: ignore[no-untyped-def]
    from inclusief.services import carving as carving_service

    inventory, candidates = _inputs()
    project_id = carving_service.save_carving_project(
        actor=consultant,
        organisation_id=org,
        name="Schoolplein",
        inventory=inventory,
        candidates=candidates,
        result=None,
        store=store,
    )
    job_id = jobs.submit_carving_project(
        actor=consultant, project_id=project_id, time_limit=5, store=store
    )
    assert jobs.run_next(store=store) == "done"
    proj = carving_service.get_carving_project(actor=consultant, project_id=project_id, store=store)
    assert proj["result"] == jobs.get_job(actor=consultant, job_id=job_id, store=store).result
