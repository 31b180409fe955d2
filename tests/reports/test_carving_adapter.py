"""The carving report built from the engine: every job, task, hour and amount as the engine
gives them, the reasons for unassigned tasks, Dutch characters, rendering and pagination."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import FIXED, all_text, assert_renders_every_page, pdf_text

from inclusief import formatting as fmt
from inclusief.jobcarving.business_case import BusinessCase, Support, business_case
from inclusief.jobcarving.model import (
    SLOTS,
    Candidate,
    CarvingResult,
    Inventory,
    Role,
    Task,
)
from inclusief.jobcarving.optimise import carve
from inclusief.reports.carving_adapter import carving_report_data, job_title, slot_name
from inclusief.reports.carving_report import CarvingReportData, hours_text, render_carving_report
from inclusief.reports.charts import png_size

DAY = date(2026, 3, 5)
ORG = "Basisschool De Eikenhof"


def role(rid: str, nl: str, en: str, cost: float, use: str) -> Role:
    return Role(
        id=rid,
        name={"nl": nl, "en": en},
        hourly_cost_eur=cost,
        cost_assumption="test",
        relieved_use={"nl": use, "en": f"{en}: more time for core work"},
    )


def task(tid: str, name: str, hours: float, category: str, role_id: str, **kw: object) -> Task:
    return Task(
        id=tid,
        name=name,
        category=category,
        role=role_id,
        hours_per_week=hours,
        complexity=1,
        demands=kw.get("demands", {}),  # type: ignore[arg-type]
        schedule=kw.get("schedule", "flexibel"),  # type: ignore[arg-type]
    )


ROLES = [
    role("lk", "Leerkracht", "Teacher", 62.0, "Meer tijd voor instructie in kleine groepjes"),
    role("oa", "Onderwijsassistent", "Teaching assistant", 41.5, "Begeleiding van leerlingen"),
    role("ci", "Conciërge", "Caretaker", 38.0, "Onderhoud en toezicht op het plein"),
]
CATEGORIES = {
    "klaslokaal": {"nl": "Klaslokaal", "en": "classroom"},
    "kopieerwerk": {"nl": "Kopieerwerk", "en": "copying"},
    "buiten": {"nl": "Buitenwerk", "en": "outdoor work"},
}


def school() -> Inventory:
    tasks = [
        task("t1", "Kopiëren en lamineren", 6, "kopieerwerk", "oa"),
        task(
            "t2",
            "Fruit schillen en uitdelen",
            2.5,
            "klaslokaal",
            "lk",
            schedule={"ma-ochtend": 1, "wo-ochtend": 1.5},
        ),
        task(
            "t3",
            "Jassen ophangen groep 1-2",
            1.25,
            "klaslokaal",
            "lk",
            schedule={"di-ochtend": 1.25},
        ),
        task("t4", "Dozen papier naar zolder", 2, "kopieerwerk", "ci", demands={"tillen": 2}),
        task("t5", "Speelplaats vegen", 3, "buiten", "ci"),
        task(
            "t6",
            "Knutselmateriaal klaarzetten",
            4.75,
            "klaslokaal",
            "lk",
            demands={"concentratie": 1},
        ),
        task("t7", "Ballen van het dak halen", 0.5, "buiten", "ci", demands={"klimmen": 2}),
    ]
    return Inventory(
        id="po",
        title="Primair onderwijs (voorbeeld)",
        sector="onderwijs",
        categories=CATEGORIES,  # type: ignore[arg-type]
        roles=ROLES,
        tasks=tasks,
    )


def candidates() -> list[Candidate]:
    return [
        Candidate(
            id="k1",
            pseudonym="Kandidaat Eé",
            capabilities={"tillen": 0, "concentratie": 1},
            hours_min=8,
            hours_max=16,
            available_slots=list(SLOTS),
            likes=["klaslokaal"],
            dislikes=["buiten"],
            hourly_cost_eur=21.5,
        ),
        Candidate(
            id="k2",
            pseudonym="Kandidaat Twee",
            capabilities={"tillen": 1},
            hours_min=4,
            hours_max=8,
            available_slots=["do-ochtend", "do-middag", "vr-ochtend"],
            hourly_cost_eur=20.0,
        ),
    ]


def carved(loonwaarde: float = 70) -> tuple[CarvingResult, BusinessCase]:
    inv = school()
    result = carve(inv, candidates(), time_limit=20)
    case = business_case(
        inv, result, Support(scheme="loonkostensubsidie", loonwaarde_pct=loonwaarde)
    )
    return result, case


@pytest.fixture(scope="module")
def engine() -> tuple[CarvingResult, BusinessCase]:
    return carved()


def report(
    engine: tuple[CarvingResult, BusinessCase], lang: str = "nl", audience: str = "employer"
) -> tuple[CarvingReportData, bytes]:
    result, case = engine
    data = carving_report_data(
        school(),
        candidates(),
        result,
        case,
        organisation=ORG,
        report_date=DAY,
        lang=lang,
        audience=audience,  # type: ignore[arg-type]
    )
    return data, render_carving_report(data=data, lang=lang, creation_date=FIXED)


def test_the_instance_carves_two_jobs_and_leaves_tasks(
    engine: tuple[CarvingResult, BusinessCase],
) -> None:
    """The fixture itself: both candidates get a job, one needs a lifting aid, and the
    climbing task stays (nobody may climb; one candidate also dislikes outdoor work)."""
    result, case = engine
    assert result.status == "optimal"
    assert len(result.jobs) == 2
    assert [u.task for u in result.unassigned] == ["t7"]
    assert [a.id for j in result.jobs for a in j.accommodations] == ["tilhulp"]
    assert case.lks_eur is not None and case.lks_eur > 0


def test_pdf_holds_every_job_task_hour_and_amount(
    engine: tuple[CarvingResult, BusinessCase],
) -> None:
    result, case = engine
    inv = school()
    data, pdf = report(engine)
    text = all_text(pdf)
    for n, (job, view) in enumerate(zip(result.jobs, data.jobs, strict=True), start=1):
        assert f"Functie {n}: {view.title}" in text
        assert f"{hours_text(job.hours, 'nl')} uur per week, {len(job.tasks)} taken." in text
        assert f"Totaal {hours_text(job.hours, 'nl')}" in text
        assert f"Voorgesteld voor: {job.pseudonym}." in text
        for tid in job.tasks:
            tk = inv.task(tid)
            role_name = inv.role(tk.role).name.nl
            assert f"{tk.name} {role_name} {hours_text(tk.hours_per_week, 'nl')}" in text
    for jc in case.jobs:
        assert jc.wage_cost_eur is not None and jc.lks_eur is not None
        assert jc.net_cash_eur is not None
        for line in (
            f"Waarde van die tijd tegen de loonkosten van het personeel "
            f"{fmt.eur(jc.value_eur, 'nl')}",
            f"{fmt.eur(-jc.wage_cost_eur, 'nl')}",
            f"Loonkostensubsidie van de gemeente (loonwaarde 70%) {fmt.eur(jc.lks_eur, 'nl')}",
            f"Netto effect op de begroting per jaar {fmt.eur(jc.net_cash_eur, 'nl')}",
        ):
            assert line in text, line
    # the totals over all jobs, as BusinessCase gives them
    assert case.net_cash_eur is not None
    assert f"Netto effect op de begroting per jaar {fmt.eur(case.net_cash_eur, 'nl')}" in text
    assert "No-riskpolis" in text and "geen geld dat de school bespaart" in text
    for r in case.roles:
        assert f"{r.name.nl} {hours_text(r.hours_per_week, 'nl')} {r.relieved_use.nl}" in text
    for u in result.unassigned:
        assert inv.task(u.task).name in text
    # no reasons, levels or shortfalls for the employer: they are in the consultant's annex
    assert "klimmen" not in text.lower() and "niveau" not in text
    annex = all_text(report(engine, audience="consultant")[1])
    assert (
        "1 taak vraagt klimmen en trappenlopen op niveau 2: te hoog voor Kandidaat Eé, "
        "Kandidaat Twee" in annex
    )
    assert "Kandidaat Eé doet 1 taak liever niet" in annex
    for word in ("Kopiëren", "Conciërge", "Kandidaat Eé", "€"):
        assert word in text


def test_job_parts_come_from_the_engine(engine: tuple[CarvingResult, BusinessCase]) -> None:
    result, _ = engine
    data, _ = report(engine, audience="consultant")
    by_pseudonym = {v.candidate: v for v in data.jobs}
    first = next(j for j in result.jobs if j.candidate == "k1")
    view = by_pseudonym["Kandidaat Eé"]
    assert view.hours_per_week == first.hours
    assert [r.task for r in view.tasks] == [school().task(t).name for t in first.tasks]
    rows = {r.task: r for r in view.tasks}
    # fixed tasks: their slots and hours; flexible tasks: where the engine put them
    assert rows["Fruit schillen en uitdelen"].slots == "ma-ochtend 1 u, wo-ochtend 1,5 u"
    assert rows["Jassen ophangen groep 1-2"].slots == "di-ochtend 1,25 u"
    flexible = [r for r in view.tasks if r.task == "Knutselmateriaal klaarzetten"]
    assert flexible and flexible[0].slots.startswith("flexibel: ")
    # what the job asks: the highest demand over its tasks, before adjustments
    caps = {c.capability: c for c in view.capabilities}
    assert caps["Concentratie"].needed.startswith("1 - ")
    assert caps["Concentratie"].fits is True
    assert view.schedule_png is not None and png_size(view.schedule_png)[0] > 300
    # the accommodation, with the catalogue's name and the engine's cost
    job2 = next(j for j in result.jobs if j.candidate != "k1")
    view2 = by_pseudonym[job2.pseudonym]
    assert view2.accommodations == [
        "Tilhulp (trolley, kar, lichte kratten): € 400 per jaar, bij Dozen papier naar zolder"
    ]
    tillen = next(c for c in view2.capabilities if c.capability == "Tillen en dragen")
    assert tillen.fits is False and tillen.needed.startswith("2 - ")
    assert tillen.candidate is not None and tillen.candidate.startswith("1 - ")


def test_titles_follow_the_largest_categories() -> None:
    result, _ = carved()
    inv = school()
    for job in result.jobs:
        title = job_title(inv, job, "nl")
        assert title.startswith("Medewerker ")
        assert title.endswith(f"({hours_text(job.hours, 'nl')} uur)")
    k1 = next(j for j in result.jobs if j.candidate == "k1")
    # klaslokaal hours lead in k1's job; categories are written in lower case
    assert job_title(inv, k1, "nl").startswith("Medewerker klaslokaal")
    assert "Assistant for classroom" in job_title(inv, k1, "en")
    assert slot_name("vr-middag", "en") == "Fri afternoon"


def test_hours_keep_quarter_hours() -> None:
    assert [hours_text(h, "nl") for h in (6, 18.5, 1.25, 0.75, 1234.5)] == [
        "6",
        "18,5",
        "1,25",
        "0,75",
        "1.234,5",
    ]
    assert hours_text(1.25, "en") == "1.25" and hours_text(-0.0001, "nl") == "0"


def test_english_reproducible_and_every_page_renders(
    engine: tuple[CarvingResult, BusinessCase], tmp_path: Path
) -> None:
    result, case = engine
    data, pdf = report(engine, lang="en")
    assert pdf == render_carving_report(data=data, lang="en", creation_date=FIXED)
    text = all_text(pdf)
    assert "Job 1: Assistant for" in text
    assert case.net_cash_eur is not None
    assert f"Net effect on the budget per year {fmt.eur(case.net_cash_eur, 'en')}" in text
    annex = all_text(report(engine, lang="en", audience="consultant")[1])
    assert "1 task asks climbing and stairs at level 2: too high for" in annex
    assert_renders_every_page(pdf, tmp_path)


def big() -> tuple[Inventory, list[Candidate]]:
    """12 candidates with a job each (3 flexible tasks of 2 h for each), and 60 tasks nobody
    may do (they need climbing at level 2)."""
    tasks = [
        task(
            f"f{i:02d}", f"Taak {i:02d} klaarzetten", 2, ("klaslokaal", "kopieerwerk")[i % 2], "lk"
        )
        for i in range(36)
    ] + [
        task(f"h{i:02d}", f"Hoog werk {i:02d}", 0.5, "buiten", "ci", demands={"klimmen": 2})
        for i in range(60)
    ]
    inv = Inventory(
        id="big",
        title="Groot",
        sector="onderwijs",
        categories=CATEGORIES,  # type: ignore[arg-type]
        roles=ROLES,
        tasks=tasks,
    )
    cands = [
        Candidate(
            id=f"c{i:02d}",
            pseudonym=f"Kandidaat {i:02d}",
            hours_min=6,
            hours_max=6,
            available_slots=list(SLOTS),
            hourly_cost_eur=20,
        )
        for i in range(12)
    ]
    return inv, cands


def test_a_long_report_paginates(tmp_path: Path) -> None:
    inv, cands = big()
    result = carve(inv, cands, time_limit=30)
    assert len(result.jobs) == 12 and len(result.unassigned) == 60
    case = business_case(inv, result)
    data = carving_report_data(
        inv, cands, result, case, organisation=ORG, report_date=DAY, lang="nl"
    )
    pdf = render_carving_report(data=data, creation_date=FIXED)
    pages = pdf_text(pdf)
    assert len(pages) >= 14
    text = " ".join(pages)
    for n, view in enumerate(data.jobs, start=1):
        assert f"Functie {n}: {view.title}" in text
    # the tasks staying with the staff, as one paragraph that may run over a page
    assert text.count("Hoog werk ") == 60 and "Hoog werk 59 (Conciërge, 0,5)" in text
    assert f"Pagina {len(pages)} van {len(pages)}" in pages[-1]
    assert_renders_every_page(pdf, tmp_path)


def test_no_jobs_still_renders() -> None:
    inv = school()
    result = carve(inv, [], time_limit=5)
    case = business_case(inv, result)
    data = carving_report_data(inv, [], result, case, organisation=ORG, report_date=DAY)
    text = all_text(render_carving_report(data=data, creation_date=FIXED))
    assert "geen functie voor te stellen" in text
    annex = carving_report_data(
        inv, [], result, case, organisation=ORG, report_date=DAY, audience="consultant"
    )
    assert "Er zijn geen kandidaten opgegeven" in all_text(
        render_carving_report(data=annex, creation_date=FIXED)
    )
