"""Workforce and purchases lists: row errors name file, row and column; the CLI exits 0 or 2."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from inclusief.cli import main
from inclusief.errors import InputError
from inclusief.pso.data import pso_data
from inclusief.pso.inputs import (
    parse_purchases,
    parse_workforce,
    read_purchases,
    read_upload,
    read_workforce,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "data" / "pso" / "voorbeeld_personeel.csv"
PURCHASES = ROOT / "data" / "pso" / "voorbeeld_inkoop.csv"
HEADER = "employee_id,hours_per_week,target_group,contract_type,intake_date,end_date\n"
QUALITY_HEADER = "respondent_id,pw01,pw02,pw03,in01,in02,in03,fo01,fo02,fo03,fo04,bg01,bg02,bg03\n"


def test_examples_load() -> None:
    """The shipped examples: 40 employees, a few from the target group; two suppliers."""
    employees = read_workforce(EXAMPLE)
    assert len(employees) == 40
    assert 3 <= sum(e.target_group != "geen" for e in employees) <= 10
    assert len(read_purchases(PURCHASES)) == 2


def test_code_lists_cover_the_weights_table_with_labels() -> None:
    """Every intake position of the weights table plus statushouder, nugger and geen."""
    data = pso_data()
    assert set(data.target_groups.codes) == {
        "wsw",
        "participatiewet",
        "wao_wia_waz",
        "wajong",
        "vso_pro",
        "wiw_id",
        "ex_doelgroep",
        "jong_gehandicapt",
        "doelgroepregister_overig",
        "ww_6m",
        "bbl_bol_1",
        "bbl_bol_2",
        "statushouder",
        "nugger",
        "geen",
    }
    assert len(data.contract_types.codes) == 6
    for entry in [*data.target_groups.codes.values(), *data.contract_types.codes.values()]:
        assert entry.label.nl and entry.label.en


def test_row_errors_name_file_row_and_column(tmp_path: Path) -> None:
    """Header = row 1, so the first data row is row 2; all problems are collected."""
    f = tmp_path / "w.csv"
    f.write_text(
        HEADER + "a,40,geen,regulier,2020-01-01,\n"
        "b,forty,wajong,regulier,2020-01-01,\n"
        "a,20,martian,regulier,2020-13-01,\n"
        "c,20,wajong,vast,2020-01-01,2019-01-01\n"
        "d,90,wajong,regulier,,\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        read_workforce(f)
    got = {(p.where, p.field) for p in info.value.problems}
    assert got == {
        ("row 3", "hours_per_week"),
        ("row 4", "employee_id"),
        ("row 4", "target_group"),
        ("row 4", "intake_date"),
        ("row 5", "contract_type"),
        ("row 5", "end_date"),
        ("row 6", "hours_per_week"),
        ("row 6", "intake_date"),
    }
    assert all(p.file == str(f) for p in info.value.problems)
    assert "w.csv: row 3: field 'hours_per_week'" in str(info.value)


def test_missing_and_unknown_columns_are_named(tmp_path: Path) -> None:
    f = tmp_path / "w.csv"
    f.write_text("employee_id,hours_per_week\nx,40\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_workforce(f)
    assert {p.field for p in info.value.problems} == {
        "target_group",
        "contract_type",
        "intake_date",
    }
    assert {p.where for p in info.value.problems} == {"row 1"}
    g = tmp_path / "g.csv"
    g.write_text(HEADER.strip() + ",salary\na,40,geen,regulier,2020-01-01,,3000\n")
    with pytest.raises(InputError) as info:
        read_workforce(g)
    assert [(p.where, p.field) for p in info.value.problems] == [("row 1", "salary")]


def test_optional_columns_and_dutch_formats(tmp_path: Path) -> None:
    """Semicolons, decimal comma, DD-MM-YYYY dates, a byte-order mark and norm_hours."""
    f = tmp_path / "w.csv"
    f.write_bytes(
        "\ufeffemployee_id;hours_per_week;target_group;contract_type;intake_date;norm_hours\n"
        "a;25,5;Wajong;regulier;01-03-2024;36\n".encode()
    )
    (e,) = read_workforce(f)
    assert e.hours_per_week == 25.5 and e.norm_hours == 36 and e.target_group == "wajong"
    assert e.intake_date.isoformat() == "2024-03-01"


def test_a_dataframe_goes_through_the_same_validation() -> None:
    """The app's table editor: NA cells, real dates, empty rows are skipped, row numbers kept."""
    frame = pd.DataFrame(
        {
            "employee_id": ["a", None, "c"],
            "hours_per_week": [40.0, None, "x"],
            "target_group": ["wajong", None, "geen"],
            "contract_type": ["regulier", pd.NA, "regulier"],
            "intake_date": [pd.Timestamp("2024-01-01"), pd.NaT, "2024-01-01"],
            "end_date": [pd.NaT, pd.NaT, None],
        }
    )
    with pytest.raises(InputError) as info:
        parse_workforce(frame, file="table")
    assert [(p.file, p.where, p.field) for p in info.value.problems] == [
        ("table", "row 4", "hours_per_week")
    ]
    (e,) = parse_workforce(frame.iloc[:2], file="table")
    assert e.employee_id == "a" and e.hours_per_week == 40


def test_an_empty_list_is_refused() -> None:
    frame = pd.DataFrame(
        columns=["employee_id", "hours_per_week", "target_group", "contract_type", "intake_date"]
    )
    with pytest.raises(InputError, match="no employees"):
        parse_workforce(frame, file="empty")


def test_purchase_rows_are_checked() -> None:
    frame = pd.DataFrame(
        {
            "supplier": ["A", ""],
            "amount_eur": ["1000", "10"],
            "supplier_turnover_eur": ["0", "100"],
            "supplier_fte": ["5", "-1"],
            "supplier_direct_pct": ["120", "50"],
        }
    )
    with pytest.raises(InputError) as info:
        parse_purchases(frame, file="inkoop.csv")
    assert {(p.where, p.field) for p in info.value.problems} == {
        ("row 2", "supplier_turnover_eur"),
        ("row 2", "supplier_direct_pct"),
        ("row 3", "supplier"),
        ("row 3", "supplier_fte"),
    }


def test_xlsx_is_read(tmp_path: Path) -> None:
    f = tmp_path / "w.xlsx"
    pd.read_csv(EXAMPLE, dtype=str, keep_default_na=False).to_excel(f, index=False)
    assert read_workforce(f) == read_workforce(EXAMPLE)


def test_uploads_that_cannot_be_read_raise_input_error() -> None:
    for name, content in (
        ("w.xlsx", b"not a zip file"),
        ("w.csv", b"\xff\xfe\x00broken"),
        ("w.pdf", b"%PDF"),
    ):
        with pytest.raises(InputError) as info:
            read_upload(name, content)
        assert info.value.problems[0].file == name
    frame = read_upload("w.csv", EXAMPLE.read_bytes())
    assert len(parse_workforce(frame, file="w.csv")) == 40


# -- CLI ----------------------------------------------------------------------------------
def test_cli_json_has_the_documented_keys(tmp_path: Path) -> None:
    out = tmp_path / "o.json"
    code = main(
        [
            "pso",
            str(EXAMPLE),
            "--purchases",
            str(PURCHASES),
            "--size",
            "40",
            "--year",
            "2026",
            "--format",
            "json",
            "-o",
            str(out),
            "--supplier-turnover",
            "5000000",
            "--supplier-fte",
            "150",
            "--supplier-direct-pct",
            "60",
        ]
    )
    assert code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    for key in (
        "direct_pct",
        "indirect_pct",
        "indirect_capped",
        "total_pct",
        "norms",
        "level",
        "pso30plus_pct",
        "pso30plus",
        "growth",
        "banenafspraak",
        "warnings",
        "notice",
    ):
        assert key in data
    assert set(data["norms"]) == {"trede_1", "trede_2", "trede_3"}
    assert data["norms"]["trede_1"] == 3.7
    ba = data["banenafspraak"]
    assert {"jobs", "required_jobs", "quota_applies", "status", "due_eur", "scenarios"} <= set(ba)
    assert (ba["regime"], ba["status"], ba["due_eur"]) == ("wet_banenafspraak", "not_activated", 0)
    assert all(s["amount_eur"] is None for s in ba["scenarios"])
    assert data["inputs"][0]["encoding"] == "utf-8" and data["inputs"][1]["delimiter"] == ","
    assert "geen certificaat" in data["notice"]
    assert data["growth"]["next_level"] == "trede_3"
    assert data["growth"]["extra_fte"] > 0
    assert data["growth"]["purchase"]["possible"] is True
    assert data["level"] == "trede_2"


def test_cli_text_says_indication_not_certificate(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pso", str(EXAMPLE), "--year", "2026"]) == 0
    out = capsys.readouterr().out
    assert "geen certificaat" in out and "Groeipad" in out and "Banenafspraak" in out
    assert main(["pso", str(EXAMPLE), "--year", "2026", "--lang", "en"]) == 0
    assert "not a certificate" in capsys.readouterr().out


def test_cli_quality_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """All answers at the favourable end (reverse items pw03, in03, fo04, bg03 at 1): index 100."""
    f = tmp_path / "q.csv"
    f.write_text(QUALITY_HEADER + "org,5,5,1,5,5,1,5,5,5,1,5,5,1\n", encoding="utf-8")
    argv = ["pso", str(EXAMPLE), "--year", "2026", "--quality", str(f), "--format", "json"]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["quality"]["overall_index"] == 100
    assert set(data["quality"]["dimensions"]) == {
        "passend_werk",
        "integratie",
        "functioneren_ontwikkeling",
        "begeleiding",
    }
    assert main(["pso", str(EXAMPLE), "--year", "2026", "--quality", str(f)]) == 0
    assert "Kwaliteitscriteria" in capsys.readouterr().out


def test_cli_bad_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pso", str(PURCHASES), "--year", "2026"]) == 2
    assert "required column is missing" in capsys.readouterr().err
    assert main(["pso", str(EXAMPLE), "--year", "1999"]) == 2
    assert "between 2000 and 2100" in capsys.readouterr().err
    assert main(["pso", str(tmp_path / "missing.csv"), "--year", "2026"]) == 2
    assert main(["pso", str(EXAMPLE), "--year", "2026", "--supplier-fte", "3"]) == 2
    assert "together" in capsys.readouterr().err
    two = tmp_path / "q.csv"
    two.write_text(QUALITY_HEADER + "a,5,5,1,5,5,1,5,5,5,1,5,5,1\nb,1,1,1,1,1,1,1,1,1,1,1,1,1\n")
    assert main(["pso", str(EXAMPLE), "--year", "2026", "--quality", str(two)]) == 2
    assert "one row" in capsys.readouterr().err


# -- reading the tables (shared with ``inclusief score``) ----------------------------------
ROW = "e1,32,wajong,regulier,2024-01-01,\n"


@pytest.mark.parametrize("content", [b"", "\ufeff".encode()])
def test_cli_an_empty_workforce_or_purchases_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    empty = tmp_path / "leeg.csv"
    empty.write_bytes(content)
    assert main(["pso", str(empty), "--year", "2026"]) == 2
    err = capsys.readouterr().err
    assert f"{empty}: the file is empty" in err and "Traceback" not in err
    assert main(["pso", str(EXAMPLE), "--purchases", str(empty), "--year", "2026"]) == 2
    assert f"{empty}: the file is empty" in capsys.readouterr().err


def test_cli_a_row_with_an_extra_value_exits_2_instead_of_shifting_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A stray separator (hours '32,5' unquoted) used to shift every column of the row."""
    f = tmp_path / "w.csv"
    f.write_text(HEADER + ROW + "e2,32,5,geen,regulier,2024-01-01,\n", encoding="utf-8")
    assert main(["pso", str(f), "--year", "2026"]) == 2
    err = capsys.readouterr().err
    assert f"{f}: row 3: 7 values, but the header has 6 columns" in err


def test_cli_a_row_with_a_missing_value_exits_2_naming_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "inkoop.csv"
    f.write_text(
        "supplier,amount_eur,supplier_turnover_eur,supplier_fte,supplier_direct_pct\n"
        "A,1000,500000,10\n",
        encoding="utf-8",
    )
    assert main(["pso", str(EXAMPLE), "--purchases", str(f), "--year", "2026"]) == 2
    assert f"{f}: row 2: 4 values, but the header has 5 columns" in capsys.readouterr().err


def test_a_duplicate_workforce_column_is_named(tmp_path: Path) -> None:
    f = tmp_path / "w.csv"
    f.write_text(HEADER.rstrip("\n") + ",end_date\n" + ROW.rstrip("\n") + ",\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_workforce(f)
    (problem,) = info.value.problems
    assert (problem.where, problem.field) == ("row 1", "end_date")
    assert "duplicate column 'end_date' (columns 6 and 7)" in problem.message


def test_a_byte_order_mark_and_tabs_are_read(tmp_path: Path) -> None:
    f = tmp_path / "w.csv"
    text = "\ufeff" + (HEADER + ROW).replace(",", "\t")
    f.write_bytes(text.encode("utf-8"))
    (employee,) = read_workforce(f)
    assert employee.employee_id == "e1" and employee.hours_per_week == 32


def test_uploads_get_the_same_checks() -> None:
    for content, expected in (
        (b"", "the file is empty"),
        ("\ufeff".encode(), "the file is empty"),
        ((HEADER + "e1,32,wajong\n").encode(), "3 values, but the header has 6 columns"),
    ):
        with pytest.raises(InputError) as info:
            read_upload("w.csv", content)
        assert expected in str(info.value)
    frame = read_upload("w.csv", ("\ufeff" + HEADER + ROW).encode())
    assert list(frame.columns)[0] == "employee_id"


# -- the default full-time week comes from the data file ---------------------------------
def test_default_norm_hours_come_from_the_data_file(monkeypatch: pytest.MonkeyPatch) -> None:
    figure = pso_data().default_norm_hours
    assert figure.value == 40 and figure.source and figure.year
    frame = pd.DataFrame(
        [dict(zip(HEADER.strip().split(","), ROW.strip().split(","), strict=False))]
    )
    (employee,) = parse_workforce(frame)
    assert employee.norm_hours == figure.value
    changed = pso_data().model_copy(
        update={"default_norm_hours": figure.model_copy(update={"value": 36.0})}
    )
    monkeypatch.setattr("inclusief.pso.inputs.pso_data", lambda: changed)
    (employee,) = parse_workforce(frame)
    assert employee.norm_hours == 36.0  # 32 contract hours are 32/36 FTE, not 32/40
