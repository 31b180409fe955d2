"""A follow-up check-in, one question per screen (easy-read for the worker).

Every answer is saved on the server the moment it is given (``save_checkin_answer``); the
step is kept in the browser session only. Worker questions show a picture with alt text.
Works for a check-in link (``CheckinSession``) and for the consultant in a session.
"""

from __future__ import annotations

import base64
from typing import Any

import streamlit as st

from inclusief.errors import AccessDenied, InputError
from inclusief.followup.codes import pictures
from inclusief.services import placements as svc
from inclusief.ui.i18n import lang, tr


def _guard(action: Any) -> None:
    try:
        action()
    except (InputError, AccessDenied) as exc:
        st.session_state["_checkin_error"] = str(exc)


def _save(actor: Any, checkin_id: int, item_id: str, widget_key: str) -> None:
    _guard(
        lambda: svc.save_checkin_answer(
            actor=actor, checkin_id=checkin_id, item_id=item_id, value=st.session_state[widget_key]
        )
    )


def _go(step_key: str, step: int) -> None:
    st.session_state[step_key] = step


def _finish(actor: Any, checkin_id: int, comment_key: str, done_key: str) -> None:
    def run() -> None:
        svc.finish_checkin(
            actor=actor, checkin_id=checkin_id, comment=st.session_state.get(comment_key, "")
        )
        st.session_state[done_key] = True  # the link is closed now: the page shows thanks

    _guard(run)


def picture(item_id: str, language: str) -> None:
    pic = pictures().get(item_id)
    if pic is None:
        return
    data = base64.b64encode(pic.svg.encode("utf-8")).decode("ascii")
    alt = pic.alt.get(language).replace('"', "'")
    st.markdown(
        f'<img src="data:image/svg+xml;base64,{data}" alt="{alt}" width="112" height="112">',
        unsafe_allow_html=True,
    )


def show_checkin(actor: Any, checkin_id: int, *, key: str) -> bool:
    """The form; True once the check-in is finished."""
    language = lang()
    view = svc.get_checkin(actor=actor, checkin_id=checkin_id)
    if view.status == "finished":
        return True
    q = svc.checkin_questionnaire(actor=actor, checkin_id=checkin_id)
    worker = view.respondent == "worker"
    items = q.items
    step_key = f"{key}-step"
    step = min(int(st.session_state.get(step_key, 0)), len(items))
    if error := st.session_state.pop("_checkin_error", None):
        st.error(error)
    st.progress(
        min(step + 1, len(items) + 1) / (len(items) + 1),
        text=tr("followup.question_of", n=min(step + 1, len(items)), total=len(items))
        if step < len(items)
        else tr("followup.last_step"),
    )
    if step < len(items):
        item = items[step]
        scale = q.scale(item.scale)
        codes = scale.codes + ([scale.dont_know.code] if scale.dont_know else [])
        if worker:
            codes = list(reversed(scale.codes)) + codes[len(scale.codes) :]  # "Ja" first
            picture(item.id, language)
        current = view.answers.get(item.id)
        widget_key = f"{key}-{item.id}"
        st.radio(
            item.text.get(language),
            options=codes,
            index=codes.index(current) if current in codes else None,
            format_func=lambda c, s=scale: s.label(c, language),
            key=widget_key,
            on_change=_save,
            args=(actor, checkin_id, item.id, widget_key),
        )
        if item.help:
            st.caption(item.help.get(language))
    else:
        comment_key = f"{key}-comment"
        st.text_area(
            tr("followup.comment_worker" if worker else "followup.comment_employer"),
            key=comment_key,
            max_chars=4000,
        )
    back, _, forward = st.columns([1, 2, 1])
    back.button(
        tr("common.back"),
        key=f"{key}-back",
        disabled=step == 0,
        on_click=_go,
        args=(step_key, step - 1),
        width="stretch",
    )
    if step < len(items):
        forward.button(
            tr("common.next"),
            key=f"{key}-next",
            type="primary",
            on_click=_go,
            args=(step_key, step + 1),
            width="stretch",
        )
    else:
        forward.button(
            tr("followup.send"),
            key=f"{key}-finish",
            type="primary",
            on_click=_finish,
            args=(actor, checkin_id, f"{key}-comment", f"{key}-done"),
            width="stretch",
        )
    return False
