"""What would help (issue #18): one change, confirmed by re-solving or by the pair rules."""

from __future__ import annotations

from test_optimise import ALL, cand, inv, task

from inclusief.jobcarving.counterfactuals import help_for_candidates, help_for_tasks
from inclusief.jobcarving.fit import assess
from inclusief.jobcarving.optimise import carve


def test_an_accommodation_not_offered_yet_gives_a_job_confirmed_by_resolving():
    """A lifts at 1; the only task asks 3. The lifting aid (lowers tillen by 2) is in the
    catalogue but not offered to A: offering it gives A a job when solved again."""
    inventory = inv([task("kratten", 6, demands={"tillen": 3})])
    a = cand("a", 6, 6, capabilities={"tillen": 1}, accommodations=[])
    result = carve(inventory, [a])
    assert not result.jobs
    helps = help_for_candidates(inventory, [a], result)
    assert [(h.kind, h.accommodation, h.confirmed) for h in helps] == [
        ("accommodation", "tilhulp", "resolved")
    ]
    assert "Tilhulp" in helps[0].text.nl
    again = carve(inventory, [a.model_copy(update={"accommodations": ["tilhulp"]})])
    assert again.jobs


def test_one_more_half_day_and_a_lower_demand():
    """B is free only on Tuesday; the task is fixed on Monday morning: one half day more.
    C reads at 0; a task asks 1 and nothing lowers reading: one level less on the task."""
    monday = task("ma", 3, schedule={"ma-ochtend": 3})
    reading = task("lijst", 3, demands={"lezen_schrijven": 1})
    inventory = inv([monday, reading])
    b = cand("b", 3, 3, slots=["di-ochtend", "di-middag"])
    c = cand("c", 3, 3, capabilities={}, slots=["wo-ochtend"])
    result = carve(inventory, [b, c])
    placed = {j.candidate for j in result.jobs}
    helps = {h.candidate: h for h in help_for_candidates(inventory, [b, c], result)}
    if "b" not in placed:
        assert helps["b"].kind in ("slot", "demand")
    assert "c" in placed or helps["c"].kind in ("slot", "demand")  # ma-ochtend or reading
    per_task = help_for_tasks(inventory, [b, c], result)
    for tid, items in per_task.items():
        for h in items:
            # the exact check: after the change the pair passes every per-pair rule
            assert h.confirmed == "assessed" and h.task == tid


def test_a_change_too_small_is_not_reported():
    """D lifts at 0 and the task asks 3 with no accommodation allowed: the lifting aid lowers
    by 2, one level less on the task leaves 2: no single change, so nothing is said."""
    inventory = inv([task("zwaar", 6, demands={"tillen": 3})])
    d = cand("d", 6, 6, capabilities={"tillen": 0}, accommodations=[])
    result = carve(inventory, [d])
    assert help_for_candidates(inventory, [d], result) == []
    assert help_for_tasks(inventory, [d], result) == {}


def test_task_help_is_true_by_the_pair_rules():
    inventory = inv([task("kratten", 6, demands={"tillen": 2}), task("x", 6)])
    a = cand("a", 6, 6, capabilities={"tillen": 1}, accommodations=[], slots=ALL)
    result = carve(inventory, [a])
    for tid, items in help_for_tasks(inventory, [a], result).items():
        for h in items:
            t = inventory.task(tid)
            if h.kind == "accommodation":
                changed = a.model_copy(update={"accommodations": [h.accommodation]})
                assert assess(t, changed, inventory=inventory).eligible
            elif h.kind == "demand":
                lowered = t.model_copy(
                    update={"demands": {**t.demands, h.dimension: t.demands[h.dimension] - 1}}
                )
                assert assess(lowered, a, inventory=inventory).eligible
