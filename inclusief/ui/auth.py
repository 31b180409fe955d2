"""Who is using the app: a logged-in user (local account or OIDC), or a guest."""

from __future__ import annotations

import streamlit as st

from inclusief.services import access, accounts

USER_KEY = "user"


def current_user() -> access.Principal | None:
    """The logged-in user, also after an OIDC login through ``st.login`` when configured."""
    data = st.session_state.get(USER_KEY)
    if isinstance(data, access.Principal):
        return data
    if oidc_configured() and getattr(st.user, "is_logged_in", False):
        email = str(getattr(st.user, "email", "") or "")
        principal = accounts.principal_for_email(email)
        if principal is not None:
            st.session_state[USER_KEY] = principal
        return principal
    return None


def oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:
        return False


def logout() -> None:
    st.session_state.pop(USER_KEY, None)
    for key in [k for k in st.session_state if str(k).startswith(("session_", "dash_"))]:
        del st.session_state[key]
    if oidc_configured() and getattr(st.user, "is_logged_in", False):
        st.logout()
