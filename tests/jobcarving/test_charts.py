"""Jobcarving charts: the data in the Vega-Lite spec, titles in Dutch and English, PNG."""

from __future__ import annotations

from typing import Any

import pytest
import vl_convert as vlc

from inclusief.jobcarving.charts import (
    hours_by_role_chart,
    hours_by_role_frame,
    profile_chart,
    schedule_frame,
    schedule_heatmap,
)
from inclusief.jobcarving.inventory import load_dimensions
from inclusief.jobcarving.model import SLOTS, Inventory, Role, ScheduleEntry, Task
from inclusief.jobcarving.packages import propose_packages

SCHEDULE = {
    "ma-ochtend": [
        ScheduleEntry(task="kopie", hours=2, fixed=True),
        ScheduleEntry(task="veeg", hours=1.5, fixed=False),
    ],
    "wo-middag": [ScheduleEntry(task="veeg", hours=4, fixed=False)],
}
NAMES = {"kopie": "Werkbladen kopiëren", "veeg": "Vloer vegen"}


def rows(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The data rows of a (layered) chart spec; our charts hold one data set."""
    (values,) = spec["datasets"].values()
    return list(values)


def test_schedule_rows_and_hours() -> None:
    spec = schedule_heatmap(SCHEDULE, "nl", NAMES).to_dict()
    data = rows(spec)
    assert [r["slot"] for r in data] == list(SLOTS)
    by_slot = {r["slot"]: r for r in data}
    assert by_slot["ma-ochtend"]["hours"] == 3.5
    assert by_slot["ma-ochtend"]["fixed_hours"] == 2
    assert by_slot["ma-ochtend"]["flexible_hours"] == 1.5
    assert by_slot["ma-ochtend"]["has_fixed"] is True
    assert by_slot["ma-ochtend"]["day"] == "Maandag"
    assert by_slot["ma-ochtend"]["part"] == "Ochtend"
    assert by_slot["ma-ochtend"]["label"] == "3,5 u"
    assert "Werkbladen kopiëren (2 u, vast)" in by_slot["ma-ochtend"]["tasks"]
    assert "Vloer vegen (1,5 u, flexibel)" in by_slot["ma-ochtend"]["tasks"]
    assert by_slot["wo-middag"]["has_fixed"] is False
    assert by_slot["vr-middag"]["hours"] == 0 and by_slot["vr-middag"]["label"] == ""
    assert sum(r["hours"] for r in data) == 7.5
    assert spec["title"] == "Weekrooster: 7,5 uur per week"
    assert "Maandag ochtend 3,5 u, Woensdag middag 4 u" in spec["description"]


def test_schedule_english_and_encoding() -> None:
    spec = schedule_heatmap(SCHEDULE, "en", NAMES).to_dict()
    assert spec["title"] == "Weekly schedule: 7.5 hours a week"
    assert spec["description"].startswith("Schedule per day")
    data = rows(spec)
    assert [r["day"] for r in data[::2]] == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    assert {r["part"] for r in data} == {"Morning", "Afternoon"}
    assert "Werkbladen kopiëren (2 h, fixed)" in data[0]["tasks"]
    cells, text = spec["layer"]
    colour = cells["encoding"]["color"]
    assert colour["scale"] == {"domain": [0, 4.0], "scheme": "blues"}
    tooltips = [tip["field"] for tip in cells["encoding"]["tooltip"]]
    assert {"tasks", "hours", "fixed_hours", "flexible_hours"} <= set(tooltips)
    assert text["encoding"]["text"]["field"] == "label"


def test_schedule_of_a_package_sums_to_its_hours() -> None:
    roles = [
        Role(
            id=r,
            name={"nl": r, "en": r},
            hourly_cost_eur=40,
            cost_assumption="test",
            relieved_use={"nl": "x", "en": "x"},
        )
        for r in ("lk", "oa")
    ]
    tasks = [
        Task(
            id=f"t{i}",
            name=f"Taak {i}",
            category="a" if i % 2 else "b",
            role="lk" if i % 3 else "oa",
            hours_per_week=h,
            complexity=1,
            schedule={"di-ochtend": h} if i == 0 else "flexibel",
        )
        for i, h in enumerate([3, 2.5, 4, 6, 1.5, 5, 2])
    ]
    inventory = Inventory(id="x", title="x", sector="po", roles=roles, tasks=tasks)
    (package,) = propose_packages(inventory).packages
    names = {tk.id: tk.name for tk in tasks}
    for lang in ("nl", "en"):
        frame = schedule_frame(package.schedule, lang, names)
        assert frame["hours"].sum() == pytest.approx(package.hours)
        assert frame["hours"].max() <= 4
        data = rows(schedule_heatmap(package.schedule, lang, names).to_dict())
        assert sum(r["hours"] for r in data) == pytest.approx(package.hours)
    hours_frame = hours_by_role_frame(package.hours_by_role, {"lk": "Leerkracht"})
    assert hours_frame["hours"].sum() == pytest.approx(package.hours)


def test_empty_schedule() -> None:
    spec = schedule_heatmap({}, "nl").to_dict()
    assert sum(r["hours"] for r in rows(spec)) == 0
    assert spec["title"] == "Weekrooster: 0 uur per week"
    assert "Ingeroosterd: niets" in spec["description"]


def test_profile_with_candidate() -> None:
    needed = {"tillen": 2, "lezen_schrijven": 1, "concentratie": 0}
    candidate = {"tillen": 1, "lezen_schrijven": 3}
    dims = load_dimensions()
    for lang in ("nl", "en"):
        spec = profile_chart(needed, candidate, lang).to_dict()
        data = rows(spec)
        need_rows = {r["dimension"]: r for r in data if r["kind"] == "needed"}
        cand_rows = {r["dimension"]: r for r in data if r["kind"] == "candidate"}
        assert set(need_rows) == set(cand_rows) == set(needed)
        # order follows capabilities.yaml
        assert list(need_rows) == [d for d in dims if d in needed]
        assert need_rows["tillen"]["level"] == 2
        assert cand_rows["tillen"]["level"] == 1
        assert cand_rows["concentratie"]["level"] == 0  # no level given counts as 0
        assert need_rows["tillen"]["name"] == dims["tillen"].name.get(lang)
        assert need_rows["tillen"]["needed_text"] == dims["tillen"].levels[2].get(lang)
        no, yes = ("nee", "ja") if lang == "nl" else ("no", "yes")
        assert need_rows["tillen"]["fits"] == no
        assert need_rows["lezen_schrijven"]["fits"] == yes
        assert len(spec["layer"]) == 2
        assert spec["layer"][1]["mark"]["type"] == "tick"
    nl = profile_chart(needed, candidate, "nl").to_dict()
    en = profile_chart(needed, candidate, "en").to_dict()
    assert nl["title"] == "Wat het werk vraagt en wat de kandidaat kan"
    assert en["title"] == "What the work asks and what the candidate can do"
    assert "1 vermogens vragen meer" in nl["description"]
    assert "1 capabilities ask more" in en["description"]


def test_profile_without_candidate() -> None:
    spec = profile_chart({"tillen": 3, "staan": 1}, None, "en").to_dict()
    data = rows(spec)
    assert {r["kind"] for r in data} == {"needed"}
    assert {r["name"]: r["level"] for r in data} == {"Lifting and carrying": 3, "Standing": 1}
    assert spec["title"] == "What the work asks"
    assert len(spec["layer"]) == 1


def test_hours_by_role() -> None:
    spec = hours_by_role_chart({"oa": 5.5, "lk": 10}, {"lk": "Leerkracht"}, "nl").to_dict()
    data = rows(spec)
    assert [(r["name"], r["hours"], r["label"]) for r in data] == [
        ("Leerkracht", 10, "10 u"),
        ("oa", 5.5, "5,5 u"),
    ]
    assert spec["title"] == "Uren per week per huidige functie"
    assert "15,5" in spec["description"]
    en = hours_by_role_chart({"lk": 10}, {"lk": "Teacher"}, "en").to_dict()
    assert en["title"] == "Hours a week per current role"
    assert rows(en)[0]["label"] == "10 h"


def test_charts_render_to_png() -> None:
    charts = [
        schedule_heatmap(SCHEDULE, "nl", NAMES),
        profile_chart({"tillen": 2}, {"tillen": 1}, "en"),
        hours_by_role_chart({"lk": 10}, {"lk": "Leerkracht"}, "nl"),
    ]
    for chart in charts:
        png = bytes(vlc.vegalite_to_png(chart.to_json()))
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        assert len(png) > 1000
