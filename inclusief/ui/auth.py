"""Who is using the app: a logged-in user (local account or OIDC), or a guest.

A login is a server-side session (inclusief/services/logins.py). This tab remembers the
session's row; a reload, a new tab or a restarted app finds it again through the HttpOnly
cookie that the browser sends with the page's websocket (``st.context.cookies``). Every run
of the page checks the session, so a logout elsewhere, a deactivation or a password change
takes effect at the next click.
"""

from __future__ import annotations

import json

import streamlit as st

from inclusief.services import access, accounts, logins

USER_KEY = "user"
LOGIN_KEY = "login_session"
SCRIPT_KEY = "login_script"
NOTICE_KEY = "login_notice"  # a message for the login page (after a password change)


def _base() -> str:
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/" if base else "/"


def _run_js(code: str) -> None:
    """Run a small script in the page once (the next run of the router draws it)."""
    st.session_state[SCRIPT_KEY] = code


def page_scripts(lang: str) -> None:
    """Called by the router on every run: the page's ``lang`` attribute, and a pending
    cookie request (after a login or logout)."""
    code = f"document.documentElement.lang = {json.dumps(lang)};"
    pending = st.session_state.pop(SCRIPT_KEY, None)
    if pending:
        code += pending
    st.html(f"<script>{code}</script>", unsafe_allow_javascript=True)


def _cookie() -> str | None:
    try:
        value = st.context.cookies.get(logins.COOKIE)
    except Exception:  # no browser (AppTest) has no context cookies
        return None
    return value if isinstance(value, str) and value else None


def _oidc_logged_in() -> bool:
    return oidc_configured() and bool(getattr(st.user, "is_logged_in", False))


def _end_oidc() -> None:
    """Our session of an OIDC user ended: clear our cookie and Streamlit's OIDC login."""
    st.session_state.pop(USER_KEY, None)
    _run_js(f"window.location.assign({json.dumps(_base() + '_inclusief/logout?then=oidc')});")


def remember(start: logins.LoginStart) -> None:
    """A login just succeeded: keep it in this tab and let the browser fetch its cookie."""
    st.session_state[USER_KEY] = start.principal
    st.session_state[LOGIN_KEY] = start.session_id
    body = json.dumps({"ticket": start.ticket})
    _run_js(
        f"fetch({json.dumps(_base() + '_inclusief/session')}, {{method: 'POST', "
        f"credentials: 'same-origin', headers: {{'Content-Type': 'application/json'}}, "
        f"body: {json.dumps(body)}}});"
    )


def _forget() -> None:
    st.session_state.pop(USER_KEY, None)
    st.session_state.pop(LOGIN_KEY, None)
    for key in [k for k in st.session_state if str(k).startswith(("session_", "dash_"))]:
        del st.session_state[key]


def current_user() -> access.Principal | None:
    """The logged-in user with the role they have now, or None (a guest)."""
    row = st.session_state.get(LOGIN_KEY)
    if row is not None:
        active = logins.current(session_id=int(row))
        if active is None:  # ended elsewhere, timed out, or the user was deactivated
            _forget()
            if _oidc_logged_in():
                _end_oidc()
            return None
        st.session_state[USER_KEY] = active.principal
        return active.principal
    data = st.session_state.get(USER_KEY)
    if isinstance(data, access.Principal):  # put there without a login session (UI tests)
        return data
    cookie = _cookie()
    active = logins.current(cookie=cookie) if cookie else None
    if active is not None:
        st.session_state[LOGIN_KEY] = active.session_id
        st.session_state[USER_KEY] = active.principal
        return active.principal
    if _oidc_logged_in():
        if cookie:  # an OIDC login whose session ended (timeout, logout in another tab)
            _end_oidc()
            return None
        principal = accounts.principal_for_email(str(getattr(st.user, "email", "") or ""))
        if principal is not None:
            remember(logins.start(principal, kind="oidc"))
        return principal
    return None


def oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:
        return False


def logout() -> None:
    """End every session of this user (all tabs and browsers) and clear the cookie."""
    user = st.session_state.get(USER_KEY)
    if isinstance(user, access.Principal):
        logins.logout(actor=user)
    _forget()
    if _oidc_logged_in():
        _end_oidc()
    else:
        _run_js(
            f"fetch({json.dumps(_base() + '_inclusief/logout')}, "
            "{method: 'POST', credentials: 'same-origin'});"
        )
