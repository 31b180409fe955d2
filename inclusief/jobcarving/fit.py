"""Does a task fit a candidate, and with which accommodations?

Rule: a task fits when, for every dimension, the task's demand is at most the candidate's
capability. A dimension missing from the task demands 0; a dimension missing from the
candidate counts as capability 0 (conservative). Accommodations from ``accommodations.yaml``
lower named demands by a bounded number of levels (never below 0), with limits:

* a demand is lowered by at most one accommodation (they never stack on one dimension);
* an accommodation never lowers the dimensions in its ``never_lowers``;
* one with ``max_complexity`` helps only tasks up to that complexity;
* one with ``combines: false`` is not used together with another on the same task;
* a ``support`` (the jobcoach) lowers no demand: it fades out (hours a week per period) and
  is added to the job of a candidate for whom the employer offers it.

When a task does not fit as is, the cheapest allowed set of the candidate's accommodations
that makes it fit is used (ties: fewest accommodations, then alphabetical), so the result is
deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import combinations
from typing import Literal

from pydantic import Field, model_validator

from inclusief.i18n import LocalText, t
from inclusief.jobcarving.model import (
    DAYS,
    SLOT_HOURS,
    Candidate,
    CoachPeriod,
    Dimension,
    Inventory,
    Reason,
    Task,
    _Strict,
)
from inclusief.yamlio import load_yaml


class Accommodation(_Strict):
    id: str
    name: LocalText
    lowers: dict[str, int]
    """Dimension -> the most levels this accommodation lowers a demand by."""
    never_lowers: list[str] = Field(default_factory=list)
    max_complexity: int | None = Field(default=None, ge=1, le=3)
    combines: bool = True
    kind: Literal["lowering", "support"] = "lowering"
    fades: list[CoachPeriod] = Field(default_factory=list)
    hourly_rate_eur: float | None = Field(default=None, ge=0)
    cost_per_year_eur: float = Field(ge=0)
    cost_assumption: str
    note: str | None = None

    @model_validator(mode="after")
    def _limits(self) -> Accommodation:
        both = set(self.lowers) & set(self.never_lowers)
        if both:
            raise ValueError(f"{self.id}: lowers and never_lowers share {', '.join(both)}")
        if any(v < 1 for v in self.lowers.values()):
            raise ValueError(f"{self.id}: a lowering is at least 1 level")
        if self.kind == "support" and self.lowers:
            raise ValueError(f"{self.id}: a support lowers no demand")
        return self

    def usable_for(self, task: Task) -> bool:
        """Whether this (lowering) accommodation may be used for ``task`` at all."""
        if self.kind != "lowering":
            return False
        return self.max_complexity is None or task.complexity <= self.max_complexity

    def coaching_hours_first_year(self) -> float:
        return sum(p.months * p.hours_per_week * 52 / 12 for p in self.fades[:12])


@cache
def load_accommodations() -> dict[str, Accommodation]:
    """The accommodations catalogue (costs are marked assumptions)."""
    ref = resources.files("inclusief.jobcarving") / "accommodations.yaml"
    data = load_yaml(ref.read_text(encoding="utf-8"), file="accommodations.yaml")
    return {a["id"]: Accommodation.model_validate(a) for a in data["accommodations"]}


@cache
def load_dimensions() -> dict[str, Dimension]:
    """The capability dimensions from ``capabilities.yaml`` (FML rubrieken, Toolbox Inclusief)."""
    ref = resources.files("inclusief.jobcarving") / "capabilities.yaml"
    data = load_yaml(ref.read_text(encoding="utf-8"), file="capabilities.yaml")
    return {d["id"]: Dimension.model_validate(d) for d in data["dimensions"]}


@dataclass(frozen=True)
class Fit:
    fits: bool
    accommodations: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    """Blocking dimensions with the shortfall, e.g. ``tillen: eis 3 > vermogen 1 (tekort 2)``."""


def shortfalls(
    task: Task, candidate: Candidate, accommodations: tuple[str, ...] = ()
) -> dict[str, tuple[int, int]]:
    """Dimension -> (effective demand, capability) for every dimension that blocks."""
    catalogue = load_accommodations()
    out: dict[str, tuple[int, int]] = {}
    for dim, demand in task.demands.items():
        # at most one accommodation lowers a demand: the largest allowed lowering counts
        lowered = max(
            (
                catalogue[a].lowers.get(dim, 0)
                for a in accommodations
                if catalogue[a].usable_for(task) and dim not in catalogue[a].never_lowers
            ),
            default=0,
        )
        effective = max(0, demand - lowered)
        cap = candidate.capabilities.get(dim, 0)
        if effective > cap:
            out[dim] = (effective, cap)
    return out


def _reasons(short: dict[str, tuple[int, int]]) -> tuple[str, ...]:
    return tuple(
        f"{dim}: eis {d} > vermogen {c} (tekort {d - c})" for dim, (d, c) in sorted(short.items())
    )


def fit(task: Task, candidate: Candidate, *, use_accommodations: bool = True) -> Fit:
    """Whether ``task`` fits ``candidate``, with the accommodations needed, or the reasons not."""
    short = shortfalls(task, candidate)
    if not short:
        return Fit(True)
    if use_accommodations:
        catalogue = load_accommodations()
        allowed = sorted(
            a
            for a in (
                candidate.accommodations if candidate.accommodations is not None else catalogue
            )
            if a in catalogue
            and catalogue[a].usable_for(task)
            and any(catalogue[a].lowers.get(d, 0) for d in short)
        )
        best: tuple[float, int, tuple[str, ...]] | None = None
        for k in range(1, len(allowed) + 1):
            for combo in combinations(allowed, k):
                if k > 1 and not all(catalogue[a].combines for a in combo):
                    continue
                if not shortfalls(task, candidate, combo):
                    key = (sum(catalogue[a].cost_per_year_eur for a in combo), k, combo)
                    if best is None or key < best:
                        best = key
        if best is not None:
            return Fit(True, best[2])
    return Fit(False, (), _reasons(short))


def support_for(candidate: Candidate) -> tuple[str, ...]:
    """The fading supports (jobcoach) the employer offers this candidate: only those named
    in the candidate's own list (``None`` = any lowering accommodation, but no support)."""
    catalogue = load_accommodations()
    return tuple(
        sorted(a for a in candidate.accommodations or [] if catalogue[a].kind == "support")
    )


def limited_by_rules(task: Task, candidate: Candidate) -> bool:
    """True when the task would fit if the accommodation limits did not apply (stacking on a
    dimension, never_lowers, max_complexity, combines): the reason is then the limit."""
    catalogue = load_accommodations()
    allowed = [
        a
        for a in (candidate.accommodations if candidate.accommodations is not None else catalogue)
        if a in catalogue and catalogue[a].kind == "lowering"
    ]
    for dim, demand in task.demands.items():
        lowered = sum(catalogue[a].lowers.get(dim, 0) for a in allowed)
        if max(0, demand - lowered) > candidate.capabilities.get(dim, 0):
            return False
    return True


def capacity_hours(candidate: Candidate) -> float:
    """Most hours a week the candidate's available half days and day limit allow."""
    total = 0.0
    for day in DAYS:
        n = sum(1 for s in set(candidate.available_slots) if s.startswith(day + "-"))
        day_hours = n * SLOT_HOURS
        if candidate.hours_per_day_max is not None:
            day_hours = min(day_hours, candidate.hours_per_day_max)
        total += day_hours
    return total


def _text(key: str, **params: object) -> LocalText:
    return LocalText(
        nl=t(f"carving_reason.{key}", "nl", **params), en=t(f"carving_reason.{key}", "en", **params)
    )


def _hours_text(value: float) -> str:
    return f"{value:g}"


@dataclass(frozen=True)
class Assessment:
    """Whether a task may go to a candidate under every per-pair hard rule.

    The rules (see :mod:`inclusief.jobcarving.optimise`): every demand at or below the
    capability, possibly after accommodations; not disliked; a fixed-schedule task only for a
    candidate available in all its slots; the task not longer than the candidate's hours_max
    or available time; optionally, complexity at most a limit.
    """

    eligible: bool
    accommodations: tuple[str, ...] = ()
    reasons: tuple[Reason, ...] = ()


def calendar_problem(task: Task, inventory: Inventory | None) -> str | None:
    """Why the calendar never allows ``task`` (the same for every candidate), or ``None``."""
    if inventory is None:
        return None
    cal = inventory.calendar_at(inventory.location_of(task))
    if not cal.months(task.season):
        return "season"
    if task.needs_pupils:
        bad = [s for s in task.fixed_hours() if not cal.has_pupils(s)]
        if bad:
            return ", ".join(bad)
    return None


def assess(
    task: Task,
    candidate: Candidate,
    *,
    max_complexity: int | None = None,
    inventory: Inventory | None = None,
) -> Assessment:
    """Apply every per-pair hard rule and give the reasons when the task may not go."""
    reasons: list[Reason] = []
    problem = calendar_problem(task, inventory)
    if problem is not None:
        key = "calendar_season" if problem == "season" else "calendar_pupils"
        reasons.append(Reason(candidate=None, code="calendar", text=_text(key, slots=problem)))
    elif inventory is not None and task.needs_pupils and task.is_flexible:
        cal = inventory.calendar_at(inventory.location_of(task))
        if not any(cal.has_pupils(s) for s in candidate.available_slots):
            reasons.append(
                Reason(
                    candidate=candidate.id,
                    code="calendar",
                    text=_text("calendar_no_pupil_slots", pseudonym=candidate.pseudonym),
                )
            )
    cid, who = candidate.id, candidate.pseudonym
    if max_complexity is not None and task.complexity > max_complexity:
        reasons.append(
            Reason(
                candidate=cid,
                code="too_complex",
                text=_text("too_complex", complexity=task.complexity, limit=max_complexity),
            )
        )
    if candidate.dislikes_task(task):
        reasons.append(Reason(candidate=cid, code="dislike", text=_text("dislike", pseudonym=who)))
    missing = [s for s in task.fixed_hours() if s not in candidate.available_slots]
    if missing:
        reasons.append(
            Reason(
                candidate=cid,
                code="slots",
                text=_text("slots", pseudonym=who, slots=", ".join(missing)),
                slots=missing,
            )
        )
    limit = min(candidate.hours_max, capacity_hours(candidate))
    if task.hours_per_week > limit + 1e-9:
        reasons.append(
            Reason(
                candidate=cid,
                code="too_long",
                text=_text(
                    "too_long",
                    pseudonym=who,
                    hours=_hours_text(task.hours_per_week),
                    limit=_hours_text(limit),
                ),
            )
        )
    f = fit(task, candidate)
    if not f.fits and limited_by_rules(task, candidate):
        reasons.append(
            Reason(
                candidate=cid,
                code="accommodation_limit",
                text=_text("accommodation_limit", pseudonym=who),
            )
        )
    if not f.fits:
        dims = load_dimensions()
        for dim, (demand, cap) in sorted(shortfalls(task, candidate).items()):
            name = dims[dim].name if dim in dims else LocalText(nl=dim, en=dim)
            reasons.append(
                Reason(
                    candidate=cid,
                    code="demand",
                    dimension=dim,
                    demand=demand,
                    capability=cap,
                    text=LocalText(
                        **{
                            lang: t(
                                "carving_reason.demand",
                                lang,
                                pseudonym=who,
                                dimension=name.get(lang),
                                demand=demand,
                                capability=cap,
                                short=demand - cap,
                            )
                            for lang in ("nl", "en")
                        }
                    ),
                )
            )
    if reasons:
        return Assessment(False, (), tuple(reasons))
    return Assessment(True, f.accommodations)
