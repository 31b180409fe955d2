"""The aggregate table against an integer attacker (issue 12, item 6).

The attacker reads only what the table publishes (the long CSV/JSON form and the text
table), builds every row and column relation with its total, and asks an integer programme
(``scipy.optimize.milp``, HiGHS) for the smallest and largest whole-number value of every
hidden cell. Whatever the table tells it about hidden cells goes into the bounds: a separate
mark for empty cells tells it that every other hidden cell is at least 1. A count whose
minimum equals its maximum is pinned: recovered exactly.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from research_factories import Q
from scipy.optimize import Bounds, LinearConstraint, milp

from inclusief.research.aggregates import TOTAL, aggregate_table, secondary_suppression
from inclusief.research.rows import prepare

SECTORS = ["A", "F", "G", "J", "K"]  # -> five distinct broad sectors
SIZES = ["1-9", "10-49", "50-99", "100-249", "250-499"]
# Found by a random search against the earlier table ("x" for suppressed, "-" for empty):
# with every "x" known to be >= 1, the integer programme pinned three counts exactly.
EXPOSED_BEFORE = [[3, 4, 1, 8], [0, 3, 1, 8], [8, 8, 20, 20], [0, 0, 0, 8]]


def relations(shape: tuple[int, int]) -> np.ndarray:
    r, c = shape
    out = []
    for i in range(r):
        a = np.zeros(shape)
        a[i, : c - 1], a[i, c - 1] = 1, -1
        out.append(a.ravel())
    for j in range(c):
        a = np.zeros(shape)
        a[: r - 1, j], a[r - 1, j] = 1, -1
        out.append(a.ravel())
    return np.array(out)


def attack(published: np.ndarray, lower: np.ndarray) -> dict[int, tuple[float, float]]:
    """Integer min and max of every hidden cell (NaN in ``published``)."""
    flat, low = published.ravel(), lower.ravel()
    hidden = np.isnan(flat)
    idx = np.flatnonzero(hidden)
    rel = relations(published.shape)
    rhs = -(rel[:, ~hidden] @ flat[~hidden])
    constraint = LinearConstraint(rel[:, idx], rhs, rhs)
    bounds = Bounds(low[idx], np.full(len(idx), np.inf))
    out = {}
    for j, i in enumerate(idx):
        cost = np.zeros(len(idx))
        cost[j] = 1
        lo = milp(cost, constraints=constraint, integrality=np.ones(len(idx)), bounds=bounds)
        hi = milp(-cost, constraints=constraint, integrality=np.ones(len(idx)), bounds=bounds)
        assert lo.status == 0, "the true table must be a solution"
        out[int(i)] = (lo.fun, np.inf if hi.status != 0 else -hi.fun)
    return out


def rows_for(inner: list[list[int]]) -> pd.DataFrame:
    """One assessment per organisation, ``inner[r][c]`` of them in sector r x size c."""
    records = []
    for r, line in enumerate(inner):
        for c, count in enumerate(line):
            for _ in range(count):
                records.append(
                    {
                        "organisation_id": f"org{len(records)}",
                        "sector": SECTORS[r],
                        "size_class": SIZES[c],
                        "region": "Utrecht",
                        "completed_at": "2025-03-01",
                        **{item: 3 for item in Q.item_ids},
                    }
                )
    return pd.DataFrame(records)


def published_view(table) -> tuple[np.ndarray, np.ndarray]:
    """What a reader of the long table knows: counts (NaN = hidden) and lower bounds."""
    long = table.long()
    shape = table.n.shape
    published = long["n"].astype("Float64").to_numpy(dtype=np.float64, na_value=np.nan)
    published = published.reshape(shape)
    # if empty cells are published as 0, every hidden cell is known to be at least 1
    empties_shown = bool((long["n"] == 0).fillna(False).any())
    lower = np.where(np.isnan(published), 1.0 if empties_shown else 0.0, 0.0)
    return published, lower


def test_the_table_found_by_the_attack_is_now_safe() -> None:
    data = prepare(rows_for(EXPOSED_BEFORE), questionnaire=Q)
    table = aggregate_table(data, k=5)
    truth = table.n.to_numpy()
    assert truth[:-1, :-1].tolist() == EXPOSED_BEFORE  # rows and columns in the same order
    published, lower = published_view(table)
    pinned = [
        (i, lo)
        for i, (lo, hi) in attack(published, lower).items()
        if truth.ravel()[i] > 0 and hi - lo < 0.5
    ]
    assert pinned == [], f"pinned counts: {pinned}"
    # one symbol: an empty cell looks exactly like a suppressed one
    shown = table.display()
    hidden = table.hidden.to_numpy()
    assert set(shown.to_numpy()[hidden].ravel()) == {"x"}
    assert not shown.isin(["-"]).any().any()
    assert (truth[hidden] == 0).any() and (truth[hidden] > 0).any()


@settings(max_examples=40, deadline=None)
@given(
    st.integers(2, 5).flatmap(
        lambda r: st.integers(2, 5).flatmap(
            lambda c: st.lists(
                st.lists(st.sampled_from([0, 0, 1, 2, 3, 4, 6, 8, 12, 20]), min_size=c, max_size=c),
                min_size=r,
                max_size=r,
            )
        )
    )
)
def test_no_hidden_count_can_be_pinned_by_an_integer_programme(inner_list: list[list[int]]) -> None:
    inner = np.array(inner_list, dtype=np.int64)
    rows = np.vstack([inner, inner.sum(axis=0)])
    n = np.hstack([rows, rows.sum(axis=1, keepdims=True)])
    primary = (n > 0) & (n < 5)
    hidden = secondary_suppression(n, primary)
    assert hidden[primary].all() and hidden[n == 0].all()
    published = np.where(hidden, np.nan, n.astype(float))
    for i, (lo, hi) in attack(published, np.zeros(n.shape)).items():
        if n.ravel()[i] > 0:
            assert hi - lo >= 1, (i, lo, hi)


def test_margins_and_grand_total() -> None:
    data = prepare(rows_for([[6, 7], [8, 9]]), questionnaire=Q)
    table = aggregate_table(data, k=5)
    assert not table.hidden.to_numpy().any()
    assert table.n.loc[TOTAL, TOTAL] == 30
