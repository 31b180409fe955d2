"""The parts of a scan result page that come with version 2.0 (issue 20): the combined
advice, the top 3 to work on, the facts, the not-applicable counts and the regional line.

Everything shown is in the :class:`~inclusief.questionnaires.results.ScanResult`; nothing
is computed here, so the page and the PDF say the same.
"""

from __future__ import annotations

import streamlit as st

from inclusief.formatting import score as score_text
from inclusief.questionnaires.results import DimensionResult, ScanResult
from inclusief.ui.i18n import tr


def counts_text(result: ScanResult) -> str:
    text = tr(
        "scan.counts",
        answered=result.answered,
        dont_know=result.dont_know,
        skipped=result.skipped,
    )
    if result.not_applicable:
        text += tr("scan_result.counts_na", n=result.not_applicable)
    return text


def advice(result: ScanResult) -> None:
    """Every advice line in order (combined rules, band advice, the profile); the regional
    line follows at the end of the page (:func:`region`)."""
    names = {d.id: d.name for d in result.dimensions}
    lines = [line for line in result.advice if line.kind != "region"]
    if not lines:
        return
    st.subheader(tr("scan_result.advice_title"))
    for line in lines:
        if line.kind == "band" and line.dimension in names:
            st.markdown(f"- **{names[line.dimension]}**: {line.text}")
        elif line.kind == "rule":
            st.markdown(f"- **{tr('scan_result.combined')}**: {line.text}")
        else:
            st.markdown(f"- {line.text}")


def work_points(result: ScanResult) -> None:
    """The top 3 to work on: the weakest items, with what to do about them."""
    if not result.work_points:
        return
    st.subheader(tr("scan_result.work_points_title"))
    st.caption(tr("scan_result.work_points_intro"))
    for n, point in enumerate(result.work_points, start=1):
        st.markdown(f"{n}. **{point.text}** ({point.dimension_name})")
        if point.action:
            st.markdown(f"   {point.action}")


def _rule_text(result: ScanResult, line_id: str) -> str | None:
    return next((line.text for line in result.advice if line.id == line_id), None)


def _dimension_advice(result: ScanResult, dim: DimensionResult) -> str:
    if dim.score is None:
        return tr("scan.no_score")
    if dim.advice:
        return dim.advice
    if dim.advice_replaced_by:
        text = _rule_text(result, dim.advice_replaced_by)
        if text:
            return tr("scan_result.replaced", text=text)
    return tr("scan_result.no_advice")


def dimensions(result: ScanResult) -> None:
    """One expander per dimension: advice (or the rule that took its place), the note on
    weet niet, and the counts with niet van toepassing."""
    for dim in result.dimensions:
        with st.expander(
            f"{dim.name}: {score_text(dim.score)} ({dim.band_label or tr('scan.no_score')})"
        ):
            st.write(_dimension_advice(result, dim))
            if dim.note:
                st.caption(dim.note)
            counts = tr(
                "scan_result.dimension_counts",
                answered=dim.answered,
                n=dim.n_items,
                dont_know=dim.dont_know,
            )
            if dim.not_applicable:
                counts += tr("scan_result.counts_na", n=dim.not_applicable)
            st.caption(counts)


def facts(result: ScanResult) -> None:
    """The factual answers (ja/nee, numbers, lists): part of the profile, not of a score."""
    given = [f for f in result.facts if f.answer is not None]
    if not given:
        return
    st.subheader(tr("scan_result.facts_title"))
    st.caption(tr("scan_result.facts_intro"))
    st.table(
        {
            tr("scan_result.facts_question"): [f.question for f in given],
            tr("scan_result.facts_answer"): [f.answer for f in given],
        }
    )


def region(result: ScanResult) -> None:
    """The employer's own werkgeversservicepunt and the UWV Werkgeverslijn."""
    lines = [line for line in result.advice if line.kind == "region"]
    if not lines:
        return
    st.subheader(tr("scan_result.region_title", region=result.region or ""))
    for line in lines:
        st.info(line.text)
