"""The PSO page's inputs: the workforce list (upload or the example, edited in a table),
purchases, year, sector, size, a supplier profile and the quality criteria."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from inclusief import formatting as fmt
from inclusief.errors import InputError
from inclusief.pso.data import pso_data
from inclusief.pso.inputs import (
    WORKFORCE_OPTIONAL,
    WORKFORCE_REQUIRED,
    TableInfo,
    read_upload,
    table_info,
)
from inclusief.pso.outcome import FIRST_YEAR, LAST_YEAR, default_year
from inclusief.pso.quality import quality_questionnaire
from inclusief.pso.texts import input_line
from inclusief.ui.i18n import lang, tr

EXAMPLE = Path(__file__).resolve().parents[3] / "data" / "pso" / "voorbeeld_personeel.csv"


def show_problems(exc: InputError) -> None:
    st.error(tr("common.input_error") + "\n\n" + "\n".join(f"- {p}" for p in exc.problems))


@dataclass
class PsoForm:
    """What the consultant entered, for :func:`inclusief.services.pso.calculate_from_tables`."""

    workforce: pd.DataFrame
    workforce_file: str
    read_as: TableInfo | None
    purchases: tuple[str, bytes] | None
    year: int
    sector: str
    size: float
    action_plan: bool
    supplier: tuple[float, float, float]
    quality_answers: dict[str, int | None]


def pso_form() -> PsoForm:
    language = lang()
    data = pso_data()
    # -- workforce: upload or edit the example ------------------------------------------------
    upload = st.file_uploader(tr("pso.upload"), type=["csv", "xlsx"], key="pso_upload")
    workforce = pd.DataFrame(columns=[*WORKFORCE_REQUIRED, *WORKFORCE_OPTIONAL])
    source_name = "personeelslijst"
    read_as: TableInfo | None = None
    if upload is not None:
        try:
            workforce = read_upload(upload.name, upload.getvalue())
            source_name = upload.name
            read_as = table_info(workforce, file=upload.name)
            st.caption(input_line(read_as, language))
        except InputError as exc:
            show_problems(exc)
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
    left, sector_col, mid, right = st.columns(4)
    # the same bounds as `inclusief pso --year`; any year gives a ladder
    year = left.number_input(
        tr("pso.year"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        value=default_year(),
        step=1,
        key="pso_year",
    )
    sector_labels = {s: tr(f"pso.ba_sector_{s}") for s in ("markt", "overheid", "onderwijs")}
    sector = sector_col.selectbox(
        tr("pso.ba_sector"),
        list(sector_labels),
        format_func=sector_labels.__getitem__,
        key="pso_sector",
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
        sup_fte = s2.number_input(
            tr("pso.supplier_fte"), min_value=0.0, value=0.0, key="pso_sup_fte"
        )
        sup_direct = s3.number_input(
            tr("pso.supplier_direct"),
            min_value=0.0,
            max_value=100.0,
            value=0.0,
            key="pso_sup_direct",
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

    # the table editor keeps the values but not how the file was read: pass the delimiter
    edited.attrs.update(workforce.attrs)
    return PsoForm(
        workforce=edited,
        workforce_file=source_name,
        read_as=read_as,
        purchases=(purchases_upload.name, purchases_upload.getvalue())
        if purchases_upload is not None
        else None,
        year=int(year),
        sector=sector,
        size=float(size),
        action_plan=bool(action_plan),
        supplier=(float(turnover), float(sup_fte), float(sup_direct)),
        quality_answers=quality_answers,
    )
