"""PSO and Banenafspraak figures, loaded from the data files beside this module.

Every weight, duration, norm and year-bound figure lives in ``pso_data.yaml`` or
``banenafspraak.yaml`` with its source and year; this module only reads and validates them
(unknown keys are refused, so a typo in a data file fails loudly in the tests).

>>> pso_data().target_groups.codes["ww_6m"].weight
0.75
>>> banenafspraak_data().hours_per_job.value
25.5
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from inclusief.i18n import LocalText
from inclusief.yamlio import load_yaml


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class TargetGroup(_Strict):
    """A PSO intake position: weight, how long it counts, and whether it counts for 30+."""

    weight: float = Field(ge=0, le=1)
    duration_years: int | None = Field(ge=1)
    duration_basis: Literal["rule", "assumption"]
    duration_note: str
    pso30plus: bool
    label: LocalText


class ContractType(_Strict):
    weight: float = Field(ge=0, le=1)
    placement: bool
    pso30plus: bool
    label: LocalText


class TargetGroups(_Strict):
    source: str
    year: int
    codes: dict[str, TargetGroup]


class ContractTypes(_Strict):
    source: str
    year: int
    codes: dict[str, ContractType]


class Figure(_Strict):
    """One number with its source (and the year it applies to, where known)."""

    value: float
    source: str
    year: int | None = None
    single_source: bool = False


class Assumption(_Strict):
    id: str
    nl: str
    en: str

    def get(self, lang: str = "nl") -> str:
        return self.en if lang == "en" else self.nl


class Norms(_Strict):
    source: str
    year: int
    rows: dict[int, tuple[float, float, float]]

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        for size, (t1, t2, t3) in self.rows.items():
            if not t1 <= t2 <= t3:
                raise ValueError(f"norm row {size}: trede norms must not decrease")
        return self


class Pso30Plus(_Strict):
    threshold_pct: float = Field(gt=0, le=100)
    source: str
    year: int


class PsoData(_Strict):
    notice: LocalText
    sources: dict[str, str]
    target_groups: TargetGroups
    contract_types: ContractTypes
    placement_max_years: Figure
    default_norm_hours: Figure
    indirect_max_share: Figure
    pso30plus: Pso30Plus
    norms: Norms
    assumptions: list[Assumption]

    @model_validator(mode="after")
    def _share(self) -> Self:
        if not 0 < self.indirect_max_share.value < 1:
            raise ValueError("indirect_max_share must lie between 0 and 1")
        if not 0 < self.default_norm_hours.value <= 80:
            raise ValueError("default_norm_hours must be above 0 and at most 80")
        return self

    @property
    def cap_factor(self) -> float:
        """Counted indirect <= cap_factor x direct; s / (1 - s) = 4 for s = 0.8."""
        share = self.indirect_max_share.value
        return share / (1 - share)


class Doelgroepregister(_Strict):
    source: str
    year: int
    codes: list[str]
    note: str


class UnpaidContracts(_Strict):
    source: str
    year: int
    codes: list[str]
    note: str


Sector = Literal["markt", "overheid"]
SectorChoice = Literal["markt", "overheid", "onderwijs"]
RegimeId = Literal["wet_bqa", "wet_banenafspraak"]


class MaybeFigure(_Strict):
    """A year-bound figure that may not have been found: ``value`` null, and the source
    says so. ``assumed``: carried over from another year or law, not confirmed."""

    value: float | None
    source: str
    single_source: bool = False
    assumed: bool = False


class MaybeFlag(_Strict):
    """A yes/no fact that may be unknown (null), with its source."""

    value: bool | None
    source: str


class PerSector(_Strict):
    markt: MaybeFigure
    overheid: MaybeFigure

    def of(self, sector: Sector) -> MaybeFigure:
        return self.markt if sector == "markt" else self.overheid


class FlagPerSector(_Strict):
    markt: MaybeFlag
    overheid: MaybeFlag

    def of(self, sector: Sector) -> MaybeFlag:
        return self.markt if sector == "markt" else self.overheid


class QuotaYear(_Strict):
    regime: RegimeId
    quota_pct: PerSector
    activated: FlagPerSector
    hours_threshold: MaybeFigure
    levy_eur_per_job: MaybeFigure | None = None  # Wet bqa only


class Regime(_Strict):
    first_year: int
    last_year: int | None
    name: LocalText
    source: str


class Sectors(_Strict):
    source: str
    year: int
    choices: dict[SectorChoice, Sector]


class MoneyRule(_Strict):
    """How the new law's surcharge or bonus works, in words, and where that was found."""

    basis: LocalText
    source: str


class BanenafspraakData(_Strict):
    notice: LocalText
    hours_per_job: Figure
    weeks_per_year: Figure
    doelgroepregister: Doelgroepregister
    unpaid_contracts: UnpaidContracts
    sectors: Sectors
    regimes: dict[RegimeId, Regime]
    surcharge: MoneyRule
    bonus: MoneyRule
    years: dict[int, QuotaYear]
    assumptions: list[Assumption]

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        for year, figures in self.years.items():
            if self.regime_for(year) != figures.regime:
                raise ValueError(f"years.{year}: regime {figures.regime} is not in force then")
            if figures.regime == "wet_bqa" and figures.levy_eur_per_job is None:
                raise ValueError(f"years.{year}: the Wet bqa needs levy_eur_per_job")
        return self

    @property
    def hours_per_job_year(self) -> float:
        """25.5 x 52 = 1,326 hours a year per counted job."""
        return self.hours_per_job.value * self.weeks_per_year.value

    def regime_for(self, year: int) -> RegimeId | None:
        """The law in force in ``year`` (None before the Banenafspraak began in 2015)."""
        for rid, regime in self.regimes.items():
            if regime.first_year <= year and (regime.last_year is None or year <= regime.last_year):
                return rid
        return None

    def figures(self, year: int) -> QuotaYear | None:
        """The quota figures of ``year``, or None when the data file has none."""
        return self.years.get(year)


def _read(name: str) -> object:
    text = (resources.files("inclusief.pso") / name).read_text(encoding="utf-8")
    return load_yaml(text, file=name)


@cache
def pso_data() -> PsoData:
    return PsoData.model_validate(_read("pso_data.yaml"))


@cache
def banenafspraak_data() -> BanenafspraakData:
    data = BanenafspraakData.model_validate(_read("banenafspraak.yaml"))
    unknown = set(data.doelgroepregister.codes) - set(pso_data().target_groups.codes)
    if unknown:
        raise ValueError(f"banenafspraak.yaml: unknown target_group codes {sorted(unknown)}")
    unknown = set(data.unpaid_contracts.codes) - set(pso_data().contract_types.codes)
    if unknown:
        raise ValueError(f"banenafspraak.yaml: unknown contract_type codes {sorted(unknown)}")
    return data
