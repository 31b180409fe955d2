"""The logged-in user's own account: change the password (ends every login of the user)."""

from __future__ import annotations

import streamlit as st

from inclusief.errors import AccessDenied, InputError
from inclusief.services import logins
from inclusief.services.accounts import MIN_PASSWORD
from inclusief.ui.auth import LOGIN_KEY, NOTICE_KEY, current_user, logout
from inclusief.ui.i18n import tr

user = current_user()
if user is None:
    st.error(tr("app.not_allowed"))
    st.stop()
st.title(tr("account.title"))
st.subheader(tr("account.password_title"))
active = logins.current(session_id=st.session_state.get(LOGIN_KEY))
if active is not None and active.kind == "oidc":
    st.info(tr("account.oidc"))
    st.stop()
st.write(tr("account.password_intro"))
with st.form("account_password", clear_on_submit=True):
    current = st.text_input(
        tr("account.current"),
        type="password",
        key="account_current",
        autocomplete="current-password",
    )
    new = st.text_input(
        tr("account.new"), type="password", key="account_new", autocomplete="new-password"
    )
    again = st.text_input(
        tr("account.repeat"), type="password", key="account_again", autocomplete="new-password"
    )
    submitted = st.form_submit_button(tr("account.change"), type="primary")
if submitted:
    if new != again:
        st.error(tr("account.differ"))
    elif len(new) < MIN_PASSWORD:
        st.error(tr("account.too_short"))
    else:
        try:
            logins.change_password(actor=user, current_password=current, new_password=new)
        except AccessDenied:
            st.error(tr("account.wrong"))
        except InputError as exc:
            st.error(str(exc))
        else:
            logout()  # every session already ended; this clears the tab and the cookie
            st.session_state[NOTICE_KEY] = tr("account.changed")
            st.rerun()
