"""Safe tabular output: CSV/XLSX formula injection neutralised, SPSS ``.sav`` with labels.

**Formula injection** (OWASP, "CSV Injection"): a spreadsheet runs a cell that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a formula. Every *text* cell (and
header) that starts with one of those is prefixed with ``'``, so it shows as text. Numbers
stay numbers: numeric columns are never touched, and a text cell that is a plain decimal
number (``-3``, ``+4.5``) is not a formula and is left alone. The rule lives in
:mod:`inclusief.safecells`, shared with every other file a spreadsheet may open.

>>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-3"), neutralise("@SUM(A1)")
('\\'=HYPERLINK("http://x")', '-3', "'@SUM(A1)")
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from inclusief.safecells import neutralise, neutralise_frame

XLSX_MAX_TEXT = 32_767  # characters in one Excel cell


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with BOM, so Excel reads the accents), injection neutralised."""
    # CRLF (RFC 4180): the csv writer then quotes any field holding a \r or \n as well
    text: str = neutralise_frame(frame).to_csv(index=False, lineterminator="\r\n")
    return ("\ufeff" + text).encode("utf-8")


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    path.write_bytes(to_csv_bytes(frame))
    return path


def _xlsx_column(column: pd.Series) -> list[Any]:
    """One column as plain Python values for XlsxWriter; missing values are ``None``.

    Numeric columns go through NumPy in one step; text and mixed columns per value.
    """
    dtype = column.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "iu":
        ints: list[Any] = column.to_numpy().tolist()
        return ints
    if isinstance(dtype, np.dtype) and dtype.kind == "f":
        floats = column.to_numpy()
        values = floats.astype(object)
        values[~np.isfinite(floats)] = None
        return list(values.tolist())
    return [_xlsx_value(v) for v in column.astype(object).tolist()]


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, int | dt.date | dt.time | dt.timedelta):  # bool is an int
        return value
    return _text(str(neutralise(str(value))))  # anything else as (neutralised) text


def _text(text: str) -> str | _Runs:
    """Cut to Excel's 32,767 (UTF-16) characters per cell; XlsxWriter would end the row."""
    if len(text) > XLSX_MAX_TEXT // 2:
        units = text.encode("utf-16-le")
        if len(units) > 2 * XLSX_MAX_TEXT:
            text = units[: 2 * XLSX_MAX_TEXT].decode("utf-16-le", errors="ignore")
    # XlsxWriter copies a string that starts with "<r>" and ends with "</r>" into the XML
    # unescaped (its own rich-string form): such a text could add cells or formulas.
    if text.startswith("<r>") and text.endswith("</r>"):
        return _Runs(text)
    return text


class _Runs:
    """A text that XlsxWriter would take as raw rich-string XML; written escaped instead."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def _write_runs(ws: Any, row: int, col: int, token: _Runs, *_args: Any) -> Any:
    # plain fragments: XlsxWriter escapes each, and readers join them to the same text
    text = token.text
    return ws.write_rich_string(row, col, text[:1], text[1:3], text[3:])


def to_xlsx_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """An XLSX workbook, one sheet per frame, injection neutralised (XlsxWriter).

    Text cells are always written as text (inline strings, never through XlsxWriter's
    formula, number or URL guessing), so even a value that slipped through could not become a
    formula; numbers are numbers. ``constant_memory`` streams one row at a time, so 100,000
    rows of 56 columns take about 20 s (about 3.5 µs per cell) and little memory. Text longer
    than Excel's 32,767 characters per cell is cut there.
    """
    import xlsxwriter  # type: ignore[import-untyped]

    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buffer,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "default_date_format": "yyyy-mm-dd hh:mm:ss",
            "remove_timezone": True,
        },
    )
    try:
        for name, frame in sheets.items():
            ws = wb.add_worksheet(name[:31])
            ws.add_write_handler(_Runs, _write_runs)
            safe = neutralise_frame(frame)
            if ws.write_row(0, 0, [_xlsx_value(str(c)) for c in safe.columns]):
                raise ValueError(f"XLSX sheet {name!r}: header not written")
            columns = [_xlsx_column(safe.iloc[:, pos]) for pos in range(safe.shape[1])]
            write_row = ws.write_row
            for row_number, values in enumerate(zip(*columns, strict=True), start=1):
                if write_row(row_number, 0, values):  # an error ends the row early
                    raise ValueError(f"XLSX sheet {name!r}: row {row_number} not written")
    finally:
        wb.close()
    return buffer.getvalue()


def write_xlsx(sheets: Mapping[str, pd.DataFrame], path: Path) -> Path:
    path.write_bytes(to_xlsx_bytes(sheets))
    return path


def write_sav(
    frame: pd.DataFrame,
    path: Path,
    *,
    file_label: str = "",
    variable_labels: Mapping[str, str] | None = None,
    value_labels: Mapping[str, Mapping[int | float, str]] | None = None,
    missing: Mapping[str, list[int | float]] | None = None,
    measure: Mapping[str, str] | None = None,
) -> Path:
    """SPSS ``.sav`` via pyreadstat with variable labels, value labels and user-missing codes.

    SPSS has no formulas, but text is neutralised too: the same file is often opened in a
    spreadsheet after an SPSS round trip.
    """
    import pyreadstat

    safe = neutralise_frame(frame)
    for col in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[col].dtype):
            safe[col] = safe[col].astype(object).where(safe[col].notna(), "").astype(str)
    labels: dict[str, str] = {
        k: str(neutralise(v))[:250] for k, v in (variable_labels or {}).items()
    }
    # value labels too: a label shows as a cell once the file goes back to a spreadsheet
    safe_values = {
        k: {code: str(neutralise(str(label)))[:120] for code, label in v.items()}
        for k, v in (value_labels or {}).items()
    }
    pyreadstat.write_sav(
        safe,
        str(path),
        file_label=str(neutralise(file_label))[:60],
        column_labels=labels,
        variable_value_labels=safe_values,
        missing_ranges={k: list(v) for k, v in (missing or {}).items()},
        variable_measure=dict(measure or {}),
    )
    return path
