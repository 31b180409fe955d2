"""The researcher page, driven with Streamlit's AppTest; the core seam is patched."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from research_factories import PLANTED_EMAIL, PLANTED_NAMES, PLANTED_NOTE, Q, make_rows
from streamlit.testing.v1 import AppTest

from inclusief.errors import AccessDenied
from inclusief.services import research as service

PAGE = str(Path(__file__).resolve().parents[2] / "inclusief" / "ui" / "pages" / "research.py")


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []
    view = service.research_view(questionnaire=Q, rows=make_rows(400, seed=11), k=5)

    def fake(**kwargs: Any) -> service.ResearchView:
        seen.append(kwargs)
        return view

    monkeypatch.setattr(service, "available_questionnaires", lambda: [Q.id])
    monkeypatch.setattr(service, "research_view_from", fake)
    return seen


def all_text(at: AppTest) -> str:
    parts = [str(e.value) for kind in ("markdown", "caption", "info", "success", "error",
             "title") for e in getattr(at, kind)]  # fmt: skip
    for frame in at.dataframe:
        parts.append(frame.value.to_string())
    return "\n".join(parts)


def test_the_page_shows_export_reliability_tables_and_typology(calls: list[dict[str, Any]]) -> None:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["user"] = "researcher-1"
    at.run()
    assert not at.exception
    assert calls and calls[0]["actor"] == "researcher-1" and calls[0]["k"] == 5
    assert at.title[0].value == "Onderzoek"
    assert len(at.tabs) == 4
    text = all_text(at)
    assert "scans in de export" in text
    assert "Cultuur" in text  # reliability table
    assert "silhouetscore" in text or "typologie" in text
    assert len(at.get("download_button")) == 4


def test_a_researcher_sees_no_names_anywhere(calls: list[dict[str, Any]]) -> None:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.run()
    text = all_text(at).casefold()
    for planted in [*PLANTED_NAMES, PLANTED_EMAIL, PLANTED_NOTE, "Karin de Vries"]:
        assert planted.casefold() not in text


def test_without_the_research_role_the_page_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(**_kwargs: Any) -> service.ResearchView:
        raise AccessDenied("no")

    monkeypatch.setattr(service, "available_questionnaires", lambda: [Q.id])
    monkeypatch.setattr(service, "research_view_from", denied)
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.run()
    assert not at.exception
    assert "geen toegang" in at.error[0].value


def test_english_texts_come_from_the_locale(calls: list[dict[str, Any]]) -> None:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["lang"] = "en"
    at.run()
    assert at.title[0].value == "Research"
