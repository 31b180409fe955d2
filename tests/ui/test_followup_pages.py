"""The check-in link page and the consultant's follow-up page (AppTest)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from inclusief.services import access, organisations
from inclusief.services import placements as svc

ROOT = Path(__file__).resolve().parents[2]
CHECKIN = str(ROOT / "inclusief/ui/pages/checkin.py")
FOLLOWUP = str(ROOT / "inclusief/ui/pages/followup.py")
RETENTION = str(ROOT / "inclusief/ui/pages/retention.py")


@pytest.fixture
def placed(store, consultant, monkeypatch):
    monkeypatch.setattr(access, "store_of", lambda given=None: given or store)
    org = organisations.create_organisation(
        actor=consultant, name="Groenbedrijf", sector="handel", size_class="10-49",
        region="Utrecht",
    )  # fmt: skip
    return svc.add_placement(
        actor=consultant, organisation_id=org.id, candidate_pseudonym="G-2",
        start_date=date.today() - timedelta(days=12), contract_type="bepaalde_tijd",
        hours_per_week=20, route="praktijkroute", job_title="Hovenier",
    )  # fmt: skip


def test_worker_fills_in_one_question_per_screen(placed, consultant) -> None:
    c = svc.start_checkin(
        actor=consultant, placement_id=placed.id, point="w2", respondent="worker", mode="link"
    )
    token = svc.create_checkin_link(actor=consultant, checkin_id=c.id)
    at = AppTest.from_file(CHECKIN, default_timeout=60)
    at.query_params["checkin"] = token
    at.run()
    assert not at.exception
    assert at.title[0].value == "Hoe gaat het op je werk?"
    key = f"checkin_{c.id}"
    q = svc.checkin_questionnaire(actor=consultant, checkin_id=c.id)
    for item in q.items:
        assert len(at.radio) == 1 and at.radio[0].label == item.text.nl
        pictures = [m.value for m in at.markdown if "<img" in m.value]
        assert len(pictures) == 1 and 'alt="' in pictures[0]
        value = 1 if item.id == "wn_energie" else (1 if item.reverse else 3)
        at.radio(key=f"{key}-{item.id}").set_value(value).run()
        at.button(key=f"{key}-next").click().run()
        assert not at.exception
    at.text_area(key=f"{key}-comment").input("Ik ben vaak moe").run()
    at.button(key=f"{key}-finish").click().run()
    assert not at.error, at.error[0].value if at.error else ""
    assert "Dank je wel" in at.success[0].value
    signals = svc.placement_signals(actor=consultant, placement_id=placed.id)
    assert "weinig_energie" in {s.rule_id for s in signals}


def test_bad_link_shows_a_plain_message(placed) -> None:
    at = AppTest.from_file(CHECKIN, default_timeout=60)
    at.query_params["checkin"] = "onzin"
    at.run()
    assert not at.exception and "werkt niet" in at.error[0].value


def test_consultant_page_shows_due_and_signals(placed, consultant, researcher) -> None:
    at = AppTest.from_file(FOLLOWUP, default_timeout=60)
    at.session_state["user"] = consultant
    at.run()
    assert not at.exception
    assert at.title[0].value == "Plaatsingen volgen"
    assert len(at.dataframe) >= 1  # check-ins due this week
    at.button(key=f"fu_sess_{placed.id}_w2_employer").click().run()
    assert not at.exception
    assert any("Check-in samen invullen" in s.value for s in at.subheader)
    other = AppTest.from_file(FOLLOWUP, default_timeout=60)
    other.session_state["user"] = researcher
    other.run()
    assert other.error  # not for researchers
    ret = AppTest.from_file(RETENTION, default_timeout=60)
    ret.session_state["user"] = researcher
    ret.run()
    assert not ret.exception and ret.title[0].value == "Retentie plaatsingen"
