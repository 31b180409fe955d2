"""Reliability of werkgeversscan 2.0 on real-sized generated data with a known structure.

The data: 3,000 employers. Each dimension d has a latent trait F_d ~ N(0, 1); the traits
share a general factor so that any two correlate 0.3 (employers who are strong on one theme
tend to be strong on others). Each scored item is ``x* = 0.7 F_d + sqrt(1 - 0.49) e`` with
independent noise e, cut into the five answer codes at -1.5, -0.5, 0.5, 1.5 (a roughly
bell-shaped use of the scale), and answered the other way round when the item is reverse
worded. 2% of answers are skipped at random.

Expected alpha (see docs/werkgeversscan.md): two items of one dimension correlate
0.7 x 0.7 = 0.49 before cutting, so for k items Cronbach's alpha is the Spearman-Brown
value ``k r / (1 + (k - 1) r)``: 0.79 (k = 4), 0.83 (5), 0.85 (6), 0.87 (7), 0.88 (8).
Cutting into five codes lowers the correlations a little (about 5-10%), so the alphas
land just under these values: we accept [expected - 0.08, expected + 0.02].
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from inclusief.questionnaires.load import load_shipped
from inclusief.questionnaires.reliability import recoded_items, reliability_report

Q = load_shipped("werkgeversscan", "2.0")
N, LOADING, FACTOR_R = 3000, 0.7, 0.3
CUTS = np.array([-1.5, -0.5, 0.5, 1.5])


def spearman_brown(k: int, r: float = LOADING**2) -> float:
    return k * r / (1 + (k - 1) * r)


def generate(seed: int = 20) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    general = rng.standard_normal(N)
    columns: dict[str, np.ndarray] = {}
    for dim in Q.dimensions:
        trait = np.sqrt(FACTOR_R) * general + np.sqrt(1 - FACTOR_R) * rng.standard_normal(N)
        for item in dim.items:
            if not Q.is_scored(item):
                continue
            latent = LOADING * trait + np.sqrt(1 - LOADING**2) * rng.standard_normal(N)
            code = 1.0 + np.searchsorted(CUTS, latent)
            if item.reverse:
                code = 6.0 - code
            code[rng.random(N) < 0.02] = np.nan
            columns[item.id] = code
    return pd.DataFrame(columns, index=pd.RangeIndex(N, name="respondent"))


DATA = generate()
REPORT = reliability_report(questionnaire=Q, responses=DATA)


@pytest.mark.parametrize("dimension", [d.id for d in Q.dimensions])
def test_alpha_is_what_the_structure_predicts(dimension: str) -> None:
    rel = next(d for d in REPORT.dimensions if d.dimension == dimension)
    k = sum(Q.is_scored(i) for i in Q.dimension(dimension).items)
    assert rel.alpha.k == k
    assert rel.alpha.alpha is not None
    expected = spearman_brown(k)
    assert expected - 0.08 <= rel.alpha.alpha <= expected + 0.02, (dimension, rel.alpha.alpha)
    assert rel.alpha.ci_low is not None and rel.alpha.ci_low < rel.alpha.alpha
    assert rel.alpha.n > 0.8 * N  # listwise deletion of the 2% skipped answers
    # every item belongs: none lowers alpha, every corrected item-total r is clearly positive
    assert not any(i.lowers_alpha for i in rel.items)
    assert all((i.corrected_item_total or 0) > 0.4 for i in rel.items)


def test_the_factor_structure_is_recovered_item_by_item() -> None:
    """Each item correlates most, on average, with the other items of its own dimension
    (after reverse coding): the ten dimensions come back from the data alone."""
    recoded = pd.concat(
        [recoded_items(questionnaire=Q, responses=DATA, dimension_id=d.id) for d in Q.dimensions],
        axis=1,
    )
    corr = recoded.corr()
    owner = {i.id: str(i.dimension) for i in Q.scored_items}
    for item, dim in owner.items():
        means = {
            d.id: corr.loc[item, [j for j, dd in owner.items() if dd == d.id and j != item]].mean()
            for d in Q.dimensions
        }
        assert max(means, key=lambda d: means[d]) == dim, (item, means)
        others = [v for d, v in means.items() if d != dim]
        assert means[dim] > 0.35 > max(others), (item, means)


def test_an_item_that_measures_nothing_is_flagged() -> None:
    """Shuffle one item's answers (it then measures nothing): its deletion raises alpha."""
    broken = DATA.copy()
    broken["cu01"] = np.random.default_rng(1).permutation(broken["cu01"].to_numpy())
    report = reliability_report(questionnaire=Q, responses=broken)
    assert "cu01" in report.flagged_items


def test_factual_items_are_no_part_of_reliability() -> None:
    rel = next(d for d in REPORT.dimensions if d.dimension == "ervaring")
    assert [i.item for i in rel.items] == ["ev01", "ev02", "ev03", "ev04"]
