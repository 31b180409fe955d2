"""CSV/XLSX formula injection is neutralised; numbers stay numbers."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import load_workbook
from research_factories import Q, make_safe_rows

from inclusief.research.export import build_export, files
from inclusief.research.tabular import neutralise, neutralise_frame, to_csv_bytes, to_xlsx_bytes

DANGEROUS = ["=1+1", "+SUM(A1:A9)", "-2+3", "@SUM(A1)", "\t=cmd", "\r=cmd", '=HYPERLINK("x")']


@pytest.mark.parametrize("value", DANGEROUS)
def test_every_dangerous_prefix_gets_a_quote(value: str) -> None:
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["-3", "+4.5", "-0.25", "-1e3", "abc", "", "1=1"])
def test_plain_numbers_and_harmless_text_are_left_alone(value: str) -> None:
    assert neutralise(value) == value


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "text": DANGEROUS,
            "number": [-1, -2, 3, -4, 5, -6, 7],
            "score": [-1.5, 0.0, 2.5, -3.25, 4.0, 5.0, -0.5],
            "=header": ["a"] * 7,
            "cat": pd.Categorical(["=x", "y", "=x", "y", "y", "y", "y"]),
        }
    )


def test_csv_cells_cannot_run_and_negative_numbers_stay_numeric() -> None:
    data = pd.read_csv(io.BytesIO(to_csv_bytes(frame())), encoding="utf-8-sig")
    assert all(str(v).startswith("'") for v in data["text"])
    assert data["number"].dtype.kind == "i" and data["number"].min() == -6
    assert data["score"].dtype.kind == "f" and data["score"].min() == -3.25
    assert list(data.columns)[3] == "'=header"
    assert set(data["cat"]) == {"'=x", "y"}


def test_xlsx_cells_are_text_not_formulas_and_numbers_are_numbers() -> None:
    wb = load_workbook(io.BytesIO(to_xlsx_bytes({"data": frame()})))
    ws = wb["data"]
    for row in ws.iter_rows(min_row=2):
        text, number, score = row[0], row[1], row[2]
        assert text.data_type == "s" and str(text.value).startswith("'")
        assert number.data_type == "n" and isinstance(number.value, int)
        assert score.data_type == "n" and isinstance(score.value, int | float)
    assert ws.cell(row=1, column=4).value == "'=header"
    assert ws.cell(row=3, column=2).value == -2


def test_neutralise_frame_leaves_numeric_columns_untouched() -> None:
    original = frame()
    safe = neutralise_frame(original)
    pd.testing.assert_series_equal(safe["number"], original["number"])
    assert original.loc[0, "text"] == "=1+1"  # the input is not changed


def test_export_codebook_neutralises_item_texts_and_keeps_skipped_codes_numeric() -> None:
    """Item texts starting with '=' or '-' come out quoted; the -1 skip code stays -1."""
    export = build_export(questionnaire=Q, rows=make_safe_rows(60), k=5)
    blobs = files(export, ["csv", "xlsx"])
    book = pd.read_csv(io.BytesIO(blobs["onderzoek_2-1_codebook.csv"]), encoding="utf-8-sig")
    labels = dict(zip(book["variable"], book["label_nl"], strict=True))
    assert labels["w2"] == "'=We kunnen taken herverdelen."
    assert labels["c2"] == "'-Collega's vinden aanpassingen lastig."
    data = pd.read_csv(io.BytesIO(blobs["onderzoek_2-1.csv"]), encoding="utf-8-sig")
    assert data["c1"].dtype.kind == "i" and (data[Q.item_ids] == -1).to_numpy().any()
    wb = load_workbook(io.BytesIO(blobs["onderzoek_2-1_codebook.xlsx"]))
    values = [c.value for row in wb["codebook"].iter_rows() for c in row]
    assert "'=We kunnen taken herverdelen." in values
    assert "=We kunnen taken herverdelen." not in values
