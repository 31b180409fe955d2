"""The researcher's page (AppTest): labels a reader knows, not codes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from inclusief.services import access, demo

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "inclusief/ui/pages/research.py")


def test_levels_and_measures_are_shown_by_name(
    store: Any, researcher: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(access, "store_of", lambda given=None: given or store)
    demo.seed(store)
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["user"] = researcher
    at.session_state["lang"] = "nl"
    at.run()
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "Generalisatie: sector " in captions
    for code in ("all", "broad_sector", "year", "quarter", "landsdeel", "coarse"):
        assert re.search(rf"\b{code}\b", captions) is None, code
    assert "alle sectoren samen" in captions or "brede sector" in captions
    shown = list(at.selectbox(key="research-m").options)  # the labels the user sees
    assert "Totaalindex" in shown
    assert "overall_index" not in shown
