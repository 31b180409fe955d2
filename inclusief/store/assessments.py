"""Assessments and their answers: one row per item, last write wins, written when given."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pandas as pd
from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from inclusief.store.tables import (
    Answer,
    Assessment,
    Invitation,
    Organisation,
    SupportNeedChoice,
    User,
    utcnow,
)


def get(s: Session, assessment_id: int) -> Assessment | None:
    return s.get(Assessment, assessment_id)


def add(
    s: Session, *, organisation_id: int, questionnaire_id: str, version: str, mode: str
) -> Assessment:
    a = Assessment(
        organisation_id=organisation_id,
        questionnaire_id=questionnaire_id,
        questionnaire_version=version,
        mode=mode,
        status="open",
        step=0,
    )
    s.add(a)
    s.flush()
    return a


def of_organisation(s: Session, organisation_id: int) -> list[Assessment]:
    return list(
        s.scalars(
            select(Assessment)
            .where(Assessment.organisation_id == organisation_id)
            .order_by(Assessment.created_at)
        )
    )


def answered_counts(s: Session, organisation_id: int) -> dict[int, int]:
    """Answers given (not skipped) per assessment of one organisation."""
    rows = s.execute(
        select(Answer.assessment_id, func.count())
        .join(Assessment)
        .where(Assessment.organisation_id == organisation_id, Answer.value.is_not(None))
        .group_by(Answer.assessment_id)
    ).all()
    return {int(a): int(n) for a, n in rows}


def answers(s: Session, assessment_id: int) -> dict[str, int | None]:
    return {
        r.item_id: r.value
        for r in s.scalars(select(Answer).where(Answer.assessment_id == assessment_id))
    }


def answer_target_for_employer(
    s: Session, *, assessment_id: int, invitation_id: int
) -> tuple[Any, ...] | None:
    """Status, questionnaire id and version of an assessment, with the invitation's id,
    revocation and expiry when the invitation belongs to it: one query of plain columns."""
    row = s.execute(
        select(
            Assessment.status,
            Assessment.questionnaire_id,
            Assessment.questionnaire_version,
            Invitation.id,
            Invitation.revoked_at,
            Invitation.expires_at,
        )
        .outerjoin(
            Invitation,
            (Invitation.id == invitation_id) & (Invitation.assessment_id == Assessment.id),
        )
        .where(Assessment.id == assessment_id)
    ).one_or_none()
    return None if row is None else tuple(row)


def answer_target_for_user(
    s: Session, *, assessment_id: int, user_id: int
) -> tuple[Any, ...] | None:
    """Status, questionnaire id and version of an assessment, with the owning consultant's
    id and the acting user's current role and active flag: one query of plain columns."""
    row = s.execute(
        select(
            Assessment.status,
            Assessment.questionnaire_id,
            Assessment.questionnaire_version,
            Organisation.consultant_id,
            User.role,
            User.active,
        )
        .join(Organisation, Organisation.id == Assessment.organisation_id)
        .outerjoin(User, User.id == user_id)
        .where(Assessment.id == assessment_id)
    ).one_or_none()
    return None if row is None else tuple(row)


def upsert_answer(s: Session, *, assessment_id: int, item_id: str, value: int | None) -> None:
    """Insert or overwrite one answer (last write wins) and touch the assessment.

    One atomic upsert: a select-then-insert let two concurrent first saves of the same item
    fail on the unique constraint instead of "last write wins".
    """
    now = utcnow()
    dialect = s.get_bind().dialect.name
    if dialect in ("sqlite", "postgresql"):
        insert = sqlite_insert if dialect == "sqlite" else pg_insert
        s.execute(
            insert(Answer)
            .values(assessment_id=assessment_id, item_id=item_id, value=value, answered_at=now)
            .on_conflict_do_update(
                index_elements=["assessment_id", "item_id"],
                set_={"value": value, "answered_at": now},
            )
        )
    else:  # pragma: no cover - other databases
        row = s.scalar(
            select(Answer)
            .where(Answer.assessment_id == assessment_id, Answer.item_id == item_id)
            .with_for_update()
        )
        if row is None:
            s.add(
                Answer(assessment_id=assessment_id, item_id=item_id, value=value, answered_at=now)
            )
        else:
            row.value = value
            row.answered_at = now
    touch(s, assessment_id, now)


def support_needs(s: Session, assessment_id: int) -> list[str]:
    """The chosen support needs, in the order they were chosen."""
    return list(
        s.scalars(
            select(SupportNeedChoice.option_id)
            .where(SupportNeedChoice.assessment_id == assessment_id)
            .order_by(SupportNeedChoice.id)
        )
    )


def choose_support_needs(
    s: Session, assessment_id: int, *, add: list[str], remove: list[str]
) -> None:
    """Add and remove single choices; a choice another tab made stays untouched."""
    if remove:
        s.execute(
            delete(SupportNeedChoice).where(
                SupportNeedChoice.assessment_id == assessment_id,
                SupportNeedChoice.option_id.in_(remove),
            )
        )
    dialect = s.get_bind().dialect.name
    insert = sqlite_insert if dialect == "sqlite" else pg_insert
    for option in dict.fromkeys(add):
        s.execute(
            insert(SupportNeedChoice)
            .values(assessment_id=assessment_id, option_id=option, chosen_at=utcnow())
            .on_conflict_do_nothing(index_elements=["assessment_id", "option_id"])
        )
    touch(s, assessment_id)


def touch(s: Session, assessment_id: int, now: datetime | None = None) -> None:
    s.execute(
        update(Assessment)
        .where(Assessment.id == assessment_id)
        .values(updated_at=now or utcnow())
        .execution_options(synchronize_session=False)
    )


def finished_rows(s: Session, questionnaire_id: str) -> tuple[list[dict[str, Any]], pd.DataFrame]:
    """Finished assessments of one questionnaire with their organisation's quasi-identifiers,
    and their answers in long format (assessment_id, item_id, value)."""
    query = (
        select(Assessment, Organisation.sector, Organisation.size_class, Organisation.region)
        .join(Organisation)
        .where(Assessment.questionnaire_id == questionnaire_id, Assessment.status == "finished")
    )
    rows: list[dict[str, Any]] = []
    ids: list[int] = []
    for a, sector, size_class, region in s.execute(query):
        ids.append(a.id)
        rows.append(
            {
                "assessment_id": a.id,
                "organisation_id": a.organisation_id,
                "questionnaire_id": a.questionnaire_id,
                "questionnaire_version": a.questionnaire_version,
                "status": "completed",
                "sector": sector,
                "size_class": size_class,
                "region": region,
                "completed_at": a.finished_at,
            }
        )
    columns = ["assessment_id", "item_id", "value"]
    long = (
        pd.DataFrame(
            s.execute(
                select(Answer.assessment_id, Answer.item_id, Answer.value).where(
                    Answer.assessment_id.in_(ids)
                )
            ).all(),
            columns=columns,
        )
        if ids
        else pd.DataFrame(columns=columns)
    )
    return rows, long
