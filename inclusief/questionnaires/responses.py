"""Read a responses file (CSV or XLSX): one row per respondent, one column per item.

Layout: ``respondent_id`` first, then item ids as columns. A cell holds a scale code; an
empty cell means skipped; the scale's weet-niet code means don't know. An optional
``support_needs`` column holds the chosen support options separated by ``;``.

Every problem names the file, the row (as a spreadsheet shows it: the header is row 1) and
the column.
"""

from __future__ import annotations

import csv
import io
import math
import re
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from inclusief.errors import InputError, Problem
from inclusief.questionnaires.model import Questionnaire
from inclusief.questionnaires.scoring import accepted
from inclusief.xlsxio import read_workbook

ID_COLUMN = "respondent_id"
SUPPORT_COLUMN = "support_needs"
MAX_PROBLEMS = 50
DELIMITERS = ",;\t|"
_BLANKISH_LINE = re.compile(r"^[ \t\f\v]+$", re.MULTILINE)
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def read_table(path: str | Path) -> pd.DataFrame:
    """A CSV or XLSX file as strings, empty cells as ''.

    See :func:`table_from_csv_text` for what is checked in a CSV file; an XLSX file gets the
    same header checks (no duplicate or unnamed columns).
    """
    path = Path(path)
    if not path.exists():
        raise InputError.single(str(path), "file not found")
    if path.is_dir():
        raise InputError.single(str(path), "is a folder, not a CSV or XLSX file")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return table_from_excel(path, file=str(path))
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise InputError.single(str(path), f"cannot read the file: {exc.strerror}") from None
    return table_from_csv_bytes(content, file=str(path))


def table_from_excel(source: Path | IO[bytes], *, file: str) -> pd.DataFrame:
    """The first sheet of an XLSX file as strings, with the header checks of a CSV file.

    Read by the shared reader :func:`inclusief.xlsxio.read_workbook`, which refuses a formula
    without a saved result (it would read as empty, so as skipped). A whole number stored as
    a decimal (``5.0``) reads as ``5``; an error cell (``#DIV/0!``) reads as its text, so the
    scale check names it.
    """
    sheets = read_workbook(source, file=file, sheets=[0])
    rows = next(iter(sheets.values()), [])
    return _frame([[_excel_text(v) for v in row] for row in rows], file=file)


def _excel_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def decode_csv(content: bytes, *, file: str) -> tuple[str, str]:
    """CSV bytes as text, and the encoding that was read: ``utf-8`` (with or without a
    byte-order mark) or, when the bytes are not valid UTF-8, ``cp1252`` (what Dutch Excel's
    plain "CSV (gescheiden door lijstscheidingsteken)" writes). Bytes that are neither are
    refused with the file named, and so are bytes with NUL characters (UTF-16 text or a
    binary file), which Windows-1252 would otherwise read as nonsense.

    >>> decode_csv("prijs;€".encode("cp1252"), file="f.csv")
    ('prijs;€', 'cp1252')
    """
    try:
        return content.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in content:
        raise InputError.single(
            file, "the file is not UTF-8 or Windows-1252 text (save it as 'CSV UTF-8')"
        )
    try:
        return content.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise InputError.single(
            file, "the file is not UTF-8 or Windows-1252 text (save it as 'CSV UTF-8')"
        ) from None


def table_from_csv_bytes(content: bytes, *, file: str) -> pd.DataFrame:
    """CSV bytes (UTF-8 with or without a byte-order mark, else Windows-1252) as a table of
    strings. ``frame.attrs`` says what was read: ``encoding`` and ``delimiter`` (the number
    reader :mod:`inclusief.numbers` uses the delimiter to settle ``36.000``)."""
    text, encoding = decode_csv(content, file=file)
    frame = table_from_csv_text(text, file=file)
    frame.attrs["encoding"] = encoding
    return frame


def sniff_delimiter(header: str) -> str:
    """The separator of a CSV file from its header line: one of ``, ; tab |``.

    A header without any of them (a single column) is read with ``,``.

    >>> sniff_delimiter("respondent_id;a1;a2"), sniff_delimiter("respondent_id")
    (';', ',')
    """
    try:
        return csv.Sniffer().sniff(header, delimiters=DELIMITERS).delimiter
    except csv.Error:
        counts = {d: header.count(d) for d in DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def table_from_csv_text(text: str, *, file: str) -> pd.DataFrame:
    """CSV text as a table of strings, empty cells as ''.

    The separator is ``,``, ``;``, tab or ``|`` (see :func:`sniff_delimiter`). Refused, with
    the file and row named: an empty file, a row with more or fewer values than the header
    (pandas would shift the columns and read the wrong data), a duplicate column name and
    an unnamed column that holds values. Blank lines are skipped; empty unnamed columns at
    the end (trailing separators on every row, as some spreadsheets write) are dropped.
    """
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise InputError.single(file, "the file is empty")
    delimiter = sniff_delimiter(_first_line(text))
    # The usual file goes through pandas' C parser (about 4x faster); any irregular one
    # through the csv module, row by row, so that every problem names its row.
    fast = _uniform_table(text, delimiter)
    if fast is not None:
        frame = _frame_uniform(fast, file=file)
        frame.attrs["delimiter"] = delimiter  # the number reader settles "36.000" with it
        return frame
    return _table_row_by_row(text, delimiter, file=file)


def _table_row_by_row(text: str, delimiter: str, *, file: str) -> pd.DataFrame:
    try:
        rows = [row for row in csv.reader(io.StringIO(text), delimiter=delimiter) if row]
    except csv.Error as exc:
        raise InputError.single(file, f"cannot read the table: {exc}") from None
    frame = _frame(rows, file=file, check_lengths=True)
    frame.attrs["delimiter"] = delimiter
    return frame


def _first_line(text: str) -> str:
    """The first line that is not blank (the header), without splitting the whole text."""
    start = 0
    while True:
        end = text.find("\n", start)
        line = text[start:] if end < 0 else text[start:end]
        if line.strip() or end < 0:
            return line.rstrip("\r")
        start = end + 1


def _uniform_table(text: str, delimiter: str) -> pd.DataFrame | None:
    """The fast path (pandas' C parser) for the usual file: no quotes, no stray carriage
    returns, no lines of only spaces, every non-empty line with as many separators as the
    header. Anything else (``None``) goes through the csv module, which names each irregular
    row.

    Checked without a Python loop over the lines: the C parser refuses a line with more
    values than the first, and a line with fewer would leave the file with fewer separators
    than (separators per line) x (lines read).
    """
    if '"' in text:
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            return None
    if _BLANKISH_LINE.search(text):
        return None
    try:
        raw = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            header=None,
            dtype=str,
            na_filter=False,
            quoting=csv.QUOTE_NONE,
            skip_blank_lines=True,
            engine="c",
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError):
        return None
    width = raw.shape[1] - 1
    if width == 0 or text.count(delimiter) != width * len(raw):
        return None
    return raw


def _frame_uniform(raw: pd.DataFrame, *, file: str) -> pd.DataFrame:
    """A table whose rows all have the header's width -> the same frame as :func:`_frame`."""
    header = [str(c).strip().lstrip("\ufeff") for c in raw.iloc[0]]
    data = raw.iloc[1:]
    while header and not header[-1] and not data.iloc[:, len(header) - 1].str.strip().any():
        header.pop()
    problems = _header_problems(header, file=file)
    if problems:
        raise InputError(problems[:MAX_PROBLEMS])
    frame = data.iloc[:, : len(header)]
    frame.columns = pd.Index(header)  # no copy of the values (set_axis would copy them)
    frame.index = pd.RangeIndex(len(frame))
    return frame


def _header_problems(header: list[str], *, file: str) -> list[Problem]:
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for pos, name in enumerate(header, start=1):
        if not name:
            problems.append(Problem(file, f"column {pos} has no name", "row 1"))
        elif name in first:
            problems.append(
                Problem(
                    file,
                    f"duplicate column '{name}' (columns {first[name]} and {pos})",
                    "row 1",
                    name,
                )
            )
        else:
            first[name] = pos
    return problems


def _at(row: list[str], pos: int) -> str:
    return row[pos].strip() if pos < len(row) else ""


def _frame(rows: list[list[str]], *, file: str, check_lengths: bool = False) -> pd.DataFrame:
    """Header row + data rows -> a frame; checks the header and (for CSV) each row length."""
    if not rows:
        raise InputError.single(file, "the file is empty")
    header = [str(c).strip().lstrip("\ufeff") for c in rows[0]]
    data = rows[1:]
    named_width = len(header)
    # Unnamed columns at the end that hold nothing (trailing separators) are dropped. An
    # extra value on a row is refused otherwise, even when empty: with an empty last column
    # a stray separator would still shift the values of the row.
    while header and not header[-1] and not any(_at(r, len(header) - 1) for r in data):
        header.pop()
    problems = _header_problems(header, file=file)
    width = len(header)
    fixed: list[list[str]] = []
    for pos, row in enumerate(data, start=2):
        if width < len(row) <= named_width and not any(v.strip() for v in row[width:]):
            row = row[:width]  # empty values under the dropped unnamed columns
        if check_lengths and len(row) != width and len(problems) < MAX_PROBLEMS:
            n = len(row)
            problems.append(
                Problem(
                    file,
                    f"{n} value{'s' if n != 1 else ''}, but the header has {width} columns "
                    "(check for a stray separator or a missing value)",
                    f"row {pos}",
                )
            )
        fixed.append((row + [""] * width)[:width])
    if problems:
        raise InputError(problems[:MAX_PROBLEMS])
    frame = pd.DataFrame(fixed, columns=header, dtype=str)
    return frame.fillna("")


def parse_responses(
    frame: pd.DataFrame, *, questionnaire: Questionnaire, file: str
) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """Validate a table of strings; return (codes frame indexed by respondent, support needs)."""
    q = questionnaire
    problems: list[Problem] = []
    if ID_COLUMN not in frame.columns:
        raise InputError.single(file, "the column 'respondent_id' is missing", where="row 1")
    item_ids = set(q.item_ids)
    for col in frame.columns:
        if col not in item_ids and col not in (ID_COLUMN, SUPPORT_COLUMN):
            problems.append(Problem(file, "unknown item column", where="row 1", field=col))

    ids = frame[ID_COLUMN].astype(str).str.strip()
    rows = pd.Series(np.arange(2, len(frame) + 2), index=frame.index)
    for idx in ids.index[ids == ""]:
        problems.append(Problem(file, "respondent_id is empty", f"row {rows[idx]}", ID_COLUMN))
    dup = ids[(ids != "") & ids.duplicated(keep=False)]
    for value, group in dup.groupby(dup):
        listed = ", ".join(str(rows[i]) for i in group.index)
        problems.append(
            Problem(
                file,
                f"respondent_id '{value}' appears more than once (rows {listed})",
                f"row {rows[group.index[1]]}",
                ID_COLUMN,
            )
        )

    codes: dict[str, NDArray[np.float64]] = {}
    for _dim, item, scale in q.iter_items():
        if item.id not in frame.columns:
            continue
        # per distinct value, not per cell: a column holds a handful of codes
        positions, uniques = pd.factorize(frame[item.id])  # a missing cell (NaN) = skipped
        texts = [str(u).strip() for u in uniques]
        values = np.full(len(texts) + 1, np.nan)  # the last entry: factorize's NA sentinel
        bad_value = np.zeros(len(texts) + 1, dtype=bool)
        for j, text in enumerate(texts):
            if not text:
                continue
            number = float(text) if _PLAIN_NUMBER.match(text) else math.nan
            values[j] = number
            bad_value[j] = math.isnan(number) or not bool(
                accepted(scale, np.array([number], dtype=np.float64))[0]
            )
        num = values[positions]
        bad_rows = np.flatnonzero(bad_value[positions])
        for pos in bad_rows[:MAX_PROBLEMS]:
            idx = frame.index[pos]
            problems.append(
                Problem(
                    file,
                    f"value '{texts[positions[pos]]}' is not on scale '{scale.id}' "
                    f"(allowed: {scale.allowed_text()}, or empty = skipped)",
                    f"row {rows[idx]}",
                    item.id,
                )
            )
        codes[item.id] = num
    support: dict[str, list[str]] = {}
    if SUPPORT_COLUMN in frame.columns and q.support_needs is not None:
        options = {o.id for o in q.support_needs.options}
        for idx, cell in frame[SUPPORT_COLUMN].items():
            chosen = [c.strip() for c in str(cell).split(";") if c.strip()]
            for c in chosen:
                if c not in options:
                    problems.append(
                        Problem(
                            file,
                            f"unknown support option '{c}'",
                            f"row {rows[idx]}",
                            SUPPORT_COLUMN,
                        )
                    )
            support[ids[idx]] = chosen
    if problems:
        raise InputError(problems[:MAX_PROBLEMS])
    present = [i for i in q.item_ids if i in codes]
    matrix = np.empty((len(frame), len(present)), dtype=np.float64, order="F")
    for j, item_id in enumerate(present):
        matrix[:, j] = codes[item_id]
    index = pd.Index(ids.to_numpy(), name=ID_COLUMN)
    return pd.DataFrame(matrix, index=index, columns=present, copy=False), support


def read_responses(
    path: str | Path, *, questionnaire: Questionnaire
) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """Read and validate a responses file; see :func:`parse_responses`."""
    frame = read_table(path)
    return parse_responses(frame, questionnaire=questionnaire, file=str(path))
