"""Does a task fit a candidate, and with which accommodations?

Rule: a task fits when, for every dimension, the task's demand is at most the candidate's
capability. A dimension missing from the task demands 0; a dimension missing from the
candidate counts as capability 0 (conservative). Accommodations from ``accommodations.yaml``
lower named demands by a number of levels (never below 0). When a task does not fit as is,
the cheapest set of the candidate's allowed accommodations that makes it fit is used (ties:
fewest accommodations, then alphabetical), so the result is deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import combinations

from pydantic import Field

from inclusief.i18n import LocalText, t
from inclusief.jobcarving.model import SLOT_HOURS, Candidate, Dimension, Reason, Task, _Strict
from inclusief.yamlio import load_yaml


class Accommodation(_Strict):
    id: str
    name: LocalText
    lowers: dict[str, int]
    cost_per_year_eur: float = Field(ge=0)
    cost_assumption: str


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
        lowered = sum(catalogue[a].lowers.get(dim, 0) for a in accommodations)
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
            if a in catalogue and any(catalogue[a].lowers.get(d, 0) for d in short)
        )
        best: tuple[float, int, tuple[str, ...]] | None = None
        for k in range(1, len(allowed) + 1):
            for combo in combinations(allowed, k):
                if not shortfalls(task, candidate, combo):
                    key = (sum(catalogue[a].cost_per_year_eur for a in combo), k, combo)
                    if best is None or key < best:
                        best = key
        if best is not None:
            return Fit(True, best[2])
    return Fit(False, (), _reasons(short))


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


def assess(task: Task, candidate: Candidate, *, max_complexity: int | None = None) -> Assessment:
    """Apply every per-pair hard rule and give the reasons when the task may not go."""
    reasons: list[Reason] = []
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
    limit = min(candidate.hours_max, SLOT_HOURS * len(set(candidate.available_slots)))
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
