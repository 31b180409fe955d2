"""A follow-up check-in opened from a link (``?checkin=``): the worker's (easy-read) or the
employer's. One question per screen; every answer is saved on the server at once."""

from __future__ import annotations

import streamlit as st

from inclusief.errors import AccessDenied
from inclusief.services import placements as svc
from inclusief.ui.components.checkin_form import show_checkin
from inclusief.ui.i18n import tr

token = str(st.query_params.get("checkin", ""))
seen = st.session_state.get(f"checkin_seen_{token}")
if seen is not None and st.session_state.get(f"{seen[0]}-done"):
    # finished in this browser session: the link is closed, the thanks stay
    worker = seen[1] == "worker"
    st.title(tr("followup.checkin_title_worker" if worker else "followup.checkin_title_employer"))
    st.success(tr("followup.thanks_worker" if worker else "followup.thanks_employer"))
    st.stop()
try:
    link = svc.open_checkin_by_token(token)
    view = svc.get_checkin(actor=link, checkin_id=link.checkin_id)
except AccessDenied:
    st.title(tr("followup.checkin_title_worker"))
    st.error(tr("followup.invalid_link"))
    st.stop()

worker = view.respondent == "worker"
st.session_state[f"checkin_seen_{token}"] = (f"checkin_{link.checkin_id}", view.respondent)
st.title(tr("followup.checkin_title_worker" if worker else "followup.checkin_title_employer"))
if view.status == "open":
    st.write(
        tr(
            "followup.checkin_intro_worker" if worker else "followup.checkin_intro_employer",
            job=view.job_title,
            organisation=view.organisation_name,
        )
    )
if show_checkin(link, link.checkin_id, key=f"checkin_{link.checkin_id}"):
    st.success(tr("followup.thanks_worker" if worker else "followup.thanks_employer"))
