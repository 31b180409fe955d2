"""Anonymised export: k-anonymity (checked with pycanon), whitelist, codes, formats."""

from __future__ import annotations

import io
import json
import zipfile

import numpy as np
import pandas as pd
import pyreadstat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pycanon import anonymity
from research_factories import (
    PLANTED_EMAIL,
    PLANTED_NAMES,
    PLANTED_NOTE,
    PLANTED_TOKEN,
    PROVINCES,
    SECTORS,
    Q,
    make_rows,
    make_safe_rows,
)

from inclusief.errors import InputError
from inclusief.research.anonymise import QI_COLUMNS, generalise_base, k_anonymise
from inclusief.research.export import PSEUDO_ID, build_export, export_zip, files, write_export

PLANTED = [*PLANTED_NAMES, PLANTED_EMAIL, PLANTED_NOTE, PLANTED_TOKEN, "Karin de Vries"]
EXPECTED_COLUMNS = [
    PSEUDO_ID, "questionnaire_id", "questionnaire_version", *QI_COLUMNS, *Q.item_ids,
    "score_cultuur", "score_werk", "overall_index",
]  # fmt: skip


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n=st.integers(min_value=1, max_value=400),
    seed=st.integers(min_value=0, max_value=10_000),
    k=st.integers(min_value=5, max_value=8),
    n_sectors=st.integers(min_value=1, max_value=len(SECTORS)),
    n_provinces=st.integers(min_value=1, max_value=len(PROVINCES)),
)
def test_every_export_is_k_anonymous_by_an_independent_check(
    n: int, seed: int, k: int, n_sectors: int, n_provinces: int
) -> None:
    """pycanon finds k-anonymity >= k on the quasi-identifiers of every generated export."""
    rows = make_rows(
        n, n_orgs=n, seed=seed, sectors=SECTORS[:n_sectors], provinces=PROVINCES[:n_provinces]
    )
    export = build_export(questionnaire=Q, rows=rows, k=k)
    data = export.data
    log = export.log.anonymity
    assert log.rows_out + log.rows_suppressed == n == len(data) + log.rows_suppressed
    if len(data):
        assert anonymity.k_anonymity(data, list(QI_COLUMNS)) >= k
        assert log.smallest_class_out is not None and log.smallest_class_out >= k


def test_k_counts_organisations_not_rows() -> None:
    """Five assessments of one employer do not make a class of five."""
    rows = make_rows(5, n_orgs=1, seed=3)
    export = build_export(questionnaire=Q, rows=rows, k=5)
    assert len(export.data) == 0
    assert export.log.anonymity.rows_suppressed == 5


def test_organisations_with_several_assessments_still_give_k_distinct_employers() -> None:
    """Counted independently with pandas: every kept class holds >= k organisations."""
    rows = make_rows(600, n_orgs=150, seed=4)
    base, _ = generalise_base(rows)
    orgs = rows["organisation_id"]
    result = k_anonymise(base, organisations=orgs, k=5)
    kept = result.qis
    per_class = orgs[result.keep].groupby([kept[c] for c in QI_COLUMNS], observed=True).nunique()
    assert per_class.min() >= 5
    assert result.log.smallest_class_out == per_class.min()


def test_only_whitelisted_columns_leave_the_system() -> None:
    export = build_export(questionnaire=Q, rows=make_rows(300), k=5)
    assert list(export.data.columns) == EXPECTED_COLUMNS


def test_no_names_emails_notes_or_tokens_in_any_output(tmp_path: object) -> None:
    """Names, e-mail, notes, tokens and the consultant planted in the input appear in no
    file: not in the data, codebook or log, in any format, nor in the zip."""
    rows = make_rows(300)
    rows["sector"] = rows["sector"].where(rows.index % 7 != 0, PLANTED_NAMES[0])  # free text
    export = build_export(questionnaire=Q, rows=rows, k=5)
    blobs = files(export, ["csv", "xlsx", "sav"])
    texts = []
    for name, content in blobs.items():
        if name.endswith(".xlsx"):
            with zipfile.ZipFile(io.BytesIO(content)) as z:
                texts += [z.read(n).decode("utf-8", "replace") for n in z.namelist()]
        else:
            texts.append(content.decode("utf-8", "replace"))
            texts.append(content.decode("latin-1"))
    with zipfile.ZipFile(io.BytesIO(export_zip(export))) as z:
        texts += [z.read(n).decode("utf-8", "replace") for n in z.namelist()]
    haystack = "\n".join(texts).casefold()
    for planted in PLANTED:
        assert planted.casefold() not in haystack, planted
    assert "org1" not in set(export.data.astype(str).to_numpy().ravel())
    assert export.log.input.unknown.unknown_sector > 0  # free text became "onbekend"


def test_pseudo_ids_are_unique_and_fresh_for_each_export() -> None:
    rows = make_rows(200)
    a = build_export(questionnaire=Q, rows=rows, k=5).data[PSEUDO_ID]
    b = build_export(questionnaire=Q, rows=rows, k=5).data[PSEUDO_ID]
    assert a.is_unique and b.is_unique
    assert not set(a) & set(b)
    assert a.str.fullmatch(r"[0-9a-f]{16}").all()


def test_skipped_and_dont_know_are_kept_apart() -> None:
    """Skipped answers become -1, weet niet keeps its code 9; the scores equal scoring's."""
    rows = make_safe_rows(200, seed=5)
    export = build_export(questionnaire=Q, rows=rows, k=5)  # large classes: nothing dropped
    assert export.log.anonymity.rows_suppressed == 0
    data = export.data
    for item in Q.item_ids:
        assert (data[item] == -1).sum() == rows[item].isna().sum()
        assert (data[item] == 9).sum() == (rows[item] == 9).sum()
        assert pd.api.types.is_integer_dtype(data[item])
    assert export.codebook_json["missing_codes"] == {
        "skipped": -1,
        "dont_know": {"eens5": 9},
        "note": export.codebook_json["missing_codes"]["note"],
    }


def test_large_classes_keep_level_zero_and_k_has_a_floor_of_five() -> None:
    export = build_export(questionnaire=Q, rows=make_safe_rows(60), k=5)
    assert export.log.anonymity.levels == {
        "sector": "broad_sector", "size_class": "size_class",
        "region": "landsdeel", "period": "quarter",
    }  # fmt: skip
    assert set(export.data["region"]) <= {"Noord", "Oost", "West", "Zuid"}
    assert export.data["period"].str.fullmatch(r"20\d\d-Q[1-4]").all()
    assert build_export(questionnaire=Q, rows=make_rows(50)).log.anonymity.k == 5
    for k in (1, 2, 4):
        with pytest.raises(InputError, match="below the floor of 5"):
            build_export(questionnaire=Q, rows=make_safe_rows(60), k=k)


def test_generalisation_maps_follow_cbs() -> None:
    """Landsdelen after CBS: Zeeland is West, Flevoland Oost, Fryslân Noord."""
    rows = pd.DataFrame(
        {
            "sector": ["P", "p onderwijs", "Zorg", "Z"],
            "size_class": ["10-49", "37", "1200", "veel"],
            "region": ["Zeeland", "Flevoland", "Fryslân", "Amsterdam"],
            "completed_at": ["2024-02-01", "2024-05-01", "2024-12-31", "2025-01-01"],
        }
    )
    base, unknown = generalise_base(rows)
    assert list(base["region"]) == ["West", "Oost", "Noord", "onbekend"]
    assert list(base["size_class"]) == ["10-49", "10-49", "500+", "onbekend"]
    assert list(base["sector"])[:3] == ["O-Q Overheid, onderwijs en zorg"] * 3
    assert list(base["period"]) == ["2024-Q1", "2024-Q2", "2024-Q4", "2025-Q1"]
    assert (unknown.unknown_sector, unknown.unknown_size_class, unknown.unknown_region) == (1, 1, 1)


def test_other_versions_and_open_assessments_are_left_out_and_counted() -> None:
    rows = make_safe_rows(100)
    rows.loc[:9, "questionnaire_version"] = "1.0"
    rows.loc[10:14, "status"] = "open"
    export = build_export(questionnaire=Q, rows=rows, k=5)
    assert export.log.input.other_version == 10
    assert export.log.input.not_completed == 5
    assert len(export.data) == 85


def test_a_bad_date_names_its_row() -> None:
    rows = make_rows(10)
    rows["completed_at"] = rows["completed_at"].astype(str)
    rows.loc[3, "completed_at"] = "gisteren"
    with pytest.raises(InputError) as info:
        build_export(questionnaire=Q, rows=rows)
    assert info.value.problems[0].where == "row 5"


def test_missing_contract_columns_are_reported() -> None:
    with pytest.raises(InputError) as info:
        build_export(questionnaire=Q, rows=make_rows(10).drop(columns=["region", "sector"]))
    assert {p.field for p in info.value.problems} == {"region", "sector"}


def test_sav_round_trip_keeps_labels_and_user_missing_codes(tmp_path: object) -> None:
    """pyreadstat reads back the value labels, variable labels and the -1/9 missing codes."""
    from pathlib import Path

    rows = make_safe_rows(120, seed=2)
    export = build_export(questionnaire=Q, rows=rows, k=5)
    paths = write_export(export, Path(str(tmp_path)), ["sav"])
    sav = next(p for p in paths if p.suffix == ".sav")
    df, meta = pyreadstat.read_sav(str(sav), user_missing=True)
    assert list(df.columns) == EXPECTED_COLUMNS
    labels = meta.variable_value_labels["c1"]
    assert (
        labels[1] == "Helemaal oneens" and labels[9] == "Weet niet" and labels[-1] == "Overgeslagen"
    )
    assert meta.missing_ranges["c1"] == [{"lo": -1.0, "hi": -1.0}, {"lo": 9.0, "hi": 9.0}]
    assert meta.column_names_to_labels["c1"] == "We praten open over ondersteuning."
    assert (df["c1"] == -1).sum() == rows["c1"].isna().sum()
    assert (df["c1"] == 9).sum() == (rows["c1"] == 9).sum()
    # without user_missing, SPSS semantics: both codes are missing
    plain, _ = pyreadstat.read_sav(str(sav))
    assert plain["c1"].isna().sum() == rows["c1"].isna().sum() + (rows["c1"] == 9).sum()
    np.testing.assert_allclose(
        df["overall_index"].to_numpy(), export.data["overall_index"].to_numpy(), equal_nan=True
    )


def test_xlsx_and_csv_hold_the_same_numbers(tmp_path: object) -> None:
    from pathlib import Path

    export = build_export(questionnaire=Q, rows=make_safe_rows(80), k=5)
    paths = {p.name: p for p in write_export(export, Path(str(tmp_path)), ["csv", "xlsx"])}
    csv = pd.read_csv(paths["onderzoek_2-1.csv"], encoding="utf-8-sig")
    assert list(csv.columns) == EXPECTED_COLUMNS
    assert csv["c1"].dtype.kind == "i"
    wb = load_workbook(paths["onderzoek_2-1.xlsx"], read_only=True)
    sheet = list(wb["data"].iter_rows(values_only=True))
    assert list(sheet[0]) == EXPECTED_COLUMNS
    assert sheet[1][EXPECTED_COLUMNS.index("c1")] == csv.loc[0, "c1"]


def test_codebook_lists_items_scales_reverse_flags_and_dimensions() -> None:
    export = build_export(questionnaire=Q, rows=make_safe_rows(50), k=5)
    book = export.codebook.set_index("variable")
    assert list(export.codebook["variable"]) == EXPECTED_COLUMNS
    assert book.loc["c2", "reverse"] is True or book.loc["c2", "reverse"] == True  # noqa: E712
    assert book.loc["w1", "dimension"] == "werk"
    assert book.loc["c1", "scale"] == "eens5"
    assert "9=Weet niet" in book.loc["c1", "missing"]
    assert (export.codebook["questionnaire_version"] == "2.1").all()
    doc = json.loads(json.dumps(export.codebook_json))
    assert doc["questionnaire"]["version"] == "2.1"
    assert doc["dimensions"][0]["items"] == ["c1", "c2", "c3"]
