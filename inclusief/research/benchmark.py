"""Peer benchmark: where an organisation stands among comparable organisations.

**Peers** are the other organisations (each with its latest completed assessment) in the
same size class, and optionally in the same broad sector. The organisation itself is never
its own peer. A benchmark is shown only when the peer group holds at least
``Settings.peer_min_group`` (10) organisations; otherwise the result says why (the peer
group is too small: n found, n needed) and holds no numbers at all.

**Percentile rank** ("mean" definition, as ``scipy.stats.percentileofscore(kind="mean")``):
the share of peers with a lower score plus half the share with an equal score, x 100::

    PR(x) = (count(peer < x) + 0.5 x count(peer == x)) / n x 100

By hand: peers 10, 20, ..., 100 (n = 10) and x = 55 -> 5 lower -> PR = 50.0; x = 60 ->
5 lower and 1 equal -> (5 + 0.5) / 10 x 100 = 55.0.

**Quartiles** p25/p50/p75 use linear interpolation (numpy's default, Hyndman & Fan type 7).
A dimension with fewer than the minimum number of peer scores gets no rank and no quartiles.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from pydantic import BaseModel

from inclusief.i18n import t
from inclusief.questionnaires.model import Questionnaire
from inclusief.questionnaires.results import ScanResult
from inclusief.research.anonymise import SECTOR, SIZE, broad_sector, size_class
from inclusief.research.rows import ORGANISATION, ResearchData
from inclusief.settings import get_settings

OVERALL = "overall_index"


class QuartileRow(BaseModel):
    dimension_id: str
    dimension: str  # display name in the requested language
    n: int
    p25: float | None
    p50: float | None
    p75: float | None


class PeerBenchmark(BaseModel):
    available: bool
    reason: str | None = None
    n_found: int
    n_needed: int
    size_class: str
    sector: str | None = None
    ranks: dict[str, float | None] = {}
    quartiles: list[QuartileRow] = []

    def quartile_frame(self) -> pd.DataFrame:
        """Columns ``dimension`` (display name), ``p25``, ``p50``, ``p75``: the band that
        ``inclusief.questionnaires.charts.dimension_chart(result, benchmark=...)`` draws.
        Only dimensions (not the overall index); empty when not available."""
        rows = [
            {"dimension": r.dimension, "p25": r.p25, "p50": r.p50, "p75": r.p75}
            for r in self.quartiles
            if r.dimension_id != OVERALL and r.p50 is not None
        ]
        return pd.DataFrame(rows, columns=["dimension", "p25", "p50", "p75"])


def percentile_rank(value: float, peers: NDArray[np.float64]) -> float:
    """PR(x) = (below + 0.5 x equal) / n x 100 (see the module docstring)."""
    if len(peers) == 0:
        raise ValueError("no peers")
    below = float(np.count_nonzero(peers < value))
    equal = float(np.count_nonzero(peers == value))
    return (below + 0.5 * equal) / len(peers) * 100.0


def scores_of(result: ScanResult) -> dict[str, float | None]:
    """Dimension id -> score, plus the overall index, from a scored scan."""
    out: dict[str, float | None] = {d.id: d.score for d in result.dimensions}
    out[OVERALL] = result.overall_index
    return out


def peers_from(data: ResearchData) -> pd.DataFrame:
    """One row per organisation (its latest assessment): organisation, size class, broad
    sector, ``score_<dim>`` and ``overall_index``."""
    frame = data.scores.copy()
    frame[ORGANISATION] = data.organisations.to_numpy()
    frame[SIZE] = data.base[SIZE].astype(str).to_numpy()
    frame[SECTOR] = data.base[SECTOR].astype(str).to_numpy()
    frame["_when"] = data.completed_at.to_numpy()
    frame = frame.sort_values("_when", kind="stable")
    return frame.drop_duplicates(ORGANISATION, keep="last").drop(columns="_when")


def peer_benchmark(
    *,
    questionnaire: Questionnaire,
    scores: Mapping[str, float | None],
    peers: pd.DataFrame,
    size_class_value: str,
    sector: str | None = None,
    organisation_id: str | None = None,
    min_group: int | None = None,
    lang: str = "nl",
) -> PeerBenchmark:
    """Percentile ranks and peer quartiles for one organisation's scores.

    ``scores``: dimension id -> score and ``overall_index`` (see :func:`scores_of`).
    ``peers``: the frame of :func:`peers_from` (``size_class`` and ``sector`` at level 0:
    size class and broad sector). ``size_class_value`` and ``sector`` may be given raw
    (``37`` employees, ``P``): they are generalised the same way.
    """
    needed = get_settings().peer_min_group if min_group is None else min_group
    size = str(size_class(pd.Series([size_class_value]))[0].iloc[0])
    broad = str(broad_sector(pd.Series([sector]))[0].iloc[0]) if sector is not None else None
    group = peers.loc[peers[SIZE].astype(str) == size]
    if broad is not None:
        group = group.loc[group[SECTOR].astype(str) == broad]
    if organisation_id is not None and ORGANISATION in group.columns:
        group = group.loc[group[ORGANISATION].astype(str) != str(organisation_id)]
    n_found = int(group[ORGANISATION].nunique()) if ORGANISATION in group.columns else len(group)
    base = {"n_found": n_found, "n_needed": needed, "size_class": size, "sector": broad}
    if n_found < needed:
        reason = t("research.peer_too_small", lang, found=n_found, needed=needed)
        return PeerBenchmark(available=False, reason=reason, **base)  # type: ignore[arg-type]
    ranks: dict[str, float | None] = {}
    quartiles: list[QuartileRow] = []
    targets = [(d.id, d.name.get(lang), f"score_{d.id}") for d in questionnaire.dimensions]
    targets.append((OVERALL, t("research.overall_index", lang), OVERALL))
    for key, name, column in targets:
        values = group[column].to_numpy(dtype=np.float64)
        values = values[~np.isnan(values)]
        own = scores.get(key)
        if len(values) < needed:
            ranks[key] = None
            quartiles.append(
                QuartileRow(
                    dimension_id=key, dimension=name, n=len(values), p25=None, p50=None, p75=None
                )
            )
            continue
        ranks[key] = None if own is None else round(percentile_rank(float(own), values), 1)
        p25, p50, p75 = (float(v) for v in np.percentile(values, [25, 50, 75]))
        quartiles.append(
            QuartileRow(dimension_id=key, dimension=name, n=len(values), p25=p25, p50=p50, p75=p75)
        )
    return PeerBenchmark(available=True, ranks=ranks, quartiles=quartiles, **base)  # type: ignore[arg-type]
