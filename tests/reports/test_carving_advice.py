"""The employer's advice and the consultant's annex (issue #18) on the shipped school example
with two candidates: about 8 pages, no capability levels or shortfalls for the employer, the
method's next steps, readable titles, short grouped reasons and what would help in the annex."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from conftest import FIXED, all_text
from pypdf import PdfReader

from inclusief.cli import main
from inclusief.jobcarving.business_case import business_case
from inclusief.jobcarving.fit import load_dimensions
from inclusief.jobcarving.inventory import load_candidates, load_inventory
from inclusief.jobcarving.optimise import carve
from inclusief.reports.carving_adapter import carving_report_data
from inclusief.reports.carving_report import render_carving_report

ROOT = Path(__file__).resolve().parents[2]
TASKS = ROOT / "data" / "tasks"
FORBIDDEN = {
    "nl": ("niveau", "tekort", "FML", "vermogen", "beperking", "Te zwaar"),
    "en": ("level", "short by", "FML", "capabilit", "limitation", "Too demanding"),
}


@pytest.fixture(scope="module")
def school():
    inventory = load_inventory(TASKS / "primair_onderwijs.yaml")
    candidates = load_candidates(TASKS / "kandidaten_voorbeeld.yaml", inventory)[:2]
    result = carve(inventory, candidates, time_limit=20, max_complexity=2)
    return inventory, candidates, result, business_case(inventory, result)


def _pdf(school, audience: str, lang: str = "nl"):
    inventory, candidates, result, case = school
    data = carving_report_data(
        inventory,
        candidates,
        result,
        case,
        organisation="Basisschool De Linde",
        report_date=date(2026, 3, 5),
        lang=lang,
        audience=audience,  # type: ignore[arg-type]
    )
    return data, render_carving_report(data=data, lang=lang, creation_date=FIXED)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_employer_report_is_about_eight_pages_without_capabilities(school, lang) -> None:
    inventory, _, result, _ = school
    assert len(result.jobs) == 2
    data, pdf = _pdf(school, "employer", lang)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert 6 <= pages <= 9, pages
    text = all_text(pdf)
    for word in FORBIDDEN[lang]:
        assert word.lower() not in text.lower(), word
    for dim in load_dimensions().values():
        assert f"{dim.name.get(lang)} " not in text or dim.name.get(lang).lower() in (
            "staan",
            "lopen",
        )
    assert all(not j.capabilities for j in data.jobs)


def test_the_employer_report_has_summary_jobs_next_steps_and_method(school) -> None:
    inventory, _, result, case = school
    data, pdf = _pdf(school, "employer")
    text = all_text(pdf)
    assert "Samenvatting" in text and "De volgende stappen" in text and "Werkwijze." in text
    for title in (
        "Team en MR betrekken",
        "Functiebeschrijving en inschaling",
        "Verklaring omtrent het gedrag (VOG)",
        "Werven via het werkgeversservicepunt",
        "De kandidaat praat mee",
        "Begeleiding op de werkvloer",
        "Volgen na de plaatsing",
    ):
        assert title in text, title
    for n, view in enumerate(data.jobs, start=1):
        assert f"Functie {n}: {view.title}" in text
        words = view.title.lower().split()
        assert len(words) == len(set(words)) or words.count("en") == 1  # no word twice
        assert view.description.startswith("De medewerker doet ")
    assert "Werkdrukmiddelen" in text and "No-riskpolis" in text
    assert case.net_cash_eur is not None and case.net_cash_eur < 0
    assert "Tijd die vrijkomt" in text and "geen geld dat de school bespaart" in text


def test_the_annex_is_separate_with_grouped_reasons_and_what_would_help(school) -> None:
    inventory, candidates, result, _ = school
    data, pdf = _pdf(school, "consultant")
    text = all_text(pdf)
    assert "bijlage voor de consulent" in text.lower() and "AVG" in text
    # complexity above the threshold: out of scope from the start, listed once
    assert text.count("Buiten bereik vanaf het begin") == 1
    scoped = [
        inventory.task(u.task).name
        for u in result.unassigned
        if inventory.task(u.task).complexity > 2
    ]
    assert scoped and all(name in data.out_of_scope for name in scoped)
    # grouped, one line per group: far fewer lines than reasons
    n_reasons = sum(len(u.reasons) for u in result.unassigned)
    assert 0 < len(data.reason_groups) < n_reasons / 5
    assert any(" taken vragen " in line for line in data.reason_groups)
    # a shortfall that an allowed accommodation removes is no reason: A may use the lifting
    # aid (tillen -2) and lifts at 3, so no line says tillen is too high for Sanne
    assert not any("tillen" in line and "Sanne" in line for line in data.reason_groups)
    assert "Wat zou helpen" in text and data.help_tasks
    # both placed: nobody without a job
    assert "Elke kandidaat heeft een functie." in text


def test_every_candidate_without_a_job_is_named_with_reason_and_help() -> None:
    inventory = load_inventory(TASKS / "primair_onderwijs.yaml")
    candidates = load_candidates(TASKS / "kandidaten_voorbeeld.yaml", inventory)
    result = carve(inventory, candidates, time_limit=10)
    case = business_case(inventory, result)
    data = carving_report_data(
        inventory,
        candidates,
        result,
        case,
        organisation="School",
        report_date=date(2026, 3, 5),
        audience="consultant",
    )
    for o in result.without_job:
        assert any(o.pseudonym in line for line in data.without_job)
        assert any(o.pseudonym in line for line in data.help_candidates)


def test_the_cli_writes_the_advice_and_the_annex(tmp_path: Path) -> None:
    out, annex = tmp_path / "advies.pdf", tmp_path / "bijlage.pdf"
    code = main(
        [
            "report", "carving", "--tasks", str(TASKS / "primair_onderwijs.yaml"),
            "--candidates", str(TASKS / "kandidaten_voorbeeld.yaml"), "--time-limit", "10",
            "-o", str(out), "--annex", str(annex),
        ]
    )  # fmt: skip
    assert code == 0
    assert "niveau" not in all_text(out.read_bytes())
    assert "Waarom taken bij het personeel blijven" in all_text(annex.read_bytes())


def test_words_break_at_syllables_not_mid_word() -> None:
    from inclusief.reports.carving_report import SOFT_HYPHEN, hyphenate
    from inclusief.reports.pdf import new_report_pdf

    assert hyphenate("Onderwijsassistent", "nl").split(SOFT_HYPHEN)[:2] == ["On", "der"]
    assert hyphenate("kort en 12,5", "nl") == "kort en 12,5"  # short words and numbers stay
    pdf = new_report_pdf(
        lang="nl", title="t", running_title="t", subject="t", organisation="o",
        footer_text="f", page_label="{n}",
    )  # fmt: skip
    pdf.add_page()
    pdf.data_table(
        ["Functie", "x"], [[hyphenate("Onderwijsassistent", "nl"), "x"]], widths=[20, 150]
    )
    raw = PdfReader(io.BytesIO(pdf.to_bytes())).pages[0].extract_text()
    cell = raw[raw.index("On") : raw.index("tent") + 4]
    assert "-\n" in cell and cell.replace("-\n", "") == "Onderwijsassistent"
    assert SOFT_HYPHEN not in raw
