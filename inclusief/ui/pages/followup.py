"""Following placements (issue #19): check-ins due, open signals, each placement's
timeline and actions, session mode for a check-in, retention figures."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from inclusief.errors import AccessDenied, InputError
from inclusief.followup.codes import codes, schedule
from inclusief.services import followup_research, organisations
from inclusief.services import placements as svc
from inclusief.ui.auth import current_user
from inclusief.ui.components.placement_detail import retention_table, show_placement
from inclusief.ui.i18n import lang, tr

user = current_user()
if user is None or user.role != "consultant":
    st.error(tr("app.not_allowed"))
    st.stop()
language = lang()
c = codes()
plan = schedule()
st.title(tr("followup.title"))
overview, detail, new, figures = st.tabs(
    [
        tr("followup.tab_overview"),
        tr("followup.tab_placement"),
        tr("followup.tab_new"),
        tr("followup.tab_retention"),
    ]
)

placements = svc.list_placements(actor=user)
names = {
    p.id: f"{p.candidate_pseudonym} · {p.organisation_name} · {p.job_title}" for p in placements
}

with overview:
    st.subheader(tr("followup.due_title"))
    due = svc.due_checkins(actor=user, days=7)
    if not due:
        st.caption(tr("followup.due_none"))
    else:
        st.dataframe(
            pd.DataFrame(
                {
                    tr("followup.col_due"): [d.due.strftime("%d-%m-%Y") for d in due],
                    tr("followup.col_status"): [tr(f"followup.status_{d.status}") for d in due],
                    tr("followup.col_candidate"): [d.candidate_pseudonym for d in due],
                    tr("followup.col_employer"): [d.organisation_name for d in due],
                    tr("followup.col_point"): [
                        plan.point(d.point).label.get(language) for d in due
                    ],
                    tr("followup.col_who"): [
                        tr(f"followup.respondent_{d.respondent}") for d in due
                    ],
                }
            ),
            hide_index=True,
        )
    st.subheader(tr("followup.signals_title"))
    signals = svc.open_signals(actor=user, lang=language)
    if not signals:
        st.caption(tr("followup.signals_none"))
    for i, v in enumerate(signals):
        s = v.signal
        with st.container(border=True):
            st.markdown(
                f"**{tr(f'followup.level_{s.level}').upper()}** · {v.candidate_pseudonym} "
                f"({v.organisation_name}) · **{s.title}**"
            )
            st.write(s.explanation)
            st.caption(tr("followup.why", rationale=s.rationale))
            if st.button(tr("followup.open_placement"), key=f"fu_open_{i}"):
                st.session_state["fu_placement"] = s.placement_id
                st.info(tr("followup.opened_hint"))

with detail:
    if not placements:
        st.info(tr("followup.none"))
    else:
        ids = list(names)
        chosen = st.session_state.get("fu_placement")
        pid = st.selectbox(
            tr("followup.choose"),
            ids,
            index=ids.index(chosen) if chosen in ids else 0,
            format_func=names.__getitem__,
            key="fu_select",
        )
        st.session_state["fu_placement"] = pid
        try:
            show_placement(user, pid)
        except AccessDenied as exc:
            st.error(str(exc))

with new:
    orgs = organisations.list_organisations(actor=user)
    if not orgs:
        st.info(tr("followup.no_orgs"))
    else:
        with st.form("fu_new", clear_on_submit=False):
            org_names = {o.id: o.name for o in orgs}
            org_id = st.selectbox(
                tr("followup.f_org"), list(org_names), format_func=org_names.__getitem__
            )
            a, b = st.columns(2)
            pseudonym = a.text_input(
                tr("followup.f_candidate"), max_chars=60, help=tr("followup.f_candidate_help")
            )
            title = b.text_input(tr("followup.f_job"), max_chars=120)
            start = a.date_input(tr("followup.f_start"), value=date.today(), format="DD-MM-YYYY")
            hours = b.number_input(
                tr("followup.f_hours"), min_value=1.0, max_value=60.0, value=24.0, step=0.5
            )
            contract = a.selectbox(
                tr("followup.f_contract"),
                list(c.of("contract_types")),
                format_func=lambda x: c.label("contract_types", x, language),
            )
            contract_end = b.date_input(
                tr("followup.f_contract_end"), value=None, format="DD-MM-YYYY"
            )
            route = a.selectbox(
                tr("followup.f_route"),
                list(c.of("routes")),
                format_func=lambda x: c.label("routes", x, language),
            )
            schemes = b.multiselect(
                tr("followup.f_schemes"),
                list(c.of("schemes")),
                format_func=lambda x: c.label("schemes", x, language),
                placeholder=tr("followup.f_choose"),
            )
            jobcoach = a.text_input(tr("followup.f_jobcoach"), max_chars=120)
            contact = b.text_input(tr("followup.f_contact"), max_chars=120)
            if st.form_submit_button(tr("followup.f_add"), type="primary"):
                try:
                    made = svc.add_placement(
                        actor=user, organisation_id=org_id, candidate_pseudonym=pseudonym,
                        job_title=title, start_date=start, hours_per_week=hours,
                        contract_type=contract, contract_end=contract_end, route=route,
                        schemes=[svc.SchemeView(code=x) for x in schemes],
                        jobcoach=jobcoach or None, contact_person=contact or None,
                    )  # fmt: skip
                except InputError as exc:
                    st.error(str(exc))
                else:
                    st.session_state["fu_placement"] = made.id
                    st.success(tr("followup.added", name=made.candidate_pseudonym))

with figures:
    view = followup_research.retention_figures(actor=user, lang=language)
    retention_table(view, language)
