"""The honest business case (issue #18), golden values computed by hand from money.yaml.

Figures used (inclusief/jobcarving/money.yaml, year 2026, sector primair_onderwijs):
minimum wage EUR 14,71 an hour (21+, 1 Jan 2026); cao PO lowest EUR 13,79 (below it, so
14,71 is the floor); holiday pay 8%, year-end bonus 8,33%, employer charges 32%: the cost
factor is (1 + 0,08 + 0,0833) x 1,32 = 1,535556, so EUR 14,71 costs EUR 22,588029 an hour.
LKV EUR 1,01 per paid hour, at most EUR 2.000 a year, 3 years. Loonkostensubsidie:
(1 - loonwaarde) x minimum wage x paid hours x 1,08 x 1,235.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_optimise import cand, role, task

from inclusief.jobcarving.business_case import (
    Support,
    business_case,
    cash_lines,
    load_money,
    money_notes,
    time_lines,
)
from inclusief.jobcarving.model import Inventory
from inclusief.jobcarving.optimise import carve

HOURLY_COST = 14.71 * (1 + 0.08 + 0.0833) * 1.32  # 22.588029


def school(tasks, roles):
    return Inventory(id="s", title="school", sector="primair_onderwijs", roles=roles, tasks=tasks)


def _ten_hours(**cand_kw):
    """One job of 10 h a week (flexible, no pupils: 10 h in every working week, so the
    contract is 10 h and 520 paid hours a year): 6 h from a EUR 60 role, 4 h from a EUR 40
    role that needs the lifting aid (EUR 400 a year)."""
    roles = [role("leerkracht", 60), role("concierge", 40)]
    tasks = [
        task("kopie", 6, role_id="leerkracht"),
        task("koffie", 4, role_id="concierge", demands={"tillen": 3}),
    ]
    inventory = school(tasks, roles)
    result = carve(inventory, [cand("a", 10, 10, capabilities={"tillen": 1}, **cand_kw)])
    return inventory, result


def test_the_data_file_has_2026_with_sources():
    money = load_money()
    y = money.years[2026]
    assert y.minimum_wage.hourly_eur == 14.71 and "2026" in y.minimum_wage.source
    assert "1 juli 2026" in (y.minimum_wage.note or "")  # not found: said so
    assert (y.lkv_banenafspraak.per_paid_hour_eur, y.lkv_banenafspraak.max_per_year_eur) == (
        1.01,
        2000,
    )
    assert y.lkv_banenafspraak.max_years == 3 and "UWV" in y.lkv_banenafspraak.source
    po = money.sector("primair_onderwijs")
    assert po is not None and po.year_end_bonus_pct == 8.33 and po.employer_charges_pct == 32
    assert po.cost_factor == pytest.approx(1.535556)


def test_golden_ten_hours_at_the_minimum_wage():
    """520 paid hours x EUR 22,588029 = EUR 11.745,78 wage cost; lifting aid EUR 400;
    LKV 520 x 1,01 = EUR 525,20; net -11.745,78 - 400 + 525,20 = -EUR 11.620,58. The time
    freed (6x60x52 + 4x40x52 = EUR 27.040) is not in the net effect."""
    inventory, result = _ten_hours()
    case = business_case(inventory, result)
    job = case.jobs[0]
    assert job.paid_hours_per_year == 520
    assert job.hourly_wage_eur == 14.71 and not job.wage_raised
    assert job.wage_cost_eur == pytest.approx(520 * HOURLY_COST, abs=0.01)
    assert job.wage_cost_eur == pytest.approx(11_745.775, abs=0.01)
    assert job.accommodation_cost_eur == 400 and job.jobcoach_cost_eur == 0
    assert job.lkv_eur == pytest.approx(525.20) and job.lkv_years == 3
    assert job.lks_eur == 0
    assert job.net_cash_eur == pytest.approx(-11_620.575, abs=0.01)
    assert job.value_eur == pytest.approx(27_040)
    assert case.net_cash_eur == job.net_cash_eur and case.missing is None
    assert case.funding is not None and "Werkdrukmiddelen" in case.funding.nl


def test_golden_loonkostensubsidie_and_loondispensatie():
    """Loonwaarde 60%: subsidy 0,40 x 14,71 x 520 x 1,08 x 1,235 = EUR 4.081,00, net
    -11.620,58 + 4.081,00 = -EUR 7.539,58. Loondispensatie 60%: the school pays 60% of the
    wage cost, 0,6 x 11.745,775 = EUR 7.047,47."""
    inventory, result = _ten_hours()
    lks = business_case(
        inventory, result, Support(scheme="loonkostensubsidie", loonwaarde_pct=60)
    ).jobs[0]
    assert lks.lks_eur == pytest.approx(4_081.00, abs=0.01)
    assert lks.net_cash_eur == pytest.approx(-7_539.575, abs=0.01)
    disp = business_case(
        inventory, result, Support(scheme="loondispensatie", loonwaarde_pct=60)
    ).jobs[0]
    assert disp.wage_cost_eur == pytest.approx(0.6 * 11_745.775, abs=0.01) and disp.lks_eur == 0


def test_subsidy_capped_at_seventy_percent():
    """Loonwaarde 30% gives a difference of 70%, the cap: 0,70 x 14,71 x 520 x 1,08 x 1,235."""
    inventory, result = _ten_hours()
    job = business_case(
        inventory, result, Support(scheme="loonkostensubsidie", loonwaarde_pct=30)
    ).jobs[0]
    assert job.lks_eur == pytest.approx(0.70 * 14.71 * 520 * 1.08 * 1.235, abs=0.01)


def test_wage_below_the_floor_is_raised_and_a_higher_wage_is_kept():
    inventory, result = _ten_hours()
    low = business_case(inventory, result, Support(hourly_wage_eur=12)).jobs[0]
    assert low.hourly_wage_eur == 14.71 and low.wage_raised
    assert any("verhoogd tot € 14,71" in n for n in money_notes(low, "nl"))
    high = business_case(inventory, result, Support(hourly_wage_eur=16)).jobs[0]
    assert high.wage_cost_eur == pytest.approx(520 * 16 * 1.535556, abs=0.01)


def test_lkv_capped_per_year():
    """40 h a week: 2.080 paid hours x 1,01 = 2.100,80, capped at EUR 2.000."""
    inventory = school([task("groot", 40)], [role()])
    result = carve(inventory, [cand("a", 40, 40)])
    job = business_case(inventory, result).jobs[0]
    assert job.paid_hours_per_year == 2080 and job.lkv_eur == 2000


def test_not_in_register_no_lkv_and_no_riskpolis_in_words_only():
    inventory, result = _ten_hours()
    job = business_case(inventory, result, Support(in_register=False)).jobs[0]
    assert job.lkv_eur == 0 and job.lkv_years == 0
    assert job.net_cash_eur == pytest.approx(-(11_745.775 + 400), abs=0.01)
    notes = " ".join(money_notes(job, "nl"))
    assert "doelgroepregister" in notes
    registered = business_case(inventory, result).jobs[0]
    lines = [m.label for m in cash_lines(registered, "nl")]
    assert not any("no-risk" in label.lower() for label in lines)  # never an amount
    assert any("No-riskpolis" in n for n in money_notes(registered, "nl"))


def test_a_year_without_figures_shows_no_amount_and_says_why():
    inventory, result = _ten_hours()
    case = business_case(inventory, result, year=2031)
    assert case.net_cash_eur is None and case.wage_cost_eur is None and case.lkv_eur is None
    assert case.missing is not None and "2031" in case.missing.nl and "2026" in case.missing.nl
    assert all(m.amount_eur is None for m in cash_lines(case, "nl") if "Loonkosten" in m.label)
    assert case.value_eur == pytest.approx(27_040)  # time freed is not year-bound money
    assert any("2031" in n for n in money_notes(case, "nl"))


def test_funded_jobcoach_and_adjustments_are_income_lines():
    inventory, result = _ten_hours(accommodations=["tilhulp", "jobcoach"])
    job = business_case(inventory, result, Support(adjustments_funded=True)).jobs[0]
    assert job.jobcoach_cost_eur > 0 and job.jobcoach_funding_eur == job.jobcoach_cost_eur
    assert job.adjustment_funding_eur == 400
    labels = [m.label for m in cash_lines(job, "nl")]
    assert "Vergoeding jobcoach (UWV of gemeente)" in labels
    assert job.net_cash_eur == pytest.approx(-11_745.775 + 525.20, abs=0.01)


def test_lines_read_as_time_then_money_in_both_languages():
    inventory, result = _ten_hours()
    case = business_case(inventory, result)
    time_nl = time_lines(case, "nl")
    assert time_nl[0].label == "leerkracht: 6 uur per week" and time_nl[-1].total
    cash = cash_lines(case, "en")
    assert cash[-1].label == "Net effect on the budget per year" and cash[-1].total
    assert "520 paid hours" in cash[0].label and "€14.71" in cash[0].label


@settings(max_examples=25, deadline=None)
@given(cost=st.floats(min_value=15, max_value=90), wage=st.floats(min_value=5, max_value=40))
def test_the_net_effect_never_counts_staff_time(cost: float, wage: float) -> None:
    """Whatever the staff cost, the net cash effect is the same: time is not cash; and the
    wage used is never below the floor."""
    roles = [role("leerkracht", cost)]
    inventory = school([task("kopie", 8, role_id="leerkracht")], roles)
    result = carve(inventory, [cand("a", 8, 8)])
    job = business_case(inventory, result, Support(hourly_wage_eur=wage)).jobs[0]
    assert job.hourly_wage_eur is not None and job.hourly_wage_eur >= 14.71
    expected = -8 * 52 * max(wage, 14.71) * 1.535556 + min(8 * 52 * 1.01, 2000)
    assert job.net_cash_eur == pytest.approx(expected, abs=0.05)


def test_notes_speak_of_one_job_or_of_several():
    roles = [role("leerkracht", 60)]
    inventory = school(
        [task("a", 6, role_id="leerkracht"), task("b", 6, role_id="leerkracht")], roles
    )
    result = carve(inventory, [cand("x", 6, 6), cand("y", 6, 6)])
    case = business_case(inventory, result)
    assert len(case.jobs) == 2
    assert any("voor deze functies" in n for n in money_notes(case, "nl"))
    assert any("voor deze functie." in n for n in money_notes(case.jobs[0], "nl"))
    assert any("kandidaten in het doelgroepregister" in n for n in money_notes(case, "nl"))
