"""Banenafspraak: counted jobs, the law in force, whether the quota applies, and what is due.

An *estimate*, not the UWV measurement. Figures come from ``banenafspraak.yaml`` (each with
source and year; a figure that was not found is null there). The rules:

- **jobs** = weekly hours of employees *registered in the doelgroepregister* / 25.5 (one job
  = 25.5 paid hours a week; werkgeverslijn.nl, denormaalstezaak.nl). Register status comes
  from the list's ``in_doelgroepregister`` column (ja / nee / onbekend; only ``ja`` counts).
  A list without the column falls back to the target-group codes under
  ``doelgroepregister.codes``, and the result says so (``register_basis == "code"``).
- **paid hours a year** = sum of weekly hours x 52; trial placements are not paid work.
- **regime**: the Wet bqa (quota levy) up to 2025, the Wet banenafspraak from 2026.
- A year without figures (``status == "figures_missing"``) still has the job count; the
  quota part says that figures for the year are missing, and the PSO ladder stands.
- The **quota applies** when paid hours a year exceed the year's hours threshold (the law's
  way of saying 25 employees; headcount is only a reading aid): otherwise
  ``status == "not_applicable"`` ("niet van toepassing").
- **required jobs** = quota % of the sector / 100 x paid hours a year / 1,326 (25.5 x 52);
  the sector is ``markt`` or ``overheid`` (``onderwijs`` counts as ``overheid``).
- **activated**: the quota scheme only bites once activated for the year and sector. When it
  is not (``status == "not_activated"``) nothing is due (``due_eur == 0``), and the levy,
  surcharge or bonus appear only as labelled scenarios. When activation is unknown
  (``status == "activation_unknown"``) ``due_eur`` is None: no amount is claimed.
- **amounts** only from figures that were found: the Wet bqa levy is EUR 5,000 per missing
  job; the new law's surcharge rate and bonus amount were not found, so their scenarios
  carry no amount.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, model_validator

from inclusief.i18n import LANGS, LocalText, t
from inclusief.pso.data import MaybeFigure, RegimeId, Sector, SectorChoice, banenafspraak_data
from inclusief.pso.inputs import Employee
from inclusief.pso.ladder import employed_in, message

Status = Literal[
    "figures_missing", "not_applicable", "not_activated", "activation_unknown", "activated"
]


class Scenario(BaseModel):
    """What would be due or paid if the quota scheme were activated: never an amount due."""

    kind: Literal["levy", "surcharge", "bonus"]
    jobs: float  # missing jobs (levy, surcharge) or jobs above the quota (bonus)
    amount_eur: float | None  # None: the rate or amount was not found
    basis: LocalText


class BanenafspraakResult(BaseModel):
    year: int
    regime: RegimeId | None
    regime_name: LocalText | None
    sector: Sector
    sector_choice: SectorChoice
    status: Status
    jobs: float
    target_group_hours_week: float
    register_basis: Literal["column", "code"]
    register_unknown: int  # people whose register status is "onbekend" (not counted)
    employees: int
    paid_hours_year: float
    hours_threshold: float | None
    hours_threshold_assumed: bool
    hours_threshold_source: str | None
    quota_applies: bool | None
    quota_pct: float | None
    quota_source: str | None
    quota_single_source: bool
    required_jobs: float | None
    missing_jobs: float | None
    surplus_jobs: float | None
    activated: bool | None
    activation_source: str | None
    due_eur: float | None  # what is actually due; None when that cannot be known
    scenarios: list[Scenario]
    messages: list[LocalText]
    notice: LocalText

    @model_validator(mode="before")
    @classmethod
    def _older_shape(cls, value: Any) -> Any:
        """A result saved before issue #13 (with ``levy_eur``, without ``status``) is
        re-assessed under the law as the data file now has it, from the hours it stored;
        its jobs were counted by target-group code, so ``register_basis`` is ``code``."""
        if isinstance(value, dict) and "status" not in value and "levy_eur" in value:
            weeks = banenafspraak_data().weeks_per_year.value
            return assess_banenafspraak(
                year=int(value["year"]),
                sector="markt",
                target_group_hours_week=float(value["target_group_hours_week"]),
                paid_hours_week=float(value["paid_hours_year"]) / weeks,
                employees=int(value["employees"]),
                register_basis="code",
            ).model_dump()
        return value


def compute_banenafspraak(
    *, employees: Sequence[Employee], year: int, sector: SectorChoice = "markt"
) -> BanenafspraakResult:
    """Banenafspraak jobs, quota and what is due for ``year`` (rules in the module doc).

    Never raises for an unknown year: the result then has ``status == "figures_missing"``.
    """
    data = banenafspraak_data()
    register_codes = set(data.doelgroepregister.codes)
    unpaid = set(data.unpaid_contracts.codes)
    # trial placements are not paid employment: neither jobs nor paid hours
    employed = [e for e in employees if employed_in(e, year) and e.contract_type not in unpaid]
    by_code = any(e.in_register is None for e in employed)
    tg_hours = sum(
        e.hours_per_week
        for e in employed
        if e.in_register == "ja" or (e.in_register is None and e.target_group in register_codes)
    )
    return assess_banenafspraak(
        year=year,
        sector=sector,
        target_group_hours_week=tg_hours,
        paid_hours_week=sum(e.hours_per_week for e in employed),
        employees=len(employed),
        register_basis="code" if by_code else "column",
        register_unknown=sum(1 for e in employed if e.in_register == "onbekend"),
    )


def assess_banenafspraak(
    *,
    year: int,
    sector: SectorChoice,
    target_group_hours_week: float,
    paid_hours_week: float,
    employees: int,
    register_basis: Literal["column", "code"],
    register_unknown: int = 0,
) -> BanenafspraakResult:
    """The law of ``year`` applied to counted hours (the second half of
    :func:`compute_banenafspraak`; also re-assesses results saved in an older shape)."""
    data = banenafspraak_data()
    used_sector = data.sectors.choices[sector]
    tg_hours = target_group_hours_week
    jobs = tg_hours / data.hours_per_job.value
    paid_year = paid_hours_week * data.weeks_per_year.value
    by_code = register_basis == "code"
    unknown = register_unknown
    regime = data.regime_for(year)
    messages: list[LocalText] = []
    if by_code:
        messages.append(message("ba_register_assumed"))
    if unknown:
        messages.append(message("ba_register_unknown", n=unknown))
    base = {
        "year": year,
        "regime": regime,
        "regime_name": data.regimes[regime].name if regime else None,
        "sector": used_sector,
        "sector_choice": sector,
        "jobs": jobs,
        "target_group_hours_week": tg_hours,
        "register_basis": "code" if by_code else "column",
        "register_unknown": unknown,
        "employees": employees,
        "paid_hours_year": paid_year,
        "notice": data.notice,
    }
    figures = data.figures(year)
    if figures is None:
        known = ", ".join(str(y) for y in sorted(data.years))
        messages.insert(0, message("ba_figures_missing", year=year, known=known))
        return BanenafspraakResult(
            **base,  # type: ignore[arg-type]
            status="figures_missing",
            hours_threshold=None,
            hours_threshold_assumed=False,
            hours_threshold_source=None,
            quota_applies=None,
            quota_pct=None,
            quota_source=None,
            quota_single_source=False,
            required_jobs=None,
            missing_jobs=None,
            surplus_jobs=None,
            activated=None,
            activation_source=None,
            due_eur=None,
            scenarios=[],
            messages=messages,
        )
    threshold = figures.hours_threshold
    applies = None if threshold.value is None else paid_year > threshold.value
    if threshold.assumed:
        hours = threshold.value or 0.0
        messages.append(
            LocalText(
                **{
                    lang: t(
                        "pso.msg.ba_threshold_assumed", lang, hours=_whole(hours, lang), year=year
                    )
                    for lang in LANGS
                }
            )
        )
    quota = figures.quota_pct.of(used_sector)
    required = (
        None if quota.value is None else quota.value / 100 * paid_year / data.hours_per_job_year
    )
    if quota.value is None:
        messages.append(message("ba_quota_missing", year=year))
    missing = None if required is None else max(0.0, required - jobs)
    surplus = None if required is None else max(0.0, jobs - required)
    flag = figures.activated.of(used_sector)
    status: Status
    scenarios: list[Scenario] = []
    due: float | None
    if applies is False:
        status, due = "not_applicable", 0.0
    else:
        if flag.value is True:
            status = "activated"
        elif flag.value is False:
            status = "not_activated"
        else:
            status = "activation_unknown"
        due = _due(status, figures.regime, missing, figures.levy_eur_per_job)
        if status != "activated":
            scenarios = _scenarios(figures.regime, missing, surplus, figures.levy_eur_per_job)
    return BanenafspraakResult(
        **base,  # type: ignore[arg-type]
        status=status,
        hours_threshold=threshold.value,
        hours_threshold_assumed=threshold.assumed,
        hours_threshold_source=threshold.source,
        quota_applies=applies,
        quota_pct=quota.value,
        quota_source=quota.source,
        quota_single_source=quota.single_source,
        required_jobs=required,
        missing_jobs=missing,
        surplus_jobs=surplus,
        activated=flag.value,
        activation_source=flag.source,
        due_eur=due,
        scenarios=scenarios,
        messages=messages,
    )


def _due(
    status: Status, regime: RegimeId, missing: float | None, levy: MaybeFigure | None
) -> float | None:
    """What is actually due: 0 when the scheme is not activated; an amount only from figures
    that were found (the Wet bqa levy); None when it cannot be known."""
    if status == "not_activated":
        return 0.0
    if status != "activated" or missing is None:
        return None
    if regime == "wet_bqa" and levy is not None and levy.value is not None:
        return missing * levy.value
    return None  # the new law's surcharge rate was not found


def _whole(value: float, lang: str) -> str:
    """``40.575`` / ``40,575`` (the shared formatter lives above the domain until #11)."""
    text = f"{value:,.0f}"
    return text.replace(",", ".") if lang == "nl" else text


def _euro(value: float, lang: str) -> str:
    """``€ 5.000`` / ``€5,000``."""
    return f"€ {_whole(value, lang)}" if lang == "nl" else f"€{_whole(value, lang)}"


def _scenarios(
    regime: RegimeId, missing: float | None, surplus: float | None, levy: MaybeFigure | None
) -> list[Scenario]:
    data = banenafspraak_data()
    if missing is None or surplus is None:
        return []
    if regime == "wet_bqa":
        per_job = levy.value if levy is not None else None
        basis = (
            message("ba_levy_unknown")
            if per_job is None
            else LocalText(
                **{
                    lang: t("pso.msg.ba_levy_basis", lang, per_job=_euro(per_job, lang))
                    for lang in LANGS
                }
            )
        )
        amount = None if per_job is None else missing * per_job
        return [Scenario(kind="levy", jobs=missing, amount_eur=amount, basis=basis)]
    out: list[Scenario] = []
    if missing > 0:
        out.append(
            Scenario(kind="surcharge", jobs=missing, amount_eur=None, basis=data.surcharge.basis)
        )
    if surplus > 0:
        out.append(Scenario(kind="bonus", jobs=surplus, amount_eur=None, basis=data.bonus.basis))
    return out
