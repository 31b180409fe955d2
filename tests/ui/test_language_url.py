"""The language is kept in the URL (``?lang=en``): a reload keeps it, ``?token=`` stays."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from inclusief.settings import get_settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppTest]:
    monkeypatch.setenv("INCLUSIEF_DATABASE_URL", f"sqlite:///{tmp_path / 'app.sqlite3'}")
    monkeypatch.chdir(ROOT)  # the router names its pages relative to the repository
    get_settings.cache_clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    yield at
    get_settings.cache_clear()


def test_switching_to_english_writes_lang_to_the_url(app: AppTest) -> None:
    app.run()
    assert not app.exception
    assert "lang" not in app.query_params  # Dutch, the default: a clean URL
    assert app.button(key="lang_switch").label == "English"  # the other language
    app.button(key="lang_switch").click().run()
    assert not app.exception
    assert app.query_params["lang"] == "en"
    assert app.button(key="lang_switch").label == "Nederlands"
    app.button(key="lang_switch").click().run()
    assert "lang" not in app.query_params


def test_a_reload_with_lang_in_the_url_is_english(app: AppTest) -> None:
    app.query_params["lang"] = "en"
    app.run()
    assert not app.exception
    assert app.button(key="lang_switch").label == "Nederlands"
    assert app.query_params["lang"] == "en"


def test_the_token_stays_beside_the_language(app: AppTest) -> None:
    app.query_params["token"] = "abc"
    app.run()
    app.button(key="lang_switch").click().run()
    assert not app.exception
    assert app.query_params["token"] == "abc" and app.query_params["lang"] == "en"


def test_the_language_switch_is_a_button_not_a_radio_group(app: AppTest) -> None:
    """Arrow keys on a radio group switched the language on the way to the first question."""
    app.run()
    assert not app.sidebar.radio
    assert [b.key for b in app.sidebar.button][-1] == "lang_switch"  # last in the sidebar
