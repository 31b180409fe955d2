"""Two tabs of the Candidates page: consent, and the questionnaire (links, answers,
accepting them, filling in together). Widgets and service calls only."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from inclusief.errors import AccessDenied, InputError
from inclusief.jobcarving.intake import QUESTIONS
from inclusief.services import candidate_intake as intake
from inclusief.services import candidates as service
from inclusief.services.access import Principal
from inclusief.ui.components.candidate_words import answer_text
from inclusief.ui.components.intake_form import show_intake
from inclusief.ui.i18n import tr

FLASH = "candidates_flash"


def done(message: str) -> None:
    """Show ``message`` after the rerun that shows the change."""
    st.session_state[FLASH] = message
    st.rerun()


def problems(exc: InputError) -> None:
    st.error(tr("common.input_error") + "\n\n" + "\n".join(f"- {p}" for p in exc.problems))


def consent_tab(user: Principal, view: service.CandidateView) -> None:
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
                done(tr("candidates.page.withdrawn"))
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
                done(tr("candidates.page.saved"))
            except InputError as exc:
                problems(exc)


def intake_tab(user: Principal, view: service.CandidateView, language: str) -> None:
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
        done(tr("candidates.page.revoked", n=count))
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
                    done(tr("candidates.page.accepted"))
                except (InputError, AccessDenied) as exc:
                    problems(exc) if isinstance(exc, InputError) else st.error(str(exc))
    if together := st.session_state.get(f"together_{view.id}"):
        st.subheader(tr("candidates.page.together"))
        show_intake(user, together, key=f"together{view.id}")
