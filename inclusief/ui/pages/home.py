"""Landing page for everyone."""

from __future__ import annotations

import streamlit as st

from inclusief.ui.i18n import tr

st.title(tr("app.home_title"))
st.markdown(f"**{tr('app.home_lead')}**")
measure, carve, learn = st.columns(3)
measure.subheader(tr("app.home_measure_title"))
measure.write(tr("app.home_measure"))
carve.subheader(tr("app.home_carve_title"))
carve.write(tr("app.home_carve"))
learn.subheader(tr("app.home_learn_title"))
learn.write(tr("app.home_learn"))
st.info(tr("app.home_invite_hint"))
st.write(tr("app.home_try"))
st.page_link(
    "inclusief/ui/pages/scan.py", label=tr("app.nav_scan_trial"), icon=":material/checklist:"
)
st.caption(tr("app.home_login_hint"))
