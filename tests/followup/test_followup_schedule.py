"""Check-in due dates and statuses from schedule.yaml, and the codes file."""

from __future__ import annotations

from datetime import date

import pytest

from inclusief.errors import InputError
from inclusief.followup.codes import add_months, codes, parse_codes, parse_schedule, read_yaml
from inclusief.followup.model import PlacementFacts
from inclusief.followup.schedule import open_due, plan_for

START = date(2026, 1, 31)


def test_due_dates_follow_the_data_file() -> None:
    plan = plan_for(PlacementFacts(id=1, start=START, hours=20), START)
    dues = {d.point: d.due for d in plan}
    assert dues == {
        "w2": date(2026, 2, 14),
        "w6": date(2026, 3, 14),
        "m3": date(2026, 4, 30),  # 31 January + 3 months: the last day of April
        "m6": date(2026, 7, 31),
        "m12": date(2027, 1, 31),
        "m24": date(2028, 1, 31),
    }
    assert [d.respondent for d in plan[:2]] == ["worker", "employer"]


@pytest.mark.parametrize(
    ("day", "status"),
    [
        (date(2026, 2, 6), "upcoming"),
        (date(2026, 2, 7), "due"),  # 7 days before
        (date(2026, 2, 14), "due"),
        (date(2026, 2, 15), "overdue"),
        (date(2026, 2, 28), "overdue"),  # 14 days after
        (date(2026, 3, 1), "missed"),
    ],
)
def test_status_by_day(day, status) -> None:
    w2 = plan_for(PlacementFacts(id=1, start=START, hours=20), day)[0]
    assert w2.status == status


def test_open_due_and_ended_placements() -> None:
    facts = PlacementFacts(id=1, start=START, hours=20)
    assert [d.point for d in open_due(facts, date(2026, 2, 1), days=14)] == ["w2", "w2"]
    assert open_due(facts, date(2026, 2, 1), days=5) == []
    ended = PlacementFacts(id=1, start=START, hours=20, end=date(2026, 5, 1))
    assert {d.point for d in plan_for(ended, date(2027, 1, 1))} == {"w2", "w6", "m3"}
    assert open_due(ended, date(2026, 5, 2)) == []


def test_add_months_keeps_month_ends() -> None:
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)


def test_codes_have_sources_and_event_flags() -> None:
    c = codes()
    assert all(r.source for r in c.routes) and all(s.source for s in c.schemes)
    assert {"wajong", "participatiewet", "vso_pro", "wsw", "praktijkroute"} <= set(c.of("routes"))
    assert c.of("end_reasons")["ander_werk"].event is False
    assert c.hours_band(11.9) == "uren_tot_12" and c.hours_band(25.5) == "uren_25_plus"


def test_bad_data_files_name_the_place() -> None:
    data = read_yaml("codes.yaml")
    data["routes"][1]["code"] = data["routes"][0]["code"]
    with pytest.raises(InputError, match="routes: a code is used twice"):
        parse_codes(data)
    sched = read_yaml("schedule.yaml")
    sched["points"][0]["months"] = 1
    with pytest.raises(InputError, match=r"schedule.yaml: points\[0\]: give either days or months"):
        parse_schedule(sched)
    sched = read_yaml("schedule.yaml")
    sched["points"].reverse()
    with pytest.raises(InputError, match="time order"):
        parse_schedule(sched)
    with pytest.raises(InputError, match="onbekende code 'x'"):
        codes().check("routes", "x", file="f", field="route")
