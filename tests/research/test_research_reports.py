"""Reliability report, typology and the store seam."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from research_factories import Q, make_rows

from inclusief.questionnaires.reliability import reliability_report
from inclusief.research.reliability import research_reliability
from inclusief.research.rows import prepare
from inclusief.research.typology import SILHOUETTE_MIN, typology


def test_reliability_table_carries_the_engine_values() -> None:
    """The flat table holds exactly what the questionnaire engine computes."""
    data = prepare(make_rows(300, seed=3), questionnaire=Q)
    result = research_reliability(data)
    engine = reliability_report(questionnaire=Q, responses=data.answers)
    table = result.table()
    first = table.iloc[0]
    assert first["dimension"] == "Cultuur" and first["item"] == ""
    assert first["alpha"] == pytest.approx(engine.dimensions[0].alpha.alpha)
    assert first["ci_low"] < first["alpha"] < first["ci_high"]
    c2 = table.set_index("item").loc["c2"]
    engine_c2 = next(i for i in engine.dimensions[0].items if i.item == "c2")
    assert c2["alpha_if_deleted"] == pytest.approx(engine_c2.alpha_if_deleted)
    assert c2["corrected_item_total"] == pytest.approx(engine_c2.corrected_item_total)
    md = result.to_markdown()
    assert "| **Cultuur** |" in md and "Alfa zonder stelling" in md
    assert json.loads(result.to_json())["report"]["version"] == "2.1"


def test_an_item_that_lowers_alpha_is_flagged() -> None:
    rows = make_rows(300, seed=4)
    rows["w3"] = np.random.default_rng(0).integers(1, 6, len(rows)).astype(float)  # noise
    result = research_reliability(prepare(rows, questionnaire=Q))
    assert "w3" in result.flagged_items
    assert "w3" in result.to_markdown()


def test_no_reliability_report_from_fewer_than_k_organisations() -> None:
    result = research_reliability(prepare(make_rows(8, n_orgs=3), questionnaire=Q))
    assert not result.available and result.report is None
    assert "3 gevonden, minstens 5 nodig" in (result.reason or "")


def profiles_rows(centres: list[tuple[float, float]], per: int, spread: float) -> pd.DataFrame:
    """Rows whose answers put each organisation near one of the centres (0-100 scores)."""
    rng = np.random.default_rng(1)
    rows = make_rows(per * len(centres), n_orgs=per * len(centres), seed=2)
    rows["organisation_id"] = [f"o{i}" for i in range(len(rows))]
    for g, (c, w) in enumerate(centres):
        sl = slice(g * per, (g + 1) * per)
        for item, centre in (("c", c), ("w", w)):
            code = 1 + 4 * centre / 100 + rng.normal(0, spread, (per, 3))
            code = np.clip(np.round(code), 1, 5)
            for j in range(3):
                name = f"{item}{j + 1}"
                value = 6 - code[:, j] if name == "c2" else code[:, j]
                rows.loc[rows.index[sl], name] = value
    return rows


def test_typology_is_shown_for_clear_groups_with_plain_labels() -> None:
    rows = profiles_rows([(90, 90), (10, 10), (90, 10)], per=30, spread=0.3)
    result = typology(prepare(rows, questionnaire=Q))
    assert result.shown and result.k == 3
    assert result.silhouette is not None and result.silhouette >= SILHOUETTE_MIN
    labels = {e.label for e in result.types}
    assert "Sterk in Cultuur, Werkpakketten" in labels
    assert "Aandacht voor Cultuur, Werkpakketten" in labels
    assert any("Sterk in Cultuur" in label and "Werkpakketten" in label for label in labels)
    assert all(e.n >= 5 for e in result.types)


def test_typology_is_withheld_when_the_data_do_not_support_it() -> None:
    rng = np.random.default_rng(5)
    rows = make_rows(200, n_orgs=200, seed=6)
    for item in Q.item_ids:
        rows[item] = rng.integers(1, 6, len(rows)).astype(float)
    result = typology(prepare(rows, questionnaire=Q))
    assert not result.shown and result.types == []
    assert "ondersteunen geen typologie" in result.message


def test_typology_needs_enough_organisations() -> None:
    result = typology(prepare(make_rows(6, n_orgs=6), questionnaire=Q))
    assert not result.shown and "Te weinig organisaties" in result.message
