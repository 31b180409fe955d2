"""The release policy (issue 12, item 5): a floor of k = 5, and one generalisation per
questionnaire version and year, so exports cannot be intersected into smaller classes."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from research_factories import Q, make_rows, make_safe_rows, own_data_dir  # noqa: F401 (autouse)

from inclusief.cli import main
from inclusief.errors import InputError
from inclusief.research.anonymise import QI_COLUMNS
from inclusief.research.export import Export, build_export
from inclusief.research.release import (
    K_FLOOR,
    FileReleaseStore,
    PeriodRelease,
    Release,
    checked_k,
)
from inclusief.research.rows import prepare
from inclusief.services.research import research_view_from
from inclusief.settings import get_settings

# make_rows(1500, n_orgs=1200, seed=1): k=5 and k=8 choose different generalisations
# (sector broad + period year versus sector all + period quarter), the situation of issue 12.
N, ORGS, SEED = 1500, 1200, 1


def _rows() -> pd.DataFrame:
    return make_rows(N, n_orgs=ORGS, seed=SEED)


def _key(frame: pd.DataFrame) -> pd.Series:
    """The answer pattern an attacker joins on (item codes and scores)."""
    cols = [*Q.item_ids, "score_cultuur", "score_werk", "overall_index"]
    return frame[cols].astype(str).agg("|".join, axis=1)


def smallest_joined_class(a: Export, b: Export, rows: pd.DataFrame) -> int:
    """Join two exports on answer patterns; return the fewest organisations in a class of the
    join (the combination of both exports' quasi-identifiers)."""
    data = prepare(rows, questionnaire=Q)
    truth = pd.DataFrame({"org": data.organisations.to_numpy()})
    answers = data.answers.fillna(-1).astype(np.int64)
    for item in Q.item_ids:
        truth[item] = answers[item].to_numpy()
    for col in ["score_cultuur", "score_werk", "overall_index"]:
        truth[col] = data.scores[col].to_numpy().round(2)
    truth["key"] = _key(truth)
    unique_truth = truth.drop_duplicates("key", keep=False).set_index("key")["org"]
    left = a.data.assign(key=_key(a.data)).drop_duplicates("key", keep=False)
    right = b.data.assign(key=_key(b.data)).drop_duplicates("key", keep=False)
    joined = left.merge(right, on="key", suffixes=("_a", "_b"))
    joined = joined[joined["key"].isin(unique_truth.index)]
    joined["org"] = joined["key"].map(unique_truth)
    qis = [f"{qi}_{s}" for qi in QI_COLUMNS for s in ("a", "b")]
    assert len(joined) > 100  # the attack links most rows
    return int(joined.groupby(qis, observed=True)["org"].nunique().min())


def test_without_a_shared_release_two_exports_intersect_into_small_classes() -> None:
    """The attack of issue 12, reproduced: each export is 5- and 8-anonymous, the join is not."""
    rows = _rows()
    a = build_export(questionnaire=Q, rows=rows, k=5)
    b = build_export(questionnaire=Q, rows=rows, k=8)
    assert a.log.anonymity.levels != b.log.anonymity.levels
    assert smallest_joined_class(a, b, rows) < K_FLOOR


def test_exports_under_one_release_cannot_be_intersected_below_five() -> None:
    rows = _rows()
    first = build_export(questionnaire=Q, rows=rows, k=5)
    assert first.release is not None and set(first.release.periods) == {"2024", "2025"}
    second = build_export(questionnaire=Q, rows=rows, k=8, release=first.release)
    assert second.log.anonymity.levels == first.log.anonymity.levels
    assert second.log.anonymity.reused_periods == ["2024", "2025"]
    assert second.log.anonymity.smallest_class_out >= 8
    assert smallest_joined_class(first, second, rows) >= K_FLOOR
    # and the other way round: a later k=5 export after a k=8 release
    third = build_export(questionnaire=Q, rows=rows, k=5, release=second.release)
    assert smallest_joined_class(second, third, rows) >= K_FLOOR


def test_a_new_year_gets_its_own_levels_and_released_years_keep_theirs() -> None:
    rows = _rows()
    year = pd.to_datetime(rows["completed_at"]).dt.year
    early = build_export(questionnaire=Q, rows=rows[year == 2024], k=5)
    assert set(early.release.periods) == {"2024"}
    later = build_export(questionnaire=Q, rows=rows, k=5, release=early.release)
    assert later.log.anonymity.reused_periods == ["2024"]
    assert later.release.periods["2024"] == early.release.periods["2024"]
    assert set(later.release.periods) == {"2024", "2025"}
    levels_2024 = early.release.periods["2024"].level_names()
    assert later.log.anonymity.period_levels["2024"] == levels_2024
    # the 2024 rows carry exactly the values they had in the first export
    assert set(later.data.loc[later.data["period"].str.startswith("2024"), "sector"]) <= set(
        early.data["sector"]
    )


@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_k_below_the_floor_is_refused_everywhere(k: int, tmp_path: Path, capsys) -> None:
    with pytest.raises(InputError, match="below the floor of 5"):
        checked_k(k)
    with pytest.raises(InputError, match="below the floor of 5"):
        build_export(questionnaire=Q, rows=make_safe_rows(60), k=k)
    from inclusief.research.aggregates import aggregate_table

    with pytest.raises(InputError, match="below the floor of 5"):
        aggregate_table(prepare(make_safe_rows(60), questionnaire=Q), k=k)
    responses = tmp_path / "r.csv"
    frame = make_safe_rows(60).rename(columns={"assessment_id": "respondent_id"})
    cols = ["respondent_id", "organisation_id", "sector", "size_class", "region"]
    frame[[*cols, "completed_at", *Q.item_ids]].to_csv(responses, index=False)
    qfile = Path(__file__).with_name("research_q.yaml")
    argv = ["export", "-q", str(qfile), "--responses", str(responses), "-o", str(tmp_path / "o")]
    assert main([*argv, "--k", str(k)]) == 2
    assert "below the floor of 5" in capsys.readouterr().err


def test_a_setting_cannot_lower_the_floor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INCLUSIEF_EXPORT_K", "2")
    get_settings.cache_clear()
    with pytest.raises(InputError, match="k = 2 is below the floor"):
        build_export(questionnaire=Q, rows=make_safe_rows(60))


def test_release_file_round_trip_and_tampering(tmp_path: Path) -> None:
    export = build_export(questionnaire=Q, rows=make_safe_rows(60), k=5)
    store = FileReleaseStore(tmp_path)
    store.save(export.release)
    loaded = store.load(Q.id, Q.version)
    assert loaded == export.release
    path = store.path(Q.id, Q.version)
    doc = json.loads(path.read_text())
    doc["periods"]["2025"]["k"] = 2  # an edited file cannot lower the floor
    path.write_text(json.dumps(doc))
    with pytest.raises(InputError, match="not a valid release"):
        store.load(Q.id, Q.version)
    doc["periods"]["2025"]["k"] = 5
    doc["periods"]["2025"]["levels"]["sector"] = 7
    path.write_text(json.dumps(doc))
    with pytest.raises(InputError, match="does not exist"):
        store.load(Q.id, Q.version)
    other = Release(questionnaire_id="werkgeversscan", questionnaire_version="1.0")
    with pytest.raises(InputError, match="the release is for werkgeversscan"):
        build_export(questionnaire=Q, rows=make_safe_rows(60), release=other)


def test_a_period_cannot_be_released_twice_with_other_levels(tmp_path: Path) -> None:
    store = FileReleaseStore(tmp_path)
    fine = dict.fromkeys(QI_COLUMNS, 0)
    coarse = {**fine, "sector": 1}

    def release(levels: dict[str, int]) -> Release:
        period = PeriodRelease(period="2025", levels=levels, k=5, created_at="2025-06-01")
        return Release(
            questionnaire_id=Q.id, questionnaire_version=Q.version, periods={"2025": period}
        )

    store.save(release(fine))
    store.save(release(fine))  # the same again is fine
    with pytest.raises(InputError, match="released meanwhile with other levels"):
        store.save(release(coarse))
    assert store.load(Q.id, Q.version).periods["2025"].levels == fine


def test_cli_exports_share_the_release_in_the_data_dir(tmp_path: Path, capsys) -> None:
    rows = _rows().rename(columns={"assessment_id": "respondent_id"})
    cols = ["respondent_id", "organisation_id", "sector", "size_class", "region", "completed_at"]
    responses = tmp_path / "r.csv"
    rows[[*cols, *Q.item_ids]].to_csv(responses, index=False)
    qfile = Path(__file__).with_name("research_q.yaml")
    outs = []
    for k in ("5", "8"):
        out = tmp_path / f"out{k}"
        argv = ["export", "-q", str(qfile), "--responses", str(responses), "-o", str(out)]
        assert main([*argv, "--k", k]) == 0
        outs.append(pd.read_csv(out / "onderzoek_2-1.csv", encoding="utf-8-sig"))
    err = capsys.readouterr().err
    assert "levels of 2024, 2025 reused from earlier exports" in err
    release_file = get_settings().data_dir / "releases" / "onderzoek_2-1.json"
    assert set(json.loads(release_file.read_text())["periods"]) == {"2024", "2025"}
    for qi in ("sector", "region", "period"):
        values_a = set(outs[0][qi].astype(str))
        assert set(outs[1][qi].astype(str)) <= values_a


def test_the_research_service_stores_and_reuses_the_release(tmp_path: Path) -> None:
    rows = _rows().rename(columns={"assessment_id": "respondent_id"})
    cols = ["respondent_id", "organisation_id", "sector", "size_class", "region", "completed_at"]
    content = rows[[*cols, *Q.item_ids]].to_csv(index=False).encode()
    from inclusief.services import research as service

    store = FileReleaseStore(tmp_path / "releases")
    original = service.load_shipped
    try:
        service.load_shipped = lambda _qid: Q  # type: ignore[assignment]
        first = research_view_from(
            actor=None, questionnaire_id=Q.id, upload=("r.csv", content), k=5, releases=store
        )
        second = research_view_from(
            actor=None, questionnaire_id=Q.id, upload=("r.csv", content), k=8, releases=store
        )
    finally:
        service.load_shipped = original  # type: ignore[assignment]
    assert store.load(Q.id, Q.version) == first.export.release
    assert second.export.log.anonymity.levels == first.export.log.anonymity.levels
    assert second.export.log.anonymity.reused_periods == ["2024", "2025"]
