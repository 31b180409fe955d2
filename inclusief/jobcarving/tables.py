"""Editable tables (pandas DataFrames, e.g. in ``st.data_editor``) <-> inventory and candidates.

The cells are those of the CSV and XLSX files (see :mod:`inclusief.jobcarving.inventory`):
a schedule is ``ma-ochtend: 0,5; wo-middag: 1`` or ``flexibel``, lists are ``;``-separated,
each capability dimension has its own column (an empty cell = not given), ``accommodations``
is empty for any accommodation and ``geen`` for none. The tables are read back by the same
parsers and checks as those files, so an edited table follows the same rules and gets the same
messages.

Every problem names the table (as the file), the row and the column label in the chosen
language. Rows are data rows counted from 1 at the top of the table, as the frames made here
number them in their index (``row 2`` is the second row shown); an empty row (a new row left
blank) is skipped but keeps its number.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

import pandas as pd

from inclusief.errors import InputError
from inclusief.i18n import DEFAULT_LANG, catalog, t
from inclusief.jobcarving.inventory import (
    TASKS_SHEET,
    candidate_table,
    candidates_of_table,
    edited_table,
    inventory_tables,
    inventory_with_task_table,
    load_dimensions,
)
from inclusief.jobcarving.model import Candidate, Inventory

__all__ = [
    "candidates_frame",
    "candidates_from_frame",
    "column_label",
    "inventory_from_frame",
    "tasks_frame",
]


def _frame(rows: list[list[Any]]) -> pd.DataFrame:
    header, *data = rows
    return pd.DataFrame(data, columns=header, index=range(1, len(data) + 1))


def tasks_frame(inventory: Inventory) -> pd.DataFrame:
    """The tasks as an editable table: the ``taken`` sheet of the XLSX template, rows from 1."""
    return _frame(inventory_tables(inventory)[TASKS_SHEET])


TEXT_NUMBERS = (
    "hours_wish",
    "hours_per_day_max",
    "min_block_hours",
    "max_locations",
    "max_travel_minutes",
)
"""Candidate columns of model 2.0 shown as text cells (read back as numbers, decimal comma
allowed), so a page that edits unknown columns as text keeps working."""


def candidates_frame(candidates: Iterable[Candidate]) -> pd.DataFrame:
    """The candidates as an editable table: the columns of a candidate CSV, rows from 1."""
    rows = candidate_table(candidates)
    header = rows[0]
    idx = [header.index(c) for c in TEXT_NUMBERS if c in header]
    for row in rows[1:]:
        for i in idx:
            row[i] = None if row[i] is None else f"{row[i]:g}"
    return _frame(rows)


def column_label(column: str, lang: str = DEFAULT_LANG) -> str:
    """A column as the user sees it: a dimension's name or ``carving_page.col_<column>``."""
    dims = load_dimensions()
    if column in dims:
        return dims[column].name.get(lang)
    key = f"carving_page.col_{column}"
    return t(key, lang) if key in catalog() else column


def _plain(value: Any) -> Any:
    """A frame cell as plain Python: numpy scalars unwrapped, NaN and NA as ``None``."""
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value


def _raw(frame: pd.DataFrame) -> list[list[Any]]:
    return [
        [str(c) for c in frame.columns],
        *([_plain(v) for v in row] for row in frame.itertuples(index=False)),
    ]


def _labelled(exc: InputError, lang: str) -> InputError:
    return InputError(
        [replace(p, field=column_label(p.field, lang)) if p.field else p for p in exc.problems]
    )


def inventory_from_frame(
    base: Inventory, tasks: pd.DataFrame, *, table: str, lang: str = DEFAULT_LANG
) -> Inventory:
    """``base`` (header, categories, roles) with the tasks of the edited table, checked as an
    inventory file. Raises :class:`InputError` naming ``table``, the row and the column."""
    try:
        return inventory_with_task_table(base, edited_table(table, _raw(tasks)))
    except InputError as exc:
        raise _labelled(exc, lang) from None


def candidates_from_frame(
    frame: pd.DataFrame,
    inventory: Inventory | None,
    *,
    table: str,
    lang: str = DEFAULT_LANG,
) -> list[Candidate]:
    """The candidates of the edited table, checked as a candidate file (with ``inventory``
    also likes and dislikes). Raises :class:`InputError` naming ``table``, row and column."""
    try:
        return candidates_of_table(edited_table(table, _raw(frame)), inventory)
    except InputError as exc:
        raise _labelled(exc, lang) from None
