"""Inventory and candidate loaders: YAML paths, XLSX/CSV rows and columns, round trips."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from inclusief.errors import InputError, Problem
from inclusief.jobcarving.inventory import (
    inventory_tables,
    inventory_to_csv,
    inventory_to_xlsx,
    load_candidates,
    load_inventory,
)
from inclusief.jobcarving.model import Inventory

DATA = Path(__file__).resolve().parents[2] / "data" / "tasks"
SCHOOL = DATA / "primair_onderwijs.yaml"

SMALL_YAML = """\
id: klein
title: Klein
sector: test
categories:
  kopieren: {nl: Kopiëren, en: Copying}
roles:
  - id: lk
    name: {nl: Leerkracht, en: Teacher}
    hourly_cost_eur: 36.5
    cost_assumption: test
    relieved_use: {nl: lesgeven, en: teaching}
tasks:
  - {id: a, name: A, category: kopieren, role: lk, hours_per_week: 1, complexity: 1}
  - {id: b, name: B, category: kopieren, role: lk, hours_per_week: 2, complexity: 1,
     schedule: {ma-ochtend: 2}}
  - {id: c, name: C, category: kopieren, role: lk, hours_per_week: 1, complexity: 1}
  - {id: d, name: D, category: kopieren, role: lk, hours_per_week: 1, complexity: 2,
     demands: {tillen: 2}}
"""


def problems_of(exc: pytest.ExceptionInfo[InputError]) -> list[Problem]:
    return exc.value.problems


@pytest.fixture(scope="module")
def school() -> Inventory:
    return load_inventory(SCHOOL)


# -- YAML --------------------------------------------------------------------------------------
def test_yaml_errors_name_the_path(tmp_path: Path) -> None:
    bad = SMALL_YAML.replace("demands: {tillen: 2}", "demands: {tillen: 9, vliegen: 1}")
    bad = bad.replace("schedule: {ma-ochtend: 2}", "schedule: {ma-ochtend: 1, za-ochtend: 1}")
    path = tmp_path / "klein.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_inventory(path)
    where = {(p.where, p.field) for p in problems_of(exc)}
    assert ("tasks[3].demands.tillen", "tillen") in where
    assert ("tasks[3].demands.vliegen", "vliegen") in where
    assert ("tasks[1].schedule.za-ochtend", "za-ochtend") in where
    assert all(p.file == str(path) for p in problems_of(exc))


def test_yaml_model_errors_and_unknown_role_and_category(tmp_path: Path) -> None:
    bad = SMALL_YAML.replace(
        "hours_per_week: 1, complexity: 1}", "hours_per_week: -1, complexity: 1}", 1
    )
    bad = bad.replace(
        "{id: c, name: C, category: kopieren, role: lk", "{id: c, name: C, category: x, role: zz"
    )
    path = tmp_path / "klein.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_inventory(path)
    assert [(p.where, p.field) for p in problems_of(exc)] == [
        ("tasks[0].hours_per_week", "hours_per_week")
    ]
    path.write_text(bad.replace("hours_per_week: -1", "hours_per_week: 1"), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_inventory(path)
    assert {(p.where, p.field) for p in problems_of(exc)} == {
        ("tasks[2].role", "role"),
        ("tasks[2].category", "category"),
    }


def test_yaml_candidates_name_the_path(tmp_path: Path, school: Inventory) -> None:
    path = tmp_path / "kandidaten.yaml"
    path.write_text(
        "candidates:\n"
        "  - {id: x, pseudonym: X, hours_min: 30, hours_max: 20, hourly_cost_eur: 20,\n"
        "     available_slots: [ma-ochtend, zo-ochtend], likes: [bestaat_niet],\n"
        "     capabilities: {tillen: 7}, accommodations: [robot]}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as exc:
        load_candidates(path, school)
    assert {p.where for p in problems_of(exc)} == {
        "candidates[0].capabilities.tillen",
        "candidates[0].available_slots[1]",
        "candidates[0].hours_min",
        "candidates[0].likes[0]",
        "candidates[0].accommodations[0]",
    }


# -- round trips --------------------------------------------------------------------------------
def test_xlsx_round_trip(tmp_path: Path, school: Inventory) -> None:
    path = inventory_to_xlsx(school, tmp_path / "school.xlsx")
    assert load_inventory(path) == school


def test_xlsx_round_trip_keeps_omitted_demands(tmp_path: Path) -> None:
    small = tmp_path / "klein.yaml"
    small.write_text(SMALL_YAML, encoding="utf-8")
    inv = load_inventory(small)
    assert load_inventory(inventory_to_xlsx(inv, tmp_path / "klein.xlsx")) == inv


@pytest.mark.parametrize("delimiter", [";", ","])
def test_csv_round_trip(tmp_path: Path, school: Inventory, delimiter: str) -> None:
    files = inventory_to_csv(school, tmp_path / "school_taken.csv", delimiter=delimiter)
    assert {p.name for p in files.values()} == {
        "school_taken.csv",
        "school_rollen.csv",
        "school_inventaris.csv",
        "school_categorieen.csv",
    }
    assert load_inventory(files["taken"]) == school


def test_csv_without_header_file_uses_the_stem(tmp_path: Path, school: Inventory) -> None:
    inventory_to_csv(school, tmp_path / "mijn_school.csv", meta=False)
    inv = load_inventory(tmp_path / "mijn_school.csv")
    assert (inv.id, inv.sector, inv.categories) == ("mijn_school", "onbekend", {})
    assert inv.tasks == school.tasks


def test_csv_needs_its_roles_file(tmp_path: Path) -> None:
    path = tmp_path / "x_taken.csv"
    path.write_text("id;name\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_inventory(path)
    assert "x_rollen.csv" in problems_of(exc)[0].message


# -- bad tables ---------------------------------------------------------------------------------
ROLES_HEAD = "id;name_nl;name_en;hourly_cost_eur;cost_assumption;relieved_use_nl;relieved_use_en"
ROLES_CSV = ROLES_HEAD + "\nlk;Leraar;Teacher;36,5;test;les;teaching\n"
TASKS_HEAD = "id;name;category;role;hours_per_week;complexity;schedule;tillen\n"


def write_csv(tmp_path: Path, rows: str, roles: str = ROLES_CSV) -> Path:
    (tmp_path / "x_rollen.csv").write_text(roles, encoding="utf-8")
    path = tmp_path / "x_taken.csv"
    path.write_text(TASKS_HEAD + rows, encoding="utf-8")
    return path


def test_a_good_csv_with_decimal_commas(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        'a;A;c;lk;1,5;1;"ma-ochtend: 0,5; wo-middag: 1";2\n'
        ";;;;;;;\n"  # an empty row is skipped
        "b;B;c;lk;2;2;Flexibel;\n",
    )
    inv = load_inventory(path)
    assert inv.roles[0].hourly_cost_eur == 36.5
    a, b = inv.tasks
    assert a.schedule == {"ma-ochtend": 0.5, "wo-middag": 1.0} and a.demands == {"tillen": 2}
    assert b.schedule == "flexibel" and b.demands == {}


def test_bad_csv_names_file_row_and_column(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        "a;A;c;lk;1;1;flexibel;1\n"
        "b;B;c;lk;1;1;flexibel;1\n"
        "c;C;c;lk;1;1;flexibel;1\n"
        "d;D;c;lk;1;1;flexibel;1\n"
        "e;E;c;lk;1;1;flexibel;1\n"
        "f;F;c;lk;abc;1;flexibel;1\n"  # row 7
        "g;G;c;lk;1;1,5;ma-ochtend: twee;9\n"  # row 8
        "h;H;c;nobody;1;1;ma-ochtend: 2;1\n",  # row 9
    )
    with pytest.raises(InputError) as exc:
        load_inventory(path)
    found = {(p.file, p.where, p.field) for p in problems_of(exc)}
    assert (str(path), "row 7", "hours_per_week") in found
    assert (str(path), "row 8", "complexity") in found
    assert (str(path), "row 8", "schedule") in found
    assert Problem(str(path), "'abc' is not a number", "row 7", "hours_per_week") in problems_of(
        exc
    )
    assert len(problems_of(exc)) == 3  # the cross-checks wait until the rows are readable
    # fix the unreadable cells: now the level, role and schedule sum show
    path.write_text(
        TASKS_HEAD + "f;F;c;lk;1;1;flexibel;9\ng;G;c;nobody;1;1;ma-ochtend: 2;1\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as exc:
        load_inventory(path)
    assert {(p.where, p.field) for p in problems_of(exc)} == {
        ("row 2", "tillen"),
        ("row 3", "role"),
        ("row 3", "schedule"),
    }


def test_bad_roles_csv_names_its_own_file(tmp_path: Path) -> None:
    roles = ROLES_HEAD + ";kleur\nlk;L;T;duur;a;b;rood\n"
    path = write_csv(tmp_path, "a;A;c;lk;1;1;flexibel;1\n", roles=roles)
    with pytest.raises(InputError) as exc:
        load_inventory(path)
    roles_file = str(tmp_path / "x_rollen.csv")
    found = {(p.file, p.where, p.field) for p in problems_of(exc)}
    assert (roles_file, "row 1", "kleur") in found  # unknown column
    assert (roles_file, "row 2", "hourly_cost_eur") in found


def test_bad_xlsx_names_sheet_row_and_column(tmp_path: Path, school: Inventory) -> None:
    path = inventory_to_xlsx(school, tmp_path / "school.xlsx")
    wb = load_workbook(path)
    ws = wb["taken"]
    header = [c.value for c in ws[1]]
    ws.cell(row=4, column=header.index("hours_per_week") + 1, value="veel")
    ws.cell(row=5, column=header.index("tillen") + 1, value=7)
    ws.cell(row=6, column=header.index("role") + 1).value = None
    wb["rollen"].cell(row=3, column=4, value=-5)
    wb.save(path)
    with pytest.raises(InputError) as exc:
        load_inventory(path)
    found = {(p.file, p.where, p.field) for p in problems_of(exc)}
    assert (str(path), "sheet taken, row 4", "hours_per_week") in found
    assert (str(path), "sheet taken, row 6", "role") in found
    assert (str(path), "sheet rollen, row 3", "hourly_cost_eur") in found
    # the level check runs once the cells are readable
    ws = wb["taken"]
    ws.cell(row=4, column=header.index("hours_per_week") + 1, value="0,5")
    ws.cell(row=6, column=header.index("role") + 1, value="leerkracht")
    wb["rollen"].cell(row=3, column=4, value=20)
    wb.save(path)
    with pytest.raises(InputError) as exc:
        load_inventory(path)
    assert {(p.where, p.field) for p in problems_of(exc)} >= {("sheet taken, row 5", "tillen")}


def test_xlsx_missing_sheets_and_garbage(tmp_path: Path) -> None:
    path = tmp_path / "leeg.xlsx"
    wb = Workbook()
    wb.active.title = "taken"
    wb.save(path)
    with pytest.raises(InputError) as exc:
        load_inventory(path)
    assert {p.where for p in problems_of(exc)} == {"sheet inventaris", "sheet rollen"}
    junk = tmp_path / "kapot.xlsx"
    junk.write_bytes(b"not a spreadsheet")
    with pytest.raises(InputError) as exc:
        load_inventory(junk)
    assert problems_of(exc)[0].file == str(junk)


def test_xlsx_layout_has_the_documented_columns(school: Inventory) -> None:
    tables = inventory_tables(school)
    assert tables["inventaris"][0] == ["veld", "waarde"]
    assert tables["taken"][0][:8] == [
        "id", "name", "description", "category", "role", "hours_per_week", "complexity", "schedule",
    ]  # fmt: skip
    assert "tillen" in tables["taken"][0]


# -- candidates from tables ---------------------------------------------------------------------
CAND_HEAD = (
    "id;pseudonym;hours_min;hours_max;available_slots;likes;dislikes;hourly_cost_eur;"
    "accommodations;tillen;geluid\n"
)


def test_candidates_from_csv(tmp_path: Path, school: Inventory) -> None:
    path = tmp_path / "kandidaten.csv"
    path.write_text(
        CAND_HEAD
        + "a;Kandidaat A;12;16;ma-ochtend; di-ochtend;klaslokaal;;19,74;tilhulp;1;2\n".replace(
            "ma-ochtend; di-ochtend", '"ma-ochtend; di-ochtend"'
        )
        + "b;Kandidaat B;;20;ma-middag;;;20;geen;;\n",
        encoding="utf-8",
    )
    a, b = load_candidates(path, school)
    assert a.available_slots == ["ma-ochtend", "di-ochtend"] and a.likes == ["klaslokaal"]
    assert a.capabilities == {"tillen": 1, "geluid": 2} and a.accommodations == ["tilhulp"]
    assert a.hourly_cost_eur == 19.74
    assert b.hours_min == 0 and b.accommodations == [] and b.capabilities == {}


def test_bad_candidates_xlsx_names_rows(tmp_path: Path, school: Inventory) -> None:
    path = tmp_path / "kandidaten.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "kandidaten"
    ws.append(CAND_HEAD.strip().split(";"))
    ws.append(["a", "A", 12, 16, "ma-ochtend", "bestaat_niet", None, 20, None, 1, 1])
    ws.append(["b", "B", 12, "zestien", "ma-ochtend", None, None, 20, None, 1, 1])
    wb.save(path)
    with pytest.raises(InputError) as exc:
        load_candidates(path, school)
    assert {(p.where, p.field) for p in problems_of(exc)} == {
        ("sheet kandidaten, row 3", "hours_max")
    }
    ws.cell(row=3, column=4, value=16)
    wb.save(path)
    with pytest.raises(InputError) as exc:
        load_candidates(path, school)
    assert {(p.where, p.field) for p in problems_of(exc)} == {("sheet kandidaten, row 2", "likes")}
