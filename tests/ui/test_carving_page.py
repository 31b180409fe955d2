"""The jobcarving page (AppTest): shipped inventory, carving, packages, bad input, English,
and a consultant saving and reopening a project.

The expected numbers come from an independent route: the engine called directly on the same
shipped files (the page must show what the core computes, not compute anything itself).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from inclusief.jobcarving.examples import (
    candidates_for,
    example_candidates,
    example_inventories,
)
from inclusief.jobcarving.inventory import load_candidates, load_inventory
from inclusief.jobcarving.model import Inventory
from inclusief.jobcarving.optimise import carve
from inclusief.jobcarving.packages import propose_packages
from inclusief.jobcarving.verify import violations
from inclusief.reports.carving_report import hours_text
from inclusief.services import access
from inclusief.services import carving as carving_service

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "inclusief/ui/pages/carving.py")
SCHOOL = "primair_onderwijs"
CANDIDATES = "kandidaten_voorbeeld"
TASKS_KEY = "carving_tasks_1"  # the task editor of the first loaded inventory


def _app(lang: str = "nl") -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception
    if at.selectbox(key="carving_example").value != SCHOOL:
        at.selectbox(key="carving_example").set_value(SCHOOL).run()
    if at.selectbox(key="carving_cand_example").value != CANDIDATES:
        at.selectbox(key="carving_cand_example").set_value(CANDIDATES).run()
    assert not at.exception and not at.error
    return at


def test_unedited_tables_give_back_the_shipped_files() -> None:
    """The tables lose nothing: checked back through the core, they equal the files."""
    at = _app()
    at.button(key="carving_run").click().run()
    inventory = load_inventory(example_inventories()[SCHOOL])
    run = at.session_state["carving_state_run"]

    def demands_over_zero(inv: Inventory) -> list[dict[str, int]]:  # a missing level is 0
        return [{d: v for d, v in t.demands.items() if v} for t in inv.tasks]

    shown = run.inventory
    assert demands_over_zero(shown) == demands_over_zero(inventory)
    assert shown.model_dump(exclude={"tasks": {"__all__": {"demands"}}}) == inventory.model_dump(
        exclude={"tasks": {"__all__": {"demands"}}}
    )
    assert run.candidates == load_candidates(example_candidates()[CANDIDATES], inventory)


def _text(at: AppTest) -> str:
    parts = [
        str(e.value)
        for kind in ("title", "header", "subheader", "markdown", "caption", "info", "error")
        for e in getattr(at, kind)
    ]
    parts += [m.label for m in at.metric] + [m.value for m in at.metric]
    parts += [frame.value.to_string() for frame in at.dataframe]
    return "\n".join(parts)


def test_the_examples_are_found() -> None:
    assert SCHOOL in example_inventories()
    assert CANDIDATES in example_candidates()
    assert not set(example_inventories()) & set(example_candidates())


def test_an_inventory_in_several_formats_is_listed_once(tmp_path: Path) -> None:
    """YAML before XLSX before CSV; CSV side tables and candidate files are no inventories."""
    for name in (
        "school.xlsx", "school.yaml", "school_taken.csv", "school_rollen.csv",
        "school_inventaris.csv", "zorg_taken.csv", "zorg_rollen.csv", "kandidaten_a.yaml",
        "notities.txt",
    ):  # fmt: skip
        (tmp_path / name).write_text("", encoding="utf-8")
    assert example_inventories(tmp_path) == {
        "school": tmp_path / "school.yaml",
        "zorg": tmp_path / "zorg_taken.csv",
    }
    assert example_candidates(tmp_path) == {"kandidaten_a": tmp_path / "kandidaten_a.yaml"}


def test_choosing_the_nursing_home_brings_its_own_candidates() -> None:
    """The example candidates follow the example inventory, and all of them are chosen."""
    assert candidates_for(SCHOOL) == CANDIDATES
    at = _app()
    at.selectbox(key="carving_example").set_value("zorg_verpleeghuis").run()
    assert not at.exception and not at.error
    assert at.selectbox(key="carving_cand_example").value == "kandidaten_zorg_verpleeghuis"
    at.button(key="carving_run").click().run()
    assert not at.exception and not at.error
    run = at.session_state["carving_state_run"]
    assert run.inventory.id == load_inventory(example_inventories()["zorg_verpleeghuis"]).id
    assert len(run.candidates) == len(
        load_candidates(example_candidates()["kandidaten_zorg_verpleeghuis"])
    )


def test_the_examples_are_empty_without_the_data_folder(tmp_path: Path) -> None:
    assert example_inventories(tmp_path / "missing") == {}
    assert example_candidates(tmp_path / "missing") == {}


def test_the_shipped_school_is_carved_with_jobs_and_reasons() -> None:
    """Run shows the engine's answer: status, the four levels, each job, the unassigned."""
    at = _app()
    at.button(key="carving_run").click().run()
    assert not at.exception and not at.error
    inventory = load_inventory(example_inventories()[SCHOOL])
    candidates = load_candidates(example_candidates()[CANDIDATES], inventory)
    expected = carve(inventory, candidates)
    shown = at.session_state["carving_state_run"].result
    assert violations(inventory, candidates, shown) == []
    if shown.status == expected.status == "optimal":  # a loaded machine may stop a level early
        assert shown.objective.key() == expected.objective.key()
    else:
        assert shown.objective.jobs == expected.objective.jobs
    assert expected.jobs, "the example candidates should get at least one job"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Kandidaten met een baan"] == str(expected.objective.jobs)
    assert "Uitgesneden uren per week" in metrics and "Netto effect per jaar" in metrics
    subheaders = [s.value for s in at.subheader]
    for job in expected.jobs:
        assert any(s.startswith(f"Baan voor {job.pseudonym}:") for s in subheaders)
    text = _text(at)
    names = {t.id: t.name for t in inventory.tasks}
    assert all(names[tid] in text for tid in expected.jobs[0].tasks)
    assert len(at.get("vega_lite_chart")) >= 2 * len(expected.jobs)  # schedule and profile
    assert "carving_pdf" in [b.key for b in at.get("download_button")]
    if expected.unassigned:
        first = expected.unassigned[0]
        assert names[first.task] in text
        # reasons short and grouped, and what would help (the consultant's page)
        from inclusief.reports.carving_advice import grouped_reasons

        lines = grouped_reasons(inventory, candidates, expected, "nl")
        assert lines and lines[0][:40] in text
        assert "Wat zou helpen" in [s.value for s in at.subheader]
        for o in expected.without_job:
            assert o.pseudonym in text


def test_packages_are_proposed_without_candidates() -> None:
    at = _app()
    at.button(key="carving_packages_run").click().run()
    assert not at.exception and not at.error
    inventory = load_inventory(example_inventories()[SCHOOL])
    people = load_candidates(example_candidates()[CANDIDATES], inventory)
    # with the example candidates in the table: packages within their reach, who fits each
    expected = propose_packages(inventory, candidates=people)
    assert expected.packages and expected.demand_cap
    titles = [s.value for s in at.subheader if "uur per week" in s.value]
    assert len(titles) == len(expected.packages)
    first = expected.packages[0]
    assert titles[0].startswith(f"1. {first.title.nl} (")  # "Werkpakket" once, not twice
    # hours as the schedule and the report write them: 2 decimals, no trailing zeros
    assert f"({hours_text(first.hours, 'nl')} uur per week)" in titles[0]
    method = expected.method.nl
    assert method in _text(at) and "TF-IDF" not in method and "cosinus" not in method
    assert "Past bij" in _text(at)


def test_hours_keep_quarter_hours() -> None:
    assert [hours_text(v, "nl") for v in (28.75, 25.5, 6.0)] == ["28,75", "25,5", "6"]


def test_the_examples_are_named_by_their_titles_and_the_sector_id_is_not_shown() -> None:
    at = _app("en")
    school = load_inventory(example_inventories()[SCHOOL])
    assert at.selectbox(key="carving_example").format_func(SCHOOL) == school.title
    cands = at.selectbox(key="carving_cand_example").format_func(CANDIDATES)
    assert cands == f"Example candidates for: {school.title}"
    loaded = next(c.value for c in at.caption if c.value.startswith("In use:"))
    assert f"({school.sector})" not in loaded


def test_a_bad_upload_lists_its_problems_and_keeps_the_inventory() -> None:
    """A file with a bad row shows file, place and field; the school stays in use."""
    at = _app()
    bad = (
        b"id: kapot\ntitle: Kapot\nsector: test\nroles: []\n"
        b"tasks:\n  - {id: a, name: A, category: c, role: x, hours_per_week: -2, complexity: 1}\n"
    )
    at.file_uploader(key="carving_upload").set_value(("kapot.yaml", bad, "text/yaml")).run()
    assert not at.exception
    message = at.error[0].value
    assert "kapot.yaml" in message and "tasks[0]" in message and "hours_per_week" in message
    school = load_inventory(example_inventories()[SCHOOL])
    assert at.session_state["carving_inventory"] == school
    assert any(school.title in c.value for c in at.caption)
    at.file_uploader(key="carving_upload").set_value(
        ("kapot.xlsx", b"not a spreadsheet", "application/octet-stream")
    ).run()
    assert not at.exception
    assert "kapot.xlsx" in at.error[0].value


def test_a_bad_edit_names_table_row_and_column_and_blocks_the_run() -> None:
    at = _app()
    at.session_state[TASKS_KEY] = {
        "edited_rows": {"1": {"hours_per_week": -1, "schedule": "ma-ochtend: twee"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception
    message = at.error[0].value
    assert "Takentabel: row 2: field 'Uren per week'" in message
    assert "Takentabel: row 2: field 'Rooster'" in message and "twee" in message
    at.button(key="carving_run").click().run()
    assert not at.exception
    assert "carving_state_run" not in at.session_state


def test_english_labels() -> None:
    at = _app("en")
    at.button(key="carving_run").click().run()
    assert not at.exception and not at.error
    assert at.title[0].value == "Job carving"
    assert "Candidates with a job" in {m.label for m in at.metric}
    assert any(s.value.startswith("Job for ") for s in at.subheader)
    assert at.button(key="carving_packages_run").label == "Propose work packages"
    at.button(key="carving_packages_run").click().run()
    titles = [s.value for s in at.subheader if "hours a week" in s.value]
    assert titles and all("Werkpakket" not in t for t in titles)


def test_a_consultant_saves_and_reopens_a_project(
    store, consultant, new_scan, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saved with the organisation on the server; reopening brings back tables and result."""
    monkeypatch.setattr(access, "store_of", lambda given=None: given or store)
    org = new_scan(consultant, name="Basisschool De Regenboog").organisation_id
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["user"] = consultant
    at.run()
    at.selectbox(key="carving_example").set_value(SCHOOL).run()
    at.selectbox(key="carving_cand_example").set_value(CANDIDATES).run()
    at.button(key="carving_run").click().run()
    at.text_input(key="carving_project_name").set_value("Regenboog 2026").run()
    at.button(key="carving_save").click().run()
    assert not at.exception and not at.error
    [saved] = carving_service.list_carving_projects(
        actor=consultant, organisation_id=org, store=store
    )
    assert saved["name"] == "Regenboog 2026" and saved["has_result"]
    result = at.session_state["carving_state_run"].result

    fresh = AppTest.from_file(PAGE, default_timeout=120)
    fresh.session_state["user"] = consultant
    fresh.run()
    fresh.button(key="carving_open").click().run()
    assert not fresh.exception and not fresh.error
    assert fresh.session_state["carving_state_run"].result == result
    assert any("Regenboog 2026" in s.value for s in fresh.success)


@pytest.mark.parametrize(("lang", "text"), [("nl", "Kies kandidaten"), ("en", "Choose candidates")])
def test_the_candidate_picker_has_a_placeholder_in_the_language(lang: str, text: str) -> None:
    at = _app(lang)
    assert at.multiselect[0].placeholder == text
