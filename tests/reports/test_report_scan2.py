"""The scan PDF for werkgeversscan 2.0 (issue 20): the combined advice, the top 3 to work
on, the facts, niet van toepassing, and the employer's own werkgeversservicepunt with the
UWV Werkgeverslijn."""

from __future__ import annotations

import re
from datetime import date

from conftest import FIXED, all_text

from inclusief.questionnaires.load import load_shipped
from inclusief.questionnaires.regions import region_data, region_for, wsp_name
from inclusief.questionnaires.scoring import score_one
from inclusief.reports.scan_report import render_scan_report, scan_report_data

Q = load_shipped("werkgeversscan", "2.0")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _answers() -> dict[str, int | None]:
    """Strong drives, weak policy (the rule wil_zonder_beleid), facts of every kind."""
    out: dict[str, int | None] = {}
    for item in Q.scored_items:
        scale = Q.scale(item.scale)
        high, low = (scale.min, scale.max) if item.reverse else (scale.max, scale.min)
        out[item.id] = low if item.dimension == "beleid" else high
    out["vt03"] = 2  # one weak item outside beleid
    out["ev02"] = 8  # niet van toepassing
    return out | {"ev_nu": 1, "ev_aantal": 4, "ev_vormen": 1 | 8, "pl_doel": 0, "in_vorm": 3}


def _pdf(municipality: str | None) -> tuple[str, object]:
    result = score_one(questionnaire=Q, answers=_answers(), municipality=municipality)
    data = scan_report_data(
        questionnaire=Q,
        result=result,
        organisation="Bouwbedrijf De Steiger",
        assessment_date=date(2026, 11, 2),
    )
    return _flat(all_text(render_scan_report(data=data, creation_date=FIXED))), result


def test_the_pdf_shows_combined_advice_top_3_facts_and_niet_van_toepassing() -> None:
    text, result = _pdf(None)
    rules = [line for line in result.advice if line.kind == "rule"]  # type: ignore[attr-defined]
    assert [r.id for r in rules] == ["rule.wil_zonder_beleid"]
    assert "Ons advies" in text and "Uw uitkomsten samen" in text
    assert _flat(rules[0].text)[:60] in text
    # the band advice a rule replaced points to the rule instead of "no advice"
    assert "Hier geldt het advies over uw uitkomsten samen" in text
    assert "Hier begint u mee" in text
    for point in result.work_points:  # type: ignore[attr-defined]
        assert _flat(point.text)[:40] in text
    assert "Uw organisatie in feiten" in text
    assert "Stage of leerwerkplek; Vast contract" in text
    assert "keer 'niet van toepassing'" in text
    assert "nooit van gehoord" in text  # the knowledge note
    assert "Hulp in uw regio" not in text  # no municipality, no regional line


def test_the_pdf_names_the_employers_own_wsp_and_the_werkgeverslijn() -> None:
    text, result = _pdf("Utrecht")
    region = region_for("Utrecht")
    assert result.region == region.name  # type: ignore[attr-defined]
    assert f"Hulp in uw regio {region.name}" in text
    name = wsp_name(region)
    assert name[:30] in text
    phone = region_data().werkgeverslijn.phone
    if phone:
        assert phone in text
    assert "UWV" in text
