"""Download buttons for the advisory PDFs.

The PDF is rendered only when the button is clicked (``st.download_button`` accepts a
callable), so a page rerun costs nothing. Nothing is cached across users.
"""

from __future__ import annotations

import streamlit as st

from inclusief.formatting import report_file_name
from inclusief.reports.carving_report import CarvingReportData, render_carving_report
from inclusief.reports.scan_report import ScanReportData, render_scan_report
from inclusief.ui.i18n import lang, tr

PDF = "application/pdf"


def scan_pdf_button(data: ScanReportData, *, key: str, label: str | None = None) -> bool:
    """A button that downloads the scan report in the user's language."""
    language = lang()
    frozen = data.model_copy(deep=True)  # the click may come after the page changed it

    def render() -> bytes:
        return render_scan_report(data=frozen, lang=language)

    return st.download_button(
        label or tr("reports.ui.download_scan"),
        data=render,
        file_name=report_file_name("werkgeversscan", data.organisation, data.assessment_date),
        mime=PDF,
        key=key,
        icon=":material/picture_as_pdf:",
    )


def carving_pdf_button(data: CarvingReportData, *, key: str, label: str | None = None) -> bool:
    """A button that downloads the jobcarving report in the user's language.

    ``data`` comes from :func:`inclusief.reports.carving_adapter.carving_report_data`, built
    in the same language (its texts, such as the reasons, are already in that language).
    """
    language = lang()
    frozen = data.model_copy(deep=True)

    def render() -> bytes:
        return render_carving_report(data=frozen, lang=language)

    return st.download_button(
        label or tr("reports.ui.download_carving"),
        data=render,
        file_name=report_file_name(
            "jobcarving" if data.audience == "employer" else "jobcarving-bijlage",
            data.organisation,
            data.report_date,
        ),
        mime=PDF,
        key=key,
        icon=":material/picture_as_pdf:",
    )
