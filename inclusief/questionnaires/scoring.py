"""Scoring: a frame of many respondents' answers -> a frame of scores, bands and counts.

Pure and vectorised: the work is a handful of numpy operations over the whole
respondents x items matrix, whatever the number of respondents.

Definitions, per respondent and dimension *d* with items *i* on a scale [lo, hi]:

- **skipped**: the cell is empty (NaN). **weet niet**: the cell holds the scale's
  ``dont_know`` code. Both leave the mean; both are counted, separately.
- **reverse coding**: ``x' = lo + hi - x``.
- **dimension score**::

      score_d = (mean(x'_i over answered i in d) - lo) / (hi - lo) x 100

  and null when ``answered_d / items_d < min_answered_share`` (default 0.6). Items are
  normalised one by one, ``(x'_i - lo_i) / (hi_i - lo_i)``, before the mean: for items on a
  shared scale this is the formula above exactly, and it stays well defined when a
  dimension mixes scales.
- **overall index**: the weighted mean of the available dimension scores::

      overall = sum(w_d x score_d) / sum(w_d)    over dimensions with a score

  and null when no dimension has a score.
- **band** of a dimension: the band whose ``[min, max)`` holds the score (the top band
  includes 100). **profile**: the same over the questionnaire's ``profiles`` and the overall
  index.

Example (the ``mini`` questionnaire in the tests, dimension ``a`` = items a1, a2 (reversed),
a3 on 1..5): answers a1=5, a2=2, a3=weet niet -> x' = 5, 4 -> mean 4.5 ->
(4.5 - 1) / 4 x 100 = 87.5.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from inclusief.errors import InputError, Problem
from inclusief.questionnaires.model import Band, Questionnaire
from inclusief.questionnaires.results import DimensionResult, ScanResult, SupportStep

# Output column names, one family per dimension.
SCORE, BAND, ANSWERED, SKIPPED, DONT_KNOW = "score_", "band_", "answered_", "skipped_", "dont_know_"
MAX_PROBLEMS = 20


def _item_arrays(q: Questionnaire) -> dict[str, NDArray[np.float64]]:
    lo, hi, dk, rev, gaps = [], [], [], [], []
    for _dim, item, scale in q.iter_items():
        gaps.append(0.0 if scale.codes == list(range(scale.min, scale.max + 1)) else 1.0)
        lo.append(scale.min)
        hi.append(scale.max)
        dk.append(scale.dont_know.code if scale.dont_know else np.nan)
        rev.append(1.0 if item.reverse else 0.0)
    return {
        "lo": np.asarray(lo, dtype=np.float64),
        "hi": np.asarray(hi, dtype=np.float64),
        "dk": np.asarray(dk, dtype=np.float64),
        "rev": np.asarray(rev, dtype=np.float64),
        "gaps": np.asarray(gaps, dtype=np.float64),  # 1 = the scale skips codes
    }


def membership(q: Questionnaire) -> NDArray[np.float64]:
    """Items x dimensions 0/1 matrix, in definition order."""
    dims = [d.id for d in q.dimensions]
    m = np.zeros((len(q.items), len(dims)), dtype=np.float64)
    for row, item in enumerate(q.items):
        m[row, dims.index(str(item.dimension))] = 1.0
    return m


CHUNK_ROWS = 32768  # respondents per block: the temporaries of a block stay in the cache


def _dimension_sums(
    q: Questionnaire, x: NDArray[np.float64], *, check_codes: bool = True
) -> tuple[NDArray[np.float64], NDArray[np.int32], NDArray[np.int32]] | None:
    """Per dimension and respondent (d x n arrays): sum of normalised answers, answered and
    weet-niet counts.

    Each item's normalised value is linear in its code, ``a_i x + b_i`` with
    ``a_i = 1/(hi-lo), b_i = -lo/(hi-lo)``, or for a reversed item
    ``a_i = -1/(hi-lo), b_i = hi/(hi-lo)``. So the sum over answered items is
    ``M^T @ y`` with ``y = a x + b`` where answered and 0 elsewhere.
    With ``check_codes``, it returns None as soon as a block holds a code off a gap-free
    scale. One more product, ``M^T @ status`` with status 1 = answered and 1000 = weet niet, gives
    both counts at once (a dimension has far fewer than 1000 items). The rows are done in
    blocks so that the temporaries stay in the cache.
    """
    p = _item_arrays(q)
    m_t = membership(q).T.copy()  # dims x items
    span = p["hi"] - p["lo"]
    a = (np.where(p["rev"] == 1.0, -1.0, 1.0) / span)[:, None]
    b = (np.where(p["rev"] == 1.0, p["hi"], -p["lo"]) / span)[:, None]
    dk = p["dk"][:, None]
    lo, hi = p["lo"][:, None], p["hi"][:, None]
    xt = x.T  # items x respondents; a view, contiguous when x came from a float frame
    n, d = x.shape[0], m_t.shape[0]
    # dimension-major (d x n), so that each output column is one contiguous array
    sums = np.empty((d, n))
    answered = np.empty((d, n), dtype=np.int32)
    dont_know = np.empty((d, n), dtype=np.int32)
    for start in range(0, n, CHUNK_ROWS):
        stop = min(start + CHUNK_ROWS, n)
        block = xt[:, start:stop]
        is_dk = block == dk  # NaN equals nothing, so skipped cells are never weet niet
        valid = ~(np.isnan(block) | is_dk)
        if check_codes:
            # codes off a gap-free scale: below lo, above hi, or not whole (cheap here, in cache)
            off = (block < lo) | (block > hi) | (block != np.floor(block))
            if (valid & off).any():
                return None
        sums[:, start:stop] = m_t @ np.where(valid, block * a + b, 0.0)
        counts = m_t @ (valid + 1000.0 * is_dk)
        dk_count = np.floor(counts / 1000.0)
        dont_know[:, start:stop] = dk_count
        answered[:, start:stop] = counts - 1000.0 * dk_count
    return sums, answered, dont_know


def _band_codes(values: NDArray[np.float64], bands: list[Band]) -> pd.Categorical:
    """Band id per value; NaN stays missing. Bands are [min, max), the top one includes 100."""
    codes = np.zeros(values.shape, dtype=np.int8)
    for band in bands[1:]:
        codes += values >= band.min  # NaN compares False everywhere
    codes[np.isnan(values)] = -1
    return pd.Categorical.from_codes(codes, categories=[b.id for b in bands])


def _check_codes(
    q: Questionnaire, frame: pd.DataFrame, x: NDArray[np.float64], source: str
) -> None:
    """Every non-empty cell must be an answer code or the scale's weet-niet code."""
    problems: list[Problem] = []
    for col, (_dim, item, scale) in enumerate(q.iter_items()):
        allowed = scale.codes + ([scale.dont_know.code] if scale.dont_know else [])
        column = x[:, col]
        bad = ~np.isnan(column) & ~np.isin(column, allowed)
        for row in np.flatnonzero(bad)[: MAX_PROBLEMS - len(problems)]:
            value = column[row]
            shown = int(value) if float(value).is_integer() else value
            problems.append(
                Problem(
                    file=source,
                    where=f"respondent {frame.index[row]}",
                    field=item.id,
                    message=f"value {shown} is not on scale '{scale.id}' "
                    f"(allowed: {', '.join(str(a) for a in allowed)})",
                )
            )
        if len(problems) >= MAX_PROBLEMS:
            break
    if problems:
        raise InputError(problems)


def score(
    *, questionnaire: Questionnaire, responses: pd.DataFrame, source: str = "responses"
) -> pd.DataFrame:
    """Score many respondents at once.

    ``responses``: index = respondent id, columns = item ids (a subset is fine: a missing
    column counts as skipped), values = scale codes, NaN = skipped.

    Returns one row per respondent with, per dimension, ``score_<dim>`` (0-100 or NaN),
    ``band_<dim>`` (band id), ``answered_<dim>``, ``skipped_<dim>``, ``dont_know_<dim>``;
    then ``overall_index``, ``profile`` and the totals ``answered``, ``skipped``,
    ``dont_know``. Unknown columns or codes off the scale raise :class:`InputError`.
    """
    q = questionnaire
    ids = q.item_ids
    unknown = [c for c in responses.columns if c not in set(ids)]
    if unknown:
        raise InputError(
            [Problem(file=source, field=str(c), message="unknown item column") for c in unknown]
        )
    frame = responses.reindex(columns=ids)
    x = frame.to_numpy(dtype=np.float64, na_value=np.nan)
    # Scales without gaps are checked inside the blocked pass; any code off the scale (or a
    # scale with gaps) sends us through the full check, which names respondent and item.
    gap_free = not _item_arrays(q)["gaps"].any()
    sums = _dimension_sums(q, x, check_codes=gap_free)
    if sums is None or not gap_free:
        _check_codes(q, frame, x, source)
    if sums is None:  # pragma: no cover - _check_codes raised
        raise AssertionError("unreachable")
    scores, answered, dont_know = sums
    n_items = membership(q).sum(axis=0).astype(np.int32)[:, None]
    skipped = n_items - answered - dont_know
    with np.errstate(invalid="ignore", divide="ignore"):
        np.divide(scores, answered, out=scores)  # in place: the sums become means
    scores *= 100.0
    # min share, with a small tolerance so that 3/5 >= 0.6 holds in floating point
    scores[answered < q.min_answered_share * n_items - 1e-9] = np.nan

    weights = np.asarray([d.weight for d in q.dimensions], dtype=np.float64)
    available = ~np.isnan(scores)
    weight_sum = weights @ available
    with np.errstate(invalid="ignore", divide="ignore"):
        overall = weights @ np.where(available, scores, 0.0) / weight_sum
    overall[weight_sum == 0] = np.nan

    out: dict[str, object] = {}
    for j, dim in enumerate(q.dimensions):
        out[SCORE + dim.id] = scores[j]
        out[BAND + dim.id] = _band_codes(scores[j], dim.bands)
        out[ANSWERED + dim.id] = answered[j]
        out[SKIPPED + dim.id] = skipped[j]
        out[DONT_KNOW + dim.id] = dont_know[j]
    out["overall_index"] = overall
    out["profile"] = _band_codes(overall, q.profiles)
    out["answered"] = answered.sum(axis=0, dtype=np.int32)
    out["skipped"] = skipped.sum(axis=0, dtype=np.int32)
    out["dont_know"] = dont_know.sum(axis=0, dtype=np.int32)
    # copy=False: the arrays are fresh, so pandas need not copy them into new blocks
    return pd.DataFrame(out, index=frame.index, copy=False)


def _maybe(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)  # type: ignore[arg-type]


def score_one(
    *,
    questionnaire: Questionnaire,
    answers: Mapping[str, int | None],
    support_needs: list[str] | None = None,
    lang: str = "nl",
) -> ScanResult:
    """Score one respondent and attach labels, advice and next steps in ``lang``."""
    q = questionnaire
    row = {item_id: (np.nan if v is None else float(v)) for item_id, v in answers.items()}
    frame = pd.DataFrame([row], index=pd.Index(["respondent"]), dtype=np.float64)
    scored = score(questionnaire=q, responses=frame, source="answers").iloc[0]
    dimensions = []
    for dim in q.dimensions:
        band_id = scored[BAND + dim.id]
        band = q.band(dim.id, str(band_id)) if not pd.isna(band_id) else None
        dimensions.append(
            DimensionResult(
                id=dim.id,
                name=dim.name.get(lang),
                score=_maybe(scored[SCORE + dim.id]),
                band_id=band.id if band else None,
                band_label=band.label.get(lang) if band else None,
                advice=band.advice.get(lang) if band and band.advice else None,
                answered=int(scored[ANSWERED + dim.id]),
                skipped=int(scored[SKIPPED + dim.id]),
                dont_know=int(scored[DONT_KNOW + dim.id]),
                n_items=len(dim.items),
                weight=dim.weight,
            )
        )
    profile = q.profile(str(scored["profile"])) if not pd.isna(scored["profile"]) else None
    steps = []
    if q.support_needs and support_needs:
        chosen = set(support_needs)
        unknown = chosen - {o.id for o in q.support_needs.options}
        if unknown:
            raise InputError(
                [
                    Problem(
                        file="answers", field=q.support_needs.id, message=f"unknown option '{u}'"
                    )
                    for u in sorted(unknown)
                ]
            )
        steps = [
            SupportStep(id=o.id, label=o.label.get(lang), next_step=o.next_step.get(lang))
            for o in q.support_needs.options
            if o.id in chosen
        ]
    return ScanResult(
        questionnaire_id=q.id,
        version=q.version,
        lang=lang,
        overall_index=_maybe(scored["overall_index"]),
        profile_id=profile.id if profile else None,
        profile_label=profile.label.get(lang) if profile else None,
        profile_advice=profile.advice.get(lang) if profile and profile.advice else None,
        dimensions=dimensions,
        support_steps=steps,
        answered=int(scored["answered"]),
        skipped=int(scored["skipped"]),
        dont_know=int(scored["dont_know"]),
    )
