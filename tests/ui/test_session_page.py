"""The session page (AppTest): the organisation's trend chart beside the session's result."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from inclusief.services import access, scan

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "inclusief/ui/pages/session.py")


def _answer_all(store, actor, assessment_id: int, q, value: int) -> None:
    for item in q.items:
        scan.save_answer(
            actor=actor, assessment_id=assessment_id, item_id=item.id, value=value, store=store
        )


def _session_app(consultant, assessment_id: int, lang: str = "nl") -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["user"] = consultant
    at.session_state["session_assessment"] = assessment_id
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception
    return at


def _trend_spec(at: AppTest) -> dict:
    import json

    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    trends = [s for s in specs if s.get("mark", {}).get("type") == "line"]
    assert len(trends) == 1, "one trend chart"
    return trends[0]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_finished_session_shows_the_trend_with_the_earlier_scan(
    store, consultant, new_scan, werkgeversscan, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    monkeypatch.setattr(access, "store_of", lambda given=None: given or store)
    earlier = new_scan(consultant, name="Zorggroep De Linde")
    _answer_all(store, consultant, earlier.assessment_id, werkgeversscan, value=2)
    with monkeypatch.context() as m:  # a year earlier
        m.setattr(scan, "utcnow", lambda: datetime(2025, 3, 5, 10, 0, tzinfo=UTC))
        scan.finish_assessment(actor=consultant, assessment_id=earlier.assessment_id, store=store)
    now = scan.create_assessment(
        actor=consultant,
        organisation_id=earlier.organisation_id,
        mode="session",
        version="1.0",  # the same version: no version change in the chart
        store=store,
    )
    _answer_all(store, consultant, now.id, werkgeversscan, value=4)

    at = _session_app(consultant, now.id, lang)
    # Not finished yet: the earlier scan is drawn, with a note that this one follows.
    title = "Ontwikkeling over tijd" if lang == "nl" else "Development over time"
    assert title in [s.value for s in at.subheader]
    assert len(_trend_spec(at)["encoding"]["x"]["sort"]) == 1

    scan.finish_assessment(actor=consultant, assessment_id=now.id, store=store)
    at = _session_app(consultant, now.id, lang)
    spec = _trend_spec(at)
    x = spec["encoding"]["x"]
    assert x["type"] == "ordinal" and x["sort"][0] == "05-03-2025"  # two dates, side by side
    assert len(x["sort"]) == 2
    legend = spec["encoding"]["color"]["legend"]
    assert legend["labelLimit"] == 0 and legend["orient"] == "bottom"


def test_no_trend_without_finished_scans(
    store, consultant, new_scan, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(access, "store_of", lambda given=None: given or store)
    made = new_scan(consultant, mode="session")
    at = _session_app(consultant, made.assessment_id)
    assert "Ontwikkeling over tijd" not in [s.value for s in at.subheader]


def test_a_2_0_session_after_a_1_0_scan_marks_the_version_and_names_the_region(
    store, consultant, new_scan, werkgeversscan, werkgeversscan2, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from inclusief.questionnaires.regions import region_for

    monkeypatch.setattr(access, "store_of", lambda given=None: given or store)
    earlier = new_scan(consultant, name="Gemeente Rivierstad", municipality="Utrecht")
    _answer_all(store, consultant, earlier.assessment_id, werkgeversscan, value=2)
    with monkeypatch.context() as m:
        m.setattr(scan, "utcnow", lambda: datetime(2025, 3, 5, 10, 0, tzinfo=UTC))
        scan.finish_assessment(actor=consultant, assessment_id=earlier.assessment_id, store=store)
    now = scan.create_assessment(
        actor=consultant, organisation_id=earlier.organisation_id, mode="session", store=store
    )
    assert now.questionnaire_version == "2.0"
    for item in werkgeversscan2.scored_items:
        scan.save_answer(
            actor=consultant, assessment_id=now.id, item_id=item.id, value=3, store=store
        )
    scan.save_answer(
        actor=consultant, assessment_id=now.id, item_id="ev_aantal", value=2, store=store
    )
    scan.finish_assessment(actor=consultant, assessment_id=now.id, store=store)
    at = _session_app(consultant, now.id)
    assert f"Hulp in uw regio {region_for('Utrecht').name}" in [s.value for s in at.subheader]
    assert any("UWV" in i.value for i in at.info)
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    layered = [
        s
        for s in specs
        if "layer" in s and any(layer.get("mark", {}).get("type") == "rule" for layer in s["layer"])
    ]
    assert len(layered) == 1, "the trend chart marks the version change"
