"""The facts of one placement that the schedule and the signal rules look at."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from inclusief.questionnaires.model import Questionnaire

Respondent = Literal["worker", "employer"]
RESPONDENTS: tuple[Respondent, ...] = ("worker", "employer")
# the shipped check-in questionnaire of each respondent
QUESTIONNAIRE_OF: dict[Respondent, str] = {
    "worker": "followup_werknemer",
    "employer": "followup_werkgever",
}


@dataclass(frozen=True)
class SchemeUse:
    code: str
    until: date | None = None


@dataclass(frozen=True)
class HoursChange:
    on: date
    hours: float


@dataclass(frozen=True)
class CheckinFacts:
    id: int
    point: str
    respondent: Respondent
    questionnaire: Questionnaire
    answers: Mapping[str, int | None]
    finished_on: date | None = None  # None: not (yet) finished
    overall: float | None = None


@dataclass(frozen=True)
class EventFacts:
    id: int
    kind: str
    on: date
    text: str = ""


@dataclass(frozen=True)
class PlacementFacts:
    id: int
    start: date
    hours: float  # weekly hours at the start
    end: date | None = None
    contract_end: date | None = None
    decision: str | None = None
    schemes: tuple[SchemeUse, ...] = ()
    hours_changes: tuple[HoursChange, ...] = ()
    checkins: tuple[CheckinFacts, ...] = ()
    events: tuple[EventFacts, ...] = field(default=())

    def hours_on(self, day: date) -> tuple[float, date | None]:
        """The weekly hours on ``day`` and the date of the change that set them."""
        current, since = self.hours, None
        for change in sorted(self.hours_changes, key=lambda c: c.on):
            if change.on <= day:
                current, since = change.hours, change.on
        return current, since

    def latest_finished(self, respondent: Respondent, day: date) -> CheckinFacts | None:
        done = [
            c
            for c in self.checkins
            if c.respondent == respondent and c.finished_on is not None and c.finished_on <= day
        ]
        return max(done, key=lambda c: (c.finished_on, c.id)) if done else None
