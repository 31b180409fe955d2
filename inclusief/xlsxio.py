"""One XLSX reader for every workbook a user gives us (responses, PSO data, task inventories).

A workbook stores a formula and, next to it, the result the spreadsheet program last
calculated (the *cached value*). Reading with ``data_only=True`` (as pandas and openpyxl do)
gives that cached value, or nothing when there is none: a file written by a script (openpyxl,
XlsxWriter without values) or downloaded before it was ever recalculated holds formulas
without results. Such a cell would silently read as empty, so an answer would be scored as
*skipped*. Here it is refused, naming file, sheet, row, column and the formula, with the fix:
open and save the file in Excel or LibreOffice (which stores the results), or type the value.

Reading is one pass over the values; a second pass (formulas) runs only when the sheet XML
holds a formula at all, so a plain data file costs no more than before.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from inclusief.errors import InputError, Problem

MAX_PROBLEMS = 50
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _has_formulas(content: bytes) -> bool:
    """Whether any worksheet XML in the workbook holds a formula element."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for name in archive.namelist():
                sheet = name.startswith("xl/worksheets/") and name.endswith(".xml")
                if sheet and _FORMULA_TAG.search(archive.read(name)):
                    return True
    except zipfile.BadZipFile:
        return False  # openpyxl gives the clear message
    return False


def _trim(rows: list[list[Any]]) -> list[list[Any]]:
    """Drop empty cells at the end of each row and empty rows at the end of the sheet."""
    out = []
    for row in rows:
        end = len(row)
        while end and (row[end - 1] is None or row[end - 1] == ""):
            end -= 1
        out.append(row[:end])
    while out and not out[-1]:
        out.pop()
    return out


def read_workbook(
    source: str | Path | IO[bytes], *, file: str, sheets: Sequence[int] | None = None
) -> dict[str, list[list[Any]]]:
    """Sheet title -> rows of cell values (``None`` for an empty cell), trailing empties
    trimmed. ``sheets`` picks sheets by position (``[0]`` = the first only).

    Raises :class:`InputError` for a file that is not a workbook and for every formula cell
    without a saved result (see the module text).
    """
    from openpyxl import load_workbook

    try:
        content = Path(source).read_bytes() if isinstance(source, str | Path) else source.read()
    except FileNotFoundError:
        raise InputError.single(file, "file not found") from None
    except OSError as exc:
        raise InputError.single(file, f"cannot read the file: {exc.strerror}") from None
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types (BadZipFile, InvalidFileException...)
        raise InputError.single(file, f"cannot read the workbook: {exc}") from None
    try:
        chosen = [
            ws for pos, ws in enumerate(wb.worksheets) if sheets is None or pos in set(sheets)
        ]
        values: dict[str, list[list[Any]]] = {}
        for ws in chosen:
            ws.reset_dimensions()  # type: ignore[union-attr]  # some writers store wrong ones
            values[ws.title] = [list(r) for r in ws.iter_rows(values_only=True)]  # type: ignore[union-attr]
    finally:
        wb.close()
    if _has_formulas(content):
        _check_formulas(content, values, file=file)
    return {title: _trim(rows) for title, rows in values.items()}


def _check_formulas(content: bytes, values: dict[str, list[list[Any]]], *, file: str) -> None:
    """Refuse every formula cell whose cached value is missing."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    problems: list[Problem] = []
    try:
        for title, rows in values.items():
            ws = wb[title]
            ws.reset_dimensions()  # type: ignore[union-attr]
            header = rows[0] if rows else []
            for r, row in enumerate(ws.iter_rows(), start=1):  # type: ignore[union-attr]
                cached = rows[r - 1] if r - 1 < len(rows) else []
                for c, cell in enumerate(row, start=1):
                    if getattr(cell, "data_type", None) != "f":
                        continue
                    if c - 1 < len(cached) and cached[c - 1] is not None:
                        continue
                    name = header[c - 1] if r > 1 and c - 1 < len(header) else None
                    problems.append(
                        Problem(
                            file,
                            f"cell {_column_letter(c)}{r} holds the formula '{cell.value}' "
                            "without a saved result (it would read as empty); open and save "
                            "the file in Excel or LibreOffice, or type the value",
                            f"sheet {title}, row {r}",
                            str(name) if name not in (None, "") else None,
                        )
                    )
                    if len(problems) >= MAX_PROBLEMS:
                        raise InputError(problems)
    finally:
        wb.close()
    if problems:
        raise InputError(problems)
