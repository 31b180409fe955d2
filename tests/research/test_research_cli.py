"""``inclusief export`` and ``inclusief research ...`` with a responses file."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from research_factories import PLANTED_EMAIL, PLANTED_NAMES, make_rows, own_data_dir  # noqa: F401 (autouse)

from inclusief.cli import main

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


# -- a database that has not been migrated, -o, a k nobody reaches, bad tables ----------
@pytest.fixture
def unmigrated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """INCLUSIEF_DATABASE_URL pointing at an empty SQLite file (no ``db upgrade`` yet)."""
    import sqlite3

    from inclusief.settings import get_settings
    from inclusief.store import db

    empty = tmp_path / "leeg.sqlite3"
    sqlite3.connect(empty).close()

    def clear() -> None:
        get_settings.cache_clear()
        db.default_engine.cache_clear()
        db.default_store.cache_clear()

    monkeypatch.setenv("INCLUSIEF_DATABASE_URL", f"sqlite:///{empty}")
    clear()
    yield empty
    if db.default_engine.cache_info().currsize:
        db.default_engine().dispose()
    monkeypatch.delenv("INCLUSIEF_DATABASE_URL")
    clear()


@pytest.mark.parametrize(
    "command",
    [
        ["export", "-q", QFILE, "-o", "OUT"],
        ["research", "reliability", "-q", QFILE],
        ["research", "aggregates", "-q", QFILE],
        ["research", "typology", "-q", QFILE],
    ],
)
def test_an_unmigrated_database_exits_2_saying_what_to_do(
    unmigrated: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    command = [str(tmp_path / "out") if c == "OUT" else c for c in command]
    assert main(command) == 2
    err = capsys.readouterr().err
    assert f"{unmigrated}: no Inclusief tables here: run 'inclusief db upgrade'" in err
    assert "Traceback" not in err and "OperationalError" not in err
    assert not (tmp_path / "out").exists()


def test_export_to_an_existing_file_exits_2_naming_o(
    responses: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "export.csv"
    target.write_text("keep me\n", encoding="utf-8")
    assert main(["export", "-q", QFILE, "--responses", responses, "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert f"{target}: field '-o': is a file; -o needs a folder" in err
    assert "Traceback" not in err
    assert target.read_text(encoding="utf-8") == "keep me\n"
    below = target / "sub"
    assert main(["export", "-q", QFILE, "--responses", responses, "-o", str(below)]) == 2
    assert "field '-o'" in capsys.readouterr().err


def test_write_export_refuses_a_file_as_folder(responses: str, tmp_path: Path) -> None:
    from inclusief.errors import InputError
    from inclusief.questionnaires.load import load_file
    from inclusief.research.export import build_export, write_export
    from inclusief.research.rows import read_research_table

    q = load_file(QFILE)
    export = build_export(
        questionnaire=q, rows=read_research_table(responses, questionnaire=q), k=5, file="r"
    )
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(InputError) as info:
        write_export(export, target, ["csv"])
    assert info.value.problems[0].field == "-o"


def test_reliability_to_a_folder_exits_2_naming_o(
    responses: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["research", "reliability", "-q", QFILE, "--responses", responses]
    assert main([*args, "-o", str(tmp_path)]) == 2
    assert f"{tmp_path}: field '-o': is a folder; give a file name" in capsys.readouterr().err
    assert main([*args, "-o", str(tmp_path / "no" / "such" / "r.txt")]) == 2
    assert "field '-o': cannot write the file" in capsys.readouterr().err


def test_a_k_above_every_group_warns_that_nothing_was_exported(
    responses: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    args = ["export", "-q", QFILE, "--responses", responses, "--k", "100000", "-o", str(out)]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "0 of 300 rows exported (k=100000)" in err
    assert "warning: no rows exported" in err and "lower --k" in err
    assert main([*args[:-4], "--k", "5", "-o", str(tmp_path / "ok")]) == 0
    assert "warning" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        ("\ufeff".encode(), "the file is empty"),
        (b"respondent_id,sector\nr1,P,extra\n", "row 2: 3 values, but the header has 2 columns"),
        (b"respondent_id,c1,c1\nr1,1,2\n", "duplicate column 'c1'"),
    ],
)
def test_bad_research_tables_exit_2_for_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, expected: str
) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(content)
    for command in (
        ["export", "-q", QFILE, "--responses", str(path), "-o", str(tmp_path / "out")],
        ["research", "aggregates", "-q", QFILE, "--responses", str(path)],
    ):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert f"{path}: " in err and expected in err and "Traceback" not in err


def test_a_research_table_with_a_byte_order_mark_is_read(
    responses: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + Path(responses).read_bytes())
    assert main(["research", "reliability", "-q", QFILE, "--responses", str(path),
                 "--format", "json"]) == 0  # fmt: skip
    assert json.loads(capsys.readouterr().out)["available"]
