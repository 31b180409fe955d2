"""Researcher page: anonymised export, reliability, aggregate tables and typology.

Thin: widgets, one call into the core (``service.research_view_from``), tables. Nothing on
this page holds a name: everything comes from the anonymised export or suppressed tables.
"""

from __future__ import annotations

import streamlit as st

from inclusief.errors import AccessDenied, InputError
from inclusief.research.export import files, zip_files
from inclusief.services import research as service
from inclusief.settings import get_settings
from inclusief.ui.i18n import lang, tr

KEY = "research"


def measure_labels(questionnaire_id: str) -> dict[str, str]:
    """A measure's name as a reader knows it: the dimension's name, "Totaalindex"."""
    from inclusief.services.scan import get_questionnaire

    names = {"overall_index": tr("common.overall_index")}
    try:
        q = get_questionnaire(questionnaire_id)
    except Exception:  # an uploaded source may name a questionnaire we do not have
        return names
    names.update({d.id: d.name.get(lang()) for d in q.dimensions})
    return {**names, **{f"score_{d.id}": d.name.get(lang()) for d in q.dimensions}}


st.title(tr("research.page_title"))
st.write(tr("research.intro"))

options = service.available_questionnaires()
if not options:
    st.info(tr("research.no_data"))
    st.stop()
questionnaire_id = st.selectbox(
    tr("research.questionnaire"),
    options,
    index=options.index("werkgeversscan") if "werkgeversscan" in options else 0,
    key=f"{KEY}-q",
)
k = int(
    st.number_input(
        tr("research.k"),
        min_value=service.K_FLOOR,  # the core refuses less anyway (release policy)
        max_value=50,
        value=max(get_settings().export_k, service.K_FLOOR),
        key=f"{KEY}-k",
    )
)
uploaded = st.file_uploader(tr("research.source_upload"), type=["csv", "xlsx"], key=f"{KEY}-up")
upload = (uploaded.name, uploaded.getvalue()) if uploaded is not None else None

try:
    view = service.research_view_from(
        actor=st.session_state.get("user"),
        questionnaire_id=str(questionnaire_id),
        upload=upload,
        k=k,
        lang=lang(),
    )
except AccessDenied:
    st.error(tr("research.no_access"))
    st.stop()
except InputError as exc:
    for problem in exc.problems:
        st.error(str(problem))
    st.stop()

if view.n_rows == 0:
    st.info(tr("research.no_data"))
    st.stop()

tab_export, tab_rel, tab_agg, tab_typ = st.tabs(
    [
        tr("research.tab_export"),
        tr("research.tab_reliability"),
        tr("research.tab_aggregates"),
        tr("research.tab_typology"),
    ]
)

with tab_export:
    log = view.export.log.anonymity
    st.write(
        tr(
            "research.export_summary",
            rows=log.rows_out,
            total=log.rows_in,
            suppressed=log.rows_suppressed,
            k=log.k,
        )
    )
    # the generalisation levels by name ("alle sectoren samen"), not their codes ("all")
    st.caption(
        tr(
            "research.levels",
            **{qi: tr(f"ui.level.{qi}.{code}") for qi, code in log.levels.items()},
        )
    )
    contents = files(view.export, ["csv", "xlsx", "sav"])
    st.download_button(
        tr("research.download_zip"),
        data=zip_files(contents),
        file_name=f"{view.export.stem}.zip",
        mime="application/zip",
        key=f"{KEY}-zip",
    )
    stem = view.export.stem
    for fmt, mime in (
        ("csv", "text/csv"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("sav", "application/octet-stream"),
    ):
        st.download_button(
            tr("research.download", fmt=fmt.upper()),
            data=contents[f"{stem}.{fmt}"],
            file_name=f"{stem}.{fmt}",
            mime=mime,
            key=f"{KEY}-{fmt}",
        )
    st.dataframe(view.export.data.head(200), hide_index=True, key=f"{KEY}-data")

with tab_rel:
    rel = view.reliability
    if rel.available:
        st.markdown(rel.to_markdown(lang()))
    else:
        st.info(rel.reason)

with tab_agg:
    measures = list(view.aggregates.means)
    measure = st.selectbox(
        tr("research.measure"),
        measures,
        index=len(measures) - 1,
        format_func=lambda m, names=measure_labels(str(questionnaire_id)): names.get(m, str(m)),
        key=f"{KEY}-m",
    )
    st.caption(tr("research.aggregates_note", k=view.aggregates.k))
    st.dataframe(view.aggregates.display(str(measure)), key=f"{KEY}-agg")

with tab_typ:
    typ = view.typology
    labels = measure_labels(str(questionnaire_id))
    if typ.shown:
        st.success(typ.message)
        st.dataframe(
            [
                {
                    tr("ui.research_type"): e.label,
                    "n": e.n,
                    **{labels.get(m, m): v for m, v in e.centre.items()},
                }
                for e in typ.types
            ],
            hide_index=True,
            key=f"{KEY}-types",
        )
    else:
        st.info(typ.message)
