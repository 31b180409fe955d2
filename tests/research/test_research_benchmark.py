"""Peer benchmark: golden percentile ranks, the minimum group and the chart band."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from research_factories import Q, make_rows

from inclusief.questionnaires.charts import dimension_chart
from inclusief.questionnaires.scoring import score_one
from inclusief.research.benchmark import (
    peer_benchmark,
    peers_from,
    percentile_rank,
    scores_of,
)
from inclusief.research.rows import prepare


def peers(values: list[float], *, size: str = "10-49", sector: str = "P") -> pd.DataFrame:
    n = len(values)
    return pd.DataFrame(
        {
            "organisation_id": [f"p{i}" for i in range(n)],
            "size_class": size,
            "sector": "O-Q Overheid, onderwijs en zorg" if sector == "P" else sector,
            "score_cultuur": values,
            "score_werk": values[::-1],
            "overall_index": values,
        }
    )


TEN = [10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (55.0, 50.0),  # 5 lower of 10 -> 50
        (60.0, 55.0),  # 5 lower + half of 1 equal -> 5.5/10
        (5.0, 0.0),  # none lower
        (100.0, 95.0),  # 9 lower + 0.5
        (200.0, 100.0),
    ],
)
def test_percentile_rank_golden_values_by_hand(value: float, expected: float) -> None:
    assert percentile_rank(value, np.array(TEN)) == pytest.approx(expected)


def test_ties_count_half() -> None:
    """Peers 1, 2, 2, 2, 3: x = 2 -> (1 + 0.5 x 3) / 5 x 100 = 50."""
    assert percentile_rank(2.0, np.array([1.0, 2, 2, 2, 3])) == pytest.approx(50.0)


def test_benchmark_is_shown_from_ten_peers() -> None:
    result = peer_benchmark(
        questionnaire=Q,
        scores={"cultuur": 55.0, "werk": 60.0, "overall_index": 60.0},
        peers=peers(TEN),
        size_class_value="37",  # 37 employees -> 10-49
    )
    assert result.available and result.reason is None
    assert result.n_found == 10 and result.n_needed == 10
    assert result.ranks == {"cultuur": 50.0, "werk": 55.0, "overall_index": 55.0}
    frame = result.quartile_frame()
    assert list(frame.columns) == ["dimension", "p25", "p50", "p75"]
    assert list(frame["dimension"]) == ["Cultuur", "Werkpakketten"]
    # numpy type 7 by hand: p25 of 10..100 = 10 + 0.25 x 9 x 10 = 32.5
    assert frame.loc[0, "p25"] == pytest.approx(32.5)
    assert frame.loc[0, "p50"] == pytest.approx(55.0)
    assert frame.loc[0, "p75"] == pytest.approx(77.5)


def test_benchmark_is_hidden_below_ten_with_the_reason() -> None:
    result = peer_benchmark(
        questionnaire=Q, scores={"cultuur": 55.0}, peers=peers(TEN[:9]), size_class_value="10-49"
    )
    assert not result.available
    assert (result.n_found, result.n_needed) == (9, 10)
    assert "9 gevonden, minstens 10 nodig" in (result.reason or "")
    assert result.ranks == {} and result.quartile_frame().empty
    en = peer_benchmark(
        questionnaire=Q, scores={}, peers=peers(TEN[:9]), size_class_value="10-49", lang="en"
    )
    assert "9 found, at least 10 needed" in (en.reason or "")


def test_the_organisation_itself_is_not_its_own_peer() -> None:
    result = peer_benchmark(
        questionnaire=Q, scores={}, peers=peers(TEN), size_class_value="10-49",
        organisation_id="p3",
    )  # fmt: skip
    assert not result.available and result.n_found == 9


def test_sector_and_size_narrow_the_peer_group() -> None:
    group = pd.concat([peers(TEN), peers(TEN, size="50-99"), peers(TEN[:5], sector="G-I x")])
    group["organisation_id"] = [f"o{i}" for i in range(len(group))]
    same_size = peer_benchmark(questionnaire=Q, scores={}, peers=group, size_class_value="10-49")
    assert same_size.n_found == 15
    same_sector = peer_benchmark(
        questionnaire=Q, scores={}, peers=group, size_class_value="10-49", sector="P onderwijs"
    )
    assert same_sector.n_found == 10


def test_min_group_follows_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    from inclusief.settings import get_settings

    monkeypatch.setenv("INCLUSIEF_PEER_MIN_GROUP", "12")
    get_settings.cache_clear()
    try:
        result = peer_benchmark(
            questionnaire=Q, scores={}, peers=peers(TEN), size_class_value="10-49"
        )
        assert not result.available and result.n_needed == 12
    finally:
        get_settings.cache_clear()


def test_quartiles_feed_the_dimension_chart() -> None:
    data = prepare(make_rows(600, seed=7), questionnaire=Q)
    result = score_one(questionnaire=Q, answers={i: 4 for i in Q.item_ids})
    bench = peer_benchmark(
        questionnaire=Q, scores=scores_of(result), peers=peers_from(data), size_class_value="500+"
    )
    assert bench.available
    chart = dimension_chart(result, benchmark=bench.quartile_frame())
    spec = chart.to_dict()
    assert len(spec["layer"]) == 3  # band, bars, labels


def test_peers_from_keeps_the_latest_assessment_per_organisation() -> None:
    rows = make_rows(50, n_orgs=10, seed=9)
    data = prepare(rows, questionnaire=Q)
    frame = peers_from(data)
    assert frame["organisation_id"].is_unique and len(frame) == rows["organisation_id"].nunique()
    latest = rows.sort_values("completed_at").groupby("organisation_id").tail(1)
    assert set(latest["assessment_id"].str[1:].astype(int)) == set(frame.index)
