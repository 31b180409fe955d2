"""Background jobs: rows, claiming, heartbeats and the end of a job. No access rules here."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import case, select, update
from sqlalchemy.orm import Session

from inclusief.store.tables import Job

ENDED = ("done", "failed", "cancelled")


def add(
    s: Session,
    *,
    kind: str,
    owner_id: int,
    organisation_id: int | None,
    params: dict[str, Any],
    now: datetime,
) -> Job:
    job = Job(
        kind=kind,
        owner_id=owner_id,
        organisation_id=organisation_id,
        params=params,
        status="queued",
        progress=0.0,
        message="",
        attempts=0,
        cancel_requested=False,
        created_at=now,
    )
    s.add(job)
    s.flush()
    return job


def get(s: Session, job_id: int) -> Job | None:
    return s.get(Job, job_id)


def of_owner(s: Session, owner_id: int, limit: int = 50) -> list[Job]:
    return list(
        s.scalars(select(Job).where(Job.owner_id == owner_id).order_by(Job.id.desc()).limit(limit))
    )


def _claim(s: Session, where: Any, *, worker: str, now: datetime) -> int | None:
    return s.execute(
        update(Job)
        .where(where, Job.status == "queued", Job.cancel_requested.is_(False))
        .values(
            status="running",
            worker=worker[:100],
            started_at=now,
            heartbeat_at=now,
            attempts=Job.attempts + 1,
        )
        .returning(Job.id)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()


def claim(s: Session, job_id: int, *, worker: str, now: datetime) -> bool:
    """Take this queued job; False when it is not queued (any more), or cancelled.

    One conditional update: two workers handed the same job run it once."""
    return _claim(s, Job.id == job_id, worker=worker, now=now) is not None


def claim_next(s: Session, *, worker: str, now: datetime) -> int | None:
    """Take the oldest queued job (the embedded worker polls with this)."""
    first = s.scalar(
        select(Job.id)
        .where(Job.status == "queued", Job.cancel_requested.is_(False))
        .order_by(Job.id)
        .limit(1)
    )
    if first is None:
        return None
    return _claim(s, Job.id == first, worker=worker, now=now)


def queued_ids(s: Session) -> list[int]:
    return list(s.scalars(select(Job.id).where(Job.status == "queued").order_by(Job.id)))


def beat(s: Session, job_id: int, now: datetime) -> bool:
    """The worker is alive; True when the job was asked to stop."""
    s.execute(
        update(Job)
        .where(Job.id == job_id, Job.status == "running")
        .values(heartbeat_at=now)
        .execution_options(synchronize_session=False)
    )
    return bool(s.scalar(select(Job.cancel_requested).where(Job.id == job_id)))


def set_progress(s: Session, job_id: int, progress: float, message: str, now: datetime) -> bool:
    s.execute(
        update(Job)
        .where(Job.id == job_id, Job.status == "running")
        .values(progress=max(0.0, min(1.0, progress)), message=message[:200], heartbeat_at=now)
        .execution_options(synchronize_session=False)
    )
    return bool(s.scalar(select(Job.cancel_requested).where(Job.id == job_id)))


def finish(
    s: Session,
    job_id: int,
    *,
    status: str,
    now: datetime,
    result: dict[str, Any] | None = None,
    file: bytes | None = None,
    file_name: str | None = None,
    error: str | None = None,
) -> None:
    values: dict[str, Any] = {"status": status, "finished_at": now, "heartbeat_at": now}
    if status == "done":
        values.update(progress=1.0, result=result, result_file=file, result_name=file_name)
    if error is not None:
        values["error"] = error[:2000]
    s.execute(
        update(Job)
        .where(Job.id == job_id, Job.status == "running")
        .values(**values)
        .execution_options(synchronize_session=False)
    )


def request_cancel(s: Session, job_id: int, now: datetime) -> None:
    """A queued job ends now; a running one is asked to stop (its worker ends it)."""
    s.execute(
        update(Job)
        .where(Job.id == job_id, Job.status.not_in(ENDED))
        .values(
            cancel_requested=True,
            status=case((Job.status == "queued", "cancelled"), else_=Job.status),
            finished_at=case((Job.status == "queued", now), else_=Job.finished_at),
        )
        .execution_options(synchronize_session=False)
    )


def reap(s: Session, *, silent_since: datetime, max_attempts: int, now: datetime) -> list[int]:
    """Running jobs whose worker stopped beating: queued again while attempts are left,
    failed otherwise. The ids queued again (to hand to the queue once more)."""
    stale = list(
        s.execute(
            select(Job.id, Job.attempts, Job.cancel_requested).where(
                Job.status == "running", Job.heartbeat_at < silent_since
            )
        )
    )
    again: list[int] = []
    for job_id, attempts, cancel in stale:
        retry = attempts < max_attempts and not cancel
        status = "queued" if retry else ("cancelled" if cancel else "failed")
        done = s.execute(
            update(Job)
            .where(Job.id == job_id, Job.status == "running", Job.heartbeat_at < silent_since)
            .values(
                status=status,
                worker=None,
                message="",
                finished_at=None if retry else now,
                error=None if retry else "worker stopped",
            )
            .execution_options(synchronize_session=False)
        )
        if retry and done.rowcount:  # type: ignore[attr-defined]
            again.append(job_id)
    return again
