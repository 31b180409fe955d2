"""The scan charts: labels rounded as the text rounds, and a readable trend chart."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from inclusief.formatting import score
from inclusief.questionnaires.charts import dimension_chart, dimension_frame, trend_chart
from inclusief.questionnaires.results import DimensionResult, ScanResult


def _result(*scores: float | None) -> ScanResult:
    dims = [
        DimensionResult.model_construct(
            id=f"d{i}", name=f"Dimensie {i}", score=s, band_id=None, band_label=None
        )
        for i, s in enumerate(scores)
    ]
    return ScanResult.model_construct(dimensions=dims)


def test_bar_labels_are_the_texts_rounding() -> None:
    """62.46 is 62 in the text; rounding it to 62.5 first and then in Vega gave 63."""
    frame = dimension_frame(_result(62.46, 12.5, None))
    assert frame["label"].tolist() == [score(62.46), score(12.5), ""] == ["62", "12", ""]
    spec = dimension_chart(_result(62.46)).to_dict()
    texts = [layer["encoding"].get("text") for layer in spec["layer"]]
    assert {"field": "label", "type": "nominal"} in texts


def _trend(*days: datetime) -> pd.DataFrame:
    names = ["Totaal", "Inclusief werven en selecteren"]
    return pd.DataFrame([{"date": d, "dimension": n, "score": 62.46} for d in days for n in names])


def test_one_date_is_an_ordinal_axis_with_a_day_label_and_full_legend() -> None:
    spec = trend_chart(_trend(datetime(2026, 3, 5, 10, 1, 2, 507000))).to_dict()
    x = spec["encoding"]["x"]
    assert x["type"] == "ordinal" and x["sort"] == ["05-03-2026"]
    legend = spec["encoding"]["color"]["legend"]
    assert legend["labelLimit"] == 0 and legend["orient"] == "bottom"


def test_two_scans_on_one_day_are_kept_apart_by_their_time() -> None:
    chart = trend_chart(_trend(datetime(2026, 3, 5, 10, 0), datetime(2026, 3, 5, 14, 30)))
    assert chart.to_dict()["encoding"]["x"]["sort"] == ["05-03-2026 10:00", "05-03-2026 14:30"]


def test_many_dates_are_a_time_axis_with_ticks_at_the_scans() -> None:
    days = [datetime(2026, m, 1) for m in range(1, 6)]
    spec = trend_chart(_trend(*days), lang="en").to_dict()
    x = spec["encoding"]["x"]
    assert x["type"] == "temporal" and x["axis"]["format"] == "%d-%m-%Y"
    assert len(x["axis"]["values"]) == 5 and x["title"] == "Date"


def test_missing_scores_are_left_out() -> None:
    frame = _trend(datetime(2026, 3, 5))
    frame.loc[0, "score"] = None
    chart = trend_chart(frame)
    assert len(chart.data) == 1
