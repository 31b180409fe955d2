"""Banenafspraak by hand: 25.5 h = 1 job; quota from 25 employees or > 40,575 h a year.

Figures: inclusief/pso/banenafspraak.yaml (2026: quota 2.58% from one source, levy EUR 5,000
per missing job; 1,326 = 25.5 x 52 hours a year per job).
"""

from __future__ import annotations

from datetime import date

import pytest

from inclusief.errors import InputError
from inclusief.pso.banenafspraak import compute_banenafspraak
from inclusief.pso.data import banenafspraak_data
from inclusief.pso.inputs import Employee


def emp(i: int, hours: float, group: str = "geen", end: date | None = None) -> Employee:
    return Employee(
        employee_id=str(i),
        hours_per_week=hours,
        target_group=group,
        contract_type="regulier",
        intake_date=date(2024, 1, 1),
        end_date=end,
    )


def test_the_register_codes_are_in_the_data_file() -> None:
    codes = set(banenafspraak_data().doelgroepregister.codes)
    assert {"wajong", "wsw", "participatiewet", "vso_pro", "wiw_id"} <= codes
    assert not {"ww_6m", "geen", "bbl_bol_1", "statushouder"} & codes


def test_jobs_count_doelgroepregister_hours_only() -> None:
    """wajong 25.5 + participatiewet 12.75 = 38.25 h / 25.5 = 1.5 jobs; WW is not registered."""
    people = [
        emp(1, 25.5, "wajong"),
        emp(2, 12.75, "participatiewet"),
        emp(3, 40, "ww_6m"),
        emp(4, 40),
    ]
    r = compute_banenafspraak(employees=people, year=2026)
    assert r.jobs == pytest.approx(1.5)
    assert r.target_group_hours_week == pytest.approx(38.25)


def test_a_job_of_more_than_25_5_hours_counts_as_more_than_one() -> None:
    """36 h wsw / 25.5 = 1.4118 jobs."""
    assert compute_banenafspraak(employees=[emp(1, 36, "wsw")], year=2026).jobs == pytest.approx(
        36 / 25.5
    )


def test_quota_applies_from_25_employees() -> None:
    """25 people x 10 h = 250 h/week x 52 = 13,000 h/year (< 40,575) but 25 employees: applies.

    24 people: 12,480 h and 24 employees: does not apply, so no levy even with 0 jobs.
    """
    r = compute_banenafspraak(employees=[emp(i, 10) for i in range(25)], year=2026)
    assert r.quota_applies and r.paid_hours_year == 13_000
    assert r.levy_eur == pytest.approx(5000 * 0.0258 * 13_000 / 1326)
    r = compute_banenafspraak(employees=[emp(i, 10) for i in range(24)], year=2026)
    assert not r.quota_applies and r.levy_eur == 0
    assert r.required_jobs == pytest.approx(0.0258 * 12_480 / 1326)  # still shown


def test_quota_applies_above_40575_paid_hours() -> None:
    """20 x 39 h x 52 = 40,560 (not above 40,575); 20 x 39.1 x 52 = 40,664 (above)."""
    below = compute_banenafspraak(employees=[emp(i, 39) for i in range(20)], year=2026)
    assert below.paid_hours_year == pytest.approx(40_560) and not below.quota_applies
    above = compute_banenafspraak(employees=[emp(i, 39.1) for i in range(20)], year=2026)
    assert above.paid_hours_year == pytest.approx(40_664) and above.quota_applies


def test_required_jobs_and_levy() -> None:
    """99 x 40 h + 1 x 25.5 h wajong.

    Paid hours: (99 x 40 + 25.5) x 52 = 3,985.5 x 52 = 207,246 h.
    required = 0.0258 x 207,246 / 1,326 = 5,346.947 / 1,326 = 4.03239 jobs;
    filled 25.5 / 25.5 = 1 job; missing 3.03239; levy = 5,000 x 3.03239 = EUR 15,161.94.
    """
    people = [emp(i, 40) for i in range(99)] + [emp(99, 25.5, "wajong")]
    r = compute_banenafspraak(employees=people, year=2026)
    assert r.paid_hours_year == pytest.approx(207_246)
    assert r.required_jobs == pytest.approx(0.0258 * 207_246 / 1326)
    assert r.required_jobs == pytest.approx(4.03239, abs=1e-5)
    assert r.missing_jobs == pytest.approx(r.required_jobs - 1)
    assert r.levy_eur == pytest.approx(15_161.94, abs=0.01)
    assert r.quota_single_source


def test_no_levy_when_enough_jobs() -> None:
    """30 x 40 h + 2 x 25.5 h wajong: required 0.0258 x 64,932 / 1,326 = 1.263 < 2 jobs."""
    people = [emp(i, 40) for i in range(30)] + [emp(30, 25.5, "wajong"), emp(31, 25.5, "wajong")]
    r = compute_banenafspraak(employees=people, year=2026)
    assert r.quota_applies and r.missing_jobs == 0 and r.levy_eur == 0


def test_only_people_employed_in_the_year_count() -> None:
    """A wajong worker who left on 31 Dec 2025 adds neither jobs nor hours in 2026."""
    people = [emp(1, 40), emp(2, 25.5, "wajong", end=date(2025, 12, 31))]
    r = compute_banenafspraak(employees=people, year=2026)
    assert r.jobs == 0 and r.employees == 1 and r.paid_hours_year == 40 * 52


def test_an_unknown_year_names_the_known_years() -> None:
    with pytest.raises(InputError, match=r"known years: 2026") as info:
        compute_banenafspraak(employees=[emp(1, 40)], year=2019)
    assert info.value.problems[0].field == "year"


def test_a_trial_placement_is_not_paid_employment() -> None:
    """A wajong employee on a proefplaatsing keeps the benefit and gets no wage: a counted job
    is 25.5 *paid* hours (shared/domain/banenafspraak.md), so 25.5 h regulier wajong = 1 job
    and the 25.5 h proefplaatsing adds neither jobs nor paid hours (2 x 40 x 52 + 25.5 x 52)."""
    trial = emp(3, 25.5, "wajong").model_copy(update={"contract_type": "proefplaatsing"})
    people = [emp(1, 40), emp(2, 40), emp(4, 25.5, "wajong"), trial]
    r = compute_banenafspraak(employees=people, year=2026)
    assert r.jobs == pytest.approx(1.0)
    assert r.paid_hours_year == pytest.approx((40 + 40 + 25.5) * 52)
    assert r.employees == 3
    assert banenafspraak_data().unpaid_contracts.codes == ["proefplaatsing"]
