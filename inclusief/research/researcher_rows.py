"""Researcher-facing rows: what a researcher may receive row by row, always anonymised.

The store's ``research_rows`` reads finished assessments with internal organisation ids,
exact completion times, provinces and the detailed sector: the raw material for the research
core, never for a researcher's eyes. Every row a *researcher* receives goes through
:func:`researcher_rows`, which is the export's anonymiser (the same whitelist, generalisation,
k-anonymity and release policy as :func:`inclusief.research.export.build_export`):

- no internal ids (a fresh random ``pseudo_id`` per call), no names, no free text;
- sector as broad sector (or coarser), size class, landsdeel (or Nederland), the quarter
  (or year) of completion, never the exact time, the province or the detailed sector;
- at least k >= 5 organisations share every combination of those, under the release of the
  questionnaire version, so these rows cannot be joined with an export into smaller classes.

The store, the CLI and the services call it with whatever ``research_rows`` returns (a frame,
records, or assessments + long answers; see :func:`normalise`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast

import pandas as pd

from inclusief.questionnaires.load import load_shipped
from inclusief.questionnaires.model import Questionnaire
from inclusief.research.anonymise import DEFAULT_MAX_SUPPRESSION
from inclusief.research.export import ExportLog, build_export
from inclusief.research.release import Release, ReleaseStore, default_release_store


def normalise(result: Any) -> pd.DataFrame:
    """Whatever ``research_rows`` returns -> a frame in the research input contract."""
    if isinstance(result, pd.DataFrame):
        return result
    if isinstance(result, tuple) and len(result) == 2:
        assessments, answers = (pd.DataFrame(part) for part in result)
        wide = answers.pivot_table(
            index="assessment_id", columns="item_id", values="code", aggfunc="first"
        )
        return assessments.merge(wide, left_on="assessment_id", right_index=True, how="left")
    records = [dict(r) if isinstance(r, Mapping) else r for r in cast(Iterable[Any], result)]
    rows = []
    for record in records:
        if not isinstance(record, dict):
            record = {k: v for k, v in vars(record).items() if not k.startswith("_")}
        answers = record.pop("answers", None) or {}
        record.update(dict(answers))
        rows.append(record)
    return pd.DataFrame(rows)


@dataclass
class ResearcherRows:
    rows: pd.DataFrame
    """One row per kept assessment: ``pseudo_id``, questionnaire id and version, the
    generalised ``sector``, ``size_class``, ``region``, ``period``, one column per item
    (skipped = -1, weet niet = the scale's code) and the scores."""
    log: ExportLog
    """Counts only: rows in, left out, suppressed, the levels; never a value."""
    release: Release | None
    """The release the rows follow, extended with any new period: to be stored."""


def researcher_rows(
    raw: Any,
    *,
    questionnaire: Questionnaire,
    k: int | None = None,
    release: Release | None = None,
    max_suppression: float = DEFAULT_MAX_SUPPRESSION,
    file: str = "database",
) -> ResearcherRows:
    """Raw research rows (from the store) -> anonymised researcher-facing rows."""
    export = build_export(
        questionnaire=questionnaire,
        rows=normalise(raw),
        k=k,
        max_suppression=max_suppression,
        file=file,
        release=release,
    )
    return ResearcherRows(rows=export.data, log=export.log, release=export.release)


def researcher_rows_for(
    raw: Any,
    *,
    questionnaire_id: str,
    k: int | None = None,
    releases: ReleaseStore | None = None,
) -> ResearcherRows:
    """:func:`researcher_rows` for a shipped questionnaire, under its stored release
    (``releases``, default: files under the data dir), which is stored again afterwards."""
    questionnaire = load_shipped(questionnaire_id)
    store = releases if releases is not None else default_release_store()
    result = researcher_rows(
        raw,
        questionnaire=questionnaire,
        k=k,
        release=store.load(questionnaire.id, questionnaire.version),
    )
    if result.release is not None:
        store.save(result.release)
    return result
