"""One PSO-style calculation: ladder, Banenafspraak and quality criteria together.

This is what the CLI prints, the app shows and a report can render. ``summary(lang)`` is the
documented JSON shape of ``inclusief pso --format json``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel

from inclusief.errors import InputError
from inclusief.i18n import t
from inclusief.pso.banenafspraak import BanenafspraakResult, compute_banenafspraak
from inclusief.pso.data import SectorChoice, pso_data
from inclusief.pso.inputs import Employee, Purchase, SupplierProfile, TableInfo
from inclusief.pso.ladder import LadderResult, compute_ladder
from inclusief.questionnaires.results import ScanResult

FIRST_YEAR = 2000
LAST_YEAR = 2100
"""Reference years the CLI and the app accept (the same bounds in both)."""


def default_year(today: date | None = None) -> int:
    """The usual reference year: last year (a PSO measurement made in 2026 looks at 2025)."""
    return (today or date.today()).year - 1


def check_year(year: int) -> None:
    """Refuse a reference year outside FIRST_YEAR..LAST_YEAR with an InputError."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputError.single(
            "arguments", t("pso.year_range", "en", first=FIRST_YEAR, last=LAST_YEAR), field="year"
        )


class PsoOutcome(BaseModel):
    ladder: LadderResult
    banenafspraak: BanenafspraakResult
    quality: ScanResult | None = None
    inputs: list[TableInfo] = []  # how each file was read (encoding, delimiter)

    @property
    def year(self) -> int:
        """The reference year (the ladder's and the Banenafspraak's, always the same)."""
        return self.ladder.year

    def summary(self, lang: str = "nl") -> dict[str, Any]:
        """The JSON shape of ``inclusief pso --format json`` (texts in ``lang``)."""
        lad, ba = self.ladder, self.banenafspraak
        growth = lad.growth
        purchase = growth.purchase
        return {
            "notice": lad.notice.get(lang),
            "year": lad.year,
            "size": lad.size,
            "total_fte": lad.total_fte,
            "weighted_fte": lad.weighted_fte,
            "direct_pct": lad.direct_pct,
            "indirect_fte": lad.indirect_fte,
            "indirect_pct": lad.indirect_pct,
            "indirect_pct_uncapped": lad.indirect_pct_raw,
            "indirect_capped": lad.indirect_capped,
            "total_pct": lad.total_pct,
            "norms": lad.norms.model_dump(),
            "level": lad.level,
            "action_plan": lad.action_plan,
            "has_target_group": lad.has_target_group,
            "pso30plus_pct": None if lad.pso30plus is None else lad.pso30plus.pct,
            "pso30plus": None if lad.pso30plus is None else lad.pso30plus.passes,
            "pso30plus_threshold_pct": pso_data().pso30plus.threshold_pct,
            "growth": {
                "next_level": growth.next_level,
                "target_pct": growth.target_pct,
                "gap_pct": growth.gap_pct,
                "extra_fte": growth.extra_fte,
                "purchase": None
                if purchase is None
                else {
                    "possible": purchase.possible,
                    "amount_eur": purchase.amount_eur,
                    "indirect_fte_needed": purchase.indirect_fte_needed,
                    "reason": None if purchase.reason is None else purchase.reason.get(lang),
                },
            },
            "banenafspraak": {
                "notice": ba.notice.get(lang),
                "year": ba.year,
                "regime": ba.regime,
                "regime_name": None if ba.regime_name is None else ba.regime_name.get(lang),
                "sector": ba.sector,
                "sector_choice": ba.sector_choice,
                "status": ba.status,
                "jobs": ba.jobs,
                "register_basis": ba.register_basis,
                "register_unknown": ba.register_unknown,
                "employees": ba.employees,
                "paid_hours_year": ba.paid_hours_year,
                "hours_threshold": ba.hours_threshold,
                "hours_threshold_assumed": ba.hours_threshold_assumed,
                "quota_applies": ba.quota_applies,
                "quota_pct": ba.quota_pct,
                "quota_source": ba.quota_source,
                "quota_single_source": ba.quota_single_source,
                "required_jobs": ba.required_jobs,
                "missing_jobs": ba.missing_jobs,
                "surplus_jobs": ba.surplus_jobs,
                "activated": ba.activated,
                "activation_source": ba.activation_source,
                "due_eur": ba.due_eur,
                "scenarios": [
                    {
                        "kind": sc.kind,
                        "jobs": sc.jobs,
                        "amount_eur": sc.amount_eur,
                        "basis": sc.basis.get(lang),
                    }
                    for sc in ba.scenarios
                ],
                "messages": [m.get(lang) for m in ba.messages],
            },
            "inputs": [i.model_dump() for i in self.inputs],
            "quality": None
            if self.quality is None
            else {
                "questionnaire": self.quality.questionnaire_id,
                "overall_index": self.quality.overall_index,
                "profile": self.quality.profile_id,
                "profile_label": self.quality.profile_label,
                "dimensions": {
                    d.id: {"score": d.score, "band": d.band_id, "advice": d.advice}
                    for d in self.quality.dimensions
                },
            },
            "warnings": [w.get(lang) for w in lad.warnings],
        }


def calculate(
    *,
    employees: Sequence[Employee],
    year: int,
    size: float | None = None,
    purchases: Sequence[Purchase] | None = None,
    action_plan: bool = False,
    supplier: SupplierProfile | None = None,
    quality: ScanResult | None = None,
    sector: SectorChoice = "markt",
    inputs: Sequence[TableInfo] = (),
) -> PsoOutcome:
    """Ladder and Banenafspraak for one organisation and year (quality is scored by the caller).

    Any reference year works: the ladder does not depend on the Banenafspraak, and a year
    without quota figures gives a Banenafspraak part that says so
    (``status == "figures_missing"``). A year outside FIRST_YEAR..LAST_YEAR raises
    :class:`~inclusief.errors.InputError`.
    """
    check_year(year)
    ladder = compute_ladder(
        employees=employees,
        year=year,
        size=size,
        purchases=purchases,
        action_plan=action_plan,
        supplier=supplier,
    )
    banen = compute_banenafspraak(employees=employees, year=year, sector=sector)
    return PsoOutcome(ladder=ladder, banenafspraak=banen, quality=quality, inputs=list(inputs))
