"""Aggregate tables: mean scores by broad sector x size class, with n, safely suppressed.

The table has a total row and a total column (and the grand total). Every cell, margins
included, holds n (assessments), the number of distinct organisations and the mean of each
score.

**Primary suppression**: a cell with 1..k-1 organisations (k = ``Settings.export_k``,
default 5, never below the floor of :mod:`inclusief.research.release`) is suppressed.

**One symbol**: empty cells (n = 0) and suppressed cells look the same (``x``, and no n in
the long table). With a separate mark for empty cells an attacker knows that every
suppressed count is at least 1, and an integer programme then pins small counts exactly
(issue 12: 4 of them, two single organisations). With one symbol an empty cell is one more
unknown, which protects its neighbours for free.

**Secondary suppression**: the published totals are linear relations (each row and each
column sums to its total; the totals sum to the grand total). A suppressed cell must not be
recoverable from them. Three steps, repeated to a fixed point:

1. In every relation with exactly one hidden entry, also suppress the entry with the
   smallest n (inner cells before totals).
2. Check exactly, with linear algebra, that no hidden entry is determined by the
   relations: entry *i* is determined when every vector of the null space of the relation
   matrix restricted to the hidden entries is 0 at *i* (then a combination of published
   values gives it). For each determined entry, suppress the smallest other entry of one of
   its relations, and go back to step 1.
3. Attack the pattern as an intruder would: an integer programme (``scipy.optimize.milp``,
   HiGHS) minimises and maximises every hidden non-empty count over whole numbers >= 0 that
   satisfy every published value. A count whose minimum equals its maximum is pinned: suppress
   the smallest open entry of one of its relations and go back to step 1. Linear algebra
   alone misses these: non-negativity and integrality can leave a single solution where the
   null space still has a direction.

Because n and the score sums obey the same relations (sum = mean x n), the same pattern
protects the means. The tests attack every table with their own integer programme.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from scipy.linalg import null_space
from scipy.optimize import Bounds, LinearConstraint, milp

from inclusief.research.anonymise import SECTOR, SIZE
from inclusief.research.release import checked_k
from inclusief.research.rows import ResearchData

TOTAL = "Totaal"
SUPPRESSED_MARK = "x"


@dataclass
class AggregateTable:
    """A sector x size-class table with margins (last row and column are the totals)."""

    n: pd.DataFrame  # assessments per cell
    organisations: pd.DataFrame  # distinct organisations per cell
    means: dict[str, pd.DataFrame]  # measure -> mean per cell
    primary: pd.DataFrame  # bool
    suppressed: pd.DataFrame  # bool, primary or secondary (non-empty cells)
    k: int

    @property
    def secondary(self) -> pd.DataFrame:
        return self.suppressed & ~self.primary

    @property
    def hidden(self) -> pd.DataFrame:
        """What a reader cannot see: suppressed and empty cells (one symbol for both)."""
        return self.suppressed | (self.n == 0)

    def long(self) -> pd.DataFrame:
        """One row per cell (margins included); hidden cells (suppressed or empty: one
        mark, ``suppressed`` = True) have no n and no means."""
        out = self.n.stack().rename("n").reset_index()
        out.columns = pd.Index([SECTOR, SIZE, "n"])
        hidden = self.hidden.stack().to_numpy()
        out["n"] = out["n"].astype("Int64").mask(hidden)
        out["suppressed"] = hidden
        for measure, frame in self.means.items():
            out[measure] = frame.stack(future_stack=True).to_numpy().round(1)
            out.loc[hidden, measure] = np.nan
        return out

    def display(self, measure: str = "overall_index") -> pd.DataFrame:
        """Text table: ``mean (n)``; ``x`` when suppressed *or* empty (one symbol)."""
        means = self.means[measure]
        hidden = self.hidden
        out = pd.DataFrame("", index=self.n.index, columns=self.n.columns, dtype=object)
        for r in self.n.index:
            for c in self.n.columns:
                n = int(self.n.loc[r, c])
                if hidden.loc[r, c]:
                    out.loc[r, c] = SUPPRESSED_MARK
                else:
                    m = means.loc[r, c]
                    shown = "" if pd.isna(m) else f"{m:.1f} "
                    out.loc[r, c] = f"{shown}(n={n})"
        return out


def _relations(shape: tuple[int, int]) -> NDArray[np.float64]:
    """Rows of the relation matrix over the flattened (R+1) x (C+1) table."""
    rows, cols = shape
    rel = []
    for r in range(rows):
        a = np.zeros(shape)
        a[r, : cols - 1] = 1.0
        a[r, cols - 1] = -1.0
        rel.append(a.ravel())
    for c in range(cols):
        a = np.zeros(shape)
        a[: rows - 1, c] = 1.0
        a[rows - 1, c] = -1.0
        rel.append(a.ravel())
    return np.asarray(rel)


def determined(relations: NDArray[np.float64], hidden: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """Which hidden entries a combination of the relations gives exactly."""
    idx = np.flatnonzero(hidden)
    out = np.zeros(hidden.shape, dtype=bool)
    if len(idx) == 0:
        return out
    basis = null_space(relations[:, idx])
    if basis.shape[1] == 0:
        out[idx] = True
        return out
    out[idx] = np.all(np.abs(basis) < 1e-9, axis=1)
    return out


def pinned(
    relations: NDArray[np.float64], counts: NDArray[np.int64], hidden: NDArray[np.bool_]
) -> NDArray[np.bool_]:
    """Hidden non-empty entries that an integer programme pins to one value.

    The intruder knows every published count and the relations; each hidden entry is an
    unknown whole number >= 0 (empty and suppressed cells share one symbol). For each hidden
    entry with a count, minimise and maximise it (HiGHS); equal = pinned.
    """
    idx = np.flatnonzero(hidden)
    out = np.zeros(hidden.shape, dtype=bool)
    if len(idx) == 0:
        return out
    a = relations[:, idx]
    known = relations[:, ~hidden] @ counts[~hidden].astype(np.float64)
    constraint = LinearConstraint(a, -known, -known)
    integral = np.ones(len(idx))
    bounds = Bounds(np.zeros(len(idx)), np.full(len(idx), np.inf))
    for j, i in enumerate(idx):
        if counts[i] == 0:
            continue
        cost = np.zeros(len(idx))
        cost[j] = 1.0
        low = milp(cost, constraints=constraint, integrality=integral, bounds=bounds)
        high = milp(-cost, constraints=constraint, integrality=integral, bounds=bounds)
        if low.status == 0 and high.status == 0 and -high.fun - low.fun < 0.5:
            out[i] = True
    return out


def secondary_suppression(n: NDArray[np.int64], primary: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """The hidden pattern for a table with margins: primary, secondary and the empty cells
    (which share the suppression symbol, so they are unknowns to an intruder too)."""
    rows, cols = n.shape
    shape = (rows, cols)
    relations = _relations((rows, cols))
    members = [np.flatnonzero(r) for r in relations]
    counts = n.ravel()
    hidden: NDArray[np.bool_] = np.asarray(primary.ravel() | (counts == 0), dtype=bool)
    is_total = np.zeros(shape, dtype=bool)
    is_total[rows - 1, :] = True
    is_total[:, cols - 1] = True
    total_flat = is_total.ravel()

    def pick(candidates: NDArray[np.int64]) -> int | None:
        open_ = [int(i) for i in candidates if not hidden[i]]
        if not open_:
            return None
        return min(open_, key=lambda i: (bool(total_flat[i]), counts[i], i))

    def protect(target: int) -> None:
        for member in members:
            if target in member:
                choice = pick(member)
                if choice is not None:
                    hidden[choice] = True
                    return
        hidden[counts > 0] = True  # nothing left to hide in its relations: hide everything

    for _ in range(rows * cols + 1):
        changed = True
        while changed:
            changed = False
            for member in members:
                if int(hidden[member].sum()) == 1:
                    choice = pick(member)
                    if choice is not None:
                        hidden[choice] = True
                        changed = True
        exposed = np.flatnonzero(determined(relations, hidden) & (counts > 0))
        if len(exposed) == 0:
            exposed = np.flatnonzero(pinned(relations, counts, hidden))
            if len(exposed) == 0:
                break
        protect(int(exposed[0]))
    return hidden.reshape(shape)


def aggregate_table(
    data: ResearchData,
    *,
    k: int | None = None,
    lang: str = "nl",
) -> AggregateTable:
    """Mean dimension scores and overall index by broad sector x size class, suppressed."""
    k = checked_k(k)
    q = data.questionnaire
    measures = [f"score_{d.id}" for d in q.dimensions] + ["overall_index"]
    frame = pd.DataFrame(
        {
            SECTOR: data.base[SECTOR].astype(str).to_numpy(),
            SIZE: data.base[SIZE].astype(str).to_numpy(),
            "org": data.organisations.to_numpy(),
        }
    )
    for m in measures:
        frame[m] = data.scores[m].to_numpy(dtype=np.float64)
    sectors = sorted(frame[SECTOR].unique())
    size_order = [c["id"] for c in _size_classes()] + ["onbekend"]
    sizes = [s for s in size_order if s in set(frame[SIZE])]
    index = pd.Index([*sectors, TOTAL], name=SECTOR)
    columns = pd.Index([*sizes, TOTAL], name=SIZE)

    def margins(func: str, column: str) -> pd.DataFrame:
        inner = frame.pivot_table(
            index=SECTOR, columns=SIZE, values=column, aggfunc=func, margins=True,
            margins_name=TOTAL, observed=True, dropna=False,
        )  # fmt: skip
        return inner.reindex(index=index, columns=columns)

    n = frame.groupby([SECTOR, SIZE]).size().unstack(fill_value=0)
    n = n.reindex(index=sectors, columns=sizes, fill_value=0)
    n[TOTAL] = n.sum(axis=1)
    n.loc[TOTAL] = n.sum(axis=0)
    n.index.name, n.columns.name = SECTOR, SIZE
    orgs = margins("nunique", "org").fillna(0).astype(np.int64)
    means = {m: margins("mean", m).astype(np.float64) for m in measures}
    primary = (orgs > 0) & (orgs < k)
    hidden = secondary_suppression(n.to_numpy(dtype=np.int64), primary.to_numpy())
    return AggregateTable(
        n=n.astype(np.int64),
        organisations=orgs,
        means=means,
        primary=primary,
        suppressed=pd.DataFrame(hidden & (n.to_numpy() > 0), index=index, columns=columns),
        k=k,
    )


def _size_classes() -> list[dict[str, object]]:
    from inclusief.research.anonymise import hierarchy

    return hierarchy().size_classes
