"""Researchers: retention of all placements (Kaplan-Meier, groups under k suppressed) and
the anonymised export of placements and check-ins (k-anonymous, codebook, SPSS labels)."""

from __future__ import annotations

import streamlit as st

from inclusief.research.placements import placement_zip
from inclusief.services import followup_research
from inclusief.ui.auth import current_user
from inclusief.ui.components.placement_detail import retention_table
from inclusief.ui.i18n import lang, tr

user = current_user()
if user is None or user.role != "researcher":
    st.error(tr("app.not_allowed"))
    st.stop()
language = lang()
st.title(tr("followup.nav_retention"))
retention_table(followup_research.retention_figures(actor=user, lang=language), language)
st.subheader(tr("followup.export_title"))
st.write(tr("followup.export_intro"))
st.download_button(
    tr("followup.export_button"),
    data=lambda: placement_zip(followup_research.placement_export(actor=user)),
    file_name="inclusief-plaatsingen.zip",
    mime="application/zip",
    key="fu_export",
)
