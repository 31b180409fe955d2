"""A simple greedy carving, used only as the baseline for the exact method.

Candidates are served in input order. Each takes, from the tasks still free that pass every
per-pair rule, first the liked tasks, then the others, each group by yearly savings per hour
(highest first, then task order), as long as hours_max, the slot lengths and the available
time allow. A candidate who ends below hours_min gives the tasks back and gets no job. The
result respects every hard rule of :mod:`inclusief.jobcarving.optimise`.
"""

from __future__ import annotations

from inclusief.jobcarving.model import SLOT_HOURS, SLOTS
from inclusief.jobcarving.optimise import Pair, Problem


def greedy_pairs(p: Problem) -> list[Pair]:
    """The pairs chosen by the greedy rule (see the module docstring)."""
    taken: set[int] = set()
    chosen: list[Pair] = []
    tasks = p.inventory.tasks
    for ci, cand in enumerate(p.candidates):
        options = [q for q in p.pairs if q.candidate == ci and q.task not in taken]
        options.sort(key=lambda q: (not q.liked, -q.savings / q.hours, q.task))
        capacity = min(cand.hours_max, SLOT_HOURS * len(set(cand.available_slots)))
        used = dict.fromkeys(SLOTS, 0.0)
        hours = 0.0
        mine: list[Pair] = []
        for q in options:
            fixed = tasks[q.task].fixed_hours()
            if hours + q.hours > capacity + 1e-9:
                continue
            if any(used[s] + h > SLOT_HOURS + 1e-9 for s, h in fixed.items()):
                continue
            for s, h in fixed.items():
                used[s] += h
            hours += q.hours
            mine.append(q)
        if mine and hours >= cand.hours_min - 1e-9:
            chosen.extend(mine)
            taken.update(q.task for q in mine)
    return chosen
