"""``inclusief report scan``: exit code 0 with a PDF, 2 with a message for bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ANSWERS, HERE, all_text

from inclusief.cli import main

QUESTIONNAIRE = str(HERE / "proefscan.yaml")


def _responses(tmp_path: Path, rows: dict[str, dict[str, int | None]]) -> Path:
    items = list(ANSWERS)
    lines = ["respondent_id," + ",".join(items) + ",support_needs"]
    for rid, answers in rows.items():
        cells = ["" if answers.get(i) is None else str(answers[i]) for i in items]
        lines.append(f"{rid}," + ",".join(cells) + ",jobcarving")
    path = tmp_path / "responses.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_it_renders_the_respondent_and_exits_0(tmp_path: Path) -> None:
    """The PDF holds the engine's numbers for that respondent (overall 35, see conftest)."""
    src = _responses(tmp_path, {"a": ANSWERS, "b": {k: 5 for k in ANSWERS}})
    out = tmp_path / "scan.pdf"
    code = main(
        [
            "report", "scan", "--responses", str(src), "--respondent", "a",
            "--questionnaire", QUESTIONNAIRE, "--organisation", "Zorggroep Eë",
            "--date", "2026-03-05", "-o", str(out),
        ]
    )  # fmt: skip
    assert code == 0
    text = all_text(out.read_bytes())
    assert "Zorggroep Eë" in text
    assert "35 van 100" in text
    assert "5 maart 2026" in text
    assert "Geschikte taken vinden" in text  # the support need from the file


def test_english_and_a_single_respondent_needs_no_id(tmp_path: Path) -> None:
    src = _responses(tmp_path, {"only": ANSWERS})
    out = tmp_path / "scan-en.pdf"
    args = ["report", "scan", "--responses", str(src), "-q", QUESTIONNAIRE, "--lang", "en"]
    assert main([*args, "-o", str(out)]) == 0
    text = all_text(out.read_bytes())
    assert "35 out of 100" in text
    assert "only" in text  # the respondent id stands in for the organisation


def test_the_shipped_werkgeversscan_is_the_default(tmp_path: Path) -> None:
    from inclusief.questionnaires.load import load_shipped

    q = load_shipped("werkgeversscan")
    assert q.version == "2.0"
    path = tmp_path / "ws.csv"
    path.write_text(
        "respondent_id,"
        + ",".join(q.item_ids)
        + "\nx,"
        + ",".join("4" if q.is_scored(i) else "" for i in q.items),  # facts left open
        encoding="utf-8",
    )
    out = tmp_path / "ws.pdf"
    assert main(["report", "scan", "--responses", str(path), "-o", str(out)]) == 0
    assert f"{q.id}, versie {q.version}" in all_text(out.read_bytes())


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([], "choose one with --respondent"),
        (["--respondent", "zz"], "respondent 'zz' is not in the file"),
    ],
)
def test_respondent_problems_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    src = _responses(tmp_path, {"a": ANSWERS, "b": ANSWERS})
    args = ["report", "scan", "--responses", str(src), "-q", QUESTIONNAIRE, *extra]
    assert main([*args, "-o", str(tmp_path / "x.pdf")]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_a_code_off_the_scale_exits_2_naming_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _responses(tmp_path, {"a": ANSWERS | {"dr1": 7}})
    args = ["report", "scan", "--responses", str(src), "-q", QUESTIONNAIRE]
    assert main([*args, "-o", str(tmp_path / "x.pdf")]) == 2
    err = capsys.readouterr().err
    assert "row 2" in err and "dr1" in err


def test_missing_file_and_missing_folder_exit_2(tmp_path: Path) -> None:
    args = ["report", "scan", "-q", QUESTIONNAIRE]
    assert main([*args, "--responses", str(tmp_path / "nope.csv"), "-o", "x.pdf"]) == 2
    src = _responses(tmp_path, {"a": ANSWERS})
    out = tmp_path / "no" / "such" / "x.pdf"
    assert main([*args, "--responses", str(src), "-o", str(out)]) == 2


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["report", "scan", "-o", str(tmp_path / "x.pdf")])  # --responses is required
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["report", "scan", "--responses", "r.csv", "--date", "5-3-2026", "-o", "x.pdf"])
    assert exc.value.code == 2
