"""PSO and Banenafspraak kept per organisation and reference year, followed over the years
(issue #13, item 5): one point per year (the latest saved), the trend in the scan PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from inclusief.errors import AccessDenied
from inclusief.services import invitations, scan
from inclusief.services import pso as pso_service
from inclusief.services.reports import report_data_for

EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "pso" / "voorbeeld_personeel.csv"


def _outcome(year: int, drop: int = 0) -> Any:
    frame = pd.read_csv(EXAMPLE, dtype=str, keep_default_na=False)
    if drop:
        frame = frame.iloc[drop:]
    return pso_service.calculate_from_tables(
        workforce=frame,
        workforce_file=EXAMPLE.name,
        year=year,
        size=float(len(frame)),
        sector="onderwijs",
    )


def test_one_point_per_year_the_latest_saved_wins(store: Any, consultant: Any, new_scan: Any):
    org = new_scan(consultant, name="OBS De Linde").organisation_id
    for year, drop in ((2024, 0), (2025, 0), (2025, 3), (2026, 0)):
        pso_service.save_outcome(
            actor=consultant, organisation_id=org, outcome=_outcome(year, drop), store=store
        )
    points = pso_service.pso_trend(actor=consultant, organisation_id=org, store=store)
    assert [p.year for p in points] == [2024, 2025, 2026]
    again = _outcome(2025, 3)  # the later save of 2025 is the one that counts
    assert points[1].total_pct == pytest.approx(again.ladder.total_pct)


def test_the_trend_is_the_owners_only(
    store: Any, consultant: Any, other_consultant: Any, new_scan: Any
) -> None:
    org = new_scan(consultant, name="OBS De Linde").organisation_id
    with pytest.raises(AccessDenied):
        pso_service.pso_trend(actor=other_consultant, organisation_id=org, store=store)


def test_the_scan_pdf_shows_the_last_three_years(
    store: Any, consultant: Any, new_scan: Any
) -> None:
    made = new_scan(consultant, name="OBS De Linde")
    scan.finish_assessment(actor=consultant, assessment_id=made.assessment_id, store=store)
    for year in (2023, 2024, 2025, 2026):
        pso_service.save_outcome(
            actor=consultant,
            organisation_id=made.organisation_id,
            outcome=_outcome(year),
            store=store,
        )
    token = invitations.create_invitation(
        actor=consultant, assessment_id=made.assessment_id, store=store
    )
    employer = invitations.open_by_token(token, store=store)
    data = report_data_for(
        actor=employer, assessment_id=made.assessment_id, store=store, with_benchmark=False
    )
    assert data.pso_trend is not None
    text = str(data.pso_trend)
    assert "2024" in text and "2025" in text and "2026" in text and "2023" not in text


def test_one_year_is_no_trend_in_the_pdf(store: Any, consultant: Any, new_scan: Any) -> None:
    made = new_scan(consultant, name="OBS De Linde")
    pso_service.save_outcome(
        actor=consultant,
        organisation_id=made.organisation_id,
        outcome=_outcome(2025),
        store=store,
    )
    data = report_data_for(
        actor=consultant, assessment_id=made.assessment_id, store=store, with_benchmark=False
    )
    assert data.pso is not None and data.pso_trend is None
