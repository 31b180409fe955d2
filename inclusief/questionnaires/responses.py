"""Read a responses file (CSV or XLSX): one row per respondent, one column per item.

Layout: ``respondent_id`` first, then item ids as columns. A cell holds a scale code; an
empty cell means skipped; the scale's weet-niet code means don't know. An optional
``support_needs`` column holds the chosen support options separated by ``;``.

Every problem names the file, the row (as a spreadsheet shows it: the header is row 1) and
the column.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from inclusief.errors import InputError, Problem
from inclusief.questionnaires.model import Questionnaire

ID_COLUMN = "respondent_id"
SUPPORT_COLUMN = "support_needs"
MAX_PROBLEMS = 50


def read_table(path: str | Path) -> pd.DataFrame:
    """A CSV or XLSX file as strings, empty cells as ''."""
    path = Path(path)
    if not path.exists():
        raise InputError.single(str(path), "file not found")
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            frame = pd.read_excel(path, dtype=str).fillna("")
        else:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, sep=None, engine="python")
    except (ValueError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InputError.single(str(path), f"cannot read the table: {exc}") from None
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame


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

    codes = {}
    for _dim, item, scale in q.iter_items():
        if item.id not in frame.columns:
            continue
        raw = frame[item.id].astype(str).str.strip()
        num = pd.to_numeric(raw.where(raw != ""), errors="coerce")
        allowed = set(scale.codes) | ({scale.dont_know.code} if scale.dont_know else set())
        bad = (raw != "") & (num.isna() | ~num.isin(list(allowed)))
        for idx in bad.index[bad][:MAX_PROBLEMS]:
            problems.append(
                Problem(
                    file,
                    f"value '{raw[idx]}' is not on scale '{scale.id}' "
                    f"(allowed: {', '.join(str(a) for a in sorted(allowed))}, or empty = skipped)",
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
    out = pd.DataFrame(codes, index=frame.index, dtype="float64")
    out.index = pd.Index(ids.to_numpy(), name=ID_COLUMN)
    return out.reindex(columns=[i for i in q.item_ids if i in out.columns]), support


def read_responses(
    path: str | Path, *, questionnaire: Questionnaire
) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """Read and validate a responses file; see :func:`parse_responses`."""
    frame = read_table(path)
    return parse_responses(frame, questionnaire=questionnaire, file=str(path))
