"""Workforce and purchases lists (CSV or XLSX, or a table from the app), validated row by row.

Workforce columns: ``employee_id, hours_per_week, target_group, contract_type,
intake_date`` and optional ``end_date``, ``norm_hours`` (default: ``default_norm_hours``
in ``pso_data.yaml``, 40) and ``in_doelgroepregister`` (``ja`` / ``nee`` / ``onbekend``;
the header ``in doelgroepregister`` is read too). Register status is its own fact: the
Banenafspraak counts only people registered in the doelgroepregister, while the PSO ladder
uses the target-group code. A list without the column still loads; the Banenafspraak then
assumes register status from the code and says so. Purchases columns:
``supplier, amount_eur, supplier_turnover_eur, supplier_fte, supplier_direct_pct``.

Numbers are read by :mod:`inclusief.numbers` (``36.000``, ``1.250,50``, ``€ 1.250``,
``12,5%``; the separators are decided per column, with the CSV delimiter as tie-breaker).
Dates are ``YYYY-MM-DD`` (``DD-MM-YYYY`` is accepted too). Every problem names the file, the
row (as a spreadsheet shows it: the header is row 1) and the column.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from inclusief.errors import InputError, Problem
from inclusief.numbers import Kind, read_column
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
REGISTER_COLUMN = "in_doelgroepregister"
WORKFORCE_OPTIONAL = ("end_date", "norm_hours", REGISTER_COLUMN)
RegisterStatus = Literal["ja", "nee", "onbekend"]
REGISTER_VALUES: dict[str, RegisterStatus] = {
    "ja": "ja",
    "j": "ja",
    "yes": "ja",
    "y": "ja",
    "nee": "nee",
    "n": "nee",
    "no": "nee",
    "onbekend": "onbekend",
    "unknown": "onbekend",
    "?": "onbekend",
}
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
    # None: the list has no register column (the Banenafspraak then assumes it from the code);
    # an empty cell in a list that has the column is "onbekend"
    in_register: RegisterStatus | None = None


class Purchase(BaseModel):
    model_config = ConfigDict(allow_inf_nan=False)

    supplier: str
    amount_eur: float = Field(ge=0)
    supplier_turnover_eur: float = Field(gt=0)
    supplier_fte: float = Field(ge=0)
    supplier_direct_pct: float = Field(ge=0, le=100)


class TableInfo(BaseModel):
    """How an uploaded file was read, shown with the result: the text encoding and the
    delimiter of a CSV file (both None for XLSX or a table edited in the app)."""

    file: str
    encoding: str | None = None
    delimiter: str | None = None


def table_info(frame: pd.DataFrame, *, file: str) -> TableInfo:
    """What :func:`~inclusief.questionnaires.responses.table_from_csv_bytes` recorded."""
    return TableInfo(
        file=file, encoding=frame.attrs.get("encoding"), delimiter=frame.attrs.get("delimiter")
    )


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


def _numbers(
    frame: pd.DataFrame, columns: dict[str, Kind], *, file: str, problems: list[Problem]
) -> dict[str, dict[object, float]]:
    """Every number column read as a whole (:func:`inclusief.numbers.read_column`)."""
    delimiter = frame.attrs.get("delimiter")
    out: dict[str, dict[object, float]] = {}
    kept = [(pos, i) for pos, i in enumerate(frame.index) if not _blank(frame, i)]
    idx = [i for _, i in kept]
    rows = [pos + 2 for pos, _ in kept]
    for col, kind in columns.items():
        if col not in frame.columns:
            continue
        cells = [_cell(frame, i, col) for i in idx]
        reading = read_column(
            cells, file=file, column=col, rows=rows, kind=kind, delimiter=delimiter
        )
        problems += reading.problems
        out[col] = {i: v for i, v in zip(idx, reading.values, strict=True) if v is not None}
    return out


def _column_name(name: object) -> str:
    text = str(name).strip().lstrip("\ufeff")
    return REGISTER_COLUMN if text.lower() == "in doelgroepregister" else text


def _missing_columns(frame: pd.DataFrame, required: tuple[str, ...], file: str) -> list[Problem]:
    return [
        Problem(file, "required column is missing", "row 1", col)
        for col in required
        if col not in frame.columns
    ]


def parse_workforce(frame: pd.DataFrame, *, file: str = "workforce") -> list[Employee]:
    """Validate a workforce table; raise :class:`InputError` with every problem."""
    data = pso_data()
    frame = frame.rename(columns=_column_name)
    problems = _missing_columns(frame, WORKFORCE_REQUIRED, file)
    if problems:
        raise InputError(problems)
    known = set(WORKFORCE_REQUIRED) | set(WORKFORCE_OPTIONAL)
    problems += [
        Problem(file, "unknown column", "row 1", str(c)) for c in frame.columns if c not in known
    ]
    numbers = _numbers(
        frame, {"hours_per_week": "number", "norm_hours": "number"}, file=file, problems=problems
    )
    has_register = REGISTER_COLUMN in frame.columns
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
        unread = False  # a number the column reader refused (its problem is listed already)
        for col in ("hours_per_week", "norm_hours"):
            if not _cell(frame, idx, col):
                if col in WORKFORCE_REQUIRED:
                    problems.append(Problem(file, "required but empty", row, col))
            elif idx in numbers.get(col, {}):
                values[col] = numbers[col][idx]
            else:
                unread = True
        for col in ("intake_date", "end_date"):
            text = _cell(frame, idx, col)
            if not text:
                if col in WORKFORCE_REQUIRED:
                    problems.append(Problem(file, "required but empty", row, col))
                continue
            try:
                values[col] = _date(text)
            except ValueError as exc:
                problems.append(Problem(file, str(exc), row, col))
        if has_register:
            status = _cell(frame, idx, REGISTER_COLUMN).lower()
            if not status:
                values["in_register"] = "onbekend"
            elif status in REGISTER_VALUES:
                values["in_register"] = REGISTER_VALUES[status]
            else:
                problems.append(
                    Problem(
                        file,
                        f"'{status}' is not ja, nee or onbekend",
                        row,
                        REGISTER_COLUMN,
                    )
                )
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
        if len(problems) == start and not unread:
            employees.append(Employee.model_validate(values))
    if not problems and not employees:
        problems.append(Problem(file, "the list has no employees", "row 2"))
    if problems:
        raise InputError(problems)
    return employees


def parse_purchases(frame: pd.DataFrame, *, file: str = "purchases") -> list[Purchase]:
    """Validate a purchases table; raise :class:`InputError` with every problem."""
    frame = frame.rename(columns=_column_name)
    problems = _missing_columns(frame, PURCHASE_COLUMNS, file)
    if problems:
        raise InputError(problems)
    problems += [
        Problem(file, "unknown column", "row 1", str(c))
        for c in frame.columns
        if c not in PURCHASE_COLUMNS
    ]
    kinds: dict[str, Kind] = {
        "amount_eur": "amount",
        "supplier_turnover_eur": "amount",
        "supplier_fte": "number",
        "supplier_direct_pct": "percent",
    }
    numbers = _numbers(frame, kinds, file=file, problems=problems)
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
        unread = False
        if not values["supplier"]:
            problems.append(Problem(file, "supplier is empty", row, "supplier"))
        for col, (low, high) in limits.items():
            if not _cell(frame, idx, col):
                problems.append(Problem(file, "required but empty", row, col))
                continue
            number = numbers[col].get(idx)
            if number is None:
                unread = True  # read_column named the problem
                continue
            elif (
                number < low
                or (high is not None and number > high)
                or (col == "supplier_turnover_eur" and number == 0)
            ):
                bound = f"between {low:g} and {high:g}" if high is not None else "above 0"
                problems.append(Problem(file, f"{number:g} must be {bound}", row, col))
            else:
                values[col] = number
        if len(problems) == start and not unread:
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
