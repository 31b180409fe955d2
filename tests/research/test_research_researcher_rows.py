"""Researcher-facing rows go through the anonymiser (issue 12, item 7): no internal ids, exact
times, provinces or detailed sectors; k >= 5 organisations per class; the release is shared
with the exports."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from research_factories import Q

from inclusief.errors import InputError
from inclusief.questionnaires.load import load_shipped
from inclusief.research.anonymise import QI_COLUMNS
from inclusief.research.export import build_export
from inclusief.research.release import FileReleaseStore
from inclusief.research.researcher_rows import researcher_rows, researcher_rows_for

DETAILED = ["Primair onderwijs", "Gezondheidszorg", "Detailhandel", "Bouwnijverheid"]
PROVINCES = ["Utrecht", "Gelderland", "Noord-Brabant", "Groningen", "Zeeland"]


def store_rows(q, n: int = 600, n_orgs: int = 400, seed: int = 0) -> pd.DataFrame:
    """Shaped like the store's ``research_rows``: internal ids, exact times, provinces."""
    rng = np.random.default_rng(seed)
    org = rng.integers(1, n_orgs + 1, n)
    sector = np.asarray(DETAILED)[org % len(DETAILED)]
    province = np.asarray(PROVINCES)[org % len(PROVINCES)]
    size = np.asarray(["10-49", "50-99", "100-249"])[org % 3]
    seconds = rng.integers(0, 365 * 24 * 3600, n)
    frame = pd.DataFrame(
        {
            "assessment_id": np.arange(1000, 1000 + n),
            "organisation_id": org,
            "questionnaire_id": q.id,
            "questionnaire_version": q.version,
            "status": "completed",
            "sector": sector,
            "size_class": size,
            "region": province,
            "completed_at": pd.Timestamp("2025-01-01", tz="UTC")
            + pd.to_timedelta(seconds, unit="s"),
        }
    )
    for _dim, item, scale in q.iter_items():
        # a number scale has a range, not codes (werkgeversscan 2.0): small counts
        codes = scale.codes or list(range(scale.min, min(scale.max, 20) + 1))
        frame[item.id] = rng.choice(codes, n).astype(float)
    return frame


def test_no_internal_ids_exact_times_provinces_or_detailed_sectors() -> None:
    raw = store_rows(Q)
    result = researcher_rows(raw, questionnaire=Q)
    rows = result.rows
    assert len(rows) > 0
    forbidden = {"organisation_id", "assessment_id", "completed_at", "status"}
    assert not forbidden & set(rows.columns)
    assert list(rows.columns[:7]) == ["pseudo_id", "questionnaire_id", "questionnaire_version"] + [
        *QI_COLUMNS
    ]
    text = set(rows.astype(str).to_numpy().ravel())
    assert not text & set(DETAILED)
    assert not text & set(PROVINCES)
    assert not text & {str(t) for t in raw["completed_at"]}
    assert rows["period"].str.fullmatch(r"20\d\d(-Q[1-4])?").all()
    assert set(rows["region"]) <= {"Noord", "Oost", "West", "Zuid", "Nederland"}
    assert rows["pseudo_id"].str.fullmatch(r"[0-9a-f]{16}").all()
    ids = {str(i) for i in raw["organisation_id"]} | {str(i) for i in raw["assessment_id"]}
    assert not set(rows["pseudo_id"]) & ids


def test_every_class_holds_at_least_five_organisations() -> None:
    raw = store_rows(Q, seed=3)
    result = researcher_rows(raw, questionnaire=Q, k=5)
    assert result.log.anonymity.smallest_class_out >= 5
    # independently: map rows back to organisations through their answers + scores
    counts = result.rows.groupby(list(QI_COLUMNS), observed=True).size()
    assert counts.min() >= 5
    with pytest.raises(InputError, match="below the floor"):
        researcher_rows(raw, questionnaire=Q, k=3)


def test_records_and_long_answers_are_accepted_like_the_store_returns_them() -> None:
    raw = store_rows(Q, n=300, seed=4)
    as_records = researcher_rows(raw.to_dict("records"), questionnaire=Q)
    assert as_records.log.input.rows_in == 300
    assessments = raw.drop(columns=Q.item_ids)
    answers = raw.melt(
        id_vars="assessment_id", value_vars=Q.item_ids, var_name="item_id", value_name="code"
    )
    as_long = researcher_rows((assessments, answers), questionnaire=Q)
    assert as_long.log.input.rows_in == 300
    assert list(as_long.rows.columns) == list(as_records.rows.columns)


def test_rows_and_exports_share_one_release(tmp_path) -> None:
    q = load_shipped("werkgeversscan")
    raw = store_rows(q, seed=5)
    store = FileReleaseStore(tmp_path)
    first = researcher_rows_for(raw, questionnaire_id=q.id, releases=store)
    saved = store.load(q.id, q.version)
    assert saved is not None and saved == first.release
    export = build_export(questionnaire=q, rows=raw, k=8, release=saved)
    assert export.log.anonymity.levels == first.log.anonymity.levels
    assert export.log.anonymity.reused_periods == ["2025"]
