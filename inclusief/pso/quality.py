"""PSO-style quality criteria: the ``pso_kwaliteit`` questionnaire, scored by the same engine
as the werkgeversscan (:mod:`inclusief.questionnaires.scoring`).

Four dimensions after the PSO quality criteria for Trede 1-3 (passend werk, integratie,
functioneren en ontwikkeling, begeleiding); the items and advice are our own words.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from inclusief.errors import InputError
from inclusief.questionnaires.load import load_shipped
from inclusief.questionnaires.model import Questionnaire
from inclusief.questionnaires.responses import read_responses
from inclusief.questionnaires.results import ScanResult
from inclusief.questionnaires.scoring import score_one

QUESTIONNAIRE_ID = "pso_kwaliteit"


def quality_questionnaire() -> Questionnaire:
    return load_shipped(QUESTIONNAIRE_ID)


def score_quality(answers: Mapping[str, int | None], *, lang: str = "nl") -> ScanResult:
    """Score one set of answers (item id -> code, None = skipped)."""
    return score_one(questionnaire=quality_questionnaire(), answers=answers, lang=lang)


def read_quality(path: str | Path, *, lang: str = "nl") -> ScanResult:
    """Read a CSV/XLSX with ``respondent_id`` and one row of ``pso_kwaliteit`` answers."""
    frame, _support = read_responses(path, questionnaire=quality_questionnaire())
    if len(frame) != 1:
        raise InputError.single(
            str(path), f"expected one row of answers, found {len(frame)}", where="row 2"
        )
    row = frame.iloc[0]
    answers = {str(k): (None if v != v else int(v)) for k, v in row.items()}
    return score_quality(answers, lang=lang)
