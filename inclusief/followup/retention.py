"""Retention: Kaplan-Meier estimates of "still in the placement" with confidence intervals.

For each placement: ``duration`` = days from the start to its end (or to ``today`` when it
still runs) and ``event`` = it ended for a reason that counts as leaving
(``codes.yaml`` end_reasons ``event: true``); a placement still running, or ended because
the worker moved to other paid work, is *censored* at its duration.

Kaplan-Meier (Kaplan & Meier 1958): at each distinct event time t_j with n_j at risk and
d_j events, ``S(t) = prod_{t_j <= t} (1 - d_j / n_j)``. Variance by Greenwood's formula,
``Var = S^2 * sum d_j / (n_j (n_j - d_j))``; the confidence interval uses the log(-log)
transform (Kalbfleisch & Prentice), which stays inside [0, 1]:
``S^exp(+z*se), S^exp(-z*se)`` with ``se = sqrt(sum d_j/(n_j(n_j-d_j))) / |log S|``.
This is the same estimator and interval as ``lifelines.KaplanMeierFitter`` (its default).
A time beyond the longest follow-up has no estimate (None), rather than carrying the last
value forward. Months are 365.25/12 days.

Groups (by route, hours band, carved job or not) with fewer than ``k`` placements are
suppressed: their figures are not shown, only that the group is too small.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import BaseModel
from scipy.stats import norm

DAYS_PER_MONTH = 365.25 / 12
MONTHS: tuple[int, ...] = (3, 6, 12, 24)


@dataclass(frozen=True)
class Curve:
    """The step function: after each distinct event time, S and Greenwood's sum."""

    times: tuple[float, ...]
    survival: tuple[float, ...]
    greenwood: tuple[float, ...]
    max_time: float
    n: int
    events: int


def kaplan_meier(durations: Sequence[float], events: Sequence[bool]) -> Curve:
    if len(durations) != len(events):
        raise ValueError("durations and events differ in length")
    pairs = sorted(zip(durations, events, strict=True))
    at_risk = len(pairs)
    s, gw = 1.0, 0.0
    times, surv, gws = [], [], []
    i = 0
    while i < len(pairs):
        t = pairs[i][0]
        d = c = 0
        while i < len(pairs) and pairs[i][0] == t:
            d += pairs[i][1]
            c += not pairs[i][1]
            i += 1
        if d:
            s *= 1 - d / at_risk
            gw = gw + d / (at_risk * (at_risk - d)) if at_risk > d else math.inf
            times.append(float(t))
            surv.append(s)
            gws.append(gw)
        at_risk -= d + c
    return Curve(
        times=tuple(times),
        survival=tuple(surv),
        greenwood=tuple(gws),
        max_time=float(max(durations)) if len(durations) else 0.0,
        n=len(pairs),
        events=int(sum(events)),
    )


class Estimate(BaseModel):
    months: int
    survival: float | None  # None: no follow-up this long
    lower: float | None
    upper: float | None
    at_risk: int


def estimate_at(
    curve: Curve, durations: Sequence[float], t: float, *, months: int = 0, alpha: float = 0.05
) -> Estimate:
    at_risk = sum(1 for d in durations if d >= t)
    if curve.n == 0 or t > curve.max_time:
        return Estimate(months=months, survival=None, lower=None, upper=None, at_risk=at_risk)
    s, gw = 1.0, 0.0
    for time, sv, g in zip(curve.times, curve.survival, curve.greenwood, strict=True):
        if time <= t:
            s, gw = sv, g
    if s <= 0.0 or s >= 1.0 or math.isinf(gw):
        return Estimate(months=months, survival=s, lower=s, upper=s, at_risk=at_risk)
    z = float(norm.ppf(1 - alpha / 2))
    se = math.sqrt(gw) / abs(math.log(s))
    return Estimate(
        months=months,
        survival=s,
        lower=s ** math.exp(z * se),
        upper=s ** math.exp(-z * se),
        at_risk=at_risk,
    )


class GroupRetention(BaseModel):
    split: str  # all | route | hours_band | carved
    group: str  # a code, or "all"
    label: str
    n: int
    events: int
    suppressed: bool
    estimates: list[Estimate]


def retention(
    durations: Sequence[float],
    events: Sequence[bool],
    *,
    split: str = "all",
    group: str = "all",
    label: str = "",
    k: int = 1,
    months: Sequence[int] = MONTHS,
) -> GroupRetention:
    """Kaplan-Meier at ``months``; a group under ``k`` placements is suppressed."""
    n = len(durations)
    if n < k:
        return GroupRetention(
            split=split, group=group, label=label, n=n, events=0, suppressed=True, estimates=[]
        )
    curve = kaplan_meier(durations, events)
    return GroupRetention(
        split=split,
        group=group,
        label=label,
        n=n,
        events=curve.events,
        suppressed=False,
        estimates=[estimate_at(curve, durations, m * DAYS_PER_MONTH, months=m) for m in months],
    )
