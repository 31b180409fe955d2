"""The regional route: 35 arbeidsmarktregio's, their municipalities, WSP and Werkgeverslijn."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from inclusief.errors import InputError
from inclusief.questionnaires.regions import (
    municipalities,
    normalise,
    region_data,
    region_for,
    regional_advice,
    wsp_name,
)


def test_35_regions_numbered_1_to_35_with_unique_names() -> None:
    regions = region_data().regions
    assert [r.number for r in regions] == list(range(1, 36))
    assert len({r.name for r in regions}) == 35


def test_every_municipality_of_2025_once() -> None:
    """342 = the number of Dutch municipalities on 1 January 2025 (CBS); none twice."""
    names = [m for r in region_data().regions for m in r.municipalities]
    assert len(names) == 342 == len(set(names)) == len({normalise(n) for n in names})
    assert len(municipalities()) == 342
    assert region_data().year == 2025


@pytest.mark.parametrize(
    ("municipality", "region"),
    [
        ("Amsterdam", "Groot Amsterdam"),
        ("Weesp", None),  # merged into Amsterdam in 2022: no longer a municipality
        ("Dijk en Waard", "Noord-Holland Noord"),
        ("Voorne aan Zee", "Rijnmond"),
        ("Land van Cuijk", "Noordoost-Brabant"),
        ("Eemsdelta", "Groningen"),
        ("Vijfheerenlanden", "Gorinchem"),
        ("West Betuwe", "Rivierenland"),
        ("Renkum", "Midden-Gelderland"),
        ("Den Haag", "Haaglanden"),
        ("'s-Hertogenbosch", "Noordoost-Brabant"),
        ("  súdwest-fryslân ", "Friesland"),
        ("Bergen (L.)", "Noord-Limburg"),
        ("Bergen (NH)", "Noord-Holland Noord"),
    ],
)
def test_municipality_to_region(municipality: str, region: str | None) -> None:
    if region is None:
        with pytest.raises(InputError, match="unknown municipality"):
            region_for(municipality)
    else:
        assert region_for(municipality).name == region


def test_the_data_file_names_its_sources_year_and_coverage() -> None:
    text = (resources.files("inclusief.questionnaires") / "arbeidsmarktregios.yaml").read_text(
        encoding="utf-8"
    )
    data = yaml.safe_load(text)
    assert "BWBR0036164" in data["indeling"]["basis"]
    assert data["indeling"]["municipalities"] == 342
    assert data["indeling"]["checked_against_cbs_table"] is False  # said honestly
    assert "Coverage of names/websites" in text
    assert data["werkgeverslijn"]["source"]
    for region in data["regions"]:
        wsp = region["wsp"]
        # a name or website only with a source
        assert (wsp["name"] is None and wsp["website"] is None) or wsp["source"], region["name"]


def test_without_a_wsp_name_the_advice_names_the_region() -> None:
    region = region_for("Zwolle")
    assert wsp_name(region) == "het werkgeversservicepunt van arbeidsmarktregio Zwolle"
    line = regional_advice("Zwolle")
    assert line.text.startswith("Uw eigen loket is het werkgeversservicepunt van de regio Zwolle.")
