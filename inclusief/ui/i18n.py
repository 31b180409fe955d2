"""Language for the UI: Dutch first, English on request (sidebar switch in app.py).

The choice is kept in the session and in the URL (``?lang=en``), so a reload or a shared
link keeps it. Dutch, the default, leaves the URL without ``lang``.
"""

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


def set_lang(choice: str) -> None:
    """Switch the language for this session and write it into the URL."""
    st.session_state[LANG_KEY] = choice if choice in ("nl", "en") else DEFAULT_LANG
    keep_lang_in_url()


def keep_lang_in_url() -> None:
    """Put the chosen language in ``?lang=`` (other parameters such as ``?token=`` stay).

    Called on every run of the router: a page switch in the menu may drop the parameter.
    """
    current = lang()
    if current == DEFAULT_LANG:
        if LANG_KEY in st.query_params:
            del st.query_params[LANG_KEY]
    elif st.query_params.get(LANG_KEY) != current:
        st.query_params[LANG_KEY] = current


def tr(key: str, /, **params: object) -> str:
    """Translate ``key`` into the chosen language."""
    return t(key, lang(), **params)
