"""Aggregate tables: primary and secondary suppression; recovery is impossible.

Independent route for "cannot be recovered": a linear programme (scipy's HiGHS) minimises
and maximises each suppressed cell subject to every published value (inner cells, row and
column totals) and n >= 0. The relation matrix of a table with margins is totally
unimodular, so a range wider than 0 means at least two integer solutions.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from research_factories import Q, make_rows
from scipy.optimize import linprog

from inclusief.research.aggregates import (
    TOTAL,
    aggregate_table,
    secondary_suppression,
)
from inclusief.research.rows import prepare


def with_margins(inner: np.ndarray) -> np.ndarray:
    rows = np.vstack([inner, inner.sum(axis=0)])
    return np.hstack([rows, rows.sum(axis=1, keepdims=True)])


def ranges(n: np.ndarray, hidden: np.ndarray) -> list[tuple[float, float]]:
    """LP min and max of every hidden non-empty cell, given all published cells (empty cells
    share the suppression symbol, so they are hidden too; one pinned at 0 reveals nothing)."""
    shape = n.shape
    flat, hid = n.ravel().astype(float), hidden.ravel()
    idx = np.flatnonzero(hid)
    a_eq, b_eq = [], []
    r, c = shape
    relations = []
    for i in range(r):
        row = np.zeros(shape)
        row[i, : c - 1], row[i, c - 1] = 1, -1
        relations.append(row.ravel())
    for j in range(c):
        col = np.zeros(shape)
        col[: r - 1, j], col[r - 1, j] = 1, -1
        relations.append(col.ravel())
    for rel in relations:
        a_eq.append(rel[idx])
        b_eq.append(-(rel[~hid] @ flat[~hid]))
    out = []
    for j in range(len(idx)):
        if flat[idx[j]] == 0:
            continue
        cost = np.zeros(len(idx))
        cost[j] = 1
        lo = linprog(cost, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        hi = linprog(-cost, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        assert lo.status == 0 and hi.status in (0, 3)  # 3 = unbounded: no upper limit at all
        out.append((lo.fun, np.inf if hi.status == 3 else -hi.fun))
    return out


def test_a_row_with_one_small_cell_gets_a_second_suppression() -> None:
    """Row 0 has one cell below 5: the next smallest cell of that row is hidden too, and the
    columns involved each get a second hidden cell."""
    inner = np.array([[3, 8, 20], [10, 12, 30], [9, 15, 25]])
    n = with_margins(inner)
    primary = np.zeros(n.shape, dtype=bool)
    primary[0, 0] = True
    hidden = secondary_suppression(n, primary)
    assert hidden[0, 0] and hidden[0, 1]  # 8 is the smallest other cell in row 0
    for line in [*hidden, *hidden.T]:
        assert line.sum() != 1
    for lo, hi in ranges(n, hidden):
        assert hi - lo > 1e-6


def test_no_suppression_when_every_cell_is_large_enough() -> None:
    n = with_margins(np.array([[10, 12], [15, 30]]))
    hidden = secondary_suppression(n, np.zeros(n.shape, dtype=bool))
    assert not hidden.any()


def test_a_bridge_between_two_safe_blocks_is_also_protected() -> None:
    """Every row and column has two hidden cells, yet a cell linking two blocks could be
    solved; the exact check finds and protects it."""
    inner = np.array(
        [[2, 2, 50, 50], [2, 2, 2, 50], [50, 50, 2, 2], [50, 50, 2, 2]], dtype=np.int64
    )
    n = with_margins(inner)
    primary = np.zeros(n.shape, dtype=bool)
    primary[:4, :4] = inner < 5
    hidden = secondary_suppression(n, primary)
    for lo, hi in ranges(n, hidden):
        assert hi - lo > 1e-6


@settings(max_examples=25, deadline=None)
@given(
    st.integers(2, 5).flatmap(
        lambda r: st.integers(2, 5).flatmap(
            lambda c: st.lists(
                st.lists(st.integers(0, 30), min_size=c, max_size=c), min_size=r, max_size=r
            )
        )
    )
)
def test_no_suppressed_cell_can_be_recovered(inner_list: list[list[int]]) -> None:
    """For random tables, every hidden cell keeps a range of possible values."""
    inner = np.array(inner_list, dtype=np.int64)
    n = with_margins(inner)
    primary = (n > 0) & (n < 5)
    hidden = secondary_suppression(n, primary)
    assert (hidden | ~primary).all() and (hidden[primary]).all()
    if hidden.any():
        for lo, hi in ranges(n, hidden):
            assert hi - lo > 1e-6


def test_aggregate_table_hides_small_cells_and_keeps_margins_consistent() -> None:
    data = prepare(make_rows(300, seed=1), questionnaire=Q)
    table = aggregate_table(data, k=5)
    assert (table.suppressed[table.primary]).all().all()
    orgs = table.organisations
    assert ((orgs > 0) & (orgs < 5)).equals(table.primary)
    inner = table.n.drop(index=TOTAL, columns=TOTAL)
    assert (inner.sum(axis=1) == table.n[TOTAL].drop(TOTAL)).all()
    assert table.n.loc[TOTAL, TOTAL] == len(data)
    long = table.long()
    assert long.loc[long["suppressed"], "n"].isna().all()
    assert long.loc[long["suppressed"], "overall_index"].isna().all()
    shown = table.display()
    assert (shown.to_numpy()[table.suppressed.to_numpy()] == "x").all()
    # the table's own pattern cannot be undone either
    for lo, hi in ranges(table.n.to_numpy(), table.suppressed.to_numpy()):
        assert hi - lo > 1e-6


def test_means_are_the_plain_means_of_the_cell() -> None:
    data = prepare(make_rows(400, seed=2), questionnaire=Q)
    table = aggregate_table(data, k=5)
    frame = pd.DataFrame(
        {"sector": data.base["sector"].astype(str), "size": data.base["size_class"].astype(str)}
    )
    frame["overall"] = data.scores["overall_index"].to_numpy()
    expected = frame.groupby(["sector", "size"])["overall"].mean()
    for (sector, size), mean in expected.items():
        assert np.isclose(table.means["overall_index"].loc[sector, size], mean, equal_nan=True)
    assert np.isclose(table.means["overall_index"].loc[TOTAL, TOTAL], frame["overall"].mean())
