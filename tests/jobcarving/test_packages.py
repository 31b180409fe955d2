"""Work packages without a candidate: hand-built inventories and properties.

The default target, 25.5 h, is one Banenafspraak job (1 baan = 25,5 uur per week).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inclusief.jobcarving.inventory import load_dimensions
from inclusief.jobcarving.model import SLOT_HOURS, SLOTS, Inventory, Role, Task
from inclusief.jobcarving.packages import (
    BANENAFSPRAAK_HOURS,
    PackageProposal,
    coherence,
    propose_packages,
    task_features,
)

DATA = Path(__file__).resolve().parents[2] / "data" / "tasks" / "primair_onderwijs.yaml"


def role(rid: str, name: str | None = None) -> Role:
    return Role(
        id=rid,
        name={"nl": name or rid, "en": name or rid},
        hourly_cost_eur=40,
        cost_assumption="test",
        relieved_use={"nl": "lesgeven", "en": "teaching"},
    )


def task(tid: str, hours: float, *, category: str = "a", role_id: str = "lk", **kw) -> Task:
    return Task(
        id=tid,
        name=kw.pop("name", tid),
        description=kw.pop("description", ""),
        category=category,
        role=role_id,
        hours_per_week=hours,
        complexity=kw.pop("complexity", 1),
        demands=kw.pop("demands", {}),
        schedule=kw.pop("schedule", "flexibel"),
    )


def inv(tasks: list[Task], roles: list[Role] | None = None, **kw) -> Inventory:
    roles = roles or [role(r) for r in sorted({tk.role for tk in tasks} or {"lk"})]
    return Inventory(id="t", title="test", sector="po", roles=roles, tasks=tasks, **kw)


CLEANING = [
    ("Tafels schoonmaken", "tafels in het klaslokaal schoonmaken met een doekje"),
    ("Wastafels schoonmaken", "wastafels en kranen schoonmaken en handdoeken verwisselen"),
    ("Vloer vegen", "de vloer van het klaslokaal vegen na schooltijd"),
    ("Prullenbakken legen", "prullenbakken in alle lokalen legen en schoonmaken"),
    ("Speelplein vegen", "het speelplein vegen en zwerfvuil opruimen"),
]
COPYING = [
    ("Werkbladen kopiëren", "werkbladen voor de groepen kopiëren op het kopieerapparaat"),
    ("Lesmateriaal printen", "lesmateriaal printen, nieten en sorteren per groep"),
    ("Kopieerapparaat bijvullen", "papier bijvullen in het kopieerapparaat en storingen melden"),
    ("Werkboekjes kopiëren", "werkboekjes kopiëren en nieten"),
    ("Kaarten lamineren", "kaarten en naambordjes lamineren en knippen"),
]


def two_groups() -> Inventory:
    """Five cleaning tasks of the conciërge and five copying tasks of the assistant, 5 h each."""
    tasks = [
        task(f"schoon{i}", 5, category="schoonmaak", role_id="concierge", name=n, description=d)
        for i, (n, d) in enumerate(CLEANING)
    ] + [
        task(f"kopie{i}", 5, category="kopieerwerk", role_id="oa", name=n, description=d)
        for i, (n, d) in enumerate(COPYING)
    ]
    # interleave, so the input order does not give the answer away
    mixed = [tk for pair in zip(tasks[:5], tasks[5:], strict=True) for tk in pair]
    return inv(
        mixed,
        roles=[role("concierge", "Conciërge"), role("oa", "Onderwijsassistent")],
        categories={
            "schoonmaak": {"nl": "Schoonmaak", "en": "Cleaning"},
            "kopieerwerk": {"nl": "Kopieerwerk", "en": "Copying"},
        },
    )


# -- checks shared by the unit and property tests --------------------------------------------
def check_proposal(inventory: Inventory, proposal: PackageProposal) -> None:
    tasks = {tk.id: tk for tk in inventory.tasks}
    simple = {
        tk.id
        for tk in inventory.tasks
        if tk.complexity <= proposal.max_complexity and tk.id not in proposal.excluded
    }
    placed = [tid for p in proposal.packages for tid in p.tasks]
    # every simple task in at most one package or left over; no other task used
    assert len(placed) == len(set(placed))
    assert not set(placed) & set(proposal.left_over)
    assert set(placed) | set(proposal.left_over) == simple
    assert set(proposal.reasons) == set(proposal.left_over)
    for p in proposal.packages:
        members = [tasks[tid] for tid in p.tasks]
        hours = sum(tk.hours_per_week for tk in members)
        assert p.hours == pytest.approx(hours)
        assert sum(p.hours_by_role.values()) == pytest.approx(hours)
        assert p.hours <= 40 + 1e-6
        # the schedule holds every task's hours, fixed ones where the inventory puts them
        scheduled: dict[str, float] = {}
        for slot, entries in p.schedule.items():
            assert slot in SLOTS
            assert sum(e.hours for e in entries) <= SLOT_HOURS + 1e-6
            for e in entries:
                scheduled[e.task] = scheduled.get(e.task, 0.0) + e.hours
                if e.fixed:
                    assert tasks[e.task].fixed_hours()[slot] == pytest.approx(e.hours)
                else:
                    assert tasks[e.task].is_flexible
        assert scheduled.keys() == set(p.tasks)
        for tid, h in scheduled.items():
            assert h == pytest.approx(tasks[tid].hours_per_week)
        # profile = elementwise max of the demands
        dims = set(load_dimensions()) | {d for tk in members for d in tk.demands}
        assert set(p.profile) == dims
        for d in dims:
            assert p.profile[d] == max(tk.demands.get(d, 0) for tk in members)
        assert 0.0 <= p.coherence <= 1.0
        assert set(p.categories) == {tk.category for tk in members}
    assert len({p.id for p in proposal.packages}) == len(proposal.packages)
    assert len({p.title.nl for p in proposal.packages}) == len(proposal.packages)


# -- unit tests ----------------------------------------------------------------------------------
def test_two_obvious_groups_become_two_packages() -> None:
    inventory = two_groups()
    proposal = propose_packages(inventory)
    check_proposal(inventory, proposal)
    assert len(proposal.packages) == 2
    groups = sorted(sorted(p.tasks) for p in proposal.packages)
    assert groups == [[f"kopie{i}" for i in range(5)], [f"schoon{i}" for i in range(5)]]
    assert proposal.left_over == []
    for p in proposal.packages:
        assert p.hours == 25
        assert p.within_target
        assert len(p.categories) == 1
        assert len(p.hours_by_role) == 1
    titles = {p.title.nl for p in proposal.packages}
    assert titles == {"Werkpakket schoonmaak", "Werkpakket kopieerwerk"}
    assert {p.title.en for p in proposal.packages} == {
        "Work package: cleaning",
        "Work package: copying",
    }
    assert proposal.target_hours == BANENAFSPRAAK_HOURS == 25.5
    assert "25,5" in proposal.method.nl and "25.5" in proposal.method.en
    assert proposal.note is None


def test_coherence_is_higher_inside_a_group_than_across() -> None:
    inventory = two_groups()
    x = task_features(inventory.tasks)
    clean = [i for i, tk in enumerate(inventory.tasks) if tk.category == "schoonmaak"]
    copy = [i for i, tk in enumerate(inventory.tasks) if tk.category == "kopieerwerk"]
    assert coherence(x[clean]) > coherence(x[clean[:3] + copy[:2]])
    assert coherence(x[copy]) > coherence(x[clean[:2] + copy[:3]])
    assert np.allclose(np.linalg.norm(x, axis=1), 1.0)
    assert coherence(x[:1]) == 1.0
    same = task_features([task(t, 1, name="Vegen", description="de vloer") for t in "ab"])
    assert coherence(same) == pytest.approx(1.0)


def test_mixed_package_title_names_two_categories() -> None:
    tasks = [
        task("k", 10, category="klaslokaal", name="Klaslokaal klaarzetten"),
        task("c", 8, category="kopieerwerk", name="Kopiëren"),
    ]
    proposal = propose_packages(
        inv(
            tasks,
            categories={
                "klaslokaal": {"nl": "Klaslokaal", "en": "Classroom"},
                "kopieerwerk": {"nl": "Kopieerwerk", "en": "Copying"},
            },
        ),
        target_hours=18,
    )
    (p,) = proposal.packages
    assert p.title.nl == "Werkpakket klaslokalen en kopieerwerk"  # the short word of the locale
    assert p.title.en == "Work package: classrooms and copying"
    assert p.categories == ["klaslokaal", "kopieerwerk"]


def test_only_simple_tasks_and_exclude() -> None:
    tasks = [
        task("s1", 6),
        task("s2", 6),
        task("hard", 6, complexity=2),
        task("harder", 6, complexity=3),
        task("skip", 6),
    ]
    inventory = inv(tasks)
    proposal = propose_packages(inventory, target_hours=12, exclude=["skip"])
    check_proposal(inventory, proposal)
    assert [p.tasks for p in proposal.packages] == [["s1", "s2"]]
    assert proposal.excluded == ["skip"]
    wider = propose_packages(inventory, target_hours=12, max_complexity=2)
    check_proposal(inventory, wider)
    assert "hard" in {tid for p in wider.packages for tid in p.tasks}
    assert "harder" not in {tid for p in wider.packages for tid in p.tasks}


def test_far_below_target_gives_one_smaller_package_and_says_so() -> None:
    inventory = inv([task("a", 3), task("b", 4, category="b")])
    proposal = propose_packages(inventory)
    check_proposal(inventory, proposal)
    (p,) = proposal.packages
    assert p.hours == 7
    assert not p.within_target
    assert proposal.note is not None
    assert "7" in proposal.note.nl and "25,5" in proposal.note.nl
    assert "25.5" in proposal.note.en


def test_no_simple_tasks() -> None:
    proposal = propose_packages(inv([task("a", 3, complexity=3)]))
    assert proposal.packages == [] and proposal.left_over == []
    assert proposal.note is not None


def test_rebalance_brings_packages_within_tolerance() -> None:
    """15 tasks of category a and 5 of b, 2.5 h each (50 h): the clusters are 37.5 h and
    12.5 h, so tasks must move until both packages are within 25.5 h +- 20%."""
    tasks = [
        task(f"a{i}", 2.5, category="a", name=f"Ordenen kast {i}", description="kasten ordenen")
        for i in range(15)
    ] + [
        task(f"b{i}", 2.5, category="b", name=f"Fruit schillen {i}", description="fruit")
        for i in range(5)
    ]
    inventory = inv(tasks)
    proposal = propose_packages(inventory)
    check_proposal(inventory, proposal)
    assert len(proposal.packages) == 2
    assert proposal.left_over == []
    for p in proposal.packages:
        assert 25.5 * 0.8 <= p.hours <= 25.5 * 1.2
        assert p.within_target
    # the b-tasks stay together; only a-tasks moved
    b_home = {p.id for p in proposal.packages for tid in p.tasks if tid.startswith("b")}
    assert len(b_home) == 1


def test_fixed_slot_clash_leaves_tasks_over_with_a_reason() -> None:
    """Five tasks of 3 h, all on Monday morning: one per package fits (3 + 3 > 4)."""
    tasks = [task(f"t{i}", 3, schedule={"ma-ochtend": 3}) for i in range(5)]
    inventory = inv(tasks)
    proposal = propose_packages(inventory, target_hours=6)
    check_proposal(inventory, proposal)
    assert len(proposal.packages) == 2
    assert len(proposal.left_over) == 3
    for tid in proposal.left_over:
        assert "4" in proposal.reasons[tid].nl
        assert "clash" in proposal.reasons[tid].en


def test_task_over_four_hours_in_a_slot_is_left_over() -> None:
    tasks = [task("big", 5, schedule={"ma-ochtend": 5}), task("ok", 5)]
    inventory = inv(tasks)
    proposal = propose_packages(inventory, target_hours=5)
    check_proposal(inventory, proposal)
    assert proposal.left_over == ["big"]
    assert "ma-ochtend" in proposal.reasons["big"].nl


def test_flexible_hours_go_next_to_fixed_work() -> None:
    """A fixed 2 h on Wednesday morning: the flexible 3 h fill that slot first (compact)."""
    tasks = [task("fix", 2, schedule={"wo-ochtend": 2}), task("flex", 3)]
    proposal = propose_packages(inv(tasks), target_hours=5)
    (p,) = proposal.packages
    assert [(e.task, e.hours, e.fixed) for e in p.schedule["wo-ochtend"]] == [
        ("fix", 2, True),
        ("flex", 2, False),
    ]
    assert sum(e.hours for entries in p.schedule.values() for e in entries) == 5
    assert len(p.schedule) == 2


def test_profile_is_the_highest_demand() -> None:
    tasks = [
        task("a", 5, demands={"tillen": 2, "lopen": 1}),
        task("b", 5, demands={"tillen": 1, "concentratie": 2}),
    ]
    (p,) = propose_packages(inv(tasks), target_hours=10).packages
    assert p.profile["tillen"] == 2
    assert p.profile["lopen"] == 1
    assert p.profile["concentratie"] == 2
    assert p.profile["staan"] == 0
    assert list(p.profile)[: len(load_dimensions())] == list(load_dimensions())


def test_duplicate_titles_get_the_role_or_a_number() -> None:
    tasks = [task(f"t{i}", 6, category="x", role_id="r1" if i < 2 else "r2") for i in range(4)]
    proposal = propose_packages(inv(tasks), target_hours=12)
    titles = [p.title.nl for p in proposal.packages]
    assert len(titles) == 2 and len(set(titles)) == 2


@pytest.mark.parametrize("target", [0, -1, 41])
def test_bad_target(target: float) -> None:
    with pytest.raises(ValueError):
        propose_packages(inv([task("a", 1)]), target_hours=target)


def test_packages_are_json_serialisable() -> None:
    proposal = propose_packages(two_groups())
    data = proposal.model_dump(mode="json")
    assert PackageProposal.model_validate(data) == proposal


@pytest.mark.skipif(not DATA.exists(), reason="primary-school inventory not there yet")
def test_primary_school_inventory() -> None:
    from inclusief.jobcarving.inventory import load_inventory

    inventory = load_inventory(DATA)
    proposal = propose_packages(inventory)
    check_proposal(inventory, proposal)
    assert proposal.packages
    assert propose_packages(inventory) == proposal


# -- properties ----------------------------------------------------------------------------------
DIMS = list(load_dimensions())


@st.composite
def inventories(draw: st.DrawFn) -> Inventory:
    n = draw(st.integers(1, 14))
    tasks = []
    for i in range(n):
        if draw(st.booleans()):
            slots = draw(st.lists(st.sampled_from(SLOTS), min_size=1, max_size=3, unique=True))
            schedule: dict[str, float] | str = {
                s: draw(st.sampled_from([0.5, 1.0, 1.5, 2.0, 3.0, 4.0])) for s in slots
            }
            assert isinstance(schedule, dict)
            hours = sum(schedule.values())
        else:
            schedule = "flexibel"
            hours = draw(st.sampled_from([0.5, 1.0, 2.0, 2.5, 4.0, 6.0, 8.0, 12.0]))
        demands = draw(st.dictionaries(st.sampled_from(DIMS), st.integers(0, 2), max_size=3))
        tasks.append(
            task(
                f"t{i}",
                hours,
                category=draw(st.sampled_from(["schoonmaak", "kopieerwerk", "klaslokaal"])),
                role_id=draw(st.sampled_from(["lk", "oa"])),
                complexity=draw(st.integers(1, 3)),
                demands=demands,
                schedule=schedule,
                name=draw(st.sampled_from(["Tafels poetsen", "Kopiëren", "Stoelen zetten", ""]))
                or f"taak {i}",
                description=draw(st.sampled_from(["", "in het lokaal", "voor de groep"])),
            )
        )
    return inv(tasks, roles=[role("lk"), role("oa")])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    inventory=inventories(),
    target=st.sampled_from([6.0, 12.0, 25.5]),
    max_complexity=st.integers(1, 3),
)
def test_properties(inventory: Inventory, target: float, max_complexity: int) -> None:
    proposal = propose_packages(inventory, target_hours=target, max_complexity=max_complexity)
    check_proposal(inventory, proposal)
    # deterministic: the same input gives the same output
    again = propose_packages(inventory, target_hours=target, max_complexity=max_complexity)
    assert again == proposal
    # at most round(simple hours / target) packages (at least one when there are tasks)
    simple_hours = sum(
        tk.hours_per_week for tk in inventory.tasks if tk.complexity <= max_complexity
    )
    assert len(proposal.packages) <= max(1, round(simple_hours / target))
