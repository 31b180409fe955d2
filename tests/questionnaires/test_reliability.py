"""Reliability statistics, checked against independent routes.

Independent route for alpha: Hoyt's (1941) two-way ANOVA, persons x items without
interaction: alpha = 1 - MS_residual / MS_persons. It shares no code with the
variance formula used in the module.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from inclusief.questionnaires.load import load_file
from inclusief.questionnaires.reliability import (
    cronbach_alpha,
    item_statistics,
    recoded_items,
    reliability_report,
)

MINI = load_file(Path(__file__).with_name("mini.yaml"))


def hoyt_alpha(x: np.ndarray) -> float:
    n, k = x.shape
    grand = x.mean()
    ss_persons = k * ((x.mean(axis=1) - grand) ** 2).sum()
    ss_items = n * ((x.mean(axis=0) - grand) ** 2).sum()
    ss_total = ((x - grand) ** 2).sum()
    ss_resid = ss_total - ss_persons - ss_items
    ms_persons = ss_persons / (n - 1)
    ms_resid = ss_resid / ((n - 1) * (k - 1))
    return 1 - ms_resid / ms_persons


def simulated(n: int = 300, k: int = 6, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    trait = rng.normal(size=(n, 1))
    raw = trait + rng.normal(scale=1.0, size=(n, k))
    return pd.DataFrame(np.clip(np.round(raw + 3), 1, 5), columns=[f"i{j}" for j in range(k)])


def test_alpha_equals_hoyts_anova_route() -> None:
    data = simulated()
    assert cronbach_alpha(data).alpha == pytest.approx(hoyt_alpha(data.to_numpy()), abs=1e-12)


def test_alpha_by_hand() -> None:
    """Item variances 5/3, 4/3, 8/3; totals 4, 7, 10, 13 with variance 15 -> 14/15."""
    items = pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 2, 4, 4], "c": [1, 3, 3, 5]})
    result = cronbach_alpha(items)
    assert result.alpha == pytest.approx(14 / 15)
    assert (result.n, result.k) == (4, 3)
    assert result.ci_low < result.alpha < result.ci_high


def test_feldt_interval_matches_the_f_distribution_route() -> None:
    """Feldt (1965): (1 - alpha_hat)/(1 - alpha) ~ F(n-1, (n-1)(k-1)); checked by simulation-free
    inversion with scipy's F quantiles computed here separately."""
    from scipy.stats import f

    data = simulated(n=120, k=5)
    res = cronbach_alpha(data, ci=0.90)
    df1, df2 = 119, 119 * 4
    assert res.ci_low == pytest.approx(1 - (1 - res.alpha) * f.ppf(0.95, df1, df2))
    assert res.ci_high == pytest.approx(1 - (1 - res.alpha) * f.ppf(0.05, df1, df2))


def test_corrected_item_total_and_alpha_if_deleted_by_recomputation() -> None:
    data = simulated()
    stats_ = {s.item: s for s in item_statistics(data)}
    for col in data.columns:
        rest = data.drop(columns=col)
        r = np.corrcoef(data[col], rest.sum(axis=1))[0, 1]
        assert stats_[col].corrected_item_total == pytest.approx(r)
        assert stats_[col].alpha_if_deleted == pytest.approx(hoyt_alpha(rest.to_numpy()))


def test_an_item_that_lowers_alpha_is_flagged() -> None:
    data = simulated()
    data["noise"] = np.random.default_rng(9).integers(1, 6, size=len(data))
    flagged = [s.item for s in item_statistics(data) if s.lowers_alpha]
    assert flagged == ["noise"]


def test_recoding_reverses_and_drops_weet_niet() -> None:
    responses = pd.DataFrame({"a1": [5, 9], "a2": [2, 1], "a3": [None, 3]}, dtype="float64")
    items = recoded_items(questionnaire=MINI, responses=responses, dimension_id="a")
    assert items["a2"].tolist() == [4.0, 5.0]
    assert np.isnan(items.loc[1, "a1"])


def test_report_covers_every_dimension() -> None:
    rng = np.random.default_rng(1)
    responses = pd.DataFrame(rng.integers(1, 6, size=(50, 5)), columns=MINI.item_ids)
    report = reliability_report(questionnaire=MINI, responses=responses)
    assert [d.dimension for d in report.dimensions] == ["a", "b"]
    assert report.n_respondents == 50
