"""The scan report: sections, numbers equal to the engine's, language, layout, reproducibility."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from conftest import FIXED, all_text, assert_renders_every_page, pdf_text
from pydantic import ValidationError
from pypdf import PdfReader

from inclusief.i18n import t
from inclusief.pso.outcome import PsoOutcome
from inclusief.reports import charts
from inclusief.reports.scan_report import (
    ActionItem,
    ScanReportData,
    render_scan_report,
    standard_steps,
)

ScanFactory = Callable[..., ScanReportData]

SECTION_KEYS = [
    "reports.scan.title",
    "reports.scan.summary_title",
    "reports.scan.chart_title",
    "reports.scan.dimensions_title",
    "reports.scan.steps_title",
    "reports.scan.pso_title",
    "reports.scan.actions_title",
    "reports.scan.colophon_title",
    "reports.scan.sources_title",
]


@pytest.fixture
def full(scan_factory: ScanFactory, pso_outcome: PsoOutcome) -> ScanReportData:
    return scan_factory(pso=pso_outcome)


@pytest.fixture
def full_pdf(full: ScanReportData) -> bytes:
    return render_scan_report(data=full, creation_date=FIXED)


def test_every_section_heading_is_present(full_pdf: bytes) -> None:
    """Cover, summary, chart, dimensions, next steps, PSO, action plan, method, sources."""
    text = all_text(full_pdf)
    for key in SECTION_KEYS:
        assert t(key, "nl") in text, key
    assert t("reports.scan.notes_title", "nl") in text  # session mode shows the notes
    assert t("reports.scan.pso_notice_title", "nl") in text


def test_cover_names_organisation_date_and_questionnaire(full_pdf: bytes) -> None:
    cover = pdf_text(full_pdf)[0]
    assert "Basisschool De Eikenhof" in cover
    assert "5 maart 2026" in cover
    assert "proefscan, versie 2.1" in cover
    assert "Sessie met een adviseur" in cover


def test_overall_index_equals_the_engine_and_a_hand_computation(
    full: ScanReportData, full_pdf: bytes
) -> None:
    """Hand: dimension scores (mean - 1) / 4 x 100 from the answers in conftest:
    dr 4,4,5 -> 83.33; be 2,1,2 -> 16.67; er 1,2 -> 12.5; bl 3,4,3 (weight 2) -> 58.33;
    wv 1,1,2 -> 8.33; bg no score (1 of 3 answered); rg 2,1,1 -> 8.33.
    Overall = (83.33 + 16.67 + 12.5 + 2 x 58.33 + 8.33 + 8.33) / 7 = 35.12 -> shown 35."""
    hand = (250 / 3 + 50 / 3 + 12.5 + 2 * 175 / 3 + 25 / 3 + 25 / 3) / 7
    assert full.result.overall_index == pytest.approx(hand)
    assert "35 van 100" in pdf_text(full_pdf)[1]
    assert f"{full.result.overall_index:.0f} van 100" in all_text(full_pdf)


def test_every_dimension_score_is_shown_as_the_app_rounds_it(
    full: ScanReportData, full_pdf: bytes
) -> None:
    """Summary row "name score band" and the block line "Score n van 100" per dimension;
    12.5 is shown as 12 (Python's rounding, as in the app), not 13."""
    text = all_text(full_pdf)
    for d in full.result.dimensions:
        shown = "-" if d.score is None else f"{d.score:.0f}"
        band = d.band_label or t("reports.scan.no_band", "nl")
        assert f"{d.name} {shown} {band}" in text, d.id
        if d.score is not None:
            assert f"Score {shown} van 100 - niveau: {band}" in text, d.id
    assert "Ervaring 12 Laag" in text


def test_the_chart_is_fed_the_shown_scores(full: ScanReportData) -> None:
    """The chart spec carries 12.0 for a score of 12.5, so its label cannot say 13."""
    from inclusief.reports.scan_report import shown_scores

    shown = shown_scores(full.result)
    assert shown.dimension("ervaring").score == 12.0
    assert shown.dimension("begeleiding").score is None
    assert full.result.dimension("ervaring").score == 12.5  # the input is not changed


def test_pso_and_banenafspraak_numbers_equal_the_pso_results(
    full_pdf: bytes, pso_outcome: PsoOutcome
) -> None:
    """Percentages with two decimals and a decimal comma, as the PSO CLI prints them."""
    text = all_text(full_pdf)
    lad, ba = pso_outcome.ladder, pso_outcome.banenafspraak

    def nl(value: float, digits: int = 2) -> str:
        return f"{value:.{digits}f}".replace(".", ",")

    assert f"Totale sociale bijdrage {nl(lad.total_pct)}%" in text
    assert f"Directe sociale bijdrage {nl(lad.direct_pct)}%" in text
    assert f"Getelde banen (25,5 uur per week = 1 baan) {nl(ba.jobs)}" in text
    assert ba.required_jobs is not None
    assert f"Vereiste banen volgens het quotum {nl(ba.required_jobs)}" in text
    assert ba.jobs == pytest.approx(1.5)  # (25.5 + 12.75) / 25.5
    # 2026: the quota scheme is not activated, so nothing is due and no euro amount is shown
    assert "Verschuldigd niets" in text
    assert "De quotumregeling is voor 2026 niet geactiveerd." in text
    ba_page = text[text.index("Quotumregeling van toepassing") :]
    assert "€" not in ba_page[: ba_page.index("Verantwoording")]
    assert "quotumheffing" not in text.lower()
    # the growth path says what the CLI says (pso.growth_fte_short)
    extra = lad.growth.extra_fte
    assert extra is not None and f"{nl(extra)} fte extra aan medewerkers uit de doelgroep" in text
    assert lad.notice.get("nl") in text


def test_dutch_characters_survive(full_pdf: bytes) -> None:
    text = all_text(full_pdf)
    for word in ("ideeën", "financiën", "één", "geïnteresseerde", "€"):
        assert word in text, word


def test_metadata_title_author_language(full_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(full_pdf))
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Werkgeversscan: adviesrapport - Basisschool De Eikenhof"
    assert meta.author is not None and "Basisschool De Eikenhof" in meta.author
    assert reader.trailer["/Root"]["/Lang"] == "nl-NL"
    assert str(meta.get("/CreationDate", "")).startswith("D:20260305120000")


def test_the_font_is_embedded_and_shipped_with_its_licence(full_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(full_pdf))
    fonts = {
        str(f["/BaseFont"])
        for page in reader.pages
        for f in (page["/Resources"].get("/Font") or {}).values()
    }
    assert any("DejaVuSans" in f for f in fonts), fonts
    folder = Path(charts.__file__).parent / "fonts"
    assert (folder / "DejaVu-LICENSE.txt").read_text(encoding="utf-8").count("Bitstream") >= 3
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"):
        assert (folder / name).stat().st_size > 100_000


def test_page_numbers_and_running_header(full_pdf: bytes) -> None:
    pages = pdf_text(full_pdf)
    n = len(pages)
    for i, text in enumerate(pages, start=1):
        assert f"Pagina {i} van {n}" in text
        if i > 1:
            assert text.startswith("Werkgeversscan - adviesrapport Basisschool De Eikenhof")


def test_two_renders_are_byte_identical(full: ScanReportData) -> None:
    """With a fixed creation date, and also when the chart is rendered afresh."""
    first = render_scan_report(data=full, creation_date=FIXED)
    charts.clear_cache()
    second = render_scan_report(data=full, creation_date=FIXED)
    assert first == second


def test_english_variant(scan_factory: ScanFactory, pso_outcome: PsoOutcome) -> None:
    data = scan_factory(lang="en", pso=pso_outcome)
    pdf = render_scan_report(data=data, lang="en", creation_date=FIXED)
    text = all_text(pdf)
    for key in SECTION_KEYS:
        assert t(key, "en") in text, key
    assert "35 out of 100" in text
    assert "Motives and ideas 83 High" in text
    assert "5 March 2026" in text
    assert "Page 1 of" in text
    assert "Samenvatting" not in text
    assert PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"] == "en-GB"


def test_self_mode_leaves_out_the_notes_and_optional_pages(scan_factory: ScanFactory) -> None:
    data = scan_factory(mode="self", actions=[], benchmark=False)
    text = all_text(render_scan_report(data=data, creation_date=FIXED))
    assert t("reports.scan.notes_title", "nl") not in text
    assert t("reports.scan.actions_title", "nl") not in text
    assert t("reports.scan.pso_title", "nl") not in text
    assert "Zelfscan door de werkgever" in text
    assert t("reports.scan.colophon_title", "nl") in text  # the method is always there


def test_support_needs_and_standard_steps(full: ScanReportData, full_pdf: bytes) -> None:
    """Chosen support needs come first; low werving gives the Werkgeversservicepunt, and
    jobcarving is not repeated because the employer already chose it."""
    ids = [s.id for s in standard_steps(full, "nl")]
    assert "jobcarving" not in ids
    assert ids[0] == "werkgeversservicepunt"
    assert {"jobcoach", "proefplaatsing"} <= set(ids)
    assert "beleid" not in ids  # beleid is midden, not laag
    text = all_text(full_pdf)
    assert "Geschikte taken vinden" in text
    assert t("reports.scan.step.werkgeversservicepunt.title", "nl") in text


def test_notes_for_an_unknown_dimension_are_refused(scan_factory: ScanFactory) -> None:
    with pytest.raises(ValidationError, match="unknown dimension"):
        scan_factory(notes={"geen_dimensie": "x"})


def test_result_and_questionnaire_must_match(full: ScanReportData) -> None:
    with pytest.raises(ValidationError, match="not proefscan 9.9"):
        ScanReportData.model_validate(full.model_dump() | {"questionnaire_version": "9.9"})


# -- long reports --------------------------------------------------------------------------
LONG_NOTE = " ".join(
    f"Afspraak{i} over taken, roosters en begeleiding van de nieuwe collega." for i in range(160)
)


def _text_positions(pdf: bytes) -> list[tuple[int, float, float, float, float, str]]:
    """(page, x, y, width, height, text) for every text run (x, y in points)."""
    reader = PdfReader(io.BytesIO(pdf))
    out = []
    for n, page in enumerate(reader.pages):
        box = page.mediabox
        w, h = float(box.width), float(box.height)
        runs: list[tuple[float, float, str]] = []

        def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                runs.append((x, y, text))  # noqa: B023 - used within this iteration only

        page.extract_text(visitor_text=visit)
        out.extend((n, x, y, w, h, text) for x, y, text in runs)
    return out


def test_a_long_report_paginates_without_losing_or_overflowing_text(
    scan_factory: ScanFactory,
) -> None:
    """Long notes for every dimension and 120 action items: many pages, every word of the
    notes and every action is in the text in order, every text run starts inside the page
    and above the footer line, and the action table repeats its headings on each page."""
    notes = {d: LONG_NOTE for d in ("drijfveren", "belemmeringen", "werving", "regelingen")}
    actions = [
        ActionItem(
            what=f"Actie {i}: " + "maak een overzicht van de taken die blijven liggen " * 3,
            who="Teamleider onderbouw",
            due=date(2026, 5, 1),
            dimension_id="werving",
        )
        for i in range(120)
    ]
    pdf = render_scan_report(data=scan_factory(notes=notes, actions=actions), creation_date=FIXED)
    pages = pdf_text(pdf)
    assert len(pages) > 20
    text = " ".join(pages)
    # every note is complete: all 160 numbered sentences, in order, four times over
    found = [int(m) for m in re.findall(r"Afspraak(\d+) ", text)]
    assert found == list(range(160)) * 4
    for i in range(120):
        assert f"Actie {i}:" in text
    heading = "Wat Wie Gereed op Onderdeel"
    table_pages = [p for p in pages if "Actie " in p]
    assert len(table_pages) > 3
    assert all(heading in p for p in table_pages)
    for n, x, y, w, h, run in _text_positions(pdf):
        assert 0 <= x < w - 20 and 20 < y < h - 20, (n, x, y, run)


def test_every_page_renders_with_pdftoppm(full_pdf: bytes, tmp_path: Path) -> None:
    assert_renders_every_page(full_pdf, tmp_path)
