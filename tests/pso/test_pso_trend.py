"""PSO and Banenafspraak over the years (inclusief/pso/trend.py): points, chart, PDF rows."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from inclusief.pso.inputs import read_workforce
from inclusief.pso.outcome import PsoOutcome, calculate
from inclusief.pso.trend import pdf_trend, trend_chart, trend_frames, trend_points
from inclusief.questionnaires.load import load_shipped
from inclusief.questionnaires.scoring import score_one
from inclusief.reports.scan_report import render_scan_report, scan_report_data

EXAMPLE = Path(__file__).resolve().parents[2] / "data/pso/voorbeeld_personeel.csv"


@pytest.fixture(scope="module")
def outcomes() -> list[PsoOutcome]:
    employees = read_workforce(EXAMPLE)
    return [calculate(employees=employees, year=y) for y in (2027, 2024, 2025, 2026)]


def test_points_are_sorted_and_carry_each_years_numbers(outcomes: list[PsoOutcome]) -> None:
    points = trend_points(outcomes)
    assert [p.year for p in points] == [2024, 2025, 2026, 2027]
    by_year = {o.year: o for o in outcomes}
    for p in points:
        o = by_year[p.year]
        assert (p.direct_pct, p.total_pct, p.level) == (
            o.ladder.direct_pct,
            o.ladder.total_pct,
            o.ladder.level,
        )
        assert p.norm_trede_2 == o.ladder.norms.trede_2
        assert p.ba_jobs == o.banenafspraak.jobs
    # required jobs only where the year has quota figures (2026)
    assert [p.ba_required_jobs is not None for p in points] == [False, False, True, False]


def test_a_year_twice_is_refused_and_old_records_without_banenafspraak_work(
    outcomes: list[PsoOutcome],
) -> None:
    with pytest.raises(ValueError, match="2026"):
        trend_points([outcomes[3], outcomes[3]])
    points = trend_points([o.ladder for o in outcomes[:2]])
    assert [p.ba_jobs for p in points] == [None, None]
    with pytest.raises(ValueError, match="ladder for 2027"):
        trend_points([(outcomes[0].ladder, outcomes[1].banenafspraak)])


def test_frames_and_chart_have_the_lines_and_the_norms(outcomes: list[PsoOutcome]) -> None:
    points = trend_points(outcomes)
    frames = trend_frames(points)
    measured = frames["pso"][frames["pso"]["kind"] == "measured"]
    norms = frames["pso"][frames["pso"]["kind"] == "norm"]
    assert set(measured["series"]) == {
        "Directe sociale bijdrage",
        "Indirecte sociale bijdrage",
        "Totale sociale bijdrage",
    }
    assert set(norms["series"]) == {"Trede 1", "Trede 2", "Trede 3"}
    assert len(norms) == 3 * 4 and len(measured) == 3 * 4
    banen = frames["banen"]
    assert len(banen[banen["series"].str.startswith("Vereiste")]) == 1
    spec = trend_chart(points, lang="en").to_dict()
    assert spec["vconcat"][0]["title"] == "Social contribution over the years"
    assert spec["vconcat"][1]["title"] == "Banenafspraak over the years"


def test_pdf_rows_are_the_last_three_years_in_dutch(outcomes: list[PsoOutcome]) -> None:
    points = trend_points(outcomes)
    table = pdf_trend(points)
    assert table is not None and table.title == "De laatste 3 peiljaren"
    assert [r[0] for r in table.rows] == ["2025", "2026", "2027"]
    row_2026 = table.rows[1]
    lad = outcomes[3].ladder
    assert row_2026[3] == f"{lad.total_pct:.2f}%".replace(".", ",")
    assert row_2026[6] != "-" and table.rows[2][6] == "-"  # 2027: no quota figures
    assert pdf_trend(points[:1]) is None  # one year is not a trend


def test_the_scan_pdf_shows_the_trend_table(outcomes: list[PsoOutcome]) -> None:
    q = load_shipped("werkgeversscan", "1.0")
    answers = {item.id: 4 for dim in q.dimensions for item in dim.items}
    result = score_one(questionnaire=q, answers=answers, lang="nl")
    latest = outcomes[3]
    data = scan_report_data(
        questionnaire=q,
        result=result,
        organisation="Basisschool De Eikenhof",
        assessment_date=date(2026, 12, 1),
        pso=latest.ladder,
        banenafspraak=latest.banenafspraak,
        pso_trend=pdf_trend(trend_points(outcomes)),
    )
    pages = PdfReader(io.BytesIO(render_scan_report(data=data))).pages
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in pages))
    assert "De laatste 3 peiljaren" in text
    assert "2025" in text and "2027" in text
