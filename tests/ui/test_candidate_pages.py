"""The candidate's intake page and the consultant's candidates page (AppTest)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from inclusief.services import access, candidates
from inclusief.services import candidate_intake as intake

ROOT = Path(__file__).resolve().parents[2]
INTAKE = str(ROOT / "inclusief/ui/pages/intake.py")
CANDIDATES = str(ROOT / "inclusief/ui/pages/candidates.py")


@pytest.fixture
def wired(store, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(access, "store_of", lambda given=None: given or store)
    return store


def _candidate(store: Any, consultant: Any) -> int:
    return candidates.create_candidate(
        actor=consultant,
        pseudonym="Kandidaat Sem",
        hours_min=8,
        hours_max=16,
        slots=["ma-ochtend"],
        hourly_cost_eur=19.74,
        store=store,
    )


def _intake_app(token: str, lang: str = "nl") -> AppTest:
    at = AppTest.from_file(INTAKE, default_timeout=60)
    at.query_params["intake"] = token
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception
    return at


def _click(at: AppTest, key: str) -> None:
    at.button(key=key).click().run()
    assert not at.exception


def test_a_bad_link_gets_one_plain_message(wired) -> None:
    at = _intake_app("nope")
    assert [e.value for e in at.error] == [
        "Deze link werkt niet meer. Vraag je begeleider om een nieuwe link."
    ]
    at = _intake_app("nope", "en")
    assert [e.value for e in at.error] == [
        "This link does not work any more. Ask your coach for a new link."
    ]


def test_the_candidate_answers_one_question_a_screen_and_a_reload_resumes(
    wired, consultant
) -> None:
    cid = _candidate(wired, consultant)
    token = intake.create_intake_link(actor=consultant, candidate_id=cid, store=wired)
    at = _intake_app(token)
    _click(at, "intake_start_link")
    assert "Vraag 1 van 10" in at.get("progress")[0].proto.text
    _click(at, "intake_opt_link_likes_schoonmaken")
    _click(at, "intake_opt_link_likes_eten_drinken")
    _click(at, "intake_opt_link_likes_schoonmaken")  # a second click takes it away
    _click(at, "intake_next_link")
    _click(at, "intake_back_link")  # "terug" brings the first question back, answers in place
    assert "✓" in at.button(key="intake_opt_link_likes_eten_drinken").label
    assert "✓" not in at.button(key="intake_opt_link_likes_schoonmaken").label
    _click(at, "intake_next_link")
    _click(at, "intake_next_link")  # dislikes: none
    _click(at, "intake_opt_link_slots_di-ochtend")
    again = _intake_app(token)  # a reload: same screen, the answer in place
    assert "Vraag 3 van 10" in again.get("progress")[0].proto.text
    assert "✓" in again.button(key="intake_opt_link_slots_di-ochtend").label
    [state] = intake.intakes_of(actor=consultant, candidate_id=cid, store=wired)
    assert state.answers == {
        "likes": ["eten_drinken"],
        "slots": ["di-ochtend"],
    }  # skipped: no answer


def test_the_consultant_sees_and_accepts_the_answers(wired, consultant) -> None:
    cid = _candidate(wired, consultant)
    token = intake.create_intake_link(actor=consultant, candidate_id=cid, store=wired)
    me = intake.open_intake(token, store=wired)
    intake.answer(actor=me, intake_id=me.intake_id, question="hours", value="16_24", store=wired)
    at = AppTest.from_file(CANDIDATES, default_timeout=60)
    at.session_state["user"] = consultant
    at.run()
    assert not at.exception, at.exception
    assert any("16 tot 24 uur" in str(t.value) for t in at.table)
    at.button(key=f"accept_{me.intake_id}").click().run()
    assert not at.exception
    view = candidates.get_candidate(actor=consultant, candidate_id=cid, store=wired)
    assert (view.hours_min, view.hours_max) == (16, 24) and "hours_min" in view.from_candidate
    labels = [n.label for n in at.number_input]
    assert any("van de kandidaat zelf" in label for label in labels)


def _page(consultant: Any) -> AppTest:
    at = AppTest.from_file(CANDIDATES, default_timeout=60)
    at.session_state["user"] = consultant
    at.run()
    assert not at.exception, at.exception
    return at


def test_the_consultant_records_a_level_with_source_consent_and_withdraws(
    wired, consultant
) -> None:
    cid = _candidate(wired, consultant)
    at = _page(consultant)
    dim_box = next(s for s in at.selectbox if s.label == "Dimensie")
    dim_box.set_value("tillen")
    next(n for n in at.number_input if n.label == "Niveau").set_value(1)
    next(t for t in at.text_input if t.label == "Bron").input("FML 12-03-2026, verzekeringsarts")
    next(b for b in at.button if b.label == "Niveau opslaan").click().run()
    assert not at.exception
    view = candidates.get_candidate(actor=consultant, candidate_id=cid, store=wired)
    assert view.capabilities["tillen"].source == "FML 12-03-2026, verzekeringsarts"
    assert any("FML 12-03-2026" in str(d.value) for d in at.dataframe)

    next(s for s in at.selectbox if s.label == "Soort toestemming").set_value("capabilities")
    next(b for b in at.button if b.label == "Toestemming vastleggen").click().run()
    view = candidates.get_candidate(actor=consultant, candidate_id=cid, store=wired)
    [consent] = view.consents
    assert consent.how == "paper" and consent.active
    at.button(key=f"withdraw_{consent.id}").click().run()
    assert not at.exception
    assert "direct" in at.success[0].value
    view = candidates.get_candidate(actor=consultant, candidate_id=cid, store=wired)
    assert not view.has_consent("capabilities")


def test_a_bad_value_on_the_page_names_the_field(wired, consultant) -> None:
    cid = _candidate(wired, consultant)
    at = _page(consultant)
    boxes = [n for n in at.number_input if n.label.startswith("Minimaal uren")]
    boxes[-1].set_value(30.0)  # the profile form's minimum, above its maximum (16)
    next(b for b in at.button if b.label == "Opslaan").click().run()
    assert not at.exception
    assert any("hours_min" in e.value for e in at.error)
    view = candidates.get_candidate(actor=consultant, candidate_id=cid, store=wired)
    assert view.hours_min == 8
