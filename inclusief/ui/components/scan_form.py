"""The werkgeversscan form: one dimension per step, with progress, back and next.

Every answer goes to ``backend.save_answer`` in the widget's callback, the moment it is
given. The form holds no answers of its own: on every run it reads them from the backend.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from inclusief.errors import AccessDenied, InputError
from inclusief.formatting import score as score_text
from inclusief.questionnaires.charts import dimension_chart
from inclusief.questionnaires.progress import (
    ScanBackend,
    ScanProgress,
    finish_check,
    n_steps,
    step_complete,
)
from inclusief.questionnaires.results import ScanResult
from inclusief.questionnaires.scoring import score_one
from inclusief.ui.components import scan_advice, scan_items
from inclusief.ui.focus import HEADING_KEY, focus_heading
from inclusief.ui.i18n import lang, tr
from inclusief.ui.text import plain


def _guard(action: Callable[[], None]) -> None:
    """Run a save; keep its plain error for the next run instead of a traceback."""
    try:
        action()
    except (InputError, AccessDenied) as exc:
        st.session_state["_scan_error"] = str(exc)


def _save_support(backend: ScanBackend, widget_key: str, option: str) -> None:
    # only what this tab changed: a choice made meanwhile in another tab is kept
    before = list(st.session_state.get(f"{widget_key}__shown", []))
    chosen = bool(st.session_state[f"{widget_key}-{option}"])
    after = [o for o in before if o != option] + ([option] if chosen else [])
    _guard(lambda: backend.save_support_needs(after, before))


def _go(backend: ScanBackend, step: int) -> None:
    _guard(lambda: backend.save_step(step))


def _finish(backend: ScanBackend, key: str) -> None:
    st.session_state.pop(f"{key}-confirming", None)
    _guard(backend.finish)


def _ask_finish(key: str) -> None:
    st.session_state[f"{key}-confirming"] = True


def _back_to(backend: ScanBackend, key: str, step: int) -> None:
    st.session_state.pop(f"{key}-confirming", None)
    _go(backend, step)


def _confirm_finish(backend: ScanBackend, *, key: str) -> None:
    """Before finishing: what is still open, with a way back to each step."""
    q = backend.questionnaire
    progress = backend.load()
    check = finish_check(q, progress.answers)
    language = lang()
    with st.container(border=True):
        st.subheader(tr("ui.confirm_title"))
        if check.nothing_answered:
            st.warning(tr("ui.confirm_nothing"))
        elif check.complete:
            st.write(tr("ui.confirm_complete"))
        else:
            st.write(tr("ui.confirm_open", share=round(q.min_answered_share * 100)))
            for open_step in check.steps:
                dim = q.dimensions[open_step.step]
                st.markdown(
                    f"**{tr('scan.step', n=open_step.step + 1, total=n_steps(q))}: "
                    f"{plain(dim.name.get(language))}**"
                )
                if open_step.no_score:
                    st.caption(tr("ui.confirm_no_score"))
                for item_id in open_step.unanswered:
                    st.text(f"• {q.item(item_id).text.get(language)}")
                st.button(
                    tr("ui.confirm_go_to", name=dim.name.get(language)),
                    key=f"{key}-goto-{open_step.step}",
                    on_click=_back_to,
                    args=(backend, key, open_step.step),
                )
        cancel, _, confirm = st.columns([1, 2, 1])
        cancel.button(
            tr("ui.confirm_cancel"),
            key=f"{key}-confirm-cancel",
            on_click=lambda: st.session_state.pop(f"{key}-confirming", None),
            width="stretch",
        )
        confirm.button(
            tr("ui.confirm_yes"),
            key=f"{key}-confirm-yes",
            type="primary",
            on_click=_finish,
            args=(backend, key),
            width="stretch",
        )


def _questions(backend: ScanBackend, progress: ScanProgress, *, key: str, step: int) -> None:
    """A dimension's heading, description and questions, each answer saved when given."""
    q = backend.questionnaire
    language = lang()
    dim = q.dimensions[step]
    with st.container(key=f"{HEADING_KEY}-{key}"):
        st.subheader(dim.name.get(language), anchor=False)
    if dim.description:
        st.write(dim.description.get(language))
    for item in dim.items:
        scan_items.draw_item(backend, item, progress.answers.get(item.id), key, language)
    if note := scan_items.dont_know_note(q, dim.items, language):
        st.caption(note)
    if not step_complete(q, step, progress.answers):
        open_items = sum(progress.answers.get(i.id) is None for i in dim.items)
        st.info(tr("scan.unanswered", n=open_items, share=round(q.min_answered_share * 100)))


def show_form(
    backend: ScanBackend, *, key: str, aside: Callable[[str], None] | None = None
) -> None:
    """One step of the scan. ``aside(dimension_id)`` draws beside a dimension's questions
    (session mode: the consultant's note for that dimension)."""
    if st.session_state.get(f"{key}-confirming"):
        if error := st.session_state.pop("_scan_error", None):
            st.error(error)
        _confirm_finish(backend, key=key)
        return
    q = backend.questionnaire
    progress = backend.load()
    total = n_steps(q)
    step = min(progress.step, total - 1)
    language = lang()
    if error := st.session_state.pop("_scan_error", None):
        st.error(error)

    st.progress((step + 1) / total, text=tr("scan.step", n=step + 1, total=total))
    st.caption(tr("scan.saved") if backend.on_server else tr("scan.not_saved_guest"))
    shown_key = f"{key}-shown-step"
    if shown_key in st.session_state and st.session_state[shown_key] != step:
        heading = (
            q.dimensions[step].name.get(language)
            if step < len(q.dimensions)
            else tr("scan.support_title")
        )
        focus_heading(heading)  # after "Volgende"/"Vorige": to the new step's heading
    st.session_state[shown_key] = step

    if step < len(q.dimensions):
        scan_items.glossary(q, language, first_step=step == 0)
        dim = q.dimensions[step]
        if aside is None:
            _questions(backend, progress, key=key, step=step)
        else:
            questions, beside = st.columns([3, 2], gap="large")
            with questions:
                _questions(backend, progress, key=key, step=step)
            with beside:
                aside(dim.id)
    elif q.support_needs:
        with st.container(key=f"{HEADING_KEY}-{key}"):
            st.subheader(tr("scan.support_title"), anchor=False)
        needs = q.support_needs
        widget_key = f"{key}-{needs.id}"
        # one checkbox per topic (a multiselect shows Streamlit's English "Select all")
        shown = [o.id for o in needs.options if o.id in progress.support_needs]
        st.session_state[f"{widget_key}__shown"] = shown
        with st.container(border=True):
            st.markdown(f"**{needs.question.get(language)}**")
            st.caption(tr("scan.support_hint"))
            for option in needs.options:
                st.checkbox(
                    option.label.get(language),
                    value=option.id in shown,
                    key=f"{widget_key}-{option.id}",
                    on_change=_save_support,
                    args=(backend, widget_key, option.id),
                )

    back, _, forward = st.columns([1, 3, 1])
    back.button(
        tr("common.back"),
        key=f"{key}-back",
        disabled=step == 0,
        on_click=_go,
        args=(backend, step - 1),
        width="stretch",
    )
    if step < total - 1:
        forward.button(
            tr("common.next"),
            key=f"{key}-next",
            type="primary",
            on_click=_go,
            args=(backend, step + 1),
            width="stretch",
        )
    else:
        forward.button(
            tr("common.finish"),
            key=f"{key}-finish",
            type="primary",
            on_click=_ask_finish,
            args=(key,),
            width="stretch",
        )


def show_result(
    backend: ScanBackend,
    *,
    key: str,
    benchmark: pd.DataFrame | None = None,
    result: ScanResult | None = None,
) -> None:
    """The scored result: index, profile, the combined advice, the top 3 to work on, the
    dimension chart, the facts, and the employer's own werkgeversservicepunt.

    ``benchmark`` is ``PeerBenchmark.quartile_frame()`` (columns ``dimension``, ``p25``,
    ``p50``, ``p75``), drawn as the grey peer band; pass it only when the benchmark is
    available (the peer group is large enough). ``result``: the stored assessment's result
    from the service (``scan.assessment_result``, which knows the organisation's
    municipality); without it the backend's answers are scored here (a guest's scan)."""
    q = backend.questionnaire
    language = lang()
    if result is None:
        progress = backend.load()
        result = score_one(
            questionnaire=q,
            answers=progress.answers,
            support_needs=progress.support_needs,
            lang=language,
        )
    st.subheader(tr("scan.results_title"))
    if result.answered + result.dont_know == 0:
        st.info(tr("ui.result_empty"))
        return
    left, right = st.columns(2)
    overall = score_text(result.overall_index)  # one rounding for text, chart and PDF
    left.metric(tr("common.overall_index"), overall)
    right.metric(tr("common.profile"), result.profile_label or "-")
    st.caption(scan_advice.counts_text(result))
    scan_advice.advice(result)
    scan_advice.work_points(result)
    st.altair_chart(dimension_chart(result, lang=language, benchmark=benchmark), width="stretch")
    scan_advice.dimensions(result)
    scan_advice.facts(result)
    if result.support_steps:
        st.subheader(tr("scan.next_steps"))
        for step in result.support_steps:
            st.markdown(f"- **{step.label}**: {step.next_step}")
    scan_advice.region(result)
