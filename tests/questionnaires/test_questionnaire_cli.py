"""The score and questionnaire commands: output on good input, exit code 2 on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from inclusief.cli import main

MINI = str(Path(__file__).with_name("mini.yaml"))


def write(tmp_path: Path, text: str, name: str = "r.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_score_writes_csv_with_scores_bands_and_counts(tmp_path, capsys) -> None:
    f = write(tmp_path, "respondent_id,a1,a2,a3,b1,b2\nr1,5,2,9,2,3\n")
    assert main(["score", "-q", MINI, f]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split(",")[:3] == ["respondent_id", "score_a", "band_a"]
    assert out[1].startswith("r1,87.5000,hoog,2,0,1,37.5000,laag,2,0,0,70.8333,ver,4,0,1")


def test_score_writes_json_to_a_file(tmp_path) -> None:
    f = write(tmp_path, "respondent_id,a1,a2,a3,b1,b2\nr1,5,2,9,,\n")
    out = tmp_path / "out.json"
    assert main(["score", "-q", MINI, f, "--format", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text())
    (row,) = data["respondents"]
    assert row["respondent_id"] == "r1" and row["score_b"] is None and row["skipped"] == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("respondent_id,a1,zz\nr1,1,2\n", "row 1: field 'zz': unknown item column"),
        ("respondent_id,a1\nr1,7\n", "row 2: field 'a1': value '7' is not on scale 'eens5'"),
        (
            "respondent_id,a1\nr1,1\nr1,2\n",
            "field 'respondent_id': respondent_id 'r1' appears more",
        ),
        ("respondent_id,a1\n,1\n", "row 2: field 'respondent_id': respondent_id is empty"),
        ("a1,a2\n1,2\n", "row 1: the column 'respondent_id' is missing"),
    ],
)
def test_bad_responses_exit_2_with_file_row_and_field(tmp_path, capsys, text, expected) -> None:
    f = write(tmp_path, text)
    assert main(["score", "-q", MINI, f]) == 2
    err = capsys.readouterr().err
    assert f in err and expected in err
    assert "Traceback" not in err


def test_unknown_questionnaire_exits_2(tmp_path, capsys) -> None:
    f = write(tmp_path, "respondent_id,a1\nr1,1\n")
    assert main(["score", "-q", "nosuchscan", f]) == 2
    assert "unknown questionnaire" in capsys.readouterr().err


def test_validate_malformed_yaml_exits_2(tmp_path, capsys) -> None:
    f = write(tmp_path, "id: x\nscales: [\n", "bad.yaml")
    assert main(["questionnaire", "validate", f]) == 2
    assert "malformed YAML" in capsys.readouterr().err


def test_validate_and_show(capsys) -> None:
    assert main(["questionnaire", "validate", MINI]) == 0
    assert "OK - mini version 1: 2 dimensions, 5 items (1 reverse-coded)" in capsys.readouterr().out
    assert main(["questionnaire", "show", MINI, "--lang", "en"]) == 0
    shown = capsys.readouterr().out
    assert "a2 (R): A2" in shown and "(not scored)" in shown


def test_python_dash_m_works(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "inclusief", "questionnaire", "validate", MINI],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and "OK" in result.stdout


# -- reading the table: empty files, row lengths, byte-order mark, duplicates --------------
def write_bytes(tmp_path: Path, content: bytes, name: str = "r.csv") -> str:
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)


@pytest.mark.parametrize("content", [b"", "\ufeff".encode(), b"\n\n", b"  \r\n"])
def test_score_an_empty_file_exits_2_saying_so(tmp_path, capsys, content) -> None:
    f = write_bytes(tmp_path, content)
    assert main(["score", "-q", MINI, f]) == 2
    err = capsys.readouterr().err
    assert f"{f}: the file is empty" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one value too many: pandas used to shift the columns and score wrong data
        ("respondent_id,a1\nr1,1\nr2,4,5\n", "row 3: 3 values, but the header has 2 columns"),
        # one value too few: used to read as "value 'None' is not on scale"
        ("respondent_id,a1,a2\nr1,1,2\nr2,4\n", "row 3: 2 values, but the header has 3 columns"),
        ("respondent_id;a1\nr1;1\nr2;4;5\n", "row 3: 3 values, but the header has 2 columns"),
        # an extra empty value still shifts the row when the last column is empty
        ("respondent_id,a1,a2\nr1,1,\nr2,,4,\n", "row 3: 4 values, but the header has 3 columns"),
    ],
)
def test_score_a_row_of_the_wrong_length_exits_2_naming_the_row(
    tmp_path, capsys, text, expected
) -> None:
    f = write(tmp_path, text)
    assert main(["score", "-q", MINI, f]) == 2
    err = capsys.readouterr().err
    assert f"{f}: {expected}" in err
    assert "None" not in err and "Traceback" not in err


def test_score_reads_a_file_with_a_byte_order_mark(tmp_path, capsys) -> None:
    """Excel's "CSV UTF-8" starts with a BOM; the first column is still respondent_id."""
    f = write_bytes(tmp_path, "\ufeffrespondent_id;a1;a2;a3\r\nr1;5;2;9\r\n".encode())
    assert main(["score", "-q", MINI, f]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1].startswith("r1,87.5000,hoog")


def test_score_a_duplicate_column_exits_2_naming_it(tmp_path, capsys) -> None:
    f = write(tmp_path, "respondent_id,a1,a1\nr1,1,2\n")
    assert main(["score", "-q", MINI, f]) == 2
    err = capsys.readouterr().err
    assert f"{f}: row 1: field 'a1': duplicate column 'a1' (columns 2 and 3)" in err
    assert "a1.1" not in err


def test_score_a_duplicate_column_in_xlsx_exits_2_naming_it(tmp_path, capsys) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["respondent_id", "a1", "a1"])
    sheet.append(["r1", 1, 2])
    f = tmp_path / "r.xlsx"
    book.save(f)
    assert main(["score", "-q", MINI, str(f)]) == 2
    assert "duplicate column 'a1'" in capsys.readouterr().err


def test_score_a_single_column_file_reads_the_column(tmp_path, capsys) -> None:
    """No separator in the header: the file has one column (the sniffer used to guess one)."""
    f = write(tmp_path, "respondent_id\nr1\nr2\n")
    assert main(["score", "-q", MINI, f, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["respondent_id"] for r in data["respondents"]] == ["r1", "r2"]


def test_score_ignores_trailing_separators_but_not_an_unnamed_column_with_data(
    tmp_path, capsys
) -> None:
    f = write(tmp_path, "respondent_id,a1,a2,a3,\nr1,5,2,9,\n")
    assert main(["score", "-q", MINI, f]) == 0
    assert capsys.readouterr().out.splitlines()[1].startswith("r1,87.5000,hoog")
    f = write(tmp_path, "respondent_id,,a1\nr1,x,5\n")
    assert main(["score", "-q", MINI, f]) == 2
    assert f"{f}: row 1: column 2 has no name" in capsys.readouterr().err


def test_score_a_cp1252_file_is_read_and_a_utf16_file_exits_2(tmp_path, capsys) -> None:
    """Dutch Excel's plain CSV is Windows-1252: read (issue #13); UTF-16 is refused."""
    f = write_bytes(tmp_path, "respondent_id,a1\nrené,1\n".encode("cp1252"))
    assert main(["score", "-q", MINI, f]) == 0
    assert "rené" in capsys.readouterr().out
    g = write_bytes(tmp_path, "respondent_id,a1\nrené,1\n".encode("utf-16"))
    assert main(["score", "-q", MINI, g]) == 2
    err = capsys.readouterr().err
    assert f"{g}: the file is not UTF-8 or Windows-1252 text" in err and "Traceback" not in err
