"""The consultant's dashboard (AppTest): the overview table, namesakes, invitations and their
status, an open scan offered instead of a new one, reopening with confirmation."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from inclusief.services import access, invitations, notes, organisations, scan

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "inclusief/ui/pages/dashboard.py")


@pytest.fixture
def page(store: Any, consultant: Any, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(access, "store_of", lambda given=None: given or store)

    def make(lang: str = "nl") -> AppTest:
        at = AppTest.from_file(PAGE, default_timeout=60)
        at.session_state["user"] = consultant
        at.session_state["lang"] = lang
        at.run()
        assert not at.exception
        return at

    return make


def _org(store: Any, consultant: Any, name: str, municipality: str | None = None) -> int:
    return organisations.create_organisation(
        actor=consultant,
        name=name,
        municipality=municipality,
        sector="zorg",
        size_class="50-99",
        region="Utrecht",
        store=store,
    ).id


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def test_the_overview_lists_organisations_with_last_scan_actions_and_links(
    page: Any, store: Any, consultant: Any
) -> None:
    linde = _org(store, consultant, "Zorggroep De Linde", "Utrecht")
    _org(store, consultant, "Bakkerij Van Dam", "Zeist")
    a = scan.create_assessment(actor=consultant, organisation_id=linde, mode="self", store=store)
    invitations.create_invitation(actor=consultant, assessment_id=a.id, store=store)
    notes.add_action(
        actor=consultant, assessment_id=a.id, what="Intake", who="HR", due=None, store=store
    )
    done = notes.add_action(
        actor=consultant, assessment_id=a.id, what="Klaar", who="HR", due=None, store=store
    )
    notes.set_action_done(actor=consultant, action_id=done.id, done=True, store=store)
    at = page()
    frame = at.dataframe[0].value
    assert list(frame.columns) == [
        "Naam",
        "Gemeente",
        "Laatste scan",
        "Status laatste scan",
        "Open acties",
        "Actieve links",
    ]
    rows = {r["Naam"]: r for r in frame.to_dict("records")}
    assert rows["Zorggroep De Linde"]["Gemeente"] == "Utrecht"
    assert rows["Zorggroep De Linde"]["Status laatste scan"] == "open"
    assert rows["Zorggroep De Linde"]["Open acties"] == 1
    assert rows["Zorggroep De Linde"]["Actieve links"] == 1
    assert rows["Bakkerij Van Dam"]["Status laatste scan"] == "–"
    # searchable by name or municipality
    at.text_input(key="dash_search").input("zeist").run()
    assert list(at.dataframe[0].value["Naam"]) == ["Bakkerij Van Dam"]
    at.text_input(key="dash_search").input("nergens").run()
    assert not at.dataframe or "Naam" not in at.dataframe[0].value.columns
    assert "Geen organisatie gevonden met deze zoekterm." in [c.value for c in at.caption]


def test_namesakes_are_refused_unless_the_municipality_differs(
    page: Any, store: Any, consultant: Any
) -> None:
    _org(store, consultant, "Zorggroep De Linde", "Utrecht")
    at = page()
    at.text_input(key="dash_new_name").input("zorggroep de linde")
    at.selectbox(key="dash_new_municipality").select("Utrecht")
    at.button[[b.label for b in at.button].index("Toevoegen")].click().run()
    assert (
        "organisatie: veld 'gemeente': "
        "U heeft al een organisatie 'zorggroep de linde' in Utrecht."
        in _unescape(at.error[0].value)
    )
    at.text_input(key="dash_new_name").input("Zorggroep De Linde")
    at.selectbox(key="dash_new_municipality").select("Amersfoort")
    at.button[[b.label for b in at.button].index("Toevoegen")].click().run()
    assert not at.error
    options = at.selectbox(key="dash_org_select").options
    assert "Zorggroep De Linde (Utrecht)" in options
    assert "Zorggroep De Linde (Amersfoort)" in options
    # the name field states its maximum length; the municipality is picked from the list
    assert at.text_input(key="dash_new_name").max_chars == 120


def test_inviting_offers_the_open_scan_and_a_revoked_link_is_not_offered(
    page: Any, store: Any, consultant: Any
) -> None:
    org = _org(store, consultant, "Zorggroep De Linde")
    at = page()
    at.button(key="dash_invite").click().run()  # no scan yet: a new one with a link
    (first,) = scan.list_assessments(actor=consultant, organisation_id=org, store=store)
    assert at.code[0].value.startswith("http") and "token=" in at.code[0].value
    # inviting again offers that open scan instead of a new empty one
    at.button(key="dash_invite").click().run()
    assert "heeft al een open scan" in at.markdown[-1].value or any(
        "heeft al een open scan" in m.value for m in at.markdown
    )
    at.button(key="dash_offer_use").click().run()
    assert len(scan.list_assessments(actor=consultant, organisation_id=org, store=store)) == 1
    links = invitations.list_invitations(actor=consultant, organisation_id=org, store=store)
    assert [i.status for i in links] == ["active", "active"]
    assert all(i.assessment_id == first.id for i in links)
    # the links table shows each link's status with its date
    statuses = list(at.dataframe[-1].value["Status"])
    assert all(s.startswith("actief (geldig tot ") for s in statuses)
    # revoking: the link is no longer offered for copying, the list says "ingetrokken op"
    at.button(key=f"dash_revoke_{first.id}").click().run()
    assert not at.exception
    assert not at.code
    statuses = list(at.dataframe[-1].value["Status"])
    assert all(s.startswith("ingetrokken op ") for s in statuses)
    assert f"dash_revoke_{first.id}" not in [b.key for b in at.button]


def test_a_new_scan_anyway_when_asked(page: Any, store: Any, consultant: Any) -> None:
    org = _org(store, consultant, "Zorggroep De Linde")
    scan.create_assessment(actor=consultant, organisation_id=org, mode="self", store=store)
    at = page()
    at.button(key="dash_invite").click().run()
    at.button(key="dash_offer_new").click().run()
    assert len(scan.list_assessments(actor=consultant, organisation_id=org, store=store)) == 2


def test_reopening_asks_first_and_the_scans_list_has_headers(
    page: Any, store: Any, consultant: Any
) -> None:
    org = _org(store, consultant, "Zorggroep De Linde")
    a = scan.create_assessment(actor=consultant, organisation_id=org, mode="self", store=store)
    scan.finish_assessment(actor=consultant, assessment_id=a.id, store=store)
    at = page()
    md = [m.value for m in at.markdown]
    for header in ("**Datum**", "**Soort**", "**Status**", "**Beantwoord**"):
        assert header in md
    at.button(key=f"dash_reopen_{a.id}").click().run()
    assert "Weet u zeker" in at.warning[0].value
    assert scan.get_assessment(actor=consultant, assessment_id=a.id, store=store).status == (
        "finished"
    )
    at.button(key=f"dash_reopen_yes_{a.id}").click().run()
    assert scan.get_assessment(actor=consultant, assessment_id=a.id, store=store).status == "open"
