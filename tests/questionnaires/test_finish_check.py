"""What finishing now would leave open (shown before the respondent confirms)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from inclusief.questionnaires.load import load_shipped
from inclusief.questionnaires.progress import finish_check
from inclusief.questionnaires.scoring import score_one

Q = load_shipped("werkgeversscan", "1.0")  # the finish rule on agree-scale items


def test_nothing_answered_every_dimension_is_open_without_a_score() -> None:
    check = finish_check(Q, {})
    assert check.nothing_answered
    assert [s.dimension_id for s in check.steps] == [d.id for d in Q.dimensions]
    assert check.no_score_dimensions == [d.id for d in Q.dimensions]


def test_all_answered_is_complete() -> None:
    check = finish_check(Q, {i.id: 3 for i in Q.items})
    assert check.complete and not check.nothing_answered


def test_dont_know_is_answered_but_gives_no_score() -> None:
    # every item of the first dimension 'weet ik niet' (9): nothing open, yet no score
    dim = Q.dimensions[0]
    answers = {i.id: 3 for i in Q.items} | {i.id: 9 for i in dim.items}
    check = finish_check(Q, answers)
    assert [(s.dimension_id, s.unanswered, s.no_score) for s in check.steps] == [(dim.id, [], True)]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from([None, 1, 2, 3, 4, 5, 9]), min_size=len(Q.items), max_size=len(Q.items)
    )
)
def test_no_score_list_agrees_with_the_scoring(values: list[int | None]) -> None:
    answers = dict(zip(Q.item_ids, values, strict=True))
    check = finish_check(Q, answers)
    result = score_one(questionnaire=Q, answers=answers)
    assert check.no_score_dimensions == [d.id for d in result.dimensions if d.score is None]
    assert {i for s in check.steps for i in s.unanswered} == {
        k for k, v in answers.items() if v is None
    }
