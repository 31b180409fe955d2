"""One placement on the follow-up page: facts, open signals with actions, the check-in
plan (link or session mode), the timeline and the forms to record what happens."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from inclusief.errors import InputError
from inclusief.followup.codes import codes, schedule
from inclusief.followup.signals import rulebook
from inclusief.formatting import num
from inclusief.services import followup_reports
from inclusief.services import placements as svc
from inclusief.services.followup_research import RetentionView
from inclusief.ui.components.checkin_form import show_checkin
from inclusief.ui.i18n import lang, tr


def _try(action: Any) -> bool:
    try:
        action()
    except InputError as exc:
        st.error(str(exc))
        return False
    return True


def _facts(p: svc.PlacementView, language: str) -> None:
    c = codes()
    st.markdown(f"**{p.candidate_pseudonym}** · {p.organisation_name} · {p.job_title}")
    schemes = ", ".join(
        c.label("schemes", s.code, language)
        + (f" ({tr('followup.until')} {s.until.strftime('%d-%m-%Y')})" if s.until else "")
        for s in p.schemes
    )
    day = "%d-%m-%Y"
    contract = c.label("contract_types", p.contract_type, language)
    lines = [
        f"{tr('followup.f_start')}: {p.start_date.strftime(day)} · {contract} · "
        + svc.hours_text(p.current_hours, language),
        f"{tr('followup.f_route')}: {c.label('routes', p.route, language)}"
        + (f" · {tr('followup.f_schemes')}: {schemes}" if schemes else ""),
        f"{tr('followup.f_jobcoach')}: {p.jobcoach or '-'} · "
        f"{tr('followup.f_contact')}: {p.contact_person or '-'}",
    ]
    if p.contract_end:
        decision = c.label("decisions", p.decision, language)
        lines.append(
            f"{tr('followup.f_contract_end')}: {p.contract_end.strftime(day)} · "
            f"{tr('followup.decision')}: {decision}"
        )
    if p.end_date:
        reason = c.label("end_reasons", p.end_reason, language)
        lines.append(f"{tr('followup.ended')}: {p.end_date.strftime(day)} · {reason}")
    st.markdown("  \n".join(lines))


def _signals(user: Any, pid: int, language: str) -> None:
    signals = svc.placement_signals(actor=user, placement_id=pid, lang=language)
    st.subheader(tr("followup.signals_title"))
    if not signals:
        st.caption(tr("followup.signals_none"))
    for i, s in enumerate(signals):
        with st.container(border=True):
            st.markdown(f"**{tr(f'followup.level_{s.level}').upper()}** · **{s.title}**")
            st.write(s.explanation)
            st.caption(
                tr("followup.why", rationale=s.rationale) + f" {tr('followup.source')}: {s.source}"
            )
            with st.form(f"fu_act_{pid}_{i}", clear_on_submit=True):
                text = st.text_input(
                    tr("followup.action_taken"), max_chars=500, key=f"fu_act_text_{pid}_{i}"
                )
                if st.form_submit_button(tr("followup.close_signal")) and _try(
                    lambda s=s, text=text: svc.add_entry(
                        actor=user,
                        placement_id=pid,
                        kind="action",
                        on=date.today(),
                        text=text,
                        signal_key=s.key,
                    )
                ):
                    st.rerun()


def _plan(user: Any, p: svc.PlacementView, language: str) -> None:
    st.subheader(tr("followup.plan_title"))
    plan = schedule()
    for d in svc.checkin_plan(actor=user, placement_id=p.id):
        cols = st.columns([2, 2, 2, 2, 2, 2])
        cols[0].write(plan.point(d.point).label.get(language))
        cols[1].write(tr(f"followup.respondent_{d.respondent}"))
        cols[2].write(d.due.strftime("%d-%m-%Y"))
        cols[3].write(tr(f"followup.status_{d.status}"))
        if d.status == "done" or not p.active:
            continue
        key = f"{p.id}_{d.point}_{d.respondent}"
        if cols[4].button(tr("followup.together"), key=f"fu_sess_{key}"):
            c = svc.start_checkin(
                actor=user,
                placement_id=p.id,
                point=d.point,
                respondent=d.respondent,
                mode="session",
            )
            st.session_state["fu_session"] = c.id
        if cols[5].button(tr("followup.make_link"), key=f"fu_link_{key}"):
            c = svc.start_checkin(
                actor=user, placement_id=p.id, point=d.point, respondent=d.respondent, mode="link"
            )
            token = svc.create_checkin_link(actor=user, checkin_id=c.id)
            st.session_state["fu_link"] = svc.checkin_link(token)
    if link := st.session_state.get("fu_link"):
        st.success(tr("followup.link_made"))
        st.code(link, language=None)
    if cid := st.session_state.get("fu_session"):
        view = svc.get_checkin(actor=user, checkin_id=cid)
        if view.placement_id == p.id:
            with st.container(border=True):
                st.subheader(
                    tr("followup.session_title", who=tr(f"followup.respondent_{view.respondent}"))
                )
                if show_checkin(user, cid, key=f"fu_checkin_{cid}"):
                    st.success(tr("followup.session_done"))
                if st.button(tr("followup.session_close"), key=f"fu_close_{cid}"):
                    st.session_state.pop("fu_session", None)
                    st.rerun()


def _timeline(user: Any, pid: int, language: str) -> None:
    st.subheader(tr("followup.timeline_title"))
    items = svc.timeline(actor=user, placement_id=pid, lang=language)
    st.dataframe(
        pd.DataFrame(
            {
                tr("followup.col_date"): [i.on.strftime("%d-%m-%Y") for i in items],
                tr("followup.col_what"): [
                    (f"{tr(f'followup.level_{i.level}')}: " if i.level else "") + i.title
                    for i in items
                ],
                tr("followup.col_detail"): [i.detail for i in items],
            }
        ),
        hide_index=True,
    )


def _record(user: Any, p: svc.PlacementView, language: str) -> None:
    book = rulebook()
    with st.expander(tr("followup.record")), st.form(f"fu_rec_{p.id}", clear_on_submit=True):
        kinds = ["note", "action", "event", "hours"]
        kind = st.selectbox(
            tr("followup.r_kind"), kinds, format_func=lambda k: tr(f"followup.kind_{k}")
        )
        event_labels = {e.code: e.label.get(language) for e in book.events}
        event = st.selectbox(
            tr("followup.r_event"), list(event_labels), format_func=event_labels.__getitem__
        )
        text = st.text_area(tr("followup.r_text"), max_chars=4000)
        hours = st.number_input(
            tr("followup.r_hours"),
            min_value=1.0,
            max_value=60.0,
            value=float(p.current_hours),
            step=0.5,
        )
        on = st.date_input(tr("followup.col_date"), value=date.today(), format="DD-MM-YYYY")
        if st.form_submit_button(tr("followup.save")) and _try(
            lambda: svc.add_entry(
                actor=user,
                placement_id=p.id,
                kind=kind,
                on=on,
                text=text,
                event_kind=event if kind == "event" else None,
                hours=hours if kind == "hours" else None,
            )
        ):
            st.rerun()
    c = codes()
    if p.contract_end and p.active:
        with st.expander(tr("followup.decision")), st.form(f"fu_dec_{p.id}"):
            decision = st.selectbox(
                tr("followup.decision"),
                list(c.of("decisions")),
                format_func=lambda x: c.label("decisions", x, language),
            )
            new_end = st.date_input(
                tr("followup.new_contract_end"), value=None, format="DD-MM-YYYY"
            )
            if st.form_submit_button(tr("followup.save")) and _try(
                lambda: svc.set_decision(
                    actor=user, placement_id=p.id, decision=decision, contract_end=new_end
                )
            ):
                st.rerun()
    if p.active:
        with st.expander(tr("followup.end")), st.form(f"fu_end_{p.id}"):
            reason = st.selectbox(
                tr("followup.end_reason"),
                list(c.of("end_reasons")),
                format_func=lambda x: c.label("end_reasons", x, language),
            )
            end = st.date_input(tr("followup.end_date"), value=date.today(), format="DD-MM-YYYY")
            if st.form_submit_button(tr("followup.end")) and _try(
                lambda: svc.end_placement(
                    actor=user, placement_id=p.id, end_date=end, reason=reason
                )
            ):
                st.rerun()


def show_placement(user: Any, pid: int) -> None:
    language = lang()
    p = svc.get_placement(actor=user, placement_id=pid)
    _facts(p, language)
    left, right = st.columns(2)
    with left:
        st.download_button(
            tr("followup.pdf_followup"),
            data=lambda: followup_reports.followup_pdf(actor=user, placement_id=pid, lang=language),
            file_name=f"volgverslag-{pid}.pdf",
            mime="application/pdf",
            key=f"fu_pdf_{pid}",
            icon=":material/picture_as_pdf:",
        )
    with right:
        st.download_button(
            tr("followup.pdf_worker"),
            data=lambda: followup_reports.worker_pdf(actor=user, placement_id=pid, lang=language),
            file_name=f"jouw-werk-{pid}.pdf",
            mime="application/pdf",
            key=f"fu_wpdf_{pid}",
            icon=":material/picture_as_pdf:",
        )
    _signals(user, pid, language)
    _plan(user, p, language)
    _timeline(user, pid, language)
    _record(user, p, language)


def retention_table(view: RetentionView, language: str) -> None:
    st.caption(tr("followup.retention_intro", k=view.k, n=view.n))
    rows = []
    for g in view.groups:
        row = {
            tr("followup.col_split"): tr(f"followup.split_{g.split}"),
            tr("followup.col_group"): g.label,
            "n": g.n,
        }
        for e in g.estimates or []:
            cell = "-"
            if e.survival is not None and e.lower is not None and e.upper is not None:
                low, high = num(100 * e.lower, 0, language), num(100 * e.upper, 0, language)
                cell = f"{num(100 * e.survival, 0, language)}% ({low}-{high})"
            row[tr("followup.col_months", m=e.months)] = cell
        if g.suppressed:
            row[tr("followup.col_months", m=3)] = tr("followup.too_small", k=view.k)
        rows.append(row)
    st.dataframe(pd.DataFrame(rows), hide_index=True)
