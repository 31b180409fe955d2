"""PSO-style ladder: every rule against values computed by hand.

Figures used (inclusief/pso/pso_data.yaml, from the pso-nederland.nl pages named there):
participatiewet weight 1 for 5 years; wajong and wsw weight 1 without end; ww_6m 0.75;
bbl_bol_2 0.25; contracts regulier 1, detachering_flex 0.9, stage_werkervaring 0.75,
proefplaatsing 0.5 (placements at most 3 years); indirect at most 80% of the total;
norms for size 40: 3.7 / 5.1 / 7.9, size 10: 6.7 / 9.0 / 15.5.
"""

from __future__ import annotations

from datetime import date

import pytest

from inclusief.pso.inputs import Employee, Purchase, SupplierProfile
from inclusief.pso.ladder import (
    add_years,
    compute_ladder,
    extra_fte_needed,
    norms_for,
    purchase_needed,
    status_valid,
    total_pct,
)


def emp(
    i: str,
    hours: float,
    group: str = "geen",
    contract: str = "regulier",
    intake: date = date(2024, 1, 1),
    end: date | None = None,
) -> Employee:
    return Employee(
        employee_id=i,
        hours_per_week=hours,
        target_group=group,
        contract_type=contract,
        intake_date=intake,
        end_date=end,
    )


def staff(n_regular: int, *target: Employee) -> list[Employee]:
    return [emp(f"r{i}", 40) for i in range(n_regular)] + list(target)


def buy(amount: float, turnover: float = 1e6, fte: float = 50, direct: float = 40) -> Purchase:
    return Purchase(
        supplier="s",
        amount_eur=amount,
        supplier_turnover_eur=turnover,
        supplier_fte=fte,
        supplier_direct_pct=direct,
    )


# -- FTE and weights ------------------------------------------------------------------------
def test_direct_pct_multiplies_fte_group_and_contract_weights() -> None:
    """9 x 40 h regular + 1 x 20 h wajong on proefplaatsing (intake 2026).

    FTE: 9 + 20/40 = 9.5. Weighted: 0.5 FTE x 1 (wajong) x 0.5 (proefplaatsing) = 0.25.
    direct = 0.25 / 9.5 x 100 = 2.6316%.
    """
    r = compute_ladder(
        employees=staff(9, emp("t", 20, "wajong", "proefplaatsing", date(2026, 3, 1))), year=2026
    )
    assert r.total_fte == pytest.approx(9.5)
    assert r.weighted_fte == pytest.approx(0.25)
    assert r.direct_pct == pytest.approx(0.25 / 9.5 * 100)


def test_ww_on_secondment_multiplies_to_0_675() -> None:
    """1 FTE WW (0.75) on detachering (0.9) = 0.675 weighted FTE; with 3 FTE others: 16.875%."""
    r = compute_ladder(employees=staff(3, emp("w", 40, "ww_6m", "detachering_flex")), year=2026)
    assert r.weighted_fte == pytest.approx(0.675)
    assert r.direct_pct == pytest.approx(0.675 / 4 * 100)


def test_norm_hours_define_fte() -> None:
    """36 h on a 36-hour CAO week is 1 FTE; 18 h on it is 0.5."""
    a = emp("a", 36).model_copy(update={"norm_hours": 36})
    b = emp("b", 18).model_copy(update={"norm_hours": 36})
    assert compute_ladder(employees=[a, b], year=2026).total_fte == pytest.approx(1.5)


# -- employment in the year and durations ---------------------------------------------------
def test_people_not_employed_in_the_year_are_left_out() -> None:
    """Left 31 Dec 2025 and started 1 Jan 2027: neither counts in 2026; 1 Jan 2026 end does."""
    people = staff(
        2,
        emp("gone", 40, end=date(2025, 12, 31)),
        emp("later", 40, intake=date(2027, 1, 1)),
        emp("newyear", 40, intake=date(2020, 1, 1), end=date(2026, 1, 1)),
    )
    r = compute_ladder(employees=people, year=2026)
    assert r.total_fte == 3
    assert any("2 employee(s) were not employed in 2026" in w.en for w in r.warnings)


def test_duration_expired_status_counts_with_weight_zero() -> None:
    """Participatiewet intake 2020-06-01 + 5 years = 2025-06-01 < 31 Dec 2026: weight 0.

    FTE still 4 (3 + 1), weighted 0, warning names the person. The same person with intake
    2022-01-01 (valid to 2027-01-01 >= 31 Dec 2026) counts: 1 / 4 = 25%.
    """
    old = compute_ladder(
        employees=staff(3, emp("p", 40, "participatiewet", intake=date(2020, 6, 1))), year=2026
    )
    assert old.weighted_fte == 0 and old.total_fte == 4
    assert any(w.en.startswith("p: the status 'participatiewet'") for w in old.warnings)
    new = compute_ladder(
        employees=staff(3, emp("p", 40, "participatiewet", intake=date(2022, 1, 1))), year=2026
    )
    assert new.weighted_fte == pytest.approx(1.0)
    assert new.direct_pct == pytest.approx(25.0)
    assert not any("no longer counts" in w.en for w in new.warnings)


def test_duration_is_measured_against_31_december() -> None:
    """Intake 2021-12-31 + 5 years = 2026-12-31: still valid on 31 Dec 2026, not on 31 Dec 2027.

    Intake 2022-01-01 + 5 = 2027-01-01: also valid in 2027? No: 2027-01-01 < 2027-12-31.
    """
    e = emp("p", 40, "participatiewet", intake=date(2021, 12, 31))
    assert status_valid(e, 2026) and not status_valid(e, 2027)
    assert compute_ladder(employees=[e], year=2026).weighted_fte == 1
    assert compute_ladder(employees=[e], year=2027).weighted_fte == 0
    assert not status_valid(emp("q", 40, "participatiewet", intake=date(2022, 1, 1)), 2027)


def test_status_ending_during_the_year_does_not_count_that_year() -> None:
    """VSO/PRO intake 2021-07-01 + 5 = 2026-07-01, before 31 Dec 2026: weight 0 in 2026."""
    e = emp("v", 40, "vso_pro", intake=date(2021, 7, 1))
    assert not status_valid(e, 2026)
    assert status_valid(e, 2025)  # 2026-07-01 >= 2025-12-31


def test_open_ended_statuses_do_not_expire() -> None:
    """Wsw (as long as the indication is valid, assumed) and Wajong: intake 2000 still counts."""
    for group in ("wsw", "wajong", "wiw_id", "doelgroepregister_overig"):
        assert status_valid(emp("x", 40, group, intake=date(2000, 1, 1)), 2026), group


def test_placements_count_at_most_three_years() -> None:
    """Wajong (no end) on an internship from 2022-03-01: + 3 years = 2025-03-01 < 31 Dec 2026.

    In 2024 (2025-03-01 >= 2024-12-31) it counts: 1 FTE x 1 x 0.75 = 0.75.
    """
    e = emp("s", 40, "wajong", "stage_werkervaring", date(2022, 3, 1))
    assert compute_ladder(employees=[e], year=2026).weighted_fte == 0
    assert compute_ladder(employees=[e], year=2024).weighted_fte == pytest.approx(0.75)


def test_bbl_group_counts_three_years() -> None:
    """BBL level 2 on a regular contract, intake 2023-09-01: + 3 = 2026-09-01 < 31 Dec 2026."""
    e = emp("b", 40, "bbl_bol_2", "regulier", date(2023, 9, 1))
    assert not status_valid(e, 2026) and status_valid(e, 2025)


def test_leap_day_intake() -> None:
    """29 Feb 2024 + 5 years = 28 Feb 2029."""
    assert add_years(date(2024, 2, 29), 5) == date(2029, 2, 28)


# -- indirect contribution and the 80% cap -------------------------------------------------
def test_indirect_and_the_80_percent_cap() -> None:
    """20 FTE, 1 wajong FTE: direct = 1/20 = 5%.

    Purchase 100,000 from a supplier with turnover 1,000,000, 50 FTE, 40% direct:
    indirect FTE = 0.1 x 50 x 0.4 = 2; indirect % = 2 / (20 + 2) = 9.0909%.
    Cap: indirect <= 80% of total <=> indirect <= 4 x direct = 20%: not capped; total 14.0909%.
    With 1,000,000 bought: indirect FTE 20, indirect % = 20/40 = 50% > 20%: capped to 20%;
    total = 25% and indirect is exactly 80% of it.
    """
    people = staff(19, emp("w", 40, "wajong"))
    r = compute_ladder(employees=people, year=2026, purchases=[buy(100_000)])
    assert r.indirect_fte == pytest.approx(2.0)
    assert r.indirect_pct == pytest.approx(200 / 22)
    assert not r.indirect_capped
    assert r.total_pct == pytest.approx(5 + 200 / 22)
    r = compute_ladder(employees=people, year=2026, purchases=[buy(1_000_000)])
    assert r.indirect_pct_raw == pytest.approx(50.0)
    assert r.indirect_capped and r.indirect_pct == pytest.approx(20.0)
    assert r.total_pct == pytest.approx(25.0)
    assert r.indirect_pct / r.total_pct == pytest.approx(0.8)
    assert any("capped" in w.en for w in r.warnings)


def test_indirect_sums_over_purchases() -> None:
    """Two orders: 50,000/1e6 x 50 x 0.4 = 1 and 10,000/200,000 x 10 x 1.0 = 0.5 -> 1.5 FTE."""
    r = compute_ladder(
        employees=staff(19, emp("w", 40, "wajong")),
        year=2026,
        purchases=[buy(50_000), buy(10_000, turnover=200_000, fte=10, direct=100)],
    )
    assert r.indirect_fte == pytest.approx(1.5)
    assert r.indirect_pct == pytest.approx(100 * 1.5 / 21.5)


# -- norms --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (2, (21.4, 28.0, 33.0)),  # first row exactly
        (1, (21.4, 28.0, 33.0)),  # below the table: first row, with a warning
        # 7 = 5 + 0.4 x (10 - 5): 12.6 + 0.4 x (6.7 - 12.6) = 10.24; 17 - 3.2 = 13.8; 22 - 2.6
        (7, (10.24, 13.8, 19.4)),
        (55, (2.8, 3.55, 6.25)),  # halfway between 50 and 60
        (40, (3.7, 5.1, 7.9)),  # a row exactly
        (103, (1.44, 1.98, 3.78)),  # 100 + 0.6 x (105 - 100): 1.5 - 0.06, 2.1 - 0.12, 3.9 - 0.12
        (105, (1.4, 1.9, 3.7)),  # last row
        (400, (1.4, 1.9, 3.7)),  # beyond the table: last row
    ],
)
def test_norms_interpolate_linearly_and_clamp_at_the_edges(
    size: float, expected: tuple[float, float, float]
) -> None:
    norms, warnings = norms_for(size)
    assert (norms.trede_1, norms.trede_2, norms.trede_3) == pytest.approx(expected)
    assert bool(warnings) == (size < 2)


def test_default_size_is_the_headcount_employed() -> None:
    """3 people employed in 2026 (one left in 2025): size 3 -> norms between 2 and 5."""
    people = staff(2, emp("w", 40, "wajong"), emp("gone", 40, end=date(2025, 6, 30)))
    r = compute_ladder(employees=people, year=2026)
    assert r.size == 3
    assert r.norms.trede_1 == pytest.approx(21.4 + (12.6 - 21.4) / 3)


# -- level --------------------------------------------------------------------------------
def test_level_is_the_highest_trede_reached() -> None:
    """Size 40 norms 3.7 / 5.1 / 7.9.

    1 wajong FTE in 20 FTE = 5% -> Trede 1 (5 < 5.1); in 12 FTE = 8.33% -> Trede 3;
    in 27 FTE = 3.7037% >= 3.7 -> Trede 1; in 28 FTE = 3.571% < 3.7 -> geen_trede.
    """
    r = compute_ladder(employees=staff(19, emp("w", 40, "wajong")), year=2026, size=40)
    assert r.level == "trede_1"
    assert compute_ladder(
        employees=staff(11, emp("w", 40, "wajong")), year=2026, size=40
    ).level == ("trede_3")
    assert compute_ladder(
        employees=staff(26, emp("w", 40, "wajong")), year=2026, size=40
    ).level == ("trede_1")
    assert compute_ladder(
        employees=staff(27, emp("w", 40, "wajong")), year=2026, size=40
    ).level == ("geen_trede")


def test_a_total_exactly_on_the_norm_reaches_the_trede() -> None:
    """Size 10, Trede 2 norm 9.0%: 0.9 wajong FTE (36 h) in 10 FTE = 9.0% exactly -> Trede 2."""
    people = [emp(f"r{i}", 40) for i in range(9)] + [emp("w", 36, "wajong"), emp("x", 4)]
    r = compute_ladder(employees=people, year=2026, size=10)
    assert r.total_pct == pytest.approx(9.0)
    assert r.level == "trede_2"


def test_below_trede_1_aspirant_needs_an_action_plan() -> None:
    """1 wajong FTE in 100 FTE = 1% < 3.7: geen_trede, or aspirant with an action plan."""
    people = staff(99, emp("w", 40, "wajong"))
    assert compute_ladder(employees=people, year=2026, size=40).level == "geen_trede"
    r = compute_ladder(employees=people, year=2026, size=40, action_plan=True)
    assert r.level == "aspirant" and r.growth.next_level == "trede_1"


def test_no_target_group_person_means_no_trede_even_with_purchasing() -> None:
    """Nobody from the target group: direct 0, so counted indirect = min(raw, 4 x 0) = 0."""
    r = compute_ladder(employees=staff(10), year=2026, purchases=[buy(1e6, 1e6, 50, 100)])
    assert r.total_pct == 0 and r.level == "geen_trede" and not r.has_target_group
    assert any("at least one" in w.en for w in r.warnings)
    assert r.indirect_capped


def test_an_expired_status_alone_is_no_target_group() -> None:
    """The only target-group person expired: no trede, and the warning says why."""
    people = staff(3, emp("p", 40, "participatiewet", intake=date(2015, 1, 1)))
    r = compute_ladder(employees=people, year=2026, size=4, action_plan=True)
    assert r.level == "aspirant" and not r.has_target_group


# -- PSO 30+ ------------------------------------------------------------------------------
def test_pso30plus_only_at_trede_3_with_its_own_counting() -> None:
    """Size 10 (Trede 3 norm 15.5%). Staff:

    6 x 40 h regular geen, 3 x 40 h wajong regular, 1 x 40 h wajong on proefplaatsing (2026),
    1 x 20 h geen on detachering, 2 x 40 h bbl_bol_2 regular (intake 2026).
    Ladder: FTE 6 + 3 + 1 + 0.5 + 2 = 12.5; weighted 3 + 0.5 + 2 x 0.25 = 4 -> 32% -> Trede 3.
    30+ (FTE, unweighted): placement and secondment in neither; BBL/BOL in the total but not
    target group: target 3 / total (6 + 3 + 2) = 11 -> 27.27% < 30 -> fails.
    Without the two BBL: 3 / 9 = 33.3% -> passes.
    """
    core = staff(
        6,
        *[emp(f"w{i}", 40, "wajong") for i in range(3)],
        emp("p", 40, "wajong", "proefplaatsing", date(2026, 5, 1)),
        emp("d", 20, "geen", "detachering_flex"),
    )
    bbl = [emp(f"b{i}", 40, "bbl_bol_2", "regulier", date(2026, 2, 1)) for i in range(2)]
    r = compute_ladder(employees=core + bbl, year=2026, size=10)
    assert r.total_fte == pytest.approx(12.5) and r.weighted_fte == pytest.approx(4.0)
    assert r.level == "trede_3"
    assert r.pso30plus is not None
    assert r.pso30plus.total_fte == pytest.approx(11) and r.pso30plus.target_group_fte == 3
    assert r.pso30plus.pct == pytest.approx(300 / 11) and not r.pso30plus.passes
    r2 = compute_ladder(employees=core, year=2026, size=10)
    assert r2.pso30plus is not None
    assert r2.pso30plus.pct == pytest.approx(100 / 3) and r2.pso30plus.passes


def test_pso30plus_counts_fte_not_heads() -> None:
    """3 x 40 h geen + 1 x 20 h wajong + 1 x 40 h wajong: FTE target 1.5 / total 4.5 = 33.3%.

    (By heads it would be 2 / 5 = 40%.) Ladder 1.5/4.5 = 33% at size 5 (Trede 3 22%).
    """
    people = staff(3, emp("a", 20, "wajong"), emp("b", 40, "wajong"))
    r = compute_ladder(employees=people, year=2026, size=5)
    assert r.level == "trede_3" and r.pso30plus is not None
    assert r.pso30plus.pct == pytest.approx(100 * 1.5 / 4.5)


def test_pso30plus_is_absent_below_trede_3() -> None:
    low = compute_ladder(employees=staff(19, emp("w", 40, "wajong")), year=2026, size=40)
    assert low.pso30plus is None


# -- growth path --------------------------------------------------------------------------
def test_growth_direct_only_closed_form() -> None:
    """D = 1, T = 20, target 5.1%: (1 + x)/(20 + x) = 0.051 -> x = (0.051 x 20 - 1)/0.949.

    = 0.02 / 0.949 = 0.021075 FTE. Substituted back: (1.021075)/(20.021075) = 5.1%.
    """
    x = extra_fte_needed(weighted_fte=1, total_fte=20, indirect_fte=0, target_pct=5.1)
    assert x == pytest.approx((0.051 * 20 - 1) / 0.949)
    assert x is not None
    assert total_pct(1 + x, 20 + x, 0) == pytest.approx(5.1)


def test_growth_from_zero_direct() -> None:
    """D = 0, T = 10, target 6.7%: x = 0.067 x 10 / 0.933 = 0.71811 FTE."""
    x = extra_fte_needed(weighted_fte=0, total_fte=10, indirect_fte=0, target_pct=6.7)
    assert x == pytest.approx(0.67 / 0.933)


def test_growth_with_indirect_solves_the_quadratic() -> None:
    """D = 1, T = 30, F = 0.5, target 7.9% (n = 0.079), uncapped:

    a = 0.921; b = 1 + 30 + 1 - 0.079 x 60.5 = 27.2205;
    c = 1 x 30.5 + 0.5 x 30 - 0.079 x 30 x 30.5 = 45.5 - 72.285 = -26.785;
    x = (-b + sqrt(b^2 - 4ac)) / 2a = 0.94991... Substituted back the total is 7.9%.
    """
    a, b, c = 0.921, 27.2205, -26.785
    expected = (-b + (b * b - 4 * a * c) ** 0.5) / (2 * a)
    x = extra_fte_needed(weighted_fte=1, total_fte=30, indirect_fte=0.5, target_pct=7.9)
    assert x == pytest.approx(expected)
    assert x is not None
    assert total_pct(1 + x, 30 + x, 0.5) == pytest.approx(7.9)
    assert total_pct(1 + 0.99 * x, 30 + 0.99 * x, 0.5) < 7.9


def test_growth_when_the_cap_binds() -> None:
    """D = 0.1, T = 10, F = 100 (huge purchasing): capped total = 5 x direct.

    5 x (0.1 + x)/(10 + x) = 0.33 -> x = (0.33 x 10 - 0.5)/(5 - 0.33) = 2.8/4.67 = 0.59957.
    At that x raw indirect = 100/110.6 = 90% > 4 x 5.9% = 23.6%: the cap indeed binds.
    """
    x = extra_fte_needed(weighted_fte=0.1, total_fte=10, indirect_fte=100, target_pct=33)
    assert x == pytest.approx(2.8 / 4.67)
    assert x is not None
    assert total_pct(0.1 + x, 10 + x, 100) == pytest.approx(33)


def test_growth_is_zero_when_already_there() -> None:
    assert extra_fte_needed(weighted_fte=2, total_fte=10, indirect_fte=0, target_pct=15) == 0


def test_purchase_growth_and_its_limit() -> None:
    """D = 1, T = 20 (5%), target 7.9: indirect share m = 2.9% -> F' = 0.029 x 20 / 0.971.

    = 0.59732 FTE. Supplier 1,000,000 turnover, 50 FTE, 40% direct: k = 0.00002 FTE per euro,
    so EUR 29,866. Target 30% > 5 x 5% = 25%: impossible because of the 80% cap.
    """
    sup = SupplierProfile(turnover_eur=1e6, fte=50, direct_pct=40)
    g = purchase_needed(weighted_fte=1, total_fte=20, indirect_fte=0, target_pct=7.9, supplier=sup)
    assert g.possible and g.amount_eur == pytest.approx(0.029 * 20 / 0.971 / 0.00002)
    assert total_pct(1, 20, g.amount_eur * 0.00002) == pytest.approx(7.9)
    limit = purchase_needed(
        weighted_fte=1, total_fte=20, indirect_fte=0, target_pct=30, supplier=sup
    )
    assert not limit.possible and limit.amount_eur is None
    assert limit.reason is not None and "25.00%" in limit.reason.en
    none = purchase_needed(weighted_fte=0, total_fte=20, indirect_fte=0, target_pct=3, supplier=sup)
    assert not none.possible


def test_purchase_growth_counts_what_is_already_bought() -> None:
    """Already F = 0.2 FTE: the extra is (0.59732 - 0.2) / 0.00002 = EUR 19,866."""
    sup = SupplierProfile(turnover_eur=1e6, fte=50, direct_pct=40)
    g = purchase_needed(
        weighted_fte=1, total_fte=20, indirect_fte=0.2, target_pct=7.9, supplier=sup
    )
    assert g.amount_eur == pytest.approx((0.029 * 20 / 0.971 - 0.2) / 0.00002)


def test_growth_is_reported_for_the_next_trede() -> None:
    """1 wajong in 20 FTE at size 40: 5% is Trede 1, so the next is Trede 2 at 5.1%; gap 0.1."""
    r = compute_ladder(
        employees=staff(19, emp("w", 40, "wajong")),
        year=2026,
        size=40,
        supplier=SupplierProfile(turnover_eur=1e6, fte=50, direct_pct=40),
    )
    g = r.growth
    assert g.next_level == "trede_2" and g.target_pct == pytest.approx(5.1)
    assert g.gap_pct == pytest.approx(0.1)
    assert g.extra_fte == pytest.approx((0.051 * 20 - 1) / 0.949)
    assert g.purchase is not None and g.purchase.possible


def test_no_growth_at_trede_3() -> None:
    r = compute_ladder(employees=staff(11, emp("w", 40, "wajong")), year=2026, size=40)
    assert r.growth.next_level is None and r.growth.extra_fte is None
