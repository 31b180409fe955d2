"""Jobcarving: inventory and candidates, exact carving, work packages, report (thin page).

Widgets in four parts (``inclusief/ui/components/carving_*.py``), with the use cases in
:mod:`inclusief.services.carving` (carving, what is saved with a project, opening one). Bad
input is shown with ``st.error``, never a traceback.
"""

from __future__ import annotations

import streamlit as st

from inclusief.ui.components.carving_packages import packages_section
from inclusief.ui.components.carving_projects import projects_section
from inclusief.ui.components.carving_result import result_section, run_section
from inclusief.ui.components.carving_tables import FLASH, tables
from inclusief.ui.i18n import tr

st.title(tr("carving_page.title"))
st.write(tr("carving_page.intro"))
if FLASH in st.session_state:
    st.success(st.session_state.pop(FLASH))

current = tables()
if current is None:
    st.stop()
settings = run_section(current)
result_section(settings)
packages_section(current.inventory, current.candidates or [])
projects_section(current, settings)
