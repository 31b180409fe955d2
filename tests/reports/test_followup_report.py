"""The placement follow-up PDF and the worker's easy-read overview."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pypdf
import pytest

from inclusief.services import followup_reports, organisations
from inclusief.services import placements as svc
from inclusief.services.placements import SchemeView, at_noon

START = date(2026, 2, 2)


def text_of(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def followed(store, consultant):
    org = organisations.create_organisation(
        actor=consultant, name="Kwekerij Groen", sector="handel", size_class="10-49",
        region="Gelderland", store=store,
    )  # fmt: skip
    p = svc.add_placement(
        actor=consultant, organisation_id=org.id, candidate_pseudonym="Sam", start_date=START,
        contract_type="bepaalde_tijd", hours_per_week=20, route="vso_pro", job_title="Kweker",
        schemes=[SchemeView(code="jobcoach_extern", until=START + timedelta(days=120))],
        jobcoach="Ria de Coach", store=store,
    )  # fmt: skip
    for who, answers in (
        ("worker", {"wn_werk": 3, "wn_energie": 1}),
        ("employer", {"wg_doorgaan": 2}),
    ):
        c = svc.start_checkin(
            actor=consultant, placement_id=p.id, point="w2", respondent=who, store=store
        )
        for item, value in answers.items():
            svc.save_checkin_answer(
                actor=consultant, checkin_id=c.id, item_id=item, value=value, store=store
            )
        svc.finish_checkin(
            actor=consultant, checkin_id=c.id, now=at_noon(START + timedelta(days=14)), store=store
        )
    svc.add_entry(
        actor=consultant, placement_id=p.id, kind="action", on=START + timedelta(days=15),
        text="Gesprek over pauzes", who="Ria", store=store,
    )  # fmt: skip
    return p


def test_followup_report_has_signals_checkins_actions_and_timeline(
    store, consultant, followed
) -> None:
    data = followup_reports.followup_report_data(
        actor=consultant, placement_id=followed.id, today=START + timedelta(days=20), store=store
    )
    text = text_of(followup_reports.render_followup_report(data=data))
    for expected in (
        "Volgverslag plaatsing", "Sam", "Kwekerij Groen", "URGENT",
        "Werkgever wil waarschijnlijk niet doorgaan", "Werknemer heeft weinig energie",
        "Gesprek over pauzes", "Tijdlijn", "Start plaatsing", "VSO/PrO-schoolverlater",
    ):  # fmt: skip
        assert expected in text, expected
    english = followup_reports.followup_report_data(
        actor=consultant,
        placement_id=followed.id,
        lang="en",
        today=START + timedelta(days=20),
        store=store,
    )
    assert "Placement follow-up report" in text_of(
        followup_reports.render_followup_report(data=english, lang="en")
    )


def test_worker_overview_is_easy_read_and_holds_no_signals(store, consultant, followed) -> None:
    data = followup_reports.worker_overview_data(
        actor=consultant, placement_id=followed.id, today=START + timedelta(days=20), store=store
    )
    assert data.next_checkin == START + timedelta(days=42)
    text = text_of(followup_reports.render_worker_overview(data=data))
    assert "Je werkt als Kweker bij Kwekerij Groen." in text
    assert "Heb je genoeg energie voor je werk?" in text and "Je jobcoach is Ria de Coach." in text
    for hidden in ("doorgaan", "URGENT", "Gesprek over pauzes", "Zorg"):
        assert hidden not in text


def test_another_consultant_gets_no_report(store, other_consultant, followed) -> None:
    from inclusief.errors import AccessDenied

    with pytest.raises(AccessDenied):
        followup_reports.followup_pdf(actor=other_consultant, placement_id=followed.id, store=store)
    with pytest.raises(AccessDenied):
        followup_reports.worker_pdf(actor=other_consultant, placement_id=followed.id, store=store)
