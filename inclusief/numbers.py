"""Numbers as people write them in uploaded files: one reader for every upload.

Dutch users write ``36.000`` (thirty-six thousand), ``36.000,50``, ``12,5``, ``€ 1.250`` and
``12,5%``; English-speaking users and many programs write ``36,000.50``. A single value such
as ``36.000`` or ``400,000`` cannot tell the two apart, so the separators are decided from
the **whole column**:

1. A value that shows its decimal separator settles it for the column: both separators
   (``1.250,50``: the last one is decimal), a separator followed by other than three digits
   (``12,5``, ``1.5``), a repeated separator (``1.234.567``: thousands, so the other one is
   decimal), or a value that cannot be a thousands group (``0,125``, ``1234.567``).
2. Values that disagree (``12,5`` and ``1.5`` in one column) are refused, naming the rows.
3. When no value settles it and some value is ambiguous (exactly three digits after one
   separator), the file's delimiter decides: ``;`` is what Dutch Excel writes, so ``,`` is
   the decimal separator; ``,`` as delimiter means ``.`` is the decimal separator. Otherwise
   (tab, ``|``, XLSX, the app's table) the column is refused with a message asking for the
   format.

Every value is then read with that separator. Refused, each with a :class:`Problem` naming
file, row and column: text that is not a number, ``nan`` / ``inf`` / Excel error cells,
negative values (amounts and counts here are never negative), a ``%`` outside a percentage
column, a currency sign outside an amount column, and thousands groups that are not three
digits (``1.23.456``).

>>> read_column(["36.000", "1.250,50", "12,5"], file="f.csv", column="amount_eur",
...             kind="amount").values
[36000.0, 1250.5, 12.5]
>>> read_column(["€ 1.250", "400.000"], file="f.csv", column="amount_eur", kind="amount",
...             delimiter=";").values
[1250.0, 400000.0]
>>> read_column(["36,000.50"], file="f.csv", column="x").values
[36000.5]
>>> read_column(["12,5%"], file="f.csv", column="pct", kind="percent").values
[12.5]
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from inclusief.errors import Problem

Kind = Literal["number", "amount", "percent"]
Decimal = Literal[",", "."]

_CURRENCY = re.compile(r"^(?:€|euro|eur)\s*|\s*(?:€|euro|eur)$", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_SHAPE = re.compile(r"^[+-]?[0-9][0-9.,]*$|^[+-]?[.,][0-9]+$")
_NOT_A_NUMBER = {"nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "∞"}
_EXCEL_ERRORS = ("#n/a", "#div/0!", "#value!", "#ref!", "#name?", "#num!", "#null!")
_THOUSANDS = re.compile(r"^[0-9]{1,3}(?:X[0-9]{3})+$")  # X = the thousands separator

DELIMITER_DECIMAL: dict[str, Decimal] = {";": ",", ",": "."}
"""What a CSV delimiter says about the decimal separator (see the module doc, rule 3)."""


@dataclass(frozen=True)
class ColumnReading:
    """The numbers of one column (``None`` for an empty cell) and what was decided."""

    values: list[float | None]
    decimal: Decimal | None
    decided_by: Literal["values", "delimiter", "none"]
    problems: list[Problem] = field(default_factory=list)


def _clean(text: str, kind: Kind) -> tuple[str, str | None]:
    """(bare number text, error message or None) after removing currency, % and spaces."""
    raw = text.strip()
    lowered = raw.lower()
    if lowered in _NOT_A_NUMBER or lowered.lstrip("+-") in _NOT_A_NUMBER:
        return raw, f"'{raw}' is not a number (nan and infinity are not accepted)"
    if lowered in _EXCEL_ERRORS:
        return raw, f"'{raw}' is a spreadsheet error, not a number"
    value = raw.replace("\u2212", "-")  # the typographic minus sign
    if _CURRENCY.search(value):
        if kind != "amount":
            return raw, f"'{raw}': a currency sign only belongs in an amount column"
        value = _CURRENCY.sub("", value).strip()
        value = _CURRENCY.sub("", value).strip()  # '€ 1.250 EUR' has two
    if value.endswith("%"):
        if kind != "percent":
            return raw, f"'{raw}': a percent sign only belongs in a percentage column"
        value = value[:-1].strip()
    sign = ""
    if value[:1] in "+-":
        sign, value = value[:1], value[1:].strip()
    value = _SPACES.sub(" ", value)
    if " " in value:
        # spaces as thousands separator: '36 000', '1 250,50'
        head, _, tail = value.partition(",") if "," in value else value.partition(".")
        sep = value[len(head)] if tail else ""
        if not _THOUSANDS.match(head.replace(" ", "X")):
            return raw, f"'{raw}' is not a number"
        value = head.replace(" ", "") + (sep + tail if sep else "")
    value = sign + value
    if not _SHAPE.match(value):
        return raw, f"'{raw}' is not a number"
    return value, None


def _evidence(value: str) -> Decimal | Literal["ambiguous"] | None:
    """What one cleaned value says about the decimal separator (None: nothing, an integer)."""
    body = value.lstrip("+-")
    commas, dots = body.count(","), body.count(".")
    if commas and dots:
        return "," if body.rfind(",") > body.rfind(".") else "."
    if not commas and not dots:
        return None
    sep: Decimal = "," if commas else "."
    if commas + dots > 1:
        return "." if sep == "," else ","  # repeated: thousands, so the other is decimal
    head, tail = body.split(sep)
    if len(tail) != 3 or head in ("", "0") or len(head) > 3:
        return sep  # '12,5', '0,125', ',5', '1234.567': cannot be a thousands group
    return "ambiguous"


def parse_number(text: str, *, decimal: Decimal | None, kind: Kind = "number") -> float:
    """One value read with a known decimal separator; ``ValueError`` says what is wrong.

    ``decimal=None`` is allowed only for values without any separator.

    >>> parse_number("1.234.567", decimal=","), parse_number("€ 1.250,50", decimal=",",
    ...     kind="amount")
    (1234567.0, 1250.5)
    """
    value, error = _clean(text, kind)
    if error:
        raise ValueError(error)
    sign = -1.0 if value.startswith("-") else 1.0
    body = value.lstrip("+-")
    thousands = "." if decimal == "," else ","
    if decimal is None and ("," in body or "." in body):
        raise ValueError(f"'{text.strip()}': unclear whether '.' or ',' is the decimal separator")
    head, _, tail = body.partition(decimal) if decimal else (body, "", "")
    if decimal and decimal in tail:
        raise ValueError(f"'{text.strip()}' has the decimal separator '{decimal}' twice")
    if thousands in tail:
        raise ValueError(f"'{text.strip()}' is not a number")
    if thousands in head:
        if not _THOUSANDS.match(head.replace(thousands, "X")):
            raise ValueError(
                f"'{text.strip()}': groups after the thousands separator '{thousands}' "
                "must have three digits"
            )
        head = head.replace(thousands, "")
    number = float(f"{head or '0'}.{tail or '0'}")
    if not math.isfinite(number):
        raise ValueError(f"'{text.strip()}' is too large")
    return sign * number


def read_column(
    cells: Sequence[str],
    *,
    file: str,
    column: str,
    rows: Sequence[int] | None = None,
    kind: Kind = "number",
    delimiter: str | None = None,
    allow_negative: bool = False,
) -> ColumnReading:
    """Read one column of text cells as numbers (rules in the module doc).

    ``rows`` are the spreadsheet row numbers of the cells (default: 2, 3, ... as in a file
    whose header is row 1); ``delimiter`` is the CSV delimiter, None for XLSX or a table.
    Empty cells give ``None``; the caller decides whether a value is required.
    """
    row_numbers = list(rows) if rows is not None else list(range(2, len(cells) + 2))
    problems: list[Problem] = []
    cleaned: list[str | None] = []
    says: dict[Decimal, list[int]] = {",": [], ".": []}
    ambiguous: list[int] = []
    for text, row in zip(cells, row_numbers, strict=True):
        if not str(text).strip():
            cleaned.append(None)
            continue
        value, error = _clean(str(text), kind)
        if error:
            problems.append(Problem(file, error, f"row {row}", column))
            cleaned.append(None)
            continue
        cleaned.append(value)
        ev = _evidence(value)
        if ev == "ambiguous":
            ambiguous.append(row)
        elif ev is not None:
            says[ev].append(row)
    decimal: Decimal | None = None
    decided_by: Literal["values", "delimiter", "none"] = "none"
    if says[","] and says["."]:
        problems.append(
            Problem(
                file,
                "the column mixes number formats: ',' is the decimal separator on row(s) "
                f"{_rows(says[','])} and '.' on row(s) {_rows(says['.'])}; use one format "
                "(for example 1.250,50 everywhere)",
                f"row {min(says[','][0], says['.'][0])}",
                column,
            )
        )
        return ColumnReading([None] * len(cells), None, "none", problems)
    if says[","] or says["."]:
        decimal, decided_by = ("," if says[","] else "."), "values"
    elif ambiguous and delimiter in DELIMITER_DECIMAL:
        decimal, decided_by = DELIMITER_DECIMAL[delimiter], "delimiter"
    elif ambiguous:
        example = cells[row_numbers.index(ambiguous[0])].strip()
        problems.append(
            Problem(
                file,
                f"'{example}' can be read two ways (thousands or decimals) and no value in "
                "the column settles it; write the number without a thousands separator "
                "(36000), or with decimals (36.000,00 or 36,000.00), or save the file "
                "with ';' as separator for the Dutch format",
                f"row {ambiguous[0]}",
                column,
            )
        )
        return ColumnReading([None] * len(cells), None, "none", problems)
    values: list[float | None] = []
    for cell, row in zip(cleaned, row_numbers, strict=True):
        if cell is None:
            values.append(None)
            continue
        value = cell
        try:
            number = parse_number(value, decimal=decimal, kind=kind)
        except ValueError as exc:
            problems.append(Problem(file, str(exc), f"row {row}", column))
            values.append(None)
            continue
        if number < 0 and not allow_negative:
            problems.append(
                Problem(
                    file, f"'{value}' is negative; only 0 or more is allowed", f"row {row}", column
                )
            )
            values.append(None)
            continue
        values.append(number)
    return ColumnReading(values, decimal, decided_by, problems)


def _rows(rows: list[int]) -> str:
    shown = ", ".join(str(r) for r in rows[:5])
    return shown + (", ..." if len(rows) > 5 else "")
