"""The werkgeversscan opened from an invitation link: every answer saved on the server.

Once finished, the employer sees the result with the peer band (the same benchmark as the
session page and the PDF, only when the peer group is large enough) and downloads the PDF.
"""

from __future__ import annotations

import streamlit as st

from inclusief.errors import AccessDenied
from inclusief.services import invitations, scan
from inclusief.services.reports import peer_benchmark_for, report_data_for
from inclusief.ui.components import scan_form
from inclusief.ui.components.downloads import scan_pdf_button
from inclusief.ui.i18n import lang, tr
from inclusief.ui.text import plain

st.title(tr("app.invite_title"), anchor=False)
token = str(st.query_params.get("token", ""))
try:
    employer = invitations.open_by_token(token)
except AccessDenied:
    st.error(tr("store.invalid_link"))
    st.stop()

organisation = invitations.organisation_name(actor=employer)
st.markdown(f"**{tr('app.invite_for', org=plain(organisation))}**")

key = f"invite_{employer.assessment_id}"
if key not in st.session_state:  # a reload starts here: resume from the server
    st.session_state[key] = scan.StoreBackend(employer, employer.assessment_id)
backend: scan.StoreBackend = st.session_state[key]
if backend.load().finished:
    st.info(tr("scan.finished_locked"))
    peer = peer_benchmark_for(actor=employer, assessment_id=employer.assessment_id, lang=lang())
    scan_form.show_result(
        backend,
        key=key,
        benchmark=peer.quartile_frame() if peer.available else None,
        result=scan.assessment_result(
            actor=employer, assessment_id=employer.assessment_id, lang=lang()
        ),
    )
    if peer.available:
        group = ", ".join(p for p in (peer.size_class, peer.sector) if p)
        st.caption(tr("app.session_benchmark_band", n=peer.n_found, group=group))
    scan_pdf_button(
        report_data_for(actor=employer, assessment_id=employer.assessment_id, lang=lang()),
        key=f"{key}-pdf",
        label=tr("app.download_pdf"),
    )
else:
    q = backend.questionnaire
    st.write(q.description.get(lang()) if q.description else tr("scan.intro"))
    scan_form.show_form(backend, key=key)
