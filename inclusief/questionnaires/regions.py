"""The regional route: municipality -> arbeidsmarktregio -> werkgeversservicepunt (WSP).

Data: ``arbeidsmarktregios.yaml`` (35 regions, 342 municipalities of 1 January 2025, with
how the list was made and its sources; WSP names and websites where a source was found).

>>> region_for("Den Haag").name
'Haaglanden'
>>> region_for("sudwest fryslan").name
'Friesland'
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources

from pydantic import BaseModel

from inclusief.errors import InputError
from inclusief.questionnaires.advice import AdviceLine
from inclusief.yamlio import load_yaml

DATA_FILE = "arbeidsmarktregios.yaml"


class Wsp(BaseModel):
    name: str | None = None
    website: str | None = None
    source: str | None = None


class Region(BaseModel):
    number: int
    name: str
    wsp: Wsp
    municipalities: list[str]


class Werkgeverslijn(BaseModel):
    name: str
    website: str | None = None
    phone: str | None = None
    source: str


class RegionData(BaseModel):
    year: int
    regions: list[Region]
    werkgeverslijn: Werkgeverslijn
    aliases: dict[str, str]


def normalise(name: str) -> str:
    """Lower case, accents and punctuation dropped, spaces collapsed: a lookup key.

    >>> normalise("  Súdwest-Fryslân "), normalise("'s-Hertogenbosch")
    ('sudwest fryslan', 's hertogenbosch')
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^a-z0-9()]+", " ", text)
    return " ".join(text.split())


@cache
def region_data() -> RegionData:
    raw = load_yaml(
        (resources.files("inclusief.questionnaires") / DATA_FILE).read_text(encoding="utf-8"),
        file=DATA_FILE,
    )
    return RegionData(
        year=raw["indeling"]["year"],
        regions=raw["regions"],
        werkgeverslijn=raw["werkgeverslijn"],
        aliases=raw.get("aliases", {}),
    )


@cache
def _index() -> dict[str, Region]:
    data = region_data()
    index: dict[str, Region] = {}
    for region in data.regions:
        for municipality in region.municipalities:
            index[normalise(municipality)] = region
    for alias, official in data.aliases.items():
        index[normalise(alias)] = index[normalise(official)]
    return index


def municipalities() -> list[str]:
    """Every municipality in the data, sorted (for a picker)."""
    return sorted(
        (m for r in region_data().regions for m in r.municipalities),
        key=lambda m: normalise(m).removeprefix("s "),
    )


def known_municipality(name: str) -> bool:
    """Whether the region data knows this municipality (spelling as :func:`normalise`)."""
    return normalise(name) in _index()


def official_municipality(name: str) -> str:
    """The data's own spelling of a known municipality or alias ("den haag" ->
    "'s-Gravenhage"); an unknown name raises :class:`InputError`.

    >>> official_municipality("den bosch"), official_municipality("UTRECHT")
    ("'s-Hertogenbosch", 'Utrecht')
    """
    region_for(name)  # an unknown name raises
    key = normalise(name)
    data = region_data()
    names = [m for r in data.regions for m in r.municipalities] + list(data.aliases.values())
    by_alias = {normalise(a): o for a, o in data.aliases.items()}
    return by_alias.get(key) or next(m for m in names if normalise(m) == key)


def region_for(municipality: str) -> Region:
    """The arbeidsmarktregio of a municipality; an unknown name raises :class:`InputError`."""
    found = _index().get(normalise(municipality))
    if found is None:
        raise InputError.single(
            "municipality",
            f"unknown municipality '{municipality.strip()}' (the list holds the "
            f"{len(_index())} names of {region_data().year}; check the spelling)",
            field="municipality",
        )
    return found


def wsp_name(region: Region, lang: str = "nl") -> str:
    """The WSP's own name, or a description by region when no name was found."""
    if region.wsp.name:
        return region.wsp.name
    short = region.name.removeprefix("Regio ")  # "Regio Zwolle": no "regio Regio"
    if lang == "en":
        return f"the werkgeversservicepunt of arbeidsmarktregio {short}"
    return f"het werkgeversservicepunt van arbeidsmarktregio {short}"


def regional_advice(municipality: str, lang: str = "nl") -> AdviceLine:
    """The advice line naming the employer's own WSP and the national UWV Werkgeverslijn."""
    region = region_for(municipality)
    lijn = region_data().werkgeverslijn
    site = (lijn.website or "").removeprefix("https://").removeprefix("www.")
    short = region.name.removeprefix("Regio ")
    if lang == "en":
        if region.wsp.name:
            text = f"Your own desk is {region.wsp.name}, in region {short}."
        else:
            text = f"Your own desk is the werkgeversservicepunt of region {short}."
        text += " They help you for free."
        if region.wsp.website:
            text += f" See {region.wsp.website}."
        text += " With a question about rules you can also turn to UWV."
        text += f" Call {lijn.phone}." if lijn.phone else ""
        text += f" See {site}." if site else ""
    else:
        if region.wsp.name:
            text = f"Uw eigen loket is {region.wsp.name}, in de regio {short}."
        else:
            text = f"Uw eigen loket is het werkgeversservicepunt van de regio {short}."
        text += " Daar krijgt u gratis hulp."
        if region.wsp.website:
            text += f" Kijk op {region.wsp.website}."
        text += " Met een vraag over regels kunt u ook bij UWV terecht."
        text += f" Bel {lijn.phone}." if lijn.phone else ""
        text += f" Kijk op {site}." if site else ""
    return AdviceLine(id=f"region.{region.number}", kind="region", text=text)
