"""The carving page's projects: save with one of the consultant's organisations, open again."""

from __future__ import annotations

import streamlit as st

from inclusief import formatting as fmt
from inclusief.errors import AccessDenied, InputError
from inclusief.services import jobs, organisations
from inclusief.services.carving import list_carving_projects, open_project, save_project
from inclusief.services.limits import MAX_LENGTH
from inclusief.ui.auth import current_user
from inclusief.ui.components.carving_result import RunSettings
from inclusief.ui.components.carving_tables import (
    CANDS,
    CANDS_ERR,
    FLASH,
    INV,
    INV_ERR,
    PACKAGES,
    RUN,
    Tables,
    new_base,
)
from inclusief.ui.i18n import lang, tr


def projects_section(tables: Tables, settings: RunSettings) -> None:
    user = current_user()
    if user is None or user.role != "consultant":
        return
    st.header(tr("carving_page.save_title"))
    orgs = organisations.list_organisations(actor=user)
    if not orgs:
        st.info(tr("carving_page.no_organisations"))
        return
    org_id = st.selectbox(
        tr("app.dash_choose_org"),
        [o.id for o in orgs],
        format_func={o.id: o.name for o in orgs}.__getitem__,
        key="carving_org",
    )
    save_col, open_col = st.columns(2)
    name = save_col.text_input(
        tr("carving_page.project_name"),
        value=tables.base.title[: MAX_LENGTH["project_name"]],
        max_chars=MAX_LENGTH["project_name"],
        key="carving_project_name",
    )
    if save_col.button(tr("common.save"), key="carving_save"):
        if tables.inventory is None or tables.candidates is None or tables.problems:
            st.error(tr("carving_page.table_problems"))
        else:
            try:
                save_project(
                    actor=user,
                    organisation_id=org_id,
                    name=name,
                    inventory=tables.inventory,
                    candidates=tables.candidates,
                    run=st.session_state.get(RUN),
                )
                st.success(tr("carving_page.saved"))
            except AccessDenied:
                st.error(tr("carving_page.not_allowed"))
            except InputError as exc:
                st.error(str(exc))
    # the same carving as a background job: its result waits on the Jobs page
    if save_col.button(tr("jobs.carve_in_background"), key="carving_job"):
        if tables.inventory is None or tables.problems or not settings.chosen:
            st.error(tr("carving_page.table_problems"))
        else:
            try:
                jobs.submit_carving(
                    actor=user,
                    organisation_id=org_id,
                    inventory=tables.inventory.model_dump(mode="json"),
                    candidates=[c.model_dump(mode="json") for c in settings.chosen],
                    time_limit=settings.time_limit,
                    max_complexity=settings.max_complexity,
                )
            except AccessDenied:
                st.error(tr("carving_page.not_allowed"))
            except InputError as exc:
                st.error(str(exc))
            else:
                st.success(tr("jobs.submitted_elsewhere"))
    projects = list_carving_projects(actor=user, organisation_id=org_id)
    if not projects:
        open_col.caption(tr("carving_page.no_projects"))
        return
    labels = {
        p["id"]: f"{p['name']} ({fmt.short_date(p['created_at'].date(), lang())})" for p in projects
    }
    project_id = open_col.selectbox(
        tr("carving_page.open_project"),
        list(labels),
        format_func=labels.__getitem__,
        key="carving_project",
    )
    if open_col.button(tr("carving_page.open"), key="carving_open"):
        try:
            opened = open_project(actor=user, project_id=project_id)
        except AccessDenied:
            st.error(tr("carving_page.not_allowed"))
        except InputError:
            st.error(tr("carving_page.project_broken"))
        else:
            new_base(INV, opened.inventory)
            new_base(CANDS, opened.candidates)
            for key in (INV_ERR, CANDS_ERR, PACKAGES, RUN):
                st.session_state.pop(key, None)
            if opened.run is not None:
                st.session_state[RUN] = opened.run
            st.session_state[FLASH] = tr("carving_page.opened", name=opened.name)
            st.rerun()
