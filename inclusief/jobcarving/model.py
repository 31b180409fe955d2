"""Data model for jobcarving: roles, tasks, inventories, candidates and results.

Slots are half days: ``ma|di|wo|do|vr`` + ``-ochtend|-middag``, each :data:`SLOT_HOURS` hours.
A task's ``schedule`` is either a mapping slot -> hours (the task must happen then) or the
string ``"flexibel"`` (any time the candidate is available).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from inclusief.i18n import LocalText

DAYS = ("ma", "di", "wo", "do", "vr")
PARTS = ("ochtend", "middag")
SLOTS: tuple[str, ...] = tuple(f"{d}-{p}" for d in DAYS for p in PARTS)
SLOT_HOURS = 4.0
FLEXIBLE = "flexibel"
WEEKS_PER_YEAR = 52
"""Weeks per year for yearly amounts. Hourly costs in the data are annual employer cost
divided by 52 x contract hours per week, so value and cost are both taken over 52 weeks."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Dimension(_Strict):
    """A capability dimension with ordered levels 0..n-1."""

    id: str
    name: LocalText
    fml: list[str]
    levels: list[LocalText] = Field(min_length=3, max_length=4)

    @property
    def max_level(self) -> int:
        return len(self.levels) - 1


class Role(_Strict):
    """A role whose tasks may be carved out."""

    id: str
    name: LocalText
    hourly_cost_eur: float = Field(gt=0, allow_inf_nan=False)
    cost_source: str | None = None
    cost_assumption: str | None = Field(default=None, validate_default=True)
    relieved_use: LocalText
    """What the relieved staff do with the time they get back."""

    @field_validator("cost_assumption")
    @classmethod
    def _cost_has_a_basis(cls, value: str | None, info: ValidationInfo) -> str | None:
        if not (info.data.get("cost_source") or "").strip() and not (value or "").strip():
            raise ValueError(
                "give cost_source (where the hourly cost comes from) or cost_assumption "
                "(how it was estimated)"
            )
        return value


class Task(_Strict):
    """One task from the inventory."""

    id: str
    name: str
    description: str = ""
    category: str
    role: str
    hours_per_week: float = Field(gt=0, le=40)
    complexity: int = Field(ge=1, le=3)
    demands: dict[str, int] = Field(default_factory=dict)
    schedule: dict[str, float] | Literal["flexibel"] = "flexibel"

    @model_validator(mode="before")
    @classmethod
    def _schedule_text(cls, data: object) -> object:
        # CSV/XLSX cells and hand-written YAML may say "Flexibel" or " flexibel "
        if isinstance(data, dict) and isinstance(data.get("schedule"), str):
            data = {**data, "schedule": data["schedule"].strip().lower()}
        return data

    @property
    def is_flexible(self) -> bool:
        return isinstance(self.schedule, str)

    def fixed_hours(self) -> dict[str, float]:
        return {} if isinstance(self.schedule, str) else dict(self.schedule)


class Inventory(_Strict):
    """A task inventory of one organisation type."""

    id: str
    title: str
    sector: str
    sources: list[str] = Field(default_factory=list)
    categories: dict[str, LocalText] = Field(default_factory=dict)
    """Optional display names per category id; when given, every task's category is in it."""
    roles: list[Role]
    tasks: list[Task]

    def role(self, role_id: str) -> Role:
        return next(r for r in self.roles if r.id == role_id)

    def task(self, task_id: str) -> Task:
        return next(t for t in self.tasks if t.id == task_id)

    def category_name(self, category: str, lang: str = "nl") -> str:
        label = self.categories.get(category)
        return label.get(lang) if label else category


class Candidate(_Strict):
    """A candidate, described only by capability levels and preferences (no medical data)."""

    id: str
    pseudonym: str
    capabilities: dict[str, int] = Field(default_factory=dict)
    hours_min: float = Field(ge=0, le=40)
    hours_max: float = Field(gt=0, le=40)
    available_slots: list[str]
    likes: list[str] = Field(default_factory=list)
    dislikes: list[str] = Field(default_factory=list)
    hourly_cost_eur: float = Field(gt=0, allow_inf_nan=False)
    accommodations: list[str] | None = None
    """Accommodations the employer may offer this candidate; ``None`` = any in the catalogue."""

    def likes_task(self, task: Task) -> bool:
        return task.id in self.likes or task.category in self.likes

    def dislikes_task(self, task: Task) -> bool:
        return task.id in self.dislikes or task.category in self.dislikes


class CandidateFile(_Strict):
    source: str | None = None
    candidates: list[Candidate]


Status = Literal["optimal", "feasible", "infeasible", "time_limit"]
"""``optimal``: proven optimal on every objective level; ``feasible``: a solution, but the time
limit stopped a level before optimality was proven (see ``gap``); ``infeasible``: the model
has no solution; ``time_limit``: no solution was found in time."""

ReasonCode = Literal[
    "demand", "dislike", "slots", "too_long", "too_complex", "not_chosen", "no_candidates"
]


class Objective(_Strict):
    """The four lexicographic objective levels, most important first."""

    jobs: int
    hours: float
    liked_hours: float
    savings_eur: float

    def key(self) -> tuple[int, float, float, float]:
        """Comparison key (rounded so float noise does not decide)."""
        return (
            self.jobs,
            round(self.hours, 6),
            round(self.liked_hours, 6),
            round(self.savings_eur, 2),
        )


class Reason(_Strict):
    """Why a task did not go to a candidate (or to anyone)."""

    candidate: str | None
    code: ReasonCode
    text: LocalText
    dimension: str | None = None
    demand: int | None = None
    capability: int | None = None
    slots: list[str] = Field(default_factory=list)


class ScheduleEntry(_Strict):
    task: str
    hours: float
    fixed: bool
    """True when the inventory fixes the task in this slot; False when the engine placed a
    flexible task in free time."""


class JobAccommodation(_Strict):
    id: str
    tasks: list[str]
    cost_per_year_eur: float


class CarvedJob(_Strict):
    candidate: str
    pseudonym: str
    tasks: list[str]
    hours: float
    liked_hours: float
    schedule: dict[str, list[ScheduleEntry]]
    """Slot -> what happens in it; every slot is one of :data:`SLOTS`."""
    accommodations: list[JobAccommodation]
    hours_by_role: dict[str, float]
    value_eur: float
    """Yearly value of the moved hours at the source roles' hourly cost."""
    cost_eur: float
    """Yearly cost of the new job (candidate hourly cost) plus its accommodations."""
    savings_eur: float
    """``value_eur - cost_eur``."""


class Unassigned(_Strict):
    task: str
    reasons: list[Reason]


class CarvingResult(_Strict):
    status: Status
    gap: float | None
    """Relative MIP gap of the level the time limit stopped (0 when every level was proven
    optimal; None when that level found no solution of its own, so its gap is unknown)."""
    objective: Objective
    levels: dict[str, str] = Field(default_factory=dict)
    """Per objective level, the solver status for that level."""
    jobs: list[CarvedJob]
    unassigned: list[Unassigned]
    method: Literal["milp", "greedy"] = "milp"
    solve_seconds: float = 0.0
    time_limit: float | None = None
    note: str | None = None
