"""Scoring core: golden values computed by hand, and invariants checked with hypothesis."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.pandas import column, data_frames

from inclusief.errors import InputError
from inclusief.questionnaires.load import load_file, load_shipped
from inclusief.questionnaires.scoring import score, score_one

MINI = load_file(Path(__file__).with_name("mini.yaml"))
# mini: dimension a = a1, a2 (reverse), a3; weight 2. dimension b = b1, b2; weight 1.
# scale eens5 = 1..5, weet niet = 9; bands [0, 50) laag, [50, 100] hoog; min share 0.6.


def frame(rows: dict[str, dict[str, float | None]]) -> pd.DataFrame:
    return pd.DataFrame.from_dict(rows, orient="index", dtype="float64")


def test_golden_reverse_coding_and_weet_niet() -> None:
    """a1=5, a2=2 (reversed: 1+5-2=4), a3=weet niet -> mean 4.5 -> (4.5-1)/4*100 = 87.5.

    b1=2, b2=3 -> mean 2.5 -> (2.5-1)/4*100 = 37.5.
    overall = (2*87.5 + 1*37.5) / 3 = 212.5/3 = 70.8333...
    """
    out = score(
        questionnaire=MINI, responses=frame({"r": {"a1": 5, "a2": 2, "a3": 9, "b1": 2, "b2": 3}})
    )
    row = out.loc["r"]
    assert row["score_a"] == pytest.approx(87.5)
    assert row["score_b"] == pytest.approx(37.5)
    assert row["overall_index"] == pytest.approx(212.5 / 3)
    assert (row["band_a"], row["band_b"], row["profile"]) == ("hoog", "laag", "ver")
    assert (row["answered_a"], row["skipped_a"], row["dont_know_a"]) == (2, 0, 1)
    assert (row["answered"], row["skipped"], row["dont_know"]) == (4, 0, 1)


def test_skipped_and_weet_niet_are_counted_apart() -> None:
    """a1 skipped, a2 weet niet, a3=4: only 1 of 3 answered (< 0.6) -> no score for a.

    b: both answered 5 and 5 -> 100. overall = b alone (a has no score) = 100.
    """
    out = score(
        questionnaire=MINI, responses=frame({"r": {"a1": None, "a2": 9, "a3": 4, "b1": 5, "b2": 5}})
    ).loc["r"]
    assert np.isnan(out["score_a"])
    assert pd.isna(out["band_a"])
    assert (out["answered_a"], out["skipped_a"], out["dont_know_a"]) == (1, 1, 1)
    assert out["overall_index"] == pytest.approx(100.0)


def test_minimum_share_is_inclusive() -> None:
    """With min share 0.6, 2 of 3 items (0.667) scores, and 3 of 5 (0.6 exactly) would too."""
    out = score(questionnaire=MINI, responses=frame({"r": {"a1": 1, "a2": 1}})).loc["r"]
    # a1=1 -> 0, a2=1 reversed -> 5 -> 1: mean (1+5)/2 = 3 -> 50
    assert out["score_a"] == pytest.approx(50.0)
    assert out["band_a"] == "hoog"  # 50 is the lower edge of [50, 100]
    assert out["skipped_a"] == 1 and out["skipped_b"] == 2


def test_no_dimension_scored_gives_no_overall_index() -> None:
    out = score(questionnaire=MINI, responses=frame({"r": {"a1": 3}})).loc["r"]
    assert np.isnan(out["overall_index"]) and pd.isna(out["profile"])


def test_missing_columns_count_as_skipped_and_unknown_columns_are_refused() -> None:
    with pytest.raises(InputError, match="unknown item column") as info:
        score(questionnaire=MINI, responses=frame({"r": {"a1": 3, "zz": 1}}))
    assert info.value.problems[0].field == "zz"


def test_codes_off_the_scale_are_refused_with_respondent_and_item() -> None:
    with pytest.raises(InputError) as info:
        score(questionnaire=MINI, responses=frame({"r7": {"a1": 6}}))
    (problem,) = info.value.problems
    assert (problem.where, problem.field) == ("respondent r7", "a1")


def test_score_one_matches_the_frame_scorer_and_adds_labels() -> None:
    answers = {"a1": 4, "a2": 2, "a3": 5, "b1": 3, "b2": None}
    result = score_one(questionnaire=MINI, answers=answers, support_needs=["jobcarving"], lang="en")
    row = score(questionnaire=MINI, responses=frame({"r": answers})).loc["r"]
    assert result.dimension("a").score == pytest.approx(row["score_a"])
    assert result.overall_index == pytest.approx(row["overall_index"])
    assert result.dimension("a").band_label == "High"
    assert result.dimension("a").advice == "Keep going"
    assert [s.id for s in result.support_steps] == ["jobcarving"]


def test_score_one_refuses_an_unknown_support_option() -> None:
    with pytest.raises(InputError, match="unknown option 'yoga'"):
        score_one(questionnaire=MINI, answers={}, support_needs=["yoga"])


# -- invariants --------------------------------------------------------------------------
SCAN = load_shipped("werkgeversscan", "1.0")
ITEMS = SCAN.item_ids
CODES = [1, 2, 3, 4, 5, 9]
answers = st.sampled_from([*CODES, None])
responses_frames = data_frames(
    columns=[column(i, elements=answers, dtype=object) for i in ITEMS],
    index=st.just(pd.RangeIndex(0)) | st.integers(1, 12).map(pd.RangeIndex),
).map(lambda f: f.astype("float64"))


@settings(max_examples=60, deadline=None)
@given(responses_frames)
def test_scores_stay_within_0_and_100(responses: pd.DataFrame) -> None:
    out = score(questionnaire=SCAN, responses=responses)
    cols = [c for c in out.columns if c.startswith("score_")] + ["overall_index"]
    values = out[cols].to_numpy(dtype=float)
    finite = values[~np.isnan(values)]
    assert ((finite >= 0) & (finite <= 100 + 1e-9)).all()


@settings(max_examples=40, deadline=None)
@given(responses_frames, st.randoms(use_true_random=False))
def test_item_column_order_does_not_matter(responses: pd.DataFrame, rnd) -> None:
    shuffled = list(responses.columns)
    rnd.shuffle(shuffled)
    a = score(questionnaire=SCAN, responses=responses)
    b = score(questionnaire=SCAN, responses=responses[shuffled])
    pd.testing.assert_frame_equal(a, b)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(ITEMS), unique=True, max_size=len(ITEMS) // 4))
def test_all_answers_at_the_favourable_end_give_100(skipped: list[str]) -> None:
    """Favourable = the top code, or the bottom code on a reversed item; a few skips allowed."""
    row = {}
    for _dim, item, scale in SCAN.iter_items():
        row[item.id] = None if item.id in skipped else (scale.min if item.reverse else scale.max)
    out = score(questionnaire=SCAN, responses=frame({"r": row})).loc["r"]
    for dim in SCAN.dimensions:
        value = out[f"score_{dim.id}"]
        assert np.isnan(value) or value == pytest.approx(100.0)
    assert out["overall_index"] == pytest.approx(100.0)


def test_all_answers_at_the_unfavourable_end_give_0() -> None:
    row = {i.id: (s.max if i.reverse else s.min) for _d, i, s in SCAN.iter_items()}
    out = score(questionnaire=SCAN, responses=frame({"r": row})).loc["r"]
    assert out["overall_index"] == pytest.approx(0.0)


def test_fractional_codes_are_refused_too() -> None:
    with pytest.raises(InputError) as info:
        score(questionnaire=MINI, responses=frame({"r1": {"a1": 3}, "r2": {"b2": 2.5}}))
    (problem,) = info.value.problems
    assert (problem.where, problem.field) == ("respondent r2", "b2")
    assert "2.5" in problem.message
