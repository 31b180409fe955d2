"""From a job's tasks to a weekly timetable with clock times.

A :class:`SlotPlan` says, for one half day of one candidate, where the one block of work is
(location, start, length in minutes), when each clock-bound task starts, and how many
minutes of flexible work go there (by kind: ``any``, or ``pupils`` for flexible tasks that
need pupils). The exact model decides these (:mod:`.optimise`); :func:`heuristic_plans`
makes them for the greedy baseline. :func:`render` lays the block out: clock-bound tasks
at their start, the other fixed tasks and then the flexible work in the gaps, in time order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from inclusief.jobcarving.model import (
    DAYS,
    SLOT_HOURS,
    SLOTS,
    Candidate,
    Inventory,
    ScheduleEntry,
    Task,
    clock_text,
    minutes,
)

SLOT_MINUTES = minutes(SLOT_HOURS)


@dataclass
class SlotPlan:
    location: str
    start: int
    minutes: int
    windowed: dict[str, int] = field(default_factory=dict)
    """Task id -> start minute of its clock-bound piece."""
    flex: dict[str, int] = field(default_factory=dict)
    """Kind (``any``/``pupils``) -> flexible minutes in this block."""


def flex_kind(task: Task) -> str:
    return "pupils" if task.needs_pupils else "any"


def allocate_flexible(
    tasks: Sequence[Task], inventory: Inventory, plans: dict[str, SlotPlan]
) -> dict[str, list[tuple[str, int]]]:
    """Slot -> [(task id, minutes)] for the flexible tasks: per location and kind, the
    largest task first into the slots in week order, split when a slot has too little room."""
    room: dict[tuple[str, str, str], int] = {}
    for slot, plan in plans.items():
        for kind, m in plan.flex.items():
            if m > 0:
                room[(slot, plan.location, kind)] = m
    out: dict[str, list[tuple[str, int]]] = {}
    flexible = sorted(
        (t for t in tasks if t.is_flexible), key=lambda t: (-minutes(t.hours_per_week), t.id)
    )
    for task in flexible:
        loc, kind = inventory.location_of(task), flex_kind(task)
        left = minutes(task.hours_per_week)
        keys = [k for k in room if k[1] == loc and k[2] == kind and room[k] > 0]
        keys.sort(key=lambda k: (-(room[k] >= left), SLOTS.index(k[0])))
        for key in keys:
            if left <= 0:
                break
            take = min(left, room[key])
            if take <= 0:
                continue
            room[key] -= take
            left -= take
            out.setdefault(key[0], []).append((task.id, take))
        if left > 0:
            raise ValueError(f"no room left for flexible task {task.id}")
    return out


def render(
    tasks: Sequence[Task], inventory: Inventory, plans: dict[str, SlotPlan]
) -> dict[str, list[ScheduleEntry]]:
    """The timetable of a job: slot -> entries with clock times, in time order."""
    flex = allocate_flexible(tasks, inventory, plans)
    schedule: dict[str, list[ScheduleEntry]] = {}
    for slot in SLOTS:
        plan = plans.get(slot)
        if plan is None or plan.minutes <= 0:
            continue
        entries: list[tuple[int, int, str, bool]] = []
        busy: list[tuple[int, int]] = []
        queue: list[tuple[str, int, bool]] = []
        for task in tasks:
            m = minutes(task.fixed_hours().get(slot, 0.0))
            if m <= 0:
                continue
            if task.id in plan.windowed:
                st = plan.windowed[task.id]
                entries.append((st, st + m, task.id, True))
                busy.append((st, st + m))
            else:
                queue.append((task.id, m, True))
        # pupils are in school in the middle of the day: in a morning block the flexible work
        # that needs pupils goes last, in an afternoon block first (a habit, not a rule)
        by_id = {t.id: t for t in tasks}
        pieces = flex.get(slot, [])
        morning = slot.endswith("ochtend")
        pieces = sorted(pieces, key=lambda e: by_id[e[0]].needs_pupils == morning)
        queue += [(tid, m, False) for tid, m in pieces]
        busy.sort()
        gaps: list[tuple[int, int]] = []
        cur = plan.start
        for a, b in busy:
            if a > cur:
                gaps.append((cur, a))
            cur = max(cur, b)
        end = plan.start + plan.minutes
        if end > cur:
            gaps.append((cur, end))
        gi = 0
        pos = gaps[0][0] if gaps else end
        for tid, m, fixed in queue:
            left = m
            while left > 0:
                if gi >= len(gaps):
                    raise ValueError(f"block in {slot} too short for its tasks")
                g_end = gaps[gi][1]
                take = min(left, g_end - pos)
                if take > 0:
                    entries.append((pos, pos + take, tid, fixed))
                    pos += take
                    left -= take
                if pos >= g_end:
                    gi += 1
                    if gi < len(gaps):
                        pos = gaps[gi][0]
        entries.sort()
        schedule[slot] = [
            ScheduleEntry(
                task=tid,
                hours=round((b - a) / 60, 6),
                fixed=fixed,
                start=clock_text(a),
                end=clock_text(b),
                location=plan.location,
            )
            for a, b, tid, fixed in entries
        ]
    return schedule


def _range(
    plan: SlotPlan, slot: str, tasks: Sequence[Task], inventory: Inventory
) -> tuple[int, int]:
    """The starts a block may have: inside the part's span, covering its clock-bound tasks."""
    span_s, span_e = inventory.calendar_at(plan.location).span(slot)
    lo, hi = span_s, span_e - plan.minutes
    for task in tasks:
        if task.id in plan.windowed:
            st = plan.windowed[task.id]
            lo = max(lo, st + minutes(task.fixed_hours()[slot]) - plan.minutes)
            hi = min(hi, st)
    return lo, hi


def tidy_starts(
    plans: dict[str, SlotPlan], tasks: Sequence[Task], inventory: Inventory
) -> dict[str, SlotPlan]:
    """Move each block as close to the part's usual start (08:30, 13:00) as its clock-bound
    tasks, its span and the travel to or from the other half day allow. The solver only
    needs *a* feasible start; this picks the one a school would expect. A block whose start
    cannot move keeps it."""
    for day in DAYS:
        am, pm = plans.get(f"{day}-ochtend"), plans.get(f"{day}-middag")
        travel = 0
        if am and pm and am.location != pm.location:
            travel = inventory.travel(am.location, pm.location) or 0
        if am:
            lo, hi = _range(am, f"{day}-ochtend", tasks, inventory)
            if pm:
                hi = min(hi, _range(pm, f"{day}-middag", tasks, inventory)[1] - travel - am.minutes)
            usual = inventory.calendar_at(am.location).usual(f"{day}-ochtend")
            if lo <= hi:
                am.start = min(max(usual, lo), hi)
        if pm:
            lo, hi = _range(pm, f"{day}-middag", tasks, inventory)
            if am:
                lo = max(lo, am.start + am.minutes + travel)
            usual = inventory.calendar_at(pm.location).usual(f"{day}-middag")
            if lo <= hi:
                pm.start = min(max(usual, lo), hi)
    return plans


def heuristic_plans(
    tasks: Sequence[Task], candidate: Candidate, inventory: Inventory
) -> dict[str, SlotPlan] | None:
    """Slot plans for a set of tasks without a solver (the greedy baseline), or ``None``
    when this simple method finds none. The caller checks the result with
    :mod:`.verify`; what this does not look at (travel, locations) is caught there."""
    avail = [s for s in SLOTS if s in set(candidate.available_slots)]
    plans: dict[str, SlotPlan] = {}
    fixed_min: dict[str, int] = {}
    windowed: dict[str, list[tuple[int, int, int, bool, str]]] = {}
    for task in tasks:
        loc = inventory.location_of(task)
        for slot, h in task.fixed_hours().items():
            if slot not in avail:
                return None
            plan = plans.setdefault(slot, SlotPlan(location=loc, start=0, minutes=0))
            if plan.location != loc:
                return None
            m = minutes(h)
            fixed_min[slot] = fixed_min.get(slot, 0) + m
            w = task.window_for(slot)
            if w is not None:
                windowed.setdefault(slot, []).append((w[0], w[1], m, task.on_call, task.id))
    for slot, items in windowed.items():
        cur = -1
        for ws, we, m, on_call, tid in sorted(items):
            st = max(ws, cur)
            if (on_call and st != ws) or st + m > we:
                return None
            plans[slot].windowed[tid] = st
            cur = st + m
    cap_day = minutes(candidate.hours_per_day_max or 2 * SLOT_HOURS)
    used = {s: fixed_min.get(s, 0) for s in avail}
    flex: dict[tuple[str, str], int] = {}
    for task in tasks:
        if task.is_flexible:
            key = (inventory.location_of(task), flex_kind(task))
            flex[key] = flex.get(key, 0) + minutes(task.hours_per_week)
    for (loc, kind), total in sorted(flex.items()):
        cal = inventory.calendar_at(loc)
        order = sorted(
            avail, key=lambda s: (not (s in plans and plans[s].location == loc), SLOTS.index(s))
        )
        left = total
        for slot in order:
            if left <= 0:
                break
            if slot in plans and plans[slot].location != loc:
                continue
            if kind == "pupils" and not cal.has_pupils(slot):
                continue
            day = slot.split("-")[0]
            day_used = sum(used[s] for s in avail if s.startswith(day + "-"))
            take = min(left, SLOT_MINUTES - used[slot], cap_day - day_used)
            if take <= 0:
                continue
            plan = plans.setdefault(slot, SlotPlan(location=loc, start=0, minutes=0))
            plan.flex[kind] = plan.flex.get(kind, 0) + take
            used[slot] += take
            left -= take
        if left > 0:
            return None
    for slot, plan in plans.items():
        plan.minutes = used[slot]
        cal = inventory.calendar_at(plan.location)
        span_s, span_e = cal.span(slot)
        lo, hi = span_s, span_e - plan.minutes
        if plan.windowed:
            firsts = [plan.windowed[tid] for tid in plan.windowed]
            lasts = [
                plan.windowed[t.id] + minutes(t.fixed_hours()[slot])
                for t in tasks
                if t.id in plan.windowed
            ]
            lo = max(lo, max(lasts) - plan.minutes)
            hi = min(hi, min(firsts))
        if lo > hi:
            return None
        plan.start = min(max(cal.usual(slot), lo), hi)
    return plans


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


def day_of(slot: str) -> str:
    return slot.split("-")[0]


__all__ = [
    "DAYS",
    "SLOT_MINUTES",
    "SlotPlan",
    "allocate_flexible",
    "day_of",
    "flex_kind",
    "heuristic_plans",
    "place_schedule",
    "tidy_starts",
    "render",
]
