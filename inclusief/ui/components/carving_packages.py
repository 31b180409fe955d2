"""The carving page's work packages: proposals without candidates (about one Banenafspraak job)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st

from inclusief import formatting as fmt
from inclusief.jobcarving.charts import profile_chart, schedule_heatmap
from inclusief.jobcarving.model import Candidate, Inventory
from inclusief.jobcarving.packages import propose_packages
from inclusief.reports.carving_report import hours_text
from inclusief.ui.components.carving_tables import PACKAGES
from inclusief.ui.i18n import lang, tr
from inclusief.ui.text import plain


def packages_section(inv: Inventory | None, candidates: Sequence[Candidate] = ()) -> None:
    """Packages; with candidates, within their reach (a demand cap derived from them) and
    with who fits each package."""
    language = lang()
    st.header(tr("carving_page.packages_title"))
    st.caption(tr("carving_page.packages_intro"))
    p1, p2 = st.columns(2)
    target_hours = p1.number_input(
        tr("carving_page.target_hours"),
        min_value=1.0,
        max_value=40.0,
        value=25.5,
        step=0.5,
        key="carving_target_hours",
    )
    max_complexity = p2.selectbox(
        tr("carving_page.max_complexity"), [1, 2, 3], key="carving_package_complexity"
    )
    if st.button(tr("carving_page.packages_run"), key="carving_packages_run"):
        if inv is None:
            st.error(tr("carving_page.table_problems"))
        else:
            st.session_state[PACKAGES] = {
                "inventory": inv,
                "proposal": propose_packages(
                    inv,
                    target_hours=float(target_hours),
                    max_complexity=int(max_complexity),
                    candidates=candidates,
                ),
            }
    packages: dict[str, Any] | None = st.session_state.get(PACKAGES)
    if packages is None:
        return
    p_inv: Inventory = packages["inventory"]
    proposal = packages["proposal"]
    names = {tk.id: tk.name for tk in p_inv.tasks}
    st.caption(proposal.method.get(language))
    if proposal.note is not None:
        st.info(proposal.note.get(language))
    if not proposal.packages:
        st.info(tr("carving_page.packages_none"))
    for n, pkg in enumerate(proposal.packages, start=1):
        st.subheader(
            tr(
                "carving_page.package_title",
                n=n,
                title=pkg.title.get(language),
                hours=hours_text(pkg.hours, language),
            )
        )
        st.caption(f"{tr('carving_page.coherence')}: {fmt.num(pkg.coherence, 2, language)}")
        if pkg.coherence_text is not None:
            st.caption(pkg.coherence_text.get(language))
        if proposal.demand_cap:
            fits = [
                f.pseudonym
                + (
                    " ("
                    + tr("carving_advice.packages.with", accommodations=", ".join(f.accommodations))
                    + ")"
                    if f.accommodations
                    else ""
                )
                for f in pkg.fits
            ]
            st.markdown(
                tr("carving_advice.packages.fits", names=", ".join(fits))
                if fits
                else tr("carving_advice.packages.fits_none")
            )
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        tr("carving_page.col_name"): tk.name,
                        tr("carving_page.col_category"): p_inv.category_name(tk.category, language),
                        tr("carving_page.hours"): hours_text(tk.hours_per_week, language),
                    }
                    for tk in (p_inv.task(tid) for tid in pkg.tasks)
                ]
            ),
            hide_index=True,
            key=f"carving_package_{pkg.id}",
        )
        st.altair_chart(schedule_heatmap(pkg.schedule, language, names), width="content")
        st.altair_chart(profile_chart(dict(pkg.profile), None, language), width="stretch")
    if proposal.left_over:
        st.markdown(f"**{tr('carving_page.left_over')}**")
        for tid in proposal.left_over:
            reason = proposal.reasons.get(tid)
            st.markdown(
                f"- {plain(names.get(tid, tid))}" + (f": {reason.get(language)}" if reason else "")
            )
