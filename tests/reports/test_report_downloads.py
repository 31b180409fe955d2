"""The download button component, driven with Streamlit's AppTest."""

from __future__ import annotations

from datetime import date

from streamlit.testing.v1 import AppTest

from inclusief.formatting import report_file_name, slug


def _app() -> None:
    import sys
    from pathlib import Path

    import streamlit as st

    sys.path.insert(0, str(Path("tests/reports").resolve()))
    from conftest import make_scan

    from inclusief.questionnaires.load import load_file
    from inclusief.ui.components.downloads import scan_pdf_button

    data = make_scan(load_file("tests/reports/proefscan.yaml"))
    st.session_state["lang"] = st.session_state.get("lang", "nl")
    scan_pdf_button(data, key="scan_pdf")


def test_the_button_is_drawn_without_rendering_errors() -> None:
    at = AppTest.from_function(_app, default_timeout=60)
    at.run()
    assert not at.exception
    buttons = at.get("download_button")
    assert len(buttons) == 1
    assert buttons[0].proto.label == "Rapport downloaden (PDF)"


def test_file_names_are_safe_and_dated() -> None:
    name = report_file_name("werkgeversscan", "Basisschool De Eikenhof", date(2026, 3, 5))
    assert name == "werkgeversscan-basisschool-de-eikenhof-2026-03-05.pdf"
    assert slug("Zorggroep Eën / Twee") == "zorggroep-een-twee"
    assert slug("???") == "organisatie"
