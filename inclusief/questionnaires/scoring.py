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
from typing import NamedTuple

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from inclusief.errors import InputError, Problem
from inclusief.questionnaires.advice import plan_advice, work_points
from inclusief.questionnaires.model import Band, Questionnaire, Scale
from inclusief.questionnaires.regions import region_for, regional_advice
from inclusief.questionnaires.results import DimensionResult, Fact, ScanResult, SupportStep

# Output column names, one family per dimension.
SCORE, BAND, ANSWERED, SKIPPED, DONT_KNOW = "score_", "band_", "answered_", "skipped_", "dont_know_"
NOT_APPLICABLE = "not_applicable_"
MAX_PROBLEMS = 20


def _item_arrays(q: Questionnaire) -> dict[str, NDArray[np.float64]]:
    """Per scored item: scale ends, missing codes, reverse flag, gaps (NaN = none)."""
    lo, hi, dk, na, dks, rev, gaps = [], [], [], [], [], [], []
    for item in q.scored_items:
        scale = q.scale(item.scale)
        gaps.append(0.0 if scale.codes == list(range(scale.min, scale.max + 1)) else 1.0)
        lo.append(scale.min)
        hi.append(scale.max)
        dk.append(scale.dont_know.code if scale.dont_know else np.nan)
        na.append(scale.not_applicable.code if scale.not_applicable else np.nan)
        scored_as = scale.dont_know_scores_as
        dks.append(np.nan if scored_as is None else float(scored_as))
        rev.append(1.0 if item.reverse else 0.0)
    return {
        "lo": np.asarray(lo, dtype=np.float64),
        "hi": np.asarray(hi, dtype=np.float64),
        "dk": np.asarray(dk, dtype=np.float64),
        "na": np.asarray(na, dtype=np.float64),  # niet van toepassing
        "dks": np.asarray(dks, dtype=np.float64),  # weet niet scored as this code
        "rev": np.asarray(rev, dtype=np.float64),
        "gaps": np.asarray(gaps, dtype=np.float64),  # 1 = the scale skips codes
    }


def membership(q: Questionnaire) -> NDArray[np.float64]:
    """Scored items x dimensions 0/1 matrix, in definition order."""
    dims = [d.id for d in q.dimensions]
    items = q.scored_items
    m = np.zeros((len(items), len(dims)), dtype=np.float64)
    for row, item in enumerate(items):
        m[row, dims.index(str(item.dimension))] = 1.0
    return m


CHUNK_ROWS = 32768  # respondents per block: the temporaries of a block stay in the cache
# Status weights: one matrix product counts four kinds of cell per dimension at once. A
# dimension has far fewer than 1000 items, so the counts never spill into the next "digit";
# the largest total (< 1e12) is exact in float64.
_DK, _DKS, _NA = 1e3, 1e6, 1e9


class _Sums(NamedTuple):
    sums: NDArray[np.float64]  # d x n: sum of normalised values that count in the score
    answered: NDArray[np.int32]  # real answers
    dont_know: NDArray[np.int32]  # every weet niet (scored or not)
    dont_know_scored: NDArray[np.int32]  # weet niet that counts as an answer
    not_applicable: NDArray[np.int32]


def _dimension_sums(
    q: Questionnaire, x: NDArray[np.float64], *, check_codes: bool = True
) -> _Sums | None:
    """Per dimension and respondent (d x n arrays): sum of normalised answers and the counts.

    ``x`` holds the scored items' columns. Each item's normalised value is linear in its
    code, ``a_i x + b_i`` with ``a_i = 1/(hi-lo), b_i = -lo/(hi-lo)``, or for a reversed
    item ``a_i = -1/(hi-lo), b_i = hi/(hi-lo)``. So the sum over answered items is
    ``M^T @ y`` with ``y = a x + b`` where answered and 0 elsewhere; a weet-niet answer on a
    scale with ``dont_know_scores_as`` adds the value of that code instead. With
    ``check_codes``, it returns None as soon as a block holds a code off a gap-free scale.
    One more product, ``M^T @ status`` (1 = answered, 1e3 = weet niet, 1e6 = weet niet
    scored, 1e9 = niet van toepassing), gives every count at once. Questionnaires without
    niet-van-toepassing or scored weet-niet codes skip those steps entirely. The rows are
    done in blocks so that the temporaries stay in the cache.
    """
    p = _item_arrays(q)
    m_t = membership(q).T.copy()  # dims x items
    span = p["hi"] - p["lo"]
    a = (np.where(p["rev"] == 1.0, -1.0, 1.0) / span)[:, None]
    b = (np.where(p["rev"] == 1.0, p["hi"], -p["lo"]) / span)[:, None]
    dk = p["dk"][:, None]
    lo, hi = p["lo"][:, None], p["hi"][:, None]
    has_na = bool((~np.isnan(p["na"])).any())
    has_dks = bool((~np.isnan(p["dks"])).any())
    na = p["na"][:, None]
    dks_on = (~np.isnan(p["dks"]))[:, None]
    dks_value = np.where(np.isnan(p["dks"]), 0.0, p["dks"])[:, None] * a + b
    xt = x.T  # items x respondents; a view, contiguous when x came from a float frame
    n, d = x.shape[0], m_t.shape[0]
    # dimension-major (d x n), so that each output column is one contiguous array
    sums = np.empty((d, n))
    answered = np.empty((d, n), dtype=np.int32)
    dont_know = np.empty((d, n), dtype=np.int32)
    dk_scored = np.zeros((d, n), dtype=np.int32)
    not_app = np.zeros((d, n), dtype=np.int32)
    for start in range(0, n, CHUNK_ROWS):
        stop = min(start + CHUNK_ROWS, n)
        block = xt[:, start:stop]
        is_dk = block == dk  # NaN equals nothing, so skipped cells are never weet niet
        missing = np.isnan(block) | is_dk
        if has_na:
            is_na = block == na
            missing |= is_na
        valid = ~missing
        if check_codes:
            # codes off a gap-free scale: below lo, above hi, or not whole (cheap here, in cache)
            off = (block < lo) | (block > hi) | (block != np.floor(block))
            if (valid & off).any():
                return None
        values = np.where(valid, block * a + b, 0.0)
        status = valid + _DK * is_dk
        if has_dks:
            is_dks = is_dk & dks_on
            values += np.where(is_dks, dks_value, 0.0)
            status += _DKS * is_dks
        if has_na:
            status += _NA * is_na
        sums[:, start:stop] = m_t @ values
        counts = m_t @ status
        if has_na:
            n_na = np.floor(counts / _NA)
            not_app[:, start:stop] = n_na
            counts -= _NA * n_na
        if has_dks:
            n_dks = np.floor(counts / _DKS)
            dk_scored[:, start:stop] = n_dks
            counts -= _DKS * n_dks
        dk_count = np.floor(counts / _DK)
        dont_know[:, start:stop] = dk_count
        answered[:, start:stop] = counts - _DK * dk_count
    return _Sums(sums, answered, dont_know, dk_scored, not_app)


def accepted(scale: Scale, column: NDArray[np.float64]) -> NDArray[np.bool_]:
    """Per cell: an answer or a missing code of ``scale`` (NaN = skipped counts as fine)."""
    ok = np.isnan(column) | np.isin(column, scale.missing_codes)
    whole = column == np.floor(column)
    if scale.type == "number":
        ok |= whole & (column >= scale.min) & (column <= scale.max)
    elif scale.type == "multi":
        inside = whole & (column >= 0) & (column <= scale.max)
        bits = np.where(inside, column, 0).astype(np.int64)
        ok |= inside & ((bits & ~np.int64(scale.max)) == 0)
    else:
        ok |= np.isin(column, scale.codes)
    return ok


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
        column = x[:, col]
        bad = ~accepted(scale, column)
        for row in np.flatnonzero(bad)[: MAX_PROBLEMS - len(problems)]:
            value = column[row]
            shown = int(value) if float(value).is_integer() else value
            problems.append(
                Problem(
                    file=source,
                    where=f"respondent {frame.index[row]}",
                    field=item.id,
                    message=f"value {shown} is not on scale '{scale.id}' "
                    f"(allowed: {scale.allowed_text()})",
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
    x_all = frame.to_numpy(dtype=np.float64, na_value=np.nan)
    scored = [i for i, item in enumerate(q.items) if q.is_scored(item)]
    x = x_all if len(scored) == len(ids) else np.ascontiguousarray(x_all[:, scored])
    # Scales without gaps are checked inside the blocked pass; any code off the scale (or a
    # scale with gaps, or a factual item) sends us through the full check, which names
    # respondent and item.
    gap_free = not _item_arrays(q)["gaps"].any()
    sums = _dimension_sums(q, x, check_codes=gap_free)
    facts_ok = all(
        accepted(q.scale(q.items[j].scale), x_all[:, j]).all()
        for j in range(len(ids))
        if j not in set(scored)
    )
    if sums is None or not gap_free or not facts_ok:
        _check_codes(q, frame, x_all, source)
    if sums is None:  # pragma: no cover - _check_codes raised
        raise AssertionError("unreachable")
    scores = sums.sums
    answered, dont_know, not_app = sums.answered, sums.dont_know, sums.not_applicable
    n_items = membership(q).sum(axis=0).astype(np.int32)[:, None]
    skipped = n_items - answered - dont_know - not_app
    counted = answered + sums.dont_know_scored  # what the mean is taken over
    with np.errstate(invalid="ignore", divide="ignore"):
        np.divide(scores, counted, out=scores)  # in place: the sums become means
    scores *= 100.0
    # min share of the applicable items, with a small tolerance so that 3/5 >= 0.6 holds in
    # floating point; an item that does not apply leaves the count of items too
    scores[counted < q.min_answered_share * (n_items - not_app) - 1e-9] = np.nan

    weights = np.asarray([d.weight for d in q.dimensions], dtype=np.float64)
    available = ~np.isnan(scores)
    weight_sum = weights @ available
    with np.errstate(invalid="ignore", divide="ignore"):
        overall = weights @ np.where(available, scores, 0.0) / weight_sum
    overall[weight_sum == 0] = np.nan

    # not_applicable columns only for a definition that has a niet-van-toepassing code, so
    # the output of the others keeps its columns
    with_na = any(sc.not_applicable is not None for sc in q.scales)
    out: dict[str, object] = {}
    for j, dim in enumerate(q.dimensions):
        out[SCORE + dim.id] = scores[j]
        out[BAND + dim.id] = _band_codes(scores[j], dim.bands)
        out[ANSWERED + dim.id] = answered[j]
        out[SKIPPED + dim.id] = skipped[j]
        out[DONT_KNOW + dim.id] = dont_know[j]
        if with_na:
            out[NOT_APPLICABLE + dim.id] = not_app[j]
    out["overall_index"] = overall
    out["profile"] = _band_codes(overall, q.profiles)
    out["answered"] = answered.sum(axis=0, dtype=np.int32)
    out["skipped"] = skipped.sum(axis=0, dtype=np.int32)
    out["dont_know"] = dont_know.sum(axis=0, dtype=np.int32)
    if with_na:
        out["not_applicable"] = not_app.sum(axis=0, dtype=np.int32)
    # copy=False: the arrays are fresh, so pandas need not copy them into new blocks
    return pd.DataFrame(out, index=frame.index, copy=False)


def _maybe(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)  # type: ignore[arg-type]


def _facts(q: Questionnaire, answers: Mapping[str, int | None], lang: str) -> list[Fact]:
    facts = []
    for item in q.fact_items:
        value = answers.get(item.id)
        scale = q.scale(item.scale)
        facts.append(
            Fact(
                item=item.id,
                dimension=str(item.dimension),
                question=item.text.get(lang),
                value=value,
                answer=None if value is None else scale.label(int(value), lang),
            )
        )
    return facts


def _dont_know_note(q: Questionnaire, dimension_id: str, lang: str) -> str | None:
    for item in q.dimension(dimension_id).items:
        scale = q.scale(item.scale)
        if q.is_scored(item) and scale.dont_know_scores_as is not None and scale.dont_know_note:
            return scale.dont_know_note.get(lang)
    return None


def score_one(
    *,
    questionnaire: Questionnaire,
    answers: Mapping[str, int | None],
    support_needs: list[str] | None = None,
    lang: str = "nl",
    municipality: str | None = None,
) -> ScanResult:
    """Score one respondent and attach labels, advice and next steps in ``lang``.

    The advice follows :func:`inclusief.questionnaires.advice.plan_advice`: combined rules
    first, band advice that a rule replaces or that contradicts an earlier line is left out
    (``DimensionResult.advice`` is then None), and ``work_points`` names the weakest items.
    With ``municipality`` the advice ends with the employer's own werkgeversservicepunt
    (an unknown municipality raises :class:`InputError`).
    """
    q = questionnaire
    row = {item_id: (np.nan if v is None else float(v)) for item_id, v in answers.items()}
    frame = pd.DataFrame([row], index=pd.Index(["respondent"]), dtype=np.float64)
    scored = score(questionnaire=q, responses=frame, source="answers").iloc[0]
    scores = {d.id: _maybe(scored[SCORE + d.id]) for d in q.dimensions}
    overall = _maybe(scored["overall_index"])
    plan = plan_advice(q, scores=scores, answers=answers, overall=overall, lang=lang)
    shown = {line.id for line in plan.lines}
    replaced_by: dict[str, str] = {}
    for rule in q.advice_rules:
        if f"rule.{rule.id}" in shown:
            for band_id in rule.replaces:
                replaced_by.setdefault(band_id, f"rule.{rule.id}")
    has_na = NOT_APPLICABLE + q.dimensions[0].id in scored.index
    dimensions = []
    for dim in q.dimensions:
        band_id = scored[BAND + dim.id]
        band = q.band(dim.id, str(band_id)) if not pd.isna(band_id) else None
        line_id = f"{dim.id}.{band.id}" if band else ""
        dimensions.append(
            DimensionResult(
                id=dim.id,
                name=dim.name.get(lang),
                score=scores[dim.id],
                band_id=band.id if band else None,
                band_label=band.label.get(lang) if band else None,
                advice=band.advice.get(lang) if band and band.advice and line_id in shown else None,
                answered=int(scored[ANSWERED + dim.id]),
                skipped=int(scored[SKIPPED + dim.id]),
                dont_know=int(scored[DONT_KNOW + dim.id]),
                n_items=sum(q.is_scored(i) for i in dim.items),
                weight=dim.weight,
                not_applicable=int(scored[NOT_APPLICABLE + dim.id]) if has_na else 0,
                note=_dont_know_note(q, dim.id, lang),
                advice_replaced_by=replaced_by.get(line_id),
            )
        )
    profile = q.profile(str(scored["profile"])) if not pd.isna(scored["profile"]) else None
    profile_shown = profile is not None and f"profile.{profile.id}" in shown
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
    lines = list(plan.lines)
    region = None
    if municipality:
        lines.append(regional_advice(municipality, lang))
        region = region_for(municipality).name
    return ScanResult(
        questionnaire_id=q.id,
        version=q.version,
        lang=lang,
        overall_index=overall,
        profile_id=profile.id if profile else None,
        profile_label=profile.label.get(lang) if profile else None,
        profile_advice=(
            profile.advice.get(lang) if profile and profile.advice and profile_shown else None
        ),
        dimensions=dimensions,
        support_steps=steps,
        answered=int(scored["answered"]),
        skipped=int(scored["skipped"]),
        dont_know=int(scored["dont_know"]),
        not_applicable=int(scored["not_applicable"]) if has_na else 0,
        facts=_facts(q, answers, lang),
        advice=lines,
        work_points=work_points(q, answers=answers, scores=scores, lang=lang),
        region=region,
    )
