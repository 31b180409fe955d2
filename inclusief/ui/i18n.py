"""Language for the UI: Dutch first, English on request (sidebar switch in app.py)."""

from __future__ import annotations

import streamlit as st

from inclusief.i18n import DEFAULT_LANG, t

LANG_KEY = "lang"


def lang() -> str:
    """The language the user chose; Dutch by default. ``?lang=en`` in the URL also works."""
    if LANG_KEY not in st.session_state:
        query = st.query_params.get("lang")
        st.session_state[LANG_KEY] = query if query in ("nl", "en") else DEFAULT_LANG
    return str(st.session_state[LANG_KEY])


def tr(key: str, /, **params: object) -> str:
    """Translate ``key`` into the chosen language."""
    return t(key, lang(), **params)
