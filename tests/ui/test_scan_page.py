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


def test_a_whole_scan_ends_with_scores_chart_and_advice() -> None:
    at = new_app()
    answers = {}
    for _dim in Q.dimensions:
        for radio in at.radio:
            item_id = radio.key.removeprefix(f"{KEY}-")
            answers[item_id] = favourable(item_id)
            radio.set_value(answers[item_id])
        at.run()
        at.button(key=f"{KEY}-next").click().run()
    # support needs step
    at.checkbox(key=f"{KEY}-{Q.support_needs.id}-jobcarving").check().run()
    at.button(key=f"{KEY}-finish").click().run()
    assert "Scan afronden?" in [h.value for h in at.subheader]
    assert "alle stellingen beantwoord" in " ".join(m.value for m in at.markdown)
    at.button(key=f"{KEY}-confirm-yes").click().run()
    assert not at.exception
    expected = score_one(questionnaire=Q, answers=answers, support_needs=["jobcarving"])
    assert expected.overall_index == 100
    assert at.metric[0].value == "100"
    assert at.metric[1].value == expected.profile_label
    assert len(at.expander) == len(Q.dimensions)
    assert any("jobcarving" in m.value.lower() for m in at.markdown)
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")


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
        at.radio(key=f"{KEY}-{item.id}").set_value(favourable(item.id)).run()
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
