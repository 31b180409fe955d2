"""The business case of carved jobs: what the moved hours are worth and what the job costs.

Per carved job and in total:

* hours moved from each source role (hours per week);
* yearly value of those hours at the source role's hourly employer cost
  (hours x cost x :data:`~inclusief.jobcarving.model.WEEKS_PER_YEAR`);
* yearly cost of the new job (hours x the candidate's hourly cost x weeks) plus the yearly
  cost of the accommodations it uses (catalogue figures, marked assumptions);
* the difference (value - cost);
* optional support: a loonkostensubsidie given as the share of the new job's wage cost the
  municipality pays (the rate follows from the loonwaarde measured for the person, so the
  user enters it; Participatiewet art. 10d), and a yearly amount for the no-riskpolis (the
  sickness-pay risk the employer no longer carries, an estimate the user enters). Neither is
  computed from rules here: both are user inputs, reported as such.

It also says per role what the relieved staff can do with the freed hours (``relieved_use``
in the inventory's roles).

The engine's own figures (:class:`~inclusief.jobcarving.model.CarvedJob`) are taken as they
are; this module only adds the support lines, so the app, CLI and PDF show the same numbers.
"""

from __future__ import annotations

from pydantic import Field

from inclusief.i18n import LocalText
from inclusief.jobcarving.model import (
    WEEKS_PER_YEAR,
    CarvingResult,
    Inventory,
    _Strict,
)


class Support(_Strict):
    """Optional support per job (user inputs, not computed from rules)."""

    lks_pct: float = Field(default=0.0, ge=0, le=100)
    """Loonkostensubsidie as a percentage of the new job's wage cost."""
    no_risk_eur_per_year: float = Field(default=0.0, ge=0)
    """Yearly sickness-pay cost the no-riskpolis takes over (an estimate)."""


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
    roles: list[RoleRelief]
    value_eur: float
    wage_cost_eur: float
    accommodation_cost_eur: float
    difference_eur: float
    """value - wage cost - accommodation cost (the engine's ``savings_eur``)."""
    lks_eur: float
    no_risk_eur: float
    net_eur: float
    """difference + loonkostensubsidie + no-riskpolis."""


class BusinessCase(_Strict):
    jobs: list[JobCase]
    roles: list[RoleRelief]
    hours_per_week: float
    value_eur: float
    wage_cost_eur: float
    accommodation_cost_eur: float
    difference_eur: float
    lks_eur: float
    no_risk_eur: float
    net_eur: float
    weeks_per_year: int = WEEKS_PER_YEAR


def business_case(
    inventory: Inventory,
    result: CarvingResult,
    support: dict[str, Support] | Support | None = None,
) -> BusinessCase:
    """The business case of ``result``; ``support`` per candidate id or one for every job."""
    roles = {r.id: r for r in inventory.roles}

    def relief(role_id: str, hours: float) -> RoleRelief:
        role = roles[role_id]
        return RoleRelief(
            role=role_id,
            name=role.name,
            hours_per_week=round(hours, 6),
            value_eur=round(hours * role.hourly_cost_eur * WEEKS_PER_YEAR, 2),
            relieved_use=role.relieved_use,
        )

    jobs: list[JobCase] = []
    total_by_role: dict[str, float] = {}
    for job in result.jobs:
        s = support.get(job.candidate) if isinstance(support, dict) else support
        s = s or Support()
        acc = round(sum(a.cost_per_year_eur for a in job.accommodations), 2)
        wage = round(job.cost_eur - acc, 2)
        lks = round(wage * s.lks_pct / 100, 2)
        for r, h in job.hours_by_role.items():
            total_by_role[r] = total_by_role.get(r, 0.0) + h
        jobs.append(
            JobCase(
                candidate=job.candidate,
                pseudonym=job.pseudonym,
                hours_per_week=job.hours,
                roles=[relief(r, h) for r, h in job.hours_by_role.items()],
                value_eur=job.value_eur,
                wage_cost_eur=wage,
                accommodation_cost_eur=acc,
                difference_eur=job.savings_eur,
                lks_eur=lks,
                no_risk_eur=round(s.no_risk_eur_per_year, 2),
                net_eur=round(job.savings_eur + lks + s.no_risk_eur_per_year, 2),
            )
        )
    order = {r.id: i for i, r in enumerate(inventory.roles)}
    return BusinessCase(
        jobs=jobs,
        roles=[relief(r, h) for r, h in sorted(total_by_role.items(), key=lambda kv: order[kv[0]])],
        hours_per_week=round(sum(j.hours_per_week for j in jobs), 6),
        value_eur=round(sum(j.value_eur for j in jobs), 2),
        wage_cost_eur=round(sum(j.wage_cost_eur for j in jobs), 2),
        accommodation_cost_eur=round(sum(j.accommodation_cost_eur for j in jobs), 2),
        difference_eur=round(sum(j.difference_eur for j in jobs), 2),
        lks_eur=round(sum(j.lks_eur for j in jobs), 2),
        no_risk_eur=round(sum(j.no_risk_eur for j in jobs), 2),
        net_eur=round(sum(j.net_eur for j in jobs), 2),
    )
