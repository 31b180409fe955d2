"""Werkgeversscan for a guest: a trial scan without an invitation link."""

from __future__ import annotations

import streamlit as st

from inclusief.questionnaires.load import load_shipped
from inclusief.questionnaires.progress import MemoryBackend
from inclusief.ui.components import scan_form
from inclusief.ui.i18n import lang, tr

KEY = "guest_scan"

st.title(tr("scan.page_title"), anchor=False)
questionnaire = load_shipped("werkgeversscan")
if KEY not in st.session_state:
    st.session_state[KEY] = MemoryBackend(questionnaire)
backend: MemoryBackend = st.session_state[KEY]

st.write(questionnaire.description.get(lang()) if questionnaire.description else tr("scan.intro"))
if backend.load().finished:
    scan_form.show_result(backend, key=KEY)
    if st.button(tr("scan.restart"), key=f"{KEY}-restart"):
        del st.session_state[KEY]
        st.rerun()
else:
    scan_form.show_form(backend, key=KEY)
