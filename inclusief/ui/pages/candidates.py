"""Candidates of the consultant: profile, capability levels with source, consent, intake.

Widgets and service calls only (rules: inclusief.services.candidates and candidate_intake).
A value the candidate gave in the intake is marked "van de kandidaat zelf".
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from inclusief.errors import InputError
from inclusief.jobcarving.fit import load_dimensions
from inclusief.jobcarving.model import SLOTS
from inclusief.jobcarving.profiles import SUPPORTS, TASK_CATEGORIES, TRAVEL_MODES
from inclusief.services import candidates as service
from inclusief.services import organisations
from inclusief.ui.auth import current_user
from inclusief.ui.components.candidate_tabs import FLASH, consent_tab, done, intake_tab, problems
from inclusief.ui.components.candidate_words import answer_text, slot_text
from inclusief.ui.i18n import lang, tr

user = current_user()
st.title(tr("candidates.page.title"))
st.write(tr("candidates.page.intro"))
if user is None or user.role != "consultant":
    st.error(tr("store.denied"))
    st.stop()
if FLASH in st.session_state:
    st.success(st.session_state.pop(FLASH))


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
            done(tr("candidates.page.created", name=name.strip()))
        except InputError as exc:
            problems(exc)

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
            done(tr("candidates.page.saved"))
        except InputError as exc:
            problems(exc)

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
                done(tr("candidates.page.saved"))
            except InputError as exc:
                problems(exc)

with tab_consent:
    consent_tab(user, view)

with tab_intake:
    intake_tab(user, view, language)

with tab_delete:
    st.warning(tr("candidates.page.delete_note"))
    sure = st.checkbox(
        tr("candidates.page.delete_sure", name=view.pseudonym), key=f"delete_sure_{view.id}"
    )
    if st.button(tr("candidates.page.delete"), disabled=not sure, key=f"delete_{view.id}"):
        service.delete_candidate(actor=user, candidate_id=view.id)
        done(tr("candidates.page.deleted"))
