"""The werkgeversscan as a use case: assessments, answers, resume, finish and results.

Who may read or answer an assessment is decided in :mod:`inclusief.services.access`; how an
answer is stored in :mod:`inclusief.store.assessments`; how it is scored in
:mod:`inclusief.questionnaires.scoring`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import pandas as pd
from pydantic import BaseModel
from sqlalchemy.orm import Session

from inclusief.errors import AccessDenied, InputError, NotFound
from inclusief.questionnaires.load import load_shipped, load_text
from inclusief.questionnaires.model import Questionnaire
from inclusief.questionnaires.progress import ScanProgress, check_answer, first_open_step, n_steps
from inclusief.questionnaires.regions import known_municipality
from inclusief.questionnaires.results import ScanResult
from inclusief.questionnaires.scoring import score_one
from inclusief.services import access
from inclusief.services.access import (
    Actor,
    answer_target,
    assessment_for,
    log,
    org_for,
    session,
)
from inclusief.store import answer_writes, questionnaire_versions
from inclusief.store import assessments as assessment_rows
from inclusief.store import organisations as organisation_rows
from inclusief.store.db import Store
from inclusief.store.tables import Assessment, utcnow


class AssessmentView(BaseModel):
    id: int
    organisation_id: int
    questionnaire_id: str
    questionnaire_version: str
    mode: str
    status: str
    step: int
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None
    answered: int = 0


def view(a: Assessment, answered: int = 0) -> AssessmentView:
    return AssessmentView(
        id=a.id,
        organisation_id=a.organisation_id,
        questionnaire_id=a.questionnaire_id,
        questionnaire_version=a.questionnaire_version,
        mode=a.mode,
        status=a.status,
        step=a.step,
        created_at=a.created_at,
        updated_at=a.updated_at,
        finished_at=a.finished_at,
        answered=answered,
    )


# -- questionnaires ------------------------------------------------------------------------
def get_questionnaire(
    questionnaire_id: str, version: str | None = None, *, store: Store | None = None
) -> Questionnaire:
    """The stored version asked for, else the active stored one, else the shipped one."""
    with session(store) as s:
        return questionnaire_in(s, questionnaire_id, version)


# (database, id, version) -> definition. A stored id + version never changes (unique, and an
# upload may not reuse a shipped version), so explicit versions can be kept; saves ask for
# one on every answer.
_VERSIONS: dict[tuple[str, str, str], Questionnaire] = {}


def questionnaire_in(s: Session, questionnaire_id: str, version: str | None) -> Questionnaire:
    """:func:`get_questionnaire` inside the caller's session (no second connection)."""
    key = (str(s.get_bind().engine.url), questionnaire_id, version or "")
    if version and key in _VERSIONS:
        return _VERSIONS[key]
    row = questionnaire_versions.find(s, questionnaire_id, version)
    if row is not None:
        found = load_text(row.yaml_text, file=f"{questionnaire_id}@{row.version}")
    else:
        # a stored assessment names its version: score it with that one, never the default
        try:
            found = load_shipped(questionnaire_id, version or None)
        except InputError:
            raise NotFound(f"{questionnaire_id} version {version or '-'}") from None
    if version:
        _VERSIONS[key] = found
    return found


def _questionnaire_of(a: Assessment, s: Session) -> Questionnaire:
    # In the caller's session: a second pooled connection per call deadlocked the pool
    # once more threads than pool connections were saving at the same time.
    return questionnaire_in(s, a.questionnaire_id, a.questionnaire_version)


# -- assessments ---------------------------------------------------------------------------
def create_assessment(
    *,
    actor: Actor,
    organisation_id: int,
    mode: Literal["self", "session"],
    questionnaire_id: str = "werkgeversscan",
    version: str | None = None,
    store: Store | None = None,
) -> AssessmentView:
    """A new assessment in ``version`` (default: the active stored or newest shipped one)."""
    with session(store) as s:
        org = org_for(s, actor, organisation_id)
        q = questionnaire_in(s, questionnaire_id, version)
        a = assessment_rows.add(
            s, organisation_id=org.id, questionnaire_id=q.id, version=q.version, mode=mode
        )
        log(s, actor, "assessment.create", "assessment", a.id, mode=mode)
        return view(a)


def list_assessments(
    *, actor: Actor, organisation_id: int, store: Store | None = None
) -> list[AssessmentView]:
    with session(store) as s:
        org_for(s, actor, organisation_id)
        counts = assessment_rows.answered_counts(s, organisation_id)
        return [
            view(a, counts.get(a.id, 0))
            for a in assessment_rows.of_organisation(s, organisation_id)
        ]


def get_assessment(
    *, actor: Actor, assessment_id: int, store: Store | None = None
) -> AssessmentView:
    with session(store) as s:
        return view(assessment_for(s, actor, assessment_id))


def save_answer(
    *, actor: Actor, assessment_id: int, item_id: str, value: int | None, store: Store | None = None
) -> None:
    """Write one answer now: insert or overwrite (last write wins), with its time.

    The access check (with the user's current role), an atomic upsert of the answer and the
    assessment's ``updated_at``: on PostgreSQL in one statement and one round trip once the
    assessment's questionnaire is known in this process (:func:`_save_in_one_trip`),
    otherwise three statements in one transaction.
    """
    if ONE_TRIP and _save_in_one_trip(actor, assessment_id, item_id, value, store):
        return
    with session(store) as s:
        status, questionnaire_id, version = answer_target(s, actor, assessment_id)
        if status != "open":
            raise InputError.single(
                "assessment", "this scan is finished and can no longer be changed", field=item_id
            )
        check_answer(questionnaire_in(s, questionnaire_id, version), item_id, value)
        assessment_rows.upsert_answer(s, assessment_id=assessment_id, item_id=item_id, value=value)
        url = str(s.get_bind().engine.url)
    if len(_TARGETS) > 100_000:
        _TARGETS.clear()
    _TARGETS[(url, assessment_id)] = (questionnaire_id, version)


# The save path in one round trip on PostgreSQL (store/answer_writes.py): after an
# assessment's first save in this process its questionnaire is known here (it never changes;
# the statement checks it again), so the value is checked before the database is asked.
ONE_TRIP = True
_TARGETS: dict[tuple[str, int], tuple[str, str]] = {}
_FINISHED = "this scan is finished and can no longer be changed"


def _save_in_one_trip(
    actor: Actor, assessment_id: int, item_id: str, value: int | None, store: Store | None
) -> bool:
    """Save with one statement; False when this path does not apply (then the caller
    takes the ordinary one). Refuses exactly as :func:`access.answer_target` does."""
    engine = access.store_of(store).engine
    if engine.dialect.name != "postgresql":
        return False
    url = str(engine.url)
    target = _TARGETS.get((url, assessment_id))
    q = _VERSIONS.get((url, *target)) if target else None
    if target is None or q is None:
        return False
    check_answer(q, item_id, value)
    if isinstance(actor, access.EmployerSession):
        if actor.assessment_id != assessment_id:
            raise AccessDenied(access.DENIED)
        user_id, invitation_id = None, actor.invitation_id
    elif isinstance(actor, access.Principal):
        user_id, invitation_id = actor.id, None
    else:
        raise AccessDenied(access.DENIED)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        row = answer_writes.save_checked(
            conn,
            assessment_id=assessment_id,
            item_id=item_id,
            value=value,
            now=utcnow(),
            user_id=user_id,
            invitation_id=invitation_id,
            questionnaire_id=target[0],
            version=target[1],
        )
    if row is None:
        raise AccessDenied(access.DENIED)
    status, qid, version, _owner, _role, _active, inv_id, revoked, expires, allowed, written = row
    if not allowed:
        if invitation_id is not None and inv_id is not None:
            expired = access.aware(expires)
            if revoked is not None or expired is None or expired <= utcnow():
                raise AccessDenied(access.INVALID_LINK)
        raise AccessDenied(access.DENIED)
    if status != "open":
        raise InputError.single("assessment", _FINISHED, field=item_id)
    if (qid, version) != target:  # cannot happen; take the ordinary path
        _TARGETS.pop((url, assessment_id), None)
        return False
    return bool(written)


def save_support_needs(
    *,
    actor: Actor,
    assessment_id: int,
    options: list[str],
    before: list[str] | None = None,
    store: Store | None = None,
) -> None:
    """Save the chosen support needs.

    With ``before`` (what the page showed when the choice was made) only the difference is
    written: choices added or removed in this tab. A choice made meanwhile in another tab is
    kept. Without ``before`` the stored choices become exactly ``options``.
    """
    with session(store) as s:
        a = assessment_for(s, actor, assessment_id)
        if a.status != "open":
            raise InputError.single("assessment", "this scan is finished", field="support_needs")
        q = _questionnaire_of(a, s)
        known = {o.id for o in q.support_needs.options} if q.support_needs else set()
        unknown = [o for o in options if o not in known]
        if unknown:
            raise InputError.single(
                "assessment", f"unknown option '{unknown[0]}'", field="support_needs"
            )
        current = assessment_rows.support_needs(s, a.id) if before is None else before
        assessment_rows.choose_support_needs(
            s,
            a.id,
            add=[o for o in options if o not in current],
            remove=[o for o in current if o not in options],
        )


def save_step(*, actor: Actor, assessment_id: int, step: int, store: Store | None = None) -> None:
    with session(store) as s:
        a = assessment_for(s, actor, assessment_id)
        a.step = max(0, min(step, n_steps(_questionnaire_of(a, s)) - 1))


def answers_of(
    *, actor: Actor, assessment_id: int, store: Store | None = None
) -> dict[str, int | None]:
    with session(store) as s:
        assessment_for(s, actor, assessment_id)
        return assessment_rows.answers(s, assessment_id)


def resume_state(*, actor: Actor, assessment_id: int, store: Store | None = None) -> ScanProgress:
    """Every stored answer, and the first step with an unanswered item."""
    with session(store) as s:
        a = assessment_for(s, actor, assessment_id)
        answers = assessment_rows.answers(s, a.id)
        q = _questionnaire_of(a, s)
        return ScanProgress(
            questionnaire_id=a.questionnaire_id,
            version=a.questionnaire_version,
            answers=answers,
            support_needs=assessment_rows.support_needs(s, a.id),
            step=first_open_step(q, answers),
            finished=a.status == "finished",
        )


def finish_assessment(*, actor: Actor, assessment_id: int, store: Store | None = None) -> None:
    with session(store) as s:
        a = assessment_for(s, actor, assessment_id)
        if a.status == "finished":
            return  # finishing twice (a double click, a reload) keeps the first finish time
        a.status = "finished"
        a.finished_at = a.updated_at = utcnow()
        log(s, actor, "assessment.finish", "assessment", a.id)


def reopen_assessment(*, actor: Actor, assessment_id: int, store: Store | None = None) -> None:
    with session(store) as s:
        a = assessment_for(s, actor, assessment_id, employer_ok=False)
        a.status = "open"
        a.finished_at = None
        log(s, actor, "assessment.reopen", "assessment", a.id)


def assessment_result(
    *, actor: Actor, assessment_id: int, lang: str = "nl", store: Store | None = None
) -> ScanResult:
    """The scored assessment in ``lang``, scored with the version it was answered in. With
    the organisation's municipality known, the advice ends with its own werkgeversservicepunt
    and the UWV Werkgeverslijn (a municipality the region data does not know is left out)."""
    with session(store) as s:
        a = assessment_for(s, actor, assessment_id)
        q = _questionnaire_of(a, s)
        answers = assessment_rows.answers(s, a.id)
        needs = assessment_rows.support_needs(s, a.id)
        org = organisation_rows.get(s, a.organisation_id)
        municipality = org.municipality if org is not None else None
    if municipality and not known_municipality(municipality):
        municipality = None  # stored before the check, or the region list changed
    return score_one(
        questionnaire=q,
        answers=answers,
        support_needs=needs,
        lang=lang,
        municipality=municipality,
    )


def trend(
    *, actor: Actor, organisation_id: int, lang: str = "nl", store: Store | None = None
) -> pd.DataFrame:
    """Scores of the organisation's finished assessments over time (long format), with the
    questionnaire version of each (the trend chart marks where the version changes)."""
    rows = []
    for a in list_assessments(actor=actor, organisation_id=organisation_id, store=store):
        if a.status != "finished":
            continue
        result = assessment_result(actor=actor, assessment_id=a.id, lang=lang, store=store)
        when = a.finished_at or a.updated_at
        version = a.questionnaire_version
        rows.append(
            {
                "date": when,
                "dimension": "Totaal" if lang == "nl" else "Overall",
                "score": result.overall_index,
                "version": version,
            }
        )
        rows += [
            {"date": when, "dimension": d.name, "score": d.score, "version": version}
            for d in result.dimensions
        ]
    return pd.DataFrame(rows, columns=["date", "dimension", "score", "version"])


class StoreBackend:
    """The scan form's :class:`~inclusief.questionnaires.progress.ScanBackend` on the database."""

    on_server = True

    def __init__(self, actor: Actor, assessment_id: int, store: Store | None = None) -> None:
        self.actor = actor
        self.assessment_id = assessment_id
        self.store = store
        with session(store) as s:
            self.questionnaire = _questionnaire_of(assessment_for(s, actor, assessment_id), s)
        self._step: int | None = None

    def load(self) -> ScanProgress:
        """Stored answers; a fresh backend (a reload) resumes at the first open step."""
        progress = resume_state(
            actor=self.actor, assessment_id=self.assessment_id, store=self.store
        )
        if self._step is None:
            self._step = progress.step
        progress.step = self._step
        return progress

    def save_answer(self, item_id: str, value: int | None) -> None:
        save_answer(
            actor=self.actor,
            assessment_id=self.assessment_id,
            item_id=item_id,
            value=value,
            store=self.store,
        )

    def save_support_needs(self, options: list[str], before: list[str] | None = None) -> None:
        save_support_needs(
            actor=self.actor,
            assessment_id=self.assessment_id,
            options=options,
            before=before,
            store=self.store,
        )

    def save_step(self, step: int) -> None:
        self._step = max(0, min(step, n_steps(self.questionnaire) - 1))
        save_step(
            actor=self.actor, assessment_id=self.assessment_id, step=self._step, store=self.store
        )

    def finish(self) -> None:
        finish_assessment(actor=self.actor, assessment_id=self.assessment_id, store=self.store)
