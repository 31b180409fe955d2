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
