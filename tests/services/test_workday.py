"""A consultant's working day (issue #15): invitation status, the open scan offered again,
the organisation name for the employer, the dashboard overview, namesakes, and the action
plan with part and done status in the PDF, with the consultant by name."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from pypdf import PdfReader

from inclusief.errors import AccessDenied, InputError
from inclusief.reports.scan_report import render_scan_report
from inclusief.services import dashboard, invitations, notes, organisations, scan
from inclusief.services.reports import report_data_for
from inclusief.store.tables import Invitation, User, utcnow


def _text(pdf: bytes) -> str:
    reader = PdfReader(__import__("io").BytesIO(pdf))
    return " ".join(re.sub(r"\s+", " ", p.extract_text() or "") for p in reader.pages)


def test_each_link_has_its_status(store: Any, consultant: Any, new_scan: Any) -> None:
    made = new_scan(consultant)
    t1 = invitations.create_invitation(
        actor=consultant, assessment_id=made.assessment_id, store=store
    )
    invitations.create_invitation(actor=consultant, assessment_id=made.assessment_id, store=store)
    with store.session() as s:  # the first link expired yesterday
        inv = s.query(Invitation).order_by(Invitation.id).first()
        inv.expires_at = utcnow() - timedelta(days=1)
    listed = invitations.list_invitations(
        actor=consultant, organisation_id=made.organisation_id, store=store
    )
    assert [i.status for i in listed] == ["active", "expired"]  # newest first
    assert listed == invitations.list_invitations(
        actor=consultant, assessment_id=made.assessment_id, store=store
    )
    invitations.revoke_invitations(actor=consultant, assessment_id=made.assessment_id, store=store)
    listed = invitations.list_invitations(
        actor=consultant, organisation_id=made.organisation_id, store=store
    )
    # revoked wins over expired: every link of the scan now says "revoked"
    assert [i.status for i in listed] == ["revoked", "revoked"]
    assert listed[0].revoked_at is not None
    with pytest.raises(AccessDenied):
        invitations.open_by_token(t1, store=store)


def test_links_are_private_to_the_consultant(
    store: Any, consultant: Any, other_consultant: Any, new_scan: Any
) -> None:
    made = new_scan(consultant)
    with pytest.raises(AccessDenied):
        invitations.list_invitations(
            actor=other_consultant, organisation_id=made.organisation_id, store=store
        )
    token = invitations.create_invitation(
        actor=consultant, assessment_id=made.assessment_id, store=store
    )
    employer = invitations.open_by_token(token, store=store)
    with pytest.raises(AccessDenied):
        invitations.list_invitations(actor=employer, assessment_id=made.assessment_id, store=store)


def test_the_open_scan_is_found_and_a_finished_one_is_not(
    store: Any, consultant: Any, new_scan: Any
) -> None:
    made = new_scan(consultant)
    assert (
        invitations.open_scan_for(
            actor=consultant, organisation_id=made.organisation_id, store=store
        )
        == made.assessment_id
    )
    scan.finish_assessment(actor=consultant, assessment_id=made.assessment_id, store=store)
    assert (
        invitations.open_scan_for(
            actor=consultant, organisation_id=made.organisation_id, store=store
        )
        is None
    )


def test_the_employer_learns_the_organisation_name(
    store: Any, consultant: Any, new_scan: Any
) -> None:
    made = new_scan(consultant, name="Zorggroep De Linde")
    token = invitations.create_invitation(
        actor=consultant, assessment_id=made.assessment_id, store=store
    )
    employer = invitations.open_by_token(token, store=store)
    assert invitations.organisation_name(actor=employer, store=store) == "Zorggroep De Linde"
    with pytest.raises(AccessDenied):
        invitations.organisation_name(actor=consultant, store=store)


def test_namesakes(store: Any, consultant: Any, other_consultant: Any) -> None:
    def make(actor: Any, name: str, place: str | None = None) -> Any:
        return organisations.create_organisation(
            actor=actor,
            name=name,
            municipality=place,
            sector="zorg",
            size_class="10-49",
            region="Utrecht",
            store=store,
        )

    make(consultant, "Bakkerij Van Dam")
    with pytest.raises(InputError, match="already have an organisation"):
        make(consultant, "  bakkerij  van dam ")
    assert make(consultant, "Bakkerij Van Dam", "Zeist").label == "Bakkerij Van Dam (Zeist)"
    with pytest.raises(InputError, match="(?i)in zeist"):
        make(consultant, "Bakkerij Van Dam", "zeist")
    make(other_consultant, "Bakkerij Van Dam")  # another consultant's list is their own


def test_the_overview_counts(store: Any, consultant: Any, other_consultant: Any) -> None:
    org = organisations.create_organisation(
        actor=consultant,
        name="Zorggroep De Linde",
        municipality="Utrecht",
        sector="zorg",
        size_class="10-49",
        region="Utrecht",
        store=store,
    )
    old = scan.create_assessment(actor=consultant, organisation_id=org.id, mode="self", store=store)
    scan.finish_assessment(actor=consultant, assessment_id=old.id, store=store)
    notes.add_action(
        actor=consultant, assessment_id=old.id, what="Intake", who="", due=None, store=store
    )
    new = scan.create_assessment(
        actor=consultant, organisation_id=org.id, mode="session", store=store
    )
    invitations.create_invitation(actor=consultant, assessment_id=new.id, store=store)
    invitations.create_invitation(actor=consultant, assessment_id=old.id, store=store)
    invitations.revoke_invitations(actor=consultant, assessment_id=old.id, store=store)
    (row,) = dashboard.overview_rows(actor=consultant, store=store)
    assert (row.name, row.municipality) == ("Zorggroep De Linde", "Utrecht")
    assert (row.last_scan_status, row.last_scan_mode) == ("open", "session")
    assert (row.open_actions, row.open_invitations) == (1, 1)
    assert dashboard.overview_rows(actor=consultant, search="UTRECHT", store=store)
    assert dashboard.overview_rows(actor=consultant, search="Zeist", store=store) == []
    assert dashboard.overview_rows(actor=other_consultant, store=store) == []


def test_the_pdf_action_plan_has_part_and_done_and_the_consultant_by_name(
    store: Any, consultant: Any, new_scan: Any, werkgeversscan: Any
) -> None:
    with store.session() as s:
        s.get(User, consultant.id).name = "Fatima el Amrani"
    made = new_scan(consultant, mode="session")
    for item in werkgeversscan.items:
        scan.save_answer(
            actor=consultant,
            assessment_id=made.assessment_id,
            item_id=item.id,
            value=3,
            store=store,
        )
    dim = werkgeversscan.dimensions[2]
    notes.add_action(
        actor=consultant,
        assessment_id=made.assessment_id,
        what="Werkplek aanpassen",
        who="Facilitair",
        due=date(2027, 1, 31),
        dimension_id=dim.id,
        store=store,
    )
    done = notes.add_action(
        actor=consultant,
        assessment_id=made.assessment_id,
        what="Budget vrijmaken",
        who="Directie",
        due=None,
        store=store,
    )
    notes.set_action_done(actor=consultant, action_id=done.id, done=True, store=store)
    with pytest.raises(InputError, match="unknown dimension"):
        notes.add_action(
            actor=consultant,
            assessment_id=made.assessment_id,
            what="x",
            who="",
            due=None,
            dimension_id="bestaat_niet",
            store=store,
        )
    scan.finish_assessment(actor=consultant, assessment_id=made.assessment_id, store=store)
    data = report_data_for(
        actor=consultant, assessment_id=made.assessment_id, lang="nl", store=store
    )
    assert data.consultant == "Fatima el Amrani"
    text = _text(render_scan_report(data=data, lang="nl"))
    assert "Fatima el Amrani" in text and "consultant@example.nl" not in text
    assert "Klaar" in text  # the done column
    assert re.search(
        r"Werkplek aanpassen Facilitair 31-01-2027 " + re.escape(dim.name.nl) + r" Nee", text
    )
    assert re.search(r"Budget vrijmaken Directie - - Ja", text)


def test_a_long_organisation_name_is_shortened_in_the_running_header(
    store: Any, consultant: Any, new_scan: Any, werkgeversscan: Any
) -> None:
    long = "Stichting " + " ".join(["Samenwerkende Zorgaanbieders Midden-Nederland"] * 2)
    made = new_scan(consultant, name=long[:120])
    for item in werkgeversscan.items:
        scan.save_answer(
            actor=consultant,
            assessment_id=made.assessment_id,
            item_id=item.id,
            value=4,
            store=store,
        )
    scan.finish_assessment(actor=consultant, assessment_id=made.assessment_id, store=store)
    data = report_data_for(
        actor=consultant, assessment_id=made.assessment_id, lang="nl", store=store
    )
    pdf = render_scan_report(data=data, lang="nl")
    reader = PdfReader(__import__("io").BytesIO(pdf))
    second = reader.pages[1].extract_text() or ""
    header = second.splitlines()[:2]
    assert any(line.endswith("…") for line in header), header
    assert long[:120] not in " ".join(header)
