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
