"""The shipped inventories and candidate files in ``data/tasks`` load and are sound."""

from __future__ import annotations

from pathlib import Path

import pytest

from inclusief.jobcarving.inventory import load_candidates, load_dimensions, load_inventory
from inclusief.jobcarving.model import SLOT_HOURS, SLOTS, Inventory

DATA = Path(__file__).resolve().parents[2] / "data" / "tasks"
SCHOOL = DATA / "primair_onderwijs.yaml"
CARE = DATA / "zorg_verpleeghuis.yaml"
SCHOOL_ROLES = {
    "leerkracht",
    "onderwijsassistent",
    "concierge",
    "administratief_medewerker",
    "directeur",
    "intern_begeleider",
    "overblijfkracht",
}


@pytest.fixture(scope="module")
def school() -> Inventory:
    return load_inventory(SCHOOL)


def test_school_counts(school: Inventory) -> None:
    assert len(school.tasks) >= 60
    assert {r.id for r in school.roles} >= SCHOOL_ROLES
    assert len({t.category for t in school.tasks}) >= 7
    assert set(school.categories) == {t.category for t in school.tasks}
    assert {t.role for t in school.tasks} == {r.id for r in school.roles}
    assert school.sources


def test_school_mixes_fixed_flexible_and_complexity(school: Inventory) -> None:
    fixed = sum(not t.is_flexible for t in school.tasks) / len(school.tasks)
    assert 0.3 <= fixed <= 0.6
    levels = [t.complexity for t in school.tasks]
    assert levels.count(1) > len(levels) / 2 and levels.count(3) >= 2


def test_care_counts() -> None:
    care = load_inventory(CARE)
    assert len(care.tasks) >= 30 and len(care.roles) >= 5
    assert len({t.category for t in care.tasks}) >= 5


@pytest.mark.parametrize("path", [SCHOOL, CARE], ids=lambda p: p.stem)
def test_tasks_are_sound(path: Path) -> None:
    inv = load_inventory(path)
    dims = load_dimensions()
    for task in inv.tasks:
        assert 0.25 <= task.hours_per_week <= 6, task.id
        assert set(task.demands) == set(dims), task.id  # explicit demand for every dimension
        for dim, level in task.demands.items():
            assert 0 <= level <= dims[dim].max_level, (task.id, dim)
        if not task.is_flexible:
            fixed = task.fixed_hours()
            assert set(fixed) <= set(SLOTS), task.id
            assert all(0 < h <= SLOT_HOURS for h in fixed.values()), task.id
            assert sum(fixed.values()) == pytest.approx(task.hours_per_week), task.id
    for role in inv.roles:
        assert role.cost_source or role.cost_assumption, role.id
        assert role.relieved_use.nl and role.relieved_use.en


def test_school_candidates_are_distinct_and_varied(school: Inventory) -> None:
    cands = load_candidates(DATA / "kandidaten_voorbeeld.yaml", school)
    assert len(cands) >= 6
    profiles = {tuple(sorted(c.capabilities.items())) for c in cands}
    assert len(profiles) == len(cands)
    assert len({c.pseudonym for c in cands}) == len(cands)
    assert any(c.capabilities.get("contact_kinderen", 0) == 0 for c in cands)
    assert any(c.capabilities.get("tillen", 0) <= 1 for c in cands)
    assert any(c.capabilities.get("geluid", 0) == 0 for c in cands)
    assert any(c.capabilities.get("lezen_schrijven", 0) == 0 for c in cands)
    assert any(all(s.endswith("ochtend") for s in c.available_slots) for c in cands)
    assert all(19 <= c.hourly_cost_eur <= 24 for c in cands)


def test_care_candidates_load() -> None:
    care = load_inventory(CARE)
    assert len(load_candidates(DATA / "kandidaten_zorg_verpleeghuis.yaml", care)) >= 3


@pytest.mark.slow
def test_school_carving_is_not_trivial(school: Inventory) -> None:
    """Most candidates get a job, not everyone, and some tasks stay with the staff."""
    from inclusief.jobcarving.optimise import carve

    cands = load_candidates(DATA / "kandidaten_voorbeeld.yaml", school)
    result = carve(school, cands)
    assert len(cands) / 2 < result.objective.jobs < len(cands)
    assert result.unassigned


def test_the_example_spreadsheets_match_the_yaml(school: Inventory) -> None:
    """Regenerate with ``inventory_to_xlsx`` / ``inventory_to_csv`` (data/tasks/README.md)."""
    assert load_inventory(DATA / "primair_onderwijs.xlsx") == school
    from_csv = load_inventory(DATA / "primair_onderwijs_taken.csv")
    assert from_csv.tasks == school.tasks and from_csv.roles == school.roles
