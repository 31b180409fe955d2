"""Workforce and purchases lists (CSV or XLSX, or a table from the app), validated row by row.

Workforce columns: ``employee_id, hours_per_week, target_group, contract_type,
intake_date`` and optional ``end_date`` and ``norm_hours`` (default: ``default_norm_hours``
in ``pso_data.yaml``, 40). Purchases columns:
``supplier, amount_eur, supplier_turnover_eur, supplier_fte, supplier_direct_pct``.
Dates are ``YYYY-MM-DD`` (``DD-MM-YYYY`` is accepted too). Every problem names the file, the
row (as a spreadsheet shows it: the header is row 1) and the column.
"""

from __future__ import annotations

import io
import math
from datetime import date, datetime
from pathlib import Path

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from inclusief.errors import InputError, Problem
from inclusief.pso.data import pso_data
from inclusief.questionnaires.responses import (
    read_table,
    table_from_csv_bytes,
    table_from_excel,
)

WORKFORCE_REQUIRED = (
    "employee_id",
    "hours_per_week",
    "target_group",
    "contract_type",
    "intake_date",
)
WORKFORCE_OPTIONAL = ("end_date", "norm_hours")
PURCHASE_COLUMNS = (
    "supplier",
    "amount_eur",
    "supplier_turnover_eur",
    "supplier_fte",
    "supplier_direct_pct",
)


def default_norm_hours() -> float:
    """The full-time week used when a row gives no ``norm_hours`` (``pso_data.yaml``)."""
    return pso_data().default_norm_hours.value


class Employee(BaseModel):
    model_config = ConfigDict(allow_inf_nan=False)

    employee_id: str
    hours_per_week: float = Field(ge=0, le=80)
    target_group: str
    contract_type: str
    intake_date: date
    end_date: date | None = None
    norm_hours: float = Field(default_factory=default_norm_hours, gt=0, le=80)


class Purchase(BaseModel):
    model_config = ConfigDict(allow_inf_nan=False)

    supplier: str
    amount_eur: float = Field(ge=0)
    supplier_turnover_eur: float = Field(gt=0)
    supplier_fte: float = Field(ge=0)
    supplier_direct_pct: float = Field(ge=0, le=100)


class SupplierProfile(BaseModel):
    """A supplier the user might buy from, for the purchasing growth path."""

    model_config = ConfigDict(allow_inf_nan=False)

    turnover_eur: float = Field(gt=0)
    fte: float = Field(gt=0)
    direct_pct: float = Field(gt=0, le=100)


def _cell(frame: pd.DataFrame, idx: object, col: str) -> str:
    if col not in frame.columns:
        return ""
    value = frame.at[idx, col]
    if value is None or value is pd.NaT or value is pd.NA:
        return ""
    if isinstance(value, float) and pd.isna(value):
        return ""
    if isinstance(value, pd.Timestamp | datetime):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _blank(frame: pd.DataFrame, idx: object) -> bool:
    return all(not _cell(frame, idx, str(col)) for col in frame.columns)


def _date(text: str) -> date:
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"'{text}' is not a date (use YYYY-MM-DD)")


def _number(text: str) -> float:
    try:
        value = (
            float(text.replace(",", "."))
            if text.count(",") == 1 and "." not in text
            else float(text)
        )
    except ValueError:
        raise ValueError(f"'{text}' is not a number") from None
    if not math.isfinite(value):  # float() reads 'inf' and 'nan'
        raise ValueError(f"'{text}' is not a finite number")
    return value


def _missing_columns(frame: pd.DataFrame, required: tuple[str, ...], file: str) -> list[Problem]:
    return [
        Problem(file, "required column is missing", "row 1", col)
        for col in required
        if col not in frame.columns
    ]


def parse_workforce(frame: pd.DataFrame, *, file: str = "workforce") -> list[Employee]:
    """Validate a workforce table; raise :class:`InputError` with every problem."""
    data = pso_data()
    frame = frame.rename(columns=lambda c: str(c).strip().lstrip("\ufeff"))
    problems = _missing_columns(frame, WORKFORCE_REQUIRED, file)
    if problems:
        raise InputError(problems)
    known = set(WORKFORCE_REQUIRED) | set(WORKFORCE_OPTIONAL)
    problems += [
        Problem(file, "unknown column", "row 1", str(c)) for c in frame.columns if c not in known
    ]
    employees: list[Employee] = []
    seen: dict[str, int] = {}
    for pos, idx in enumerate(frame.index):
        if _blank(frame, idx):
            continue  # an empty row (for example one added in the app's table) is ignored
        row = f"row {pos + 2}"
        start = len(problems)
        values: dict[str, object] = {}
        emp_id = _cell(frame, idx, "employee_id")
        if not emp_id:
            problems.append(Problem(file, "employee_id is empty", row, "employee_id"))
        elif emp_id in seen:
            problems.append(
                Problem(
                    file, f"employee_id '{emp_id}' also on row {seen[emp_id]}", row, "employee_id"
                )
            )
        else:
            seen[emp_id] = pos + 2
        values["employee_id"] = emp_id
        for col, kind in (
            ("hours_per_week", "number"),
            ("norm_hours", "number"),
            ("intake_date", "date"),
            ("end_date", "date"),
        ):
            text = _cell(frame, idx, col)
            if not text:
                if col in WORKFORCE_REQUIRED:
                    problems.append(Problem(file, "required but empty", row, col))
                continue
            try:
                values[col] = _number(text) if kind == "number" else _date(text)
            except ValueError as exc:
                problems.append(Problem(file, str(exc), row, col))
        for col, codes in (
            ("target_group", data.target_groups.codes),
            ("contract_type", data.contract_types.codes),
        ):
            code = _cell(frame, idx, col).lower()
            if code not in codes:
                problems.append(
                    Problem(file, f"unknown code '{code}' (known: {', '.join(codes)})", row, col)
                )
            values[col] = code
        hours = values.get("hours_per_week")
        if isinstance(hours, float) and not 0 <= hours <= 80:
            problems.append(
                Problem(file, "hours per week must be between 0 and 80", row, "hours_per_week")
            )
        norm = values.get("norm_hours")
        if isinstance(norm, float) and not 0 < norm <= 80:
            problems.append(
                Problem(file, "norm hours must be above 0 and at most 80", row, "norm_hours")
            )
        start_d, end_d = values.get("intake_date"), values.get("end_date")
        if isinstance(start_d, date) and isinstance(end_d, date) and end_d < start_d:
            problems.append(Problem(file, "end_date is before intake_date", row, "end_date"))
        if len(problems) == start:
            employees.append(Employee.model_validate(values))
    if not problems and not employees:
        problems.append(Problem(file, "the list has no employees", "row 2"))
    if problems:
        raise InputError(problems)
    return employees


def parse_purchases(frame: pd.DataFrame, *, file: str = "purchases") -> list[Purchase]:
    """Validate a purchases table; raise :class:`InputError` with every problem."""
    frame = frame.rename(columns=lambda c: str(c).strip().lstrip("\ufeff"))
    problems = _missing_columns(frame, PURCHASE_COLUMNS, file)
    if problems:
        raise InputError(problems)
    problems += [
        Problem(file, "unknown column", "row 1", str(c))
        for c in frame.columns
        if c not in PURCHASE_COLUMNS
    ]
    purchases: list[Purchase] = []
    limits = {
        "amount_eur": (0.0, None),
        "supplier_turnover_eur": (0.0, None),
        "supplier_fte": (0.0, None),
        "supplier_direct_pct": (0.0, 100.0),
    }
    for pos, idx in enumerate(frame.index):
        if _blank(frame, idx):
            continue
        row = f"row {pos + 2}"
        start = len(problems)
        values: dict[str, object] = {"supplier": _cell(frame, idx, "supplier")}
        if not values["supplier"]:
            problems.append(Problem(file, "supplier is empty", row, "supplier"))
        for col, (low, high) in limits.items():
            text = _cell(frame, idx, col)
            try:
                number = _number(text) if text else None
            except ValueError as exc:
                problems.append(Problem(file, str(exc), row, col))
                continue
            if number is None:
                problems.append(Problem(file, "required but empty", row, col))
            elif (
                number < low
                or (high is not None and number > high)
                or (col == "supplier_turnover_eur" and number == 0)
            ):
                bound = f"between {low:g} and {high:g}" if high is not None else "above 0"
                problems.append(Problem(file, f"{number:g} must be {bound}", row, col))
            else:
                values[col] = number
        if len(problems) == start:
            purchases.append(Purchase.model_validate(values))
    if problems:
        raise InputError(problems)
    return purchases


def read_workforce(path: str | Path) -> list[Employee]:
    """A workforce CSV or XLSX file, validated (see :func:`parse_workforce`)."""
    return parse_workforce(read_table(path), file=str(path))


def read_purchases(path: str | Path) -> list[Purchase]:
    """A purchases CSV or XLSX file, validated (see :func:`parse_purchases`)."""
    return parse_purchases(read_table(path), file=str(path))


def read_upload(name: str, content: bytes) -> pd.DataFrame:
    """An uploaded CSV or XLSX file (bytes) as a table of strings, for the app.

    Anything that cannot be read raises :class:`InputError` naming the file, so the page can
    show it without a traceback.
    """
    lower = name.lower()
    if not lower.endswith((".xlsx", ".xlsm", ".csv", ".txt")):
        raise InputError.single(name, "use a CSV or XLSX file")
    if lower.endswith((".xlsx", ".xlsm")):
        return table_from_excel(io.BytesIO(content), file=name)
    return table_from_csv_bytes(content, file=name)
