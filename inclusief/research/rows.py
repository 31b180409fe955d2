"""The input contract of the research area: a frame of completed assessments.

One row per assessment. Columns (anything else is ignored and never exported):

=======================  ========  ===========================================================
column                   required  meaning
=======================  ========  ===========================================================
``sector``               yes       SBI section letter (``P``), ``"P Onderwijs"`` or a sector
                                   name from ``generalisation.yaml``
``size_class``           yes       a size class (``10-49``) or a number of employees
``region``               yes       province (or landsdeel); a municipality is not enough: the
                                   store maps municipalities to provinces
``completed_at``         yes       completion date or timestamp
``organisation_id``      no        who the assessment belongs to; k counts organisations.
                                   Without it every row counts as its own organisation
``assessment_id``        no        internal id (used for nothing but error messages)
``questionnaire_id``     no        rows of another questionnaire are left out
``questionnaire_version`` no       rows of another version are left out (counted)
``status``               no        only ``completed`` / ``finished`` / ``afgerond`` rows stay
item ids                 yes*      answer codes; empty = skipped, the scale's weet-niet code =
                                   don't know (*a missing item column counts as skipped)
=======================  ========  ===========================================================

A responses CSV for the CLI has the same columns, with ``respondent_id`` as the first column
(see :func:`read_research_table`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from pydantic import BaseModel

from inclusief.errors import InputError, Problem
from inclusief.questionnaires.model import Questionnaire
from inclusief.questionnaires.responses import ID_COLUMN, parse_responses, read_table
from inclusief.questionnaires.scoring import score
from inclusief.research.anonymise import BaseQIs, generalise_base

REQUIRED = ("sector", "size_class", "region", "completed_at")
ORGANISATION = "organisation_id"
ASSESSMENT = "assessment_id"
QUESTIONNAIRE = "questionnaire_id"
VERSION = "questionnaire_version"
STATUS = "status"
META = (ORGANISATION, ASSESSMENT, QUESTIONNAIRE, VERSION, STATUS, *REQUIRED)
COMPLETED = frozenset({"completed", "finished", "afgerond", "submitted"})
MAX_PROBLEMS = 20


class InputCounts(BaseModel):
    """How many input rows were used and why others were left out (counts only)."""

    rows_in: int
    other_questionnaire: int = 0
    other_version: int = 0
    not_completed: int = 0
    rows_used: int = 0
    unknown: BaseQIs = BaseQIs()
    # Column *names* that are neither contract columns nor items: ignored, never exported.
    # Listed so that a misspelt item column does not go unnoticed.
    ignored_columns: list[str] = []


@dataclass
class ResearchData:
    """Validated, scored assessments of one questionnaire version, QIs at level 0."""

    questionnaire: Questionnaire
    answers: pd.DataFrame  # float codes, item columns in definition order, NaN = skipped
    scores: pd.DataFrame  # scoring.score() output
    base: pd.DataFrame  # level-0 quasi-identifiers (categorical)
    organisations: pd.Series  # organisation per row (str)
    completed_at: pd.Series  # UTC timestamps (internal: only peers_from uses them)
    counts: InputCounts

    def __len__(self) -> int:
        return len(self.answers)


def _numeric_items(frame: pd.DataFrame, q: Questionnaire, file: str) -> pd.DataFrame:
    problems: list[Problem] = []
    columns: dict[str, pd.Series] = {}
    for item_id in q.item_ids:
        if item_id not in frame.columns:
            columns[item_id] = pd.Series(np.nan, index=frame.index, dtype="float64")
            continue
        raw = frame[item_id]
        blank = raw.isna() | (raw.astype("string").str.strip() == "")
        num = pd.to_numeric(raw.where(~blank), errors="coerce").astype("float64")
        bad = ~blank & num.isna()
        for pos in np.flatnonzero(bad.to_numpy())[: MAX_PROBLEMS - len(problems)]:
            problems.append(Problem(file, "not a number", f"row {pos + 2}", item_id))
        columns[item_id] = num
    if problems:
        raise InputError(problems)
    return pd.DataFrame(columns, index=frame.index)


def prepare(
    rows: pd.DataFrame, *, questionnaire: Questionnaire, file: str = "rows"
) -> ResearchData:
    """Check the contract, keep the completed rows of this questionnaire version, score them
    and generalise their quasi-identifiers to level 0."""
    q = questionnaire
    missing = [c for c in REQUIRED if c not in rows.columns]
    if missing:
        raise InputError([Problem(file, "required column is missing", "row 1", c) for c in missing])
    frame = rows.reset_index(drop=True)
    known = set(META) | set(q.item_ids)
    counts = InputCounts(
        rows_in=len(frame), ignored_columns=[str(c) for c in frame.columns if c not in known]
    )
    keep = pd.Series(True, index=frame.index)
    if QUESTIONNAIRE in frame.columns:
        other = frame[QUESTIONNAIRE].astype("string").fillna("") != q.id
        counts.other_questionnaire = int(other.sum())
        keep &= ~other
    if VERSION in frame.columns:
        other = (frame[VERSION].astype("string").fillna("") != q.version) & keep
        counts.other_version = int(other.sum())
        keep &= ~other
    if STATUS in frame.columns:
        status = frame[STATUS].astype("string").fillna("").str.strip().str.casefold()
        open_ = ~status.isin(list(COMPLETED)) & keep
        counts.not_completed = int(open_.sum())
        keep &= ~open_
    # Row numbers in messages refer to the input as given (header = row 1).
    answers = _numeric_items(frame, q, file).loc[keep]
    kept = frame.loc[keep]
    scores = score(questionnaire=q, responses=answers, source=file)
    base, unknown = generalise_base(kept, file=file)
    if ORGANISATION in kept.columns:
        organisations = kept[ORGANISATION].astype("string").fillna("").astype(str)
    else:
        organisations = pd.Series([f"row{i}" for i in kept.index], index=kept.index)
    counts.rows_used = len(kept)
    counts.unknown = unknown
    return ResearchData(
        questionnaire=q,
        answers=answers,
        scores=scores,
        base=base,
        organisations=organisations,
        completed_at=pd.to_datetime(kept["completed_at"], utc=True, format="mixed"),
        counts=counts,
    )


def read_research_table(path: str | Path, *, questionnaire: Questionnaire) -> pd.DataFrame:
    """A responses CSV/XLSX with quasi-identifier columns -> a rows frame (the contract).

    Layout: ``respondent_id`` (becomes ``assessment_id``), the columns of the table above,
    then the item columns. Item codes are checked by the questionnaires' responses reader,
    so every problem names its row and column. Other columns are ignored: their contents
    are dropped here, only their names travel on (see ``InputCounts.ignored_columns``).
    """
    table = read_table(path)
    missing = [c for c in REQUIRED if c not in table.columns]
    if ID_COLUMN not in table.columns:
        missing.insert(0, ID_COLUMN)
    if missing:
        raise InputError(
            [Problem(str(path), "required column is missing", "row 1", c) for c in missing]
        )
    meta_cols = [c for c in table.columns if c in META]
    item_cols = [ID_COLUMN, *(c for c in table.columns if c in set(questionnaire.item_ids))]
    ignored = [c for c in table.columns if c not in META and c not in item_cols]
    codes, _support = parse_responses(table[item_cols], questionnaire=questionnaire, file=str(path))
    out = table[meta_cols].copy()
    out.insert(0, ASSESSMENT, table[ID_COLUMN].astype(str).str.strip())
    out = out.replace({"": np.nan})
    for item_id in codes.columns:
        out[item_id] = codes[item_id].to_numpy()
    for col in ignored:  # kept by name only, so prepare() can list them; never exported
        out[col] = np.nan
    return out
