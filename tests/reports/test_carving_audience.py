"""The carving report for the employer holds no capability level, shortfall or FML wording;
the consultant's version keeps them (issue #16). Rendered for the shipped examples and read
back with pypdf."""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from conftest import FIXED, all_text

from inclusief.i18n import t
from inclusief.jobcarving.business_case import Support, business_case
from inclusief.jobcarving.fit import load_dimensions
from inclusief.jobcarving.inventory import load_candidates, load_inventory
from inclusief.jobcarving.optimise import carve
from inclusief.reports.carving_adapter import carving_report_data
from inclusief.reports.carving_report import render_carving_report

ROOT = Path(__file__).resolve().parents[2]
TASKS = ROOT / "data" / "tasks"
SHIPPED = [
    pytest.param("primair_onderwijs.yaml", "kandidaten_voorbeeld.yaml", id="school"),
    pytest.param("zorg_verpleeghuis.yaml", "kandidaten_zorg_verpleeghuis.yaml", id="verpleeghuis"),
]


@cache
def _carved(tasks: str, cands: str):  # type: ignore[no-untyped-def]
    inventory = load_inventory(TASKS / tasks)
    candidates = load_candidates(TASKS / cands, inventory)
    result = carve(inventory, candidates, time_limit=20)
    case = business_case(inventory, result, Support())
    return inventory, candidates, result, case


def _pdf(tasks: str, cands: str, audience: str, lang: str) -> str:
    inventory, candidates, result, case = _carved(tasks, cands)
    data = carving_report_data(
        inventory,
        candidates,
        result,
        case,
        organisation="Proefschool",
        report_date=date(2026, 3, 5),
        lang=lang,
        audience=audience,  # type: ignore[arg-type]
    )
    text = all_text(render_carving_report(data=data, lang=lang, creation_date=FIXED))
    return re.sub(r"\s+", " ", text)


def _forbidden(lang: str) -> list[str]:
    """Words that would show a capability level, a shortfall or FML wording."""
    words = ["FML", "Functionele Mogelijkhedenlijst", t("reports.carving.profile_title", lang)]
    words += [t("reports.carving.details_title", lang), t("reports.carving.capability", lang)]
    words += [
        "vraagt niveau",
        "mogelijk is",
        "needs level",
        "possible is",
        "Te zwaar",
        "Too demanding",
    ]
    for dim in load_dimensions().values():
        # a level's label, when it is more than a common word ("niet", "geen")
        words += [level.get(lang) for level in dim.levels if len(level.get(lang)) > 8]
        words.append(dim.name.get(lang) + " (")  # a shortfall count: "tillen (4 van 7)"
    return words


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("tasks", "cands"), SHIPPED)
def test_the_employer_version_shows_no_capability_level_or_shortfall(tasks, cands, lang) -> None:
    employer = _pdf(tasks, cands, "employer", lang)
    found = [w for w in _forbidden(lang) if w.lower() in employer.lower()]
    assert found == []
    # what the employer does see: each job's tasks (by name)
    inventory, _candidates, result, _case = _carved(tasks, cands)
    names = {tk.id: tk.name for tk in inventory.tasks}
    assert all(names[tid][:20] in employer for tid in result.jobs[0].tasks)


@pytest.mark.parametrize(("tasks", "cands"), SHIPPED)
def test_the_consultant_version_keeps_levels_and_the_appendix(tasks, cands) -> None:
    consultant = _pdf(tasks, cands, "consultant", "nl")
    employer = _pdf(tasks, cands, "employer", "nl")
    # the consultant's annex names capabilities with their levels; the employer's never
    levels = [
        level.get("nl")
        for dim in load_dimensions().values()
        for level in dim.levels
        if len(level.get("nl")) > 8
    ]
    assert any(level in consultant for level in levels)
    assert not any(level in employer for level in levels)


def test_an_unknown_audience_is_refused() -> None:
    inventory, candidates, result, case = _carved(
        "primair_onderwijs.yaml", "kandidaten_voorbeeld.yaml"
    )
    with pytest.raises(ValueError, match="audience"):
        carving_report_data(
            inventory,
            candidates,
            result,
            case,
            organisation="X",
            report_date=date(2026, 3, 5),
            audience="werkgever",  # type: ignore[arg-type]
        )


def test_levels_that_were_not_used_are_not_shown_as_the_candidates() -> None:
    inventory, candidates, result, case = _carved(
        "primair_onderwijs.yaml", "kandidaten_voorbeeld.yaml"
    )
    first = result.jobs[0].candidate
    data = carving_report_data(
        inventory,
        candidates,
        result,
        case,
        organisation="X",
        report_date=date(2026, 3, 5),
        audience="consultant",
        levels_unknown={first},
    )
    rows = {j.candidate: j.capabilities for j in data.jobs}
    hidden = rows[result.jobs[0].pseudonym]
    assert hidden and all(r.candidate is None and r.fits is None for r in hidden)
    shown = [r for j in data.jobs[1:] for r in j.capabilities]
    assert shown and all(r.candidate is not None for r in shown)
