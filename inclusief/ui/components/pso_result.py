"""The PSO page's result: ladder, chart, growth path, quality, Banenafspraak, and the
organisation's calculations over the years."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from inclusief import formatting as fmt
from inclusief.pso.charts import ladder_chart
from inclusief.pso.data import banenafspraak_data, pso_data
from inclusief.pso.outcome import PsoOutcome
from inclusief.pso.texts import ba_rows, ba_scenarios, ba_status, growth_fte_text, input_line
from inclusief.pso.trend import trend_chart
from inclusief.services import pso as pso_service
from inclusief.services.access import Actor
from inclusief.ui.i18n import lang, tr


def show_outcome(outcome: PsoOutcome) -> None:
    language = lang()
    lad, ba = outcome.ladder, outcome.banenafspraak
    st.info(lad.notice.get(language))
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(tr("pso.direct"), fmt.pct(lad.direct_pct, 2, language))
    c2.metric(
        tr("pso.indirect"),
        fmt.pct(lad.indirect_pct, 2, language),
        help=tr("pso.capped_help") if lad.indirect_capped else None,
    )
    c3.metric(tr("pso.total"), fmt.pct(lad.total_pct, 2, language))
    c4.metric(tr("pso.level"), tr(f"pso.level_{lad.level}"))
    st.altair_chart(ladder_chart(lad, lang=language), width="stretch")
    if lad.pso30plus is not None:
        st.metric(
            tr("pso.pso30plus_label"),
            fmt.pct(lad.pso30plus.pct, 1, language),
            tr("pso.pso30plus_pass") if lad.pso30plus.passes else tr("pso.pso30plus_fail"),
        )

    st.subheader(tr("pso.growth_title"))
    g = lad.growth
    if g.next_level is None:
        st.write(tr("pso.growth_top"))
    else:
        level = tr(f"pso.level_{g.next_level}")
        st.write(growth_fte_text(g, language) or tr("pso.growth_fte_none", level=level))
        if g.purchase is None:
            st.caption(tr("pso.growth_supplier_hint"))
        elif g.purchase.possible and g.purchase.amount_eur is not None:
            amount = fmt.num(g.purchase.amount_eur, 0, language)  # the text says EUR
            st.write(tr("pso.growth_purchase", amount=amount, level=level))
        else:
            reason = g.purchase.reason.get(language) if g.purchase.reason else ""
            st.write(tr("pso.growth_purchase_impossible", reason=reason))

    if outcome.quality is not None:
        q = outcome.quality
        st.subheader(tr("pso.quality_title"))
        if q.overall_index is not None:
            st.metric(tr("pso.quality_overall"), f"{q.overall_index:.0f}", q.profile_label)
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        tr("common.dimension"): d.name,
                        tr("common.score"): "-" if d.score is None else f"{d.score:.0f}",
                        tr("common.band"): d.band_label or "-",
                        tr("common.advice"): d.advice or "",
                    }
                    for d in q.dimensions
                ]
            ),
            hide_index=True,
        )

    st.subheader(tr("pso.ba_title"))
    st.caption(ba.notice.get(language))
    b1, b2, b3 = st.columns(3)
    b1.metric(tr("pso.ba_jobs"), fmt.num(ba.jobs, 2, language))
    b2.metric(
        tr("pso.ba_required"),
        "-" if ba.required_jobs is None else fmt.num(ba.required_jobs, 2, language),
    )
    rows = dict(ba_rows(ba, language))
    b3.metric(tr("pso.ba_due"), rows.get(tr("pso.ba_due"), "-"))
    if ba.status in ("not_activated", "not_applicable"):
        st.success(ba_status(ba, language))
    else:
        st.info(ba_status(ba, language))
    st.dataframe(
        pd.DataFrame([{tr("pso.label"): k, tr("pso.value"): v} for k, v in ba_rows(ba, language)]),
        hide_index=True,
    )
    scenario = ba_scenarios(ba, language)
    if scenario:
        st.markdown(f"**{scenario[0]}**")
        for line in scenario[1:]:
            st.markdown(f"- {line}")
    for note in ba.messages:
        st.caption(note.get(language))
    if outcome.inputs:
        st.caption(" · ".join(input_line(i, language) for i in outcome.inputs))

    for warning in lad.warnings:
        st.warning(warning.get(language))


def show_assumptions() -> None:
    language = lang()
    data = pso_data()
    with st.expander(tr("pso.assumptions")):
        for assumption in [*data.assumptions, *banenafspraak_data().assumptions]:
            st.markdown(f"- {assumption.get(language)}")
        st.markdown(f"**{tr('pso.sources')}**")
        for url in data.sources.values():
            st.markdown(f"- {url}")


def show_trend(user: Actor, organisation_id: int) -> None:
    """The organisation's saved calculations over the reference years, with the growth path
    of the latest year (one point per year: the latest saved calculation of that year)."""
    language = lang()
    points = pso_service.pso_trend(actor=user, organisation_id=organisation_id)
    st.subheader(tr("pso.trend_title"))
    if not points:
        st.caption(tr("pso.trend_none"))
        return
    if len(points) > 1:
        st.altair_chart(trend_chart(points, lang=language), width="stretch")
    else:
        st.caption(tr("pso.trend_one", year=points[0].year))
    last = points[-1]
    if last.next_level is None:
        st.write(tr("pso.growth_top"))
    elif last.extra_fte is not None:
        st.write(
            tr(
                "pso.trend_growth",
                year=last.year,
                fte=fmt.num(last.extra_fte, 1, language),
                level=tr(f"pso.level_{last.next_level}"),
            )
        )
