"""The candidate's easy-read intake: by invitation link, or filled in with the consultant.

The link works like the employer's (:mod:`inclusief.services.invitations`): 256 random bits,
only the SHA-256 stored, an expiry, revocation, and one plain message for every bad link.
Every answer is saved the moment it is given, so a reload resumes where the candidate was.
A consent question is honoured at once: "ja" records the consent (given in the app), a
later "nee" withdraws it. The consultant sees the answers and accepts them into the
candidate's record, where they are marked as the candidate's own.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from inclusief.errors import AccessDenied, InputError
from inclusief.jobcarving.intake import CONSENT_QUESTIONS, Question, check_answer, profile_fields
from inclusief.jobcarving.intake import questions as intake_questions
from inclusief.jobcarving.profiles import check_fields
from inclusief.services.access import DENIED, Actor, Principal, aware, log, session
from inclusief.services.candidates import (
    _current,
    candidate_for,
    give_consent,
    withdraw_consent_in,
)
from inclusief.services.limits import clean_text
from inclusief.settings import get_settings
from inclusief.store import candidates as rows
from inclusief.store.db import Store
from inclusief.store.tables import CandidateIntake, utcnow

INVALID_INTAKE = "Deze link werkt niet (meer). Vraag je begeleider om een nieuwe link."
INVALID_INTAKE_EN = "This link does not work (any more). Ask your coach for a new link."


@dataclass(frozen=True)
class IntakeSession:
    """A candidate who opened an intake link: that one intake only."""

    intake_id: int

    @property
    def label(self) -> str:
        return f"intake:{self.intake_id}"


IntakeActor = IntakeSession | Principal


@dataclass(frozen=True)
class IntakeState:
    intake_id: int
    candidate_id: int
    mode: str
    step: int
    answers: dict[str, Any]
    questions: list[Question]
    employer: str | None
    finished: bool
    accepted: bool
    created_at: datetime


def _valid_link(row: CandidateIntake | None) -> CandidateIntake:
    expires = aware(row.expires_at) if row is not None else None
    if row is None or row.mode != "link" or row.revoked_at is not None:
        raise AccessDenied(INVALID_INTAKE)
    if expires is None or expires <= utcnow():
        raise AccessDenied(INVALID_INTAKE)
    return row


def _intake_for(s: Session, actor: IntakeActor | Actor, intake_id: int) -> CandidateIntake:
    """The intake, for the candidate of its link (still valid) or its candidate's consultant."""
    if isinstance(actor, IntakeSession):
        if actor.intake_id != intake_id:
            raise AccessDenied(INVALID_INTAKE)
        return _valid_link(rows.intake(s, intake_id))
    row = rows.intake(s, intake_id)
    if row is None:
        candidate_for(s, actor, -1)  # a role check first; then the same refusal
        raise AccessDenied(DENIED)
    candidate_for(s, actor, row.candidate_id)
    return row


def _label(actor: IntakeActor | Actor) -> str:
    return actor.label


# -- links ---------------------------------------------------------------------------------
def create_intake_link(
    *,
    actor: Actor,
    candidate_id: int,
    days: int | None = None,
    employer: str | None = None,
    store: Store | None = None,
) -> str:
    """A new intake link token (256 random bits); only its SHA-256 is stored, show it once.
    ``employer`` names the employer the consent question (b) is about (none: not asked)."""
    if days is not None and days < 1:
        raise InputError.single("intake", "een link moet minstens 1 dag geldig zijn", field="days")
    if employer is not None:
        employer = clean_text(employer, file="intake", field="employer", kind="name") or None
    token = secrets.token_urlsafe(32)
    with session(store) as s:
        row = candidate_for(s, actor, candidate_id)
        intake = rows.add_intake(
            s,
            candidate_id=row.id,
            mode="link",
            created_by=row.consultant_id,
            token=token,
            expires_at=utcnow()
            + timedelta(days=get_settings().token_days if days is None else days),
            employer=employer,
        )
        log(s, actor, "intake.create", "candidate", row.id, intake=intake.id)
    return token


def intake_link(token: str) -> str:
    return f"{get_settings().base_url.rstrip('/')}/?intake={token}"


def start_session_intake(
    *, actor: Actor, candidate_id: int, employer: str | None = None, store: Store | None = None
) -> int:
    """An intake the consultant fills in together with the candidate (no link)."""
    if employer is not None:
        employer = clean_text(employer, file="intake", field="employer", kind="name") or None
    with session(store) as s:
        row = candidate_for(s, actor, candidate_id)
        intake = rows.add_intake(
            s,
            candidate_id=row.id,
            mode="session",
            created_by=row.consultant_id,
            employer=employer,  # type: ignore[union-attr]
        )
        log(s, actor, "intake.start", "candidate", row.id, intake=intake.id)
        return intake.id


def revoke_intake_links(*, actor: Actor, candidate_id: int, store: Store | None = None) -> int:
    with session(store) as s:
        row = candidate_for(s, actor, candidate_id)
        count = rows.revoke_intakes(s, row.id)
        log(s, actor, "intake.revoke", "candidate", row.id, count=count)
        return count


def open_intake(token: str, *, store: Store | None = None) -> IntakeSession:
    """The candidate's session for a valid link; one plain message for every bad link."""
    if not token or len(token) > 200:
        raise AccessDenied(INVALID_INTAKE)
    with session(store) as s:
        row = _valid_link(rows.intake_by_token(s, token))
        row.last_used_at = utcnow()
        return IntakeSession(row.id)


# -- answering -----------------------------------------------------------------------------
def _state(s: Session, row: CandidateIntake) -> IntakeState:
    return IntakeState(
        intake_id=row.id,
        candidate_id=row.candidate_id,
        mode=row.mode,
        step=row.step,
        answers=rows.answers(s, row.id),
        questions=intake_questions(employer=row.employer),
        employer=row.employer,
        finished=row.finished_at is not None,
        accepted=row.accepted_at is not None,
        created_at=row.created_at,
    )


def intake_state(
    *, actor: IntakeActor | Actor, intake_id: int, store: Store | None = None
) -> IntakeState:
    with session(store) as s:
        return _state(s, _intake_for(s, actor, intake_id))


def answer(
    *,
    actor: IntakeActor | Actor,
    intake_id: int,
    question: str,
    value: Any,
    store: Store | None = None,
) -> None:
    """Save one answer now. A consent answer counts at once ("nee" withdraws)."""
    value = check_answer(question, value)
    with session(store) as s:
        row = _intake_for(s, actor, intake_id)
        if question not in {q.id for q in intake_questions(employer=row.employer)}:
            raise InputError.single(
                "intake", "deze vraag hoort niet bij deze intake", field=question
            )
        rows.save_answer(s, intake_id=row.id, question=question, value=value)
        if question in CONSENT_QUESTIONS:
            kind = CONSENT_QUESTIONS[question]
            employer = row.employer if kind == "employer_summary" else None
            if value == "ja":
                give_consent(s, _label(actor), row.candidate_id, kind, employer, "app")
            else:
                withdraw_consent_in(s, _label(actor), row.candidate_id, kind, employer)
        log(s, _label(actor), "intake.answer", "intake", row.id, question=question)


def set_step(
    *, actor: IntakeActor | Actor, intake_id: int, step: int, store: Store | None = None
) -> None:
    with session(store) as s:
        row = _intake_for(s, actor, intake_id)
        # 0: the welcome; 1..n: the questions; n + 1: the closing screen
        row.step = max(0, min(step, len(intake_questions(employer=row.employer)) + 1))


def finish(*, actor: IntakeActor | Actor, intake_id: int, store: Store | None = None) -> None:
    with session(store) as s:
        row = _intake_for(s, actor, intake_id)
        if row.finished_at is None:
            row.finished_at = utcnow()
            log(s, _label(actor), "intake.finish", "intake", row.id)


# -- the consultant ------------------------------------------------------------------------
def intakes_of(*, actor: Actor, candidate_id: int, store: Store | None = None) -> list[IntakeState]:
    with session(store) as s:
        row = candidate_for(s, actor, candidate_id)
        return [_state(s, i) for i in rows.intakes_of(s, row.id)]


def accept_intake(*, actor: Actor, intake_id: int, store: Store | None = None) -> list[str]:
    """Take the intake's answers into the candidate's record; the fields taken are marked
    as the candidate's own. Returns the fields taken."""
    with session(store) as s:
        intake = _intake_for(s, actor, intake_id)
        if not isinstance(actor, Principal):
            raise AccessDenied(DENIED)
        row = candidate_for(s, actor, intake.candidate_id)
        fields = profile_fields(rows.answers(s, intake.id))
        if "hours_min" in fields and row.hours_wanted is not None and "hours_wanted" not in fields:
            fields["hours_wanted"] = None
        check_fields(fields, current=_current(row))
        own = sorted({*(row.from_candidate or []), *fields})
        rows.update(s, row, **fields, from_candidate=own)
        intake.accepted_at = utcnow()
        log(s, actor, "intake.accept", "candidate", row.id, intake=intake.id, fields=sorted(fields))
        return sorted(fields)
