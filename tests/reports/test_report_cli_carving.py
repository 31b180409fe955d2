"""``inclusief report carving``: a PDF with the engine's numbers, or exit 2 naming the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import all_text
from test_carving_adapter import candidates, school

from inclusief import formatting as fmt
from inclusief.cli import main
from inclusief.jobcarving.business_case import Support, business_case
from inclusief.jobcarving.optimise import carve
from inclusief.reports.carving_report import hours_text


def _write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _files(tmp_path: Path) -> tuple[Path, Path]:
    tasks = _write(tmp_path / "taken.yaml", school().model_dump(mode="json"))
    cands = _write(
        tmp_path / "kandidaten.yaml",
        {"candidates": [c.model_dump(mode="json") for c in candidates()]},
    )
    return tasks, cands


def test_it_carves_renders_and_exits_0(tmp_path: Path) -> None:
    tasks, cands = _files(tmp_path)
    out = tmp_path / "carving.pdf"
    code = main(
        [
            "report", "carving", "--tasks", str(tasks), "--candidates", str(cands),
            "--organisation", "Basisschool Eë", "--date", "2026-03-05",
            "--scheme", "loonkostensubsidie", "--loonwaarde", "70",
            "--time-limit", "20", "-o", str(out),
        ]
    )  # fmt: skip
    assert code == 0
    text = all_text(out.read_bytes())
    # the same numbers as the engine and the business case give for these files
    result = carve(school(), candidates(), time_limit=20)
    case = business_case(school(), result, Support(scheme="loonkostensubsidie", loonwaarde_pct=70))
    assert case.net_cash_eur is not None and case.lks_eur is not None
    assert "Basisschool Eë" in text and "5 maart 2026" in text
    assert "Primair onderwijs (voorbeeld)" in text
    for job in result.jobs:
        assert f"{hours_text(job.hours, 'nl')} uur per week, {len(job.tasks)} taken." in text
    assert f"Netto effect op de begroting per jaar {fmt.eur(case.net_cash_eur, 'nl')}" in text
    assert (
        f"Loonkostensubsidie van de gemeente (loonwaarde 70%) {fmt.eur(case.lks_eur, 'nl')}" in text
    )
    assert "Ballen van het dak halen" in text


def test_english_without_support_uses_the_inventory_title(tmp_path: Path) -> None:
    tasks, cands = _files(tmp_path)
    out = tmp_path / "carving-en.pdf"
    args = ["report", "carving", "--tasks", str(tasks), "--candidates", str(cands)]
    assert main([*args, "--lang", "en", "-o", str(out)]) == 0
    text = all_text(out.read_bytes())
    assert "Job carving: advice on new jobs" in text
    assert "Primair onderwijs (voorbeeld)" in text  # no --organisation: the inventory's title
    assert "Net effect on the budget per year" in text
    assert "Wage cost subsidy" not in text  # no scheme stated


def test_a_bad_tasks_file_exits_2_naming_file_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tasks, cands = _files(tmp_path)
    data = yaml.safe_load(tasks.read_text(encoding="utf-8"))
    data["tasks"][2]["hours_per_week"] = 60
    data["tasks"][3]["role"] = "directeur"
    _write(tasks, data)
    out = tmp_path / "x.pdf"
    args = ["report", "carving", "--tasks", str(tasks), "--candidates", str(cands)]
    assert main([*args, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert str(tasks) in err
    assert "tasks[2].hours_per_week" in err and "field 'hours_per_week'" in err
    assert not out.exists()


def test_a_bad_candidates_file_and_missing_files_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tasks, cands = _files(tmp_path)
    data = yaml.safe_load(cands.read_text(encoding="utf-8"))
    data["candidates"][0]["available_slots"] = ["za-ochtend"]
    _write(cands, data)
    args = ["report", "carving", "--tasks", str(tasks), "-o", str(tmp_path / "x.pdf")]
    assert main([*args, "--candidates", str(cands)]) == 2
    err = capsys.readouterr().err
    assert str(cands) in err and "available_slots" in err and "za-ochtend" in err
    assert main([*args, "--candidates", str(tmp_path / "nope.yaml")]) == 2
    assert "nope.yaml" in capsys.readouterr().err
    good_tasks, good_cands = _files(tmp_path)
    out = tmp_path / "no" / "folder" / "x.pdf"
    assert (
        main(
            [
                "report",
                "carving",
                "--tasks",
                str(good_tasks),
                "--candidates",
                str(good_cands),
                "-o",
                str(out),
            ]
        )  # fmt: skip
        == 2
    )


@pytest.mark.parametrize(
    "extra",
    [["--loonwaarde", "120"], ["--wage", "-5"], ["--time-limit", "0"], ["--lang", "de"]],
)
def test_out_of_range_options_are_usage_errors(tmp_path: Path, extra: list[str]) -> None:
    args = ["report", "carving", "--tasks", "t.yaml", "--candidates", "c.yaml", "-o", "x.pdf"]
    with pytest.raises(SystemExit) as exc:
        main([*args, *extra])
    assert exc.value.code == 2
