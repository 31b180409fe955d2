"""The honest business case of carved jobs: separate lines, never time counted as cash.

Per carved job and in total (figures of one calendar year, from ``money.yaml``):

a. **staff time freed**: hours per week per source role and their value at the role's hourly
   employer cost (the engine's ``value_eur``). This is time the school can use otherwise, not
   money it saves: it never enters the cash lines.
b. **the new job's yearly cost**: paid hours a year (contract hours per week x 52, the same
   basis as the staff roles' hourly cost) x the candidate's gross hourly wage x (1 + holiday
   pay + year-end bonus) x (1 + employer charges), the sector's figures. The wage is never
   below the legal minimum wage of the year nor the collective agreement's lowest wage; a
   lower wage given is raised to that floor (``wage_raised``). With *loondispensatie* the
   employer pays only the loonwaarde share of that cost (UWV tops up the worker's income).
   Plus the accommodations of the job (catalogue figures).
c. **income from schemes**: the *loonkostensubsidie* when a loonwaarde below 100% is stated
   (Participatiewet art. 10d: (minimum wage - loonwaarde) x paid hours, at most 70% of the
   minimum wage, with holiday pay and the charges' percentage); the *LKV doelgroep
   banenafspraak* for a candidate in the doelgroepregister (per paid hour, capped per year,
   at most three years); the jobcoach and the workplace adjustments when UWV or the
   municipality pays them.
d. **the no-riskpolis**: an avoided risk (sick pay the employer does not carry), said in words,
   never an amount.
e. **the net cash effect per year**: income from schemes minus the job's cost (time freed not
   counted), and the funding the sector names (schools: werkdrukmiddelen), in words.

A year without figures in ``money.yaml`` (or an inventory whose sector has no pay rules there)
gets no amounts for (b), (c) and (e): they are ``None`` and ``missing`` says why.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Literal

from pydantic import Field

from inclusief.i18n import LocalText, t
from inclusief.jobcarving.fit import load_accommodations
from inclusief.jobcarving.model import (
    WEEKS_PER_YEAR,
    CarvedJob,
    CarvingResult,
    Inventory,
    _Strict,
)
from inclusief.yamlio import load_yaml

DEFAULT_YEAR = 2026
Scheme = Literal["none", "loonkostensubsidie", "loondispensatie"]


class MinimumWage(_Strict):
    hourly_eur: float = Field(gt=0)
    age: str
    valid_from: str
    source: str
    note: str | None = None


class LkvFigures(_Strict):
    per_paid_hour_eur: float = Field(ge=0)
    max_per_year_eur: float = Field(ge=0)
    max_years: int = Field(ge=1)
    source: str


class LksFigures(_Strict):
    employer_charges_pct: float = Field(ge=0, le=100)
    holiday_pay_pct: float = Field(ge=0, le=100)
    max_share_of_minimum_wage_pct: float = Field(gt=0, le=100)
    source: str
    note: str | None = None


class YearFigures(_Strict):
    minimum_wage: MinimumWage
    lkv_banenafspraak: LkvFigures
    loonkostensubsidie: LksFigures


class SectorPay(_Strict):
    cao: str
    holiday_pay_pct: float = Field(ge=0, le=100)
    year_end_bonus_pct: float = Field(ge=0, le=100)
    employer_charges_pct: float = Field(ge=0, le=100)
    source: str
    cao_minimum_hourly_eur: float | None = Field(default=None, gt=0)
    cao_minimum_valid_from: str | None = None
    cao_minimum_source: str
    cao_minimum_note: str | None = None
    funding: LocalText
    funding_source: str

    @property
    def cost_factor(self) -> float:
        """Employer cost per euro of gross hourly wage."""
        bonuses = 1 + (self.holiday_pay_pct + self.year_end_bonus_pct) / 100
        return bonuses * (1 + self.employer_charges_pct / 100)


class MoneyData(_Strict):
    years: dict[int, YearFigures]
    sectors: dict[str, SectorPay]
    sector_aliases: dict[str, str]

    def sector(self, name: str) -> SectorPay | None:
        key = self.sector_aliases.get(name, name)
        return self.sectors.get(key)


@cache
def load_money() -> MoneyData:
    """The year-bound figures of ``money.yaml`` (each with its source)."""
    ref = resources.files("inclusief.jobcarving") / "money.yaml"
    data = load_yaml(ref.read_text(encoding="utf-8"), file="money.yaml")
    return MoneyData.model_validate(data)


class Support(_Strict):
    """What the consultant states about one job's pay and schemes (inputs, not rules)."""

    hourly_wage_eur: float | None = Field(default=None, gt=0, allow_inf_nan=False)
    """Gross hourly wage agreed; ``None`` = the floor (minimum wage or the cao's lowest)."""
    scheme: Scheme = "none"
    """``loonkostensubsidie`` (municipality pays the difference to the loonwaarde) or
    ``loondispensatie`` (the employer pays only the loonwaarde share)."""
    loonwaarde_pct: float = Field(default=100, ge=30, le=100)
    """Loonwaarde measured for the person (percentage of the minimum wage's productivity)."""
    in_register: bool = True
    """In the doelgroepregister (counts for the Banenafspraak; LKV and no-riskpolis)."""
    jobcoach_funded: bool = True
    """The jobcoach is paid by UWV or the municipality (usual for the doelgroep)."""
    adjustments_funded: bool = False
    """The workplace adjustments are paid by UWV or the municipality (apply for it first)."""


class RoleRelief(_Strict):
    role: str
    name: LocalText
    hours_per_week: float
    value_eur: float
    relieved_use: LocalText


class JobCase(_Strict):
    candidate: str
    pseudonym: str
    hours_per_week: float
    """The week with every task (as in the timetable)."""
    contract_hours_per_week: float
    """Average hours per working week over the year: the contract."""
    paid_hours_per_year: float
    roles: list[RoleRelief]
    value_eur: float
    """(a) Value of the staff time freed: time, not cash."""
    hourly_wage_eur: float | None
    wage_raised: bool = False
    """The wage given was below the floor and was raised to it."""
    hourly_cost_eur: float | None
    wage_cost_eur: float | None
    """(b) Yearly wage cost with bonuses and employer charges (loonwaarde share with
    loondispensatie)."""
    accommodation_cost_eur: float
    jobcoach_cost_eur: float
    lks_eur: float | None
    lkv_eur: float | None
    lkv_years: int = 0
    jobcoach_funding_eur: float
    adjustment_funding_eur: float
    scheme: Scheme = "none"
    loonwaarde_pct: float = 100
    in_register: bool = True
    net_cash_eur: float | None
    """(e) Income from schemes minus the job's cost; time freed is not in it."""


class BusinessCase(_Strict):
    year: int
    jobs: list[JobCase]
    roles: list[RoleRelief]
    hours_per_week: float
    value_eur: float
    wage_cost_eur: float | None
    accommodation_cost_eur: float
    jobcoach_cost_eur: float
    lks_eur: float | None
    lkv_eur: float | None
    jobcoach_funding_eur: float
    adjustment_funding_eur: float
    net_cash_eur: float | None
    missing: LocalText | None = None
    """Why no amounts are shown (no figures for the year or the sector)."""
    funding: LocalText | None = None
    """The funding the sector names (schools: werkdrukmiddelen)."""
    sources: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    weeks_per_year: int = WEEKS_PER_YEAR


def _text(key: str, **params: object) -> LocalText:
    return LocalText(nl=t(key, "nl", **params), en=t(key, "en", **params))


def wage_floor(year: YearFigures, sector: SectorPay) -> float:
    """The lowest gross hourly wage allowed: the legal minimum or the cao's lowest."""
    return max(year.minimum_wage.hourly_eur, sector.cao_minimum_hourly_eur or 0.0)


def _job_case(
    inventory: Inventory,
    job: CarvedJob,
    s: Support,
    year: YearFigures | None,
    sector: SectorPay | None,
) -> JobCase:
    catalogue = load_accommodations()
    roles = {r.id: r for r in inventory.roles}
    contract = job.hours_per_working_week or job.hours
    paid = round(contract * WEEKS_PER_YEAR, 4)
    coach = round(
        sum(
            a.cost_per_year_eur
            for a in job.accommodations
            if a.id in catalogue and catalogue[a.id].kind == "support"
        ),
        2,
    )
    adjust = round(sum(a.cost_per_year_eur for a in job.accommodations) - coach, 2)
    relief = [
        RoleRelief(
            role=r,
            name=roles[r].name,
            hours_per_week=h,
            value_eur=round(h * roles[r].hourly_cost_eur * WEEKS_PER_YEAR, 2),
            relieved_use=roles[r].relieved_use,
        )
        for r, h in job.hours_by_role.items()
    ]
    coach_funding = coach if s.jobcoach_funded else 0.0
    adjust_funding = adjust if s.adjustments_funded else 0.0
    base = {
        "candidate": job.candidate,
        "pseudonym": job.pseudonym,
        "hours_per_week": job.hours,
        "contract_hours_per_week": round(contract, 4),
        "paid_hours_per_year": paid,
        "roles": relief,
        "value_eur": job.value_eur,
        "accommodation_cost_eur": adjust,
        "jobcoach_cost_eur": coach,
        "jobcoach_funding_eur": coach_funding,
        "adjustment_funding_eur": adjust_funding,
        "scheme": s.scheme,
        "loonwaarde_pct": s.loonwaarde_pct,
        "in_register": s.in_register,
    }
    if year is None or sector is None:
        return JobCase(
            **base,
            hourly_wage_eur=None,
            hourly_cost_eur=None,
            wage_cost_eur=None,
            lks_eur=None,
            lkv_eur=None,
            net_cash_eur=None,
        )
    floor = wage_floor(year, sector)
    wage = s.hourly_wage_eur if s.hourly_wage_eur is not None else floor
    raised = wage < floor - 1e-9
    wage = max(wage, floor)
    hourly_cost = wage * sector.cost_factor
    wage_cost = paid * hourly_cost
    short = max(0.0, 1 - s.loonwaarde_pct / 100)
    lks = 0.0
    if s.scheme == "loondispensatie":
        wage_cost *= s.loonwaarde_pct / 100
    elif s.scheme == "loonkostensubsidie" and short > 0:
        f = year.loonkostensubsidie
        share = min(short, f.max_share_of_minimum_wage_pct / 100)
        lks = (
            share
            * year.minimum_wage.hourly_eur
            * paid
            * (1 + f.holiday_pay_pct / 100)
            * (1 + f.employer_charges_pct / 100)
        )
    lkv_f = year.lkv_banenafspraak
    lkv = min(lkv_f.per_paid_hour_eur * paid, lkv_f.max_per_year_eur) if s.in_register else 0.0
    net = -wage_cost - adjust - coach + lks + lkv + coach_funding + adjust_funding
    return JobCase(
        **base,
        hourly_wage_eur=round(wage, 4),
        wage_raised=raised,
        hourly_cost_eur=round(hourly_cost, 4),
        wage_cost_eur=round(wage_cost, 2),
        lks_eur=round(lks, 2),
        lkv_eur=round(lkv, 2),
        lkv_years=lkv_f.max_years if s.in_register else 0,
        net_cash_eur=round(net, 2),
    )


def _sum(values: list[float | None]) -> float | None:
    if any(v is None for v in values):
        return None
    return round(sum(v for v in values if v is not None), 2)


def business_case(
    inventory: Inventory,
    result: CarvingResult,
    support: dict[str, Support] | Support | None = None,
    *,
    year: int = DEFAULT_YEAR,
) -> BusinessCase:
    """The business case of ``result`` in ``year``; ``support`` per candidate id or one for
    every job."""
    money = load_money()
    figures = money.years.get(year)
    sector = money.sector(inventory.sector)
    missing: LocalText | None = None
    if figures is None:
        missing = _text(
            "carving_advice.money.missing_year",
            year=year,
            years=", ".join(str(y) for y in sorted(money.years)),
        )
    elif sector is None:
        missing = _text("carving_advice.money.missing_sector", sector=inventory.sector)
    jobs: list[JobCase] = []
    for job in result.jobs:
        s = support.get(job.candidate) if isinstance(support, dict) else support
        jobs.append(_job_case(inventory, job, s or Support(), figures, sector))
    total_by_role: dict[str, float] = {}
    for job in result.jobs:
        for r, h in job.hours_by_role.items():
            total_by_role[r] = total_by_role.get(r, 0.0) + h
    roles = {r.id: r for r in inventory.roles}
    order = {r.id: i for i, r in enumerate(inventory.roles)}
    sources: list[str] = []
    notes: list[str] = []
    if figures is not None:
        sources += [
            figures.minimum_wage.source,
            figures.lkv_banenafspraak.source,
            figures.loonkostensubsidie.source,
        ]
        notes += [n for n in (figures.minimum_wage.note, figures.loonkostensubsidie.note) if n]
    if sector is not None:
        sources += [sector.source, sector.cao_minimum_source, sector.funding_source]
        if sector.cao_minimum_note:
            notes.append(sector.cao_minimum_note)
    return BusinessCase(
        year=year,
        jobs=jobs,
        roles=[
            RoleRelief(
                role=r,
                name=roles[r].name,
                hours_per_week=round(h, 6),
                value_eur=round(h * roles[r].hourly_cost_eur * WEEKS_PER_YEAR, 2),
                relieved_use=roles[r].relieved_use,
            )
            for r, h in sorted(total_by_role.items(), key=lambda kv: order[kv[0]])
        ],
        hours_per_week=round(sum(j.hours_per_week for j in jobs), 6),
        value_eur=round(sum(j.value_eur for j in jobs), 2),
        wage_cost_eur=_sum([j.wage_cost_eur for j in jobs]),
        accommodation_cost_eur=round(sum(j.accommodation_cost_eur for j in jobs), 2),
        jobcoach_cost_eur=round(sum(j.jobcoach_cost_eur for j in jobs), 2),
        lks_eur=_sum([j.lks_eur for j in jobs]),
        lkv_eur=_sum([j.lkv_eur for j in jobs]),
        jobcoach_funding_eur=round(sum(j.jobcoach_funding_eur for j in jobs), 2),
        adjustment_funding_eur=round(sum(j.adjustment_funding_eur for j in jobs), 2),
        net_cash_eur=_sum([j.net_cash_eur for j in jobs]),
        missing=missing,
        funding=sector.funding if sector is not None else None,
        sources=sources,
        notes=notes,
    )


# -- the lines as people read them (page, CLI and report share them) ---------------------------
class MoneyLine(_Strict):
    label: str
    amount_eur: float | None
    """``None``: no amount for the year (see the case's ``missing``)."""
    total: bool = False


def _num(value: float, lang: str, digits: int = 2) -> str:
    from inclusief.formatting import num

    text = num(value, digits, lang)
    sep = "," if lang == "nl" else "."
    return text.rstrip("0").rstrip(sep) if sep in text else text


def _eur(value: float, lang: str, digits: int = 0) -> str:
    from inclusief.formatting import eur

    return eur(value, lang, digits)


def time_lines(case: JobCase | BusinessCase, lang: str) -> list[MoneyLine]:
    """(a) The staff time freed per role, then its value (time, not cash)."""
    lines = [
        MoneyLine(
            label=t(
                "carving_advice.money.time_line",
                lang,
                role=r.name.get(lang),
                hours=_num(r.hours_per_week, lang),
            ),
            amount_eur=r.value_eur,
        )
        for r in case.roles
    ]
    lines.append(
        MoneyLine(
            label=t("carving_advice.money.time_value", lang), amount_eur=case.value_eur, total=True
        )
    )
    return lines


def cash_lines(case: JobCase | BusinessCase, lang: str) -> list[MoneyLine]:
    """(b), (c) and (e): costs as negative amounts, income positive, the net effect last."""

    def neg(value: float | None) -> float | None:
        return None if value is None else (-value if value else 0.0)

    if isinstance(case, JobCase):
        if case.scheme == "loondispensatie":
            wage_label = t(
                "carving_advice.money.wage_dispensatie",
                lang,
                loonwaarde=f"{_num(case.loonwaarde_pct, lang)}%",
            )
        else:
            wage_label = t(
                "carving_advice.money.wage",
                lang,
                paid=_num(case.paid_hours_per_year, lang, 0),
                wage=_eur(case.hourly_wage_eur or 0, lang, 2)
                if case.hourly_wage_eur is not None
                else t("carving_advice.money.no_amount", lang),
            )
        scheme = case.scheme
        lkv_years = case.lkv_years
    else:
        wage_label = t(
            "carving_advice.money_all.wage",
            lang,
            paid=_num(sum(j.paid_hours_per_year for j in case.jobs), lang, 0),
            wage=", ".join(
                dict.fromkeys(
                    _eur(j.hourly_wage_eur, lang, 2) for j in case.jobs if j.hourly_wage_eur
                )
            )
            or t("carving_advice.money.no_amount", lang),
        )
        scheme = (
            "loonkostensubsidie"
            if any(j.scheme == "loonkostensubsidie" for j in case.jobs)
            else "none"
        )
        lkv_years = max((j.lkv_years for j in case.jobs), default=0)
    lines = [MoneyLine(label=wage_label, amount_eur=neg(case.wage_cost_eur))]
    if case.accommodation_cost_eur:
        lines.append(
            MoneyLine(
                label=t("carving_advice.money.accommodations", lang),
                amount_eur=neg(case.accommodation_cost_eur),
            )
        )
    if case.jobcoach_cost_eur:
        lines.append(
            MoneyLine(
                label=t("carving_advice.money.jobcoach", lang),
                amount_eur=neg(case.jobcoach_cost_eur),
            )
        )
    if scheme == "loonkostensubsidie":
        loonwaarde = (
            f"{_num(case.loonwaarde_pct, lang)}%"
            if isinstance(case, JobCase)
            else ", ".join(
                dict.fromkeys(
                    f"{_num(j.loonwaarde_pct, lang)}%"
                    for j in case.jobs
                    if j.scheme == "loonkostensubsidie"
                )
            )
        )
        lines.append(
            MoneyLine(
                label=t("carving_advice.money.lks", lang, loonwaarde=loonwaarde),
                amount_eur=case.lks_eur,
            )
        )
    if lkv_years:
        lines.append(
            MoneyLine(
                label=t("carving_advice.money.lkv", lang, years=lkv_years), amount_eur=case.lkv_eur
            )
        )
    if case.jobcoach_funding_eur:
        lines.append(
            MoneyLine(
                label=t("carving_advice.money.jobcoach_funding", lang),
                amount_eur=case.jobcoach_funding_eur,
            )
        )
    if case.adjustment_funding_eur:
        lines.append(
            MoneyLine(
                label=t("carving_advice.money.adjustment_funding", lang),
                amount_eur=case.adjustment_funding_eur,
            )
        )
    lines.append(
        MoneyLine(
            label=t("carving_advice.money.net", lang), amount_eur=case.net_cash_eur, total=True
        )
    )
    return lines


def money_notes(
    case: JobCase | BusinessCase,
    lang: str,
    missing: LocalText | None = None,
    *,
    general: bool = True,
) -> list[str]:
    """The sentences under the lines: time is not cash, why amounts are missing, the wage
    raised to the floor, the net effect in words, and (``general``) the LKV condition, the
    no-riskpolis (in words) and the adjustments: said once in a report, not per job."""
    notes = [t("carving_advice.money.time_note", lang)] if general else []
    if isinstance(case, BusinessCase):
        missing = case.missing
    if missing is not None:
        notes.append(missing.get(lang))
    jobs = case.jobs if isinstance(case, BusinessCase) else [case]
    for j in jobs:
        if j.wage_raised and j.hourly_wage_eur is not None:
            notes.append(
                t("carving_advice.money.wage_raised", lang, wage=_eur(j.hourly_wage_eur, lang, 2))
            )
    many = "money_all" if len(jobs) > 1 else "money"
    if case.net_cash_eur is not None:
        if case.net_cash_eur < 0:
            notes.append(
                t(
                    f"carving_advice.{many}.net_cost_sentence",
                    lang,
                    amount=_eur(-case.net_cash_eur, lang),
                )
            )
        else:
            notes.append(
                t(
                    "carving_advice.money.net_gain_sentence",
                    lang,
                    amount=_eur(case.net_cash_eur, lang),
                )
            )
    if not general:
        return notes
    if any(j.in_register for j in jobs):
        notes += [
            t(f"carving_advice.{many}.lkv_condition", lang),
            t("carving_advice.money.no_risk", lang),
        ]
    elif jobs:
        notes.append(t("carving_advice.money.no_risk_not_registered", lang))
    if case.accommodation_cost_eur and not case.adjustment_funding_eur:
        notes.append(t("carving_advice.money.adjustment_ask", lang))
    return notes
