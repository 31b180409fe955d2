"""The dashboard's new-organisation form asks for the municipality (issue 20)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from inclusief.services import access, organisations

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "inclusief/ui/pages/dashboard.py")


def _app(consultant) -> AppTest:  # type: ignore[no-untyped-def]
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["user"] = consultant
    at.run()
    assert not at.exception
    return at


def test_a_new_organisation_gets_its_municipality(
    store, consultant, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(access, "store_of", lambda given=None: given or store)
    at = _app(consultant)
    picker = at.selectbox(key="dash_new_municipality")
    assert "Utrecht" in picker.options and picker.value is None  # optional
    at.text_input(key="dash_new_name").input("Tuincentrum De Wilg")
    picker.select("Utrecht")
    next(b for b in at.button if b.label == "Toevoegen").click()
    at.run()
    assert not at.exception
    (org,) = organisations.list_organisations(actor=consultant, store=store)
    assert (org.name, org.municipality) == ("Tuincentrum De Wilg", "Utrecht")


def test_without_a_municipality_the_organisation_is_made_too(
    store, consultant, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(access, "store_of", lambda given=None: given or store)
    at = _app(consultant)
    at.text_input(key="dash_new_name").input("Garage Snel")
    next(b for b in at.button if b.label == "Toevoegen").click()
    at.run()
    (org,) = organisations.list_organisations(actor=consultant, store=store)
    assert org.municipality is None
