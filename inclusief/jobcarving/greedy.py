"""A simple greedy carving, used only as the baseline for the exact method.

Candidates are served in input order. Each takes, from the tasks still free that pass every
per-pair rule, first the liked tasks, then the others, each group by yearly savings per hour
(highest first, then task order), as long as hours_max allows and a simple timetable
(:func:`~inclusief.jobcarving.schedule.heuristic_plans`) still exists. A candidate whose job
then breaks a rule (below hours_min in some month, a block shorter than the minimum, travel)
gives the tasks back and gets no job. Every job is checked with :mod:`.verify`, so the result
respects every hard rule.

Shared types come from :mod:`.model`; this module does not import :mod:`.optimise`.
"""

from __future__ import annotations

from inclusief.jobcarving.model import Candidate, CarvedJob, Pair, Problem
from inclusief.jobcarving.schedule import SlotPlan, heuristic_plans, render
from inclusief.jobcarving.verify import job_violations


def greedy_jobs(p: Problem) -> tuple[list[Pair], dict[int, dict[str, SlotPlan]]]:
    """The pairs chosen by the greedy rule and each job's slot plans."""
    taken: set[int] = set()
    chosen: list[Pair] = []
    plans_of: dict[int, dict[str, SlotPlan]] = {}
    tasks = p.inventory.tasks
    for ci, cand in enumerate(p.candidates):
        options = [q for q in p.pairs if q.candidate == ci and q.task not in taken]
        options.sort(key=lambda q: (not q.liked, -q.savings / q.hours, q.task))
        mine: list[Pair] = []
        hours = 0.0
        plans: dict[str, SlotPlan] | None = None
        for q in options:
            if hours + q.hours > cand.hours_max + 1e-9:
                continue
            trial = [tasks[x.task] for x in [*mine, q]]
            got = heuristic_plans(trial, cand, p.inventory)
            if got is None:
                continue
            mine.append(q)
            hours += q.hours
            plans = got
        if not mine or plans is None:
            continue
        if _valid(p, cand, mine, plans):
            chosen.extend(mine)
            plans_of[ci] = plans
            taken.update(q.task for q in mine)
    return chosen, plans_of


def _valid(p: Problem, cand: Candidate, mine: list[Pair], plans: dict[str, SlotPlan]) -> bool:
    tasks = [p.inventory.tasks[q.task] for q in sorted(mine, key=lambda q: q.task)]
    try:
        schedule = render(tasks, p.inventory, plans)
    except ValueError:
        return False
    job = CarvedJob(
        candidate=cand.id,
        pseudonym=cand.pseudonym,
        tasks=[t.id for t in tasks],
        hours=round(sum(t.hours_per_week for t in tasks), 6),
        liked_hours=0.0,
        schedule=schedule,
        accommodations=[],
        hours_by_role={},
        value_eur=0.0,
        cost_eur=0.0,
        savings_eur=0.0,
    )
    return not job_violations(
        p.inventory, cand, job, max_complexity=p.max_complexity, pooling=p.pooling
    )
