"""Data model for jobcarving: roles, tasks, inventories, candidates and results.

Slots are half days: ``ma|di|wo|do|vr`` + ``-ochtend|-middag``. In a half day a candidate
works at most one contiguous block of at most :data:`SLOT_HOURS` hours, inside the clock span
of that part of the day (see :class:`Calendar`). A task's ``schedule`` is either a mapping
slot -> hours (the task must happen then) or the string ``"flexibel"`` (any time the candidate
is available). A fixed task may carry a clock ``window`` ("07:45-08:30"): each of its slots'
hours then lie inside that window; an ``on_call`` task fills its window exactly.

The shared types of the engine (:class:`Pair`, :class:`Problem`) live here too, so that the
exact model (:mod:`.optimise`) and the greedy baseline (:mod:`.greedy`) both import them from
here and not from each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from inclusief.i18n import LocalText
from inclusief.jobcarving.calendar import preset_data, sector_calendar_data

if TYPE_CHECKING:
    from inclusief.jobcarving.fit import Assessment

DAYS = ("ma", "di", "wo", "do", "vr")
PARTS = ("ochtend", "middag")
SLOTS: tuple[str, ...] = tuple(f"{d}-{p}" for d in DAYS for p in PARTS)
SLOT_HOURS = 4.0
FLEXIBLE = "flexibel"
BANEN_HOURS = 25.5
"""Hours a week of one Banenafspraak job (one "baan" in the count)."""
WEEKS_PER_YEAR = 52
"""Weeks per year for yearly amounts. Hourly costs in the data are annual employer cost
divided by 52 x contract hours per week, so value and cost are both taken over 52 weeks."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def clock_minutes(text: str) -> int:
    """``"07:45"`` -> 465 (minutes after midnight); ValueError when not a clock time."""
    m = _CLOCK.match(text.strip())
    if not m:
        raise ValueError(f"'{text}' is not a clock time like 07:45")
    return int(m.group(1)) * 60 + int(m.group(2))


def clock_text(minutes: int) -> str:
    """465 -> ``"07:45"``."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def clock_range(text: str) -> tuple[int, int]:
    """``"07:45-08:30"`` -> (465, 510); ValueError when malformed or not increasing."""
    start, sep, end = text.partition("-")
    if not sep:
        raise ValueError(f"'{text}' is not a clock window like 07:45-08:30")
    a, b = clock_minutes(start), clock_minutes(end)
    if b <= a:
        raise ValueError(f"window '{text}' ends before it starts")
    return a, b


def minutes(hours: float) -> int:
    """Hours as whole minutes (the engine's unit)."""
    return round(hours * 60)


class Calendar(_Strict):
    """When work happens at a location: working weeks, half days without pupils, clock spans.

    See ``calendars.yaml`` for the presets and their sources. ``preset`` names the preset a
    calendar came from (or ``None`` for an own calendar)."""

    preset: str | None = None
    source: str | None = None
    weeks_per_month: dict[int, float]
    staff_days: float = Field(default=0, ge=0, le=60)
    no_pupils: list[str] = Field(default_factory=list)
    parts: dict[str, str] = Field(
        default_factory=lambda: {"ochtend": "07:30-12:30", "middag": "12:30-17:30"}
    )
    usual_start: dict[str, str] = Field(
        default_factory=lambda: {"ochtend": "08:30", "middag": "13:00"}
    )

    @model_validator(mode="before")
    @classmethod
    def _expand_preset(cls, data: object) -> object:
        if isinstance(data, str):
            data = {"preset": data}
        if isinstance(data, dict) and data.get("preset") and "weeks_per_month" not in data:
            data = {**preset_data(str(data["preset"])), **data}
        return data

    @field_validator("weeks_per_month")
    @classmethod
    def _months(cls, value: dict[int, float]) -> dict[int, float]:
        for month, weeks in value.items():
            if not 1 <= month <= 12:
                raise ValueError(f"month {month} is not 1..12")
            if not 0 <= weeks <= 5:
                raise ValueError(f"month {month}: {weeks:g} weeks is not 0..5")
        if sum(value.values()) <= 0:
            raise ValueError("a calendar needs at least one working week")
        return value

    @field_validator("no_pupils")
    @classmethod
    def _slots(cls, value: list[str]) -> list[str]:
        for slot in value:
            if slot not in SLOTS:
                raise ValueError(f"unknown slot '{slot}'; use e.g. 'wo-middag'")
        return value

    @field_validator("parts")
    @classmethod
    def _parts(cls, value: dict[str, str]) -> dict[str, str]:
        if set(value) != set(PARTS):
            raise ValueError("give a clock span for 'ochtend' and 'middag'")
        for span in value.values():
            a, b = clock_range(span)
            if b - a < SLOT_HOURS * 60:
                raise ValueError(f"span '{span}' is shorter than {SLOT_HOURS:g} hours")
        if clock_range(value["ochtend"])[1] > clock_range(value["middag"])[0]:
            raise ValueError("the morning span must end before the afternoon span starts")
        return value

    @field_validator("usual_start")
    @classmethod
    def _starts(cls, value: dict[str, str]) -> dict[str, str]:
        for part, text in value.items():
            if part not in PARTS:
                raise ValueError(f"unknown part '{part}'")
            clock_minutes(text)
        return value

    @property
    def weeks(self) -> float:
        """Working weeks a year."""
        return sum(self.weeks_per_month.values())

    def span(self, slot: str) -> tuple[int, int]:
        """The clock span (minutes) of a slot's part of the day."""
        return clock_range(self.parts[slot.split("-")[1]])

    def usual(self, slot: str) -> int:
        part = slot.split("-")[1]
        return clock_minutes(self.usual_start.get(part, self.parts[part].split("-")[0]))

    def has_pupils(self, slot: str) -> bool:
        return slot not in self.no_pupils

    def task_weeks(self, season: list[int] | None, needs_pupils: bool) -> float:
        """Working weeks a year in which a task with this season happens (staff days taken
        off, pro rata, for a task that needs pupils)."""
        months = set(season) if season else set(range(1, 13))
        weeks = sum(w for m, w in self.weeks_per_month.items() if m in months)
        if needs_pupils and self.weeks:
            weeks -= self.staff_days / 5 * weeks / self.weeks
        return max(0.0, weeks)

    def months(self, season: list[int] | None) -> set[int]:
        """The months (with working weeks) in which a task of this season happens."""
        months = set(season) if season else set(range(1, 13))
        return {m for m, w in self.weeks_per_month.items() if w > 0 and m in months}


@cache
def _sector_calendar(sector: str) -> Calendar:
    """The calendar an inventory of ``sector`` gets when it names none."""
    return Calendar.model_validate(sector_calendar_data(sector))


class Location(_Strict):
    """One location of an inventory (a school of a board), with its own calendar."""

    id: str
    name: str
    calendar: Calendar | None = None


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
    window: str | dict[str, str] | None = None
    """Clock window of the fixed occurrences: one for all (``"07:45-08:30"``), or per slot or
    part of the day (``{ochtend: "12:15-12:30", middag: "15:15-16:00"}``: after school, which
    is at noon on Wednesday); fixed tasks only."""
    on_call: bool = False
    """Present for the whole window (receiving visitors), not a block that can move."""
    needs_pupils: bool = False
    """Only when pupils are at school: never on a half day without pupils or a staff day."""
    season: list[int] | None = None
    """Months in which the task happens (1 = January); ``None`` = every working week."""
    location: str | None = None
    """Location id when the inventory lists locations; ``None`` = the first location."""

    @model_validator(mode="before")
    @classmethod
    def _schedule_text(cls, data: object) -> object:
        # CSV/XLSX cells and hand-written YAML may say "Flexibel" or " flexibel "
        if isinstance(data, dict) and isinstance(data.get("schedule"), str):
            data = {**data, "schedule": data["schedule"].strip().lower()}
        return data

    @field_validator("window")
    @classmethod
    def _window(cls, value: str | dict[str, str] | None) -> str | dict[str, str] | None:
        if isinstance(value, str):
            clock_range(value)
        elif isinstance(value, dict):
            for key, text in value.items():
                if key not in PARTS and key not in SLOTS:
                    raise ValueError(f"'{key}' is neither a part of the day nor a slot")
                clock_range(text)
        return value

    @field_validator("season")
    @classmethod
    def _season(cls, value: list[int] | None) -> list[int] | None:
        if value is not None:
            if not value:
                raise ValueError("a season names at least one month (or leave it out)")
            for m in value:
                if not 1 <= m <= 12:
                    raise ValueError(f"month {m} is not 1..12")
        return value

    @model_validator(mode="after")
    def _window_rules(self) -> Task:
        if self.window is None:
            if self.on_call:
                raise ValueError("an on-call task needs a clock window")
            return self
        if isinstance(self.schedule, str):
            raise ValueError("a clock window needs a fixed schedule (slot: hours)")
        for slot, hours in self.schedule.items():
            w = self.window_for(slot)
            if w is None:
                if self.on_call:
                    raise ValueError(f"on-call: no window for {slot}")
                continue
            a, b = w
            if self.on_call and minutes(hours) != b - a:
                raise ValueError(
                    f"on-call: the hours in {slot} ({hours:g}) must equal the window length"
                )
            if minutes(hours) > b - a:
                raise ValueError(f"the hours in {slot} ({hours:g}) do not fit in the window")
        return self

    def window_for(self, slot: str) -> tuple[int, int] | None:
        """The clock window (minutes) of the task's occurrence in ``slot``, if any."""
        if self.window is None:
            return None
        if isinstance(self.window, str):
            return clock_range(self.window)
        text = self.window.get(slot) or self.window.get(slot.split("-")[-1])
        return clock_range(text) if text else None

    def window_text(self, slot: str) -> str | None:
        w = self.window_for(slot)
        return None if w is None else f"{clock_text(w[0])}-{clock_text(w[1])}"

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
    calendar: Calendar | None = None
    """The working calendar; ``None`` = the sector's default preset (``calendars.yaml``)."""
    locations: list[Location] = Field(default_factory=list)
    """Locations (schools of one board); empty = one location."""
    travel_minutes: dict[str, dict[str, int]] = Field(default_factory=dict)
    """Travel time between locations, one way, in minutes (symmetric when one way given)."""

    def base_calendar(self) -> Calendar:
        if self.calendar is not None:
            return self.calendar
        return _sector_calendar(self.sector)

    def calendar_at(self, location: str | None) -> Calendar:
        """The calendar of a location (its own, or the inventory's)."""
        for loc in self.locations:
            if loc.id == location and loc.calendar is not None:
                return loc.calendar
        return self.base_calendar()

    def location_of(self, task: Task) -> str:
        """A task's location id ('' when the inventory lists none)."""
        if task.location is not None:
            return task.location
        return self.locations[0].id if self.locations else ""

    def travel(self, a: str, b: str) -> int | None:
        """Minutes between two locations; 0 for the same; ``None`` when not in the matrix."""
        if a == b:
            return 0
        got = self.travel_minutes.get(a, {}).get(b)
        if got is None:
            got = self.travel_minutes.get(b, {}).get(a)
        return got

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
    hours_wish: float | None = Field(default=None, ge=0, le=40)
    """Hours a week the candidate would like (profile *wensen*); ``None`` = ``hours_max``."""
    hours_per_day_max: float | None = Field(default=None, gt=0, le=12)
    """Most hours in one day; ``None`` = no own limit (two half days of at most 4 hours)."""
    min_block_hours: float = Field(default=1.0, gt=0, le=SLOT_HOURS)
    """Shortest block of work in a half day (no 15-minute half days)."""
    max_locations: int = Field(default=1, ge=1)
    """Most locations in one job (a stapelbaan over schools needs 2 or more)."""
    max_travel_minutes: float = Field(default=60, ge=0)
    """Most travel minutes a week between blocks at different locations."""

    @property
    def wish(self) -> float:
        return self.hours_wish if self.hours_wish is not None else self.hours_max

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
    "demand",
    "dislike",
    "slots",
    "too_long",
    "too_complex",
    "not_chosen",
    "no_candidates",
    "calendar",
    "accommodation_limit",
]

Profile = Literal["mensen", "banen", "wensen"]
PROFILES: tuple[Profile, ...] = ("mensen", "banen", "wensen")
PROFILE_LEVELS: dict[str, tuple[str, ...]] = {
    "mensen": ("jobs", "hours", "liked_hours", "savings_eur"),
    "banen": ("hours", "jobs", "liked_hours", "savings_eur"),
    "wensen": ("wish_deviation", "jobs", "hours", "liked_hours", "savings_eur"),
}
"""Lexicographic levels per objective profile, most important first. ``hours`` are hours per
working week averaged over the year (for *banen* the same order as Banenafspraak jobs =
hours / 25.5); ``wish_deviation`` is minimised, the others maximised."""

Engine = Literal["cpsat", "highs"]


class Objective(_Strict):
    """The objective values of a result (the profile decides their order)."""

    jobs: int
    hours: float
    """Hours per week of the carved jobs (the week with every task, as contracted)."""
    liked_hours: float
    savings_eur: float
    hours_per_year: float = 0.0
    hours_per_working_week: float = 0.0
    """Hours a year / the inventory's working weeks (what the levels ``hours`` maximise)."""
    banen: float = 0.0
    """Banenafspraak jobs: hours per working week / 25.5."""
    wish_deviation: float = 0.0
    """Sum over all candidates of |hours per working week - wished hours| (unplaced: wish)."""

    def level_value(self, level: str) -> float:
        if level == "hours":
            return round(self.hours_per_working_week, 4)
        if level == "wish_deviation":
            return -round(self.wish_deviation, 4)
        return float(round(getattr(self, level), 4 if level != "savings_eur" else 0))

    def key(self, profile: Profile = "mensen") -> tuple[float, ...]:
        """Comparison key in the profile's order (rounded so float noise does not decide;
        savings to whole euros); larger is better."""
        return tuple(self.level_value(name) for name in PROFILE_LEVELS[profile])


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
    start: str | None = None
    """Clock time the piece starts (``"08:30"``); ``end`` = start + hours."""
    end: str | None = None
    location: str = ""


class CoachPeriod(_Strict):
    months: int
    hours_per_week: float


class JobAccommodation(_Strict):
    id: str
    tasks: list[str]
    cost_per_year_eur: float
    coaching: list[CoachPeriod] = Field(default_factory=list)
    """For a fading support (jobcoach): hours a week per period, first months first."""


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
    hours_per_year: float = 0.0
    hours_per_working_week: float = 0.0
    locations: list[str] = Field(default_factory=list)
    travel_minutes: float = 0.0
    """Travel minutes a week between blocks at different locations."""


class Unassigned(_Strict):
    task: str
    reasons: list[Reason]


CandidateReasonCode = Literal["no_fit", "hours", "calendar", "other_profile", "not_chosen"]


class CandidateOutcome(_Strict):
    """A candidate without a job, and why."""

    candidate: str
    pseudonym: str
    code: CandidateReasonCode
    text: LocalText


class LevelOutcome(_Strict):
    """How one objective level ended."""

    status: str
    """``optimal``, ``feasible`` (stopped with a solution), ``unknown`` (stopped without
    one), ``infeasible`` or ``not_run``."""
    value: float | None = None
    bound: float | None = None
    gap: float | None = None
    """Relative gap (|bound - value| / max(1, |value|)); ``None`` = unknown."""
    seconds: float = 0.0


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
    profile: Profile = "mensen"
    engine: Engine | None = None
    level_details: dict[str, LevelOutcome] = Field(default_factory=dict)
    without_job: list[CandidateOutcome] = Field(default_factory=list)
    """Every candidate without a job, with the reason."""


@dataclass(frozen=True)
class Pair:
    """A task x candidate pair that passes every per-pair rule."""

    task: int
    candidate: int
    accommodations: tuple[str, ...]
    hours: float
    liked: bool
    savings: float
    """Yearly savings of the pair before accommodation costs (average hours per working week
    x (role cost - candidate cost) x :data:`WEEKS_PER_YEAR`)."""
    hours_per_year: float = 0.0


@dataclass(frozen=True)
class Problem:
    """The carving instance with every per-pair rule applied."""

    inventory: Inventory
    candidates: tuple[Candidate, ...]
    pairs: tuple[Pair, ...]
    assessments: dict[tuple[int, int], Assessment]
    max_complexity: int | None
    pooling: bool = True
