"""Spreadsheet-safe cells: formula injection neutralised (ground floor, one helper for all).

**Formula injection** (OWASP, "CSV Injection"): a spreadsheet runs a cell that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a formula. Every *text* cell (and
header) that starts with one of those is prefixed with ``'``, so it shows as text. Numbers
stay numbers: numeric columns are never touched, and a text cell that is a plain decimal
number (``-3``, ``+4.5``) is not a formula and is left alone.

Used by every file a user may open in a spreadsheet: the research export (CSV, XLSX, SPSS
variable and value labels), ``inclusief score --format csv`` and the task-inventory templates.

>>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-3"), neutralise("@SUM(A1)")
('\\'=HYPERLINK("http://x")', '-3', "'@SUM(A1)")
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from numpy.typing import NDArray

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_NEEDS_QUOTES = re.compile(r'[,"\n\r]')
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


def to_csv_text(frame: pd.DataFrame, *, decimals: int = 4, index: bool = False) -> str:
    """CSV text of ``frame``, injection neutralised, floats with ``decimals`` places, missing
    values empty: the same text as ``neutralise_frame(frame).to_csv(index=False,
    float_format="%.4f")``, several times faster. ``index=True`` writes the index as the
    first column (as ``reset_index()`` would, without copying the frame).

    pandas formats every float cell through Python; here each *distinct* value of a column is
    neutralised, formatted and quoted once (a score column holds few distinct values), and the
    rows are joined from those texts.
    """
    series = [frame.iloc[:, pos] for pos in range(frame.shape[1])]
    names = [str(neutralise(str(c))) for c in frame.columns]
    if index:
        series.insert(0, pd.Series(frame.index))
        names.insert(0, str(neutralise(str(frame.index.name or "index"))))
    columns: list[NDArray[np.object_]] = []
    for col in series:
        codes, uniques = pd.factorize(col)
        if pd.api.types.is_float_dtype(col.dtype):
            texts = [f"{u + 0.0:.{decimals}f}" for u in uniques]  # -0.0 + 0.0 = 0.0
        elif pd.api.types.is_numeric_dtype(col.dtype) or pd.api.types.is_bool_dtype(col.dtype):
            texts = [str(u) for u in uniques]
        else:
            texts = [_csv_field(str(neutralise(u))) for u in uniques]
        text = np.asarray([*texts, ""], dtype=object)[codes]  # -1 (missing) -> ""
        if pd.api.types.is_float_dtype(col.dtype):  # factorize makes -0.0 and 0.0 one value
            values = col.to_numpy(dtype=np.float64)
            text[(values == 0) & np.signbit(values)] = f"{-0.0:.{decimals}f}"
        columns.append(text)
    header = ",".join(_csv_field(c) for c in names)
    if not len(frame):
        return header + "\n"
    return header + "\n" + "\n".join(map(",".join, zip(*columns, strict=True))) + "\n"


def _csv_field(text: str) -> str:
    """One field as pandas and the csv module write it (QUOTE_MINIMAL, ``,`` separator)."""
    if _NEEDS_QUOTES.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text
