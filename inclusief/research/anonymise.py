"""Generalise quasi-identifiers and enforce k-anonymity on them.

**Quasi-identifiers** (QIs) are the columns that, combined, could point at one employer:
sector, size class, region and the completion date. Each has a hierarchy of levels, from
fine to coarse, defined in ``generalisation.yaml`` (with sources):

============  ================  ==================  ==========
QI            level 0           level 1             level 2
============  ================  ==================  ==========
sector        broad sector      alle sectoren
size_class    size class        coarse size class   alle groottes
region        landsdeel         Nederland
period        quarter           year
============  ================  ==================  ==========

Level 0 is already a generalisation: detailed sector, exact employee count, province or
municipality and the exact date never reach the export.

**k-anonymity** (Samarati & Sweeney 1998): every combination of QI values that is exported
must be shared by at least *k* different organisations (not merely *k* rows: one employer
with five assessments is still one employer). The procedure is full-domain generalisation
with row suppression, the approach of Samarati (2001) and of ARX's default set-up:

1. Evaluate every node of the lattice of level combinations (2 x 3 x 2 x 2 = 24 nodes).
   For each node, a row is *at risk* when its equivalence class (rows with the same QI
   values) holds fewer than *k* distinct organisations.
2. A node is *feasible* when the rows at risk are at most ``max_suppression`` of all rows
   (default 5 %).
3. Choose the feasible node with the lowest total height (sum of levels); ties go to the
   node with fewer suppressed rows, then to the node that keeps sector, then size class,
   then region fine (the period is coarsened first). When no node is feasible, the top
   node (everything at its coarsest) is used.
4. Suppress (drop) the rows at risk under the chosen node.

The result is k-anonymous by construction, and the tests check it with an independent
implementation (pycanon). The suppression log holds counts and levels only, never QI values
of suppressed rows: those values are exactly what identifies a small employer.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from pydantic import BaseModel

from inclusief.errors import InputError, Problem
from inclusief.yamlio import load_yaml

SECTOR, SIZE, REGION, PERIOD = "sector", "size_class", "region", "period"
QI_COLUMNS: tuple[str, ...] = (SECTOR, SIZE, REGION, PERIOD)
UNKNOWN = "onbekend"
DEFAULT_MAX_SUPPRESSION = 0.05


@dataclass(frozen=True)
class Hierarchy:
    """The generalisation maps from ``generalisation.yaml``."""

    sector: dict[str, str]
    sector_all: str
    size_classes: list[dict[str, Any]]
    size_lookup: dict[str, str]
    size_coarse: dict[str, str]
    size_all: str
    region: dict[str, str]
    region_all: str
    levels: dict[str, list[str]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)

    def n_levels(self, qi: str) -> int:
        return len(self.levels[qi])


def _key(value: object) -> str:
    return re.sub(r"\s+", " ", str(value)).strip().casefold()


@cache
def hierarchy() -> Hierarchy:
    """Load ``generalisation.yaml`` once."""
    text = (resources.files("inclusief.research") / "generalisation.yaml").read_text("utf-8")
    data = load_yaml(text, file="generalisation.yaml")
    sector: dict[str, str] = {}
    for broad, keys in data["sector"]["broad"].items():
        sector[_key(broad)] = broad
        for k in keys:
            sector[_key(k)] = broad
    classes: list[dict[str, Any]] = data["size_class"]["classes"]
    size_lookup: dict[str, str] = {}
    size_coarse: dict[str, str] = {UNKNOWN: UNKNOWN}
    for c in classes:
        size_lookup[_key(c["id"])] = c["id"]
        for alias in c.get("aliases", []):
            size_lookup[_key(alias)] = c["id"]
        size_coarse[c["id"]] = c["coarse"]
    region: dict[str, str] = {}
    for landsdeel, keys in data["region"]["landsdeel"].items():
        region[_key(landsdeel)] = landsdeel
        for k in keys:
            region[_key(k)] = landsdeel
    return Hierarchy(
        sector=sector,
        sector_all=data["sector"]["all"],
        size_classes=classes,
        size_lookup=size_lookup,
        size_coarse=size_coarse,
        size_all=data["size_class"]["all"],
        region=region,
        region_all=data["region"]["all"],
        levels={qi: list(data[qi]["levels"]) for qi in QI_COLUMNS},
        sources={qi: " ".join(str(data[qi]["source"]).split()) for qi in QI_COLUMNS},
    )


# -- level 0 -------------------------------------------------------------------------------
def _map_values(values: pd.Series, lookup: dict[str, str]) -> tuple[pd.Series, int]:
    """Map through ``lookup`` per distinct value (fast on 100k rows); unknowns -> onbekend."""
    as_text = values.astype("string").fillna("")
    uniques = pd.unique(as_text)
    table = {u: lookup.get(_key(u), UNKNOWN) for u in uniques}
    mapped = as_text.map(table).astype(object)
    return mapped, int((mapped == UNKNOWN).sum())


def broad_sector(values: pd.Series) -> tuple[pd.Series, int]:
    """SBI section letter or sector name -> broad sector; also ``"P Onderwijs"`` forms."""
    h = hierarchy()
    lookup = dict(h.sector)
    as_text = values.astype("string").fillna("")
    for u in pd.unique(as_text):
        key = _key(u)
        if key not in lookup:
            first = key.split(" ", 1)[0]
            if len(first) == 1 and first in lookup:
                lookup[key] = lookup[first]
    return _map_values(as_text, lookup)


def size_class(values: pd.Series) -> tuple[pd.Series, int]:
    """A size-class label (or alias) or a number of employees -> size class."""
    h = hierarchy()
    lookup = dict(h.size_lookup)
    as_text = values.astype("string").fillna("")
    for u in pd.unique(as_text):
        key = _key(u)
        if key in lookup:
            continue
        try:
            employees = float(key)
        except ValueError:
            continue
        for c in h.size_classes:
            if employees >= c["min"] and (c["max"] is None or employees <= c["max"]):
                lookup[key] = c["id"]
                break
    return _map_values(as_text, lookup)


def landsdeel(values: pd.Series) -> tuple[pd.Series, int]:
    """Province (or landsdeel) -> landsdeel (CBS)."""
    return _map_values(values, hierarchy().region)


def quarter(values: pd.Series, *, file: str = "rows") -> pd.Series:
    """Dates -> ``YYYY-Qn``. An unreadable date raises :class:`InputError` naming the row."""
    parsed = pd.to_datetime(values, errors="coerce", utc=True, format="mixed")
    bad = parsed.isna()
    if bad.any():
        positions = np.flatnonzero(bad.to_numpy())[:20]
        raise InputError(
            [
                Problem(
                    file, "completion date is missing or unreadable", f"row {p + 2}", "completed_at"
                )
                for p in positions
            ]
        )
    years = parsed.dt.year.astype("int64").astype(str)
    quarters = parsed.dt.quarter.astype("int64").astype(str)
    return (years + "-Q" + quarters).astype(object)


class BaseQIs(BaseModel):
    """Counts of values that matched nothing in the hierarchy (never the values)."""

    unknown_sector: int = 0
    unknown_size_class: int = 0
    unknown_region: int = 0


def generalise_base(rows: pd.DataFrame, *, file: str = "rows") -> tuple[pd.DataFrame, BaseQIs]:
    """Level 0 of every QI from the raw columns ``sector``, ``size_class``, ``region``,
    ``completed_at``. Returns categorical columns and the unknown counts."""
    sec, n_sec = broad_sector(rows[SECTOR])
    siz, n_siz = size_class(rows[SIZE])
    reg, n_reg = landsdeel(rows[REGION])
    per = quarter(rows["completed_at"], file=file)
    base = pd.DataFrame(
        {
            SECTOR: pd.Categorical(sec),
            SIZE: pd.Categorical(siz),
            REGION: pd.Categorical(reg),
            PERIOD: pd.Categorical(per),
        },
        index=rows.index,
    )
    return base, BaseQIs(unknown_sector=n_sec, unknown_size_class=n_siz, unknown_region=n_reg)


# -- coarser levels ------------------------------------------------------------------------
def _coarsen(qi: str, value: str, level: int) -> str:
    h = hierarchy()
    if level == 0:
        return value
    if qi == SECTOR:
        return h.sector_all
    if qi == REGION:
        return h.region_all
    if qi == SIZE:
        return h.size_coarse.get(value, UNKNOWN) if level == 1 else h.size_all
    if qi == PERIOD:
        return value[:4]
    raise KeyError(qi)


def at_level(column: pd.Series, qi: str, level: int) -> pd.Series:
    """A level-0 categorical column moved to ``level`` (mapping the categories only)."""
    cat = column.astype("category")
    mapping = {c: _coarsen(qi, str(c), level) for c in cat.cat.categories}
    return cat.map(mapping).astype("category")


def apply_levels(base: pd.DataFrame, levels: dict[str, int]) -> pd.DataFrame:
    return pd.DataFrame(
        {qi: at_level(base[qi], qi, levels[qi]) for qi in QI_COLUMNS}, index=base.index
    )


# -- k-anonymity ---------------------------------------------------------------------------
class NodeEvaluation(BaseModel):
    levels: dict[str, str]
    height: int
    rows_at_risk: int
    classes_at_risk: int


class AnonymityLog(BaseModel):
    """What was generalised and suppressed: levels and counts, never QI values."""

    k: int
    max_suppression: float
    quasi_identifiers: list[str]
    levels: dict[str, str]
    feasible: bool
    rows_in: int
    rows_suppressed: int
    classes_suppressed: int
    rows_out: int
    classes_out: int
    smallest_class_out: int | None
    nodes: list[NodeEvaluation]
    # under the release policy (inclusief.research.release): the levels of each calendar
    # year, the years whose levels came from an earlier export, and the policy text
    period_levels: dict[str, dict[str, str]] = {}
    reused_periods: list[str] = []
    policy: str | None = None


def _class_sizes(
    frame: pd.DataFrame, org_codes: NDArray[np.int64]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """(class id per row, distinct organisations per class id)."""
    codes = [frame[qi].cat.codes.to_numpy(dtype=np.int64) for qi in QI_COLUMNS]
    dims = [max(len(frame[qi].cat.categories), 1) for qi in QI_COLUMNS]
    key = np.ravel_multi_index(codes, dims) if len(frame) else np.zeros(0, dtype=np.int64)
    _, class_id = np.unique(key, return_inverse=True)
    class_id = class_id.astype(np.int64).ravel()
    n_org = int(org_codes.max()) + 1 if len(org_codes) else 1
    pairs = np.unique(class_id * n_org + org_codes)
    sizes = np.bincount(pairs // n_org, minlength=int(class_id.max()) + 1 if len(class_id) else 0)
    return class_id, sizes.astype(np.int64)


@dataclass
class Anonymised:
    qis: pd.DataFrame  # generalised QIs of the kept rows
    keep: NDArray[np.bool_]  # over the input rows
    log: AnonymityLog


def k_anonymise(
    base: pd.DataFrame,
    *,
    organisations: pd.Series | None = None,
    k: int = 5,
    max_suppression: float = DEFAULT_MAX_SUPPRESSION,
) -> Anonymised:
    """Choose generalisation levels and suppress rows so that every class has >= k
    organisations. ``base`` holds the level-0 QIs (:func:`generalise_base`);
    ``organisations`` the organisation of each row (each row its own when None)."""
    if k < 1:
        raise InputError.single("k", "k must be at least 1", field="k")
    if not 0 <= max_suppression <= 1:
        raise InputError.single("max_suppression", "must be between 0 and 1")
    h = hierarchy()
    n = len(base)
    if organisations is None:
        org_codes = np.arange(n, dtype=np.int64)
    else:
        org_codes = pd.factorize(organisations.astype("string").fillna(""))[0].astype(np.int64)

    ranges = [range(h.n_levels(qi)) for qi in QI_COLUMNS]
    evaluated: list[tuple[tuple[int, ...], int, int, NDArray[np.bool_]]] = []
    for node in itertools.product(*ranges):
        frame = apply_levels(base, dict(zip(QI_COLUMNS, node, strict=True)))
        class_id, sizes = _class_sizes(frame, org_codes)
        at_risk = sizes[class_id] < k if n else np.zeros(0, dtype=bool)
        evaluated.append((node, int(at_risk.sum()), int((sizes < k).sum()), at_risk))

    def rank(entry: tuple[tuple[int, ...], int, int, NDArray[np.bool_]]) -> tuple[Any, ...]:
        node, rows, _classes, _mask = entry
        return (sum(node), rows, node)

    budget = max_suppression * n
    feasible = [e for e in evaluated if e[1] <= budget + 1e-9]
    chosen = min(feasible, key=rank) if feasible else evaluated[-1]  # last = top node
    node, rows_at_risk, classes_at_risk, at_risk = chosen
    levels = dict(zip(QI_COLUMNS, node, strict=True))
    keep = ~at_risk
    out = apply_levels(base.loc[keep], levels)
    for qi in QI_COLUMNS:
        out[qi] = out[qi].cat.remove_unused_categories()
    sizes_out: NDArray[np.int64] = np.zeros(0, dtype=np.int64)
    if keep.any():
        _, sizes_out = _class_sizes(out, pd.factorize(org_codes[keep])[0].astype(np.int64))

    def names(levels_node: tuple[int, ...]) -> dict[str, str]:
        return {qi: h.levels[qi][lv] for qi, lv in zip(QI_COLUMNS, levels_node, strict=True)}

    log = AnonymityLog(
        k=k,
        max_suppression=max_suppression,
        quasi_identifiers=list(QI_COLUMNS),
        levels=names(node),
        feasible=bool(feasible),
        rows_in=n,
        rows_suppressed=rows_at_risk,
        classes_suppressed=classes_at_risk,
        rows_out=int(keep.sum()),
        classes_out=len(sizes_out),
        smallest_class_out=int(sizes_out.min()) if len(sizes_out) else None,
        nodes=[
            NodeEvaluation(
                levels=names(e[0]), height=sum(e[0]), rows_at_risk=e[1], classes_at_risk=e[2]
            )
            for e in sorted(evaluated, key=rank)
        ],
    )
    return Anonymised(qis=out, keep=keep, log=log)
