"""The scan report of a stored assessment shows the organisation's latest saved PSO outcome.

The PSO page saves the whole ``PsoOutcome`` (``services.pso.save_pso``); ``report_data_for`` reads
the latest one back through ``latest_pso_for_assessment`` (role-checked like the assessment
itself), so the PDF gets its PSO/Banenafspraak page. Without a saved PSO the page is absent.
"""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

import pytest
from pypdf import PdfReader

from inclusief import formatting as fmt
from inclusief.errors import AccessDenied
from inclusief.pso.inputs import Employee
from inclusief.pso.outcome import PsoOutcome, calculate
from inclusief.reports.scan_report import render_scan_report
from inclusief.services import invitations, scan
from inclusief.services import pso as pso_service
from inclusief.services.reports import report_data_for

PSO_TITLE = {"nl": "PSO-indicatie en Banenafspraak", "en": "PSO indication and Banenafspraak"}
NOTICE = {"nl": "Indicatie, geen certificaat", "en": "Indication, not a certificate"}


def _text(pdf: bytes) -> str:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in pages))


def _outcome(extra_wajong: int = 0) -> PsoOutcome:
    people = [("wajong", 25.5)] * (1 + extra_wajong) + [("participatiewet", 12.75)]
    people += [("geen", 36.0)] * 40
    return calculate(
        employees=[
            Employee(
                employee_id=str(i),
                hours_per_week=hours,
                target_group=group,
                contract_type="regulier",
                intake_date=date(2024, 1, 1),
            )
            for i, (group, hours) in enumerate(people)
        ],
        year=2026,
    )


def _save(store: Any, actor: Any, organisation_id: int, outcome: PsoOutcome) -> int:
    """As the PSO page saves it."""
    return pso_service.save_pso(
        actor=actor,
        organisation_id=organisation_id,
        year=outcome.ladder.year,
        inputs={"employees": len(outcome.ladder.employees)},
        result=outcome.model_dump(mode="json"),
        store=store,
    )


@pytest.fixture
def finished(store: Any, consultant: Any, new_scan: Any, werkgeversscan: Any) -> Any:
    made = new_scan(consultant, name="Zorggroep De Linde")
    for item in werkgeversscan.item_ids:
        scan.save_answer(
            actor=consultant, assessment_id=made.assessment_id, item_id=item, value=4, store=store
        )
    scan.finish_assessment(actor=consultant, assessment_id=made.assessment_id, store=store)
    return made


def _report(store: Any, actor: Any, assessment_id: int, lang: str = "nl") -> str:
    data = report_data_for(actor=actor, assessment_id=assessment_id, lang=lang, store=store)
    return _text(render_scan_report(data=data, lang=lang))


def test_without_a_saved_pso_the_page_is_absent(store: Any, consultant: Any, finished: Any) -> None:
    data = report_data_for(actor=consultant, assessment_id=finished.assessment_id, store=store)
    assert data.pso is None and data.banenafspraak is None
    text = _text(render_scan_report(data=data))
    assert PSO_TITLE["nl"] not in text and NOTICE["nl"] not in text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_saved_pso_is_on_its_page_with_the_notice_and_numbers(
    store: Any, consultant: Any, finished: Any, lang: str
) -> None:
    _save(store, consultant, finished.organisation_id, _outcome())  # older: not shown
    latest = _outcome(extra_wajong=2)
    _save(store, consultant, finished.organisation_id, latest)
    data = report_data_for(
        actor=consultant, assessment_id=finished.assessment_id, lang=lang, store=store
    )
    assert data.pso == latest.ladder and data.banenafspraak == latest.banenafspraak
    text = _text(render_scan_report(data=data, lang=lang))
    lad, ba = latest.ladder, latest.banenafspraak
    assert PSO_TITLE[lang] in text and NOTICE[lang] in text
    assert lad.notice.get(lang) in text
    assert fmt.pct(lad.total_pct, 2, lang) in text
    assert fmt.num(lad.weighted_fte, 2, lang) in text
    assert fmt.num(ba.jobs, 2, lang) in text
    assert ba.status == "not_activated"
    assert {"nl": "Verschuldigd niets", "en": "Due nothing"}[lang] in text
    assert fmt.pct(_outcome().ladder.total_pct, 2, lang) not in text  # the older record


def test_the_employer_sees_the_own_organisations_pso(
    store: Any, consultant: Any, finished: Any
) -> None:
    outcome = _outcome()
    _save(store, consultant, finished.organisation_id, outcome)
    token = invitations.create_invitation(
        actor=consultant, assessment_id=finished.assessment_id, store=store
    )
    employer = invitations.open_by_token(token, store=store)
    text = _report(store, employer, finished.assessment_id)
    assert PSO_TITLE["nl"] in text and NOTICE["nl"] in text
    assert fmt.pct(outcome.ladder.total_pct, 2, "nl") in text


def test_who_may_read_the_pso_of_an_assessment(
    store: Any,
    consultant: Any,
    other_consultant: Any,
    researcher: Any,
    admin: Any,
    finished: Any,
    new_scan: Any,
) -> None:
    _save(store, consultant, finished.organisation_id, _outcome())
    aid = finished.assessment_id
    got = pso_service.latest_pso_for_assessment(actor=consultant, assessment_id=aid, store=store)
    assert got is not None and got["year"] == 2026 and got["inputs"] == {"employees": 42}
    for actor in (other_consultant, researcher, admin):
        with pytest.raises(AccessDenied):
            pso_service.latest_pso_for_assessment(actor=actor, assessment_id=aid, store=store)
    # an employer with a link to another organisation's scan
    elsewhere = new_scan(consultant, name="Andere organisatie")
    token = invitations.create_invitation(
        actor=consultant, assessment_id=elsewhere.assessment_id, store=store
    )
    stranger = invitations.open_by_token(token, store=store)
    with pytest.raises(AccessDenied):
        pso_service.latest_pso_for_assessment(actor=stranger, assessment_id=aid, store=store)
    assert (
        pso_service.latest_pso_for_assessment(
            actor=stranger, assessment_id=elsewhere.assessment_id, store=store
        )
        is None
    )
    with pytest.raises(AccessDenied):
        pso_service.latest_pso_for_assessment(actor=consultant, assessment_id=10_000, store=store)


def test_a_record_this_version_cannot_read_leaves_the_page_out(
    store: Any, consultant: Any, finished: Any
) -> None:
    pso_service.save_pso(
        actor=consultant,
        organisation_id=finished.organisation_id,
        year=2026,
        inputs={},
        result={"ladder": {"year": 2026}},  # an older or damaged shape
        store=store,
    )
    text = _report(store, consultant, finished.assessment_id)
    assert PSO_TITLE["nl"] not in text and "van 100" in text
