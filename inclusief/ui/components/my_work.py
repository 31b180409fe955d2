""" "Mijn werk" on the carving page: the consultant writes the tasks in everyday words, adds
where, with whom, who helps and what to bring, shows the page to the candidate and
downloads the one-page PDF (:mod:`inclusief.reports.my_work`)."""

from __future__ import annotations

import base64
import html

import streamlit as st

from inclusief.jobcarving.model import CarvingResult, Inventory
from inclusief.reports.my_work import my_work_data, render_my_work
from inclusief.reports.pictures import pictogram
from inclusief.ui.i18n import lang, tr


def my_work_section(inventory: Inventory, result: CarvingResult, *, key: str) -> None:
    if not result.jobs:
        return
    language = lang()
    st.subheader(tr("candidates.mywork.section"))
    st.caption(tr("candidates.mywork.section_note"))
    jobs = {job.candidate: job for job in result.jobs}
    chosen = st.selectbox(
        tr("candidates.mywork.job"),
        list(jobs),
        format_func=lambda c: jobs[c].pseudonym,
        key=f"{key}_job",
    )
    job = jobs[chosen]
    with st.expander(tr("candidates.mywork.section"), expanded=False):
        words = {
            tid: st.text_input(
                tr("candidates.mywork.task_words", task=inventory.task(tid).name),
                value=inventory.task(tid).name,
                max_chars=80,
                key=f"{key}_{chosen}_{tid}",
            )
            for tid in job.tasks
        }
        place = st.text_input(
            tr("candidates.mywork.place_label"), max_chars=120, key=f"{key}_{chosen}_place"
        )
        with_whom = st.text_input(
            tr("candidates.mywork.with_whom_label"), max_chars=120, key=f"{key}_{chosen}_who"
        )
        helper = st.text_input(
            tr("candidates.mywork.helper_label"), max_chars=120, key=f"{key}_{chosen}_helper"
        )
        bring = st.text_area(
            tr("candidates.mywork.bring_label"), max_chars=400, key=f"{key}_{chosen}_bring"
        )
    data = my_work_data(
        inventory,
        job,
        language,
        task_words=words,
        place=place,
        with_whom=with_whom,
        helper=helper,
        bring=bring.splitlines(),
    )
    with st.container(border=True):  # the page as the candidate sees it
        st.markdown(f"## {tr('candidates.mywork.title', name=data.name)}")
        st.markdown(f"### {tr('candidates.mywork.what')}")
        for group in data.groups:
            c1, c2 = st.columns([1, 6])
            alt = tr("candidates.mywork.picture", kind=group.label)
            png = base64.b64encode(pictogram(group.kind)).decode("ascii")
            # an <img> with its alt text (st.image has none, which screen readers skip)
            c1.html(f'<img src="data:image/png;base64,{png}" alt="{html.escape(alt)}" width="64">')
            c2.markdown(f"**{group.label}**\n\n" + "\n".join(f"- {task}" for task in group.tasks))
    try:
        pdf = render_my_work(data, lang=language)
    except ValueError as exc:
        st.error(str(exc))
        return
    st.download_button(
        tr("candidates.mywork.download"),
        data=pdf,
        file_name=f"mijn-werk-{chosen}.pdf",
        mime="application/pdf",
        key=f"{key}_pdf",
        icon=":material/picture_as_pdf:",
    )
