"""Check a carving result against every hard rule, independently of how it was made.

Used by the tests (every answer, exact or greedy), by the benchmark, and when a saved
result is reopened after the inventory or candidates were edited. The rules are those of
:mod:`inclusief.jobcarving.optimise`; the check uses only the inventory, the candidates and
the result, never the solver's model.
"""

from __future__ import annotations

from collections.abc import Sequence

from inclusief.jobcarving.fit import fit
from inclusief.jobcarving.model import SLOT_HOURS, SLOTS, Candidate, CarvingResult, Inventory

_EPS = 1e-6


def violations(
    inventory: Inventory,
    candidates: Sequence[Candidate],
    result: CarvingResult,
    *,
    max_complexity: int | None = None,
) -> list[str]:
    """Every broken hard rule, as a sentence; an empty list when the result is valid."""
    out: list[str] = []
    tasks = {t.id: t for t in inventory.tasks}
    cands = {c.id: c for c in candidates}
    seen: dict[str, str] = {}
    for job in result.jobs:
        cand = cands.get(job.candidate)
        if cand is None:
            out.append(f"job for unknown candidate {job.candidate}")
            continue
        if not job.tasks:
            out.append(f"{cand.id}: a job without tasks")
        hours = 0.0
        fixed = dict.fromkeys(SLOTS, 0.0)
        for tid in job.tasks:
            task = tasks.get(tid)
            if task is None:
                out.append(f"{cand.id}: unknown task {tid}")
                continue
            if tid in seen:
                out.append(f"task {tid} given to both {seen[tid]} and {cand.id}")
            seen[tid] = cand.id
            hours += task.hours_per_week
            if not fit(task, cand).fits:
                out.append(f"{cand.id}: task {tid} does not fit, even with accommodations")
            if cand.dislikes_task(task):
                out.append(f"{cand.id}: task {tid} is disliked")
            if max_complexity is not None and task.complexity > max_complexity:
                out.append(f"{cand.id}: task {tid} is above complexity {max_complexity}")
            for slot, h in task.fixed_hours().items():
                if slot not in cand.available_slots:
                    out.append(f"{cand.id}: task {tid} is fixed on {slot}, not available")
                fixed[slot] += h
        if not cand.hours_min - _EPS <= hours <= cand.hours_max + _EPS:
            out.append(
                f"{cand.id}: {hours:g} hours outside [{cand.hours_min:g}, {cand.hours_max:g}]"
            )
        if abs(hours - job.hours) > _EPS:
            out.append(f"{cand.id}: job hours {job.hours:g} differ from its tasks' {hours:g}")
        for slot, h in fixed.items():
            if h > SLOT_HOURS + _EPS:
                out.append(f"{cand.id}: {h:g} fixed hours in {slot} exceed {SLOT_HOURS:g}")
        capacity = SLOT_HOURS * len(set(cand.available_slots))
        if hours > capacity + _EPS:
            out.append(f"{cand.id}: {hours:g} hours exceed the available {capacity:g}")
        placed = 0.0
        for slot, entries in job.schedule.items():
            if slot not in cand.available_slots:
                out.append(f"{cand.id}: schedule uses {slot}, not available")
            in_slot = sum(e.hours for e in entries)
            placed += in_slot
            if in_slot > SLOT_HOURS + _EPS:
                out.append(f"{cand.id}: schedule puts {in_slot:g} hours in {slot}")
        if abs(placed - hours) > _EPS:
            out.append(f"{cand.id}: schedule holds {placed:g} of {hours:g} hours")
    for u in result.unassigned:
        if u.task in seen:
            out.append(f"task {u.task} is both assigned and unassigned")
    listed = set(seen) | {u.task for u in result.unassigned}
    missing = set(tasks) - listed
    if missing:
        out.append(f"tasks neither assigned nor unassigned: {', '.join(sorted(missing))}")
    return out
