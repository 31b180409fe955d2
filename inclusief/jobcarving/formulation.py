"""An integer linear model and two solvers for it: OR-Tools CP-SAT and HiGHS.

The carving rules are written once, as integer variables with bounds and linear rows
``lo <= sum(coef * var) <= hi`` (:class:`LinearModel`), and solved level by level
(lexicographic): each level is optimised, then held as a row (``objective >= value``) while
the next is optimised. Both engines read the same rows, so they answer the same optimum.

* ``cpsat`` (default): each level starts from the previous level's solution as a hint, so
  a later level always has a solution in hand; the bound comes from the solver.
* ``highs`` (``scipy.optimize.milp``): scipy offers no warm start, so each level starts from
  scratch; the gap is HiGHS' relative MIP gap.

Per level the outcome is recorded honestly (:class:`~inclusief.jobcarving.model.LevelOutcome`):
``optimal``; ``feasible`` with its gap when the time limit stopped it with a solution;
``unknown`` (gap unknown) when it stopped without one; ``not_run`` when no time was left.
The time limit is shared by all levels and counted from the caller's start (model building
included).
"""

from __future__ import annotations

import math
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from inclusief.jobcarving.model import Engine, LevelOutcome

_MIN_LEFT = 0.05  # seconds: below this a level is not started


def reserve(time_limit: float) -> float:
    """Seconds kept back from the solvers for what comes after them (timetables, reasons),
    so that the whole run ends within the time limit plus at most a second."""
    return min(0.5, 0.05 * time_limit)


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
    try:
        import highspy  # noqa: F401
    except ImportError:  # pragma: no cover - highspy is a dependency; scipy as a fallback
        return _highs(lm, objectives, time_limit, start)
    return _highspy(lm, objectives, time_limit, start, initial)


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


def _quiet_highs() -> Any:
    """A ``highspy.Highs`` without its banner on standard output (it would end up in the
    CLI's JSON): file descriptor 1 points to the null device while it is made."""
    import highspy

    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # pragma: no cover - no standard output at all
        return highspy.Highs()  # type: ignore[no-untyped-call]
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)
        return highspy.Highs()  # type: ignore[no-untyped-call]
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def _highspy(
    lm: LinearModel,
    objectives: Sequence[tuple[str, dict[int, int]]],
    time_limit: float,
    start: float,
    initial: dict[int, int] | None = None,
) -> LevelRun:
    """HiGHS through its own Python binding: one model, each level warm-started with the
    previous level's solution (``setSolution``), the held level added as a row."""
    import highspy
    from scipy.sparse import coo_array

    inf = highspy.kHighsInf
    n = lm.n
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for r, (terms, _a, _b) in enumerate(lm.rows):
        for v, c in terms:
            rows.append(r)
            cols.append(v)
            vals.append(float(c))
    mat = coo_array((vals, (rows, cols)), shape=(len(lm.rows), n)).tocsc()
    lp = highspy.HighsLp()
    lp.num_col_ = n
    lp.num_row_ = len(lm.rows)
    lp.col_cost_ = np.zeros(n)
    lp.col_lower_ = np.array(lm.lb, dtype=float)
    lp.col_upper_ = np.array(lm.ub, dtype=float)
    lp.row_lower_ = np.array([-inf if math.isinf(a) else a for _, a, _ in lm.rows], dtype=float)
    lp.row_upper_ = np.array([inf if math.isinf(b) else b for _, _, b in lm.rows], dtype=float)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = mat.indptr
    lp.a_matrix_.index_ = mat.indices
    lp.a_matrix_.value_ = mat.data
    lp.integrality_ = [highspy.HighsVarType.kInteger] * n
    h = _quiet_highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.passModel(lp)
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    levels: dict[str, LevelOutcome] = {}
    best: list[int] | None = None
    idx_all = np.arange(n, dtype=np.int32)
    for k, (name, obj) in enumerate(objectives):
        left = time_limit - reserve(time_limit) - (time.perf_counter() - start)
        if left < _MIN_LEFT:
            for later, _ in objectives[k:]:
                levels[later] = LevelOutcome(status="not_run")
            break
        cost = np.zeros(n)
        for v, coef in obj.items():
            cost[v] = coef
        h.changeColsCost(n, idx_all, cost)
        h.setOptionValue("time_limit", float(left))
        if best is not None:
            sol = highspy.HighsSolution()
            sol.col_value = [float(x) for x in best]
            sol.value_valid = True
            h.setSolution(sol)
        elif initial:
            keys = sorted(initial)
            h.setSolution(
                len(keys),
                np.array(keys, dtype=np.int32),
                np.array([float(initial[k]) for k in keys]),
            )
        t0 = time.perf_counter()
        h.run()
        secs = time.perf_counter() - t0
        status = h.getModelStatus()
        info = h.getInfo()
        has_solution = info.primal_solution_status == 2
        if status == highspy.HighsModelStatus.kInfeasible:
            levels[name] = LevelOutcome(status="infeasible", seconds=secs)
            for later, _ in objectives[k + 1 :]:
                levels[later] = LevelOutcome(status="not_run")
            return LevelRun(None, levels)
        if not has_solution:
            kept = None if best is None else _value(obj, best)
            levels[name] = LevelOutcome(status="unknown", value=kept, seconds=secs)
            for later, _ in objectives[k + 1 :]:
                levels[later] = LevelOutcome(status="not_run")
            break
        values = [int(round(x)) for x in h.getSolution().col_value]
        value = _value(obj, values)
        if status == highspy.HighsModelStatus.kOptimal:
            levels[name] = LevelOutcome(
                status="optimal", value=value, bound=value, gap=0.0, seconds=secs
            )
        else:
            bound = float(info.mip_dual_bound)
            gap = _gap(value, bound) if math.isfinite(bound) else None
            levels[name] = LevelOutcome(
                status="feasible",
                value=value,
                bound=bound if math.isfinite(bound) else None,
                gap=gap,
                seconds=secs,
            )
        best = values
        nz = [(v, float(c)) for v, c in obj.items() if c]
        h.addRow(
            value - 0.5,
            inf,
            len(nz),
            np.array([v for v, _ in nz], dtype=np.int32),
            np.array([c for _, c in nz]),
        )
    return LevelRun(best, levels)
