"""Everything the researcher page shows, from one call.

The page (``inclusief/ui/pages/research.py``) calls :func:`research_view` (rows already in
hand, for example an upload) or :func:`research_view_for` (from the database, with the
acting user's role checked here). Nothing here holds a name: the export, the
tables, the reliability report and the typology are all built from the anonymised or
aggregated data.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from inclusief.errors import InputError
from inclusief.questionnaires.load import load_shipped, shipped_ids
from inclusief.questionnaires.model import Questionnaire
from inclusief.research.aggregates import AggregateTable, aggregate_table
from inclusief.research.export import Export, build_export
from inclusief.research.release import K_FLOOR as K_FLOOR  # the page's k floor
from inclusief.research.release import (
    PeriodRelease,
    Release,
    ReleaseStore,
    default_release_store,
)
from inclusief.research.reliability import ResearchReliability, research_reliability
from inclusief.research.researcher_rows import researcher_rows_for
from inclusief.research.rows import prepare, read_research_table
from inclusief.research.typology import Typology, typology
from inclusief.services.access import Actor, aware, log, require_role, session
from inclusief.store import assessments as assessment_rows
from inclusief.store import research_releases
from inclusief.store.db import Store

RESEARCH_COLUMNS = [
    "organisation_id",
    "questionnaire_id",
    "questionnaire_version",
    "status",
    "sector",
    "size_class",
    "region",
    "completed_at",
]


def _raw_rows(s: Any, questionnaire_id: str, *, actor: Actor | str) -> pd.DataFrame:
    """Finished assessments with internal ids, exact times, province and detailed sector:
    raw material for the server's own computations, never handed to a researcher."""
    rows, answers = assessment_rows.finished_rows(s, questionnaire_id)
    log(s, actor, "research.rows", "questionnaire", None, id=questionnaire_id, n=len(rows))
    for row in rows:
        row["completed_at"] = aware(row["completed_at"])
    frame = pd.DataFrame(rows)
    if frame.empty:  # the contract's columns, no rows
        return pd.DataFrame(columns=RESEARCH_COLUMNS)
    wide = answers.pivot_table(
        index="assessment_id", columns="item_id", values="value", aggfunc="first"
    )
    out = frame.merge(wide, left_on="assessment_id", right_index=True, how="left")
    return out.drop(columns=["assessment_id"])


def research_rows(
    actor: Actor | None,
    questionnaire_id: str,
    *,
    store: Store | None = None,
    system: str = "cli",
    k: int | None = None,
) -> pd.DataFrame:
    """Finished assessments of one questionnaire, row by row.

    For a researcher (``actor``) every row goes through the anonymiser
    (:func:`inclusief.research.researcher_rows.researcher_rows`): a fresh pseudonymous id,
    generalised sector, size class, region and period, k >= 5 organisations per class, under
    the release kept in the database. ``actor`` None is the server itself (the command line
    with shell access, the peer benchmark): it gets the raw rows (organisation_id,
    questionnaire_id, questionnaire_version, status, sector, size_class, region,
    completed_at and one column per item), never names; ``system`` names it in the audit log.
    """
    with session(store) as s:
        if actor is not None:
            require_role(s, actor, "researcher")
        raw = _raw_rows(s, questionnaire_id, actor=actor or system)
    if actor is None:
        return raw
    return researcher_rows_for(
        raw,
        questionnaire_id=questionnaire_id,
        k=k,
        releases=DatabaseReleases(store, actor=actor.label),
    ).rows


def rows_from_store(
    *, actor: Any, questionnaire_id: str, store: Store | None = None
) -> pd.DataFrame:
    """Raw research rows for the server's own computations on a researcher's behalf (the
    anonymised export, aggregates, reliability and typology of :func:`research_view_for`,
    which hand out nothing row by row but the anonymised export). The actor's role is
    checked: :class:`inclusief.errors.AccessDenied` for anyone who may not see research
    data; ``None`` is the command line."""
    with session(store) as s:
        if actor is not None:
            require_role(s, actor, "researcher")
        return _raw_rows(s, questionnaire_id, actor=actor or "cli")


class DatabaseReleases:
    """The research releases kept in the database (table ``research_releases``): one row
    per questionnaire version and year. The first release of a year stays; a save that
    would give a year other levels is refused, so that export is run again and reuses them."""

    def __init__(self, store: Store | None = None, *, actor: str = "research") -> None:
        self.store = store
        self.actor = actor

    def load(self, questionnaire_id: str, version: str) -> Release | None:
        with session(self.store) as s:
            rows = research_releases.periods(s, questionnaire_id, version)
            if not rows:
                return None
            return Release(
                questionnaire_id=questionnaire_id,
                questionnaire_version=version,
                periods={r.period: PeriodRelease.model_validate(r.spec) for r in rows},
            )

    def save(self, release: Release) -> None:
        with session(self.store) as s:
            for key, period in release.periods.items():
                research_releases.add_period_once(
                    s,
                    questionnaire_id=release.questionnaire_id,
                    version=release.questionnaire_version,
                    period=key,
                    k=period.k,
                    spec=period.model_dump(mode="json"),
                    created_by=self.actor,
                )
            kept = {
                r.period: PeriodRelease.model_validate(r.spec).levels
                for r in research_releases.periods(
                    s, release.questionnaire_id, release.questionnaire_version
                )
            }
        for key, period in release.periods.items():
            if kept.get(key) != period.levels:
                raise InputError.single(
                    "research release",
                    f"period {key} was released meanwhile with other levels; run the export "
                    "again (it will reuse them)",
                )


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
    """From the database; the role check decides whether ``actor`` may see it."""
    questionnaire = load_shipped(questionnaire_id)
    rows = rows_from_store(actor=actor, questionnaire_id=questionnaire_id)
    releases = releases if releases is not None else DatabaseReleases(actor="researcher")
    return _released_view(questionnaire=questionnaire, rows=rows, k=k, lang=lang, releases=releases)


def available_questionnaires() -> list[str]:
    """Ids of the questionnaires a researcher can choose (the follow-up check-ins of #19 are
    not scans: their answers leave through the placement export, services.followup_research)."""
    return [q for q in shipped_ids() if not q.startswith("followup_")]


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
    the database (``actor``'s role is checked). Either way the export
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
