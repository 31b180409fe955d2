"""The guest werkgeversscan page, driven with Streamlit's AppTest."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from inclusief.questionnaires.load import load_shipped
from inclusief.questionnaires.scoring import score_one

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "inclusief/ui/pages/scan.py")
KEY = "guest_scan"
Q = load_shipped("werkgeversscan")


def favourable(item_id: str) -> int:
    item = Q.item(item_id)
    scale = Q.scale(item.scale)
    return scale.min if item.reverse else scale.max


def new_app() -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=30)
    at.run()
    assert not at.exception
    return at


def test_first_step_shows_the_first_dimension_with_progress() -> None:
    at = new_app()
    assert at.subheader[0].value == Q.dimensions[0].name.nl
    assert len(at.radio) == len(Q.dimensions[0].items)
    assert at.get("progress")[0].proto.text.startswith("Stap 1 van")
    assert at.button(key=f"{KEY}-back").disabled


def test_an_answer_is_kept_when_going_forward_and_back() -> None:
    at = new_app()
    first = Q.dimensions[0].items[0].id
    at.radio(key=f"{KEY}-{first}").set_value(4).run()
    at.button(key=f"{KEY}-next").click().run()
    assert at.subheader[0].value == Q.dimensions[1].name.nl
    at.button(key=f"{KEY}-back").click().run()
    assert at.radio(key=f"{KEY}-{first}").value == 4
    assert at.session_state[KEY].load().answers[first] == 4


def answer(at: AppTest, item_id: str, value: int) -> None:
    """Give one answer with the item's own widget (by its scale type)."""
    scale = Q.scale(Q.item(item_id).scale)
    if scale.type == "multi":
        codes = [value] if value in scale.missing_codes else scale.chosen(value)
        for code in codes:
            at.checkbox(key=f"{KEY}-{item_id}-{code}").check()
    elif scale.type == "number":
        if value in scale.missing_codes:
            at.checkbox(key=f"{KEY}-{item_id}-{value}").check()
        else:
            at.number_input(key=f"{KEY}-{item_id}").set_value(value)
    else:
        at.radio(key=f"{KEY}-{item_id}").set_value(value)


def whole_scan(at: AppTest, answers: dict[str, int]) -> None:
    for dim in Q.dimensions:
        assert at.subheader[0].value == dim.name.nl
        for item in dim.items:
            if item.id in answers:
                answer(at, item.id, answers[item.id])
        at.run()
        assert not at.exception
        at.button(key=f"{KEY}-next").click().run()


# Every item type of 2.0: strong drives, weak policy (a combined rule), facts of each kind.
def unfavourable(item_id: str) -> int:
    scale = Q.scale(Q.item(item_id).scale)
    return scale.max if Q.item(item_id).reverse else scale.min


ANSWERS = {
    item.id: (unfavourable if item.dimension == "beleid" else favourable)(item.id)
    for item in Q.scored_items
} | {
    "ev_nu": 1,  # yes/no
    "ev_aantal": 3,  # a number
    "ev_vormen": 1 | 8,  # choose several: stage + vast contract
    "in_aantal": -9,  # weet ik niet
    "in_vorm": 2,  # choose one
    "pl_doel": 0,
    "ev02": 8,  # niet van toepassing
}


def test_a_whole_2_0_scan_ends_with_scores_chart_and_advice() -> None:
    assert Q.version == "2.0"
    at = new_app()
    answers = {k: v for k, v in ANSWERS.items() if k in Q.item_ids}
    whole_scan(at, answers)
    stored = at.session_state[KEY].load().answers
    assert stored == answers
    at.checkbox(key=f"{KEY}-{Q.support_needs.id}-jobcarving").check().run()
    at.button(key=f"{KEY}-finish").click().run()
    assert "Scan afronden?" in [h.value for h in at.subheader]
    # some factual questions stay open on purpose; every part still gets its score
    captions = [c.value for c in at.caption]
    assert "Dit onderdeel krijgt geen score als u nu afrondt." not in captions
    at.button(key=f"{KEY}-confirm-yes").click().run()
    assert not at.exception
    expected = score_one(questionnaire=Q, answers=answers, support_needs=["jobcarving"])
    assert at.metric[0].value == str(round(expected.overall_index))
    assert at.metric[1].value == expected.profile_label
    assert len(at.expander) == len(Q.dimensions)
    shown = " ".join(m.value for m in at.markdown)
    assert any(line.kind == "rule" for line in expected.advice)
    for line in expected.advice:
        assert line.text in shown, line.id
    assert expected.work_points
    for point in expected.work_points:
        assert point.text in shown
    facts = at.table[0].value
    assert "Stage of leerwerkplek; Vast contract" in facts.to_string()
    assert "Passend werk vinden" in shown  # the support step
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")


def test_multi_choices_add_up_and_weet_niet_excludes_them() -> None:
    at = new_app()
    for _ in range(2):  # to the step with ev_vormen
        at.button(key=f"{KEY}-next").click().run()
    backend = at.session_state[KEY]
    at.checkbox(key=f"{KEY}-ev_vormen-2").check().run()
    at.checkbox(key=f"{KEY}-ev_vormen-16").check().run()
    assert backend.load().answers["ev_vormen"] == 18
    at.checkbox(key=f"{KEY}-ev_vormen-2").uncheck().run()
    assert backend.load().answers["ev_vormen"] == 16
    at.checkbox(key=f"{KEY}-ev_vormen-99").check().run()
    assert backend.load().answers["ev_vormen"] == 99
    assert not at.checkbox(key=f"{KEY}-ev_vormen-16").value  # weet niet excludes the rest
    at.checkbox(key=f"{KEY}-ev_vormen-16").check().run()
    assert backend.load().answers["ev_vormen"] == 16
    assert not at.checkbox(key=f"{KEY}-ev_vormen-99").value
    at.checkbox(key=f"{KEY}-ev_vormen-16").uncheck().run()
    assert backend.load().answers["ev_vormen"] == 0  # none of them


def test_a_number_and_its_weet_niet() -> None:
    at = new_app()
    for _ in range(2):
        at.button(key=f"{KEY}-next").click().run()
    backend = at.session_state[KEY]
    at.number_input(key=f"{KEY}-ev_aantal").set_value(12).run()
    assert backend.load().answers["ev_aantal"] == 12
    at.checkbox(key=f"{KEY}-ev_aantal--9").check().run()
    assert backend.load().answers["ev_aantal"] == -9
    assert at.number_input(key=f"{KEY}-ev_aantal").value is None
    at.checkbox(key=f"{KEY}-ev_aantal--9").uncheck().run()
    assert backend.load().answers["ev_aantal"] is None


def test_the_glossary_opens_the_scan_and_ordinal_items_offer_niet_van_toepassing() -> None:
    at = new_app()
    assert "doelgroepregister" in at.info[0].value
    radio = at.radio(key=f"{KEY}-{Q.dimensions[0].items[0].id}")
    assert "Niet van toepassing" in radio.options and "Weet ik niet" in radio.options


def test_english_is_available() -> None:
    at = AppTest.from_file(PAGE, default_timeout=30)
    at.query_params["lang"] = "en"
    at.run()
    assert at.subheader[0].value == Q.dimensions[0].name.en
    assert at.button(key=f"{KEY}-next").label == "Next"


def test_support_needs_are_checkboxes_in_the_language() -> None:
    """Checkboxes, not a multiselect: that one shows Streamlit's English "Select all"."""
    for lang in ("nl", "en"):
        at = AppTest.from_file(PAGE, default_timeout=30)
        at.session_state["lang"] = lang
        at.run()
        for _dim in Q.dimensions:
            at.button(key=f"{KEY}-next").click().run()
        assert not at.multiselect
        labels = [c.label for c in at.checkbox]
        assert labels == [o.label.get(lang) for o in Q.support_needs.options]
        first, second = Q.support_needs.options[:2]
        at.checkbox(key=f"{KEY}-{Q.support_needs.id}-{second.id}").check().run()
        at.checkbox(key=f"{KEY}-{Q.support_needs.id}-{first.id}").check().run()
        at.checkbox(key=f"{KEY}-{Q.support_needs.id}-{second.id}").uncheck().run()
        assert at.session_state[KEY].load().support_needs == [first.id]


def _to_last_step(at: AppTest) -> None:
    while f"{KEY}-next" in [b.key for b in at.button]:
        at.button(key=f"{KEY}-next").click().run()


def test_finishing_lists_what_is_open_and_leads_back_to_it() -> None:
    at = new_app()
    first_dim = Q.dimensions[0]
    # one answer on step 1 only: every other dimension stays without a score
    at.radio(key=f"{KEY}-{first_dim.items[0].id}").set_value(4).run()
    _to_last_step(at)
    at.button(key=f"{KEY}-finish").click().run()
    assert not at.exception
    assert "Scan afronden?" in [h.value for h in at.subheader]
    texts = " ".join(t.value for t in at.text)
    # the open items are listed by their text; the answered one is not
    assert first_dim.items[1].text.nl in texts
    assert first_dim.items[0].text.nl not in texts
    captions = [c.value for c in at.caption]
    assert captions.count("Dit onderdeel krijgt geen score als u nu afrondt.") == len(Q.dimensions)
    # a link back to each step with something open
    for index, dim in enumerate(Q.dimensions):
        assert at.button(key=f"{KEY}-goto-{index}").label == f"Naar {dim.name.nl}"
    # going back: the form on that step, nothing finished; answer there and come back
    at.button(key=f"{KEY}-goto-2").click().run()
    assert at.subheader[0].value == Q.dimensions[2].name.nl
    assert not at.session_state[KEY].load().finished
    for item in Q.dimensions[2].items:
        answer(at, item.id, favourable(item.id))
        at.run()
    _to_last_step(at)
    at.button(key=f"{KEY}-finish").click().run()
    assert f"{KEY}-goto-2" not in [b.key for b in at.button]
    at.button(key=f"{KEY}-confirm-yes").click().run()
    assert at.session_state[KEY].load().finished
    assert at.metric[0].value != "-"


def test_finishing_without_answers_says_there_is_no_result() -> None:
    at = new_app()
    _to_last_step(at)
    at.button(key=f"{KEY}-finish").click().run()
    assert "nog geen enkele stelling beantwoord" in at.warning[0].value
    at.button(key=f"{KEY}-confirm-yes").click().run()
    assert not at.exception
    assert at.info[0].value == "Er is geen resultaat: er is geen enkele stelling beantwoord."
    assert not at.metric  # no empty score, chart or advice
    assert not (at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart"))


def test_cancel_returns_to_the_last_step() -> None:
    at = new_app()
    _to_last_step(at)
    at.button(key=f"{KEY}-finish").click().run()
    at.button(key=f"{KEY}-confirm-cancel").click().run()
    assert at.button(key=f"{KEY}-finish")
    assert not at.session_state[KEY].load().finished
