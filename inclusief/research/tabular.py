"""Safe tabular output: CSV/XLSX formula injection neutralised, SPSS ``.sav`` with labels.

**Formula injection** (OWASP, "CSV Injection"): a spreadsheet runs a cell that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a formula. Every *text* cell (and
header) that starts with one of those is prefixed with ``'``, so it shows as text. Numbers
stay numbers: numeric columns are never touched, and a text cell that is a plain decimal
number (``-3``, ``+4.5``) is not a formula and is left alone.

>>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-3"), neutralise("@SUM(A1)")
('\\'=HYPERLINK("http://x")', '-3', "'@SUM(A1)")
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_DANGER = re.compile(r"^[=+\-@\t\r]")


def neutralise(value: object) -> object:
    """One cell: text that a spreadsheet would run as a formula gets a leading ``'``."""
    if (
        isinstance(value, str)
        and value.startswith(DANGEROUS_START)
        and not _PLAIN_NUMBER.match(value)
    ):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell and header neutralised; numeric columns unchanged.

    Vectorised per text column: only the few distinct dangerous values are rewritten.
    """
    out = frame.copy()
    out.columns = pd.Index([neutralise(str(c)) for c in frame.columns])
    for pos in range(out.shape[1]):
        col = out.iloc[:, pos]
        if pd.api.types.is_numeric_dtype(col.dtype) or pd.api.types.is_bool_dtype(col.dtype):
            continue
        if isinstance(col.dtype, pd.CategoricalDtype):
            cats = col.cat.categories
            new = pd.Index([neutralise(c) for c in cats])
            if len(set(new)) == len(new):
                out.isetitem(pos, col.cat.rename_categories(new))
            else:
                out.isetitem(pos, col.astype(object).map(neutralise))
            continue
        text = col.astype("string")
        risky = text.str.match(_DANGER).fillna(False).to_numpy(dtype=bool)
        if risky.any():
            values = col.astype(object).to_numpy(copy=True)
            values[risky] = [neutralise(v) for v in values[risky]]
            out.isetitem(pos, pd.Series(values, index=col.index, dtype=object))
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with BOM, so Excel reads the accents), injection neutralised."""
    # CRLF (RFC 4180): the csv writer then quotes any field holding a \r or \n as well
    text: str = neutralise_frame(frame).to_csv(index=False, lineterminator="\r\n")
    return ("\ufeff" + text).encode("utf-8")


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    path.write_bytes(to_csv_bytes(frame))
    return path


def _cell(value: Any) -> Any:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def to_xlsx_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """An XLSX workbook, one sheet per frame, injection neutralised (openpyxl, write-only).

    Text cells are written as text (``data_type='s'``) as well, so even a value that slipped
    through could not become a formula.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    for name, frame in sheets.items():
        ws = wb.create_sheet(title=name[:31])
        safe = neutralise_frame(frame)

        def row_cells(values: list[Any], ws: Any = ws) -> list[Any]:
            cells: list[Any] = []
            for v in values:
                v = _cell(v)
                if isinstance(v, str):
                    c = WriteOnlyCell(ws, value=v)
                    c.data_type = "s"
                    cells.append(c)
                else:
                    cells.append(v)
            return cells

        ws.append(row_cells([str(c) for c in safe.columns]))
        for row in safe.itertuples(index=False, name=None):
            ws.append(row_cells(list(row)))
    buffer = io.BytesIO()
    wb.save(buffer)
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
    pyreadstat.write_sav(
        safe,
        str(path),
        file_label=file_label[:60],
        column_labels=labels,
        variable_value_labels={k: dict(v) for k, v in (value_labels or {}).items()},
        missing_ranges={k: list(v) for k, v in (missing or {}).items()},
        variable_measure=dict(measure or {}),
    )
    return path
