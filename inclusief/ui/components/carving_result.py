"""The carving page's run: choose candidates and settings, carve, show jobs, case and report."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from inclusief import formatting as fmt
from inclusief.jobcarving.business_case import (
    BusinessCase,
    JobCase,
    Scheme,
    Support,
    business_case,
    cash_lines,
    money_notes,
    time_lines,
)
from inclusief.jobcarving.charts import profile_chart, schedule_heatmap
from inclusief.jobcarving.counterfactuals import help_for_candidates, help_for_tasks
from inclusief.jobcarving.fit import load_accommodations
from inclusief.jobcarving.inventory import load_dimensions
from inclusief.jobcarving.model import Candidate, CarvedJob, Inventory
from inclusief.jobcarving.optimise import DEFAULT_TIME_LIMIT
from inclusief.reports.carving_adapter import carving_report_data
from inclusief.reports.carving_advice import (
    grouped_reasons,
    help_lines,
    out_of_scope,
    without_job_lines,
)
from inclusief.reports.carving_report import CarvingReportData, hours_text
from inclusief.services.carving import CarvingRun, job_demands, job_task_rows, run_carving
from inclusief.services.limits import MAX_LENGTH
from inclusief.ui.components.carving_tables import RUN, Tables
from inclusief.ui.components.downloads import carving_pdf_button
from inclusief.ui.components.my_work import my_work_section
from inclusief.ui.components.stored_candidates import levels_not_used, shown_levels
from inclusief.ui.i18n import lang, tr
from inclusief.ui.text import plain


def _hours(value: float) -> str:
    """Two decimals without trailing zeros (``28,75``, ``25,5``), as the report and schedule."""
    return hours_text(value, lang())


@dataclass
class RunSettings:
    """What the consultant chose for a carving: candidates, limits and the support inputs."""

    chosen: list[Candidate]
    time_limit: float
    max_complexity: int | None
    support: Support


def run_section(tables: Tables) -> RunSettings:
    """Candidates to carve for, the settings and the button."""
    st.header(tr("carving_page.run_title"))
    by_id = {c.id: c for c in tables.candidates or []}
    chosen_ids = st.multiselect(
        tr("carving_page.pick_candidates"),
        list(by_id),
        default=list(by_id),
        format_func=lambda cid: by_id[cid].pseudonym,
        placeholder=tr("carving_page.pick_candidates_placeholder"),
        key=f"carving_pick_{zlib.crc32(' '.join(by_id).encode())}",  # new candidates: all chosen
    )
    c1, c2, c3, c4 = st.columns(4)
    time_limit = c1.number_input(
        tr("carving_page.time_limit"),
        min_value=1.0,
        max_value=120.0,
        value=DEFAULT_TIME_LIMIT,
        step=1.0,
        help=tr("carving_page.time_limit_help"),
        key="carving_time_limit",
    )
    max_complexity = c2.selectbox(
        tr("carving_page.max_complexity"),
        [None, 1, 2, 3],
        format_func=lambda v: tr("carving_page.no_limit") if v is None else str(v),
        key="carving_max_complexity",
    )
    loonwaarde = c3.number_input(
        tr("carving_advice.page.loonwaarde"),
        min_value=30.0,
        max_value=100.0,
        value=100.0,
        step=5.0,
        help=tr("carving_advice.page.loonwaarde_help"),
        key="carving_loonwaarde",
    )
    schemes: list[Scheme] = ["none", "loonkostensubsidie", "loondispensatie"]
    labels = [tr(f"carving_advice.page.scheme_{v}") for v in schemes]
    label = c4.selectbox(tr("carving_advice.page.scheme"), labels, key=f"carving_scheme_{lang()}")
    scheme = labels.index(label) if label in labels else 0
    in_register = st.checkbox(
        tr("carving_advice.page.in_register"), value=True, key="carving_in_register"
    )
    if st.button(tr("carving_page.run"), type="primary", key="carving_run"):
        if tables.inventory is None or tables.candidates is None or tables.problems:
            st.error(tr("carving_page.table_problems"))
        elif not chosen_ids:
            st.error(tr("carving_page.no_candidates"))
        else:
            st.session_state[RUN] = run_carving(
                tables.inventory,
                [by_id[c] for c in chosen_ids],
                time_limit=float(time_limit),
                max_complexity=max_complexity,
            )
    return RunSettings(
        chosen=[by_id[c] for c in chosen_ids],
        time_limit=float(time_limit),
        max_complexity=max_complexity,
        support=Support(
            scheme=schemes[scheme],
            loonwaarde_pct=float(loonwaarde),
            in_register=bool(in_register),
        ),
    )


def _job(run: CarvingRun, job: CarvedJob, job_case: JobCase) -> None:
    language = lang()
    inv = run.inventory
    names = {tk.id: tk.name for tk in inv.tasks}
    cand = {c.id: c for c in run.candidates}.get(job.candidate)
    st.subheader(
        tr("carving_page.job_title", pseudonym=plain(job.pseudonym), hours=_hours(job.hours))
    )
    st.dataframe(
        pd.DataFrame(
            [
                {
                    tr("carving_page.col_name"): row["name"],
                    tr("carving_page.col_category"): row["category"],
                    tr("carving_page.col_role"): row["role"],
                    tr("carving_page.hours"): _hours(float(row["hours"])),
                    tr("carving_page.liked"): tr("common.yes") if row["liked"] else "",
                }
                for row in job_task_rows(inv, job, cand, language)
            ]
        ),
        hide_index=True,
        key=f"carving_job_tasks_{job.candidate}",
    )
    st.altair_chart(schedule_heatmap(job.schedule, language, names), width="content")
    needed = job_demands(inv, job, list(load_dimensions()))
    st.altair_chart(profile_chart(needed, shown_levels(cand), language), width="stretch")
    accommodations = load_accommodations()
    if job.accommodations:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        tr("carving_page.accommodation"): accommodations[a.id].name.get(language)
                        if a.id in accommodations
                        else a.id,
                        tr("carving_page.for_tasks"): ", ".join(names[t] for t in a.tasks),
                        tr("carving_page.cost_per_year"): fmt.eur(a.cost_per_year_eur, language),
                    }
                    for a in job.accommodations
                ]
            ),
            hide_index=True,
            key=f"carving_job_acc_{job.candidate}",
        )
    else:
        st.caption(tr("carving_page.no_accommodations"))
    st.markdown(f"**{tr('carving_page.business_case')}**")
    _money(job_case, None, f"carving_job_money_{job.candidate}")


def _money(case: JobCase | BusinessCase, missing: object, key: str) -> None:
    """Time freed (not cash) and the cash lines side by side, then the notes."""
    language = lang()
    none = tr("carving_advice.money.no_amount")
    left, right = st.columns(2)
    for col, title, lines in (
        (left, tr("carving_advice.money.time_title"), time_lines(case, language)),
        (right, tr("carving_advice.money.item"), cash_lines(case, language)),
    ):
        col.dataframe(
            pd.DataFrame(
                [
                    {
                        title: m.label,
                        tr("carving_advice.money.amount"): none
                        if m.amount_eur is None
                        else fmt.eur(m.amount_eur, language),
                    }
                    for m in lines
                ]
            ),
            hide_index=True,
            key=f"{key}_{'time' if col is left else 'cash'}",
        )
    for note in money_notes(case, language):
        st.caption(note)


def _totals(case: BusinessCase) -> None:
    language = lang()
    st.subheader(tr("carving_page.totals_title"))
    _money(case, None, "carving_total_money")
    if case.funding is not None:
        st.info(case.funding.get(language))
    st.dataframe(
        pd.DataFrame(
            [
                {
                    tr("carving_page.col_role"): rr.name.get(language),
                    tr("carving_page.relieved"): _hours(rr.hours_per_week),
                    tr("carving_page.relieved_value"): fmt.eur(rr.value_eur, language),
                    tr("carving_page.relieved_use"): rr.relieved_use.get(language),
                }
                for rr in case.roles
            ]
        ),
        hide_index=True,
        key="carving_relief",
    )


def _unassigned(inv: Inventory, run: CarvingRun) -> None:
    """Tasks left with the staff: reasons short and grouped, then what would help (for the
    consultant: this page is theirs; the employer's PDF has neither)."""
    language = lang()
    st.subheader(tr("carving_page.unassigned_title"))
    result = run.result
    if not result.unassigned and not result.without_job:
        st.caption(tr("carving_page.unassigned_none"))
        return
    st.dataframe(
        pd.DataFrame(
            [
                {
                    tr("carving_page.col_name"): inv.task(u.task).name,
                    tr("carving_page.hours"): _hours(inv.task(u.task).hours_per_week),
                }
                for u in result.unassigned
            ]
        ),
        hide_index=True,
        key="carving_unassigned",
    )
    scope = out_of_scope(inv, result)
    if scope:
        st.caption(tr("carving_advice.why.out_of_scope", names=", ".join(scope)))
    for line in grouped_reasons(inv, run.candidates, result, language):
        st.markdown(f"- {line}")
    for line in without_job_lines(result, language):
        st.markdown(f"- {line}")
    st.subheader(tr("carving_advice.help.title"))
    st.caption(tr("carving_advice.help.intro"))
    helps: dict[int, tuple[list[str], list[str]]] = st.session_state.setdefault(f"{RUN}_helps", {})
    key = hash((id(run), language))
    if key not in helps:
        helps.clear()
        helps[key] = help_lines(
            inv,
            help_for_candidates(inv, run.candidates, result, budget_seconds=20),
            help_for_tasks(inv, run.candidates, result),
            result,
            language,
        )
    first, second = helps[key]
    if not first and not second:
        st.caption(tr("carving_advice.help.none"))
    for line in first:
        st.markdown(f"- {line}")
    if second:
        st.markdown(f"**{tr('carving_advice.help.tasks_title')}**")
        for line in second:
            st.markdown(f"- {line}")


def result_section(settings: RunSettings) -> None:
    """The last run's result: status, jobs with schedule and case, totals, unassigned, PDF."""
    run: CarvingRun | None = st.session_state.get(RUN)
    if run is None:
        return
    support = settings.support
    language = lang()
    result = run.result
    case = business_case(run.inventory, result, support)
    st.subheader(tr("carving_page.result_title"))
    s1, s2 = st.columns(2)
    s1.metric(tr("carving_cli.status"), tr(f"carving_cli.status_{result.status}"))
    if result.gap is not None:
        s2.metric(tr("carving_cli.gap"), fmt.pct(result.gap * 100, 2, language))
    if result.method == "greedy":
        st.info(tr("carving_page.method_greedy") + (f" ({result.note})" if result.note else ""))
    st.caption(tr("carving_page.levels_caption"))
    o1, o2, o3, o4 = st.columns(4)
    o1.metric(tr("carving_cli.jobs"), str(result.objective.jobs))
    o2.metric(tr("carving_cli.hours"), _hours(result.objective.hours))
    o3.metric(tr("carving_cli.liked_hours"), _hours(result.objective.liked_hours))
    o4.metric(tr("carving_advice.page.net_cash"), fmt.eur(case.net_cash_eur or 0, language))
    if not result.jobs:
        st.info(tr("carving_page.no_jobs"))
    for job, job_case in zip(result.jobs, case.jobs, strict=True):
        _job(run, job, job_case)
    if result.jobs:
        _totals(case)
    _unassigned(run.inventory, run)

    st.subheader(tr("carving_page.report_title"))
    title = run.inventory.title
    organisation = (
        st.text_input(
            tr("carving_page.organisation"),
            value=title[: MAX_LENGTH["name"]],
            key="carving_report_org",
            max_chars=MAX_LENGTH["name"],
        ).strip()
        or title
    )
    # the report data draws each job's schedule; keep it with the run instead of every rerun
    reports: dict[tuple[int, str, str, str, str], CarvingReportData] = st.session_state.setdefault(
        f"{RUN}_reports", {}
    )
    for audience in ("employer", "consultant"):
        report_key = (id(run), organisation, language, support.model_dump_json(), audience)
        if report_key not in reports:
            if audience == "employer":
                reports.clear()
            reports[report_key] = carving_report_data(
                run.inventory,
                run.candidates,
                result,
                case,
                organisation=organisation,
                report_date=date.today(),
                lang=language,
                audience=audience,
                levels_unknown=levels_not_used(),
            )
        carving_pdf_button(
            reports[report_key],
            key="carving_pdf" if audience == "employer" else "carving_pdf_annex",
            label=None if audience == "employer" else tr("carving_advice.page.annex"),
        )
    my_work_section(run.inventory, result, key="carving_mywork")  # the candidate's own page
