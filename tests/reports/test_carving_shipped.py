"""The carving report on the shipped inventories and candidates, and cells of any length.

The shipped data leave tasks with dozens of reasons each (one per candidate and rule); the
report summarises them in the table, gives them per candidate in the appendix, and no cell
can make a table row too tall for a page.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import FIXED, all_text, assert_renders_every_page

from inclusief.cli import main
from inclusief.i18n import LocalText
from inclusief.jobcarving.business_case import Support, business_case
from inclusief.jobcarving.inventory import load_candidates, load_inventory
from inclusief.jobcarving.model import Reason
from inclusief.jobcarving.optimise import carve
from inclusief.reports.carving_adapter import (
    carving_report_data,
    reason_details,
    reason_summary,
)
from inclusief.reports.carving_report import (
    CarvedJobView,
    CarvingReportData,
    TaskRow,
    UnassignedTask,
    render_carving_report,
)
from inclusief.reports.pdf import ELLIPSIS, MAX_CELL_LINES, new_report_pdf

ROOT = Path(__file__).resolve().parents[2]
TASKS = ROOT / "data" / "tasks"
SHIPPED = [
    pytest.param("primair_onderwijs.yaml", "kandidaten_voorbeeld.yaml", id="school"),
    pytest.param("zorg_verpleeghuis.yaml", "kandidaten_zorg_verpleeghuis.yaml", id="verpleeghuis"),
]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("tasks", "cands"), SHIPPED)
def test_shipped_data_render_in_both_languages(
    tasks: str, cands: str, lang: str, tmp_path: Path
) -> None:
    inventory = load_inventory(TASKS / tasks)
    candidates = load_candidates(TASKS / cands, inventory)
    result = carve(inventory, candidates, time_limit=20)
    assert result.jobs and result.unassigned  # the case that used to crash
    assert max(len(u.reasons) for u in result.unassigned) >= 15
    case = business_case(inventory, result, Support(scheme="loonkostensubsidie", loonwaarde_pct=70))
    data = carving_report_data(
        inventory,
        candidates,
        result,
        case,
        organisation=inventory.title,
        report_date=date(2026, 3, 5),
        lang=lang,
    )
    pdf = render_carving_report(data=data, lang=lang, creation_date=FIXED)
    text = all_text(pdf)
    job_word = "Functie" if lang == "nl" else "Job"
    for n, view in enumerate(data.jobs, start=1):
        assert f"{job_word} {n}: {view.title}" in text
    # the tasks left with the staff are named (as one paragraph, that may run over a page)
    staying = " ".join(inventory.task(u.task).name for u in result.unassigned)
    assert (
        sum(text.count(inventory.task(u.task).name) > 0 for u in result.unassigned)
        >= len(result.unassigned) - 1
    ), staying
    # no reasons for the employer; the consultant's annex has them, grouped and short
    assert all(not view.reason and not view.details for view in data.unassigned)
    assert ELLIPSIS not in text
    assert_renders_every_page(pdf, tmp_path)


@pytest.mark.parametrize(("tasks", "cands"), SHIPPED)
def test_the_cli_writes_the_shipped_report(tasks: str, cands: str, tmp_path: Path) -> None:
    out = tmp_path / "carving.pdf"
    code = main(
        [
            "report", "carving", "--tasks", str(TASKS / tasks), "--candidates",
            str(TASKS / cands), "--time-limit", "20", "-o", str(out),
        ]
    )  # fmt: skip
    assert code == 0 and out.read_bytes().startswith(b"%PDF")


def _report(name: str) -> CarvingReportData:
    return CarvingReportData(
        organisation="Basisschool De Eikenhof",
        report_date=date(2026, 3, 5),
        jobs=[
            CarvedJobView(
                title="Medewerker klaslokaal",
                hours_per_week=6,
                tasks=[TaskRow(task=name, source_role=name[:300], hours_per_week=6)],
            )
        ],
        unassigned=[
            UnassignedTask(task=name, source_role="Conciërge", hours_per_week=0.5, reason=""),
            UnassignedTask(task="Daarna", source_role="Conciërge", hours_per_week=1, reason=""),
        ],
    )


def test_a_task_name_of_200_lines_is_cut_in_its_cell_not_a_crash(tmp_path: Path) -> None:
    name = "\n".join(f"regel {i:03d} van de naam" for i in range(200))
    pdf = render_carving_report(data=_report(name), creation_date=FIXED)
    text = all_text(pdf)
    assert "regel 000 van de naam" in text and ELLIPSIS in text
    assert "Daarna" in text  # what comes after it is there
    assert_renders_every_page(pdf, tmp_path)


@pytest.mark.parametrize(
    "name",
    [
        "x" * 20_000,  # one word that wraps by character
        " ".join(["lange tekst zonder regeleinden"] * 800),
        "\n" * 500,
    ],
    ids=["one-word", "one-paragraph", "empty-lines"],
)
def test_any_cell_renders(name: str) -> None:
    pdf = render_carving_report(data=_report(name), lang="en", creation_date=FIXED)
    assert "Daarna" in all_text(pdf)


def test_data_table_cuts_every_tall_cell_and_heading() -> None:
    pdf = new_report_pdf(
        lang="nl",
        title="t",
        running_title="t",
        subject="t",
        organisation="o",
        footer_text="f",
        page_label="{n}",
    )
    pdf.add_page()
    tall = "\n".join(f"r{i}" for i in range(300))
    pdf.data_table(
        [tall, "Kop"],
        [[tall, tall], ["a", "b"], [tall, "laatste"]],
        widths=[20, 150],
        bold_last=True,
    )
    lines = pdf.fit_cell(tall, 60, 4.5).split("\n")
    assert len(lines) == MAX_CELL_LINES and lines[-1].endswith(ELLIPSIS)
    assert pdf.fit_cell("kort", 60, 4.5) == "kort"
    text = all_text(pdf.to_bytes())
    assert "laatste" in text and "r299" not in text


def _reason(cand: str | None, code: str, **kw: object) -> Reason:
    return Reason(candidate=cand, code=code, text=LocalText(nl=f"{cand} {code}", en=code), **kw)  # type: ignore[arg-type]


def test_reason_summary_counts_candidates_per_capability_and_rule() -> None:
    reasons = [
        _reason(None, "not_chosen"),
        *[
            _reason(c, "demand", dimension=dim, demand=2, capability=1)
            for c in ("a", "b", "c", "d")
            for dim in ("tillen", "geluid")
        ],
        _reason("a", "demand", dimension="tillen", demand=3, capability=0),  # a counts once
        _reason("e", "demand", dimension="klimmen", demand=2, capability=1),
        _reason("e", "demand", dimension="lopen", demand=2, capability=1),
        _reason("f", "demand", dimension="concentratie", demand=2, capability=1),
        _reason("a", "slots", slots=["ma-ochtend", "vr-middag"]),
        _reason("b", "slots", slots=["ma-ochtend"]),
        _reason("c", "too_long"),
        _reason("d", "dislike"),
    ]
    lines = reason_summary(reasons, 7, "nl")
    assert lines[0] == "None not_chosen"  # the engine's own text, first letter as given
    assert lines[1] == (
        "Te zwaar voor kandidaten bij tillen en dragen (4 van 7), "
        "verdragen van geluid en drukte (4 van 7), concentratie (1 van 7) "
        "en nog 2 vermogens"
    )
    assert lines[2:] == [
        "Niet beschikbaar op de vaste tijden: 2 van 7 kandidaten",
        "Meer uren dan 1 van 7 kandidaten kunnen werken",
        "1 van 7 kandidaten doen dit liever niet",
    ]
    en = reason_summary(reasons, 7, "en")
    assert en[1].startswith("Too demanding for candidates in lifting and carrying (4 of 7)")
    assert en[1].endswith("and 2 more capabilities")
    assert reason_summary([], 3, "nl") == []


def test_reason_details_one_line_per_group_of_candidates() -> None:
    from inclusief.jobcarving.model import Candidate

    cands = [
        Candidate(
            id=cid,
            pseudonym=name,
            hours_min=4,
            hours_max=8,
            available_slots=["ma-ochtend"],
            hourly_cost_eur=20,
        )
        for cid, name in (("a", "Kandidaat A"), ("b", "Kandidaat B"), ("c", "Kandidaat C"))
    ]
    reasons = [
        _reason(None, "not_chosen"),
        _reason("a", "demand", dimension="klimmen", demand=2, capability=1),
        _reason("b", "demand", dimension="klimmen", demand=2, capability=1),
        _reason("c", "slots", slots=["vr-middag"]),
        Reason(
            candidate="c",
            code="too_long",
            text=LocalText(nl="Kandidaat C: de taak duurt 9 uur", en="Kandidaat C: 9 hours"),
        ),
    ]
    assert reason_details(reasons, cands, "nl") == [
        "Kandidaat A, Kandidaat B: klimmen en trappenlopen vraagt niveau 2, mogelijk is 1",
        "Kandidaat C: niet beschikbaar op de vaste tijden (vr-middag); de taak duurt 9 uur",
    ]
    assert reason_details(reasons, cands, "en")[1] == (
        "Kandidaat C: not available at the fixed times (Fri afternoon); 9 hours"
    )
