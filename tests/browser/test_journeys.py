"""The app as its users live it, in a real browser (Debian Chromium), against demo data."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pypdf
import pytest
from browser_helpers import answer_item, shot, wait_for_app

from inclusief.questionnaires.load import load_shipped
from inclusief.services import accounts, invitations, organisations, scan
from inclusief.services.demo import DEMO_PASSWORD, NAMED
from inclusief.store.tables import Invitation

pytestmark = pytest.mark.browser
Q = load_shipped("werkgeversscan")


def login(page, app_url: str, email: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{app_url}/login")
    wait_for_app(page)
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_text("Ingelogd als").wait_for()


def new_invitation(store) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    consultant = accounts.authenticate("consultant@demo.inclusief.nl", DEMO_PASSWORD, store=store)
    org = next(
        o
        for o in organisations.list_organisations(actor=consultant, store=store)
        if o.name == NAMED[0][0]
    )
    a = scan.create_assessment(actor=consultant, organisation_id=org.id, mode="self", store=store)
    return invitations.create_invitation(actor=consultant, assessment_id=a.id, store=store), a.id


def radio_items(dim) -> list:  # type: ignore[no-untyped-def]
    """The items drawn as radio buttons (agree, yes/no, choose one); the number and
    choose-several items are answered in tests/browser/test_scan2_journey.py."""
    return [i for i in dim.items if Q.scale(i.scale).type in ("ordinal", "yesno", "choice")]


def answer_step(page, dim, code_label: str = "Eens", key: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """Every radio item; with the form's ``key`` the number and choose-several items too."""
    if key is not None:
        for item in dim.items:
            scale = Q.scale(item.scale)
            if scale.type in ("multi", "number"):
                answer_item(page, Q, item, scale.codes[0] if scale.codes else 2, key=key)
    for item in radio_items(dim):
        group = page.get_by_role("radiogroup", name=item.text.nl)
        scale = Q.scale(item.scale)
        if scale.id == "eens5":
            label = code_label
        elif scale.type == "ordinal":
            label = scale.options[3].label.nl
        else:
            label = scale.options[-1].label.nl  # Ja; the last option of a list
        group.get_by_text(label, exact=True).click()
        wait_for_app(page)


def test_employer_reloads_midway_and_finds_every_answer(page, app_url, app_store) -> None:
    token, assessment_id = new_invitation(app_store)
    page.goto(f"{app_url}/?token={token}")
    wait_for_app(page)
    page.get_by_role("heading", name="Uw werkgeversscan").wait_for()
    half = len(Q.dimensions) // 2
    for step in range(half):
        answer_step(page, Q.dimensions[step], key=f"invite_{assessment_id}")
        page.get_by_role("button", name="Volgende").click()
        wait_for_app(page)
    page.reload()
    wait_for_app(page)
    # resumes at the first unanswered step, with the earlier answers on the server
    page.get_by_role("heading", name=Q.dimensions[half].name.nl).wait_for()
    store_answers = scan.answers_of(
        actor=invitations.open_by_token(token, store=app_store),
        assessment_id=assessment_id,
        store=app_store,
    )
    answered = [i.id for d in Q.dimensions[:half] for i in d.items]
    assert all(store_answers.get(i) is not None for i in answered)
    page.get_by_role("button", name="Vorige").click()
    wait_for_app(page)
    first_item = Q.dimensions[half - 1].items[0]
    group = page.get_by_role("radiogroup", name=first_item.text.nl)
    assert group.get_by_role("radio", checked=True).count() == 1
    page.get_by_role("button", name="Volgende").click()
    wait_for_app(page)
    for step in range(half, len(Q.dimensions)):
        answer_step(page, Q.dimensions[step], key=f"invite_{assessment_id}")
        page.get_by_role("button", name="Volgende").click()
        wait_for_app(page)
    page.get_by_role("button", name="Afronden").click()
    page.get_by_role("heading", name="Scan afronden?").wait_for()
    page.get_by_role("button", name="Ja, afronden").click()
    page.get_by_role("heading", name="Uw resultaat").wait_for()
    wait_for_app(page)
    shot(page, "employer-result")
    with page.expect_download() as info:
        page.get_by_role("button", name="Adviesrapport (pdf) downloaden").click()
    path = info.value.path()
    text = "".join(p.extract_text() for p in pypdf.PdfReader(path).pages)
    assert NAMED[0][0].split()[0] in text and "Totaalindex" in text


@pytest.mark.parametrize("kind", ["wrong", "expired", "revoked"])
def test_bad_links_get_one_plain_message(page, app_url, app_store, kind) -> None:
    token, assessment_id = new_invitation(app_store)
    if kind == "wrong":
        token = token[:-4] + "AAAA"
    elif kind == "expired":
        with app_store.session() as s:
            inv = s.query(Invitation).filter_by(assessment_id=assessment_id).one()
            inv.expires_at = inv.created_at - timedelta(days=1)
    else:
        consultant = accounts.authenticate(
            "consultant@demo.inclusief.nl", DEMO_PASSWORD, store=app_store
        )
        invitations.revoke_invitations(
            actor=consultant, assessment_id=assessment_id, store=app_store
        )
    page.goto(f"{app_url}/?token={token}")
    wait_for_app(page)
    page.get_by_text("Deze link is niet (meer) geldig").wait_for()
    assert page.locator('[data-testid="stMain"]').get_by_role("radiogroup").count() == 0
    assert "Traceback" not in page.content()


def test_guest_cannot_reach_consultant_pages(page, app_url) -> None:
    for path in ("dashboard", "session", "pso", "admin", "research"):
        page.goto(f"{app_url}/{path}")
        wait_for_app(page)
        assert page.get_by_role("button", name="Sessie starten").count() == 0
        assert page.get_by_text("Uw organisaties").count() == 0
        assert page.get_by_role("link", name="Overzicht").count() == 0


def test_consultant_creates_an_organisation_runs_a_session_and_downloads_the_pdf(
    page, app_url
) -> None:
    login(page, app_url, "consultant@demo.inclusief.nl")
    page.get_by_role("link", name="Overzicht").click()
    wait_for_app(page)
    page.get_by_text("Organisatie toevoegen").click()
    page.get_by_label("Naam", exact=True).fill("Basisschool De Regenboog")
    page.get_by_role("button", name="Toevoegen").click()
    wait_for_app(page)
    # the new organisation is selected: it has no scans yet
    page.get_by_text("Nog geen scans voor deze organisatie.").wait_for()
    shot(page, "consultant-dashboard")
    page.get_by_role("button", name="Sessie starten").click()
    page.get_by_role("heading", name="Sessie met werkgever").wait_for()
    wait_for_app(page)
    # the note sits beside the first step's questions and is saved by its own button
    note = page.get_by_label(f"Notitie: {Q.dimensions[0].name.nl}", exact=True)
    note.fill("Directie wil twee plekken in 2027.")
    page.get_by_role("button", name="Notitie opslaan").click()
    page.get_by_text(f"Notitie bij {Q.dimensions[0].name.nl} opgeslagen.").wait_for()
    wait_for_app(page)
    for dim in Q.dimensions:
        page.get_by_role("heading", name=dim.name.nl).wait_for()
        answer_step(page, dim, "Helemaal eens")
        page.get_by_role("button", name="Volgende").click()
        wait_for_app(page)
    # the action form: exact labels (an item's text may start with "Wat" as well)
    page.get_by_label("Wat", exact=True).fill("Jobcarving-analyse onderwijsassistenten")
    page.get_by_label("Wie", exact=True).fill("Directeur")
    page.get_by_role("button", name="Actie toevoegen").click()
    page.get_by_text("Jobcarving-analyse onderwijsassistenten").first.wait_for()
    wait_for_app(page)
    page.get_by_role("button", name="Afronden").click()
    page.get_by_role("button", name="Ja, afronden").click()
    page.get_by_role("heading", name="Uw resultaat").wait_for()
    wait_for_app(page)
    shot(page, "consultant-session")
    with page.expect_download() as info:
        page.get_by_role("button", name="Adviesrapport (pdf) downloaden").click()
    text = "".join(p.extract_text() for p in pypdf.PdfReader(info.value.path()).pages)
    assert "Basisschool De Regenboog" in text
    assert "Directie wil twee plekken in 2027." in text
    assert "Jobcarving-analyse onderwijsassistenten" in text


def test_researcher_downloads_an_export_and_sees_no_names(page, app_url) -> None:
    login(page, app_url, "researcher@demo.inclusief.nl")
    page.get_by_role("link", name="Onderzoek").click()
    wait_for_app(page)
    shot(page, "researcher")
    content = page.content()
    for name, *_ in NAMED:
        assert name not in content
    assert re.search(r"Demo-organisatie \d", content) is None
    button = page.get_by_role("button", name=re.compile(r"CSV", re.I)).first
    button.wait_for(timeout=90_000)  # the export (k-anonymity search) is computed first
    with page.expect_download() as info:
        button.click()
    data = Path(info.value.path()).read_text(encoding="utf-8-sig")
    assert "werkgeversscan" in data or "questionnaire" in data
    for name, *_ in NAMED:
        assert name not in data
