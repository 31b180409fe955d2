"""``inclusief export`` and ``inclusief research ...`` with a responses file."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from research_factories import PLANTED_EMAIL, PLANTED_NAMES, make_rows

from inclusief.cli import main
from inclusief.research import source

QFILE = str(Path(__file__).with_name("research_q.yaml"))


@pytest.fixture
def responses(tmp_path: Path) -> str:
    rows = make_rows(300, seed=8)
    rows.insert(0, "respondent_id", rows.pop("assessment_id"))
    path = tmp_path / "responses.csv"
    rows.to_csv(path, index=False)
    return str(path)


def test_export_writes_data_codebook_and_log(
    responses: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code = main(["export", "-q", QFILE, "--responses", responses, "--format", "csv",
                 "--format", "sav", "--k", "5", "-o", str(out)])  # fmt: skip
    assert code == 0
    names = sorted(p.name for p in out.iterdir())
    assert "onderzoek_2-1.csv" in names and "onderzoek_2-1.sav" in names
    assert "onderzoek_2-1_codebook.json" in names and "onderzoek_2-1_suppression_log.json" in names
    log = json.loads((out / "onderzoek_2-1_suppression_log.json").read_text())
    assert log["anonymity"]["k"] == 5
    err = capsys.readouterr().err
    assert "columns ignored (never exported): organisation_name, contact_email" in err
    text = "".join(p.read_text("utf-8", "replace") for p in out.iterdir())
    assert PLANTED_EMAIL not in text and PLANTED_NAMES[1] not in text


def test_reliability_as_json(responses: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["research", "reliability", "-q", QFILE, "--responses", responses,
                 "--format", "json"]) == 0  # fmt: skip
    payload = json.loads(capsys.readouterr().out)
    assert payload["available"] and payload["report"]["dimensions"][0]["dimension"] == "cultuur"


def test_aggregates_as_csv(responses: str, capsys: pytest.CaptureFixture[str]) -> None:
    from io import StringIO

    assert main(["research", "aggregates", "-q", QFILE, "--responses", responses,
                 "--format", "csv"]) == 0  # fmt: skip
    table = pd.read_csv(StringIO(capsys.readouterr().out))
    assert {"sector", "size_class", "n", "suppressed", "overall_index"} <= set(table.columns)
    assert table.loc[table["suppressed"], "n"].isna().all()


def test_aggregates_and_typology_as_text(
    responses: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["research", "aggregates", "-q", QFILE, "--responses", responses]) == 0
    assert "Totaal" in capsys.readouterr().out
    assert main(["research", "typology", "-q", QFILE, "--responses", responses]) == 0
    assert capsys.readouterr().out.strip()


def test_bad_input_exits_2_with_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = make_rows(5)
    rows.insert(0, "respondent_id", rows.pop("assessment_id"))
    rows.loc[2, "c1"] = 7
    path = tmp_path / "bad.csv"
    rows.to_csv(path, index=False)
    assert main(["export", "-q", QFILE, "--responses", str(path), "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "row 4" in err and "c1" in err


def test_without_database_and_file_it_says_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(source, "STORE_MODULES", ("inclusief.no_such_store",))
    assert main(["export", "-q", QFILE, "-o", str(tmp_path)]) == 2
    assert "--responses" in capsys.readouterr().err
