"""An integer linear model and two solvers for it: OR-Tools CP-SAT and HiGHS.

The carving rules are written once, as integer variables with bounds and linear rows
``lo <= sum(coef * var) <= hi`` (:class:`LinearModel`), and solved level by level
(lexicographic): each level is optimised, then held as a row (``objective >= value``) while
the next is optimised. Both engines read the same rows, so they answer the same optimum.

* ``highs``: HiGHS through ``scipy.optimize.milp``. scipy offers no warm start,
  so each level starts from scratch (with the levels before held as rows). We tried HiGHS'
  own binding (``highspy``) with ``setSolution`` as a start: in our tests HiGHS 1.16 then
  declared levels optimal that were not (a start of 5,840 ended a level whose optimum was
  6,240), so it is not used.
* ``cpsat`` (default): OR-Tools CP-SAT with one worker and LP cuts; the first level starts
  from the greedy answer and each later level from the previous level's solution (hints).

Which is the default was decided by ``bench/bench_carving.py`` and the shipped examples
(docs/jobcarving.md): CP-SAT proves the school example and the small instances faster and
has the smaller gap on the 4-school board; HiGHS has the smaller gaps on the hours level
of the large generated instances (300 x 20 and up), so it stays one option away.

Per level the outcome is recorded honestly (:class:`~inclusief.jobcarving.model.LevelOutcome`):
``optimal``; ``feasible`` with its gap when the time limit stopped it with a solution;
``unknown`` (gap unknown) when it stopped without one; ``not_run`` when no time was left.
The time limit is shared by all levels and counted from the caller's start (model building
included).
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from inclusief.jobcarving.model import Engine, LevelOutcome

_MIN_LEFT = 0.05  # seconds: below this a level is not started


def reserve(time_limit: float) -> float:
    """Seconds kept back from the solvers for what comes after them (timetables, reasons),
    so that the whole run ends within the time limit plus at most a second."""
    return min(2.0, 0.05 * time_limit)


@dataclass
class LinearModel:
    """Integer variables with bounds and linear rows (integer coefficients)."""

    lb: list[int] = field(default_factory=list)
    ub: list[int] = field(default_factory=list)
    rows: list[tuple[list[tuple[int, int]], float, float]] = field(default_factory=list)

    def var(self, lb: int, ub: int) -> int:
        self.lb.append(lb)
        self.ub.append(ub)
        return len(self.lb) - 1

    def add(self, terms: Sequence[tuple[int, int]], lo: float, hi: float) -> None:
        terms = [(v, c) for v, c in terms if c != 0]
        if terms:
            self.rows.append((list(terms), lo, hi))
        elif lo > 0 or hi < 0:  # an empty row that cannot hold: keep it visible
            raise ValueError("an empty row that cannot be met")

    @property
    def n(self) -> int:
        return len(self.lb)


@dataclass
class LevelRun:
    values: list[int] | None
    levels: dict[str, LevelOutcome]


def _gap(value: float, bound: float) -> float:
    return abs(bound - value) / max(1.0, abs(value))


def solve_levels(
    lm: LinearModel,
    objectives: Sequence[tuple[str, dict[int, int]]],
    *,
    engine: Engine,
    time_limit: float,
    start: float,
    workers: int = 1,
    initial: dict[int, int] | None = None,
) -> LevelRun:
    """Optimise ``objectives`` (each maximised) in order; see the module docstring.
    ``initial`` (variable -> value, possibly partial) is a known feasible start for the
    first level (the greedy answer)."""
    if engine == "cpsat":
        return _cpsat(lm, objectives, time_limit, start, workers, initial)
    return _highs(lm, objectives, time_limit, start)


def _value(obj: dict[int, int], values: Sequence[int]) -> int:
    return sum(c * values[v] for v, c in obj.items())


def _cpsat(
    lm: LinearModel,
    objectives: Sequence[tuple[str, dict[int, int]]],
    time_limit: float,
    start: float,
    workers: int,
    initial: dict[int, int] | None = None,
) -> LevelRun:
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    xs = [model.new_int_var(lo, hi, "") for lo, hi in zip(lm.lb, lm.ub, strict=True)]
    for terms, lo, hi in lm.rows:
        expr = cp_model.LinearExpr.weighted_sum([xs[v] for v, _ in terms], [c for _, c in terms])
        if math.isinf(lo):
            model.add(expr <= int(math.floor(hi)))
        elif math.isinf(hi):
            model.add(expr >= int(math.ceil(lo)))
        else:
            model.add_linear_constraint(expr, int(math.ceil(lo)), int(math.floor(hi)))
    levels: dict[str, LevelOutcome] = {}
    best: list[int] | None = None
    for k, (name, obj) in enumerate(objectives):
        left = time_limit - reserve(time_limit) - (time.perf_counter() - start)
        if left < _MIN_LEFT:
            for later, _ in objectives[k:]:
                levels[later] = LevelOutcome(status="not_run")
            break
        expr = cp_model.LinearExpr.weighted_sum([xs[v] for v in obj], [c for c in obj.values()])
        model.maximize(expr)
        model.clear_hints()  # type: ignore[no-untyped-call]
        if best is not None:
            for v, val in enumerate(best):
                model.add_hint(xs[v], val)
        elif initial:
            for v, val in initial.items():
                model.add_hint(xs[v], val)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = left
        solver.parameters.num_workers = workers
        # the LP relaxation with cuts proves the counting levels quickly (measured in bench/)
        solver.parameters.linearization_level = 2
        t0 = time.perf_counter()
        status = solver.solve(model)
        secs = time.perf_counter() - t0
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            values = [int(solver.value(x)) for x in xs]
            value = _value(obj, values)
            bound = solver.best_objective_bound
            if status == cp_model.OPTIMAL:
                levels[name] = LevelOutcome(
                    status="optimal", value=value, bound=value, gap=0.0, seconds=secs
                )
            else:
                levels[name] = LevelOutcome(
                    status="feasible",
                    value=value,
                    bound=bound,
                    gap=_gap(value, bound),
                    seconds=secs,
                )
            best = values
            model.add(expr >= value)
        elif status == cp_model.INFEASIBLE:
            levels[name] = LevelOutcome(status="infeasible", seconds=secs)
            for later, _ in objectives[k + 1 :]:
                levels[later] = LevelOutcome(status="not_run")
            return LevelRun(None, levels)
        else:  # UNKNOWN: stopped without a solution of its own
            kept = None if best is None else _value(obj, best)
            levels[name] = LevelOutcome(status="unknown", value=kept, seconds=secs)
            for later, _ in objectives[k + 1 :]:
                levels[later] = LevelOutcome(status="not_run")
            break
    return LevelRun(best, levels)


def _highs(
    lm: LinearModel,
    objectives: Sequence[tuple[str, dict[int, int]]],
    time_limit: float,
    start: float,
) -> LevelRun:
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_array, vstack

    n = lm.n
    if n == 0:  # nothing to decide
        zero = LevelOutcome(status="optimal", value=0, bound=0, gap=0.0)
        return LevelRun([], {name: zero for name, _ in objectives})
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    lo: list[float] = []
    hi: list[float] = []
    for r, (terms, a, b) in enumerate(lm.rows):
        for v, c in terms:
            rows.append(r)
            cols.append(v)
            vals.append(float(c))
        lo.append(a)
        hi.append(b)
    base = coo_array((vals, (rows, cols)), shape=(len(lm.rows), n)).tocsr()
    held_rows: list[NDArray[np.float64]] = []
    held_lo: list[float] = []
    levels: dict[str, LevelOutcome] = {}
    best: list[int] | None = None
    bounds = Bounds(np.array(lm.lb, dtype=float), np.array(lm.ub, dtype=float))
    for k, (name, obj) in enumerate(objectives):
        left = time_limit - reserve(time_limit) - (time.perf_counter() - start)
        if left < _MIN_LEFT:
            for later, _ in objectives[k:]:
                levels[later] = LevelOutcome(status="not_run")
            break
        cvec: NDArray[np.float64] = np.zeros(n)
        for v, coef in obj.items():
            cvec[v] = coef
        a_mat = base
        lo_all = list(lo)
        hi_all = list(hi)
        if held_rows:
            a_mat = vstack([base, coo_array(np.vstack(held_rows))]).tocsr()
            lo_all += held_lo
            hi_all += [np.inf] * len(held_lo)
        constraints = [LinearConstraint(a_mat, np.array(lo_all), np.array(hi_all))]
        t0 = time.perf_counter()
        res = milp(
            -cvec,
            integrality=np.ones(n),
            bounds=bounds,
            constraints=constraints if a_mat.shape[0] else [],
            options={"time_limit": left, "disp": False},
        )
        secs = time.perf_counter() - t0
        if res.x is not None:
            values = [int(round(v)) for v in res.x]
            value = _value(obj, values)
            if res.status == 0:
                levels[name] = LevelOutcome(
                    status="optimal", value=value, bound=value, gap=0.0, seconds=secs
                )
            else:
                bound_raw = getattr(res, "mip_dual_bound", None)
                bound = None if bound_raw is None or not np.isfinite(bound_raw) else -bound_raw
                gap = getattr(res, "mip_gap", None)
                gap = float(gap) if gap is not None and np.isfinite(gap) else None
                levels[name] = LevelOutcome(
                    status="feasible", value=value, bound=bound, gap=gap, seconds=secs
                )
            best = values
            held_rows.append(cvec)
            held_lo.append(value - 0.5)
        elif res.status == 2:
            levels[name] = LevelOutcome(status="infeasible", seconds=secs)
            for later, _ in objectives[k + 1 :]:
                levels[later] = LevelOutcome(status="not_run")
            return LevelRun(None, levels)
        else:
            kept = None if best is None else _value(obj, best)
            levels[name] = LevelOutcome(status="unknown", value=kept, seconds=secs)
            for later, _ in objectives[k + 1 :]:
                levels[later] = LevelOutcome(status="not_run")
            break
    return LevelRun(best, levels)
