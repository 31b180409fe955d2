"""The easy-read intake form: one question a screen, big buttons, a picture, "Terug".

Used by the candidate's link page (``?intake=``) and by the consultant who fills it in with
the candidate (the same form, another actor). Every click is saved on the server at once
(:mod:`inclusief.services.candidate_intake`); the step is saved too, so a reload comes
back to the same screen with every answer in place. There is no time limit.

Pictures: each question has a large picture (a Material Symbols icon) with a text
alternative (``role="img"`` and ``aria-label``); each answer option carries its own picture
on the button, next to its words, which are the button's accessible name.
"""

from __future__ import annotations

import html
from typing import Any

import streamlit as st

from inclusief.errors import AccessDenied, InputError
from inclusief.jobcarving.intake import Question
from inclusief.jobcarving.model import DAYS, PARTS
from inclusief.services import candidate_intake as intake
from inclusief.ui.i18n import tr

_CSS = """
<style>
[class*="st-key-intake_"] button { min-height: 3.5rem; font-size: 1.15rem; width: 100%; }
[class*="st-key-intake_"] button p { font-size: 1.15rem; }
.intake-picture { font-family: 'Material Symbols Rounded'; font-size: 4.5rem; line-height: 1;
  color: #1e3a8a; font-feature-settings: 'liga'; -webkit-font-feature-settings: 'liga'; }
.intake-question { font-size: 1.6rem; font-weight: 700; color: #111827; margin: .25rem 0; }
.intake-hint { font-size: 1.15rem; color: #1f2937; }
</style>
"""


def _picture(icon: str, alt: str) -> None:
    st.markdown(
        f'<div class="intake-picture" role="img" aria-label="{html.escape(alt)}">'
        f"{html.escape(icon)}</div>",
        unsafe_allow_html=True,
    )


def _label(q: Question, option: str) -> str:
    if q.id in ("likes", "dislikes"):
        return tr(f"candidates.opt.cat.{option}")
    if q.kind == "yesno":
        return tr(f"candidates.opt.yesno.{option}")
    return tr(f"candidates.opt.{q.id}.{option}")


def _save(actor: Any, intake_id: int, question: str, value: Any) -> bool:
    try:
        intake.answer(actor=actor, intake_id=intake_id, question=question, value=value)
    except InputError as exc:
        st.error("\n".join(p.message for p in exc.problems))
        return False
    return True


def _go(actor: Any, intake_id: int, step: int) -> None:
    intake.set_step(actor=actor, intake_id=intake_id, step=step)
    st.rerun()


def _multi(actor: Any, state: intake.IntakeState, q: Question, key: str) -> None:
    chosen: list[str] = list(state.answers.get(q.id) or [])
    st.markdown(
        f'<p class="intake-hint">{html.escape(tr("candidates.intake.pick_many"))}</p>',
        unsafe_allow_html=True,
    )

    def button(option: str, label: str, icon: str | None, where: Any) -> None:
        on = option in chosen
        text = f"{label} ✓ {tr('candidates.intake.chosen')}" if on else label
        if where.button(
            text,
            key=f"intake_opt_{key}_{q.id}_{option}",
            icon=":material/check_circle:" if on else (f":material/{icon}:" if icon else None),
            type="primary" if on else "secondary",
            width="stretch",
        ):
            new = [o for o in chosen if o != option] if on else [*chosen, option]
            if _save(actor, state.intake_id, q.id, new):
                st.rerun()

    if q.id == "slots":
        for day in DAYS:
            st.markdown(f"**{tr(f'candidates.opt.day.{day}')}**")
            cols = st.columns(2)
            for col, part in zip(cols, PARTS, strict=True):
                button(f"{day}-{part}", tr(f"candidates.opt.part.{part}"), None, col)
        return
    cols = st.columns(2)
    for i, option in enumerate(q.options):
        icon = (q.icons or {}).get(option)
        button(option, _label(q, option), icon, cols[i % 2])


def _single(actor: Any, state: intake.IntakeState, q: Question, key: str) -> None:
    current = state.answers.get(q.id)
    st.markdown(
        f'<p class="intake-hint">{html.escape(tr("candidates.intake.pick_one"))}</p>',
        unsafe_allow_html=True,
    )
    icons = dict(q.icons or {})
    if q.kind == "yesno":
        icons = {"ja": "check", "nee": "close"}
    for option in q.options:
        on = option == current
        label = _label(q, option)
        if st.button(
            f"{label} ✓ {tr('candidates.intake.chosen')}" if on else label,
            key=f"intake_opt_{key}_{q.id}_{option}",
            icon=f":material/{icons[option]}:" if option in icons else None,
            type="primary" if on else "secondary",
            width="stretch",
        ) and _save(actor, state.intake_id, q.id, option):
            _go(actor, state.intake_id, state.step + 1)  # one choice: on to the next


def _text(actor: Any, state: intake.IntakeState, q: Question, key: str) -> None:
    widget = f"intake_text_{key}_{q.id}_{state.intake_id}"

    def keep() -> None:  # saved as soon as the field loses focus, not only on the button
        _save(actor, state.intake_id, q.id, st.session_state.get(widget, ""))

    value = st.text_area(
        tr(f"candidates.q.{q.id}.label"),
        value=str(state.answers.get(q.id) or ""),
        max_chars=500,
        key=widget,
        on_change=keep,
    )
    if st.button(
        tr("candidates.intake.save_text"),
        key=f"intake_save_{key}_{q.id}",
        type="primary",
        icon=":material/save:",
    ) and _save(actor, state.intake_id, q.id, value):
        _go(actor, state.intake_id, state.step + 1)


def show_intake(actor: Any, intake_id: int, *, key: str) -> intake.IntakeState | None:
    """The intake at its saved step. Returns the state (``None`` when the link stopped)."""
    st.html(_CSS)
    try:
        state = intake.intake_state(actor=actor, intake_id=intake_id)
    except AccessDenied:
        st.error(tr("candidates.intake.invalid"))
        return None
    questions = state.questions
    total = len(questions)
    step = min(state.step, total + 1)
    if step == 0:
        _picture("waving_hand", tr("candidates.intake.title"))
        st.markdown(
            f'<p class="intake-hint">{html.escape(tr("candidates.intake.welcome"))}</p>',
            unsafe_allow_html=True,
        )
        if st.button(
            tr("candidates.intake.start"),
            key=f"intake_start_{key}",
            type="primary",
            icon=":material/arrow_forward:",
        ):
            _go(actor, intake_id, 1)
        return state
    st.progress(
        min(step, total) / total, text=tr("candidates.intake.step", n=min(step, total), total=total)
    )
    if step > total:
        _picture("celebration", tr("candidates.intake.done_title"))
        st.markdown(
            f'<p class="intake-question">{html.escape(tr("candidates.intake.done_title"))}</p>',
            unsafe_allow_html=True,
        )
        st.markdown(
            f'<p class="intake-hint">{html.escape(tr("candidates.intake.done"))}</p>',
            unsafe_allow_html=True,
        )
        if not state.finished and st.button(
            tr("candidates.intake.finish"),
            key=f"intake_finish_{key}",
            type="primary",
            icon=":material/check:",
        ):
            intake.finish(actor=actor, intake_id=intake_id)
            st.rerun()
        if st.button(
            tr("candidates.intake.back"), key=f"intake_back_{key}", icon=":material/arrow_back:"
        ):
            _go(actor, intake_id, step - 1)
        return state
    q = questions[step - 1]
    _picture(q.icon, tr(f"candidates.q.{q.id}.alt"))
    title = tr(f"candidates.q.{q.id}.title", employer=state.employer or "")
    st.markdown(f'<h2 class="intake-question">{html.escape(title)}</h2>', unsafe_allow_html=True)
    hint = f"candidates.q.{q.id}.hint"
    if tr(hint) != hint:
        st.markdown(f'<p class="intake-hint">{html.escape(tr(hint))}</p>', unsafe_allow_html=True)
    if q.kind == "multi":
        _multi(actor, state, q, key)
    elif q.kind == "text":
        _text(actor, state, q, key)
    else:
        _single(actor, state, q, key)
    nav = st.columns(2)
    if nav[0].button(
        tr("candidates.intake.back"), key=f"intake_back_{key}", icon=":material/arrow_back:"
    ):
        _go(actor, intake_id, step - 1)
    if (q.kind == "multi" or (q.kind != "text" and q.id in state.answers)) and nav[1].button(
        tr("candidates.intake.next"),
        key=f"intake_next_{key}",
        type="primary" if q.kind == "multi" else "secondary",
        icon=":material/arrow_forward:",
    ):
        _go(actor, intake_id, step + 1)
    return state
