"""Candidates, their capability levels, consents and easy-read intakes (persistence only)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from inclusief.store.invitations import token_hash  # one hash for every link
from inclusief.store.tables import (
    CandidateCapability,
    CandidateConsent,
    CandidateIntake,
    CandidateIntakeAnswer,
    CandidateRecord,
    utcnow,
)


# -- candidates ----------------------------------------------------------------------------
def add(s: Session, *, consultant_id: int, **fields: Any) -> CandidateRecord:
    row = CandidateRecord(consultant_id=consultant_id, **fields)
    s.add(row)
    s.flush()
    return row


def get(s: Session, candidate_id: int) -> CandidateRecord | None:
    return s.get(CandidateRecord, candidate_id)


def of_consultant(s: Session, consultant_id: int) -> list[CandidateRecord]:
    return list(
        s.scalars(
            select(CandidateRecord)
            .where(CandidateRecord.consultant_id == consultant_id)
            .order_by(CandidateRecord.pseudonym, CandidateRecord.id)
        )
    )


def update(s: Session, row: CandidateRecord, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(row, name, value)
    row.updated_at = utcnow()


def remove(s: Session, row: CandidateRecord) -> None:
    """Delete the candidate and (by cascade) everything under them."""
    s.execute(delete(CandidateRecord).where(CandidateRecord.id == row.id))


# -- capability levels ---------------------------------------------------------------------
def capabilities(s: Session, candidate_id: int) -> list[CandidateCapability]:
    return list(
        s.scalars(
            select(CandidateCapability)
            .where(CandidateCapability.candidate_id == candidate_id)
            .order_by(CandidateCapability.id)
        )
    )


def set_capability(
    s: Session, *, candidate_id: int, dimension: str, level: int, source: str, recorded_by: str
) -> None:
    row = s.scalar(
        select(CandidateCapability).where(
            CandidateCapability.candidate_id == candidate_id,
            CandidateCapability.dimension == dimension,
        )
    )
    if row is None:
        s.add(
            CandidateCapability(
                candidate_id=candidate_id,
                dimension=dimension,
                level=level,
                source=source,
                recorded_by=recorded_by,
            )
        )
    else:
        row.level, row.source, row.recorded_by, row.recorded_at = (
            level,
            source,
            recorded_by,
            utcnow(),
        )
    s.flush()


def remove_capability(s: Session, *, candidate_id: int, dimension: str) -> int:
    result = s.execute(
        delete(CandidateCapability).where(
            CandidateCapability.candidate_id == candidate_id,
            CandidateCapability.dimension == dimension,
        )
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


# -- consents ------------------------------------------------------------------------------
def consents(s: Session, candidate_id: int) -> list[CandidateConsent]:
    return list(
        s.scalars(
            select(CandidateConsent)
            .where(CandidateConsent.candidate_id == candidate_id)
            .order_by(CandidateConsent.id)
        )
    )


def active_consents(s: Session, candidate_id: int, kind: str) -> list[CandidateConsent]:
    return list(
        s.scalars(
            select(CandidateConsent).where(
                CandidateConsent.candidate_id == candidate_id,
                CandidateConsent.kind == kind,
                CandidateConsent.withdrawn_at.is_(None),
            )
        )
    )


def add_consent(
    s: Session, *, candidate_id: int, kind: str, employer: str | None, how: str, recorded_by: str
) -> CandidateConsent:
    row = CandidateConsent(
        candidate_id=candidate_id, kind=kind, employer=employer, how=how, recorded_by=recorded_by
    )
    s.add(row)
    s.flush()
    return row


def withdraw(rows: list[CandidateConsent], *, by: str) -> int:
    now = utcnow()
    for row in rows:
        row.withdrawn_at, row.withdrawn_by = now, by
    return len(rows)


# -- intakes -------------------------------------------------------------------------------
def add_intake(
    s: Session,
    *,
    candidate_id: int,
    mode: str,
    created_by: int,
    token: str | None = None,
    expires_at: datetime | None = None,
    employer: str | None = None,
) -> CandidateIntake:
    row = CandidateIntake(
        candidate_id=candidate_id,
        mode=mode,
        token_hash=token_hash(token) if token else None,
        created_by=created_by,
        expires_at=expires_at,
        employer=employer,
    )
    s.add(row)
    s.flush()
    return row


def intake(s: Session, intake_id: int) -> CandidateIntake | None:
    return s.get(CandidateIntake, intake_id)


def intake_by_token(s: Session, token: str) -> CandidateIntake | None:
    return s.scalar(select(CandidateIntake).where(CandidateIntake.token_hash == token_hash(token)))


def intakes_of(s: Session, candidate_id: int) -> list[CandidateIntake]:
    return list(
        s.scalars(
            select(CandidateIntake)
            .where(CandidateIntake.candidate_id == candidate_id)
            .order_by(CandidateIntake.id)
        )
    )


def revoke_intakes(s: Session, candidate_id: int) -> int:
    count = 0
    for row in s.scalars(
        select(CandidateIntake).where(
            CandidateIntake.candidate_id == candidate_id,
            CandidateIntake.revoked_at.is_(None),
            CandidateIntake.mode == "link",
        )
    ):
        row.revoked_at = utcnow()
        count += 1
    return count


def answers(s: Session, intake_id: int) -> dict[str, Any]:
    return {
        a.question: a.value
        for a in s.scalars(
            select(CandidateIntakeAnswer).where(CandidateIntakeAnswer.intake_id == intake_id)
        )
    }


def save_answer(s: Session, *, intake_id: int, question: str, value: Any) -> None:
    """Insert or update one answer; two tabs saving the same question at once both succeed
    (the later one wins) instead of one failing on the unique constraint."""
    query = select(CandidateIntakeAnswer).where(
        CandidateIntakeAnswer.intake_id == intake_id,
        CandidateIntakeAnswer.question == question,
    )
    row = s.scalar(query)
    if row is None:
        try:
            with s.begin_nested():
                s.add(CandidateIntakeAnswer(intake_id=intake_id, question=question, value=value))
            return
        except IntegrityError:
            row = s.scalar(query)
            if row is None:
                raise
    row.value, row.answered_at = value, utcnow()
    s.flush()
