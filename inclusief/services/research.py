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

from inclusief.questionnaires.load import load_shipped, shipped_ids
from inclusief.questionnaires.model import Questionnaire
from inclusief.research.aggregates import AggregateTable, aggregate_table
from inclusief.research.export import Export, build_export
from inclusief.research.reliability import ResearchReliability, research_reliability
from inclusief.research.rows import prepare, read_research_table
from inclusief.research.typology import Typology, typology
from inclusief.services.access import Actor, aware, log, require_role, session
from inclusief.store import assessments as assessment_rows
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


def research_rows(
    actor: Actor | None,
    questionnaire_id: str,
    *,
    store: Store | None = None,
    system: str = "cli",
) -> pd.DataFrame:
    """Finished assessments for researchers: answers and quasi-identifiers, never names.

    Columns: organisation_id (an opaque number), questionnaire_id, questionnaire_version,
    status, sector, size_class, region (province), completed_at and one column per item.
    ``actor`` None is the server itself: the command line (shell access, as for ``user add``)
    or the peer benchmark; ``system`` names which in the audit log.
    """
    with session(store) as s:
        if actor is not None:
            require_role(s, actor, "researcher")
        rows, answers = assessment_rows.finished_rows(s, questionnaire_id)
        log(
            s,
            actor or system,
            "research.rows",
            "questionnaire",
            None,
            id=questionnaire_id,
            n=len(rows),
        )
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


def rows_from_store(
    *, actor: Any, questionnaire_id: str, store: Store | None = None
) -> pd.DataFrame:
    """Research rows from the database; the actor's role is checked (it raises
    :class:`inclusief.errors.AccessDenied` for anyone who may not see research data)."""
    return research_rows(actor, questionnaire_id, store=store)


@dataclass
class ResearchView:
    export: Export
    reliability: ResearchReliability
    aggregates: AggregateTable
    typology: Typology
    n_rows: int


def research_view(
    *, questionnaire: Questionnaire, rows: pd.DataFrame, k: int | None = None, lang: str = "nl"
) -> ResearchView:
    data = prepare(rows, questionnaire=questionnaire)
    return ResearchView(
        export=build_export(questionnaire=questionnaire, rows=data, k=k),
        reliability=research_reliability(data, lang=lang, k=k),
        aggregates=aggregate_table(data, k=k, lang=lang),
        typology=typology(data, lang=lang),
        n_rows=len(data),
    )


def research_view_for(
    *, actor: Any, questionnaire_id: str, k: int | None = None, lang: str = "nl"
) -> ResearchView:
    """From the database; the role check decides whether ``actor`` may see it."""
    questionnaire = load_shipped(questionnaire_id)
    rows = rows_from_store(actor=actor, questionnaire_id=questionnaire_id)
    return research_view(questionnaire=questionnaire, rows=rows, k=k, lang=lang)


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
) -> ResearchView:
    """The page's one call: an uploaded responses file (name, bytes) when given, otherwise
    the database (``actor``'s role is checked)."""
    if upload is None:
        return research_view_for(actor=actor, questionnaire_id=questionnaire_id, k=k, lang=lang)
    questionnaire = load_shipped(questionnaire_id)
    name, content = upload
    suffix = Path(name).suffix.lower() or ".csv"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(content)
        rows = read_research_table(path, questionnaire=questionnaire)
    return research_view(questionnaire=questionnaire, rows=rows, k=k, lang=lang)
