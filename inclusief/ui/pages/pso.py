"""PSO-style ladder, growth path, quality criteria and Banenafspraak (thin page).

Widgets in two parts (``inclusief/ui/components/pso_*.py``); the calculation and what is
kept with an organisation per reference year in :mod:`inclusief.services.pso`. Bad input is
shown with ``st.error``, no traceback.
"""

from __future__ import annotations

import streamlit as st

from inclusief.errors import InputError
from inclusief.pso.data import pso_data
from inclusief.pso.outcome import PsoOutcome
from inclusief.services import organisations
from inclusief.services import pso as pso_service
from inclusief.ui.auth import current_user
from inclusief.ui.components.pso_inputs import pso_form, show_problems
from inclusief.ui.components.pso_result import show_assumptions, show_outcome, show_trend
from inclusief.ui.i18n import lang, tr

RESULT = "pso_result"

st.title(tr("pso.page_title"))
st.info(pso_data().notice.get(lang()))
st.write(tr("pso.intro"))
form = pso_form()
if st.button(tr("pso.calculate"), type="primary", key="pso_calculate"):
    st.session_state.pop(RESULT, None)
    try:
        st.session_state[RESULT] = pso_service.calculate_from_tables(
            workforce=form.workforce,
            workforce_file=form.workforce_file,
            year=form.year,
            size=form.size,
            sector=form.sector,  # type: ignore[arg-type]
            action_plan=form.action_plan,
            purchases=form.purchases,
            supplier=form.supplier,
            quality_answers=form.quality_answers,
            read_as=form.read_as,
            lang=lang(),
        )
    except InputError as exc:
        show_problems(exc)

outcome: PsoOutcome | None = st.session_state.get(RESULT)
if outcome is not None:
    show_outcome(outcome)
show_assumptions()

# A consultant keeps the calculation with one of their organisations, one per reference year,
# and sees that organisation's calculations over the years.
user = current_user()
if user is not None and user.role == "consultant":
    orgs = organisations.list_organisations(actor=user)
    if orgs:
        st.subheader(tr("pso.save_title"))
        org_id = st.selectbox(
            tr("app.dash_choose_org"),
            [o.id for o in orgs],
            format_func={o.id: o.name for o in orgs}.__getitem__,
            key="pso_save_org",
        )
        if outcome is not None and st.button(tr("common.save"), key="pso_save"):
            pso_service.save_outcome(actor=user, organisation_id=org_id, outcome=outcome)
            st.success(tr("pso.saved"))
        show_trend(user, org_id)
