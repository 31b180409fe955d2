"""A consultant carves jobs out of the shipped primary-school inventory in a real browser."""

from __future__ import annotations

import re

import pypdf
import pytest
from browser_helpers import shot, wait_for_app
from test_guest_scan import serious_violations
from test_journeys import login

from inclusief.jobcarving.examples import example_candidates, example_inventories
from inclusief.jobcarving.inventory import load_candidates, load_inventory
from inclusief.jobcarving.optimise import carve

pytestmark = pytest.mark.browser
SCHOOL = "primair_onderwijs"
CANDIDATES = "kandidaten_voorbeeld"


def _squash(text: str) -> str:
    """Without white space and hyphens: PDF table cells may wrap a task name over two lines,
    at a Dutch syllable with a (soft) hyphen."""
    return re.sub(r"[\s\u00ad-]+", "", text)


ORG = "Basisschool De Linde"


def test_consultant_carves_two_candidates_and_downloads_the_report(page, app_url) -> None:
    """Issue 8: log in, create an organisation, carve the primary-school inventory with two
    candidates, download the carving PDF, and keep the project with the new organisation."""
    inventory = load_inventory(example_inventories()[SCHOOL])
    two = load_candidates(example_candidates()[CANDIDATES], inventory)[:2]
    expected = carve(inventory, two)
    assert expected.jobs, "the first two example candidates should get a job"
    job = expected.jobs[0]
    task_names = [inventory.task(tid).name for tid in job.tasks]

    login(page, app_url, "consultant@demo.inclusief.nl")
    page.get_by_role("link", name="Overzicht").click()
    wait_for_app(page)
    page.get_by_text("Organisatie toevoegen").click()
    page.get_by_label("Naam", exact=True).fill(ORG)
    page.get_by_role("button", name="Toevoegen").click()
    wait_for_app(page)
    page.get_by_text("Nog geen scans voor deze organisatie.").wait_for()
    page.get_by_role("link", name="Jobcarving").click()
    wait_for_app(page)
    page.get_by_role("heading", name="Jobcarving", level=1).wait_for()

    # the primary-school inventory and its example candidates
    page.get_by_label("Voorbeeldinventaris").click()
    page.get_by_role("option", name=inventory.title, exact=True).click()
    wait_for_app(page)
    page.get_by_text(inventory.title).first.wait_for()
    picker = page.locator('[data-testid="stMultiSelect"]').filter(
        has_text="Kandidaten in deze berekening"
    )
    while picker.get_by_role("button", name=re.compile("^Remove ")).count():
        picker.get_by_role("button", name=re.compile("^Remove ")).first.click()
        wait_for_app(page)
    for candidate in two:
        # wait for the state each step needs: the open list, then the chosen chip
        option = page.get_by_role("option", name=candidate.pseudonym, exact=True)
        for attempt in range(3):  # a rerun on a loaded machine may close the list again
            wait_for_app(page)
            picker.get_by_role("combobox").click()
            try:
                option.wait_for(timeout=15_000)
                break
            except Exception:
                if attempt == 2:
                    raise
                page.keyboard.press("Escape")
        option.click()
        picker.get_by_text(candidate.pseudonym, exact=True).first.wait_for()
        wait_for_app(page)
        page.keyboard.press("Escape")
    for candidate in two:
        picker.get_by_text(candidate.pseudonym, exact=True).first.wait_for()

    page.get_by_role("button", name="Jobcarving uitvoeren").click()
    page.get_by_role(
        "heading", name=re.compile(f"^Baan voor {re.escape(job.pseudonym)}:")
    ).wait_for(timeout=60_000)
    wait_for_app(page)
    assert "Traceback" not in page.content()
    # each job has its weekly schedule drawn (a Vega chart with a canvas or svg)
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stVegaLiteChart\"]')]"
        ".filter(c => c.querySelector('canvas, svg')).length >= 2",
        timeout=30_000,
    )
    assert page.locator('[data-testid="stVegaLiteChart"]').count() >= 2 * len(expected.jobs)
    # the picture for the README: the first job, its tasks and its weekly schedule
    first_job = page.get_by_role("heading", name=re.compile("^Baan voor ")).first
    first_job.evaluate("e => e.scrollIntoView({block: 'start'})")
    shot(page, "carving")

    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Jobcarving-rapport downloaden (PDF)").click()
    path = info.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    text = _squash("".join(p.extract_text() for p in pypdf.PdfReader(path).pages))
    for name in task_names:
        assert _squash(name) in text, name

    assert serious_violations(page) == []

    # keep the project with the new organisation, and find it back in the list
    page.get_by_label("Kies een organisatie").click()
    page.keyboard.type(ORG)  # the list is long and virtual: filter it first
    page.get_by_role("option", name=ORG, exact=True).click()
    wait_for_app(page)
    page.get_by_text("Nog geen bewaarde projecten voor deze organisatie.").wait_for()
    page.get_by_label("Naam van het project").fill("Ondersteuning groep 1-2")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Het project is bewaard.").wait_for()
    wait_for_app(page)
    assert page.get_by_label("Bewaard project").count() == 1
