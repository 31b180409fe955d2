"""Session mode: run the scan together with the employer, notes, action plan, comparison."""

from __future__ import annotations

import streamlit as st

from inclusief.errors import AccessDenied, InputError
from inclusief.formatting import parse_day, short_date
from inclusief.questionnaires.charts import trend_chart
from inclusief.services import notes, organisations, scan
from inclusief.services.limits import MAX_LENGTH
from inclusief.services.reports import peer_benchmark_for, report_data_for
from inclusief.ui.auth import current_user
from inclusief.ui.components import scan_form
from inclusief.ui.components.downloads import scan_pdf_button
from inclusief.ui.i18n import lang, tr
from inclusief.ui.text import plain, show_input_error

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
    f"{plain(org.label)} · {tr('app.session_assessment')} {assessment.created_at:%d-%m-%Y} · "
    f"{tr('app.mode_' + assessment.mode)} · {tr('app.status_' + assessment.status)} · "
    f"{tr('ui.consultant', name=plain(user.shown_name))}"
)

key = f"session_{assessment_id}"
if key not in st.session_state:
    st.session_state[key] = scan.StoreBackend(user, assessment_id)
backend: scan.StoreBackend = st.session_state[key]
q = backend.questionnaire
dimension_names = {d.id: d.name.get(language) for d in q.dimensions}
saved_notes = notes.list_notes(actor=user, assessment_id=assessment_id)


def _note_form(dimension_id: str) -> None:
    """The consultant's note for one dimension, beside its questions. A form: typing and
    leaving the box sends nothing, so the next click (in the sidebar too) is not lost."""
    with st.form(f"{key}-note-form-{dimension_id}", border=True):
        text = st.text_area(
            tr("app.session_note_for", dim=dimension_names[dimension_id]),
            value=saved_notes.get(dimension_id, ""),
            key=f"{key}-note-{dimension_id}",
            max_chars=MAX_LENGTH["note"],
            height=160,
            help=tr("ui.max_chars", n=MAX_LENGTH["note"]),
        )
        if st.form_submit_button(tr("ui.note_save")):
            try:
                notes.set_note(
                    actor=user, assessment_id=assessment_id, dimension_id=dimension_id, text=text
                )
            except InputError as exc:
                show_input_error(exc)
            else:
                st.toast(tr("ui.note_saved", dim=dimension_names[dimension_id]))


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
    if st.session_state.get(f"{key}-confirm-reopen"):
        st.warning(tr("ui.reopen_confirm"))
        yes, no, _ = st.columns([1, 1, 3])
        if yes.button(tr("ui.reopen_yes"), key=f"{key}-reopen-yes", type="primary"):
            scan.reopen_assessment(actor=user, assessment_id=assessment_id)
            del st.session_state[key]
            st.session_state.pop(f"{key}-confirm-reopen", None)
            st.rerun()
        if no.button(tr("ui.cancel"), key=f"{key}-reopen-no"):
            st.session_state.pop(f"{key}-confirm-reopen", None)
            st.rerun()
    elif st.button(tr("app.dash_reopen"), key=f"{key}-reopen"):
        st.session_state[f"{key}-confirm-reopen"] = True
        st.rerun()
    st.subheader(tr("app.session_notes"))
    for dim in q.dimensions:
        _note_form(dim.id)
else:
    scan_form.show_form(backend, key=key, aside=_note_form)

# The organisation's earlier finished scans and this one (once finished), as on the dashboard.
trend = scan.trend(actor=user, organisation_id=assessment.organisation_id, lang=language)
if not trend.dropna(subset=["score"]).empty:
    st.subheader(tr("app.dash_trend"))
    if assessment.status != "finished":
        st.caption(tr("app.session_trend_pending"))
    st.altair_chart(trend_chart(trend, lang=language), width="stretch")

st.subheader(tr("app.session_actions"))
actions = notes.list_actions(actor=user, assessment_id=assessment_id)
if actions:
    widths = [4, 2, 2, 2, 1]
    head = st.columns(widths)
    for col, label in zip(
        head,
        [
            tr("app.session_what"),
            tr("app.session_who"),
            tr("app.session_due"),
            tr("ui.actions_part"),
            tr("ui.actions_done"),
        ],
        strict=True,
    ):
        col.markdown(f"**{label}**")
    for item in actions:
        cols = st.columns(widths)
        cols[0].markdown(plain(item.what))
        cols[1].markdown(plain(item.who) or "–")
        cols[2].write(short_date(item.due, language))
        cols[3].write(dimension_names.get(item.dimension_id or "", tr("ui.whole_scan")))
        done = cols[4].checkbox(
            tr("ui.action_done_label", what=plain(item.what)),
            value=item.done,
            key=f"{key}-action-{item.id}",
            label_visibility="collapsed",
        )
        if done != item.done:
            notes.set_action_done(actor=user, action_id=item.id, done=done)
            st.rerun()
else:
    st.caption(tr("ui.no_actions"))
WHOLE = ""
with st.form(f"{key}-action-form", clear_on_submit=True):
    c1, c2 = st.columns([3, 2])
    what = c1.text_input(tr("app.session_what"), key=f"{key}-what", max_chars=MAX_LENGTH["what"])
    who = c2.text_input(tr("app.session_who"), key=f"{key}-who", max_chars=MAX_LENGTH["who"])
    c3, c4 = st.columns([3, 2])
    part = c3.selectbox(
        tr("ui.actions_part"),
        [WHOLE, *dimension_names],
        format_func=lambda d: dimension_names.get(d, tr("ui.whole_scan")),
        key=f"{key}-part",
    )
    due_text = c4.text_input(
        tr("ui.due_field"), key=f"{key}-due", max_chars=10, placeholder="dd-mm-jjjj"
    )
    if st.form_submit_button(tr("app.session_add_action")):
        try:
            due = (
                parse_day(due_text, file=tr("app.session_actions"), field=tr("ui.due_field"))
                if due_text.strip()
                else None
            )
            notes.add_action(
                actor=user,
                assessment_id=assessment_id,
                what=what,
                who=who,
                due=due,
                dimension_id=part or None,
            )
        except InputError as exc:
            show_input_error(exc)
        else:
            st.rerun()
