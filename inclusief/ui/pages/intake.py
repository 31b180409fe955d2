"""The candidate's easy-read intake, opened from an invitation link (``?intake=<token>``)."""

from __future__ import annotations

import streamlit as st

from inclusief.errors import AccessDenied
from inclusief.services import candidate_intake
from inclusief.ui.components.intake_form import show_intake
from inclusief.ui.i18n import tr

st.title(tr("candidates.intake.title"))
token = str(st.query_params.get("intake", ""))
try:
    me = candidate_intake.open_intake(token)
except AccessDenied:
    st.error(tr("candidates.intake.invalid"))
    st.stop()
show_intake(me, me.intake_id, key="link")
