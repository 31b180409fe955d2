"""Research releases: the generalisation levels fixed per questionnaire version and year."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from inclusief.store.tables import ResearchRelease


def periods(s: Session, questionnaire_id: str, version: str) -> list[ResearchRelease]:
    return list(
        s.scalars(
            select(ResearchRelease)
            .where(
                ResearchRelease.questionnaire_id == questionnaire_id,
                ResearchRelease.questionnaire_version == version,
            )
            .order_by(ResearchRelease.period)
        )
    )


def add_period_once(
    s: Session,
    *,
    questionnaire_id: str,
    version: str,
    period: str,
    k: int,
    spec: dict[str, Any],
    created_by: str,
) -> None:
    """Insert a period's release unless one exists already: the first one stays."""
    insert = sqlite_insert if s.get_bind().dialect.name == "sqlite" else pg_insert
    s.execute(
        insert(ResearchRelease)
        .values(
            questionnaire_id=questionnaire_id,
            questionnaire_version=version,
            period=period,
            k=k,
            spec=spec,
            created_by=created_by,
        )
        .on_conflict_do_nothing(
            index_elements=["questionnaire_id", "questionnaire_version", "period"]
        )
    )
