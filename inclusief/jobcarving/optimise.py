"""Exact carving: which task goes to which candidate, and when in the week.

One integer linear model (:mod:`.formulation`), solved by OR-Tools CP-SAT (default, each level
started from the previous one) or HiGHS (``engine="highs"``). Time is counted in whole
minutes.

Decision variables
    ``x[t,c]`` = 1 when task t goes to candidate c (only pairs that pass every per-pair rule
    of :func:`inclusief.jobcarving.fit.assess`); ``y[c]`` = 1 when c gets a job; ``z[c,a]``
    = 1 when c's job uses accommodation a; per candidate, half day s and location l:
    ``m[c,s,l]`` minutes of work, ``a[c,s,l]`` = 1 when c works at l in s, ``f[c,s,l,k]``
    flexible minutes of kind k (``any``, or ``pupils`` for flexible tasks that need pupils);
    ``b[c,s]`` block start and ``st[t,c,s]`` start of a clock-bound task where needed;
    ``used[c,l]`` and ``tr[c,d,l1,l2]`` for several locations.

Hard rules
    1. each task goes to at most one candidate;
    2. only tasks that fit, with at most the allowed accommodations (limits in
       ``accommodations.yaml``; no x otherwise);
    3. disliked tasks are never given (no x);
    4. a candidate with a job works within [hours_min, hours_max] hours in EVERY month with
       working weeks (seasonal tasks count only in their months); a job has a task, and
       ``x[t,c] <= y[c]``;
    5. a fixed task only for a candidate available in all its slots (no x otherwise);
    6. per half day at most one contiguous block, at one location, of at least the
       candidate's ``min_block_hours`` and at most :data:`SLOT_HOURS` hours, inside the clock
       span of the part of the day; fixed minutes plus flexible minutes make up the block;
    7. the flexible minutes of a location and kind add up to the flexible tasks' minutes;
       flexible tasks that need pupils only in half days with pupils;
    8. a task that needs pupils is never on a half day without pupils (a fixed one there has
       no x: reason ``calendar``);
    9. a clock-bound task lies inside its window and inside the block; two clock-bound tasks
       in one block never overlap; an on-call task fills its window exactly;
    10. at most ``hours_per_day_max`` hours a day;
    11. at most ``max_locations`` locations (1 without pooling); between a morning block at
        one location and an afternoon block at another there is the travel time (from the
        matrix; no entry = not possible), and the week's travel minutes stay within
        ``max_travel_minutes``;
    12. ``z[c,a] >= x[t,c]`` for every accommodation a that pair (t, c) needs.

Objective profiles (lexicographic, each level optimised then held, :data:`PROFILE_LEVELS`):
    * ``mensen``: people with a job; hours; liked hours; savings;
    * ``banen``: Banenafspraak jobs (hours per working week / 25.5); people; liked; savings;
    * ``wensen``: the sum over all candidates of |hours - wished hours| (a candidate without
      a job counts the whole wish) minimised; people; hours; liked; savings.
    Hours in the levels are hours a year / the inventory's working weeks (the average per
    working week), so a seasonal task counts for the weeks it runs. Savings: those hours x
    (role cost - candidate cost) x 52, minus accommodations and supports (jobcoach).

Status: ``optimal`` when every level was proven; ``feasible`` when the time limit stopped a
level with a solution in hand (``gap`` = that level's gap, ``None`` when unknown, per level in
``level_details``); ``time_limit`` when no solution was found. The time limit (model building
included) is shared by the levels. Both engines are deterministic: the same input gives the
same answer (a run stopped by the time limit may stop elsewhere on a busier machine).

The greedy method (:mod:`inclusief.jobcarving.greedy`) is the baseline: should a
time-limited run end below it, the greedy answer is returned (``note`` says so).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from inclusief.i18n import LocalText, t
from inclusief.jobcarving.fit import assess, capacity_hours, load_accommodations, support_for
from inclusief.jobcarving.formulation import LinearModel, solve_levels
from inclusief.jobcarving.model import (
    BANEN_HOURS,
    DAYS,
    PROFILE_LEVELS,
    PROFILES,
    SLOTS,
    WEEKS_PER_YEAR,
    Candidate,
    CandidateOutcome,
    CarvedJob,
    CarvingResult,
    Engine,
    Inventory,
    JobAccommodation,
    LevelOutcome,
    Objective,
    Pair,
    Problem,
    Profile,
    Reason,
    Status,
    Unassigned,
    minutes,
)
from inclusief.jobcarving.schedule import (
    SLOT_MINUTES,
    SlotPlan,
    flex_kind,
    render,
    tidy_starts,
)

DEFAULT_TIME_LIMIT = 10.0
DEFAULT_ENGINE: Engine = "cpsat"
"""Chosen by the benchmark (bench/bench_carving.py, see formulation.py)."""
DEFAULT_PROFILE: Profile = "mensen"
LEVELS = PROFILE_LEVELS["mensen"]
_BIG = 1440  # minutes in a day: big enough for every clock rule


def build_problem(
    inventory: Inventory,
    candidates: Sequence[Candidate],
    *,
    max_complexity: int | None = None,
    pooling: bool = True,
) -> Problem:
    """Assess every task x candidate pair (:func:`~inclusief.jobcarving.fit.assess`)."""
    roles = {r.id: r for r in inventory.roles}
    ref_weeks = inventory.base_calendar().weeks
    pairs: list[Pair] = []
    assessments = {}
    for ti, task in enumerate(inventory.tasks):
        cal = inventory.calendar_at(inventory.location_of(task))
        per_year = task.hours_per_week * cal.task_weeks(task.season, task.needs_pupils)
        avg = per_year / ref_weeks if ref_weeks else 0.0
        for ci, cand in enumerate(candidates):
            a = assess(task, cand, max_complexity=max_complexity, inventory=inventory)
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
                        savings=avg * margin * WEEKS_PER_YEAR,
                        hours_per_year=per_year,
                    )
                )
    return Problem(inventory, tuple(candidates), tuple(pairs), assessments, max_complexity, pooling)


# -- the model ------------------------------------------------------------------------------
@dataclass
class _Vars:
    x: list[int] = field(default_factory=list)
    y: list[int] = field(default_factory=list)
    m: dict[tuple[int, str, str], int] = field(default_factory=dict)
    a: dict[tuple[int, str, str], int] = field(default_factory=dict)
    f: dict[tuple[int, str, str, str], int] = field(default_factory=dict)
    b: dict[tuple[int, str], int] = field(default_factory=dict)
    st: dict[tuple[int, str], int] = field(default_factory=dict)
    """(pair index, slot) -> start of a clock-bound task."""


def max_locations(p: Problem, cand: Candidate) -> int:
    return cand.max_locations if p.pooling else 1


def _build(
    p: Problem, profile: Profile = DEFAULT_PROFILE
) -> tuple[LinearModel, _Vars, dict[str, dict[int, int]]]:
    inv = p.inventory
    lm = LinearModel()
    v = _Vars()
    catalogue = load_accommodations()
    ref_weeks = inv.base_calendar().weeks
    ref_months = sorted(m for m, w in inv.base_calendar().weeks_per_month.items() if w > 0)
    v.x = [lm.var(0, 1) for _ in p.pairs]
    v.y = [lm.var(0, 1) for _ in p.candidates]
    obj: dict[str, dict[int, int]] = {name: {} for name in PROFILE_LEVELS["wensen"]}
    by_task: dict[int, list[int]] = {}
    by_cand: dict[int, list[int]] = {}
    for i, pair in enumerate(p.pairs):
        by_task.setdefault(pair.task, []).append(i)
        by_cand.setdefault(pair.candidate, []).append(i)
        per_year = round(pair.hours_per_year * 60)
        obj["hours"][v.x[i]] = per_year
        if pair.liked:
            obj["liked_hours"][v.x[i]] = per_year
        obj["savings_eur"][v.x[i]] = round(pair.savings * 100)
    # 1. each task at most once
    for idx in by_task.values():
        if len(idx) > 1:
            lm.add([(v.x[i], 1) for i in idx], -float("inf"), 1)
    z: dict[tuple[int, str], int] = {}
    for ci, cand in enumerate(p.candidates):
        y = v.y[ci]
        obj["jobs"][y] = 1
        support_cost = sum(catalogue[a].cost_per_year_eur for a in support_for(cand))
        if support_cost:
            obj["savings_eur"][y] = -round(support_cost * 100)
        idx = by_cand.get(ci, [])
        if profile == "wensen":  # deviation from the wished hours, in minutes a year
            wish = round(cand.wish * 60 * ref_weeks)
            dev = lm.var(0, max(wish, round(cand.hours_max * 60 * ref_weeks)) + 1)
            hours_terms = [(v.x[i], round(p.pairs[i].hours_per_year * 60)) for i in idx]
            lm.add([(dev, 1), *((x, -c) for x, c in hours_terms)], -wish, float("inf"))
            lm.add([(dev, 1), *hours_terms], wish, float("inf"))
            obj["wish_deviation"][dev] = -1
        if not idx:
            lm.add([(y, 1)], 0, 0)
            continue
        # 4. a job has a task; no task without a job
        lm.add([*((v.x[i], 1) for i in idx), (y, -1)], 0, float("inf"))
        for i in idx:
            lm.add([(v.x[i], 1), (y, -1)], -float("inf"), 0)
        # 4. hours within [min, max] in every month with working weeks
        patterns: set[frozenset[int]] = set()
        for month in ref_months:
            active = frozenset(
                i
                for i in idx
                if month
                in inv.calendar_at(inv.location_of(inv.tasks[p.pairs[i].task])).months(
                    inv.tasks[p.pairs[i].task].season
                )
            )
            patterns.add(active)
        lo_min, hi_min = minutes(cand.hours_min), minutes(cand.hours_max)
        for active in sorted(patterns, key=sorted):
            terms = [(v.x[i], minutes(p.pairs[i].hours)) for i in sorted(active)]
            lm.add([*terms, (y, -lo_min)], 0, float("inf"))
            lm.add([*terms, (y, -hi_min)], -float("inf"), 0)
        _slot_rules(p, lm, v, ci, cand, idx)
        # 12. accommodations
        for i in idx:
            for acc in p.pairs[i].accommodations:
                key = (ci, acc)
                if key not in z:
                    z[key] = lm.var(0, 1)
                    obj["savings_eur"][z[key]] = -round(catalogue[acc].cost_per_year_eur * 100)
                lm.add([(v.x[i], 1), (z[key], -1)], -float("inf"), 0)
    return lm, v, obj


def _slot_rules(
    p: Problem, lm: LinearModel, v: _Vars, ci: int, cand: Candidate, idx: list[int]
) -> None:
    """Rules 6-11 for one candidate."""
    inv = p.inventory
    tasks = inv.tasks
    avail = [s for s in SLOTS if s in set(cand.available_slots)]
    day_max = minutes(cand.hours_per_day_max) if cand.hours_per_day_max else 2 * SLOT_MINUTES
    cap = min(SLOT_MINUTES, day_max)
    min_block = min(minutes(cand.min_block_hours), cap)
    locs = sorted({inv.location_of(tasks[p.pairs[i].task]) for i in idx})
    flex_pairs: dict[tuple[str, str], list[int]] = {}
    for i in idx:
        task = tasks[p.pairs[i].task]
        if task.is_flexible:
            flex_pairs.setdefault((inv.location_of(task), flex_kind(task)), []).append(i)
    f_by_group: dict[tuple[str, str], list[int]] = {}
    for s in avail:
        here: list[int] = []
        for loc in locs:
            cal = inv.calendar_at(loc)
            fixed = [
                (v.x[i], minutes(tasks[p.pairs[i].task].fixed_hours()[s]))
                for i in idx
                if s in tasks[p.pairs[i].task].fixed_hours()
                and inv.location_of(tasks[p.pairs[i].task]) == loc
            ]
            kinds = [
                k
                for k in ("any", "pupils")
                if (loc, k) in flex_pairs and (k == "any" or cal.has_pupils(s))
            ]
            if not fixed and not kinds:
                continue
            m = lm.var(0, cap)
            a = lm.var(0, 1)
            v.m[(ci, s, loc)] = m
            v.a[(ci, s, loc)] = a
            here.append(a)
            lm.add([(m, 1), (a, -cap)], -float("inf"), 0)
            lm.add([(m, 1), (a, -min_block)], 0, float("inf"))
            fs = []
            for k in kinds:
                f = lm.var(0, cap)
                v.f[(ci, s, loc, k)] = f
                f_by_group.setdefault((loc, k), []).append(f)
                fs.append((f, -1))
            lm.add([(m, 1), *((x, -c) for x, c in fixed), *fs], 0, 0)
        if len(here) > 1:
            lm.add([(a, 1) for a in here], -float("inf"), 1)
    # 7. flexible minutes per location and kind
    for group, pis in flex_pairs.items():
        f_vars = f_by_group.get(group, [])
        f_terms = [(v.x[i], minutes(p.pairs[i].hours)) for i in pis]
        lm.add([*((f, 1) for f in f_vars), *((x, -c) for x, c in f_terms)], 0, 0)
    # 10. hours a day
    if day_max < 2 * SLOT_MINUTES:
        for day in DAYS:
            ms = [m for (c, s, _), m in v.m.items() if c == ci and s.startswith(day + "-")]
            if len(ms) > 1:
                lm.add([(m, 1) for m in ms], -float("inf"), day_max)

    def block(s: str) -> int:
        if (ci, s) not in v.b:
            loc_spans = [inv.calendar_at(loc).span(s) for loc in locs]
            lo = min(a for a, _ in loc_spans)
            hi = max(b for _, b in loc_spans)
            b = lm.var(lo, hi)
            v.b[(ci, s)] = b
            ms = [m for (c, s2, _), m in v.m.items() if c == ci and s2 == s]
            lm.add([(b, 1), *((m, 1) for m in ms)], -float("inf"), hi)
            for loc in locs:  # a block at a location stays inside that location's span
                key = (ci, s, loc)
                if key in v.a:
                    span_s, span_e = inv.calendar_at(loc).span(s)
                    if span_s > lo:
                        lm.add([(b, 1), (v.a[key], -(span_s - lo))], lo, float("inf"))
                    if span_e < hi:
                        lm.add(
                            [(b, 1), *((m, 1) for m in ms), (v.a[key], hi - span_e)],
                            -float("inf"),
                            2 * hi - span_e,
                        )
        return v.b[(ci, s)]

    # 9. clock windows inside the block, no overlap
    windowed: dict[str, list[tuple[int, int, int, int]]] = {}
    for i in idx:
        task = tasks[p.pairs[i].task]
        for s, h in task.fixed_hours().items():
            w = task.window_for(s)
            if w is None:
                continue
            dur = minutes(h)
            lo = w[0]
            hi = w[0] if task.on_call else w[1] - dur
            st = lm.var(lo, hi)
            v.st[(i, s)] = st
            b = block(s)
            ms = [m for (c, s2, _), m in v.m.items() if c == ci and s2 == s]
            x = v.x[i]
            lm.add([(b, 1), (st, -1), (x, _BIG)], -float("inf"), _BIG)
            lm.add([(st, 1), (b, -1), *((m, -1) for m in ms), (x, _BIG)], -float("inf"), _BIG - dur)
            windowed.setdefault(s, []).append((i, w[0], w[1], dur))
    for ws_slot, items in windowed.items():
        for pos, (i, ws_i, we_i, d_i) in enumerate(items):
            for j, ws_j, we_j, d_j in items[pos + 1 :]:
                if we_i <= ws_j or we_j <= ws_i:
                    continue  # the windows do not overlap: neither can the tasks
                o = lm.var(0, 1)
                si, sj = v.st[(i, ws_slot)], v.st[(j, ws_slot)]
                xi, xj = v.x[i], v.x[j]
                big = _BIG
                lm.add(
                    [(si, 1), (sj, -1), (o, big), (xi, big), (xj, big)],
                    -float("inf"),
                    3 * big - d_i,
                )
                lm.add(
                    [(sj, 1), (si, -1), (o, -big), (xi, big), (xj, big)],
                    -float("inf"),
                    2 * big - d_j,
                )
    # 11. locations and travel
    if len(locs) > 1:
        used = {loc: lm.var(0, 1) for loc in locs}
        for (c, _s, loc), a in v.a.items():
            if c == ci:
                lm.add([(a, 1), (used[loc], -1)], -float("inf"), 0)
        lm.add([(u, 1) for u in used.values()], -float("inf"), max_locations(p, cand))
        if max_locations(p, cand) > 1:
            travel_terms: list[tuple[int, int]] = []
            for day in DAYS:
                s1, s2 = f"{day}-ochtend", f"{day}-middag"
                for l1 in locs:
                    for l2 in locs:
                        if l1 == l2 or (ci, s1, l1) not in v.a or (ci, s2, l2) not in v.a:
                            continue
                        a1, a2 = v.a[(ci, s1, l1)], v.a[(ci, s2, l2)]
                        minutes_away = inv.travel(l1, l2)
                        if minutes_away is None:
                            lm.add([(a1, 1), (a2, 1)], -float("inf"), 1)
                            continue
                        tr = lm.var(0, 1)
                        lm.add([(tr, 1), (a1, -1), (a2, -1)], -1, float("inf"))
                        b1, b2 = block(s1), block(s2)
                        m1 = [m for (c, s, _), m in v.m.items() if c == ci and s == s1]
                        lm.add(
                            [(b1, 1), *((m, 1) for m in m1), (b2, -1), (tr, _BIG)],
                            -float("inf"),
                            _BIG - minutes_away,
                        )
                        travel_terms.append((tr, minutes_away))
            if travel_terms:
                lm.add(travel_terms, -float("inf"), round(cand.max_travel_minutes))


# -- from an assignment to a result -------------------------------------------------------------
def _plans(p: Problem, v: _Vars, values: Sequence[int], ci: int) -> dict[str, SlotPlan]:
    inv = p.inventory
    plans: dict[str, SlotPlan] = {}
    for (c, s, loc), m in v.m.items():
        if c != ci or values[m] <= 0:
            continue
        cal = inv.calendar_at(loc)
        span_s, span_e = cal.span(s)
        length = values[m]
        if (ci, s) in v.b:
            start = values[v.b[(ci, s)]]
        else:
            start = min(max(cal.usual(s), span_s), span_e - length)
        plan = SlotPlan(location=loc, start=start, minutes=length)
        for k in ("any", "pupils"):
            key = (ci, s, loc, k)
            if key in v.f and values[v.f[key]] > 0:
                plan.flex[k] = values[v.f[key]]
        plans[s] = plan
    for (i, s), st in v.st.items():
        pair = p.pairs[i]
        if pair.candidate == ci and values[v.x[i]] and s in plans:
            plans[s].windowed[inv.tasks[pair.task].id] = values[st]
    tasks = [
        inv.tasks[q.task] for i, q in enumerate(p.pairs) if q.candidate == ci and values[v.x[i]]
    ]
    return tidy_starts(plans, tasks, inv)


def _travel(p: Problem, plans: dict[str, SlotPlan]) -> float:
    total = 0.0
    for day in DAYS:
        a, b = plans.get(f"{day}-ochtend"), plans.get(f"{day}-middag")
        if a and b and a.location != b.location:
            total += p.inventory.travel(a.location, b.location) or 0
    return total


def _job(p: Problem, ci: int, chosen: list[Pair], plans: dict[str, SlotPlan]) -> CarvedJob:
    catalogue = load_accommodations()
    cand = p.candidates[ci]
    inv = p.inventory
    chosen = sorted(chosen, key=lambda q: q.task)
    tasks = [inv.tasks[pair.task] for pair in chosen]
    acc_tasks: dict[str, list[str]] = {}
    for pair in chosen:
        for a in pair.accommodations:
            acc_tasks.setdefault(a, []).append(inv.tasks[pair.task].id)
    supports = support_for(cand)
    ref_weeks = inv.base_calendar().weeks
    hours_by_role: dict[str, float] = {}
    value = 0.0
    per_year = 0.0
    for pair, task in zip(chosen, tasks, strict=True):
        hours_by_role[task.role] = hours_by_role.get(task.role, 0.0) + task.hours_per_week
        avg = pair.hours_per_year / ref_weeks
        value += avg * inv.role(task.role).hourly_cost_eur * WEEKS_PER_YEAR
        per_year += pair.hours_per_year
    hours = sum(tk.hours_per_week for tk in tasks)
    avg_hours = per_year / ref_weeks
    acc_cost = sum(catalogue[a].cost_per_year_eur for a in acc_tasks)
    acc_cost += sum(catalogue[a].cost_per_year_eur for a in supports)
    cost = avg_hours * cand.hourly_cost_eur * WEEKS_PER_YEAR + acc_cost
    accommodations = [
        JobAccommodation(id=a, tasks=ts, cost_per_year_eur=catalogue[a].cost_per_year_eur)
        for a, ts in sorted(acc_tasks.items())
    ]
    accommodations += [
        JobAccommodation(
            id=a,
            tasks=[tk.id for tk in tasks],
            cost_per_year_eur=catalogue[a].cost_per_year_eur,
            coaching=list(catalogue[a].fades),
        )
        for a in supports
    ]
    return CarvedJob(
        candidate=cand.id,
        pseudonym=cand.pseudonym,
        tasks=[tk.id for tk in tasks],
        hours=round(hours, 6),
        liked_hours=round(sum(q.hours for q in chosen if q.liked), 6),
        schedule=render(tasks, inv, plans),
        accommodations=accommodations,
        hours_by_role={r: round(h, 6) for r, h in sorted(hours_by_role.items())},
        value_eur=round(value, 2),
        cost_eur=round(cost, 2),
        savings_eur=round(value - cost, 2),
        hours_per_year=round(per_year, 4),
        hours_per_working_week=round(avg_hours, 4),
        locations=sorted({pl.location for pl in plans.values()} - {""}),
        travel_minutes=_travel(p, plans),
    )


def _text(key: str, **params: object) -> LocalText:
    return LocalText(
        nl=t(f"carving_reason.{key}", "nl", **params), en=t(f"carving_reason.{key}", "en", **params)
    )


def _cand_text(key: str, **params: object) -> LocalText:
    return LocalText(
        nl=t(f"carving_candidate.{key}", "nl", **params),
        en=t(f"carving_candidate.{key}", "en", **params),
    )


def _hours_text(value: float, lang: str) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "nl" else text


def candidate_reason(p: Problem, ci: int, deadline: float | None = None) -> CandidateOutcome:
    """Why candidate ``ci`` has no job, judged from the per-pair rules alone: no task fits
    at all (``no_fit``); the fitting tasks cannot reach hours_min (``hours``); some task
    fits on demands but the calendar or timetable rules it out (``calendar``, also when the
    candidate alone, with every fitting task, could not get a timetabled job); otherwise the
    fitting tasks went to others (``not_chosen``). The check alone runs only while
    ``deadline`` (``time.perf_counter()``) is not reached; after it the reason stays
    ``not_chosen``."""
    cand = p.candidates[ci]
    mine = [q for q in p.pairs if q.candidate == ci]
    who = cand.pseudonym
    calendar_codes = {"slots", "calendar", "too_long"}
    if not mine:
        blocked_by_time = any(
            a.reasons and all(r.code in calendar_codes for r in a.reasons)
            for (ti, c), a in p.assessments.items()
            if c == ci
        )
        code = "calendar" if blocked_by_time else "no_fit"
        return CandidateOutcome(
            candidate=cand.id, pseudonym=who, code=code, text=_cand_text(code, pseudonym=who)
        )
    reach = min(sum(q.hours for q in mine), capacity_hours(cand))
    if reach + 1e-9 < cand.hours_min:
        return CandidateOutcome(
            candidate=cand.id,
            pseudonym=who,
            code="hours",
            text=LocalText(
                nl=t(
                    "carving_candidate.hours",
                    "nl",
                    pseudonym=who,
                    hours_min=_hours_text(cand.hours_min, "nl"),
                ),
                en=t(
                    "carving_candidate.hours",
                    "en",
                    pseudonym=who,
                    hours_min=_hours_text(cand.hours_min, "en"),
                ),
            ),
        )
    left = 2.0 if deadline is None else min(2.0, deadline - time.perf_counter())
    if left < 0.05:
        return CandidateOutcome(
            candidate=cand.id,
            pseudonym=who,
            code="not_chosen",
            text=_cand_text("not_chosen", pseudonym=who),
        )
    # alone with every fitting task, can the candidate get a job at all?
    solo = Problem(
        p.inventory,
        (cand,),
        tuple(
            Pair(q.task, 0, q.accommodations, q.hours, q.liked, q.savings, q.hours_per_year)
            for q in mine
        ),
        {(ti, 0): a for (ti, c), a in p.assessments.items() if c == ci},
        p.max_complexity,
        p.pooling,
    )
    lm, v, obj = _build(solo)
    run = solve_levels(
        lm, [("jobs", obj["jobs"])], engine="cpsat", time_limit=left, start=time.perf_counter()
    )
    if run.values is not None and run.levels["jobs"].status == "optimal" and not run.values[v.y[0]]:
        return CandidateOutcome(
            candidate=cand.id,
            pseudonym=who,
            code="calendar",
            text=_cand_text("calendar", pseudonym=who),
        )
    return CandidateOutcome(
        candidate=cand.id,
        pseudonym=who,
        code="not_chosen",
        text=_cand_text("not_chosen", pseudonym=who),
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
    plans: dict[int, dict[str, SlotPlan]] | None = None,
    profile: Profile = DEFAULT_PROFILE,
    engine: Engine | None = None,
    level_details: dict[str, LevelOutcome] | None = None,
    deadline: float | None = None,
    with_reasons: bool = True,
) -> CarvingResult:
    """Turn chosen pairs (and their slot plans) into a :class:`CarvingResult` with reasons
    for the tasks and the candidates left out."""
    from inclusief.jobcarving.schedule import heuristic_plans

    by_cand: dict[int, list[Pair]] = {}
    for pair in chosen:
        by_cand.setdefault(pair.candidate, []).append(pair)
    jobs: list[CarvedJob] = []
    for ci in sorted(by_cand):
        got = (plans or {}).get(ci)
        if got is None:
            tasks = [p.inventory.tasks[q.task] for q in sorted(by_cand[ci], key=lambda q: q.task)]
            got = heuristic_plans(tasks, p.candidates[ci], p.inventory)
            if got is None:
                raise ValueError(f"no timetable for {p.candidates[ci].id}")
        jobs.append(_job(p, ci, by_cand[ci], got))
    assigned = {pair.task for pair in chosen}
    unassigned: list[Unassigned] = []
    for ti, task in enumerate(p.inventory.tasks):
        if ti in assigned:
            continue
        reasons: list[Reason] = []
        could: list[str] = []
        seen_general = False
        for ci, cand in enumerate(p.candidates):
            a = p.assessments[(ti, ci)]
            if a.eligible:
                could.append(cand.pseudonym)
            else:
                for r in a.reasons:
                    if r.candidate is None:  # the same for everyone: once
                        if seen_general:
                            continue
                        seen_general = True
                    reasons.append(r)
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
    placed = {j.candidate for j in jobs}
    without = [candidate_reason(p, ci) for ci, c in enumerate(p.candidates) if c.id not in placed]
    ref_weeks = p.inventory.base_calendar().weeks
    avg = sum(j.hours_per_year for j in jobs) / ref_weeks if ref_weeks else 0.0
    hours_by_cand = {j.candidate: j.hours_per_working_week for j in jobs}
    objective = Objective(
        jobs=len(jobs),
        hours=round(sum(j.hours for j in jobs), 6),
        liked_hours=round(sum(j.liked_hours for j in jobs), 6),
        savings_eur=round(sum(j.savings_eur for j in jobs), 2),
        hours_per_year=round(sum(j.hours_per_year for j in jobs), 4),
        hours_per_working_week=round(avg, 4),
        banen=round(avg / BANEN_HOURS, 4),
        wish_deviation=round(
            sum(abs(hours_by_cand.get(c.id, 0.0) - c.wish) for c in p.candidates), 4
        ),
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
        profile=profile,
        engine=engine,
        level_details=level_details or {},
        without_job=without,
    )


def greedy_result(
    p: Problem,
    *,
    seconds: float = 0.0,
    time_limit: float | None = None,
    profile: Profile = DEFAULT_PROFILE,
    deadline: float | None = None,
    with_reasons: bool = True,
) -> CarvingResult:
    """The greedy baseline's answer for an instance, as a :class:`CarvingResult`."""
    from inclusief.jobcarving.greedy import greedy_jobs

    chosen, plans = greedy_jobs(p)
    return assemble(
        p,
        chosen,
        status="feasible",
        gap=None,
        levels={},
        method="greedy",
        seconds=seconds,
        time_limit=time_limit,
        plans=plans,
        profile=profile,
        deadline=deadline,
        with_reasons=with_reasons,
    )


def _with_reasons(p: Problem, r: CarvingResult, deadline: float) -> CarvingResult:
    placed = {j.candidate for j in r.jobs}
    without = [
        candidate_reason(p, ci, deadline) for ci, c in enumerate(p.candidates) if c.id not in placed
    ]
    return r.model_copy(update={"without_job": without})


def carve(
    inventory: Inventory,
    candidates: Sequence[Candidate],
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    max_complexity: int | None = None,
    profile: Profile = DEFAULT_PROFILE,
    engine: Engine = DEFAULT_ENGINE,
    pooling: bool = True,
    workers: int = 1,
) -> CarvingResult:
    """Carve jobs for the named candidates out of the inventory (see the module docstring).

    The solver gets what is left of ``time_limit`` after building the model; what comes
    after (greedy baseline, timetables, reasons) is kept within 1 s more."""
    start = time.perf_counter()
    deadline = start + time_limit
    p = build_problem(inventory, candidates, max_complexity=max_complexity, pooling=pooling)
    lm, v, obj = _build(p, profile)
    # the greedy answer (every rule kept) is the baseline and the first level's start
    from inclusief.jobcarving.greedy import greedy_jobs

    g_pairs, g_plans = greedy_jobs(p)
    greedy = assemble(
        p,
        g_pairs,
        status="feasible",
        gap=None,
        levels={},
        method="greedy",
        seconds=0.0,
        time_limit=time_limit,
        plans=g_plans,
        profile=profile,
        with_reasons=False,
    )
    chosen_g = {(q.task, q.candidate) for q in g_pairs}
    initial = {v.x[i]: int((q.task, q.candidate) in chosen_g) for i, q in enumerate(p.pairs)}
    placed_g = {ci for _, ci in chosen_g}
    initial.update({v.y[ci]: int(ci in placed_g) for ci in range(len(p.candidates))})
    names = PROFILE_LEVELS[profile]
    run = solve_levels(
        lm,
        [(name, obj[name]) for name in names],
        engine=engine,
        time_limit=time_limit,
        start=start,
        workers=workers,
        initial=initial,
    )
    levels = {name: run.levels[name].status for name in names}
    all_optimal = all(s == "optimal" for s in levels.values())
    status: Status
    gap: float | None
    if run.values is None:
        status = "infeasible" if "infeasible" in levels.values() else "time_limit"
        gap = None
    elif all_optimal:
        status, gap = "optimal", 0.0
    else:
        status = "feasible"
        stopped = next(n for n in names if levels[n] != "optimal")
        gap = run.levels[stopped].gap
    seconds = time.perf_counter() - start
    greedy = greedy.model_copy(update={"solve_seconds": round(seconds, 4)})
    if run.values is None:
        note = "no exact solution within the time limit; the greedy answer is shown"
        greedy = _with_reasons(p, greedy, deadline)
        return greedy.model_copy(
            update={
                "status": status,
                "levels": levels,
                "note": note,
                "engine": engine,
                "level_details": run.levels,
            }
        )
    values = run.values
    chosen = [pair for i, pair in enumerate(p.pairs) if values[v.x[i]]]
    plans = {ci: _plans(p, v, values, ci) for ci in {q.candidate for q in chosen}}
    exact = assemble(
        p,
        chosen,
        status=status,
        gap=gap,
        levels=levels,
        method="milp",
        seconds=seconds,
        time_limit=time_limit,
        plans=plans,
        profile=profile,
        engine=engine,
        level_details=run.levels,
        deadline=deadline,
    )
    if exact.objective.key(profile) < greedy.objective.key(profile):
        # only possible when the time limit stopped the solver
        note = "the time limit stopped the solver below the greedy answer, which is shown"
        greedy = _with_reasons(p, greedy, deadline)
        return greedy.model_copy(
            update={
                "status": "feasible",
                "levels": levels,
                "note": note,
                "engine": engine,
                "level_details": run.levels,
            }
        )
    return exact


@dataclass(frozen=True)
class ProfileComparison:
    """The three objective profiles side by side for the same input."""

    results: dict[str, CarvingResult]

    def placed(self, profile: str) -> set[str]:
        return {j.candidate for j in self.results[profile].jobs}


def compare_profiles(
    inventory: Inventory,
    candidates: Sequence[Candidate],
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    max_complexity: int | None = None,
    engine: Engine = DEFAULT_ENGINE,
    pooling: bool = True,
) -> ProfileComparison:
    """Carve with every profile (each with ``time_limit``); a candidate left out by one
    profile but placed by another gets the reason ``other_profile`` naming those profiles."""
    results = {
        prof: carve(
            inventory,
            candidates,
            time_limit=time_limit,
            max_complexity=max_complexity,
            profile=prof,
            engine=engine,
            pooling=pooling,
        )
        for prof in PROFILES
    }
    placed = {prof: {j.candidate for j in r.jobs} for prof, r in results.items()}
    out: dict[str, CarvingResult] = {}
    for prof, r in results.items():
        reasons = []
        for o in r.without_job:
            others = [q for q in PROFILES if q != prof and o.candidate in placed[q]]
            if others and o.code == "not_chosen":
                o = o.model_copy(
                    update={
                        "code": "other_profile",
                        "text": _cand_text(
                            "other_profile", pseudonym=o.pseudonym, profiles="', '".join(others)
                        ),
                    }
                )
            reasons.append(o)
        out[prof] = r.model_copy(update={"without_job": reasons})
    return ProfileComparison(out)


@dataclass(frozen=True)
class PoolingComparison:
    """One inventory with several locations, carved with and without pooling (a job at one
    location only, versus jobs over locations where travel fits)."""

    pooled: CarvingResult
    separate: CarvingResult

    @property
    def extra_jobs(self) -> int:
        return self.pooled.objective.jobs - self.separate.objective.jobs

    @property
    def extra_hours(self) -> float:
        """Extra hours per working week (averaged over the year)."""
        return round(
            self.pooled.objective.hours_per_working_week
            - self.separate.objective.hours_per_working_week,
            4,
        )

    @property
    def extra_banen(self) -> float:
        return round(self.pooled.objective.banen - self.separate.objective.banen, 4)

    @property
    def placed_only_with_pooling(self) -> list[str]:
        alone = {j.candidate for j in self.separate.jobs}
        return sorted(j.candidate for j in self.pooled.jobs if j.candidate not in alone)

    @property
    def jobs_over_locations(self) -> list[str]:
        return sorted(j.candidate for j in self.pooled.jobs if len(j.locations) > 1)

    @property
    def travel_minutes(self) -> float:
        return sum(j.travel_minutes for j in self.pooled.jobs)


def compare_pooling(
    inventory: Inventory,
    candidates: Sequence[Candidate],
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    profile: Profile = DEFAULT_PROFILE,
    engine: Engine = DEFAULT_ENGINE,
) -> PoolingComparison:
    """Carve with and without pooling (each with ``time_limit``) for the comparison."""
    kw = {"time_limit": time_limit, "profile": profile, "engine": engine}
    return PoolingComparison(
        pooled=carve(inventory, candidates, pooling=True, **kw),  # type: ignore[arg-type]
        separate=carve(inventory, candidates, pooling=False, **kw),  # type: ignore[arg-type]
    )
