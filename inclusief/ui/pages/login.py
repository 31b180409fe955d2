"""Log in with a local account (argon2, lockout) or, when configured, with OIDC."""

from __future__ import annotations

import streamlit as st

from inclusief.errors import AccessDenied
from inclusief.services import logins
from inclusief.ui.auth import NOTICE_KEY, oidc_configured, remember
from inclusief.ui.i18n import tr

st.title(tr("store.login_title"))
if notice := st.session_state.pop(NOTICE_KEY, None):
    st.success(notice)
with st.form("login_form"):
    email = st.text_input(
        tr("store.email"), key="login_email", autocomplete="username", max_chars=254
    )
    password = st.text_input(
        tr("store.password"), type="password", key="login_password", autocomplete="current-password"
    )
    submitted = st.form_submit_button(tr("store.login_button"), type="primary")
if submitted:
    try:
        start = logins.login(email, password)
    except AccessDenied:
        st.error(tr("store.login_failed"))
    else:
        remember(start)  # this tab is logged in; the browser gets its cookie
        st.session_state["after_login"] = True  # app.py sends the user to their start page
        st.rerun()
if oidc_configured():
    st.divider()
    st.button(tr("store.oidc_button"), on_click=st.login, key="login_oidc")
