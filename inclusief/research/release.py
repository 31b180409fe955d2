"""The research release policy: a floor on k, and one generalisation per questionnaire
version and period, reused by every later export.

**Why.** Two exports of the same assessments with different generalisations can be joined
row by row (every respondent's answer pattern is practically unique), and the join knows the
finer value of every column from either export. Issue 12 joined a k=5 and a k=8 export into
classes below 5, one of them a single organisation. k-anonymity of each export alone does not
protect against that; only *the same generalisation in every export* does.

**The policy** (enforced here, in the core, whatever the role or page):

1. **Floor**: k is at least :data:`K_FLOOR` = 5 organisations. A lower k, from an argument,
   a setting (``INCLUSIEF_EXPORT_K``) or a release file, is refused. A higher k is allowed: it
   only suppresses more rows under the same generalisation.
2. **Release**: the first export that holds rows of a questionnaire version completed in a
   calendar year (a *period*) fixes the generalisation levels for that version and year: a
   :class:`PeriodRelease` in the version's :class:`Release`. Every later export, for any k
   and any role, generalises the rows of that year with exactly those levels; rows of a year
   without a release get new levels (chosen as before, on those rows only), which are added
   to the release. Years never share an equivalence class (the period is a quasi-identifier
   whose coarsest level is the year), so a release per year is complete.
3. **Consequence**: every exported row of a year carries the same quasi-identifier values in
   every export. Joining exports gives nothing finer than one export: the classes of a join
   are classes of the exports, with at least k organisations each.

**Storage.** A release is a small JSON document (:meth:`Release.to_json`). Where it is kept
is the caller's business, through a :class:`ReleaseStore`: :class:`FileReleaseStore` keeps one
file per questionnaire version (the CLI and the default of the research service, under
``<data dir>/releases``); the database keeps it in a table (see ``docs/research.md``).
A store must not let a period be overwritten with other levels: the first one stays.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from inclusief.errors import InputError
from inclusief.research.anonymise import (
    PERIOD,
    QI_COLUMNS,
    Anonymised,
    AnonymityLog,
    _class_sizes,
    apply_levels,
    hierarchy,
    k_anonymise,
)
from inclusief.settings import get_settings

K_FLOOR = 5
"""The smallest k any export, table or report may use (organisations per class)."""

POLICY = (
    "k >= 5 organisations; one generalisation per questionnaire version and calendar year, "
    "fixed by the first export and reused by every later one"
)


def checked_k(k: int | None) -> int:
    """``k`` (or ``Settings.export_k`` when None), refused below :data:`K_FLOOR`."""
    value = get_settings().export_k if k is None else k
    if value < K_FLOOR:
        raise InputError.single(
            "k",
            f"k = {value} is below the floor of {K_FLOOR} organisations of the research "
            "release policy; no role or setting can lower it",
            field="k",
        )
    return value


class PeriodRelease(BaseModel):
    """The generalisation fixed for one calendar year of one questionnaire version."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    period: str = Field(pattern=r"^\d{4}$")
    levels: dict[str, int]
    """Quasi-identifier -> level index in ``generalisation.yaml`` (0 = finest)."""
    k: int = Field(ge=K_FLOOR)
    """The k of the export that fixed these levels (later exports may use a higher k)."""
    created_at: str

    @model_validator(mode="after")
    def _known_levels(self) -> PeriodRelease:
        h = hierarchy()
        if set(self.levels) != set(QI_COLUMNS):
            raise ValueError(f"levels must name exactly {', '.join(QI_COLUMNS)}")
        for qi, level in self.levels.items():
            if not 0 <= level < h.n_levels(qi):
                raise ValueError(f"level {level} of {qi} does not exist")
        return self

    def level_names(self) -> dict[str, str]:
        h = hierarchy()
        return {qi: h.levels[qi][self.levels[qi]] for qi in QI_COLUMNS}


class Release(BaseModel):
    """Every period release of one questionnaire version."""

    model_config = ConfigDict(extra="forbid")

    questionnaire_id: str
    questionnaire_version: str
    policy: str = POLICY
    periods: dict[str, PeriodRelease] = Field(default_factory=dict)

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str, *, file: str = "release") -> Release:
        """Parse a stored release; a damaged or edited one is an :class:`InputError`."""
        try:
            release = cls.model_validate_json(text)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or None
            raise InputError.single(
                file, f"not a valid release: {first['msg']}", where=where
            ) from None
        for key, period in release.periods.items():
            if key != period.period:
                raise InputError.single(file, f"period {key!r} holds {period.period!r}")
        return release

    def check_for(self, questionnaire_id: str, version: str, *, file: str = "release") -> None:
        if (self.questionnaire_id, self.questionnaire_version) != (questionnaire_id, version):
            raise InputError.single(
                file,
                f"the release is for {self.questionnaire_id} {self.questionnaire_version}, "
                f"not for {questionnaire_id} {version}",
            )


class ReleaseStore(Protocol):
    """Where releases live: the database (the store) or files."""

    def load(self, questionnaire_id: str, version: str) -> Release | None: ...

    def save(self, release: Release) -> None: ...


def _safe_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", text)


@dataclass
class FileReleaseStore:
    """One JSON file per questionnaire version in ``folder``.

    :meth:`save` merges with the file on disk: a period already there keeps its levels
    (first writer wins); a conflicting one (two exports at the same moment chose different
    levels) is refused, so the second export is run again and reuses the first one's levels.
    """

    folder: Path

    def path(self, questionnaire_id: str, version: str) -> Path:
        return self.folder / f"{_safe_name(questionnaire_id)}_{_safe_name(version)}.json"

    def load(self, questionnaire_id: str, version: str) -> Release | None:
        path = self.path(questionnaire_id, version)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise InputError.single(str(path), f"cannot read: {exc.strerror}") from None
        release = Release.from_json(text, file=str(path))
        release.check_for(questionnaire_id, version, file=str(path))
        return release

    def save(self, release: Release) -> None:
        path = self.path(release.questionnaire_id, release.questionnaire_version)
        on_disk = self.load(release.questionnaire_id, release.questionnaire_version)
        merged = dict(on_disk.periods) if on_disk else {}
        for key, period in release.periods.items():
            kept = merged.get(key)
            if kept is not None and kept.levels != period.levels:
                raise InputError.single(
                    str(path),
                    f"period {key} was released meanwhile with other levels; run the "
                    "export again (it will reuse them)",
                )
            merged.setdefault(key, period)
        out = release.model_copy(update={"periods": dict(sorted(merged.items()))})
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=self.folder, delete=False, suffix=".tmp"
            ) as tmp:
                tmp.write(out.to_json())
            os.replace(tmp.name, path)
        except OSError as exc:
            raise InputError.single(str(path), f"cannot write: {exc.strerror}") from None


def default_release_store() -> FileReleaseStore:
    """Files under ``<data dir>/releases`` (``INCLUSIEF_DATA_DIR``)."""
    return FileReleaseStore(get_settings().data_dir / "releases")


# -- anonymising under a release -------------------------------------------------------------
def periods_of(base: pd.DataFrame) -> NDArray[np.str_]:
    """The calendar year of every row, from the level-0 period (``2025-Q3`` -> ``2025``)."""
    return np.asarray(base[PERIOD].astype(str).str[:4].to_numpy(), dtype=str)


def _names(levels: dict[str, int]) -> dict[str, str]:
    h = hierarchy()
    return {qi: h.levels[qi][levels[qi]] for qi in QI_COLUMNS}


def anonymise_released(
    base: pd.DataFrame,
    *,
    organisations: pd.Series,
    questionnaire_id: str,
    questionnaire_version: str,
    k: int | None = None,
    max_suppression: float,
    release: Release | None = None,
) -> tuple[Anonymised, Release]:
    """k-anonymise under the release policy; returns the result and the (extended) release.

    Rows of a year in ``release`` get its levels; the rows of the other years get levels
    chosen by :func:`~inclusief.research.anonymise.k_anonymise` on those rows, which become
    the release of those years. Rows in classes of fewer than k organisations are suppressed.
    """
    k = checked_k(k)
    if release is None:
        release = Release(
            questionnaire_id=questionnaire_id, questionnaire_version=questionnaire_version
        )
    release.check_for(questionnaire_id, questionnaire_version)
    n = len(base)
    years = periods_of(base)
    org_codes = pd.factorize(organisations.astype("string").fillna(""))[0].astype(np.int64)
    known = np.isin(years, list(release.periods)) if n else np.zeros(0, dtype=bool)

    new_periods: dict[str, PeriodRelease] = {}
    keep = np.zeros(n, dtype=bool)
    parts: list[pd.DataFrame] = []
    search_log: AnonymityLog | None = None
    if (~known).any():
        fresh = k_anonymise(
            base.loc[~known],
            organisations=organisations.loc[~known],
            k=k,
            max_suppression=max_suppression,
        )
        search_log = fresh.log
        h = hierarchy()
        levels = {qi: h.levels[qi].index(fresh.log.levels[qi]) for qi in QI_COLUMNS}
        stamp = datetime.now(UTC).strftime("%Y-%m-%d")
        for year in sorted(set(years[~known])):
            new_periods[year] = PeriodRelease(period=year, levels=levels, k=k, created_at=stamp)
        keep[np.flatnonzero(~known)[fresh.keep]] = True
        parts.append(fresh.qis)
    # the years already released: their own levels, grouped by identical levels
    groups: dict[tuple[int, ...], list[str]] = {}
    for year in sorted(set(years[known])):
        levels = release.periods[year].levels
        groups.setdefault(tuple(levels[qi] for qi in QI_COLUMNS), []).append(year)
    for node, group_years in groups.items():
        rows = np.flatnonzero(np.isin(years, group_years))
        frame = apply_levels(base.iloc[rows], dict(zip(QI_COLUMNS, node, strict=True)))
        codes = pd.factorize(org_codes[rows])[0].astype(np.int64)
        class_id, sizes = _class_sizes(frame, codes)
        ok = sizes[class_id] >= k
        keep[rows[ok]] = True
        parts.append(frame.loc[ok])

    qis = _combine(parts, base.index[keep])
    extended = release.model_copy(update={"periods": {**release.periods, **new_periods}})
    log = _log(
        qis=qis,
        org_codes=org_codes[keep],
        k=k,
        max_suppression=max_suppression,
        rows_in=n,
        keep=keep,
        base=base,
        org_all=org_codes,
        years=years,
        release=extended,
        reused=sorted(set(years[known])),
        search_log=search_log,
    )
    return Anonymised(qis=qis, keep=keep, log=log), extended


def _combine(parts: list[pd.DataFrame], index: pd.Index) -> pd.DataFrame:
    """Generalised QI frames of disjoint row sets -> one frame in input order."""
    if not parts:
        return pd.DataFrame({qi: pd.Categorical([]) for qi in QI_COLUMNS}, index=index)
    columns = {}
    for qi in QI_COLUMNS:
        values = pd.concat([p[qi].astype(str) for p in parts])
        columns[qi] = pd.Categorical(values.reindex(index).to_numpy())
    return pd.DataFrame(columns, index=index)


def _log(
    *,
    qis: pd.DataFrame,
    org_codes: NDArray[np.int64],
    k: int,
    max_suppression: float,
    rows_in: int,
    keep: NDArray[np.bool_],
    base: pd.DataFrame,
    org_all: NDArray[np.int64],
    years: NDArray[np.str_],
    release: Release,
    reused: list[str],
    search_log: AnonymityLog | None,
) -> AnonymityLog:
    sizes = np.zeros(0, dtype=np.int64)
    if len(qis):
        _, sizes = _class_sizes(qis, pd.factorize(org_codes)[0].astype(np.int64))
    used = sorted(set(years))
    per_period = {y: release.periods[y].level_names() for y in used}
    uniform: dict[str, str] = {}
    for qi in QI_COLUMNS:
        names = {levels[qi] for levels in per_period.values()}
        uniform[qi] = names.pop() if len(names) == 1 else "per period (see period_levels)"
    if not per_period and search_log is not None:
        uniform = dict(search_log.levels)
    elif not per_period:
        uniform = _names({qi: 0 for qi in QI_COLUMNS})
    # suppressed classes, counted on the level-0 rows under their period's levels
    suppressed = ~keep
    classes_suppressed = 0
    if suppressed.any():
        groups: dict[tuple[int, ...], list[str]] = {}
        for y in used:
            lv = release.periods[y].levels
            groups.setdefault(tuple(lv[qi] for qi in QI_COLUMNS), []).append(y)
        for node, group_years in groups.items():
            rows = np.flatnonzero(np.isin(years, group_years) & suppressed)
            if len(rows):
                frame = apply_levels(base.iloc[rows], dict(zip(QI_COLUMNS, node, strict=True)))
                class_id, _ = _class_sizes(frame, pd.factorize(org_all[rows])[0].astype(np.int64))
                classes_suppressed += len(np.unique(class_id))
    rows_suppressed = int(suppressed.sum())
    return AnonymityLog(
        k=k,
        max_suppression=max_suppression,
        quasi_identifiers=list(QI_COLUMNS),
        levels=uniform,
        feasible=rows_suppressed <= max_suppression * rows_in + 1e-9,
        rows_in=rows_in,
        rows_suppressed=rows_suppressed,
        classes_suppressed=classes_suppressed,
        rows_out=int(keep.sum()),
        classes_out=len(sizes),
        smallest_class_out=int(sizes.min()) if len(sizes) else None,
        nodes=search_log.nodes if search_log is not None else [],
        period_levels=per_period,
        reused_periods=reused,
        policy=POLICY,
    )
