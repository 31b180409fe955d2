"""Kaplan-Meier against a hand-computed golden case, and invariants."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inclusief.followup.retention import estimate_at, kaplan_meier, retention

# Golden case, computed by hand (Kaplan & Meier 1958; Greenwood; log(-log) interval):
# times 1, 2, 2+, 3, 4+, 5, 5, 6+ (+ = censored), n = 8.
#   t=1: 8 at risk, 1 event: S = 7/8 = 0.875; Greenwood sum 1/(8*7) = 0.017857
#   t=2: 7 at risk, 1 event (the censored 2 is still at risk): S = 0.875*6/7 = 0.75;
#        sum += 1/(7*6) -> 0.041667
#   t=3: 5 at risk, 1 event: S = 0.75*4/5 = 0.6; sum += 1/(5*4) -> 0.091667
#   t=5: 3 at risk, 2 events: S = 0.6*1/3 = 0.2; sum += 2/(3*1) -> 0.758333
# 95% interval at t = 4.5 (S = 0.6): se = sqrt(0.091667)/|ln 0.6| = 0.302765/0.510826
# = 0.592700; z*se = 1.959964*0.592700 = 1.161670; lower = 0.6^exp(1.161670) = 0.6^3.19519
# = 0.19550; upper = 0.6^exp(-1.161670) = 0.6^0.312970 = 0.85225.
DURATIONS = [1, 2, 2, 3, 4, 5, 5, 6]
EVENTS = [True, True, False, True, False, True, True, False]


def test_golden_curve() -> None:
    curve = kaplan_meier(DURATIONS, EVENTS)
    assert curve.times == (1.0, 2.0, 3.0, 5.0)
    assert curve.survival == pytest.approx((0.875, 0.75, 0.6, 0.2))
    assert curve.greenwood == pytest.approx((1 / 56, 1 / 56 + 1 / 42, 0.091667, 0.758333), abs=1e-6)
    e = estimate_at(curve, DURATIONS, 4.5)
    assert e.survival == pytest.approx(0.6)
    assert e.lower == pytest.approx(0.19550, abs=5e-5)
    assert e.upper == pytest.approx(0.85225, abs=5e-5)
    assert e.at_risk == 3
    # beyond the longest follow-up there is no estimate; S = 1 before the first event
    assert estimate_at(curve, DURATIONS, 6.5).survival is None
    first = estimate_at(curve, DURATIONS, 0.5)
    assert (first.survival, first.lower, first.upper) == (1.0, 1.0, 1.0)


def test_same_as_lifelines_when_installed() -> None:
    lifelines = pytest.importorskip("lifelines")
    kmf = lifelines.KaplanMeierFitter().fit(DURATIONS, EVENTS)
    ci = kmf.confidence_interval_survival_function_
    curve = kaplan_meier(DURATIONS, EVENTS)
    e = estimate_at(curve, DURATIONS, 4.5)
    assert e.survival == pytest.approx(float(kmf.predict(4.5)))
    assert e.lower == pytest.approx(float(ci.loc[4.0].iloc[0]), abs=1e-6)


def test_groups_under_k_are_suppressed() -> None:
    small = retention([100, 200], [False, True], split="route", group="wajong", k=5)
    assert small.suppressed and small.estimates == [] and small.n == 2
    big = retention([400] * 5, [False] * 5, k=5)
    assert not big.suppressed
    assert [e.months for e in big.estimates] == [3, 6, 12, 24]
    assert big.estimates[0].survival == 1.0 and big.estimates[3].survival is None


@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=800), st.booleans()), min_size=1, max_size=40
    )
)
def test_survival_never_rises_and_the_interval_holds_it(data) -> None:
    durations = [d for d, _ in data]
    events = [e for _, e in data]
    curve = kaplan_meier(durations, events)
    assert all(a >= b for a, b in zip(curve.survival, curve.survival[1:], strict=False))
    assert all(0.0 <= s <= 1.0 for s in curve.survival)
    for t in (0, 90, 200, 400, 800):
        e = estimate_at(curve, durations, t)
        if e.survival is None:
            assert t > max(durations)
            continue
        assert e.lower is not None and e.upper is not None
        assert e.lower - 1e-12 <= e.survival <= e.upper + 1e-12
        assert not math.isnan(e.lower)
