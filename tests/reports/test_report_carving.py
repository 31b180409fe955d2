"""The jobcarving report: sections, the engine's numbers as given, pagination, language."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import altair as alt
import pandas as pd
from conftest import FIXED, all_text, assert_renders_every_page, pdf_text
from pypdf import PdfReader

from inclusief.i18n import t
from inclusief.reports.carving_report import (
    CapabilityRow,
    CarvedJobView,
    CarvingReportData,
    MoneyRow,
    RoleRelief,
    TaskRow,
    UnassignedTask,
    render_carving_report,
)
from inclusief.reports.charts import chart_png


def schedule_png() -> bytes:
    days = ["ma", "di", "wo", "do", "vr"]
    frame = pd.DataFrame(
        [
            {"dag": d, "uur": h, "taak": (i + h) % 3}
            for i, d in enumerate(days)
            for h in range(8, 16)
        ]
    )
    chart = alt.Chart(frame).mark_rect().encode(x="dag:N", y="uur:O", color="taak:Q")
    return chart_png(chart)


def job(n: int, *, png: bytes | None = None) -> CarvedJobView:
    return CarvedJobView(
        title=f"Zorgassistent groep 1-2 ({n})",
        hours_per_week=18.5,
        candidate=f"Kandidaat {n}",
        tasks=[
            TaskRow(
                task="Kleuters helpen bij aan- en uitkleden voor de gymles",
                source_role="Leerkracht",
                hours_per_week=3.5,
                slots="ma 10:00-10:45, do 10:00-10:45",
            ),
            TaskRow(
                task="Kopiëren en lamineren van lesmateriaal",
                source_role="Onderwijsassistent",
                hours_per_week=6.0,
                slots="di 08:00-11:00, vr 08:00-11:00",
            ),
            TaskRow(
                task="Fruit schillen en melk uitdelen",
                source_role="Leerkracht",
                hours_per_week=9.0,
                slots="ma-vr 09:30-11:15",
            ),
        ],
        schedule_png=png,
        capabilities=[
            CapabilityRow(
                capability="Handelingstempo", needed="normaal", candidate="beperkt", fits=False
            ),
            CapabilityRow(
                capability="Samenwerken",
                needed="eigen deeltaak",
                candidate="eigen deeltaak",
                fits=True,
            ),
        ],
        accommodations=[
            "Vaste volgorde van taken op een weekkaart",
            "Vast aanspreekpunt: de conciërge",
        ],
        business_case=[
            MoneyRow(label="Loonkosten", amount_eur=-21_450),
            MoneyRow(label="Loonkostensubsidie", amount_eur=9_800),
            MoneyRow(label="Vrijgekomen uren leerkrachten (waarde)", amount_eur=24_310),
            MoneyRow(label="Saldo per jaar", amount_eur=12_660, total=True),
        ],
    )


def data(n_jobs: int = 2) -> CarvingReportData:
    png = schedule_png()
    return CarvingReportData(
        organisation="Basisschool De Eikenhof",
        report_date=date(2026, 3, 5),
        inventory="Primair onderwijs (voorbeeld)",
        jobs=[job(i + 1, png=png) for i in range(n_jobs)],
        relief=[
            RoleRelief(
                role="Leerkracht",
                hours_relieved=12.5,
                freed_for="Meer tijd voor instructie in kleine groepjes",
            ),
            RoleRelief(
                role="Onderwijsassistent",
                hours_relieved=6.0,
                freed_for="Begeleiding van leerlingen met extra behoeften",
            ),
        ],
        unassigned=[
            UnassignedTask(
                task="Ballen van het dak halen",
                source_role="Conciërge",
                hours_per_week=0.5,
                reason="Werken op hoogte past bij geen van de kandidaten.",
            ),
        ],
    )


def test_sections_and_numbers() -> None:
    """Every heading; hours and business case amounts exactly as given (Dutch format)."""
    pdf = render_carving_report(data=data(), creation_date=FIXED)
    text = all_text(pdf)
    for key in (
        "carving_advice.employer.title",
        "reports.carving.tasks_title",
        "reports.carving.schedule_title",
        "carving_advice.employer.support_title",
        "reports.carving.business_title",
        "carving_advice.employer.relief_title",
        "carving_advice.employer.staying_title",
        "carving_advice.steps_title",
        "reports.carving.method_title",
    ):
        assert t(key, "nl") in text, key
    # the employer never sees capability levels (the consultant's annex has them)
    assert "Handelingstempo" not in text and "beperkt" not in text
    assert "Functie 1: Zorgassistent groep 1-2 (1)" in text
    assert "18,5 uur per week, 3 taken." in text
    assert "Totaal 18,5" in text
    assert "Saldo per jaar € 12.660" in text
    assert "Loonkosten -€ 21.450" in text
    assert "Leerkracht 12,5 Meer tijd voor instructie" in text
    assert "Ballen van het dak halen (Conciërge, 0,5)" in text
    for word in ("Kopiëren", "Conciërge", "€"):
        assert word in text


def test_english_reproducible_and_renders(tmp_path: Path) -> None:
    first = render_carving_report(data=data(), lang="en", creation_date=FIXED)
    assert first == render_carving_report(data=data(), lang="en", creation_date=FIXED)
    text = all_text(first)
    assert "Job 1: Zorgassistent" in text and "18.5 hours a week" in text
    assert "€12,660" in text
    assert PdfReader(io.BytesIO(first)).trailer["/Root"]["/Lang"] == "en-GB"
    assert_renders_every_page(first, tmp_path)


def test_many_jobs_paginate_with_every_job_present() -> None:
    pdf = render_carving_report(data=data(n_jobs=25), creation_date=FIXED)
    pages = pdf_text(pdf)
    assert len(pages) >= 25
    text = " ".join(pages)
    for i in range(1, 26):
        assert f"Functie {i}: Zorgassistent groep 1-2 ({i})" in text
    assert f"Pagina {len(pages)} van {len(pages)}" in pages[-1]
