"""An XLSX formula without a saved result is reported, not scored as skipped (one shared
reader, :mod:`inclusief.xlsxio`, for responses, PSO data and task inventories)."""

from __future__ import annotations

from pathlib import Path

import pytest
import xlsxwriter  # type: ignore[import-untyped]
from openpyxl import Workbook

from inclusief.cli import main
from inclusief.errors import InputError
from inclusief.jobcarving.inventory import load_inventory
from inclusief.questionnaires.load import load_file
from inclusief.questionnaires.responses import read_responses
from inclusief.xlsxio import read_workbook

MINI = Path(__file__).with_name("mini.yaml")
ROOT = Path(__file__).resolve().parents[2]
HEADER = ["respondent_id", "a1", "a2", "a3", "b1", "b2"]


def _openpyxl_file(path: Path) -> Path:
    """openpyxl stores formulas without results, like a script-made or never-saved file."""
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(["r1", 5, 2, 9, 2, 3])
    ws.append(["r2", "=A1*0+4", 2, 3, 2, 3])  # a formula where an answer belongs
    wb.save(path)
    return path


def test_formula_without_saved_result_is_refused_naming_the_cell(tmp_path: Path) -> None:
    path = _openpyxl_file(tmp_path / "r.xlsx")
    with pytest.raises(InputError) as info:
        read_responses(path, questionnaire=load_file(MINI))
    (problem,) = info.value.problems
    assert problem.file == str(path)
    assert problem.where == "sheet Sheet, row 3" and problem.field == "a1"
    assert "cell B3 holds the formula '=A1*0+4' without a saved result" in problem.message


def test_score_command_exits_2_instead_of_scoring_a_skip(tmp_path: Path, capsys) -> None:
    path = tmp_path / "r.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(["r1", 5, "=2+2", 9, 2, 3])
    wb.save(path)
    assert main(["score", "-q", str(MINI), str(path)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"{path}: sheet Sheet, row 2: field 'a2': cell C2 holds the formula '=2+2'" in err


def test_formula_with_a_saved_result_reads_its_value(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, HEADER)
    ws.write_row(1, 0, ["r1", 5])
    ws.write_formula(1, 2, "=1+3", None, 4)  # result stored, as Excel does on save
    ws.write_row(1, 3, [9, 2, 3])
    wb.close()
    codes, _ = read_responses(path, questionnaire=load_file(MINI))
    assert codes.loc["r1", "a2"] == 4


def test_error_cells_are_named_not_skipped(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, HEADER)
    ws.write_row(1, 0, ["r1", 5])
    ws.write_formula(1, 2, "=1/0", None, "#DIV/0!")
    ws.write_row(1, 3, [9, 2, 3])
    wb.close()
    with pytest.raises(InputError, match="value '#DIV/0!' is not on scale"):
        read_responses(path, questionnaire=load_file(MINI))


def test_task_inventory_workbook_uses_the_same_reader(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    source = ROOT / "data" / "tasks" / "primair_onderwijs.xlsx"
    wb = load_workbook(source)
    ws = wb["taken"]
    header = [c.value for c in ws[1]]
    column = next(i for i, name in enumerate(header, start=1) if name == "hours_per_week")
    ws.cell(row=2, column=column, value="=1+1")
    path = tmp_path / "inventaris.xlsx"
    wb.save(path)
    with pytest.raises(InputError) as info:
        load_inventory(path)
    assert any(
        p.field == "hours_per_week" and "holds the formula '=1+1'" in p.message
        for p in info.value.problems
    )


def test_plain_workbook_needs_no_formula_pass(tmp_path: Path) -> None:
    path = tmp_path / "plain.xlsx"
    wb = Workbook()
    wb.active.append(["a", None, 3.0, 2.5])
    wb.active.append([None, None])
    wb.save(path)
    assert read_workbook(path, file="plain.xlsx") == {"Sheet": [["a", None, 3, 2.5]]}
