"""Exact carving: which task goes to which candidate (a mixed-integer program, HiGHS).

Decision variables
    ``x[t,c]`` = 1 when task t goes to candidate c (only for pairs that pass every per-pair
    rule of :func:`inclusief.jobcarving.fit.assess`), ``y[c]`` = 1 when candidate c gets a
    job, ``z[c,a]`` = 1 when candidate c's job uses accommodation a.

Hard rules
    1. each task goes to at most one candidate: ``sum_c x[t,c] <= 1``;
    2. only tasks that fit, possibly with accommodations (pairs that do not fit have no x);
    3. disliked tasks are never given (no x either);
    4. a candidate with a job works within [hours_min, hours_max]:
       ``hours_min y[c] <= sum_t h_t x[t,c] <= hours_max y[c]``, and a job has at least one
       task: ``sum_t x[t,c] >= y[c]``;
    5. a fixed-schedule task only for a candidate available in all its slots (no x otherwise);
    6. fixed hours in one slot never exceed the slot length (:data:`SLOT_HOURS`):
       ``sum_t h[t,s] x[t,c] <= SLOT_HOURS`` for every slot s;
    7. flexible hours fit in the remaining available time:
       ``sum_t h_t x[t,c] <= SLOT_HOURS x |available slots of c|``; with rule 6 the flexible
       hours can then always be placed in free time (they may be split over slots), which
       :func:`place_schedule` does;
    8. ``z[c,a] >= x[t,c]`` for every accommodation a that pair (t, c) needs.

Objective, lexicographic (each level is solved to optimality in turn and then held as a
constraint while the next is optimised; every level's value is reported):
    1. number of candidates who get a job, ``sum y``;
    2. total carved hours, ``sum h_t x``;
    3. hours in liked tasks (a task is liked when its id or category is in the candidate's
       likes);
    4. yearly savings: moved hours x (source role's hourly cost - candidate's hourly cost)
       x :data:`WEEKS_PER_YEAR`, minus the yearly cost of the accommodations used.

Solver status: ``optimal`` when every level was proven optimal; ``feasible`` when the time
limit stopped a level with a solution in hand (``gap`` is that level's relative MIP gap, or
``None`` when the stopped level found no solution of its own; later levels keep the solution
found so far and are marked ``not_run``); ``time_limit`` when no solution was found.
The time limit is shared by the levels. The same input gives the same answer: the model is
built in input order and HiGHS is deterministic (a run stopped by the time limit may, like
any time-limited run, stop at a different point on a busier machine).

A simple greedy method (:mod:`inclusief.jobcarving.greedy`) is the baseline: the exact
answer is compared with it and, should a time-limited run end lexicographically worse, the
greedy answer is returned instead (and said so in ``note``), so the result is never worse.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

from inclusief.i18n import LocalText, t
from inclusief.jobcarving.fit import Assessment, assess, load_accommodations
from inclusief.jobcarving.model import (
    SLOT_HOURS,
    SLOTS,
    WEEKS_PER_YEAR,
    Candidate,
    CarvedJob,
    CarvingResult,
    Inventory,
    JobAccommodation,
    Objective,
    Reason,
    ScheduleEntry,
    Status,
    Task,
    Unassigned,
)

DEFAULT_TIME_LIMIT = 10.0
LEVELS = ("jobs", "hours", "liked_hours", "savings_eur")
_HOLD = 1e-6  # slack when a solved level is held as a constraint (HiGHS feasibility tol.)


@dataclass(frozen=True)
class Pair:
    task: int
    candidate: int
    accommodations: tuple[str, ...]
    hours: float
    liked: bool
    savings: float
    """Yearly savings of the pair before accommodation costs."""


@dataclass(frozen=True)
class Problem:
    """The carving instance with every per-pair rule applied."""

    inventory: Inventory
    candidates: tuple[Candidate, ...]
    pairs: tuple[Pair, ...]
    assessments: dict[tuple[int, int], Assessment]
    max_complexity: int | None


def build_problem(
    inventory: Inventory, candidates: Sequence[Candidate], *, max_complexity: int | None = None
) -> Problem:
    """Assess every task x candidate pair (:func:`~inclusief.jobcarving.fit.assess`)."""
    roles = {r.id: r for r in inventory.roles}
    pairs: list[Pair] = []
    assessments: dict[tuple[int, int], Assessment] = {}
    for ti, task in enumerate(inventory.tasks):
        for ci, cand in enumerate(candidates):
            a = assess(task, cand, max_complexity=max_complexity)
            assessments[(ti, ci)] = a
            if a.eligible:
                margin = roles[task.role].hourly_cost_eur - cand.hourly_cost_eur
                pairs.append(
                    Pair(
                        task=ti,
                        candidate=ci,
                        accommodations=a.accommodations,
                        hours=task.hours_per_week,
                        liked=cand.likes_task(task),
                        savings=task.hours_per_week * margin * WEEKS_PER_YEAR,
                    )
                )
    return Problem(inventory, tuple(candidates), tuple(pairs), assessments, max_complexity)


# -- the model ------------------------------------------------------------------------------
class _Model:
    """Variables ``[x pairs | y candidates | z (candidate, accommodation)]`` and rules 1-8."""

    def __init__(self, p: Problem) -> None:
        catalogue = load_accommodations()
        self.p = p
        n_x, n_c = len(p.pairs), len(p.candidates)
        self.z_keys = sorted(
            {(pair.candidate, a) for pair in p.pairs for a in pair.accommodations},
            key=lambda k: (k[0], k[1]),
        )
        z_index = {k: n_x + n_c + i for i, k in enumerate(self.z_keys)}
        self.n = n_x + n_c + len(self.z_keys)
        self.y0 = n_x
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        lo: list[float] = []
        hi: list[float] = []
        r = 0

        def add(entries: list[tuple[int, float]], lower: float, upper: float) -> None:
            nonlocal r
            for col, v in entries:
                rows.append(r)
                cols.append(col)
                vals.append(v)
            lo.append(lower)
            hi.append(upper)
            r += 1

        by_task: dict[int, list[int]] = {}
        by_cand: dict[int, list[int]] = {}
        for i, pair in enumerate(p.pairs):
            by_task.setdefault(pair.task, []).append(i)
            by_cand.setdefault(pair.candidate, []).append(i)
        # 1. each task at most once
        for _ti, idx in sorted(by_task.items()):
            if len(idx) > 1:
                add([(i, 1.0) for i in idx], -np.inf, 1.0)
        tasks = p.inventory.tasks
        for ci, cand in enumerate(p.candidates):
            idx = by_cand.get(ci, [])
            y = n_x + ci
            hours = [(i, p.pairs[i].hours) for i in idx]
            # 4. hours within [hours_min, hours_max] when employed, 0 otherwise
            add([*hours, (y, -cand.hours_min)], 0.0, np.inf)
            add([*hours, (y, -cand.hours_max)], -np.inf, 0.0)
            # a job has at least one task (also when hours_min is 0)
            add([*((i, 1.0) for i in idx), (y, -1.0)], 0.0, np.inf)
            # 7. all hours fit in the available time
            capacity = SLOT_HOURS * len(set(cand.available_slots))
            if capacity < cand.hours_max:
                add(hours, -np.inf, capacity)
            # 6. fixed hours per slot at most the slot length
            for slot in SLOTS:
                fixed = [
                    (i, tasks[p.pairs[i].task].fixed_hours()[slot])
                    for i in idx
                    if slot in tasks[p.pairs[i].task].fixed_hours()
                ]
                if sum(v for _, v in fixed) > SLOT_HOURS + 1e-9:
                    add(fixed, -np.inf, SLOT_HOURS)
        # 8. accommodation used when a pair needs it
        for i, pair in enumerate(p.pairs):
            for a in pair.accommodations:
                add([(i, 1.0), (z_index[(pair.candidate, a)], -1.0)], -np.inf, 0.0)
        self.A = coo_array((vals, (rows, cols)), shape=(r, self.n)).tocsr()
        self.lo = np.array(lo)
        self.hi = np.array(hi)
        # objective vectors per level (to maximise)
        self.c = {name: np.zeros(self.n) for name in LEVELS}
        self.c["jobs"][n_x : n_x + n_c] = 1.0
        for i, pair in enumerate(p.pairs):
            self.c["hours"][i] = pair.hours
            self.c["liked_hours"][i] = pair.hours if pair.liked else 0.0
            self.c["savings_eur"][i] = pair.savings
        for k, (_ci, a) in enumerate(self.z_keys):
            self.c["savings_eur"][n_x + n_c + k] = -catalogue[a].cost_per_year_eur

    def solve(
        self, time_limit: float
    ) -> tuple[NDArray[np.float64] | None, Status, float | None, dict[str, str]]:
        """Solve the levels in turn; return (x, status, gap, per-level statuses)."""
        if self.n == 0:  # no candidates: nothing to decide
            return np.zeros(0), "optimal", 0.0, dict.fromkeys(LEVELS, "optimal")
        start = time.perf_counter()
        extra_rows: list[NDArray[np.float64]] = []
        extra_lo: list[float] = []
        levels: dict[str, str] = {}
        best: NDArray[np.float64] | None = None
        status: Status = "optimal"
        gap: float | None = 0.0
        for name in LEVELS:
            left = time_limit - (time.perf_counter() - start)
            if left <= 0.01:
                levels[name] = "not_run"
                status = "feasible" if best is not None else "time_limit"
                gap = None  # a level not solved has no known gap
                continue
            constraints = [LinearConstraint(self.A, self.lo, self.hi)] if self.A.shape[0] else []
            if extra_rows:
                constraints.append(
                    LinearConstraint(np.vstack(extra_rows), np.array(extra_lo), np.inf)
                )
            res = milp(
                -self.c[name],
                integrality=np.ones(self.n),
                bounds=Bounds(0, 1),
                constraints=constraints,
                options={"time_limit": left, "disp": False},
            )
            if res.x is None:
                levels[name] = "infeasible" if res.status == 2 else "time_limit"
                if best is None:
                    return None, "infeasible" if res.status == 2 else "time_limit", None, levels
                status = "feasible"
                gap = None  # the solution in hand is from an earlier level: gap unknown
                for later in LEVELS[LEVELS.index(name) + 1 :]:
                    levels[later] = "not_run"
                break
            x = np.round(res.x)
            best = x
            value = float(self.c[name] @ x)
            if res.status == 0:
                levels[name] = "optimal"
            else:
                levels[name] = "feasible"
                status = "feasible"
                gap = float(getattr(res, "mip_gap", np.nan))
            extra_rows.append(self.c[name])
            extra_lo.append(value - _HOLD * max(1.0, abs(value)))
        return best, status, gap, levels


# -- from an assignment to a result -------------------------------------------------------------
def place_schedule(
    tasks: Sequence[Task], available: Sequence[str]
) -> dict[str, list[ScheduleEntry]]:
    """A weekly schedule: fixed tasks in their slots, flexible hours in the free time.

    Flexible tasks are placed largest first, each into available slots with the most work
    already in them (so the week stays compact), in week order on ties; a task is split over
    slots when one slot has too little room. The caller guarantees the hours fit.
    """
    schedule: dict[str, list[ScheduleEntry]] = {}
    used = dict.fromkeys(SLOTS, 0.0)
    for task in tasks:
        for slot, h in task.fixed_hours().items():
            schedule.setdefault(slot, []).append(ScheduleEntry(task=task.id, hours=h, fixed=True))
            used[slot] += h
    avail = [s for s in SLOTS if s in set(available)]
    flexible = sorted(
        (tk for tk in tasks if tk.is_flexible), key=lambda k: (-k.hours_per_week, k.id)
    )
    for task in flexible:
        left = task.hours_per_week
        while left > 1e-9:
            room = [s for s in avail if SLOT_HOURS - used[s] > 1e-9]
            if not room:
                raise ValueError(f"no room left for flexible task {task.id}")
            slot = min(room, key=lambda s: (-(used[s] > 0), -used[s], SLOTS.index(s)))
            h = min(left, SLOT_HOURS - used[slot])
            schedule.setdefault(slot, []).append(ScheduleEntry(task=task.id, hours=h, fixed=False))
            used[slot] += h
            left -= h
    return {s: schedule[s] for s in SLOTS if s in schedule}


def _job(p: Problem, ci: int, chosen: list[Pair]) -> CarvedJob:
    catalogue = load_accommodations()
    cand = p.candidates[ci]
    inv = p.inventory
    tasks = [inv.tasks[pair.task] for pair in sorted(chosen, key=lambda q: q.task)]
    acc_tasks: dict[str, list[str]] = {}
    for pair in sorted(chosen, key=lambda q: q.task):
        for a in pair.accommodations:
            acc_tasks.setdefault(a, []).append(inv.tasks[pair.task].id)
    hours_by_role: dict[str, float] = {}
    value = 0.0
    for task in tasks:
        hours_by_role[task.role] = hours_by_role.get(task.role, 0.0) + task.hours_per_week
        value += task.hours_per_week * inv.role(task.role).hourly_cost_eur * WEEKS_PER_YEAR
    hours = sum(tk.hours_per_week for tk in tasks)
    acc_cost = sum(catalogue[a].cost_per_year_eur for a in acc_tasks)
    cost = hours * cand.hourly_cost_eur * WEEKS_PER_YEAR + acc_cost
    return CarvedJob(
        candidate=cand.id,
        pseudonym=cand.pseudonym,
        tasks=[tk.id for tk in tasks],
        hours=round(hours, 6),
        liked_hours=round(sum(q.hours for q in chosen if q.liked), 6),
        schedule=place_schedule(tasks, cand.available_slots),
        accommodations=[
            JobAccommodation(id=a, tasks=ts, cost_per_year_eur=catalogue[a].cost_per_year_eur)
            for a, ts in sorted(acc_tasks.items())
        ],
        hours_by_role={r: round(h, 6) for r, h in sorted(hours_by_role.items())},
        value_eur=round(value, 2),
        cost_eur=round(cost, 2),
        savings_eur=round(value - cost, 2),
    )


def _text(key: str, **params: object) -> LocalText:
    return LocalText(
        nl=t(f"carving_reason.{key}", "nl", **params), en=t(f"carving_reason.{key}", "en", **params)
    )


def assemble(
    p: Problem,
    chosen: Sequence[Pair],
    *,
    status: Status,
    gap: float | None,
    levels: dict[str, str],
    method: str,
    seconds: float,
    time_limit: float | None,
    note: str | None = None,
) -> CarvingResult:
    """Turn a set of chosen pairs into a :class:`CarvingResult` with reasons for the rest."""
    by_cand: dict[int, list[Pair]] = {}
    for pair in chosen:
        by_cand.setdefault(pair.candidate, []).append(pair)
    jobs = [_job(p, ci, by_cand[ci]) for ci in sorted(by_cand)]
    assigned = {pair.task for pair in chosen}
    unassigned: list[Unassigned] = []
    for ti, task in enumerate(p.inventory.tasks):
        if ti in assigned:
            continue
        reasons: list[Reason] = []
        could: list[str] = []
        for ci, cand in enumerate(p.candidates):
            a = p.assessments[(ti, ci)]
            if a.eligible:
                could.append(cand.pseudonym)
            else:
                reasons.extend(a.reasons)
        if could:
            reasons.insert(
                0,
                Reason(
                    candidate=None,
                    code="not_chosen",
                    text=_text("not_chosen", pseudonyms=", ".join(could)),
                ),
            )
        if not p.candidates:
            reasons.append(
                Reason(candidate=None, code="no_candidates", text=_text("no_candidates"))
            )
        unassigned.append(Unassigned(task=task.id, reasons=reasons))
    objective = Objective(
        jobs=len(jobs),
        hours=round(sum(j.hours for j in jobs), 6),
        liked_hours=round(sum(j.liked_hours for j in jobs), 6),
        savings_eur=round(sum(j.savings_eur for j in jobs), 2),
    )
    return CarvingResult(
        status=status,
        gap=gap,
        objective=objective,
        levels=levels,
        jobs=jobs,
        unassigned=unassigned,
        method="greedy" if method == "greedy" else "milp",
        solve_seconds=round(seconds, 4),
        time_limit=time_limit,
        note=note,
    )


def greedy_result(
    p: Problem, *, seconds: float = 0.0, time_limit: float | None = None
) -> CarvingResult:
    """The greedy baseline's answer for an instance, as a :class:`CarvingResult`."""
    from inclusief.jobcarving.greedy import greedy_pairs

    return assemble(
        p,
        greedy_pairs(p),
        status="feasible",
        gap=None,
        levels={},
        method="greedy",
        seconds=seconds,
        time_limit=time_limit,
    )


def carve(
    inventory: Inventory,
    candidates: Sequence[Candidate],
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    max_complexity: int | None = None,
) -> CarvingResult:
    """Carve jobs for the named candidates out of the inventory (exact, see module docstring)."""
    start = time.perf_counter()
    p = build_problem(inventory, candidates, max_complexity=max_complexity)
    model = _Model(p)
    x, status, gap, levels = model.solve(time_limit)
    seconds = time.perf_counter() - start
    greedy = greedy_result(p, seconds=seconds, time_limit=time_limit)
    if x is None:
        note = "no exact solution within the time limit; the greedy answer is shown"
        return greedy.model_copy(update={"status": status, "levels": levels, "note": note})
    chosen = [pair for i, pair in enumerate(p.pairs) if x[i] > 0.5]
    exact = assemble(
        p,
        chosen,
        status=status,
        gap=gap,
        levels=levels,
        method="milp",
        seconds=seconds,
        time_limit=time_limit,
    )
    if exact.objective.key() < greedy.objective.key():
        # only possible when the time limit stopped the solver
        note = "the time limit stopped the solver below the greedy answer, which is shown"
        return greedy.model_copy(update={"status": "feasible", "levels": levels, "note": note})
    return exact
