"""The placement codes, check-in schedule and pictures from the YAML files beside this module.

Every problem in a data file names the file and the place in it (:class:`InputError`).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from inclusief.errors import InputError, Problem, format_path
from inclusief.i18n import LocalText
from inclusief.yamlio import load_yaml


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Code(_Strict):
    code: str = Field(pattern=r"^[a-z0-9][a-z0-9_]*$")
    label: LocalText
    source: str | None = None
    in_register: bool | None = None  # routes: counts in the doelgroepregister
    support: bool | None = None  # schemes: support whose end is a risk point
    event: bool | None = None  # end reasons: counts as leaving in the retention figures


class HoursBand(_Strict):
    code: str
    max: float | None
    label: LocalText


class Codes(_Strict):
    routes: list[Code] = Field(min_length=1)
    schemes: list[Code] = Field(min_length=1)
    contract_types: list[Code] = Field(min_length=1)
    end_reasons: list[Code] = Field(min_length=1)
    decisions: list[Code] = Field(min_length=1)
    hours_bands: list[HoursBand] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Codes:
        for name in ("routes", "schemes", "contract_types", "end_reasons", "decisions"):
            codes = [c.code for c in getattr(self, name)]
            if len(set(codes)) != len(codes):
                raise ValueError(f"{name}: a code is used twice")
        if any(e.event is None for e in self.end_reasons):
            raise ValueError("end_reasons: every reason needs 'event: true|false'")
        if self.hours_bands[-1].max is not None:
            raise ValueError("hours_bands: the last band needs 'max: null'")
        return self

    def of(self, kind: str) -> dict[str, Code]:
        return {c.code: c for c in getattr(self, kind)}

    def label(self, kind: str, code: str | None, lang: str = "nl") -> str:
        if code is None:
            return "-"
        found = self.of(kind).get(code)
        return found.label.get(lang) if found else code

    def check(self, kind: str, code: str, *, file: str, field: str) -> str:
        """``code`` if it is one of ``kind``; else an :class:`InputError` naming the codes."""
        known = self.of(kind)
        if code not in known:
            raise InputError.single(
                file, f"onbekende code '{code}' (bekend: {', '.join(known)})", field=field
            )
        return code

    def hours_band(self, hours: float) -> str:
        for band in self.hours_bands:
            if band.max is None or hours < band.max:
                return band.code
        return self.hours_bands[-1].code  # pragma: no cover - the last band has no max


class Point(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: LocalText
    days: int | None = Field(default=None, ge=1)
    months: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _one_offset(self) -> Point:
        if (self.days is None) == (self.months is None):
            raise ValueError("give either days or months")
        return self

    def due(self, start: date) -> date:
        if self.days is not None:
            return date.fromordinal(start.toordinal() + self.days)
        return add_months(start, self.months or 0)


class Schedule(_Strict):
    opens_days_before: int = Field(ge=0)
    missed_after_days: int = Field(ge=1)
    points: list[Point] = Field(min_length=1)

    @model_validator(mode="after")
    def _ordered(self) -> Schedule:
        ids = [p.id for p in self.points]
        if len(set(ids)) != len(ids):
            raise ValueError("a point id is used twice")
        start = date(2024, 1, 31)
        dues = [p.due(start) for p in self.points]
        if dues != sorted(dues) or len(set(dues)) != len(dues):
            raise ValueError("points must be in time order")
        return self

    def point(self, point_id: str) -> Point:
        for p in self.points:
            if p.id == point_id:
                return p
        raise KeyError(point_id)


class Picture(_Strict):
    alt: LocalText
    svg: str


def add_months(day: date, months: int) -> date:
    """``day`` plus whole calendar months; the 31st becomes the month's last day."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def read_yaml(name: str) -> Any:
    text = (resources.files("inclusief.followup") / name).read_text(encoding="utf-8")
    return load_yaml(text, file=name)


def validation_problems(file: str, exc: ValidationError) -> InputError:
    return InputError(
        [
            Problem(
                file=file,
                where=format_path([p for p in e["loc"] if isinstance(p, str | int)]) or None,
                message=e["msg"].removeprefix("Value error, "),
            )
            for e in exc.errors()
        ]
    )


def parse_codes(data: Any, *, file: str = "codes.yaml") -> Codes:
    try:
        return Codes.model_validate(data)
    except ValidationError as exc:
        raise validation_problems(file, exc) from None


def parse_schedule(data: Any, *, file: str = "schedule.yaml") -> Schedule:
    try:
        return Schedule.model_validate(data)
    except ValidationError as exc:
        raise validation_problems(file, exc) from None


@cache
def codes() -> Codes:
    return parse_codes(read_yaml("codes.yaml"))


@cache
def schedule() -> Schedule:
    return parse_schedule(read_yaml("schedule.yaml"))


@cache
def pictures() -> dict[str, Picture]:
    """A picture (inline SVG with alt text) per check-in item id, for easy-read screens."""
    data = read_yaml("pictures.yaml") or {}
    try:
        return {str(k): Picture.model_validate(v) for k, v in data.items()}
    except ValidationError as exc:
        raise validation_problems("pictures.yaml", exc) from None
