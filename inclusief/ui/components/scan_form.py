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
from inclusief.questionnaires.progress import ScanBackend, n_steps, step_complete
from inclusief.questionnaires.results import ScanResult
from inclusief.questionnaires.scoring import score_one
from inclusief.ui.components import scan_advice, scan_items
from inclusief.ui.i18n import lang, tr


def _guard(action: Callable[[], None]) -> None:
    """Run a save; keep its plain error for the next run instead of a traceback."""
    try:
        action()
    except (InputError, AccessDenied) as exc:
        st.session_state["_scan_error"] = str(exc)


def _save_support(backend: ScanBackend, widget_key: str) -> None:
    # only what this tab changed: a choice made meanwhile in another tab is kept
    before = list(st.session_state.get(f"{widget_key}__shown", []))
    _guard(lambda: backend.save_support_needs(list(st.session_state[widget_key]), before))


def _go(backend: ScanBackend, step: int) -> None:
    _guard(lambda: backend.save_step(step))


def _finish(backend: ScanBackend) -> None:
    _guard(backend.finish)


def show_form(backend: ScanBackend, *, key: str) -> None:
    q = backend.questionnaire
    progress = backend.load()
    total = n_steps(q)
    step = min(progress.step, total - 1)
    language = lang()
    if error := st.session_state.pop("_scan_error", None):
        st.error(error)

    st.progress((step + 1) / total, text=tr("scan.step", n=step + 1, total=total))
    st.caption(tr("scan.saved") if backend.on_server else tr("scan.not_saved_guest"))

    if step < len(q.dimensions):
        scan_items.glossary(q, language, first_step=step == 0)
        dim = q.dimensions[step]
        st.subheader(dim.name.get(language))
        if dim.description:
            st.write(dim.description.get(language))
        for item in dim.items:
            scan_items.draw_item(backend, item, progress.answers.get(item.id), key, language)
        if note := scan_items.dont_know_note(q, dim.items, language):
            st.caption(note)
        if not step_complete(q, step, progress.answers):
            open_items = sum(progress.answers.get(i.id) is None for i in dim.items)
            st.info(tr("scan.unanswered", n=open_items, share=round(q.min_answered_share * 100)))
    elif q.support_needs:
        st.subheader(tr("scan.support_title"))
        needs = q.support_needs
        labels = {o.id: o.label.get(language) for o in needs.options}
        widget_key = f"{key}-{needs.id}"
        shown = st.multiselect(
            needs.question.get(language),
            options=list(labels),
            default=[o for o in progress.support_needs if o in labels],
            format_func=labels.__getitem__,
            key=widget_key,
            help=tr("scan.support_hint"),
            placeholder=tr("scan.support_placeholder"),
            on_change=_save_support,
            args=(backend, widget_key),
        )
        st.session_state[f"{widget_key}__shown"] = list(shown)

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
            on_click=_finish,
            args=(backend,),
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
