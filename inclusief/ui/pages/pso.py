"""PSO-style ladder, growth path, quality criteria and Banenafspraak (thin page).

Widgets, one calculation in the core (:func:`inclusief.pso.outcome.calculate`), the ladder
chart from :mod:`inclusief.pso.charts`. Bad input is shown with ``st.error``, no traceback.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from inclusief import formatting as fmt
from inclusief.errors import InputError
from inclusief.pso.charts import ladder_chart
from inclusief.pso.data import banenafspraak_data, pso_data
from inclusief.pso.inputs import (
    WORKFORCE_OPTIONAL,
    WORKFORCE_REQUIRED,
    SupplierProfile,
    parse_purchases,
    parse_workforce,
    read_upload,
)
from inclusief.pso.outcome import PsoOutcome, calculate
from inclusief.pso.quality import quality_questionnaire, score_quality
from inclusief.services import organisations
from inclusief.services import pso as pso_service
from inclusief.ui.auth import current_user
from inclusief.ui.i18n import lang, tr

EXAMPLE = Path(__file__).resolve().parents[3] / "data" / "pso" / "voorbeeld_personeel.csv"
RESULT = "pso_result"


def _show_problems(exc: InputError) -> None:
    st.error(tr("common.input_error") + "\n\n" + "\n".join(f"- {p}" for p in exc.problems))


language = lang()
data = pso_data()
st.title(tr("pso.page_title"))
st.info(data.notice.get(language))
st.write(tr("pso.intro"))

# -- workforce: upload or edit the example ------------------------------------------------
upload = st.file_uploader(tr("pso.upload"), type=["csv", "xlsx"], key="pso_upload")
workforce = pd.DataFrame(columns=[*WORKFORCE_REQUIRED, *WORKFORCE_OPTIONAL])
source_name = "personeelslijst"
if upload is not None:
    try:
        workforce = read_upload(upload.name, upload.getvalue())
        source_name = upload.name
    except InputError as exc:
        _show_problems(exc)
elif EXAMPLE.exists():
    workforce = pd.read_csv(EXAMPLE, dtype=str, keep_default_na=False)
    source_name = EXAMPLE.name
st.caption(tr("pso.edit_hint"))
edited = st.data_editor(
    workforce,
    num_rows="dynamic",
    key=f"pso_workforce_{source_name}",
    width="stretch",
)
with st.expander(tr("pso.codes_help")):
    st.dataframe(
        pd.DataFrame(
            [
                {
                    tr("pso.code"): code,
                    tr("pso.label"): g.label.get(language),
                    tr("pso.weight"): fmt.num(g.weight, 2, language),
                    # text in every row: a column of numbers and words breaks the table
                    tr("pso.duration"): (
                        str(g.duration_years) if g.duration_years else tr("pso.duration_open")
                    ),
                }
                for code, g in data.target_groups.codes.items()
            ]
        ),
        hide_index=True,
    )
    st.dataframe(
        pd.DataFrame(
            [
                {
                    tr("pso.code"): code,
                    tr("pso.label"): c.label.get(language),
                    tr("pso.weight"): fmt.num(c.weight, 2, language),
                }
                for code, c in data.contract_types.codes.items()
            ]
        ),
        hide_index=True,
    )

purchases_upload = st.file_uploader(
    tr("pso.upload_purchases"), type=["csv", "xlsx"], key="pso_purchases"
)
left, mid, right = st.columns(3)
known_years = sorted(banenafspraak_data().years)
year = left.number_input(
    tr("pso.year"), min_value=2015, max_value=2100, value=known_years[-1], step=1, key="pso_year"
)
size = mid.number_input(
    tr("pso.size_input"),
    min_value=1,
    value=max(len(edited), 1),
    step=1,
    key="pso_size",
)
action_plan = right.checkbox(tr("pso.action_plan"), key="pso_action_plan")
with st.expander(tr("pso.supplier_title")):
    s1, s2, s3 = st.columns(3)
    turnover = s1.number_input(
        tr("pso.supplier_turnover"), min_value=0.0, value=0.0, step=100000.0, key="pso_sup_turn"
    )
    sup_fte = s2.number_input(tr("pso.supplier_fte"), min_value=0.0, value=0.0, key="pso_sup_fte")
    sup_direct = s3.number_input(
        tr("pso.supplier_direct"), min_value=0.0, max_value=100.0, value=0.0, key="pso_sup_direct"
    )

# -- quality criteria: the pso_kwaliteit questionnaire (same engine as the werkgeversscan) -
quality_q = quality_questionnaire()
quality_answers: dict[str, int | None] = {}
with st.expander(quality_q.title.get(language)):
    st.caption(tr("pso.quality_intro"))
    for dim in quality_q.dimensions:
        st.markdown(f"**{dim.name.get(language)}**")
        for item in dim.items:
            scale = quality_q.scale(item.scale)
            codes = [*scale.codes, *([scale.dont_know.code] if scale.dont_know else [])]
            quality_answers[item.id] = st.radio(
                item.text.get(language),
                codes,
                index=None,
                horizontal=True,
                format_func=lambda c, s=scale: s.label(c, language),
                key=f"pso_q_{item.id}",
            )

if st.button(tr("pso.calculate"), type="primary", key="pso_calculate"):
    st.session_state.pop(RESULT, None)
    try:
        employees = parse_workforce(edited, file=source_name)
        purchases = (
            parse_purchases(
                read_upload(purchases_upload.name, purchases_upload.getvalue()),
                file=purchases_upload.name,
            )
            if purchases_upload is not None
            else None
        )
        supplier = (
            SupplierProfile(turnover_eur=turnover, fte=sup_fte, direct_pct=sup_direct)
            if turnover > 0 and sup_fte > 0 and sup_direct > 0
            else None
        )
        quality = (
            score_quality(quality_answers, lang=language)
            if any(v is not None for v in quality_answers.values())
            else None
        )
        st.session_state[RESULT] = calculate(
            employees=employees,
            year=int(year),
            size=float(size),
            purchases=purchases,
            action_plan=action_plan,
            supplier=supplier,
            quality=quality,
        )
    except InputError as exc:
        _show_problems(exc)

outcome: PsoOutcome | None = st.session_state.get(RESULT)
if outcome is not None:
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
        if g.extra_fte is not None:
            st.write(
                tr(
                    "pso.growth_fte",
                    fte=fmt.num(g.extra_fte, 2, language),
                    level=level,
                    target=fmt.num(g.target_pct, 2, language),
                )
            )
        else:
            st.write(tr("pso.growth_fte_none", level=level))
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
    b1, b2, b3, b4 = st.columns(4)
    b1.metric(tr("pso.ba_jobs"), fmt.num(ba.jobs, 2, language))
    b2.metric(
        tr("pso.ba_required"),
        fmt.num(ba.required_jobs, 2, language),
        help=fmt.pct(ba.quota_pct, 2, language)
        + (f" ({tr('pso.ba_single_source')})" if ba.quota_single_source else ""),
    )
    b3.metric(tr("pso.ba_quota_applies"), tr("common.yes") if ba.quota_applies else tr("common.no"))
    b4.metric(tr("pso.ba_levy"), f"EUR {fmt.num(ba.levy_eur, 0, language)}")

    for warning in lad.warnings:
        st.warning(warning.get(language))

with st.expander(tr("pso.assumptions")):
    for assumption in [*data.assumptions, *banenafspraak_data().assumptions]:
        st.markdown(f"- {assumption.get(language)}")
    st.markdown(f"**{tr('pso.sources')}**")
    for url in data.sources.values():
        st.markdown(f"- {url}")

# A consultant keeps the calculation with one of their organisations (inputs and result).
_user = current_user()
if outcome is not None and _user is not None and _user.role == "consultant":
    _orgs = organisations.list_organisations(actor=_user)
    if _orgs:
        st.subheader(tr("pso.save_title"))
        _org = st.selectbox(
            tr("app.dash_choose_org"),
            [o.id for o in _orgs],
            format_func={o.id: o.name for o in _orgs}.__getitem__,
            key="pso_save_org",
        )
        if st.button(tr("common.save"), key="pso_save"):
            pso_service.save_pso(
                actor=_user,
                organisation_id=_org,
                year=outcome.ladder.year,
                inputs={"employees": len(outcome.ladder.employees)},
                result=outcome.model_dump(mode="json"),
            )
            st.success(tr("pso.saved"))
