"""PSO-style ladder: direct and indirect social contribution, norms, trede and growth path.

An *indication* in the style of the Prestatieladder Socialer Ondernemen, not a certificate.
All figures come from ``pso_data.yaml`` (each with source and year; the sources are the
pso-nederland.nl pages on the direct and indirect contribution, the target group and the
norms, and Aanbestedingswet art. 2.82). The rules:

- **FTE** of an employee = hours per week / norm hours (default 40).
- **Employed in the reference year** Y: ``intake_date <= 31 Dec Y`` and (no ``end_date`` or
  ``end_date >= 1 Jan Y``). Others are left out entirely (with a warning).
- **Duration**: a target-group status counts only when it is still valid on 31 December of
  Y: ``intake + duration_years >= 31 Dec Y`` (``duration_years`` null = as long as the status
  lasts, assumed valid). Placements (internship, work experience, re-integration, trial)
  count at most ``placement_max_years``. An expired status keeps the person in total FTE
  with weight 0, and a warning says so.
- **direct %** = 100 x sum(FTE x group weight x contract weight) / total FTE
  (the weights multiply: a documented assumption).
- **indirect FTE** F = sum(amount / supplier turnover x supplier FTE x supplier direct % / 100);
  **raw indirect %** = 100 F / (total FTE + F).
- **cap**: indirect may be at most 80% of the total, so counted indirect % =
  min(raw, 4 x direct %) (4 = 0.8 / (1 - 0.8)); ``indirect_capped`` when it bites.
- **total %** = direct % + counted indirect %.
- **norms** by size (one table, read in ``norms.year``, used for every reference year with
  a warning when the year differs): linear interpolation between the table rows (an
  assumption: only 17 of the official 104 rows are public); size < 2 uses row 2 with a
  warning, size >= 105 the last row.
- **level**: the highest trede whose norm the total reaches, but only if at least one
  target-group person actually works there (weighted contribution > 0); below Trede 1
  ``aspirant`` when an action plan is recorded, else ``geen_trede``.
- **PSO 30+** (only at Trede 3): 100 x FTE of target-group employees / FTE of employees, where
  only contracts marked ``pso30plus`` (own payroll, no secondment or placement) count in
  both, and groups not marked ``pso30plus`` (BBL/BOL 1-2, VSO/PRO internships) are not
  target group. Unweighted FTE (assumption). Passes at ``threshold_pct`` (30).

Growth path (derivation in ``docs/pso.md``). Hiring x FTE of weight 1 (target group, regular
contract) gives ``d(x) = 100 (D + x) / (T + x)`` and ``i(x) = 100 F / (T + x + F)``, with D
the weighted FTE, T the total FTE, F the indirect FTE and n = N / 100 for target norm N.

- Direct only (F = 0): (D + x) / (T + x) = n  =>  ``x = (n T - D) / (1 - n)``.
- Uncapped, d + i = N multiplies out to the quadratic
  ``(1 - n) x^2 + (D + T + 2F - n (2T + F)) x + D (T + F) + F T - n T (T + F) = 0``
  (for F = 0 it factors as ``(x + T)((1 - n) x + D - n T)``).
- Capped (i >= 4 d), the total is ``5 d(x)``: ``5 (D + x) / (T + x) = n`` =>
  ``x = (n T - 5 D) / (5 - n)``.

The answer is the smallest root whose case actually holds, checked by substituting back.
Purchasing from a supplier with k = supplier FTE x direct % / 100 / turnover target-group FTE
per euro: the needed indirect share is m = (N - d) / 100, so ``F' = m T / (1 - m)`` and the
extra amount is ``(F' - F) / k``; impossible when N > 5 d (the cap).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from typing import Literal

from pydantic import BaseModel

from inclusief.i18n import LANGS, LocalText, t
from inclusief.pso.data import pso_data
from inclusief.pso.inputs import Employee, Purchase, SupplierProfile

Level = Literal["trede_3", "trede_2", "trede_1", "aspirant", "geen_trede"]
TREDES: tuple[Level, ...] = ("trede_1", "trede_2", "trede_3")
_EPS = 1e-9


def message(key: str, /, **params: object) -> LocalText:
    """A user-facing message from ``inclusief/locale/pso.yaml`` in both languages."""
    nl, en = (t(f"pso.msg.{key}", lang, **params) for lang in LANGS)
    return LocalText(nl=nl, en=en)


class Norms(BaseModel):
    trede_1: float
    trede_2: float
    trede_3: float

    def of(self, trede: str) -> float:
        return float(getattr(self, trede))


class EmployeeContribution(BaseModel):
    employee_id: str
    fte: float
    group_weight: float
    contract_weight: float
    status_valid: bool
    contribution_fte: float


class PurchaseGrowth(BaseModel):
    """Extra purchasing from the given supplier profile that reaches the next trede."""

    possible: bool
    amount_eur: float | None
    indirect_fte_needed: float | None = None
    reason: LocalText | None = None


class Growth(BaseModel):
    """What it takes to reach the next trede (None fields at Trede 3)."""

    next_level: Level | None
    target_pct: float | None
    gap_pct: float | None
    extra_fte: float | None
    purchase: PurchaseGrowth | None = None


class Pso30Plus(BaseModel):
    target_group_fte: float
    total_fte: float
    pct: float
    passes: bool


class LadderResult(BaseModel):
    year: int
    size: float
    total_fte: float
    weighted_fte: float
    direct_pct: float
    indirect_fte: float
    indirect_pct_raw: float
    indirect_pct: float
    indirect_capped: bool
    total_pct: float
    norms: Norms
    level: Level
    action_plan: bool
    has_target_group: bool
    pso30plus: Pso30Plus | None
    growth: Growth
    employees: list[EmployeeContribution]
    warnings: list[LocalText]
    notice: LocalText


def add_years(day: date, years: int) -> date:
    """``day`` plus whole years; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def norms_for(size: float) -> tuple[Norms, list[LocalText]]:
    """Norms by size, interpolated linearly between the table rows (documented assumption).

    >>> norms_for(55)[0].trede_1  # halfway between 50 (3.0) and 60 (2.6)
    2.8
    """
    rows = sorted(pso_data().norms.rows.items())
    sizes = [s for s, _ in rows]
    warnings: list[LocalText] = []
    if size < sizes[0]:
        warnings.append(message("size_below", size=f"{size:g}", first=sizes[0]))
        size = sizes[0]
    if size >= sizes[-1]:
        values = rows[-1][1]
    else:
        upper = next(i for i, s in enumerate(sizes) if s > size)
        (s0, v0), (s1, v1) = rows[upper - 1], rows[upper]
        share = (size - s0) / (s1 - s0)
        a = [round(lo + share * (hi - lo), 10) for lo, hi in zip(v0, v1, strict=True)]
        values = (a[0], a[1], a[2])
    return Norms(trede_1=values[0], trede_2=values[1], trede_3=values[2]), warnings


def employed_in(e: Employee, year: int) -> bool:
    """Employed at some time during ``year``."""
    return e.intake_date <= date(year, 12, 31) and (
        e.end_date is None or e.end_date >= date(year, 1, 1)
    )


def status_valid(e: Employee, year: int) -> bool:
    """The target-group status and the placement still count on 31 December of ``year``."""
    data = pso_data()
    end_of_year = date(year, 12, 31)
    group = data.target_groups.codes[e.target_group]
    if group.duration_years is not None and (
        add_years(e.intake_date, group.duration_years) < end_of_year
    ):
        return False
    contract = data.contract_types.codes[e.contract_type]
    max_years = int(data.placement_max_years.value)
    return not (contract.placement and add_years(e.intake_date, max_years) < end_of_year)


def counted_indirect(direct_pct: float, indirect_pct_raw: float) -> float:
    """Counted indirect % = min(raw, 4 x direct %): indirect at most 80% of the total."""
    return min(indirect_pct_raw, direct_pct * pso_data().cap_factor)


def share_pct(part: float, whole: float) -> float:
    """``part`` as a percentage of ``whole`` (0 when ``whole`` is 0). The part is never more
    than the whole here, so float noise above 100 (100.00000000000001) is cut off."""
    return min(100.0, 100 * part / whole) if whole else 0.0


def total_pct(weighted_fte: float, total_fte: float, indirect_fte: float) -> float:
    """Total % from D, T and F (the formulas in the module docstring)."""
    direct = share_pct(weighted_fte, total_fte)
    raw = share_pct(indirect_fte, total_fte + indirect_fte)
    return direct + counted_indirect(direct, raw)


def extra_fte_needed(
    *, weighted_fte: float, total_fte: float, indirect_fte: float, target_pct: float
) -> float | None:
    """Smallest x >= 0 of weight-1 target-group FTE that lifts the total to ``target_pct``.

    Solves both cases in closed form (see the module docstring) and keeps the smallest root
    whose case holds when substituted back. ``None`` when no hire can reach the target.

    >>> round(extra_fte_needed(weighted_fte=1, total_fte=20, indirect_fte=0, target_pct=5.1), 6)
    0.021075
    """
    d, tt, f, n = weighted_fte, total_fte, indirect_fte, target_pct / 100
    if n >= 1:
        return None
    if d > 0 and total_pct(d, tt, f) >= target_pct - _EPS:
        return 0.0
    candidates: list[float] = []
    a = 1 - n
    b = d + tt + 2 * f - n * (2 * tt + f)
    c = d * (tt + f) + f * tt - n * tt * (tt + f)
    disc = b * b - 4 * a * c
    if disc >= 0:
        root = math.sqrt(disc)
        candidates += [(-b + root) / (2 * a), (-b - root) / (2 * a)]
    k = 1 + pso_data().cap_factor  # 5: total = 5 x direct when the cap binds
    if k > n:
        candidates.append((n * tt - k * d) / (k - n))
    for x in sorted(c for c in candidates if c > 0):
        if total_pct(d + x, tt + x, f) >= target_pct - 1e-7:
            return x
    return None


def purchase_needed(
    *,
    weighted_fte: float,
    total_fte: float,
    indirect_fte: float,
    target_pct: float,
    supplier: SupplierProfile,
) -> PurchaseGrowth:
    """Extra yearly purchasing from ``supplier`` that lifts the total to ``target_pct``.

    m = (N - d) / 100, F' = m T / (1 - m), amount = (F' - F) / k with
    k = supplier FTE x direct % / 100 / turnover. Impossible when N > 5 d (80% cap).
    """
    direct = share_pct(weighted_fte, total_fte)
    max_total = direct * (1 + pso_data().cap_factor)
    share = pso_data().indirect_max_share.value
    if direct <= 0:
        return PurchaseGrowth(possible=False, amount_eur=None, reason=message("purchase_no_direct"))
    if target_pct > max_total + _EPS:
        return PurchaseGrowth(
            possible=False,
            amount_eur=None,
            reason=message(
                "purchase_cap",
                share=f"{share:.0%}",
                direct=f"{direct:.2f}",
                max=f"{max_total:.2f}",
                target=f"{target_pct:.2f}",
            ),
        )
    m = (target_pct - direct) / 100
    per_euro = supplier.fte * supplier.direct_pct / 100 / supplier.turnover_eur
    needed_fte = m * total_fte / (1 - m)
    return PurchaseGrowth(
        possible=True,
        amount_eur=max(needed_fte - indirect_fte, 0.0) / per_euro,
        indirect_fte_needed=needed_fte,
    )


def indirect_fte_of(purchases: Sequence[Purchase]) -> float:
    """Sum of amount / turnover x supplier FTE x supplier direct % / 100."""
    return sum(
        p.amount_eur / p.supplier_turnover_eur * p.supplier_fte * p.supplier_direct_pct / 100
        for p in purchases
    )


def _pso30plus(employed: list[Employee], year: int) -> Pso30Plus:
    data = pso_data()
    staff = [e for e in employed if data.contract_types.codes[e.contract_type].pso30plus]
    total = sum(e.hours_per_week / e.norm_hours for e in staff)
    in_group = sum(
        e.hours_per_week / e.norm_hours
        for e in staff
        if data.target_groups.codes[e.target_group].pso30plus
        and data.target_groups.codes[e.target_group].weight > 0
        and status_valid(e, year)
    )
    pct = share_pct(in_group, total)
    return Pso30Plus(
        target_group_fte=in_group,
        total_fte=total,
        pct=pct,
        passes=pct >= data.pso30plus.threshold_pct - _EPS,
    )


def compute_ladder(
    *,
    employees: Sequence[Employee],
    year: int,
    size: float | None = None,
    purchases: Sequence[Purchase] | None = None,
    action_plan: bool = False,
    supplier: SupplierProfile | None = None,
) -> LadderResult:
    """The PSO-style indication for one organisation and reference year.

    ``size`` defaults to the headcount employed in ``year`` (documented assumption).
    """
    data = pso_data()
    warnings: list[LocalText] = []
    employed = [e for e in employees if employed_in(e, year)]
    if len(employed) < len(employees):
        warnings.append(message("not_employed", n=len(employees) - len(employed), year=year))
    contributions = []
    for e in employed:
        fte = e.hours_per_week / e.norm_hours
        group = data.target_groups.codes[e.target_group]
        contract = data.contract_types.codes[e.contract_type]
        valid = status_valid(e, year)
        if not valid and group.weight > 0:
            warnings.append(message("expired", id=e.employee_id, group=e.target_group, year=year))
        contributions.append(
            EmployeeContribution(
                employee_id=e.employee_id,
                fte=fte,
                group_weight=group.weight,
                contract_weight=contract.weight,
                status_valid=valid,
                contribution_fte=fte * group.weight * contract.weight if valid else 0.0,
            )
        )
    total_fte = sum(c.fte for c in contributions)
    weighted = sum(c.contribution_fte for c in contributions)
    direct = share_pct(weighted, total_fte)
    indirect_fte = indirect_fte_of(purchases or [])
    raw = share_pct(indirect_fte, total_fte + indirect_fte)
    counted = counted_indirect(direct, raw)
    capped = counted < raw - 1e-12
    total = direct + counted
    size_used = float(size) if size is not None else float(len(employed))
    norms, norm_warnings = norms_for(size_used)
    warnings += norm_warnings
    if year != data.norms.year:
        warnings.append(message("norms_year", year=year, norms_year=data.norms.year))
    has_tg = weighted > 0
    if not has_tg:
        warnings.append(message("no_target_group"))
    if capped:
        warnings.append(
            message(
                "capped",
                share=f"{data.indirect_max_share.value:.0%}",
                raw=f"{raw:.2f}",
                counted=f"{counted:.2f}",
            )
        )
    level: Level = "aspirant" if action_plan else "geen_trede"
    if has_tg:
        for trede in TREDES:
            if total >= norms.of(trede) - _EPS:
                level = trede
    return LadderResult(
        year=year,
        size=size_used,
        total_fte=total_fte,
        weighted_fte=weighted,
        direct_pct=direct,
        indirect_fte=indirect_fte,
        indirect_pct_raw=raw,
        indirect_pct=counted,
        indirect_capped=capped,
        total_pct=total,
        norms=norms,
        level=level,
        action_plan=action_plan,
        has_target_group=has_tg,
        pso30plus=_pso30plus(employed, year) if level == "trede_3" else None,
        growth=growth_path(
            level=level,
            norms=norms,
            weighted_fte=weighted,
            total_fte=total_fte,
            indirect_fte=indirect_fte,
            supplier=supplier,
        ),
        employees=contributions,
        warnings=warnings,
        notice=data.notice,
    )


def growth_path(
    *,
    level: Level,
    norms: Norms,
    weighted_fte: float,
    total_fte: float,
    indirect_fte: float,
    supplier: SupplierProfile | None,
) -> Growth:
    """Extra target-group FTE (and, given a supplier, purchasing) for the next trede."""
    if level == "trede_3":
        return Growth(next_level=None, target_pct=None, gap_pct=None, extra_fte=None)
    next_level: Level = TREDES[TREDES.index(level) + 1] if level in TREDES else "trede_1"
    target = norms.of(next_level)
    extra = extra_fte_needed(
        weighted_fte=weighted_fte,
        total_fte=total_fte,
        indirect_fte=indirect_fte,
        target_pct=target,
    )
    purchase = (
        purchase_needed(
            weighted_fte=weighted_fte,
            total_fte=total_fte,
            indirect_fte=indirect_fte,
            target_pct=target,
            supplier=supplier,
        )
        if supplier is not None
        else None
    )
    gap = max(target - total_pct(weighted_fte, total_fte, indirect_fte), 0.0)
    return Growth(
        next_level=next_level, target_pct=target, gap_pct=gap, extra_fte=extra, purchase=purchase
    )
