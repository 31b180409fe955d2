"""Carving model 2.0 (issue 17): calendar, clock windows and blocks, day limit, accommodation
limits, locations and travel, objective profiles, both engines, the time limit.

Golden values are worked out by hand in each test's docstring from the instance itself.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inclusief.jobcarving.fit import fit, load_accommodations
from inclusief.jobcarving.inventory import load_candidates, load_inventory
from inclusief.jobcarving.model import (
    PROFILES,
    SLOTS,
    Calendar,
    Candidate,
    CarvedJob,
    Inventory,
    Location,
    Role,
    ScheduleEntry,
    Task,
)
from inclusief.jobcarving.optimise import build_problem, carve, compare_profiles, greedy_result
from inclusief.jobcarving.verify import job_violations, violations

DATA = Path(__file__).resolve().parents[2] / "data" / "tasks"


def role(rid: str = "lk", cost: float = 60) -> Role:
    return Role(
        id=rid,
        name={"nl": rid, "en": rid},
        hourly_cost_eur=cost,
        cost_assumption="test",
        relieved_use={"nl": "lesgeven", "en": "teaching"},
    )


def task(tid: str, hours: float, **kw: Any) -> Task:
    return Task(
        id=tid,
        name=tid.upper(),
        category=kw.pop("category", "a"),
        role=kw.pop("role", "lk"),
        hours_per_week=hours,
        complexity=kw.pop("complexity", 1),
        demands=kw.pop("demands", {}),
        schedule=kw.pop("schedule", "flexibel"),
        **kw,
    )


def cand(cid: str, lo: float, hi: float, **kw: Any) -> Candidate:
    return Candidate(
        id=cid,
        pseudonym=kw.pop("pseudonym", cid.upper()),
        capabilities=kw.pop("capabilities", {}),
        hours_min=lo,
        hours_max=hi,
        available_slots=kw.pop("slots", list(SLOTS)),
        hourly_cost_eur=kw.pop("cost", 20),
        **kw,
    )


def school(tasks: list[Task], **kw: Any) -> Inventory:
    """An inventory with the primary-school calendar (40 weeks, 5 staff days, no pupils on
    Wednesday afternoon; calendars.yaml)."""
    return Inventory(
        id="s",
        title="school",
        sector="primair_onderwijs",
        roles=kw.pop("roles", [role()]),
        tasks=tasks,
        calendar=Calendar.model_validate("primair_onderwijs"),
        **kw,
    )


def entries(result: Any, tid: str) -> list[tuple[str, ScheduleEntry]]:
    return [
        (s, e) for j in result.jobs for s, es in j.schedule.items() for e in es if e.task == tid
    ]


# -- 1. calendar ------------------------------------------------------------------------------
def test_a_pupil_task_never_lands_on_wednesday_afternoon():
    """A 2-hour flexible game with a small group needs pupils. The candidate can work only
    Wednesday afternoon and Thursday morning: the game goes to Thursday morning, never to
    Wednesday afternoon, even though both half days are free."""
    tasks = [task("spel", 2, needs_pupils=True)]
    c = cand("a", 1, 4, slots=["wo-middag", "do-ochtend"])
    inv = school(tasks)
    r = carve(inv, [c])
    assert r.objective.jobs == 1
    assert {s for s, _ in entries(r, "spel")} == {"do-ochtend"}
    assert violations(inv, [c], r) == []


def test_a_pupil_task_fixed_on_wednesday_afternoon_goes_to_nobody_with_the_reason():
    tasks = [task("spel", 1, needs_pupils=True, schedule={"wo-middag": 1})]
    r = carve(school(tasks), [cand("a", 1, 4)])
    assert r.jobs == []
    codes = [x.code for x in r.unassigned[0].reasons]
    assert codes == ["calendar"]
    assert "wo-middag" in r.unassigned[0].reasons[0].text.nl


def test_a_candidate_only_free_without_pupils_gets_no_pupil_task():
    tasks = [task("spel", 2, needs_pupils=True)]
    r = carve(school(tasks), [cand("a", 1, 4, slots=["wo-middag"])])
    assert r.jobs == [] and r.without_job[0].code == "calendar"


def test_hours_per_year_and_per_school_week_with_a_season():
    """Primary school: 40 school weeks, 5 staff days. Copying 4 h a week all year; school
    fruit 2 h a week in November-April (4 + 3 + 4.5 + 3 + 4 + 3 = 21.5 weeks) and needing
    pupils, so the staff days are taken off pro rata: 21.5 - 5/5 x 21.5/40 = 20.9625 weeks.
    Per year: 4 x 40 + 2 x 20.9625 = 201.925 h; per school week 201.925 / 40 = 5.0481 h.
    The contract week with every task is 6 h."""
    tasks = [
        task("kopie", 4),
        task("fruit", 2, season=[11, 12, 1, 2, 3, 4], needs_pupils=True),
    ]
    r = carve(school(tasks), [cand("a", 4, 6)])
    job = r.jobs[0]
    assert job.hours == 6
    assert job.hours_per_year == pytest.approx(201.925)
    assert job.hours_per_working_week == pytest.approx(5.0481, abs=1e-4)
    assert r.objective.banen == pytest.approx(5.0481 / 25.5, abs=1e-4)


def test_hours_min_holds_in_every_month():
    """Hours_min 4: a job of only the 4-hour seasonal task would have 0 hours in the other
    months, so the candidate takes the 4 year-round hours (and may add the season: 8 <= 8)."""
    tasks = [task("blad", 4, season=[10, 11, 12]), task("kopie", 4)]
    r = carve(school(tasks), [cand("a", 4, 8)])
    assert sorted(r.jobs[0].tasks) == ["blad", "kopie"]
    only_season = carve(school([tasks[0]]), [cand("a", 4, 8)])
    assert only_season.jobs == [] and only_season.without_job[0].code == "calendar"


def test_old_inventories_get_the_sector_calendar():
    care = load_inventory(DATA / "zorg_verpleeghuis.yaml")
    assert care.calendar is None and care.base_calendar().weeks == pytest.approx(52)
    school_inv = load_inventory(DATA / "primair_onderwijs.yaml")
    assert school_inv.base_calendar().weeks == 40
    assert school_inv.base_calendar().no_pupils == ["wo-middag"]


# -- 2. time inside the day -------------------------------------------------------------------
def test_four_before_school_tasks_do_not_fit_one_morning():
    """Four half-hour tasks in the window 07:45-08:30 (45 minutes): one candidate can do only
    one of them on Monday morning; four candidates do all four. Each lies in its window."""
    tasks = [
        task(f"voor{i}", 0.5, schedule={"ma-ochtend": 0.5}, window="07:45-08:30") for i in range(4)
    ]
    tasks.append(task("rest", 3))
    one = carve(school(tasks), [cand("a", 1, 8, min_block_hours=0.5)])
    assert sum(t.startswith("voor") for t in one.jobs[0].tasks) == 1
    many = [cand(c, 0.5, 8, min_block_hours=0.5) for c in "abcd"]
    r = carve(school(tasks), many)
    placed = entries(r, "voor0") + entries(r, "voor1") + entries(r, "voor2")
    for _, e in placed:
        assert e.start >= "07:45" and e.end <= "08:30"
    assert violations(school(tasks), many, r) == []


def test_on_call_fills_its_window_and_other_work_joins_the_block():
    """Receiving visitors on-call 08:15-08:30 on Monday; 1.75 h of copying fills the block:
    the block is one contiguous stretch that contains 08:15-08:30."""
    tasks = [
        task("bezoek", 0.25, schedule={"ma-ochtend": 0.25}, window="08:15-08:30", on_call=True),
        task("kopie", 1.75),
    ]
    c = cand("a", 2, 2, slots=["ma-ochtend"])
    r = carve(school(tasks), [c])
    sched = r.jobs[0].schedule["ma-ochtend"]
    visit = next(e for e in sched if e.task == "bezoek")
    assert (visit.start, visit.end) == ("08:15", "08:30")
    assert sum(e.hours for e in sched) == 2
    times = sorted((e.start, e.end) for e in sched)
    assert all(a[1] == b[0] for a, b in zip(times, times[1:], strict=False))


def test_on_call_hours_must_equal_the_window():
    with pytest.raises(ValueError, match="window length"):
        task("b", 0.5, schedule={"ma-ochtend": 0.5}, window="08:15-08:30", on_call=True)


def test_no_quarter_hour_half_days():
    """A 15-minute fixed task alone would be a 15-minute half day: below the default
    minimum block of 1 hour, so no job; with 45 minutes of flexible work beside it, one
    block of exactly 1 hour."""
    alone = carve(school([task("melk", 0.25, schedule={"ma-ochtend": 0.25})]), [cand("a", 0, 4)])
    assert alone.jobs == []
    tasks = [task("melk", 0.25, schedule={"ma-ochtend": 0.25}), task("kopie", 0.75)]
    r = carve(school(tasks), [cand("a", 0, 4)])
    assert list(r.jobs[0].schedule) == ["ma-ochtend"]
    assert sum(e.hours for e in r.jobs[0].schedule["ma-ochtend"]) == 1


def test_day_maximum():
    """12 hours of flexible work, available Monday and Tuesday all day, at most 6 hours a
    day: 6 + 6, never 8 on one day."""
    tasks = [task(f"t{i}", 2) for i in range(6)]
    c = cand("a", 12, 12, slots=["ma-ochtend", "ma-middag", "di-ochtend", "di-middag"],
             hours_per_day_max=6)  # fmt: skip
    r = carve(school(tasks), [c])
    per_day: dict[str, float] = {}
    for slot, es in r.jobs[0].schedule.items():
        per_day[slot[:2]] = per_day.get(slot[:2], 0) + sum(e.hours for e in es)
    assert per_day == {"ma": 6, "di": 6}


def test_verify_finds_a_break_inside_a_half_day_and_a_short_block():
    inv = school([task("x", 2)])
    c = cand("a", 0, 4)

    def job(pieces: list[tuple[str, str, float]]) -> CarvedJob:
        return CarvedJob(
            candidate="a", pseudonym="A", tasks=["x"], hours=2, liked_hours=0,
            schedule={"ma-ochtend": [
                ScheduleEntry(task="x", hours=h, fixed=False, start=a, end=b)
                for a, b, h in pieces
            ]},
            accommodations=[], hours_by_role={}, value_eur=0, cost_eur=0, savings_eur=0,
        )  # fmt: skip

    assert job_violations(inv, c, job([("08:30", "10:30", 2)])) == []
    gap = job_violations(inv, c, job([("08:30", "09:30", 1), ("10:00", "11:00", 1)]))
    assert any("not one block" in v for v in gap)
    short = cand("a", 0, 4, min_block_hours=3)
    assert any(
        "below the minimum" in v for v in job_violations(inv, short, job([("08:30", "10:30", 2)]))
    )


def test_the_shipped_school_schedule_has_clock_times_and_keeps_every_rule():
    inv = load_inventory(DATA / "primair_onderwijs.yaml")
    cands = load_candidates(DATA / "kandidaten_voorbeeld.yaml", inv)
    r = carve(inv, cands)
    assert r.status == "optimal"
    assert violations(inv, cands, r) == []
    for job in r.jobs:
        for slot, es in job.schedule.items():
            assert all(e.start and e.end for e in es)
            assert not (slot == "wo-middag" and any(inv.task(e.task).needs_pupils for e in es))
    # every candidate without a job is listed with a reason
    assert {o.candidate for o in r.without_job} == {c.id for c in cands} - {
        j.candidate for j in r.jobs
    }


# -- 3. accommodation limits --------------------------------------------------------------------
def test_a_task_card_and_a_jobcoach_do_not_stack():
    """The issue's case: a candidate who does not read and works with little independence
    (zelfstandigheid 0, lezen 0) and a task of independence 2 and complexity 2. A task card
    lowers independence by at most 1 and only for complexity 1; a jobcoach lowers nothing
    (support that fades); demands never stack. So the task does not fit, and the reason
    says the accommodations' limits block it."""
    c = cand("c", 0, 8, capabilities={"zelfstandigheid": 0, "lezen_schrijven": 0},
             accommodations=["takenkaart", "jobcoach"])  # fmt: skip
    hard = task("t", 2, complexity=2, demands={"zelfstandigheid": 2})
    assert not fit(hard, c).fits
    r = carve(school([hard]), [c])
    assert r.jobs == []
    simple = task("s", 2, complexity=1, demands={"zelfstandigheid": 1})
    assert fit(simple, c).accommodations == ("takenkaart",)
    reading = task("r", 2, complexity=1, demands={"lezen_schrijven": 1})
    assert not fit(reading, c).fits  # a card does not replace reading names


def test_the_jobcoach_fades_and_is_costed_per_job():
    """Jobcoach offered: the job lists the coaching periods (1.5, 0.75, 0.4 h a week) and
    its first-year cost (39.65 h x EUR 75 = EUR 2,974, accommodations.yaml)."""
    c = cand("c", 2, 4, accommodations=["jobcoach"])
    r = carve(school([task("t", 2)]), [c])
    acc = r.jobs[0].accommodations
    assert [a.id for a in acc] == ["jobcoach"]
    assert [(p.months, p.hours_per_week) for p in acc[0].coaching] == [
        (3, 1.5),
        (3, 0.75),
        (6, 0.4),
    ]
    coach = load_accommodations()["jobcoach"]
    assert coach.coaching_hours_first_year() * coach.hourly_rate_eur == pytest.approx(2974, abs=1)
    assert r.jobs[0].cost_eur == pytest.approx(2 * 20 * 52 + 2974)


def test_an_accommodation_that_does_not_combine():
    """A catalogue rule, checked on the shipped data: every accommodation names what it
    never lowers, and nothing both lowers and never lowers a dimension."""
    for a in load_accommodations().values():
        assert a.never_lowers and not set(a.lowers) & set(a.never_lowers)


# -- 4. locations and travel --------------------------------------------------------------------
def board(tasks: list[Task], travel: int | None = 20) -> Inventory:
    locs = [Location(id="noord", name="Noord"), Location(id="zuid", name="Zuid")]
    return school(
        tasks,
        locations=locs,
        travel_minutes={} if travel is None else {"noord": {"zuid": travel}},
    )


def test_travel_between_a_morning_and_an_afternoon_block():
    """Morning at Noord: a fixed 12:00-12:30 task (on-call); afternoon at Zuid: a fixed
    12:30-13:00 task. 20 minutes travel do not fit between 12:30 and 12:30: the candidate
    takes one of them. With the afternoon task at 13:00-13:30 both fit (12:30 + 20 <= 13:00)."""

    def tasks(pm: str) -> list[Task]:
        return [
            task("am", 0.5, schedule={"ma-ochtend": 0.5}, window="12:00-12:30", on_call=True,
                 location="noord"),
            task("pm", 0.5, schedule={"ma-middag": 0.5}, window=pm, on_call=True,
                 location="zuid"),
        ]  # fmt: skip

    c = cand("a", 0, 4, max_locations=2, min_block_hours=0.5)
    tight = carve(board(tasks("12:30-13:00")), [c])
    assert len(tight.jobs[0].tasks) == 1
    ok = carve(board(tasks("13:00-13:30")), [c])
    assert sorted(ok.jobs[0].tasks) == ["am", "pm"]
    assert ok.jobs[0].locations == ["noord", "zuid"] and ok.jobs[0].travel_minutes == 20
    assert violations(board(tasks("13:00-13:30")), [c], ok) == []
    # no pooling: one location per job; an unknown travel time: never both
    alone = carve(board(tasks("13:00-13:30")), [c], pooling=False)
    assert len(alone.jobs[0].tasks) == 1
    unknown = carve(board(tasks("13:00-13:30"), travel=None), [c])
    assert len(unknown.jobs[0].tasks) == 1


def test_travel_minutes_a_week_are_limited():
    """Three days with morning at Noord and afternoon at Zuid, 20 minutes each = 60; a
    candidate with at most 40 travel minutes works two such days."""
    tasks = []
    for d in ("ma", "di", "wo"):
        tasks.append(task(f"n{d}", 1, schedule={f"{d}-ochtend": 1}, location="noord"))
        tasks.append(task(f"z{d}", 1, schedule={f"{d}-middag": 1}, location="zuid"))
    c = cand("a", 0, 10, max_locations=2, max_travel_minutes=40)
    r = carve(board(tasks), [c])
    assert r.jobs[0].travel_minutes == 40 and r.objective.hours == 5


def test_an_unknown_location_is_a_clear_input_error(tmp_path: Path):
    import yaml

    from inclusief.errors import InputError

    inv = board([task("x", 1, location="oost")]).model_dump(mode="json")
    path = tmp_path / "inv.yaml"
    path.write_text(yaml.safe_dump(inv), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_inventory(path)
    assert "unknown location 'oost'" in str(exc.value) and "tasks[0].location" in str(exc.value)


# -- 5. objective profiles ----------------------------------------------------------------------
def test_the_three_profiles_side_by_side():
    """30 one-hour flexible tasks. A [24, 30] wishes 25; B and C [8, 12] wish 12.
    * mensen: three people need 40 h > 30; A + B needs 32 > 30; so B + C, 24 h;
    * banen: hours first: A alone takes all 30 h (1.18 banen) > B + C (24 h);
    * wensen: A alone at 25 h: |25-25| + 12 + 12 = 24; B + C at 12 each: 25 + 0 + 0 = 25;
      so A alone, held at exactly 25 h (the wish level comes before hours).
    A candidate left out by one profile but placed by another says so."""
    tasks = [task(f"t{i:02d}", 1) for i in range(30)]
    cands = [
        cand("a", 24, 30, hours_wish=25),
        cand("b", 8, 12, hours_wish=12),
        cand("c", 8, 12, hours_wish=12),
    ]
    cmp = compare_profiles(school(tasks), cands)
    hours = {p: {j.candidate: j.hours for j in r.jobs} for p, r in cmp.results.items()}
    assert hours["mensen"] == {"b": 12, "c": 12}
    assert hours["banen"] == {"a": 30}
    assert hours["wensen"] == {"a": 25}
    assert cmp.results["banen"].objective.banen == pytest.approx(30 / 25.5, abs=1e-4)
    assert cmp.results["wensen"].objective.wish_deviation == 24
    why = {o.candidate: o.code for o in cmp.results["mensen"].without_job}
    assert why == {"a": "other_profile"}
    assert "banen" in cmp.results["mensen"].without_job[0].text.nl
    for r in cmp.results.values():
        assert r.status == "optimal" and violations(school(tasks), cands, r) == []


def test_a_candidate_without_fitting_tasks_or_enough_hours_is_listed():
    tasks = [task("lift", 2, demands={"tillen": 3}), task("kopie", 2)]
    cands = [cand("zwak", 1, 4, capabilities={"tillen": 0}, accommodations=[]),
             cand("veel", 20, 30)]  # fmt: skip
    r = carve(school([tasks[0]]), [cands[0]])
    assert [(o.candidate, o.code) for o in r.without_job] == [("zwak", "no_fit")]
    r = carve(school(tasks), [cands[1]])
    assert [(o.candidate, o.code) for o in r.without_job] == [("veel", "hours")]
    assert "20" in r.without_job[0].text.nl


# -- 6. engines, status, time limit -------------------------------------------------------------
@st.composite
def instances(draw: Any, max_tasks: int = 8, max_cands: int = 3) -> tuple[Inventory, list]:
    n_t = draw(st.integers(1, max_tasks))
    n_c = draw(st.integers(1, max_cands))
    tasks = []
    for i in range(n_t):
        hours = draw(st.sampled_from([0.25, 0.5, 1, 1.5, 2, 3]))
        kind = draw(st.sampled_from(["flex", "fixed", "window", "oncall"]))
        kw: dict[str, Any] = {
            "needs_pupils": draw(st.booleans()),
            "location": draw(st.sampled_from(["noord", "zuid"])),
            "demands": {
                "tillen": draw(st.integers(0, 2)),
                "zelfstandigheid": draw(st.integers(0, 2)),
            },
            "complexity": draw(st.integers(1, 2)),
        }
        if draw(st.integers(0, 4)) == 0:
            kw["season"] = [9, 10, 11]
        slot = draw(st.sampled_from(["ma-ochtend", "ma-middag", "wo-middag", "do-ochtend"]))
        if kind == "fixed":
            kw["schedule"] = {slot: hours}
        elif kind == "window":
            start = 8 if slot.endswith("ochtend") else 13
            kw["schedule"] = {slot: min(hours, 1)}
            kw["window"] = f"{start:02d}:00-{start + 1:02d}:30"
            hours = min(hours, 1)
        elif kind == "oncall":
            start = 11 if slot.endswith("ochtend") else 14
            kw["schedule"] = {slot: 0.5}
            kw["window"] = f"{start:02d}:00-{start:02d}:30"
            kw["on_call"] = True
            hours = 0.5
        tasks.append(task(f"t{i}", hours, **kw))
    cands = []
    for j in range(n_c):
        lo = draw(st.sampled_from([0, 1, 2, 4]))
        hi = lo + draw(st.sampled_from([1, 2, 4, 6]))
        caps = {"tillen": draw(st.integers(0, 2)), "zelfstandigheid": draw(st.integers(0, 2))}
        slots = draw(
            st.lists(st.sampled_from(list(SLOTS[:6])), min_size=1, max_size=6, unique=True)
        )
        cands.append(
            cand(
                f"c{j}",
                lo,
                hi,
                capabilities=caps,
                slots=slots,
                hours_wish=draw(st.sampled_from([None, lo, hi])),
                hours_per_day_max=draw(st.sampled_from([None, 2, 5])),
                min_block_hours=draw(st.sampled_from([0.5, 1])),
                max_locations=draw(st.integers(1, 2)),
                max_travel_minutes=draw(st.sampled_from([0, 30])),
                accommodations=draw(st.sampled_from([None, [], ["takenkaart", "jobcoach"]])),
            )
        )  # fmt: skip
    inv = board(tasks, travel=draw(st.sampled_from([None, 15, 45])))
    return inv, cands


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(), st.sampled_from(PROFILES))
def test_every_hard_rule_holds_for_every_profile(instance, profile):
    inv, cands = instance
    r = carve(inv, cands, profile=profile)
    assert r.status == "optimal"
    assert violations(inv, cands, r) == []
    g = greedy_result(build_problem(inv, cands), profile=profile)
    assert violations(inv, cands, g) == []
    assert r.objective.key(profile) >= g.objective.key(profile)
    placed = {j.candidate for j in r.jobs}
    assert {o.candidate for o in r.without_job} == {c.id for c in cands} - placed


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_tasks=6, max_cands=2), st.sampled_from(PROFILES))
def test_cpsat_and_highs_reach_the_same_optimum(instance, profile):
    inv, cands = instance
    a = carve(inv, cands, profile=profile, engine="cpsat")
    b = carve(inv, cands, profile=profile, engine="highs")
    assert a.status == b.status == "optimal"
    assert a.objective.key(profile) == b.objective.key(profile)
    assert violations(inv, cands, b) == []


def test_the_time_limit_is_honoured_within_a_second_and_unknown_stays_unknown():
    """The shipped school with three very short limits: the run ends within limit + 1 s;
    a level stopped with a solution keeps its gap; one without a solution has gap None;
    levels after a stop are 'not_run'; every answer keeps every rule."""
    inv = load_inventory(DATA / "primair_onderwijs.yaml")
    cands = load_candidates(DATA / "kandidaten_voorbeeld.yaml", inv)
    for limit in (0.05, 0.2, 0.5):
        t0 = time.perf_counter()
        r = carve(inv, cands, time_limit=limit)
        assert time.perf_counter() - t0 <= limit + 1.0
        assert violations(inv, cands, r) == []
        for name, d in r.level_details.items():
            if d.status == "optimal":
                assert d.gap == 0
            elif d.status == "feasible":
                assert d.gap is None or d.gap >= 0
            elif d.status in ("unknown", "not_run"):
                assert d.gap is None, name
        if r.status == "optimal":
            assert r.gap == 0


# -- the 4-school example ------------------------------------------------------------------------
def test_the_school_board_example_with_and_without_pooling():
    """The shipped board: at least 150 tasks at 4 locations, 8 candidates. Carved both ways
    (short limits: what is checked is that both answers keep every rule and that without
    pooling every job stays at one school; the docs give a full run's numbers)."""
    from inclusief.jobcarving.optimise import compare_pooling

    inv = load_inventory(DATA / "schoolbestuur_vier_scholen.yaml")
    cands = load_candidates(DATA / "kandidaten_schoolbestuur_vier_scholen.yaml", inv)
    assert len(inv.tasks) >= 150 and len(inv.locations) == 4 and len(cands) == 8
    assert inv.calendar_at("regenboog").no_pupils == ["wo-middag", "vr-middag"]
    cmp = compare_pooling(inv, cands, time_limit=5)
    assert violations(inv, cands, cmp.pooled) == []
    assert violations(inv, cands, cmp.separate, pooling=False) == []
    assert all(len(j.locations) == 1 for j in cmp.separate.jobs)
    assert cmp.jobs_over_locations == sorted(
        j.candidate for j in cmp.pooled.jobs if len(j.locations) > 1
    )
    assert cmp.extra_jobs == cmp.pooled.objective.jobs - cmp.separate.objective.jobs


# -- command line ---------------------------------------------------------------------------------
def _files(tmp_path: Path, inv: Inventory, cands: list[Candidate]) -> tuple[str, str]:
    import yaml

    t = tmp_path / "taken.yaml"
    t.write_text(yaml.safe_dump(inv.model_dump(mode="json", exclude_none=True)), encoding="utf-8")
    c = tmp_path / "kandidaten.yaml"
    c.write_text(
        yaml.safe_dump({"candidates": [x.model_dump(mode="json") for x in cands]}),
        encoding="utf-8",
    )
    return str(t), str(c)


def test_cli_profiles_side_by_side_and_clock_times(tmp_path: Path, capsys):
    from inclusief.cli import main

    tasks = [task(f"t{i:02d}", 1) for i in range(30)]
    tasks.append(task("bezoek", 0.25, schedule={"ma-ochtend": 0.25}, window="08:15-08:30",
                      on_call=True))  # fmt: skip
    cands = [cand("a", 24, 30, hours_wish=25), cand("b", 8, 12, hours_wish=12),
             cand("c", 8, 12, hours_wish=12)]  # fmt: skip
    t, c = _files(tmp_path, school(tasks), cands)
    assert main(["carve", "--tasks", t, "--candidates", c, "--compare-profiles"]) == 0
    out = capsys.readouterr().out
    assert "mensen | 2 |" in out and "banen | 1 |" in out and "wensen | 1 |" in out
    assert "krijgt een baan met het doel 'banen', 'wensen'" in out
    assert main(["carve", "--tasks", t, "--candidates", c, "--profile", "banen"]) == 0
    out = capsys.readouterr().out
    assert "Doel: Banen" in out and "1. Uren per werkweek" in out and "[bewezen]" in out
    import re

    assert re.search(r"\d\d:\d\d-\d\d:\d\d T\d\d", out)
    assert main(["carve", "--tasks", t, "--candidates", c, "--engine", "highs",
                 "--format", "json"]) == 0  # fmt: skip
    import json

    doc = json.loads(capsys.readouterr().out)
    assert doc["engine"] == "highs" and doc["profile"] == "mensen"
    assert {o["candidate"] for o in doc["without_job"]} == {"a"}
    entry = next(e for es in doc["jobs"][0]["schedule"].values() for e in es)
    assert entry["start"] and entry["end"]


def test_blocks_start_at_the_usual_time_when_they_can():
    """A flexible 2-hour task on Monday morning starts at the usual 08:30 (calendars.yaml);
    with an on-call task at 07:45-08:00 in the same block the block must start at 07:45."""
    r = carve(school([task("x", 2)]), [cand("a", 2, 2, slots=["ma-ochtend"])])
    assert r.jobs[0].schedule["ma-ochtend"][0].start == "08:30"
    tasks = [
        task("x", 1.75),
        task("poort", 0.25, schedule={"ma-ochtend": 0.25}, window="07:45-08:00", on_call=True),
    ]
    r = carve(school(tasks), [cand("a", 2, 2, slots=["ma-ochtend"])])
    assert r.jobs[0].schedule["ma-ochtend"][0].start == "07:45"
