"""Session mode: run the scan together with the employer, notes, action plan, comparison."""

from __future__ import annotations

import streamlit as st

from inclusief.errors import AccessDenied, InputError
from inclusief.questionnaires.charts import trend_chart
from inclusief.services import notes, organisations, scan
from inclusief.services.reports import peer_benchmark_for, report_data_for
from inclusief.ui.auth import current_user
from inclusief.ui.components import scan_form
from inclusief.ui.components.downloads import scan_pdf_button
from inclusief.ui.i18n import lang, tr

user = current_user()
if user is None or user.role != "consultant":
    st.error(tr("app.not_allowed"))
    st.stop()
language = lang()
st.title(tr("app.session_title"))
assessment_id = st.session_state.get("session_assessment")
if assessment_id is None and str(st.query_params.get("assessment", "")).isdigit():
    # a reload, or a reconnect to another app instance: the URL keeps the scan
    assessment_id = st.session_state["session_assessment"] = int(st.query_params["assessment"])
if assessment_id is None:
    st.info(tr("app.session_choose"))
    st.page_link("inclusief/ui/pages/dashboard.py", label=tr("app.nav_dashboard"))
    st.stop()

try:
    assessment = scan.get_assessment(actor=user, assessment_id=assessment_id)
except AccessDenied:
    st.session_state.pop("session_assessment", None)
    st.query_params.pop("assessment", None)
    st.error(tr("app.not_allowed"))
    st.stop()
st.query_params["assessment"] = str(assessment_id)
org = organisations.get_organisation(actor=user, organisation_id=assessment.organisation_id)
st.caption(
    f"{org.name} · {tr('app.session_assessment')} {assessment.created_at:%d-%m-%Y} · "
    f"{tr('app.mode_' + assessment.mode)} · {tr('app.status_' + assessment.status)}"
)

key = f"session_{assessment_id}"
if key not in st.session_state:
    st.session_state[key] = scan.StoreBackend(user, assessment_id)
backend: scan.StoreBackend = st.session_state[key]
q = backend.questionnaire

if backend.load().finished:
    peer = peer_benchmark_for(actor=user, assessment_id=assessment_id, lang=language)
    scan_form.show_result(
        backend,
        key=key,
        benchmark=peer.quartile_frame() if peer.available else None,
        result=scan.assessment_result(actor=user, assessment_id=assessment_id, lang=language),
    )
    st.subheader(tr("app.session_benchmark"))
    if peer.available:
        group = ", ".join(p for p in (peer.size_class, peer.sector) if p)
        st.write(tr("app.session_benchmark_band", n=peer.n_found, group=group))
    else:
        st.write(peer.reason)
    scan_pdf_button(
        report_data_for(actor=user, assessment_id=assessment_id, lang=language),
        key=f"{key}-pdf",
        label=tr("app.download_pdf"),
    )
    if st.button(tr("app.dash_reopen"), key=f"{key}-reopen"):
        scan.reopen_assessment(actor=user, assessment_id=assessment_id)
        del st.session_state[key]
        st.rerun()
else:
    scan_form.show_form(backend, key=key)

# The organisation's earlier finished scans and this one (once finished), as on the dashboard.
trend = scan.trend(actor=user, organisation_id=assessment.organisation_id, lang=language)
if not trend.dropna(subset=["score"]).empty:
    st.subheader(tr("app.dash_trend"))
    if assessment.status != "finished":
        st.caption(tr("app.session_trend_pending"))
    st.altair_chart(trend_chart(trend, lang=language), width="stretch")

st.subheader(tr("app.session_notes"))
saved_notes = notes.list_notes(actor=user, assessment_id=assessment_id)


def _save_note(dimension_id: str, widget: str) -> None:
    notes.set_note(
        actor=user,
        assessment_id=assessment_id,
        dimension_id=dimension_id,
        text=st.session_state[widget],
    )


for dim in q.dimensions:
    widget = f"{key}-note-{dim.id}"
    st.text_area(
        tr("app.session_note_for", dim=dim.name.get(language)),
        value=saved_notes.get(dim.id, ""),
        key=widget,
        on_change=_save_note,
        args=(dim.id, widget),
        height=80,
    )

st.subheader(tr("app.session_actions"))
for item in notes.list_actions(actor=user, assessment_id=assessment_id):
    done = st.checkbox(
        f"{item.what} — {item.who}" + (f" ({item.due:%d-%m-%Y})" if item.due else ""),
        value=item.done,
        key=f"{key}-action-{item.id}",
    )
    if done != item.done:
        notes.set_action_done(actor=user, action_id=item.id, done=done)
with st.form(f"{key}-action-form", clear_on_submit=True):
    c1, c2, c3 = st.columns([3, 2, 1])
    what = c1.text_input(tr("app.session_what"), key=f"{key}-what")
    who = c2.text_input(tr("app.session_who"), key=f"{key}-who")
    due = c3.date_input(tr("app.session_due"), value=None, key=f"{key}-due", format="DD-MM-YYYY")
    if st.form_submit_button(tr("app.session_add_action")):
        try:
            notes.add_action(actor=user, assessment_id=assessment_id, what=what, who=who, due=due)
        except InputError as exc:
            st.error(str(exc))
        else:
            st.rerun()
