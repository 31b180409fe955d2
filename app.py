"""Inclusief: the router. Page config, language, login gate and navigation by role."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from inclusief.services import jobs
from inclusief.store.db import default_engine, upgrade_database
from inclusief.ui import style
from inclusief.ui.auth import NOTICE_KEY, current_user, logout, page_scripts
from inclusief.ui.focus import builtin_texts, skip_link
from inclusief.ui.i18n import keep_lang_in_url, lang, set_lang, tr
from inclusief.ui.text import plain

# The icon is our own file: a material-icon name made the browser fetch it from Google.
ICON = Path(__file__).parent / "inclusief" / "ui" / "static" / "icon.png"
st.set_page_config(page_title="Inclusief", page_icon=str(ICON), layout="wide")
style.apply()


@st.cache_resource
def _database_ready() -> bool:
    """Migrate once per server process (shared by all users; holds no user data)."""
    upgrade_database(default_engine())
    return True


_database_ready()


@st.cache_resource
def _job_worker() -> bool:
    """The embedded job worker (INCLUSIEF_JOBS=local): one thread per server process."""
    jobs.start_local_worker()
    return True


_job_worker()
PAGES = "inclusief/ui/pages/"
# The carving page arrives with the jobcarving engine; until then the menu has no entry for it.
HAS_CARVING = (Path(__file__).parent / PAGES / "carving.py").exists()


def page(name: str, title_key: str, icon: str, *, default: bool = False) -> st.Page:
    return st.Page(
        f"{PAGES}{name}.py", title=tr(title_key), icon=icon, default=default, url_path=name
    )


def requested_page() -> str | None:
    """The page name typed in the address bar (``/dashboard`` -> ``dashboard``), if any."""
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx()
        name = ctx.pages_manager.intended_page_name if ctx is not None else None
    except Exception:  # an internal of Streamlit; without it we only lose our own 404
        return None
    return str(name).strip("/") or None if name else None


def language_switch() -> None:
    """One button for the other language: arrow keys cannot change it on the way to the
    first question (a radio group changed language with every arrow key)."""
    current = lang()
    other = "en" if current == "nl" else "nl"
    if st.button(
        tr("ui.other_language"),
        key="lang_switch",
        icon=":material/translate:",
        help=tr("ui.other_language_help"),
    ):
        set_lang(other)
        st.rerun()


keep_lang_in_url()  # a reload keeps the language (``?lang=en``)
skip_link()
builtin_texts(lang())

user = current_user()
has_token = bool(st.query_params.get("token"))
has_checkin = bool(st.query_params.get("checkin"))  # a follow-up check-in link (#19)
has_intake = bool(st.query_params.get("intake"))  # a candidate's intake link (#16)
# after a password change the login page comes first, with its notice
notice = user is None and NOTICE_KEY in st.session_state
by_link = has_token or has_checkin or has_intake
general = [page("home", "app.nav_home", ":material/home:", default=not by_link and not notice)]
if has_intake:
    general.insert(0, page("intake", "candidates.nav_intake", ":material/person:", default=True))
elif has_token:
    general.insert(0, page("invite", "app.nav_invite", ":material/checklist:", default=True))
elif has_checkin:
    general.insert(0, page("checkin", "followup.nav_checkin", ":material/mood:", default=True))
general.append(page("scan", "app.nav_scan_trial", ":material/quiz:"))

sections: dict[str, list[st.Page]] = {tr("app.section_guest"): general}
if user is None:
    general.append(page("login", "app.nav_login", ":material/login:", default=notice))
elif user.role == "consultant":
    sections[tr("app.section_consultant")] = [
        page("dashboard", "app.nav_dashboard", ":material/dashboard:"),
        page("session", "app.nav_session", ":material/groups:"),
        page("pso", "app.nav_pso", ":material/stairs:"),
        page("candidates", "candidates.nav_candidates", ":material/person_search:"),
        page("followup", "followup.nav", ":material/timeline:"),
        *([page("carving", "app.nav_carving", ":material/content_cut:")] if HAS_CARVING else []),
        page("jobs", "jobs.nav", ":material/hourglass:"),
    ]
elif user.role == "researcher":
    sections[tr("app.section_research")] = [
        page("research", "app.nav_research", ":material/science:"),
        page("retention", "followup.nav_retention", ":material/monitoring:"),
        page("jobs", "jobs.nav", ":material/hourglass:"),
    ]
elif user.role == "admin":
    sections[tr("app.section_admin")] = [
        page("admin", "app.nav_admin", ":material/admin_panel_settings:")
    ]

if user is not None:
    general.append(page("account", "account.nav", ":material/person:"))
with st.sidebar:
    if user is not None:
        st.caption(
            tr("app.signed_in_as", email=plain(user.shown_name), role=tr(f"app.role_{user.role}"))
        )
        if st.button(tr("app.nav_logout"), key="logout"):
            logout()
            st.rerun()
    language_switch()  # last in the sidebar: not on the way to the content

pages = [p for group in sections.values() for p in group]
wanted = requested_page()
if wanted and wanted not in {p.url_path for p in pages} and "/" not in wanted:
    # an address we do not know (or a page of another role): our own Dutch page
    pages.append(
        st.Page(
            f"{PAGES}not_found.py",
            title=tr("ui.not_found_title"),
            url_path=wanted,
            visibility="hidden",
        )
    )

page_scripts(lang())  # <html lang> follows the language; cookie requests after login/logout

# One flat list: Streamlit's sectioned menu puts headings inside its <ul>, which axe flags.
navigation = st.navigation(pages)
if user is not None and st.session_state.pop("after_login", False):
    # after login: the consultant's dashboard, the researcher's or admin's own page
    start = {"consultant": "dashboard", "researcher": "research", "admin": "admin"}[user.role]
    st.switch_page(f"{PAGES}{start}.py")
navigation.run()
