"""Stored candidates on the carving page (issue #16), kept in one file so the carving page
changes by a few lines only.

- :func:`stored_candidate_picker`: the consultant's stored candidates, beside the YAML
  upload; they reach the engine through the one conversion in the core
  (:func:`inclusief.services.candidates.engine_candidates`), which leaves capability levels
  out without consent (a) and says so.
- :func:`report_buttons`: the employer's report (no capability levels or shortfalls) and the
  consultant's version with them.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from inclusief.errors import AccessDenied, InputError
from inclusief.jobcarving.model import Candidate
from inclusief.reports.carving_report import CarvingReportData
from inclusief.services import candidates as service
from inclusief.ui.auth import current_user
from inclusief.ui.components.downloads import carving_pdf_button
from inclusief.ui.i18n import lang, tr

NOT_USED = "carving_levels_not_used"


def stored_candidate_picker(*, key: str = "carving_stored") -> list[Candidate]:
    """The chosen stored candidates as the engine's candidates (none for other roles)."""
    user = current_user()
    if user is None or user.role != "consultant":
        return []
    try:
        views = {v.id: v for v in service.list_candidates(actor=user)}
    except AccessDenied:
        return []
    if not views:
        st.caption(tr("candidates.picker.none"))
        return []
    chosen = st.multiselect(
        tr("candidates.picker.label"),
        list(views),
        format_func=lambda cid: views[cid].pseudonym,
        placeholder=tr("candidates.picker.placeholder"),
        help=tr("candidates.picker.help"),
        key=key,
    )
    if not chosen:
        return []
    try:
        converted = service.engine_candidates(actor=user, candidate_ids=list(chosen))
    except InputError as exc:
        st.error(tr("common.input_error") + "\n\n" + "\n".join(f"- {p}" for p in exc.problems))
        return []
    unknown: set[str] = st.session_state.setdefault(NOT_USED, set())
    for ec in converted:
        if ec.note is not None:
            st.info(ec.note.get(lang()))
        (unknown.discard if ec.uses_capabilities else unknown.add)(ec.candidate.id)
    return [ec.candidate for ec in converted]


def levels_not_used() -> set[str]:
    """Ids of stored candidates whose levels the carving did not use (stand-in levels)."""
    return set(st.session_state.get(NOT_USED, set()))


def shown_levels(candidate: Candidate | None) -> dict[str, int] | None:
    """A candidate's levels to show next to a job, ``None`` when they were not used."""
    if candidate is None or candidate.id in levels_not_used():
        return None
    return dict(candidate.capabilities)


def report_buttons(reports: Mapping[str, CarvingReportData], *, key: str) -> None:
    """The employer's report (the main download) and the consultant's version."""
    carving_pdf_button(reports["employer"], key=key)
    carving_pdf_button(
        reports["consultant"],
        key=f"{key}_consultant",
        label=tr("reports_audience.download_consultant"),
    )
    st.caption(tr("reports_audience.consultant_only"))
