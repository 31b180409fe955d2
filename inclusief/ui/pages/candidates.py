"""Candidates of the consultant: profile, capability levels with source, consent, intake.

Widgets and service calls only (rules: inclusief.services.candidates and candidate_intake).
A value the candidate gave in the intake is marked "van de kandidaat zelf".
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from inclusief.errors import AccessDenied, InputError
from inclusief.jobcarving.fit import load_dimensions
from inclusief.jobcarving.intake import QUESTIONS
from inclusief.jobcarving.model import SLOTS
from inclusief.jobcarving.profiles import SUPPORTS, TASK_CATEGORIES, TRAVEL_MODES
from inclusief.services import candidate_intake as intake
from inclusief.services import candidates as service
from inclusief.services import organisations
from inclusief.ui.auth import current_user
from inclusief.ui.components.candidate_words import answer_text, slot_text
from inclusief.ui.components.intake_form import show_intake
from inclusief.ui.i18n import lang, tr

FLASH = "candidates_flash"
user = current_user()
st.title(tr("candidates.page.title"))
st.write(tr("candidates.page.intro"))
if user is None or user.role != "consultant":
    st.error(tr("store.denied"))
    st.stop()
if FLASH in st.session_state:
    st.success(st.session_state.pop(FLASH))


def _done(message: str) -> None:
    st.session_state[FLASH] = message
    st.rerun()


def _problems(exc: InputError) -> None:
    st.error(tr("common.input_error") + "\n\n" + "\n".join(f"- {p}" for p in exc.problems))


def _own(field: str, label: str, view: service.CandidateView) -> str:
    return f"{label} · {tr('candidates.page.own')}" if field in view.from_candidate else label


orgs = {o.id: o.name for o in organisations.list_organisations(actor=user)}
with st.expander(tr("candidates.page.new"), icon=":material/person_add:"), st.form("candidate_new"):
    name = st.text_input(tr("candidates.page.pseudonym"), max_chars=60)
    c1, c2, c3 = st.columns(3)
    low = c1.number_input(tr("candidates.page.hours_min"), 0.0, 40.0, 8.0, 0.5)
    high = c2.number_input(tr("candidates.page.hours_max"), 0.0, 40.0, 16.0, 0.5)
    cost = c3.number_input(
        tr("candidates.page.hourly_cost"),
        0.0,
        500.0,
        0.0,
        0.5,
        help=tr("candidates.page.hourly_cost_help"),
    )
    org = st.selectbox(
        tr("candidates.page.organisation"),
        [None, *orgs],
        format_func=lambda o: orgs.get(o, "—"),
    )
    if st.form_submit_button(tr("candidates.page.create"), type="primary"):
        try:
            service.create_candidate(
                actor=user,
                pseudonym=name,
                hours_min=low,
                hours_max=high,
                hourly_cost_eur=cost or None,
                organisation_id=org,
            )
            _done(tr("candidates.page.created", name=name.strip()))
        except InputError as exc:
            _problems(exc)

views = {v.id: v for v in service.list_candidates(actor=user)}
if not views:
    st.info(tr("candidates.page.none"))
    st.stop()
chosen = st.selectbox(
    tr("candidates.page.pick"),
    list(views),
    format_func=lambda i: views[i].pseudonym,
    key="candidates_pick",
)
view = views[chosen]
dims = load_dimensions()
language = lang()
tab_profile, tab_levels, tab_consent, tab_intake, tab_delete = st.tabs(
    [tr(f"candidates.page.tab_{t}") for t in ("profile", "levels", "consent", "intake", "delete")]
)

with tab_profile, st.form(f"candidate_profile_{view.id}"):
    if view.from_candidate:
        st.caption(tr("candidates.page.own_note"))
    c1, c2, c3 = st.columns(3)
    values = {
        "hours_min": c1.number_input(
            _own("hours_min", tr("candidates.page.hours_min"), view), 0.0, 40.0, view.hours_min, 0.5
        ),
        "hours_max": c2.number_input(
            _own("hours_max", tr("candidates.page.hours_max"), view), 0.0, 40.0, view.hours_max, 0.5
        ),
        "hours_wanted": c3.number_input(
            _own("hours_wanted", tr("candidates.page.hours_wanted"), view),
            0.0,
            40.0,
            view.hours_wanted,
            0.5,
        ),
        "slots": st.multiselect(
            _own("slots", tr("candidates.page.slots"), view),
            list(SLOTS),
            view.slots,
            format_func=lambda s: slot_text(s, language),
        ),
    }
    c1, c2 = st.columns(2)
    values["travel_mode"] = c1.selectbox(
        _own("travel_mode", tr("candidates.page.travel"), view),
        [None, *TRAVEL_MODES],
        index=([None, *TRAVEL_MODES].index(view.travel_mode)),
        format_func=lambda m: tr(f"candidates.opt.travel.{m}") if m else "—",
    )
    values["travel_minutes"] = (
        c2.number_input(
            _own("travel_minutes", tr("candidates.page.travel_minutes"), view),
            0,
            240,
            view.travel_minutes or 0,
            5,
        )
        or None
    )
    work = list(dict.fromkeys([*TASK_CATEGORIES, *view.likes, *view.dislikes]))
    values["likes"] = st.multiselect(
        _own("likes", tr("candidates.page.likes"), view),
        work,
        view.likes,
        format_func=lambda w: answer_text("likes", w, language),
    )
    values["dislikes"] = st.multiselect(
        _own("dislikes", tr("candidates.page.dislikes"), view),
        work,
        view.dislikes,
        format_func=lambda w: answer_text("likes", w, language),
    )
    values["support"] = st.multiselect(
        _own("support", tr("candidates.page.support"), view),
        list(SUPPORTS),
        view.support,
        format_func=lambda w: tr(f"candidates.opt.support.{w}"),
    )
    values["support_note"] = st.text_area(
        _own("support_note", tr("candidates.page.support_note"), view),
        view.support_note,
        max_chars=500,
    )
    values["strengths"] = st.text_area(
        _own("strengths", tr("candidates.page.strengths"), view), view.strengths, max_chars=500
    )
    values["hourly_cost_eur"] = (
        st.number_input(
            tr("candidates.page.hourly_cost"), 0.0, 500.0, view.hourly_cost_eur or 0.0, 0.5
        )
        or None
    )
    if st.form_submit_button(tr("candidates.page.save"), type="primary"):
        try:
            service.update_candidate(actor=user, candidate_id=view.id, **values)
            _done(tr("candidates.page.saved"))
        except InputError as exc:
            _problems(exc)

with tab_levels:
    st.caption(tr("candidates.page.levels_note"))
    if not view.has_consent("capabilities"):
        st.warning(tr("candidates.page.levels_no_consent"))
    if view.capabilities:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        tr("candidates.page.dimension"): dims[d].name.get(language)
                        if d in dims
                        else d,
                        tr(
                            "candidates.page.level"
                        ): f"{c.level} – {dims[d].levels[c.level].get(language)}"
                        if d in dims
                        else c.level,
                        tr("candidates.page.source"): c.source,
                    }
                    for d, c in view.capabilities.items()
                ]
            ),
            hide_index=True,
        )
    with st.form(f"candidate_level_{view.id}"):
        dim = st.selectbox(
            tr("candidates.page.dimension"),
            list(dims),
            format_func=lambda d: dims[d].name.get(language),
        )
        level = st.number_input(tr("candidates.page.level"), 0, 3, 0)
        source = st.text_input(
            tr("candidates.page.source"),
            placeholder=tr("candidates.page.source_placeholder"),
            max_chars=120,
        )
        if st.form_submit_button(tr("candidates.page.level_save")):
            try:
                service.set_capability(
                    actor=user, candidate_id=view.id, dimension=dim, level=int(level), source=source
                )
                _done(tr("candidates.page.saved"))
            except InputError as exc:
                _problems(exc)

with tab_consent:
    for kind in service.CONSENT_KINDS:
        active = [c for c in view.consents if c.kind == kind and c.active]
        st.markdown(f"**{tr(f'candidates.page.consent_{kind}')}**")
        if not active:
            st.caption(tr("candidates.page.consent_none"))
        for c in active:
            how = tr(f"candidates.page.how_{c.how}")
            st.write(
                tr(
                    "candidates.page.consent_line",
                    when=c.given_at.strftime("%d-%m-%Y"),
                    how=how,
                    employer=c.employer or "—",
                )
            )
            if st.button(tr("candidates.page.withdraw"), key=f"withdraw_{c.id}"):
                service.withdraw_consent(
                    actor=user, candidate_id=view.id, kind=kind, employer=c.employer
                )
                _done(tr("candidates.page.withdrawn"))
    with st.form(f"candidate_consent_{view.id}"):
        st.caption(tr("candidates.page.paper_note"))
        kind = st.selectbox(
            tr("candidates.page.consent_kind"),
            service.CONSENT_KINDS,
            format_func=lambda k: tr(f"candidates.page.consent_{k}"),
        )
        employer = st.text_input(tr("candidates.page.employer"), max_chars=120)
        if st.form_submit_button(tr("candidates.page.consent_record")):
            try:
                service.record_consent(
                    actor=user,
                    candidate_id=view.id,
                    kind=kind,
                    how="paper",
                    employer=employer or None,
                )
                _done(tr("candidates.page.saved"))
            except InputError as exc:
                _problems(exc)

with tab_intake:
    c1, c2 = st.columns(2)
    employer_for_link = c1.text_input(
        tr("candidates.page.link_employer"), max_chars=120, key=f"link_employer_{view.id}"
    )
    if c1.button(tr("candidates.page.link_create"), type="primary", key=f"link_create_{view.id}"):
        token = intake.create_intake_link(
            actor=user, candidate_id=view.id, employer=employer_for_link or None
        )
        st.session_state[f"intake_link_{view.id}"] = intake.intake_link(token)
    if link := st.session_state.get(f"intake_link_{view.id}"):
        c1.caption(tr("candidates.page.link_once"))
        c1.code(link, language=None)
    if c2.button(tr("candidates.page.link_revoke"), key=f"link_revoke_{view.id}"):
        count = intake.revoke_intake_links(actor=user, candidate_id=view.id)
        st.session_state.pop(f"intake_link_{view.id}", None)
        _done(tr("candidates.page.revoked", n=count))
    if c2.button(
        tr("candidates.page.together"), key=f"together_{view.id}", icon=":material/groups:"
    ):
        st.session_state[f"together_{view.id}"] = intake.start_session_intake(
            actor=user, candidate_id=view.id, employer=employer_for_link or None
        )
    for state in reversed(intake.intakes_of(actor=user, candidate_id=view.id)):
        status = "accepted" if state.accepted else "finished" if state.finished else "open"
        with st.expander(
            tr(
                "candidates.page.intake_line",
                when=state.created_at.strftime("%d-%m-%Y %H:%M"),
                status=tr(f"candidates.page.status_{status}"),
                n=len(state.answers),
            )
        ):
            rows = [
                {
                    tr("candidates.page.question"): tr(
                        f"candidates.q.{q.id}.title", employer=state.employer or ""
                    ),
                    tr("candidates.page.answer"): answer_text(q.id, state.answers[q.id], language),
                }
                for q in QUESTIONS
                if q.id in state.answers
            ]
            if rows:
                st.table(pd.DataFrame(rows))
            if rows and st.button(
                tr("candidates.page.accept"), key=f"accept_{state.intake_id}", type="primary"
            ):
                try:
                    intake.accept_intake(actor=user, intake_id=state.intake_id)
                    _done(tr("candidates.page.accepted"))
                except (InputError, AccessDenied) as exc:
                    _problems(exc) if isinstance(exc, InputError) else st.error(str(exc))
    if together := st.session_state.get(f"together_{view.id}"):
        st.subheader(tr("candidates.page.together"))
        show_intake(user, together, key=f"together{view.id}")

with tab_delete:
    st.warning(tr("candidates.page.delete_note"))
    sure = st.checkbox(
        tr("candidates.page.delete_sure", name=view.pseudonym), key=f"delete_sure_{view.id}"
    )
    if st.button(tr("candidates.page.delete"), disabled=not sure, key=f"delete_{view.id}"):
        service.delete_candidate(actor=user, candidate_id=view.id)
        _done(tr("candidates.page.deleted"))
