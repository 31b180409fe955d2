"""Data files: every figure has a source and year, every assumption is in docs/pso.md."""

from __future__ import annotations

from pathlib import Path

from inclusief.pso.data import banenafspraak_data, pso_data
from inclusief.questionnaires.load import load_shipped

DOCS = Path(__file__).resolve().parents[2] / "docs" / "pso.md"


def test_every_assumption_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for a in [*pso_data().assumptions, *banenafspraak_data().assumptions]:
        assert f"`{a.id}`" in text, a.id
        assert a.nl and a.en


def test_every_figure_names_its_source_and_year() -> None:
    data = pso_data()
    for part in (data.target_groups, data.contract_types, data.norms, data.pso30plus):
        assert part.source and part.year
    for figure in (data.placement_max_years, data.indirect_max_share):
        assert figure.source and figure.year
    ba = banenafspraak_data()
    assert ba.hours_per_job.source and ba.hours_per_job.year
    for year, figures in ba.years.items():
        for figure in (
            figures.quota_pct.markt,
            figures.quota_pct.overheid,
            figures.activated.markt,
            figures.activated.overheid,
            figures.hours_threshold,
        ):
            assert figure.source, (year, figure)
            if figure.value is None:  # a figure that was not found says so
                assert "not found" in figure.source or "was not" in figure.source, (year, figure)
    assert ba.years[2026].quota_pct.markt.single_source
    assert ba.hours_per_job_year == 1326
    for regime in ba.regimes.values():
        assert regime.source and regime.name.nl
    assert ba.surcharge.source and ba.bonus.source


def test_regimes_by_year_and_sectors() -> None:
    """Wet bqa up to 2025, Wet banenafspraak from 2026 (BWBR0051018); onderwijs = overheid."""
    ba = banenafspraak_data()
    assert [ba.regime_for(y) for y in (2014, 2015, 2025, 2026, 2040)] == [
        None,
        "wet_bqa",
        "wet_bqa",
        "wet_banenafspraak",
        "wet_banenafspraak",
    ]
    assert ba.sectors.choices == {"markt": "markt", "overheid": "overheid", "onderwijs": "overheid"}
    assert ba.years[2026].activated.markt.value is False
    assert ba.years[2026].activated.overheid.value is False
    assert ba.years[2025].levy_eur_per_job is not None
    assert ba.years[2025].levy_eur_per_job.value == 5000
    assert "BWBR0051018" in ba.regimes["wet_banenafspraak"].source


def test_the_quality_questionnaire_has_four_dimensions_of_three_or_four_items() -> None:
    q = load_shipped("pso_kwaliteit")
    assert [d.id for d in q.dimensions] == [
        "passend_werk",
        "integratie",
        "functioneren_ontwikkeling",
        "begeleiding",
    ]
    for dim in q.dimensions:
        assert 3 <= len(dim.items) <= 4
        assert len(dim.bands) == 3 and all(b.advice for b in dim.bands)
    assert q.scales[0].dont_know is not None and q.scales[0].dont_know.code == 9
    # advice is specific to each dimension, not one text copied to all four
    for band in range(3):
        assert len({d.bands[band].advice.nl for d in q.dimensions if d.bands[band].advice}) == 4
