"""Check a carving result against every hard rule, independently of how it was made.

Used by the tests (every answer, exact or greedy), by the benchmark, by the greedy baseline
(each job it builds) and when a saved result is reopened after the inventory or candidates
were edited. The rules are those of :mod:`inclusief.jobcarving.optimise`; the check uses only
the inventory, the candidates and the result (its timetable with clock times), never the
solver's model.
"""

from __future__ import annotations

from collections.abc import Sequence

from inclusief.jobcarving.fit import fit
from inclusief.jobcarving.model import (
    DAYS,
    SLOT_HOURS,
    SLOTS,
    Candidate,
    CarvedJob,
    CarvingResult,
    Inventory,
    clock_minutes,
    minutes,
)

_EPS = 1e-6
_MIN_EPS = 1  # minutes: rounding of hours to whole minutes


def job_violations(
    inventory: Inventory,
    cand: Candidate,
    job: CarvedJob,
    *,
    max_complexity: int | None = None,
    pooling: bool = True,
) -> list[str]:
    """Every broken hard rule of one job, as a sentence."""
    out: list[str] = []
    tasks = {t.id: t for t in inventory.tasks}
    cid = cand.id
    if not job.tasks:
        out.append(f"{cid}: a job without tasks")
    mine = [tasks[tid] for tid in job.tasks if tid in tasks]
    for tid in job.tasks:
        if tid not in tasks:
            out.append(f"{cid}: unknown task {tid}")
    for task in mine:
        tid = task.id
        if not fit(task, cand).fits:
            out.append(f"{cid}: task {tid} does not fit, even with the allowed accommodations")
        if cand.dislikes_task(task):
            out.append(f"{cid}: task {tid} is disliked")
        if max_complexity is not None and task.complexity > max_complexity:
            out.append(f"{cid}: task {tid} is above complexity {max_complexity}")
        for slot in task.fixed_hours():
            if slot not in cand.available_slots:
                out.append(f"{cid}: task {tid} is fixed on {slot}, not available")
        cal = inventory.calendar_at(inventory.location_of(task))
        if not cal.months(task.season):
            out.append(f"{cid}: task {tid} falls in no working week")
    # hours in every month with working weeks
    hours = sum(t.hours_per_week for t in mine)
    base = inventory.base_calendar()
    for month, weeks in sorted(base.weeks_per_month.items()):
        if weeks <= 0:
            continue
        active = sum(
            t.hours_per_week
            for t in mine
            if month in inventory.calendar_at(inventory.location_of(t)).months(t.season)
        )
        if not cand.hours_min - _EPS <= active <= cand.hours_max + _EPS:
            out.append(
                f"{cid}: {active:g} hours a week in month {month}, outside "
                f"[{cand.hours_min:g}, {cand.hours_max:g}]"
            )
    if abs(hours - job.hours) > _EPS:
        out.append(f"{cid}: job hours {job.hours:g} differ from its tasks' {hours:g}")
    # the timetable
    placed: dict[tuple[str, str], int] = {}
    day_minutes = dict.fromkeys(DAYS, 0)
    blocks: dict[str, tuple[str, int, int]] = {}
    min_block = minutes(cand.min_block_hours)
    for slot, entries in job.schedule.items():
        if slot not in SLOTS:
            out.append(f"{cid}: unknown slot {slot}")
            continue
        if slot not in cand.available_slots:
            out.append(f"{cid}: schedule uses {slot}, not available")
        spans: list[tuple[int, int, str]] = []
        locations = {e.location for e in entries}
        if len(locations) > 1:
            out.append(f"{cid}: {slot} is at more than one location")
        for e in entries:
            known = tasks.get(e.task)
            if known is None or e.task not in job.tasks:
                out.append(f"{cid}: schedule holds {e.task}, not a task of the job")
                continue
            task = known
            if e.start is None or e.end is None:
                out.append(f"{cid}: {e.task} in {slot} has no clock time")
                continue
            a, b = clock_minutes(e.start), clock_minutes(e.end)
            if abs((b - a) - e.hours * 60) > _MIN_EPS:
                out.append(f"{cid}: {e.task} in {slot}: {e.start}-{e.end} is not {e.hours:g} h")
            spans.append((a, b, e.task))
            placed[(e.task, slot)] = placed.get((e.task, slot), 0) + (b - a)
            if e.location != inventory.location_of(task):
                out.append(f"{cid}: {e.task} is placed at {e.location or '-'}, not its location")
            cal = inventory.calendar_at(inventory.location_of(task))
            if task.needs_pupils and not cal.has_pupils(slot):
                out.append(f"{cid}: {e.task} needs pupils but is placed on {slot} without them")
            w = task.window_for(slot)
            if w is not None:
                if a < w[0] or b > w[1]:
                    out.append(
                        f"{cid}: {e.task} at {e.start}-{e.end} is outside {task.window_text(slot)}"
                    )
                if task.on_call and (a, b) != w:
                    out.append(f"{cid}: on-call {e.task} must fill {task.window_text(slot)}")
            if e.fixed and slot not in task.fixed_hours():
                out.append(f"{cid}: {e.task} marked fixed in {slot}, not one of its slots")
        if not spans:
            continue
        spans.sort()
        for (_, b1, t1), (a2, _, t2) in zip(spans, spans[1:], strict=False):
            if a2 < b1:
                out.append(f"{cid}: {t1} and {t2} overlap in {slot}")
            elif a2 > b1:
                out.append(f"{cid}: {slot} has a break between {t1} and {t2} (not one block)")
        start, end = spans[0][0], max(b for _, b, _ in spans)
        length = end - start
        loc = next(iter(locations))
        span_s, span_e = inventory.calendar_at(loc).span(slot)
        if start < span_s or end > span_e:
            out.append(f"{cid}: block in {slot} lies outside {span_s // 60}h-{span_e // 60}h")
        if length > SLOT_HOURS * 60 + _MIN_EPS:
            out.append(f"{cid}: block of {length} minutes in {slot} exceeds {SLOT_HOURS:g} h")
        if length + _MIN_EPS < min_block:
            out.append(f"{cid}: block of {length} minutes in {slot} is below the minimum")
        day_minutes[slot.split("-")[0]] += length
        blocks[slot] = (loc, start, end)
    for task in mine:
        fixed = task.fixed_hours()
        if fixed:
            for slot, h in fixed.items():
                got = placed.get((task.id, slot), 0)
                if abs(got - minutes(h)) > _MIN_EPS:
                    out.append(f"{cid}: {task.id} has {got} of {minutes(h)} minutes in {slot}")
            extra = {s for (tid, s) in placed if tid == task.id} - set(fixed)
            if extra:
                out.append(f"{cid}: fixed {task.id} placed outside its slots")
        else:
            got = sum(m for (tid, _), m in placed.items() if tid == task.id)
            if abs(got - minutes(task.hours_per_week)) > _MIN_EPS * 4:
                out.append(
                    f"{cid}: {task.id} is placed {got} of {minutes(task.hours_per_week)} min"
                )
    if cand.hours_per_day_max is not None:
        for day, m in day_minutes.items():
            if m > minutes(cand.hours_per_day_max) + _MIN_EPS:
                out.append(f"{cid}: {m / 60:g} hours on {day}, above {cand.hours_per_day_max:g}")
    locs = {loc for loc, _, _ in blocks.values()}
    limit = cand.max_locations if pooling else 1
    if len(locs) > limit:
        out.append(f"{cid}: {len(locs)} locations, at most {limit}")
    travel = 0
    for day in DAYS:
        am, pm = blocks.get(f"{day}-ochtend"), blocks.get(f"{day}-middag")
        if am and pm and am[0] != pm[0]:
            need = inventory.travel(am[0], pm[0])
            if need is None:
                out.append(f"{cid}: no travel time known from {am[0]} to {pm[0]}")
                continue
            travel += need
            if am[2] + need > pm[1]:
                out.append(f"{cid}: {day}: {need} minutes travel do not fit between the blocks")
    if travel > cand.max_travel_minutes + _EPS:
        out.append(f"{cid}: {travel} travel minutes a week, above {cand.max_travel_minutes:g}")
    return out


def violations(
    inventory: Inventory,
    candidates: Sequence[Candidate],
    result: CarvingResult,
    *,
    max_complexity: int | None = None,
    pooling: bool = True,
) -> list[str]:
    """Every broken hard rule, as a sentence; an empty list when the result is valid."""
    out: list[str] = []
    tasks = {t.id for t in inventory.tasks}
    cands = {c.id: c for c in candidates}
    seen: dict[str, str] = {}
    for job in result.jobs:
        cand = cands.get(job.candidate)
        if cand is None:
            out.append(f"job for unknown candidate {job.candidate}")
            continue
        for tid in job.tasks:
            if tid in seen:
                out.append(f"task {tid} given to both {seen[tid]} and {cand.id}")
            seen[tid] = cand.id
        out += job_violations(inventory, cand, job, max_complexity=max_complexity, pooling=pooling)
    for u in result.unassigned:
        if u.task in seen:
            out.append(f"task {u.task} is both assigned and unassigned")
    listed = set(seen) | {u.task for u in result.unassigned}
    missing = tasks - listed
    if missing:
        out.append(f"tasks neither assigned nor unassigned: {', '.join(sorted(missing))}")
    placed = {j.candidate for j in result.jobs}
    explained = {o.candidate for o in result.without_job}
    for cid in cands:
        if cid not in placed and cid not in explained and result.method == "milp":
            out.append(f"candidate {cid} has no job and no reason")
    return out
