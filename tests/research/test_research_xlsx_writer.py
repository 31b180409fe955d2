"""XLSX writer (XlsxWriter): no raw XML from cell text, whole rows, blanks and types kept."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pandas as pd
from openpyxl import load_workbook

from inclusief.research.tabular import XLSX_MAX_TEXT, to_xlsx_bytes

# XlsxWriter copies a text of the form "<r>...</r>" into the sheet XML as it is (its own
# rich-string form); this one would close the cell and add a formula cell after it.
EVIL = '<r></r></is></c><c r="B2"><f>1+1</f></c><c r="C2" t="inlineStr"><is><r></r>'


def read(blob: bytes, sheet: str = "data") -> list[list[tuple[object, str]]]:
    wb = load_workbook(io.BytesIO(blob))
    return [[(c.value, c.data_type) for c in row] for row in wb[sheet].iter_rows()]


def test_text_that_looks_like_rich_string_xml_is_written_as_plain_text() -> None:
    frame = pd.DataFrame(
        {
            "text": [EVIL, "<r>x</r>"],
            "n": [1, 2],
            "<r>h</r>": pd.Categorical([EVIL, "a"]),
        }
    )
    blob = to_xlsx_bytes({"data": frame})
    rows = read(blob)
    assert rows[0] == [("text", "s"), ("n", "s"), ("<r>h</r>", "s")]
    assert rows[1] == [(EVIL, "s"), (1, "n"), (EVIL, "s")]
    assert rows[2] == [("<r>x</r>", "s"), (2, "n"), ("a", "s")]
    sheet_xml = zipfile.ZipFile(io.BytesIO(blob)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet_xml


def test_long_text_is_cut_to_the_excel_limit_and_the_row_stays_whole() -> None:
    frame = pd.DataFrame({"text": ["x" * (XLSX_MAX_TEXT + 10), "y"], "n": [7, 8]})
    rows = read(to_xlsx_bytes({"data": frame}))
    assert rows[1][0] == ("x" * XLSX_MAX_TEXT, "s")
    assert rows[1][1] == (7, "n")
    assert rows[2] == [("y", "s"), (8, "n")]


def test_missing_values_are_blank_and_types_are_kept() -> None:
    frame = pd.DataFrame(
        {
            "score": [1.5, np.nan, np.inf],
            "code": np.array([-1, 0, 9], dtype=np.int64),
            "flag": [True, False, None],
            "label": ["a", None, "=b"],
        }
    )
    blob = to_xlsx_bytes({"codebook": frame, "suppression_log": frame.head(1)})
    assert load_workbook(io.BytesIO(blob)).sheetnames == ["codebook", "suppression_log"]
    rows = read(blob, "codebook")
    assert [r[0][0] for r in rows[1:]] == [1.5, None, None]
    assert [r[1][0] for r in rows[1:]] == [-1, 0, 9]
    assert all(isinstance(r[1][0], int) for r in rows[1:])
    assert [r[2] for r in rows[1:]] == [(True, "b"), (False, "b"), (None, "n")]
    assert [r[3][0] for r in rows[1:]] == ["a", None, "'=b"]


def test_the_limit_counts_utf16_units_as_excel_does() -> None:
    wide = "\U0001f600" * XLSX_MAX_TEXT  # two UTF-16 units each
    frame = pd.DataFrame({"text": [wide], "n": [1]})
    rows = read(to_xlsx_bytes({"data": frame}))
    assert rows[1] == [("\U0001f600" * (XLSX_MAX_TEXT // 2), "s"), (1, "n")]
