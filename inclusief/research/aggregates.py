"""Aggregate tables: mean scores by broad sector x size class, with n, safely suppressed.

The table has a total row and a total column (and the grand total). Every cell, margins
included, holds n (assessments), the number of distinct organisations and the mean of each
score.

**Primary suppression**: a cell with 1..k-1 organisations (k = ``Settings.export_k``,
default 5) is suppressed. Empty cells (n = 0) are shown as 0: they reveal nothing.

**Secondary suppression**: the published totals are linear relations (each row and each
column sums to its total; the totals sum to the grand total). A suppressed cell must not be
recoverable from them. Two steps, repeated to a fixed point:

1. In every relation with exactly one suppressed entry, also suppress the entry with the
   smallest n (inner cells before totals; non-empty before empty).
2. Check exactly, with linear algebra, that no suppressed entry is determined by the
   relations: entry *i* is determined when every vector of the null space of the relation
   matrix restricted to the suppressed entries is 0 at *i* (then a combination of published
   values gives it). For each determined entry, suppress the smallest other entry of one of
   its relations, and go back to step 1.

Because n and the score sums obey the same relations (sum = mean x n), the same pattern
protects the means. The tests confirm the result with an independent route: a linear
programme finds, for each suppressed cell, a minimum and maximum that differ.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from scipy.linalg import null_space

from inclusief.research.anonymise import SECTOR, SIZE
from inclusief.research.rows import ResearchData
from inclusief.settings import get_settings

TOTAL = "Totaal"
SUPPRESSED_MARK = "x"


@dataclass
class AggregateTable:
    """A sector x size-class table with margins (last row and column are the totals)."""

    n: pd.DataFrame  # assessments per cell
    organisations: pd.DataFrame  # distinct organisations per cell
    means: dict[str, pd.DataFrame]  # measure -> mean per cell
    primary: pd.DataFrame  # bool
    suppressed: pd.DataFrame  # bool, primary or secondary
    k: int

    @property
    def secondary(self) -> pd.DataFrame:
        return self.suppressed & ~self.primary

    def long(self) -> pd.DataFrame:
        """One row per cell (margins included); suppressed cells have no n and no means."""
        out = self.n.stack().rename("n").reset_index()
        out.columns = pd.Index([SECTOR, SIZE, "n"])
        hidden = self.suppressed.stack().to_numpy()
        out["n"] = out["n"].astype("Int64").mask(hidden)
        out["suppressed"] = hidden
        for measure, frame in self.means.items():
            out[measure] = frame.stack(future_stack=True).to_numpy().round(1)
            out.loc[hidden, measure] = np.nan
        return out

    def display(self, measure: str = "overall_index") -> pd.DataFrame:
        """Text table: ``mean (n)``, ``x`` when suppressed, ``-`` when empty."""
        means = self.means[measure]
        out = pd.DataFrame("", index=self.n.index, columns=self.n.columns, dtype=object)
        for r in self.n.index:
            for c in self.n.columns:
                n = int(self.n.loc[r, c])
                if self.suppressed.loc[r, c]:
                    out.loc[r, c] = SUPPRESSED_MARK
                elif n == 0:
                    out.loc[r, c] = "-"
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


def secondary_suppression(n: NDArray[np.int64], primary: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """The full suppression pattern (primary + secondary) for a table with margins."""
    rows, cols = n.shape
    shape = (rows, cols)
    relations = _relations((rows, cols))
    members = [np.flatnonzero(r) for r in relations]
    hidden = primary.ravel().copy()
    counts = n.ravel()
    is_total = np.zeros(shape, dtype=bool)
    is_total[rows - 1, :] = True
    is_total[:, cols - 1] = True
    total_flat = is_total.ravel()

    def pick(candidates: NDArray[np.int64]) -> int | None:
        open_ = [int(i) for i in candidates if not hidden[i]]
        if not open_:
            return None
        return min(open_, key=lambda i: (counts[i] == 0, bool(total_flat[i]), counts[i], i))

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
        exposed = np.flatnonzero(determined(relations, hidden))
        if len(exposed) == 0:
            break
        target = int(exposed[0])
        for member in members:
            if target in member:
                choice = pick(member)
                if choice is not None:
                    hidden[choice] = True
                    break
        else:  # nothing left to hide in its relations: hide everything non-empty
            hidden |= counts > 0
    return hidden.reshape(shape)


def aggregate_table(
    data: ResearchData,
    *,
    k: int | None = None,
    lang: str = "nl",
) -> AggregateTable:
    """Mean dimension scores and overall index by broad sector x size class, suppressed."""
    k = get_settings().export_k if k is None else k
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
        suppressed=pd.DataFrame(hidden, index=index, columns=columns),
        k=k,
    )


def _size_classes() -> list[dict[str, object]]:
    from inclusief.research.anonymise import hierarchy

    return hierarchy().size_classes
