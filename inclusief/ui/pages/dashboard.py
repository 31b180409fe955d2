"""Consultant dashboard: organisations at a glance, their scans, invitations and sessions."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from inclusief.errors import InputError
from inclusief.formatting import short_date
from inclusief.questionnaires.charts import trend_chart
from inclusief.services import dashboard, invitations, organisations, scan
from inclusief.services.limits import MAX_LENGTH
from inclusief.settings import get_settings
from inclusief.ui.auth import current_user
from inclusief.ui.components.pso_result import show_trend
from inclusief.ui.i18n import lang, tr
from inclusief.ui.text import plain, show_input_error

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
    n1, n2 = st.columns([3, 2])
    name = n1.text_input(
        tr("app.dash_name"),
        key="dash_new_name",
        max_chars=MAX_LENGTH["name"],
        help=tr("ui.max_chars", n=MAX_LENGTH["name"]),
    )
    municipality = n2.selectbox(
        tr("scan_result.municipality"),
        organisations.municipality_options(),
        index=None,
        placeholder=tr("scan_result.municipality_placeholder"),
        help=tr("scan_result.municipality_help"),
        key="dash_new_municipality",
    )
    c1, c2, c3 = st.columns(3)
    sector = c1.selectbox(tr("app.dash_sector"), organisations.SECTORS, key="dash_new_sector")
    size = c2.selectbox(tr("app.dash_size"), organisations.SIZE_CLASSES, key="dash_new_size")
    region = c3.selectbox(tr("app.dash_region"), organisations.PROVINCES, key="dash_new_region")
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
            show_input_error(exc)
        else:
            st.session_state["dash_org"] = org.id
            st.session_state["dash_org_select"] = org.id  # show the new one
            st.rerun()
if not orgs:
    st.info(tr("app.dash_none"))
    st.stop()

# -- the overview: one row per organisation; click a column heading to sort ---------------
st.subheader(tr("app.dash_orgs"))
search = st.text_input(
    tr("ui.search"),
    key="dash_search",
    max_chars=MAX_LENGTH["name"],
    placeholder=tr("ui.search_placeholder"),
)
rows = dashboard.overview_rows(actor=user, search=search)
if rows:
    table = pd.DataFrame(
        {
            tr("app.dash_name"): [r.name for r in rows],
            tr("ui.municipality"): [r.municipality or "" for r in rows],
            tr("ui.last_scan"): [r.last_scan_at.date() if r.last_scan_at else None for r in rows],
            tr("ui.last_status"): [
                tr(f"app.status_{r.last_scan_status}") if r.last_scan_status else "–" for r in rows
            ],
            tr("ui.open_actions"): [r.open_actions for r in rows],
            tr("ui.open_invitations"): [r.open_invitations for r in rows],
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        key="dash_table",
        column_config={
            tr("ui.last_scan"): st.column_config.DateColumn(format="DD-MM-YYYY"),
        },
    )
else:
    st.caption(tr("ui.search_none"))

ids = [o.id for o in orgs]
labels = {o.id: o.label for o in orgs}
# the choice lives in the widget's own state (no index= beside it: that warns)
if st.session_state.get("dash_org_select") not in ids:
    chosen = st.session_state.get("dash_org")
    st.session_state["dash_org_select"] = chosen if chosen in ids else ids[0]
org_id = st.selectbox(
    tr("app.dash_choose_org"),
    ids,
    format_func=lambda i: labels[i],
    key="dash_org_select",
)
st.session_state["dash_org"] = org_id

left, right = st.columns(2)
if left.button(tr("app.dash_start_session"), type="primary", key="dash_start_session"):
    a = scan.create_assessment(actor=user, organisation_id=org_id, mode="session")
    st.session_state["session_assessment"] = a.id
    st.switch_page("inclusief/ui/pages/session.py")


def _invite(assessment_id: int) -> None:
    token = invitations.create_invitation(actor=user, assessment_id=assessment_id)
    st.session_state["dash_link"] = {
        "assessment_id": assessment_id,
        "organisation_id": org_id,
        "link": invitations.invitation_link(token),
    }
    st.session_state.pop("dash_offer", None)


if right.button(tr("app.dash_invite"), key="dash_invite"):
    open_id = invitations.open_scan_for(actor=user, organisation_id=org_id)
    if open_id is None:
        _invite(scan.create_assessment(actor=user, organisation_id=org_id, mode="self").id)
    else:  # an open scan exists: offer it rather than a new empty one
        st.session_state["dash_offer"] = {"organisation_id": org_id, "assessment_id": open_id}
offer = st.session_state.get("dash_offer")
if offer and offer["organisation_id"] == org_id:
    open_scan = scan.get_assessment(actor=user, assessment_id=offer["assessment_id"])
    with st.container(border=True):
        st.write(
            tr(
                "ui.invite_open_scan",
                date=short_date(open_scan.created_at.date(), language),
                mode=tr(f"app.mode_{open_scan.mode}"),
            )
        )
        o1, o2, o3 = st.columns(3)
        if o1.button(tr("ui.invite_use_open"), key="dash_offer_use", type="primary"):
            _invite(open_scan.id)
            st.rerun()
        if o2.button(tr("ui.invite_new_scan"), key="dash_offer_new"):
            _invite(scan.create_assessment(actor=user, organisation_id=org_id, mode="self").id)
            st.rerun()
        if o3.button(tr("ui.cancel"), key="dash_offer_cancel"):
            st.session_state.pop("dash_offer", None)
            st.rerun()

links = invitations.list_invitations(actor=user, organisation_id=org_id)
made = st.session_state.get("dash_link")
if made and made["organisation_id"] == org_id:
    # shown only while a link of that scan is active: a revoked link is not offered to copy
    if any(i.assessment_id == made["assessment_id"] and i.status == "active" for i in links):
        st.success(tr("app.dash_invite_made", days=get_settings().token_days))
        st.code(made["link"], language=None)  # the code block has a copy button
    else:
        st.session_state.pop("dash_link", None)

# -- the organisation's scans ---------------------------------------------------------------
st.subheader(tr("app.dash_assessments"))
assessments = scan.list_assessments(actor=user, organisation_id=org_id)
widths = [2, 2, 2, 2, 2, 2]
if not assessments:
    st.caption(tr("app.dash_no_assessments"))
else:
    for col, label in zip(
        st.columns(widths),
        [
            tr("ui.col_date"),
            tr("ui.col_kind"),
            tr("ui.col_status"),
            tr("app.col_answered"),
            "",
            "",
        ],
        strict=True,
    ):
        if label:
            col.markdown(f"**{label}**")
confirm_reopen = st.session_state.get("dash_confirm_reopen")
for a in reversed(assessments):
    cols = st.columns(widths)
    cols[0].write(short_date((a.finished_at or a.created_at).date(), language))
    cols[1].write(tr(f"app.mode_{a.mode}"))
    cols[2].write(tr(f"app.status_{a.status}"))
    cols[3].write(str(a.answered))
    if cols[4].button(tr("app.dash_open"), key=f"dash_open_{a.id}"):
        st.session_state["session_assessment"] = a.id
        st.switch_page("inclusief/ui/pages/session.py")
    if a.status == "finished":
        if cols[5].button(tr("app.dash_reopen"), key=f"dash_reopen_{a.id}"):
            st.session_state["dash_confirm_reopen"] = a.id
            st.rerun()
    elif any(i.assessment_id == a.id and i.status == "active" for i in links) and cols[5].button(
        tr("app.dash_revoke"), key=f"dash_revoke_{a.id}"
    ):
        n = invitations.revoke_invitations(actor=user, assessment_id=a.id)
        st.session_state.pop("dash_link", None)
        st.toast(tr("app.dash_revoked", n=n))
        st.rerun()
    if confirm_reopen == a.id:
        with st.container(border=True):
            st.warning(tr("ui.reopen_confirm"))
            y, n_, _ = st.columns([1, 1, 3])
            if y.button(tr("ui.reopen_yes"), key=f"dash_reopen_yes_{a.id}", type="primary"):
                scan.reopen_assessment(actor=user, assessment_id=a.id)
                st.session_state.pop("dash_confirm_reopen", None)
                st.rerun()
            if n_.button(tr("ui.cancel"), key=f"dash_reopen_no_{a.id}"):
                st.session_state.pop("dash_confirm_reopen", None)
                st.rerun()

# -- invitation links with their status -----------------------------------------------------
if links:
    st.subheader(tr("ui.invitations"))
    scan_dates = {a.id: a.created_at.date() for a in assessments}


def _status(i: invitations.InvitationView) -> str:
    if i.status == "revoked" and i.revoked_at is not None:
        return tr("ui.inv_revoked", date=short_date(i.revoked_at.date(), language))
    if i.status == "expired":
        return tr("ui.inv_expired", date=short_date(i.expires_at.date(), language))
    return tr("ui.inv_active", date=short_date(i.expires_at.date(), language))


if links:
    st.dataframe(
        pd.DataFrame(
            {
                tr("ui.inv_scan"): [scan_dates.get(i.assessment_id) for i in links],
                tr("ui.inv_created"): [i.created_at.date() for i in links],
                tr("ui.col_status"): [_status(i) for i in links],
                tr("ui.inv_last_used"): [
                    i.last_used_at.date() if i.last_used_at else None for i in links
                ],
            }
        ),
        hide_index=True,
        width="stretch",
        key="dash_invitations",
        column_config={
            tr("ui.inv_scan"): st.column_config.DateColumn(format="DD-MM-YYYY"),
            tr("ui.inv_created"): st.column_config.DateColumn(format="DD-MM-YYYY"),
            tr("ui.inv_last_used"): st.column_config.DateColumn(format="DD-MM-YYYY"),
        },
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
    confirm = st.checkbox(
        tr("ui.delete_confirm_named", name=plain(labels[org_id])), key="dash_delete_confirm"
    )
    if st.button(tr("app.dash_delete"), disabled=not confirm, key="dash_delete"):
        organisations.delete_organisation(actor=user, organisation_id=org_id)
        st.session_state.pop("dash_org", None)
        st.session_state.pop("dash_link", None)
        st.success(tr("app.dash_deleted"))
        st.rerun()
