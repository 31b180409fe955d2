"""Questionnaire versions uploaded by an admin (shipped definitions live in the package)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from inclusief.store.tables import QuestionnaireVersion


def find(s: Session, questionnaire_id: str, version: str | None) -> QuestionnaireVersion | None:
    """The stored version asked for, or (version None) the active stored one."""
    query = select(QuestionnaireVersion).where(
        QuestionnaireVersion.questionnaire_id == questionnaire_id
    )
    query = (
        query.where(QuestionnaireVersion.version == version)
        if version
        else query.where(QuestionnaireVersion.active.is_(True))
    )
    return s.scalar(query)


def add(
    s: Session, *, questionnaire_id: str, version: str, yaml_text: str, uploaded_by: int
) -> None:
    s.add(
        QuestionnaireVersion(
            questionnaire_id=questionnaire_id,
            version=version,
            yaml_text=yaml_text,
            active=False,
            uploaded_by=uploaded_by,
        )
    )


def versions_of(s: Session, questionnaire_id: str) -> list[QuestionnaireVersion]:
    return list(
        s.scalars(
            select(QuestionnaireVersion).where(
                QuestionnaireVersion.questionnaire_id == questionnaire_id
            )
        )
    )


def all_versions(s: Session) -> list[QuestionnaireVersion]:
    return list(s.scalars(select(QuestionnaireVersion).order_by(QuestionnaireVersion.id)))
