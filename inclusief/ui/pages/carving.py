"""Jobcarving: inventory and candidates, exact carving, work packages, report (thin page).

Widgets, calls into :mod:`inclusief.jobcarving` (loading and checking, carving, business
case, packages, charts) and the report adapter. The edited tables are checked by the same
loaders as a file (every problem names the table, the row and the column). Bad input is
shown with ``st.error``, never a traceback. A consultant can save the project (inventory,
candidates, result) with one of their organisations and open it again.
"""

from __future__ import annotations

import tempfile
import zlib
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
import streamlit as st
from pydantic import ValidationError
from streamlit.runtime.uploaded_file_manager import UploadedFile

from inclusief import formatting as fmt
from inclusief.errors import AccessDenied, InputError, Problem
from inclusief.jobcarving.business_case import Support, business_case
from inclusief.jobcarving.charts import profile_chart, schedule_heatmap
from inclusief.jobcarving.examples import (
    candidates_for,
    example_candidates,
    example_inventories,
)
from inclusief.jobcarving.fit import load_accommodations
from inclusief.jobcarving.inventory import (
    CANDIDATE_COLUMNS,
    TASK_COLUMNS,
    inventory_to_xlsx,
    load_candidates,
    load_dimensions,
    load_inventory,
)
from inclusief.jobcarving.model import Candidate, CarvingResult, Inventory
from inclusief.jobcarving.optimise import DEFAULT_TIME_LIMIT, carve
from inclusief.jobcarving.packages import propose_packages
from inclusief.jobcarving.tables import (
    candidates_frame,
    candidates_from_frame,
    column_label,
    inventory_from_frame,
    tasks_frame,
)
from inclusief.reports.carving_adapter import carving_report_data
from inclusief.reports.carving_report import CarvingReportData, hours_text
from inclusief.services import carving as carving_service
from inclusief.services import organisations
from inclusief.services.limits import MAX_LENGTH
from inclusief.ui.auth import current_user
from inclusief.ui.components.downloads import carving_pdf_button
from inclusief.ui.i18n import lang, tr
from inclusief.ui.text import plain

T = TypeVar("T")
INV, INV_SRC, INV_ERR = "carving_inventory", "carving_inventory_src", "carving_inventory_err"
CANDS, CANDS_SRC, CANDS_ERR = "carving_candidates", "carving_cands_src", "carving_cands_err"
RUN, PACKAGES = "carving_state_run", "carving_state_packages"
FLASH = "carving_flash"

language = lang()
dims = load_dimensions()


def _show_problems(exc: InputError) -> None:
    st.error(tr("common.input_error") + "\n\n" + "\n".join(f"- {p}" for p in exc.problems))


def _from_upload(upload: UploadedFile, loader: Callable[[Path], T]) -> T:
    """Run a path-based loader on an upload; problems name the uploaded file, not a temp path."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(upload.name).name
        path.write_bytes(upload.getvalue())
        try:
            return loader(path)
        except InputError as exc:
            raise InputError(
                [replace(p, file=upload.name) if p.file == str(path) else p for p in exc.problems]
            ) from None


def _checked(build: Callable[[], T]) -> tuple[T | None, list[Problem]]:
    """The checked table, or ``None`` and the problems (they name table, row and column)."""
    try:
        return build(), []
    except InputError as exc:
        return None, exc.problems


def _label(column: str) -> str:
    return column_label(column, language)


def _new_base(key: str, value: object) -> None:
    st.session_state[key] = value
    st.session_state[f"{key}_version"] = st.session_state.get(f"{key}_version", 0) + 1


def _source(*, src: str, key: str, src_key: str, err_key: str, load: Callable[[], object]) -> None:
    """Load a chosen source once; on bad input keep what was loaded and remember the error."""
    if st.session_state.get(src_key) == src:
        return
    st.session_state[src_key] = src
    try:
        _new_base(key, load())
        st.session_state.pop(err_key, None)
    except InputError as exc:
        st.session_state[err_key] = exc


def _name_map(inv: Inventory) -> dict[str, str]:
    return {tk.id: tk.name for tk in inv.tasks}


def _hours(value: float) -> str:
    """Two decimals without trailing zeros (``28,75``, ``25,5``), as the report and schedule."""
    return hours_text(value, language)


@st.cache_data(show_spinner=False)
def _example_title(path: str) -> str:
    """The title inside an example inventory file (its file name if it cannot be read)."""
    try:
        return load_inventory(path).title
    except InputError:
        return Path(path).stem.replace("_", " ").capitalize()


st.title(tr("carving_page.title"))
st.write(tr("carving_page.intro"))
if FLASH in st.session_state:
    st.success(st.session_state.pop(FLASH))

# -- inventory: shipped example or upload ----------------------------------------------------
st.header(tr("carving_page.inventory_title"))
inventories = example_inventories()
if not inventories:
    st.info(tr("carving_page.no_examples"))


def _pair_candidates() -> None:
    """Choosing an example inventory also chooses the example candidates made for it."""
    match = candidates_for(st.session_state["carving_example"])
    if match is not None:
        st.session_state["carving_cand_example"] = match


inventory_titles = {name: _example_title(str(path)) for name, path in inventories.items()}
example = st.selectbox(
    tr("carving_page.example"),
    list(inventories),
    format_func=inventory_titles.__getitem__,
    key="carving_example",
    on_change=_pair_candidates,
)
upload = st.file_uploader(
    tr("carving_page.upload"), type=["yaml", "yml", "csv", "xlsx"], key="carving_upload"
)
if upload is not None:
    _source(
        src=f"upload:{upload.file_id}",
        key=INV,
        src_key=INV_SRC,
        err_key=INV_ERR,
        load=lambda: _from_upload(upload, load_inventory),
    )
elif example is not None:
    _source(
        src=f"example:{example}",
        key=INV,
        src_key=INV_SRC,
        err_key=INV_ERR,
        load=lambda: load_inventory(inventories[example]),
    )
if INV_ERR in st.session_state:
    _show_problems(st.session_state[INV_ERR])
    if INV in st.session_state:
        st.caption(tr("carving_page.upload_kept"))
base_inv: Inventory | None = st.session_state.get(INV)
if base_inv is None:
    st.stop()
st.caption(
    tr(
        "carving_page.loaded",
        title=base_inv.title,
        tasks=len(base_inv.tasks),
        roles=len(base_inv.roles),
    )
)
st.caption(tr("carving_page.tasks_hint"))
level_cols = {
    d: st.column_config.NumberColumn(
        dim.name.get(language),
        min_value=0,
        max_value=dim.max_level,
        step=1,
        help=" / ".join(f"{i} = {lv.get(language)}" for i, lv in enumerate(dim.levels)),
    )
    for d, dim in dims.items()
}
text_cols = {c: st.column_config.TextColumn(_label(c)) for c in [*TASK_COLUMNS, *CANDIDATE_COLUMNS]}
tasks_table = tr("carving_page.tasks_table")
edited_tasks = st.data_editor(
    tasks_frame(base_inv),
    num_rows="dynamic",
    key=f"carving_tasks_{st.session_state[f'{INV}_version']}",
    width="stretch",
    column_config={
        **text_cols,
        "role": st.column_config.SelectboxColumn(
            _label("role"), options=[r.id for r in base_inv.roles]
        ),
        "hours_per_week": st.column_config.NumberColumn(
            _label("hours_per_week"), min_value=0.0, max_value=40.0, format="%g"
        ),
        "complexity": st.column_config.NumberColumn(
            _label("complexity"), min_value=1, max_value=3, step=1
        ),
        **level_cols,
    },
)
inv, problems = _checked(
    lambda: inventory_from_frame(base_inv, edited_tasks, table=tasks_table, lang=language)
)
if inv is not None:
    template_inv = inv

    def _template() -> bytes:
        with tempfile.TemporaryDirectory() as tmp:
            return inventory_to_xlsx(template_inv, Path(tmp) / "inventaris.xlsx").read_bytes()

    st.download_button(
        tr("carving_page.template"),
        data=_template,
        file_name=f"{inv.id}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="carving_template",
        icon=":material/table:",
    )

# -- candidates -----------------------------------------------------------------------------
st.header(tr("carving_page.candidates_title"))
cand_examples = example_candidates()
none = ""
# Candidate files have no title of their own: name them after the inventory they go with.
cand_titles = {name: name.replace("_", " ").capitalize() for name in cand_examples}
for inv_name, title in inventory_titles.items():
    if (match := candidates_for(inv_name)) is not None:
        cand_titles[match] = tr("carving_page.candidates_for", title=title)
cand_titles[none] = tr("carving_page.candidates_none")
cand_example = st.selectbox(
    tr("carving_page.candidates_example"),
    [*cand_examples, none],
    format_func=cand_titles.__getitem__,
    key="carving_cand_example",
)
cand_upload = st.file_uploader(
    tr("carving_page.candidates_upload"), type=["yaml", "yml"], key="carving_cand_upload"
)
if cand_upload is not None:
    _source(
        src=f"upload:{cand_upload.file_id}",
        key=CANDS,
        src_key=CANDS_SRC,
        err_key=CANDS_ERR,
        load=lambda: _from_upload(cand_upload, load_candidates),
    )
else:
    _source(
        src=f"example:{cand_example}",
        key=CANDS,
        src_key=CANDS_SRC,
        err_key=CANDS_ERR,
        load=lambda: load_candidates(cand_examples[cand_example]) if cand_example else [],
    )
if CANDS_ERR in st.session_state:
    _show_problems(st.session_state[CANDS_ERR])
    st.caption(tr("carving_page.upload_kept"))
st.caption(tr("carving_page.candidates_hint"))
cands_table = tr("carving_page.candidates_table")
edited_cands = st.data_editor(
    candidates_frame(st.session_state.get(CANDS, [])),
    num_rows="dynamic",
    key=f"carving_cands_{st.session_state.get(f'{CANDS}_version', 0)}",
    width="stretch",
    column_config={
        **text_cols,
        **{
            c: st.column_config.NumberColumn(_label(c), min_value=0.0, max_value=40.0, format="%g")
            for c in ("hours_min", "hours_max")
        },
        "hourly_cost_eur": st.column_config.NumberColumn(
            _label("hourly_cost_eur"), min_value=0.0, format="%.2f"
        ),
        **level_cols,
    },
)
cands, cand_problems = _checked(
    lambda: candidates_from_frame(edited_cands, inv, table=cands_table, lang=language)
)
problems += cand_problems
if problems:
    st.error(tr("carving_page.table_problems") + "\n\n" + "\n".join(f"- {p}" for p in problems))

# -- carving ----------------------------------------------------------------------------------
st.header(tr("carving_page.run_title"))
by_id = {c.id: c for c in cands or []}
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
lks_pct = c3.number_input(
    tr("carving_page.lks_pct"),
    min_value=0.0,
    max_value=100.0,
    value=0.0,
    step=5.0,
    help=tr("carving_page.lks_help"),
    key="carving_lks",
)
no_risk = c4.number_input(
    tr("carving_page.no_risk"),
    min_value=0.0,
    value=0.0,
    step=100.0,
    help=tr("carving_page.no_risk_help"),
    key="carving_no_risk",
)
if st.button(tr("carving_page.run"), type="primary", key="carving_run"):
    if inv is None or cands is None or problems:
        st.error(tr("carving_page.table_problems"))
    elif not chosen_ids:
        st.error(tr("carving_page.no_candidates"))
    else:
        chosen = [by_id[c] for c in chosen_ids]
        result = carve(inv, chosen, time_limit=float(time_limit), max_complexity=max_complexity)
        st.session_state[RUN] = {"inventory": inv, "candidates": chosen, "result": result}

run: dict[str, Any] | None = st.session_state.get(RUN)
if run is not None:
    r_inv: Inventory = run["inventory"]
    r_cands: dict[str, Candidate] = {c.id: c for c in run["candidates"]}
    result: CarvingResult = run["result"]
    names = _name_map(r_inv)
    roles = {r.id: r for r in r_inv.roles}
    accommodations = load_accommodations()
    case = business_case(r_inv, result, Support(lks_pct=lks_pct, no_risk_eur_per_year=no_risk))
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
    o4.metric(tr("carving_cli.savings"), fmt.eur(result.objective.savings_eur, language))
    if not result.jobs:
        st.info(tr("carving_page.no_jobs"))
    for job, job_case in zip(result.jobs, case.jobs, strict=True):
        cand = r_cands.get(job.candidate)
        st.subheader(
            tr("carving_page.job_title", pseudonym=plain(job.pseudonym), hours=_hours(job.hours))
        )
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        tr("carving_page.col_name"): tk.name,
                        tr("carving_page.col_category"): r_inv.category_name(tk.category, language),
                        tr("carving_page.col_role"): roles[tk.role].name.get(language),
                        tr("carving_page.hours"): tk.hours_per_week,
                        tr("carving_page.liked"): tr("common.yes")
                        if cand is not None and cand.likes_task(tk)
                        else "",
                    }
                    for tk in (r_inv.task(tid) for tid in job.tasks)
                ]
            ),
            hide_index=True,
            key=f"carving_job_tasks_{job.candidate}",
        )
        st.altair_chart(schedule_heatmap(job.schedule, language, names), width="content")
        needed = {d: max(r_inv.task(tid).demands.get(d, 0) for tid in job.tasks) for d in dims}
        st.altair_chart(
            profile_chart(needed, dict(cand.capabilities) if cand else None, language),
            width="stretch",
        )
        if job.accommodations:
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            tr("carving_page.accommodation"): accommodations[a.id].name.get(
                                language
                            )
                            if a.id in accommodations
                            else a.id,
                            tr("carving_page.for_tasks"): ", ".join(names[t] for t in a.tasks),
                            tr("carving_page.cost_per_year"): fmt.eur(
                                a.cost_per_year_eur, language
                            ),
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
        b = st.columns(5)
        b[0].metric(tr("carving_page.bc_value"), fmt.eur(job_case.value_eur, language))
        b[1].metric(tr("carving_page.bc_wage"), fmt.eur(job_case.wage_cost_eur, language))
        b[2].metric(
            tr("carving_page.bc_accommodations"),
            fmt.eur(job_case.accommodation_cost_eur, language),
        )
        b[3].metric(tr("carving_page.bc_difference"), fmt.eur(job_case.difference_eur, language))
        b[4].metric(tr("carving_page.bc_net"), fmt.eur(job_case.net_eur, language))

    if result.jobs:
        st.subheader(tr("carving_page.totals_title"))
        t1, t2, t3, t4 = st.columns(4)
        t1.metric(tr("carving_page.bc_difference"), fmt.eur(case.difference_eur, language))
        t2.metric(tr("carving_page.bc_lks"), fmt.eur(case.lks_eur, language))
        t3.metric(tr("carving_page.bc_no_risk"), fmt.eur(case.no_risk_eur, language))
        t4.metric(tr("carving_page.bc_net"), fmt.eur(case.net_eur, language))
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        tr("carving_page.col_role"): rr.name.get(language),
                        tr("carving_page.relieved"): rr.hours_per_week,
                        tr("carving_page.relieved_value"): fmt.eur(rr.value_eur, language),
                        tr("carving_page.relieved_use"): rr.relieved_use.get(language),
                    }
                    for rr in case.roles
                ]
            ),
            hide_index=True,
            key="carving_relief",
        )

    st.subheader(tr("carving_page.unassigned_title"))
    if result.unassigned:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        tr("carving_page.col_name"): names.get(u.task, u.task),
                        tr("carving_page.hours"): r_inv.task(u.task).hours_per_week,
                        tr("carving_page.reasons"): "; ".join(
                            r.text.get(language) for r in u.reasons
                        ),
                    }
                    for u in result.unassigned
                ]
            ),
            hide_index=True,
            key="carving_unassigned",
        )
    else:
        st.caption(tr("carving_page.unassigned_none"))

    st.subheader(tr("carving_page.report_title"))
    organisation = (
        st.text_input(
            tr("carving_page.organisation"),
            value=r_inv.title[: MAX_LENGTH["name"]],
            key="carving_report_org",
            max_chars=MAX_LENGTH["name"],
        ).strip()
        or r_inv.title
    )
    # the report data draws each job's schedule; keep it with the run instead of every rerun
    reports: dict[tuple[str, str, float, float], CarvingReportData] = run.setdefault("reports", {})
    report_key = (organisation, language, float(lks_pct), float(no_risk))
    if report_key not in reports:
        reports[report_key] = carving_report_data(
            r_inv,
            run["candidates"],
            result,
            case,
            organisation=organisation,
            report_date=date.today(),
            lang=language,
        )
    carving_pdf_button(reports[report_key], key="carving_pdf")

# -- work packages without candidates ---------------------------------------------------------
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
package_complexity = p2.selectbox(
    tr("carving_page.max_complexity"), [1, 2, 3], key="carving_package_complexity"
)
if st.button(tr("carving_page.packages_run"), key="carving_packages_run"):
    if inv is None:
        st.error(tr("carving_page.table_problems"))
    else:
        st.session_state[PACKAGES] = {
            "inventory": inv,
            "proposal": propose_packages(
                inv, target_hours=float(target_hours), max_complexity=int(package_complexity)
            ),
        }
packages: dict[str, Any] | None = st.session_state.get(PACKAGES)
if packages is not None:
    p_inv: Inventory = packages["inventory"]
    proposal = packages["proposal"]
    p_names = _name_map(p_inv)
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
                hours=_hours(pkg.hours),
            )
        )
        st.caption(f"{tr('carving_page.coherence')}: {fmt.num(pkg.coherence, 2, language)}")
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        tr("carving_page.col_name"): tk.name,
                        tr("carving_page.col_category"): p_inv.category_name(tk.category, language),
                        tr("carving_page.hours"): tk.hours_per_week,
                    }
                    for tk in (p_inv.task(tid) for tid in pkg.tasks)
                ]
            ),
            hide_index=True,
            key=f"carving_package_{pkg.id}",
        )
        st.altair_chart(schedule_heatmap(pkg.schedule, language, p_names), width="content")
        st.altair_chart(profile_chart(dict(pkg.profile), None, language), width="stretch")
    if proposal.left_over:
        st.markdown(f"**{tr('carving_page.left_over')}**")
        for tid in proposal.left_over:
            reason = proposal.reasons.get(tid)
            st.markdown(
                f"- {plain(p_names.get(tid, tid))}"
                + (f": {reason.get(language)}" if reason else "")
            )

# -- save and open (consultants, with one of their organisations) -----------------------------
user = current_user()
if user is not None and user.role == "consultant":
    st.header(tr("carving_page.save_title"))
    orgs = organisations.list_organisations(actor=user)
    if not orgs:
        st.info(tr("carving_page.no_organisations"))
    else:
        org_id = st.selectbox(
            tr("app.dash_choose_org"),
            [o.id for o in orgs],
            format_func={o.id: o.name for o in orgs}.__getitem__,
            key="carving_org",
        )
        save_col, open_col = st.columns(2)
        name = save_col.text_input(
            tr("carving_page.project_name"),
            value=base_inv.title[: MAX_LENGTH["project_name"]],
            key="carving_project_name",
            max_chars=MAX_LENGTH["project_name"],
        )
        if save_col.button(tr("common.save"), key="carving_save"):
            if inv is None or cands is None or problems:
                st.error(tr("carving_page.table_problems"))
            else:
                same = run is not None and run["inventory"] == inv
                same = same and all(c in cands for c in run["candidates"])  # type: ignore[index]
                try:
                    carving_service.save_carving_project(
                        actor=user,
                        organisation_id=org_id,
                        name=name.strip() or base_inv.title,
                        inventory=inv.model_dump(mode="json"),
                        candidates=[c.model_dump(mode="json") for c in cands],
                        result=run["result"].model_dump(mode="json") if same and run else None,
                    )
                    st.success(tr("carving_page.saved"))
                except AccessDenied:
                    st.error(tr("carving_page.not_allowed"))
        projects = carving_service.list_carving_projects(actor=user, organisation_id=org_id)
        if not projects:
            open_col.caption(tr("carving_page.no_projects"))
        else:
            labels = {
                p["id"]: f"{p['name']} ({fmt.short_date(p['created_at'].date(), language)})"
                for p in projects
            }
            project_id = open_col.selectbox(
                tr("carving_page.open_project"),
                list(labels),
                format_func=labels.__getitem__,
                key="carving_project",
            )
            if open_col.button(tr("carving_page.open"), key="carving_open"):
                try:
                    proj = carving_service.get_carving_project(actor=user, project_id=project_id)
                    opened = Inventory.model_validate(proj["inventory"])
                    opened_cands = [Candidate.model_validate(c) for c in proj["candidates"]]
                    opened_result = (
                        CarvingResult.model_validate(proj["result"]) if proj["result"] else None
                    )
                except AccessDenied:
                    st.error(tr("carving_page.not_allowed"))
                except ValidationError:
                    st.error(tr("carving_page.project_broken"))
                else:
                    _new_base(INV, opened)
                    _new_base(CANDS, opened_cands)
                    st.session_state.pop(INV_ERR, None)
                    st.session_state.pop(CANDS_ERR, None)
                    st.session_state.pop(PACKAGES, None)
                    if opened_result is None:
                        st.session_state.pop(RUN, None)
                    else:
                        st.session_state[RUN] = {
                            "inventory": opened,
                            "candidates": opened_cands,
                            "result": opened_result,
                        }
                    st.session_state[FLASH] = tr("carving_page.opened", name=proj["name"])
                    st.rerun()
