"""The jobcarving download button, driven with Streamlit's AppTest."""

from __future__ import annotations

from datetime import date

from streamlit.testing.v1 import AppTest

from inclusief.formatting import report_file_name


def _app() -> None:
    from datetime import date

    import streamlit as st

    from inclusief.reports.carving_report import CarvedJobView, CarvingReportData, TaskRow
    from inclusief.ui.components.downloads import carving_pdf_button

    data = CarvingReportData(
        organisation="Basisschool De Eikenhof",
        report_date=date(2026, 3, 5),
        jobs=[
            CarvedJobView(
                title="Medewerker kopieerwerk (6 uur)",
                hours_per_week=6,
                tasks=[TaskRow(task="Kopiëren", source_role="Conciërge", hours_per_week=6)],
            )
        ],
    )
    st.session_state["lang"] = st.session_state.get("lang", "nl")
    carving_pdf_button(data, key="carving_pdf")


def test_the_button_is_drawn_in_the_users_language() -> None:
    at = AppTest.from_function(_app, default_timeout=60)
    at.run()
    assert not at.exception
    buttons = at.get("download_button")
    assert len(buttons) == 1
    assert buttons[0].proto.label == "Jobcarving-rapport downloaden (PDF)"
    at.session_state["lang"] = "en"
    at.run()
    assert at.get("download_button")[0].proto.label == "Download job carving report (PDF)"


def test_the_file_name() -> None:
    name = report_file_name("jobcarving", "Basisschool De Eikenhof", date(2026, 3, 5))
    assert name == "jobcarving-basisschool-de-eikenhof-2026-03-05.pdf"
