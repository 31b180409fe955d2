"""Where a respondent is in a questionnaire: answers so far, and the step to resume at.

A step is one dimension (in definition order); after the last dimension comes the
support-needs step, when the questionnaire has one. The UI keeps one
:class:`ScanProgress` per session; the store keeps the same answers on the server.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from pydantic import BaseModel

from inclusief.errors import InputError
from inclusief.questionnaires.model import Questionnaire
from inclusief.questionnaires.scoring import score_one


class ScanProgress(BaseModel):
    questionnaire_id: str
    version: str
    answers: dict[str, int | None] = {}
    support_needs: list[str] = []
    step: int = 0
    finished: bool = False


def n_steps(q: Questionnaire) -> int:
    """Dimensions, plus one for the support-needs block when there is one."""
    return len(q.dimensions) + (1 if q.support_needs else 0)


def check_answer(q: Questionnaire, item_id: str, value: int | None) -> None:
    """Raise :class:`InputError` unless ``value`` is a code of the item's scale (or None)."""
    try:
        item = q.item(item_id)
    except KeyError:
        raise InputError.single(q.key, "unknown item", field=item_id) from None
    if value is None:
        return
    scale = q.scale(item.scale)
    if not scale.accepts(value):
        raise InputError.single(
            q.key,
            f"value {value} is not on scale '{scale.id}' (allowed: {scale.allowed_text()})",
            field=item_id,
        )


def first_open_step(q: Questionnaire, answers: Mapping[str, int | None]) -> int:
    """The first step with an unanswered item; the last step when all items are answered."""
    for index, dim in enumerate(q.dimensions):
        if any(answers.get(item.id) is None for item in dim.items):
            return index
    return n_steps(q) - 1


class OpenStep(BaseModel):
    """One step with something left open before finishing: its unanswered items, and
    whether its dimension will get no score (too few items answered; see
    :mod:`inclusief.questionnaires.scoring`)."""

    step: int
    dimension_id: str
    unanswered: list[str]
    no_score: bool


class FinishCheck(BaseModel):
    """What finishing now would leave open: shown before the respondent confirms."""

    steps: list[OpenStep]
    answered: int  # items with an answer, 'weet ik niet' included

    @property
    def nothing_answered(self) -> bool:
        return self.answered == 0

    @property
    def no_score_dimensions(self) -> list[str]:
        return [s.dimension_id for s in self.steps if s.no_score]

    @property
    def complete(self) -> bool:
        return not self.steps


def finish_check(q: Questionnaire, answers: Mapping[str, int | None]) -> FinishCheck:
    """Unanswered items per step and the dimensions that will get no score.

    "No score" is decided by the scoring itself (:func:`scoring.score_one`, the
    ``min_answered_share`` rule), so this list and the result can never disagree."""
    result = score_one(questionnaire=q, answers=answers)
    scored = {d.id: d.score is not None for d in result.dimensions}
    steps = []
    for index, dim in enumerate(q.dimensions):
        open_items = [i.id for i in dim.items if answers.get(i.id) is None]
        if open_items or not scored[dim.id]:
            steps.append(
                OpenStep(
                    step=index,
                    dimension_id=dim.id,
                    unanswered=open_items,
                    no_score=not scored[dim.id],
                )
            )
    answered = sum(answers.get(i.id) is not None for i in q.items)
    return FinishCheck(steps=steps, answered=answered)


def step_complete(q: Questionnaire, step: int, answers: Mapping[str, int | None]) -> bool:
    if step >= len(q.dimensions):
        return True
    return all(answers.get(i.id) is not None for i in q.dimensions[step].items)


class ScanBackend(Protocol):
    """Where a scan's answers live. The UI calls these; it never decides what is stored.

    ``on_server`` says whether every answer is on the server the moment it is given.
    """

    questionnaire: Questionnaire
    on_server: bool

    def load(self) -> ScanProgress: ...

    def save_answer(self, item_id: str, value: int | None) -> None: ...

    def save_support_needs(self, options: list[str], before: list[str] | None = None) -> None:
        """Save the chosen options; with ``before`` (what the page showed) only the
        difference, so that a choice made elsewhere meanwhile is kept."""

    def save_step(self, step: int) -> None: ...

    def finish(self) -> None: ...


class MemoryBackend:
    """Answers held in one :class:`ScanProgress` object (a guest's trial scan, tests)."""

    on_server = False

    def __init__(self, questionnaire: Questionnaire, progress: ScanProgress | None = None) -> None:
        self.questionnaire = questionnaire
        self.progress = progress or ScanProgress(
            questionnaire_id=questionnaire.id, version=questionnaire.version
        )

    def load(self) -> ScanProgress:
        return self.progress

    def save_answer(self, item_id: str, value: int | None) -> None:
        if self.progress.finished:
            raise InputError.single(self.questionnaire.key, "the scan is finished")
        check_answer(self.questionnaire, item_id, value)
        self.progress.answers[item_id] = value

    def save_support_needs(self, options: list[str], before: list[str] | None = None) -> None:
        known = (
            {o.id for o in self.questionnaire.support_needs.options}
            if self.questionnaire.support_needs
            else set()
        )
        unknown = [o for o in options if o not in known]
        if unknown:
            raise InputError.single(
                self.questionnaire.key, f"unknown option {unknown[0]}", field="support_needs"
            )
        if before is None:
            self.progress.support_needs = list(options)
            return
        kept = [o for o in self.progress.support_needs if o in options or o not in before]
        self.progress.support_needs = kept + [o for o in options if o not in kept]

    def save_step(self, step: int) -> None:
        self.progress.step = max(0, min(step, n_steps(self.questionnaire) - 1))

    def finish(self) -> None:
        self.progress.finished = True
