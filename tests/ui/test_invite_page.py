"""The employer's invitation page (AppTest): the finished result with the peer band.

The band is the same peer benchmark the session page and the PDF use
(``inclusief.services.reports.peer_benchmark_for``), shown only when the peer group is large
enough (``Settings.peer_min_group``, 10).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from inclusief.services import access, invitations, scan
from inclusief.settings import get_settings

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "inclusief/ui/pages/invite.py")
BAND_NL = "De grijze band toont de middelste helft van"
BAND_EN = "The grey band shows the middle half of"


def _finish(store: Any, actor: Any, assessment_id: int, q: Any, value: int) -> None:
    for item in q.items:
        scan.save_answer(
            actor=actor, assessment_id=assessment_id, item_id=item.id, value=value, store=store
        )
    scan.finish_assessment(actor=actor, assessment_id=assessment_id, store=store)


def _invite_app(token: str, lang: str = "nl") -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["token"] = token
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception
    return at


def _employer_result(store: Any, consultant: Any, new_scan: Any, q: Any) -> str:
    made = new_scan(consultant, name="Zorggroep De Linde")
    token = invitations.create_invitation(
        actor=consultant, assessment_id=made.assessment_id, store=store
    )
    employer = invitations.open_by_token(token, store=store)
    _finish(store, employer, made.assessment_id, q, value=4)
    return token


def _band_layers(at: AppTest) -> list[dict[str, Any]]:
    # the element's name differs between Streamlit versions
    charts = [*at.get("vega_lite_chart"), *at.get("arrow_vega_lite_chart")]
    specs = [json.loads(c.proto.spec) for c in charts]
    assert len(specs) == 1, "one result chart"
    return [
        layer
        for layer in specs[0].get("layer", [])
        if layer.get("encoding", {}).get("x2", {}).get("field") == "p75"
    ]


def _captions(at: AppTest) -> str:
    return " ".join(c.value for c in at.caption)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_employer_sees_the_peer_band_with_enough_peers(
    store: Any,
    consultant: Any,
    new_scan: Any,
    werkgeversscan: Any,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
) -> None:
    monkeypatch.setattr(access, "store_of", lambda given=None: given or store)
    needed = get_settings().peer_min_group
    for i in range(needed):  # peers: other organisations of the same size class
        peer = new_scan(consultant, name=f"Peer {i}")
        _finish(store, consultant, peer.assessment_id, werkgeversscan, value=2 + i % 3)
    token = _employer_result(store, consultant, new_scan, werkgeversscan)
    at = _invite_app(token, lang)
    assert len(_band_layers(at)) == 1
    band = BAND_NL if lang == "nl" else BAND_EN
    assert f"{band} {needed} " in _captions(at)
    # the PDF download is still there
    assert at.get("download_button")


def test_no_band_with_too_few_peers(
    store: Any,
    consultant: Any,
    new_scan: Any,
    werkgeversscan: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(access, "store_of", lambda given=None: given or store)
    for i in range(get_settings().peer_min_group - 1):
        peer = new_scan(consultant, name=f"Peer {i}")
        _finish(store, consultant, peer.assessment_id, werkgeversscan, value=3)
    token = _employer_result(store, consultant, new_scan, werkgeversscan)
    at = _invite_app(token)
    assert _band_layers(at) == []
    assert BAND_NL not in _captions(at)
    assert at.get("download_button")
