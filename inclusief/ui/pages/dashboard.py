"""Consultant dashboard: organisations, their scans over time, invitations and sessions."""

from __future__ import annotations

import json

import streamlit as st

from inclusief.errors import InputError
from inclusief.questionnaires.charts import trend_chart
from inclusief.services import invitations, organisations, scan
from inclusief.settings import get_settings
from inclusief.ui.auth import current_user
from inclusief.ui.components.pso_result import show_trend
from inclusief.ui.i18n import lang, tr

user = current_user()
if user is None or user.role != "consultant":
    st.error(tr("app.not_allowed"))
    st.stop()
language = lang()
st.title(tr("app.dash_title"))

orgs = organisations.list_organisations(actor=user)
with (
    st.expander(tr("app.dash_new_org"), expanded=not orgs),
    st.form("dash_new_org_form", clear_on_submit=True),
):
    name = st.text_input(tr("app.dash_name"), key="dash_new_name")
    c1, c2, c3 = st.columns(3)
    sector = c1.selectbox(tr("app.dash_sector"), organisations.SECTORS, key="dash_new_sector")
    size = c2.selectbox(tr("app.dash_size"), organisations.SIZE_CLASSES, key="dash_new_size")
    region = c3.selectbox(tr("app.dash_region"), organisations.PROVINCES, key="dash_new_region")
    municipality = st.selectbox(
        tr("scan_result.municipality"),
        organisations.municipality_options(),
        index=None,
        placeholder=tr("scan_result.municipality_placeholder"),
        help=tr("scan_result.municipality_help"),
        key="dash_new_municipality",
    )
    if st.form_submit_button(tr("app.dash_add"), type="primary"):
        try:
            org = organisations.create_organisation(
                actor=user,
                name=name,
                sector=sector,
                size_class=size,
                region=region,
                municipality=municipality,
            )
        except InputError as exc:
            st.error(str(exc))
        else:
            st.session_state["dash_org"] = org.id
            st.session_state["dash_org_select"] = org.id  # show the new one
            st.rerun()
if not orgs:
    st.info(tr("app.dash_none"))
    st.stop()

st.subheader(tr("app.dash_orgs"))
ids = [o.id for o in orgs]
chosen = st.session_state.get("dash_org")
org_id = st.selectbox(
    tr("app.dash_choose_org"),
    ids,
    index=ids.index(chosen) if chosen in ids else 0,
    format_func={
        o.id: f"{o.name} ({o.sector}, {o.size_class}, {o.region})" for o in orgs
    }.__getitem__,
    key="dash_org_select",
)
st.session_state["dash_org"] = org_id

left, right = st.columns(2)
if left.button(tr("app.dash_start_session"), type="primary", key="dash_start_session"):
    a = scan.create_assessment(actor=user, organisation_id=org_id, mode="session")
    st.session_state["session_assessment"] = a.id
    st.switch_page("inclusief/ui/pages/session.py")
if right.button(tr("app.dash_invite"), key="dash_invite"):
    a = scan.create_assessment(actor=user, organisation_id=org_id, mode="self")
    token = invitations.create_invitation(actor=user, assessment_id=a.id)
    st.session_state["dash_link"] = invitations.invitation_link(token)
if link := st.session_state.get("dash_link"):
    st.success(tr("app.dash_invite_made", days=get_settings().token_days))
    st.code(link, language=None)  # the code block has a copy button

st.subheader(tr("app.dash_assessments"))
assessments = scan.list_assessments(actor=user, organisation_id=org_id)
if not assessments:
    st.caption(tr("app.dash_no_assessments"))
for a in reversed(assessments):
    cols = st.columns([2, 2, 2, 2, 2, 2])
    cols[0].write((a.finished_at or a.created_at).strftime("%d-%m-%Y"))
    cols[1].write(tr(f"app.mode_{a.mode}"))
    cols[2].write(tr(f"app.status_{a.status}"))
    cols[3].write(f"{tr('app.col_answered')}: {a.answered}")
    if cols[4].button(tr("app.dash_open"), key=f"dash_open_{a.id}"):
        st.session_state["session_assessment"] = a.id
        st.switch_page("inclusief/ui/pages/session.py")
    if a.status == "finished":
        if cols[5].button(tr("app.dash_reopen"), key=f"dash_reopen_{a.id}"):
            scan.reopen_assessment(actor=user, assessment_id=a.id)
            st.rerun()
    elif a.mode == "self" and cols[5].button(tr("app.dash_revoke"), key=f"dash_revoke_{a.id}"):
        st.toast(
            tr("app.dash_revoked", n=invitations.revoke_invitations(actor=user, assessment_id=a.id))
        )

trend = scan.trend(actor=user, organisation_id=org_id, lang=language)
if not trend.empty:
    st.subheader(tr("app.dash_trend"))
    st.altair_chart(trend_chart(trend, lang=language), width="stretch")

show_trend(user, org_id)  # PSO and Banenafspraak over the reference years

with st.expander(tr("app.dash_privacy")):
    st.download_button(
        tr("app.dash_export"),
        data=lambda: json.dumps(
            organisations.export_organisation(actor=user, organisation_id=org_id),
            default=str,
            ensure_ascii=False,
            indent=2,
        ),
        file_name=f"organisatie-{org_id}.json",
        mime="application/json",
        key="dash_export",
    )
    confirm = st.checkbox(tr("app.dash_delete_confirm"), key="dash_delete_confirm")
    if st.button(tr("app.dash_delete"), disabled=not confirm, key="dash_delete"):
        organisations.delete_organisation(actor=user, organisation_id=org_id)
        st.session_state.pop("dash_org", None)
        st.session_state.pop("dash_link", None)
        st.success(tr("app.dash_deleted"))
        st.rerun()
