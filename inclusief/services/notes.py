"""Session mode: the consultant's notes per dimension and the action plan."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel
from sqlalchemy.orm import Session

from inclusief.errors import AccessDenied, InputError
from inclusief.services.access import DENIED, Actor, assessment_for, log, session
from inclusief.services.limits import clean_text
from inclusief.services.scan import questionnaire_in
from inclusief.store import notes
from inclusief.store.db import Store
from inclusief.store.tables import Assessment


class ActionView(BaseModel):
    id: int
    what: str
    who: str
    due: date | None
    done: bool
    dimension_id: str | None = None


def set_note(
    *, actor: Actor, assessment_id: int, dimension_id: str, text: str, store: Store | None = None
) -> None:
    text = clean_text(text, file="notes", field="note")
    with session(store) as s:
        a = assessment_for(s, actor, assessment_id, employer_ok=False)
        _check_dimension(s, a, dimension_id)
        notes.set_note(s, assessment_id=a.id, dimension_id=dimension_id, text=text)
        log(s, actor, "note.set", "assessment", a.id, dimension=dimension_id)


def _check_dimension(s: Session, a: Assessment, dimension_id: str) -> None:
    try:
        questionnaire_in(s, a.questionnaire_id, a.questionnaire_version).dimension(dimension_id)
    except KeyError:
        raise InputError.single(
            "notes", f"unknown dimension '{dimension_id}'", field="dimension_id"
        ) from None


def list_notes(*, actor: Actor, assessment_id: int, store: Store | None = None) -> dict[str, str]:
    with session(store) as s:
        assessment_for(s, actor, assessment_id, employer_ok=False)
        return notes.notes(s, assessment_id)


def add_action(
    *,
    actor: Actor,
    assessment_id: int,
    what: str,
    who: str,
    due: date | None,
    dimension_id: str | None = None,
    store: Store | None = None,
) -> ActionView:
    """A new action of the plan, about one dimension (``dimension_id``) or the whole scan."""
    if not what.strip():
        raise InputError.single("action plan", "describe what will be done", field="what")
    what = clean_text(what, file="action plan", field="what")
    who = clean_text(who, file="action plan", field="who")
    with session(store) as s:
        a = assessment_for(s, actor, assessment_id, employer_ok=False)
        if dimension_id is not None:
            _check_dimension(s, a, dimension_id)
        item = notes.add_action(
            s,
            assessment_id=assessment_id,
            what=what,
            who=who,
            due=due,
            dimension_id=dimension_id,
        )
        log(s, actor, "action.add", "assessment", item.assessment_id, action_id=item.id)
        return ActionView.model_validate(item, from_attributes=True)


def list_actions(
    *, actor: Actor, assessment_id: int, store: Store | None = None
) -> list[ActionView]:
    with session(store) as s:
        assessment_for(s, actor, assessment_id, employer_ok=False)
        return [
            ActionView.model_validate(x, from_attributes=True)
            for x in notes.actions(s, assessment_id)
        ]


def set_action_done(
    *, actor: Actor, action_id: int, done: bool, store: Store | None = None
) -> None:
    with session(store) as s:
        item = notes.get_action(s, action_id)
        if item is None:
            raise AccessDenied(DENIED)
        assessment_for(s, actor, item.assessment_id, employer_ok=False)
        item.done = done
        log(
            s,
            actor,
            "action.done" if done else "action.reopen",
            "assessment",
            item.assessment_id,
            action_id=item.id,
        )
