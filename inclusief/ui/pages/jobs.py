"""Background jobs: start heavy work, follow its progress, fetch the result later.

Thin: widgets and calls into :mod:`inclusief.services.jobs`; the work itself runs in a
worker (docs/deploy.md), so leaving or reloading this page loses nothing.
"""

from __future__ import annotations

import streamlit as st

from inclusief import formatting as fmt
from inclusief.errors import AccessDenied, InputError
from inclusief.services import carving, jobs, organisations, research
from inclusief.settings import get_settings
from inclusief.ui.auth import current_user
from inclusief.ui.i18n import lang, tr

user = current_user()
if user is None or user.role not in ("consultant", "researcher"):
    st.error(tr("app.not_allowed"))
    st.stop()
language = lang()
st.title(tr("jobs.title"))
st.write(tr("jobs.intro"))


def _submitted(job_id: int) -> None:
    st.session_state["jobs_last"] = job_id
    st.success(tr("jobs.submitted"))


with st.expander(tr("jobs.start"), expanded=True):
    try:
        if user.role == "consultant":
            orgs = organisations.list_organisations(actor=user)
            if not orgs:
                st.info(tr("jobs.no_orgs"))
            else:
                names = {o.id: o.name for o in orgs}
                org_id = st.selectbox(
                    tr("jobs.organisation"), list(names), format_func=names.get, key="jobs_org"
                )
                if st.button(tr("jobs.reports_button"), key="jobs_reports"):
                    _submitted(
                        jobs.submit_scan_reports(actor=user, organisation_id=org_id, lang=language)
                    )
                projects = carving.list_carving_projects(actor=user, organisation_id=org_id)
                if not projects:
                    st.caption(tr("jobs.no_projects"))
                else:
                    labels = {p["id"]: p["name"] for p in projects}
                    project_id = st.selectbox(
                        tr("jobs.project"), list(labels), format_func=labels.get, key="jobs_proj"
                    )
                    if st.button(tr("jobs.carving_button"), key="jobs_carve"):
                        _submitted(jobs.submit_carving_project(actor=user, project_id=project_id))
        else:
            qid = st.selectbox(
                tr("jobs.questionnaire"), research.available_questionnaires(), key="jobs_q"
            )
            k = st.number_input(
                tr("jobs.k"), min_value=2, max_value=50, value=get_settings().export_k, key="jobs_k"
            )
            if st.button(tr("jobs.export_button"), key="jobs_export"):
                _submitted(jobs.submit_research_export(actor=user, questionnaire_id=qid, k=int(k)))
    except InputError as exc:
        st.error(str(exc))
    except AccessDenied:
        st.error(tr("app.not_allowed"))


def _summary(job: jobs.JobView) -> str:
    r = job.result or {}
    if job.kind == "carving" and "objective" in r:
        hours = fmt.num(float(r["objective"].get("hours", 0)), 1, language)
        return tr("jobs.carving_summary", jobs=r["objective"].get("jobs", 0), hours=hours)
    if job.kind == "scan_reports":
        return tr("jobs.reports_summary", n=r.get("reports", 0))
    if job.kind == "research_export":
        return tr("jobs.export_summary", exported=r.get("exported", 0), rows=r.get("rows", 0))
    return ""


@st.fragment(run_every=2)
def job_list() -> None:
    """Refreshes itself every two seconds: progress without a click."""
    st.subheader(tr("jobs.list"))
    try:
        mine = jobs.list_jobs(actor=user)
    except AccessDenied:
        st.error(tr("app.not_allowed"))
        return
    if not mine:
        st.caption(tr("jobs.none"))
    for job in mine:
        kind = tr(f"jobs.kind_{job.kind}")
        status = tr(f"jobs.status_{job.status}")
        with st.container(border=True, key=f"job-{job.id}"):
            st.markdown(f"**{tr('jobs.job_label', kind=kind, id=job.id, status=status)}**")
            when = f"{fmt.short_date(job.created_at.date(), language)} {job.created_at:%H:%M}"
            st.caption(tr("jobs.started", when=when))
            if not job.ended:
                st.progress(job.progress, text=f"{round(job.progress * 100)}% {job.message}")
                if job.attempts > 1:
                    st.caption(tr("jobs.retried", n=job.attempts))
                if st.button(tr("jobs.cancel"), key=f"job-cancel-{job.id}"):
                    jobs.cancel_job(actor=user, job_id=job.id)
                    st.rerun(scope="fragment")
            elif job.status == "done":
                st.write(_summary(job))
                if job.result_name:
                    # the file is read from the database only when the button is pressed
                    st.download_button(
                        tr("jobs.download"),
                        lambda job_id=job.id: jobs.job_file(actor=user, job_id=job_id)[1],
                        file_name=job.result_name,
                        key=f"job-dl-{job.id}",
                    )
            elif job.status == "failed":
                st.error(tr("jobs.failed_because", error=job.error or ""))


job_list()
