"""Everything the researcher page shows, from one call.

The page (``inclusief/ui/pages/research.py``) calls :func:`research_view` (rows already in
hand, for example an upload) or :func:`research_view_for` (from the database, with the
acting user's role checked by the store). Nothing here holds a name: the export, the
tables, the reliability report and the typology are all built from the anonymised or
aggregated data.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from inclusief.questionnaires.load import load_shipped, shipped_ids
from inclusief.questionnaires.model import Questionnaire
from inclusief.research.aggregates import AggregateTable, aggregate_table
from inclusief.research.export import Export, build_export
from inclusief.research.release import K_FLOOR as K_FLOOR  # the page's k floor
from inclusief.research.release import Release, ReleaseStore, default_release_store
from inclusief.research.reliability import ResearchReliability, research_reliability
from inclusief.research.rows import prepare, read_research_table
from inclusief.research.source import rows_from_store
from inclusief.research.typology import Typology, typology


@dataclass
class ResearchView:
    export: Export
    reliability: ResearchReliability
    aggregates: AggregateTable
    typology: Typology
    n_rows: int


def research_view(
    *,
    questionnaire: Questionnaire,
    rows: pd.DataFrame,
    k: int | None = None,
    lang: str = "nl",
    release: Release | None = None,
) -> ResearchView:
    """Everything from rows in hand. The export follows ``release`` (see
    :mod:`inclusief.research.release`); ``view.export.release`` is the one to store."""
    data = prepare(rows, questionnaire=questionnaire)
    return ResearchView(
        export=build_export(questionnaire=questionnaire, rows=data, k=k, release=release),
        reliability=research_reliability(data, lang=lang, k=k),
        aggregates=aggregate_table(data, k=k, lang=lang),
        typology=typology(data, lang=lang),
        n_rows=len(data),
    )


def _released_view(
    *,
    questionnaire: Questionnaire,
    rows: pd.DataFrame,
    k: int | None,
    lang: str,
    releases: ReleaseStore | None,
) -> ResearchView:
    """The view under the stored release of this questionnaire version; the release,
    extended with any new period, is stored again before the view is returned."""
    store = releases if releases is not None else default_release_store()
    release = store.load(questionnaire.id, questionnaire.version)
    view = research_view(questionnaire=questionnaire, rows=rows, k=k, lang=lang, release=release)
    if view.export.release is not None:
        store.save(view.export.release)
    return view


def research_view_for(
    *,
    actor: Any,
    questionnaire_id: str,
    k: int | None = None,
    lang: str = "nl",
    releases: ReleaseStore | None = None,
) -> ResearchView:
    """From the database; the store's role check decides whether ``actor`` may see it."""
    questionnaire = load_shipped(questionnaire_id)
    rows = rows_from_store(actor=actor, questionnaire_id=questionnaire_id)
    return _released_view(questionnaire=questionnaire, rows=rows, k=k, lang=lang, releases=releases)


def available_questionnaires() -> list[str]:
    """Ids of the questionnaires a researcher can choose."""
    return shipped_ids()


def research_view_from(
    *,
    actor: Any,
    questionnaire_id: str,
    upload: tuple[str, bytes] | None = None,
    k: int | None = None,
    lang: str = "nl",
    releases: ReleaseStore | None = None,
) -> ResearchView:
    """The page's one call: an uploaded responses file (name, bytes) when given, otherwise
    the database through the store (which checks ``actor``'s role). Either way the export
    follows the release policy; ``releases`` defaults to files under the data dir."""
    if upload is None:
        return research_view_for(
            actor=actor, questionnaire_id=questionnaire_id, k=k, lang=lang, releases=releases
        )
    questionnaire = load_shipped(questionnaire_id)
    name, content = upload
    suffix = Path(name).suffix.lower() or ".csv"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(content)
        rows = read_research_table(path, questionnaire=questionnaire)
    return _released_view(questionnaire=questionnaire, rows=rows, k=k, lang=lang, releases=releases)
