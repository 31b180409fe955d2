"""Hypothesis properties of the PSO-style ladder and its growth path."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from inclusief.pso.inputs import Employee, Purchase
from inclusief.pso.ladder import compute_ladder, extra_fte_needed, total_pct

GROUPS = ["geen", "wajong", "wsw", "ww_6m", "bbl_bol_1", "participatiewet"]
CONTRACTS = ["regulier", "begeleid_werken", "detachering_flex", "stage_werkervaring"]


def emp(i: int, hours: float, group: str, contract: str = "regulier") -> Employee:
    return Employee(
        employee_id=f"e{i}",
        hours_per_week=hours,
        target_group=group,
        contract_type=contract,
        intake_date=date(2025, 1, 1),
    )


people_st = st.lists(
    st.tuples(st.floats(1, 40), st.sampled_from(GROUPS), st.sampled_from(CONTRACTS)),
    min_size=1,
    max_size=30,
)


@settings(max_examples=80, deadline=None)
@given(people=people_st, amount=st.floats(0, 5e6), direct=st.floats(0, 100))
def test_total_stays_within_0_and_100_while_direct_is_at_most_20(
    people: list[tuple[float, str, str]], amount: float, direct: float
) -> None:
    """With direct <= 20% the cap keeps the total <= 5 x direct <= 100%; always >= 0.

    Indirect never exceeds 80% of the total, whatever is bought.
    """
    employees = [emp(i, h, g, c) for i, (h, g, c) in enumerate(people)]
    purchase = Purchase(
        supplier="s",
        amount_eur=amount,
        supplier_turnover_eur=1e6,
        supplier_fte=40,
        supplier_direct_pct=direct,
    )
    r = compute_ladder(employees=employees, year=2026, purchases=[purchase])
    assert 0 <= r.direct_pct <= 100
    assert r.total_pct >= 0
    assert r.indirect_pct <= 0.8 * r.total_pct + 1e-9
    if r.direct_pct <= 20:
        assert r.total_pct <= 100 + 1e-9


@settings(max_examples=80, deadline=None)
@given(people=people_st, extra=st.floats(0.5, 40), group=st.sampled_from(GROUPS[1:]))
def test_adding_a_target_group_employee_never_lowers_direct(
    people: list[tuple[float, str, str]], extra: float, group: str
) -> None:
    """Adding a weight-1 target-group employee (regular contract) never lowers direct %.

    (D + x)/(T + x) >= D/T because D <= T. For lower weights w direct can fall when it is
    already above 100 w, so only weight-1 groups are asserted; total FTE always grows by x.
    """
    employees = [emp(i, h, g, c) for i, (h, g, c) in enumerate(people)]
    r = compute_ladder(employees=employees, year=2026)
    more = compute_ladder(employees=[*employees, emp(999, extra, group)], year=2026)
    if group in ("wajong", "wsw", "participatiewet"):
        assert more.direct_pct >= r.direct_pct - 1e-9
    assert more.total_fte == pytest.approx(r.total_fte + extra / 40)


@settings(max_examples=150, deadline=None)
@given(
    d=st.floats(0, 5),
    t=st.floats(5, 300),
    f=st.floats(0, 30),
    target=st.floats(1, 40),
)
def test_growth_solution_reaches_the_norm_exactly(
    d: float, t: float, f: float, target: float
) -> None:
    """x solves total(D + x, T + x, F) = N exactly (substituted back) and is the smallest:
    a slightly smaller hire stays below N."""
    assume(d < t)
    x = extra_fte_needed(weighted_fte=d, total_fte=t, indirect_fte=f, target_pct=target)
    if d > 0 and total_pct(d, t, f) >= target:
        assert x == 0
        return
    assert x is not None and x > 0
    assert total_pct(d + x, t + x, f) == pytest.approx(target, rel=1e-6, abs=1e-6)
    smaller = x * (1 - 1e-4)
    assert total_pct(d + smaller, t + smaller, f) < target
