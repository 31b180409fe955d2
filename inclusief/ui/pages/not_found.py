"""The app's own page for an address it does not know (instead of Streamlit's English
"Page not found" dialog), offering the login to a guest."""

from __future__ import annotations

import streamlit as st

from inclusief.ui.auth import current_user
from inclusief.ui.i18n import tr

st.title(tr("ui.not_found_title"), anchor=False)
if current_user() is None:
    st.write(tr("ui.not_found_text"))
    st.page_link("inclusief/ui/pages/login.py", label=tr("app.nav_login"), icon=":material/login:")
else:
    st.write(tr("ui.not_found_logged_in"))
st.page_link("inclusief/ui/pages/home.py", label=tr("app.nav_home"), icon=":material/home:")
