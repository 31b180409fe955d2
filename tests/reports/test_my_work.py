""" "Mijn werk": one page, text of at least 14 pt, high contrast, a picture per kind of work
with an alt text, the week as a picture, for every carved job of the shipped examples."""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

import pytest
from conftest import FIXED
from pypdf import PdfReader

from inclusief.jobcarving.inventory import load_candidates, load_inventory
from inclusief.jobcarving.optimise import carve
from inclusief.reports import my_work
from inclusief.reports.my_work import MyWorkData, WorkGroup, kind_of, my_work_data, render_my_work
from inclusief.reports.pictures import PICTOGRAMS, pictogram

ROOT = Path(__file__).resolve().parents[2]
TASKS = ROOT / "data" / "tasks"
SHIPPED = [
    ("primair_onderwijs.yaml", "kandidaten_voorbeeld.yaml"),
    ("zorg_verpleeghuis.yaml", "kandidaten_zorg_verpleeghuis.yaml"),
]


@cache
def _jobs():  # type: ignore[no-untyped-def]
    out = []
    for tasks, cands in SHIPPED:
        inventory = load_inventory(TASKS / tasks)
        result = carve(inventory, load_candidates(TASKS / cands, inventory), time_limit=20)
        out += [(inventory, job) for job in result.jobs]
    return out


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _font_sizes(pdf: bytes) -> list[float]:
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    content = page.get_contents().get_data().decode("latin-1")  # type: ignore[union-attr]
    return [float(s) for s in re.findall(r"/F\d+ ([\d.]+) Tf", content)]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_shipped_job_fits_one_page_with_large_type(lang: str) -> None:
    jobs = _jobs()
    assert len(jobs) >= 5
    for inventory, job in jobs:
        data = my_work_data(
            inventory,
            job,
            lang,
            place="In de school aan de Lindelaan",
            with_whom="Met juf Anna en meester Tom",
            helper="Petra. Zij is er elke ochtend.",
            bring=["Je pasje", "Goede schoenen"],
        )
        pdf = render_my_work(data, lang=lang, creation_date=FIXED)
        reader = PdfReader(io.BytesIO(pdf))
        assert len(reader.pages) == 1
        sizes = _font_sizes(pdf)
        assert sizes and min(sizes) >= my_work.MIN_SIZE
        text = reader.pages[0].extract_text()
        assert job.pseudonym.split()[-1] in text
        assert "Lindelaan" in text and "Petra" in text and "pasje" in text
        # a picture per kind of work plus the week, each with an alt text
        assert pdf.count(b"/Alt") >= len(data.groups) + 1
        assert reader.metadata is not None and reader.metadata.title


def test_the_colours_have_high_contrast_on_white() -> None:
    white = (255, 255, 255)
    assert _contrast(my_work.INK, white) >= 7
    assert _contrast(my_work.BLUE, white) >= 7  # AAA for normal text


def test_each_kind_of_work_has_its_own_picture() -> None:
    pictures = {kind: pictogram(kind) for kind in PICTOGRAMS}
    assert len(set(pictures.values())) == len(PICTOGRAMS)
    assert kind_of("schoonmaak_hygiene") == "schoonmaken"
    assert kind_of("iets_anders") == "overig"


def test_missing_details_say_who_will_tell() -> None:
    data = MyWorkData(
        name="Sanne",
        hours=8,
        groups=[WorkGroup(kind="schoonmaken", label="Schoonmaken", tasks=["Tafels afnemen"])],
        schedule={"ma-ochtend": 4.0, "wo-ochtend": 4.0},
    )
    text = PdfReader(io.BytesIO(render_my_work(data))).pages[0].extract_text()
    assert "Dat hoor je nog van je begeleider." in text
    assert "Vraag het aan je begeleider." in text


def test_a_sheet_that_does_not_fit_one_page_is_refused() -> None:
    data = MyWorkData(
        name="Sanne",
        hours=8,
        groups=[
            WorkGroup(kind="overig", label=f"Werk {i}", tasks=["Een taak met een lange naam"] * 3)
            for i in range(12)
        ],
        schedule={"ma-ochtend": 4.0},
    )
    with pytest.raises(ValueError, match="past niet op een pagina"):
        render_my_work(data)
