"""Banenafspraak: counted jobs, whether the quota applies, required jobs and the levy.

An *estimate*, not the UWV measurement. Figures come from ``banenafspraak.yaml`` (each with
source and year); the rules:

- **jobs** = weekly hours of employees whose ``target_group`` is listed under
  ``doelgroepregister.codes`` / 25.5 (one job = 25.5 paid hours a week; werkgeverslijn.nl,
  denormaalstezaak.nl);
- **paid hours a year** = sum of weekly hours x 52;
- the **quota applies** with at least 25 employees *or* more than 40,575 paid hours a year
  (lsplonen.nl; locusnetwerk.nl);
- **required jobs** = quota % / 100 x paid hours a year / 1,326 (25.5 x 52);
- **levy estimate** = EUR 5,000 x max(0, required - jobs) when the quota applies, else 0.

Only employees employed in the reference year count (same rule as the ladder). A year
without figures raises :class:`~inclusief.errors.InputError` listing the known years.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel

from inclusief.i18n import LocalText
from inclusief.pso.data import banenafspraak_data
from inclusief.pso.inputs import Employee
from inclusief.pso.ladder import employed_in


class BanenafspraakResult(BaseModel):
    year: int
    jobs: float
    target_group_hours_week: float
    employees: int
    paid_hours_year: float
    quota_applies: bool
    quota_pct: float
    quota_source: str
    quota_single_source: bool
    required_jobs: float
    missing_jobs: float
    levy_eur_per_job: float
    levy_eur: float
    notice: LocalText


def compute_banenafspraak(*, employees: Sequence[Employee], year: int) -> BanenafspraakResult:
    """Banenafspraak jobs, quota and levy estimate for ``year`` (rules in the module doc)."""
    data = banenafspraak_data()
    figures = data.year(year)
    register = set(data.doelgroepregister.codes)
    unpaid = set(data.unpaid_contracts.codes)
    # trial placements are not paid employment: neither jobs nor paid hours
    employed = [e for e in employees if employed_in(e, year) and e.contract_type not in unpaid]
    tg_hours = sum(e.hours_per_week for e in employed if e.target_group in register)
    jobs = tg_hours / data.hours_per_job.value
    paid_year = sum(e.hours_per_week for e in employed) * data.weeks_per_year.value
    applies = (
        len(employed) >= figures.min_employees.value
        or paid_year > figures.min_paid_hours_year.value
    )
    required = figures.quota_pct.value / 100 * paid_year / data.hours_per_job_year
    missing = max(0.0, required - jobs)
    return BanenafspraakResult(
        year=year,
        jobs=jobs,
        target_group_hours_week=tg_hours,
        employees=len(employed),
        paid_hours_year=paid_year,
        quota_applies=applies,
        quota_pct=figures.quota_pct.value,
        quota_source=figures.quota_pct.source,
        quota_single_source=figures.quota_pct.single_source,
        required_jobs=required,
        missing_jobs=missing,
        levy_eur_per_job=figures.levy_eur_per_job.value,
        levy_eur=missing * figures.levy_eur_per_job.value if applies else 0.0,
        notice=data.notice,
    )
