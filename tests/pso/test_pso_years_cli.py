"""Issue #13 through the CLI: any reference year, the law by year, the register column,
Dutch files. Figures: inclusief/pso/banenafspraak.yaml (see test_pso_banenafspraak.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inclusief.cli import main
from inclusief.pso.inputs import read_workforce
from inclusief.pso.ladder import compute_ladder

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "data/pso/voorbeeld_personeel.csv"
HEADER = "employee_id,hours_per_week,target_group,contract_type,intake_date"


def run_json(args: list[str], tmp_path: Path) -> dict[str, object]:
    out = tmp_path / "o.json"
    assert main(["pso", *args, "--format", "json", "-o", str(out)]) == 0
    data: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("year", [2025, 2027])
def test_year_2025_and_2027_give_a_ladder(
    year: int, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A PSO measurement made in 2026 uses reference year 2025; 2027 has no quota figures."""
    assert main(["pso", str(EXAMPLE), "--year", str(year)]) == 0
    text = capsys.readouterr().out
    expected = compute_ladder(employees=read_workforce(EXAMPLE), year=year)
    assert "Totale sociale bijdrage: " + f"{expected.total_pct:.2f}".replace(".", ",") in text
    assert "Indicatie: Trede" in text
    data = run_json([str(EXAMPLE), "--year", str(year)], tmp_path)
    assert data["year"] == year and data["level"] == expected.level
    ba = data["banenafspraak"]
    assert isinstance(ba, dict)
    if year == 2027:
        assert ba["status"] == "figures_missing" and ba["regime"] == "wet_banenafspraak"
        assert "Voor 2027 zijn er geen cijfers voor het quotum" in text
        assert "bekende jaren: 2025, 2026" in text
    else:
        assert ba["regime"] == "wet_bqa" and ba["due_eur"] is None
        assert "Wet banenafspraak en quotum arbeidsbeperkten" in text


def test_2026_not_activated_shows_no_euro_amount_as_due(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["pso", str(EXAMPLE), "--year", "2026"]) == 0
    text = capsys.readouterr().out
    part = text[text.index("\nBanenafspraak\n") : text.index("Let op:")]
    assert "Verschuldigd: niets" in part
    assert "niet geactiveerd. Er is geen opslag of heffing verschuldigd." in part
    assert "Scenario, niet verschuldigd" in part
    assert "€" not in part and "EUR" not in part
    ba = run_json([str(EXAMPLE), "--year", "2026"], tmp_path)["banenafspraak"]
    assert isinstance(ba, dict) and ba["due_eur"] == 0 and ba["activated"] is False
    assert "levy_eur" not in ba


def test_a_school_of_30_part_timers_is_niet_van_toepassing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """30 x 24 h x 52 = 37,440 paid hours < 40,575: 30 people, yet not applicable."""
    school = tmp_path / "school.csv"
    rows = [f"t{i},24,geen,regulier,2020-01-01" for i in range(30)]
    rows[0] = "t0,24,wajong,regulier,2020-01-01"
    school.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    assert main(["pso", str(school), "--year", "2026", "--sector", "onderwijs"]) == 0
    text = capsys.readouterr().out
    assert "Quotumregeling van toepassing: Niet van toepassing" in text
    assert "Sector: Onderwijs (telt als overheid)" in text
    assert "niet van toepassing: minder dan 40.575 verloonde uren" in text
    ba = run_json([str(school), "--year", "2026", "--sector", "onderwijs"], tmp_path)
    banen = ba["banenafspraak"]
    assert isinstance(banen, dict)
    assert (banen["status"], banen["sector"], banen["paid_hours_year"]) == (
        "not_applicable",
        "overheid",
        37_440,
    )


def test_register_column_and_its_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with_col = tmp_path / "met.csv"
    with_col.write_text(
        HEADER + ",in doelgroepregister\n"
        "a,25.5,wajong,regulier,2020-01-01,nee\n"
        "b,25.5,geen,regulier,2020-01-01,ja\n"
        "c,25.5,wajong,regulier,2020-01-01,\n",
        encoding="utf-8",
    )
    data = run_json([str(with_col), "--year", "2026"], tmp_path)
    ba = data["banenafspraak"]
    assert isinstance(ba, dict)
    assert (ba["jobs"], ba["register_basis"], ba["register_unknown"]) == (1.0, "column", 1)
    # the PSO ladder keeps using the code: a (wajong) and c (wajong) count, b (geen) not
    assert data["weighted_fte"] == pytest.approx(2 * 25.5 / 40)
    old = tmp_path / "oud.csv"
    old.write_text(HEADER + "\na,25.5,wajong,regulier,2020-01-01\n", encoding="utf-8")
    assert main(["pso", str(old), "--year", "2026"]) == 0
    assert "geen kolom in_doelgroepregister" in capsys.readouterr().out
    bad = tmp_path / "fout.csv"
    bad.write_text(
        HEADER + ",in_doelgroepregister\na,25.5,wajong,regulier,2020-01-01,misschien\n",
        encoding="utf-8",
    )
    assert main(["pso", str(bad), "--year", "2026"]) == 2
    err = capsys.readouterr().err
    assert "row 2" in err and "in_doelgroepregister" in err and "misschien" in err


def test_excel_cp1252_semicolon_workforce_is_read_and_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "personeel.csv"
    f.write_bytes(
        (
            HEADER.replace(",", ";") + ";in_doelgroepregister\n"
            "José;25,5;wajong;regulier;01-02-2020;ja\n"
            "Zoë;36;geen;regulier;2019-05-01;nee\n"
        ).encode("cp1252")
    )
    assert main(["pso", str(f), "--year", "2026"]) == 0
    text = capsys.readouterr().out
    assert f"{f}: tekenset Windows-1252, scheidingsteken ';'" in text
    assert "Getelde banen (25,5 uur per week = 1 baan): 1,00" in text


def test_purchases_nan_and_inf_exit_2_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = tmp_path / "inkoop.csv"
    p.write_text(
        "supplier;amount_eur;supplier_turnover_eur;supplier_fte;supplier_direct_pct\n"
        "A;nan;400.000;12;60\nB;36.000;inf;12;60\n",
        encoding="utf-8",
    )
    assert main(["pso", str(EXAMPLE), "--purchases", str(p), "--year", "2026"]) == 2
    err = capsys.readouterr().err
    assert f"{p}: row 2: field 'amount_eur'" in err
    assert f"{p}: row 3: field 'supplier_turnover_eur'" in err
    assert "Traceback" not in err and "Infinity" not in err


def test_the_dutch_purchases_amount_is_thirty_six_thousand(tmp_path: Path) -> None:
    """'36.000' and '400.000' in a ';' file: 36000 / 400000 x 12 x 60% = 0.648 indirect FTE."""
    p = tmp_path / "inkoop.csv"
    p.write_text(
        "supplier;amount_eur;supplier_turnover_eur;supplier_fte;supplier_direct_pct\n"
        "A;36.000;400.000;12;60%\n",
        encoding="utf-8",
    )
    data = run_json([str(EXAMPLE), "--purchases", str(p), "--year", "2026"], tmp_path)
    assert data["indirect_fte"] == pytest.approx(36_000 / 400_000 * 12 * 0.6)


@pytest.mark.parametrize(
    "args",
    [
        ["--size", "inf"],
        ["--size", "nan"],
        ["--supplier-turnover", "inf", "--supplier-fte", "3", "--supplier-direct-pct", "50"],
        ["--year", "10000"],
    ],
)
def test_non_finite_or_impossible_arguments_exit_2(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    full = ["pso", str(EXAMPLE), "--year", "2026", *args]
    assert main(full) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "arguments" in err
