"""Editable tables <-> inventory and candidates: round trips and bad cells named by table,
row (data rows from 1, as the frame's index shows them) and column label."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from inclusief.errors import InputError, Problem
from inclusief.jobcarving.inventory import load_candidates, load_inventory
from inclusief.jobcarving.model import Candidate, Inventory
from inclusief.jobcarving.tables import (
    candidates_frame,
    candidates_from_frame,
    column_label,
    inventory_from_frame,
    tasks_frame,
)

DATA = Path(__file__).resolve().parents[2] / "data" / "tasks"
TASKS = "Takentabel"
CANDS = "Kandidatentabel"


@pytest.fixture(scope="module")
def school() -> Inventory:
    return load_inventory(DATA / "primair_onderwijs.yaml")


@pytest.fixture(scope="module")
def candidates(school: Inventory) -> list[Candidate]:
    return load_candidates(DATA / "kandidaten_voorbeeld.yaml", school)


def _problems(call: object) -> list[Problem]:
    assert callable(call)
    with pytest.raises(InputError) as exc:
        call()
    return exc.value.problems


def _named(problems: list[Problem]) -> set[tuple[str, str | None, str | None]]:
    return {(p.file, p.where, p.field) for p in problems}


def test_the_shipped_inventory_survives_the_round_trip(school: Inventory) -> None:
    frame = tasks_frame(school)
    assert list(frame.index) == list(range(1, len(school.tasks) + 1))
    assert inventory_from_frame(school, frame, table=TASKS) == school


def test_the_shipped_candidates_survive_the_round_trip(
    school: Inventory, candidates: list[Candidate]
) -> None:
    frame = candidates_frame(candidates)
    assert list(frame.index) == list(range(1, len(candidates) + 1))
    assert candidates_from_frame(frame, school, table=CANDS) == candidates


def test_cells_have_the_file_formats(school: Inventory, candidates: list[Candidate]) -> None:
    """Schedules as ``slot: hours; ...`` or ``flexibel``, lists ``;``-separated, a column per
    dimension, and accommodations: empty = any, ``geen`` = none."""
    tasks = tasks_frame(school)
    fixed = next(t for t in school.tasks if not isinstance(t.schedule, str))
    row = tasks[tasks["id"] == fixed.id].iloc[0]
    assert isinstance(fixed.schedule, dict)
    assert row["schedule"] == "; ".join(f"{s}: {h:g}" for s, h in fixed.schedule.items())
    assert "flexibel" in set(tasks["schedule"])
    assert "tillen" in tasks.columns
    any_and_none = [
        candidates[0].model_copy(update={"accommodations": None}),
        candidates[1].model_copy(update={"accommodations": []}),
    ]
    frame = candidates_frame(any_and_none)
    assert frame.loc[1, "accommodations"] is None and frame.loc[2, "accommodations"] == "geen"
    assert frame.loc[1, "available_slots"] == "; ".join(candidates[0].available_slots)
    assert candidates_from_frame(frame, school, table=CANDS) == any_and_none


def test_edited_cells_are_read_like_a_file(school: Inventory) -> None:
    """Decimal commas, comma-separated lists, a new row, and a blank row that is skipped."""
    frame = tasks_frame(school).astype(object)
    frame.loc[1, "hours_per_week"] = "1,5"
    frame.loc[1, "schedule"] = "ma-ochtend: 1; di-middag: 0,5"
    new = {c: None for c in frame.columns}
    blank = pd.DataFrame([new], columns=frame.columns)
    first = school.tasks[0]
    added = pd.DataFrame(
        [
            {
                **new,
                **{"id": "nieuw", "name": "Nieuw", "category": first.category},
                **{"role": first.role, "hours_per_week": 2, "complexity": 1},
            }
        ]
    )
    inv = inventory_from_frame(
        school, pd.concat([frame, blank, added], ignore_index=True), table=TASKS
    )
    assert inv.tasks[0].hours_per_week == 1.5
    assert inv.tasks[0].schedule == {"ma-ochtend": 1.0, "di-middag": 0.5}
    assert len(inv.tasks) == len(school.tasks) + 1
    assert inv.tasks[-1].id == "nieuw" and inv.tasks[-1].schedule == "flexibel"


def test_unreadable_task_cells_name_table_row_and_column(school: Inventory) -> None:
    frame = tasks_frame(school).astype(object)
    frame.loc[2, "hours_per_week"] = "twee"
    frame.loc[3, "schedule"] = "ma-ochtend: twee"
    frame.loc[4, "complexity"] = "1,5"
    problems = _problems(lambda: inventory_from_frame(school, frame, table=TASKS))
    assert _named(problems) == {
        (TASKS, "row 2", "Uren per week"),
        (TASKS, "row 3", "Rooster"),
        (TASKS, "row 4", "Complexiteit (1-3)"),
    }
    assert "'twee' is not a number" in str(problems[0])
    assert str(problems[0]).startswith("Takentabel: row 2: field 'Uren per week': ")


def test_task_cells_breaking_the_rules_are_all_reported(school: Inventory) -> None:
    """An unknown slot, a level out of range and an unknown category, in one go."""
    frame = tasks_frame(school).astype(object)
    hours = frame.loc[1, "hours_per_week"]
    frame.loc[1, "schedule"] = f"zo-avond: {hours:g}"
    frame.loc[2, "tillen"] = 9
    frame.loc[5, "category"] = "ruimtevaart"
    problems = _problems(lambda: inventory_from_frame(school, frame, table=TASKS, lang="en"))
    assert _named(problems) == {
        (TASKS, "row 1", "Schedule"),
        (TASKS, "row 2", column_label("tillen", "en")),
        (TASKS, "row 5", "Category"),
    }
    text = "\n".join(map(str, problems))
    assert "unknown slot 'zo-avond'" in text
    assert "level 9 out of range 0..3" in text
    assert "unknown category 'ruimtevaart'" in text


def test_bad_candidate_cells_name_table_row_and_column(
    school: Inventory, candidates: list[Candidate]
) -> None:
    frame = candidates_frame(candidates).astype(object)
    frame.loc[1, "hours_max"] = "veel"
    frame.loc[2, "hourly_cost_eur"] = "gratis"
    frame.loc[3, "concentratie"] = "hoog"
    problems = _problems(lambda: candidates_from_frame(frame, school, table=CANDS))
    assert _named(problems) == {
        (CANDS, "row 1", "Maximaal uren"),
        (CANDS, "row 2", "Loonkosten per uur (EUR)"),
        (CANDS, "row 3", column_label("concentratie")),
    }


def test_candidate_cells_breaking_the_rules_are_all_reported(
    school: Inventory, candidates: list[Candidate]
) -> None:
    frame = candidates_frame(candidates).astype(object)
    frame.loc[1, "available_slots"] = "ma-ochtend; zo-avond"
    frame.loc[2, "tillen"] = 7
    frame.loc[3, "likes"] = "ruimtevaart"
    problems = _problems(lambda: candidates_from_frame(frame, school, table=CANDS))
    assert _named(problems) == {
        (CANDS, "row 1", "Beschikbaar"),
        (CANDS, "row 2", column_label("tillen")),
        (CANDS, "row 3", "Doet graag"),
    }
    text = "\n".join(map(str, problems))
    assert "unknown slot 'zo-avond'" in text and "level 7 out of range" in text
    assert "'ruimtevaart' is neither a task id nor a category" in text
    # without an inventory, likes are not checked (the task table itself has problems)
    frame.loc[1, "available_slots"] = "ma-ochtend"
    frame.loc[2, "tillen"] = 1
    assert candidates_from_frame(frame, None, table=CANDS)[2].likes == ["ruimtevaart"]
