"""Werkgeversscan 2.0 in the research export and the research reliability report: the
three kinds of missing keep their own codes, SPSS labels them, factual items are typed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyreadstat

from inclusief.questionnaires.load import load_shipped
from inclusief.research.export import build_export, files, skipped_code, write_sav_file
from inclusief.research.reliability import research_reliability
from inclusief.research.rows import prepare

Q = load_shipped("werkgeversscan", "2.0")


def rows(n: int = 300, seed: int = 2) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "organisation_id": [f"org{i}" for i in range(n)],
            "questionnaire_id": Q.id,
            "questionnaire_version": Q.version,
            "status": "completed",
            "sector": "P",
            "size_class": "10-49",
            "region": "Utrecht",
            "completed_at": pd.Timestamp("2026-03-01"),
        }
    )
    latent = rng.normal(0, 1, n)
    for item in Q.items:
        scale = Q.scale(item.scale)
        if Q.is_scored(item):
            x = np.clip(np.round(3 + latent + rng.normal(0, 0.8, n)), 1, 5)
            x = 6 - x if item.reverse else x
        elif scale.type == "number":
            x = rng.integers(0, 20, n).astype(float)
        else:
            x = rng.choice(scale.codes, n).astype(float)
        missing = [np.nan, *scale.missing_codes]
        u = rng.random(n)
        x = np.where(u < 0.06, rng.choice(missing, n), x)
        frame[item.id] = x
    return frame


def test_the_export_keeps_skipped_weet_niet_and_niet_van_toepassing_apart(tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = rows()
    export = build_export(questionnaire=Q, rows=data, k=5)
    assert skipped_code(Q) == -1
    out = export.data
    assert len(out) == len(data)  # one QI class of 300 organisations: nothing suppressed
    for item in ("ev01", "in_vorm", "ev_vormen"):
        col = out[item]
        assert (col == -1).sum() == data[item].isna().sum()
        assert (col == 8 if item != "ev_vormen" else col == 98).sum() == (
            (data[item] == (8 if item != "ev_vormen" else 98)).sum()
        )
    codebook = export.codebook.set_index("variable")
    assert (
        codebook.at["ev01", "missing"] == "-1=Overgeslagen; 9=Weet ik niet; 8=Niet van toepassing"
    )
    assert codebook.at["ev_vormen", "type"] == "sum of option codes (several options)"
    assert codebook.at["ev_aantal", "values"] == "0-9999"
    assert codebook.at["ev_aantal", "scored"] == False  # noqa: E712
    assert codebook.at["ev01", "scored"] == True  # noqa: E712
    missing = export.codebook_json["missing_codes"]
    assert missing["not_applicable"]["eens5"] == 8
    assert missing["dont_know_scored_as"] == {"kennis5": 1}
    sav = write_sav_file(export, tmp_path / "scan2.sav")
    _df, meta = pyreadstat.read_sav(str(sav), user_missing=True)
    assert meta.variable_value_labels["ev01"][8.0] == "Niet van toepassing"
    assert meta.variable_value_labels["ev01"][-1.0] == "Overgeslagen"
    assert meta.variable_measure["ev_aantal"] == "scale"
    assert meta.variable_measure["ev_vormen"] == "nominal"
    assert meta.missing_ranges["ev01"] == [
        {"lo": -1.0, "hi": -1.0},
        {"lo": 9.0, "hi": 9.0},
        {"lo": 8.0, "hi": 8.0},
    ]
    assert any(name.endswith("_codebook.json") for name in files(export, ["csv"]))


def test_the_research_reliability_report_runs_on_2_0() -> None:
    data = prepare(rows(), questionnaire=Q, file="rows")
    report = research_reliability(data, k=5)
    assert report.available and report.report is not None
    dims = {d.dimension: d for d in report.report.dimensions}
    assert set(dims) == {d.id for d in Q.dimensions}
    # one latent trait for every item here, so every dimension hangs together
    assert all((d.alpha.alpha or 0) > 0.7 for d in dims.values())
    assert [i.item for i in dims["intentie"].items] == ["in01", "in02", "in03", "in04"]
