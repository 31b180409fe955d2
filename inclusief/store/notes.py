"""A consultant's notes per dimension and the action plan of an assessment."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from inclusief.store.tables import ActionItem, Note, utcnow


def set_note(s: Session, *, assessment_id: int, dimension_id: str, text: str) -> None:
    row = s.scalar(
        select(Note).where(Note.assessment_id == assessment_id, Note.dimension_id == dimension_id)
    )
    if row is None:
        s.add(Note(assessment_id=assessment_id, dimension_id=dimension_id, text=text))
    else:
        row.text = text
        row.updated_at = utcnow()


def notes(s: Session, assessment_id: int) -> dict[str, str]:
    return {
        n.dimension_id: n.text
        for n in s.scalars(select(Note).where(Note.assessment_id == assessment_id))
    }


def add_action(
    s: Session,
    *,
    assessment_id: int,
    what: str,
    who: str,
    due: date | None,
    dimension_id: str | None = None,
) -> ActionItem:
    item = ActionItem(
        assessment_id=assessment_id, what=what, who=who, due=due, dimension_id=dimension_id
    )
    s.add(item)
    s.flush()
    return item


def get_action(s: Session, action_id: int) -> ActionItem | None:
    return s.get(ActionItem, action_id)


def actions(s: Session, assessment_id: int) -> list[ActionItem]:
    return list(
        s.scalars(
            select(ActionItem)
            .where(ActionItem.assessment_id == assessment_id)
            .order_by(ActionItem.id)
        )
    )
