"""The shared number reader (inclusief/numbers.py) and CSV encodings: every case of issue #13.

Each case is a way Dutch (or English) users write numbers; the expected values are what the
writer meant (36.000 in a Dutch file is thirty-six thousand).
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inclusief.errors import InputError
from inclusief.numbers import parse_number, read_column
from inclusief.pso.inputs import parse_purchases, parse_workforce, read_purchases, read_upload
from inclusief.questionnaires.responses import decode_csv, table_from_csv_bytes

HEADER = "supplier;amount_eur;supplier_turnover_eur;supplier_fte;supplier_direct_pct\n"


def col(cells: list[str], **kw: object) -> list[float | None]:
    reading = read_column(cells, file="f.csv", column="c", **kw)  # type: ignore[arg-type]
    assert not reading.problems, reading.problems
    return reading.values


@pytest.mark.parametrize(
    ("cells", "kind", "expected"),
    [
        (["36.000,50"], "amount", [36000.5]),
        (["36,000.50"], "amount", [36000.5]),
        (["1.234.567"], "number", [1234567.0]),
        (["1,234,567"], "number", [1234567.0]),
        (["12,5"], "number", [12.5]),
        (["12.5"], "number", [12.5]),
        (["€ 1.250"], "amount", [1250.0]),  # alone ambiguous: see below
        (
            ["€1.250,00", "EUR 36.000", "EUR1.000,5", "12,00 euro"],
            "amount",
            [1250.0, 36000.0, 1000.5, 12.0],
        ),
        (["1.250,00 €"], "amount", [1250.0]),
        (["12,5%", "60%"], "percent", [12.5, 60.0]),
        (["36 000", "1 250,5"], "amount", [36000.0, 1250.5]),
        (["0,125"], "number", [0.125]),
        (["1234.567"], "number", [1234.567]),
        (["36000", ""], "number", [36000.0, None]),
    ],
)
def test_values_as_people_write_them(cells: list[str], kind: str, expected: list[float]) -> None:
    if cells == ["€ 1.250"]:
        # alone, '€ 1.250' is ambiguous: the ';' of a Dutch file settles it
        assert col(cells, kind=kind, delimiter=";") == expected
        return
    assert col(cells, kind=kind) == expected


def test_the_whole_column_decides_36_000() -> None:
    """One value with a decimal comma settles that '.' is the thousands separator."""
    assert col(["36.000", "1.250,50", "400.000"], kind="amount") == [36000.0, 1250.5, 400000.0]
    assert col(["400,000", "12.5"], kind="amount") == [400000.0, 12.5]


def test_the_delimiter_settles_an_ambiguous_column() -> None:
    assert col(["36.000", "400.000"], delimiter=";") == [36000.0, 400000.0]  # Dutch Excel
    assert col(["400,000"], delimiter=",") == [400000.0]  # a comma file: English numbers
    assert col(["400,000"], delimiter=";") == [400.0]  # Dutch: three decimals


@pytest.mark.parametrize("delimiter", [None, "\t", "|"])
def test_an_ambiguous_column_without_a_settling_delimiter_is_refused(
    delimiter: str | None,
) -> None:
    reading = read_column(
        ["36.000", "400.000"],
        file="inkoop.xlsx",
        column="amount_eur",
        rows=[2, 3],
        delimiter=delimiter,
        kind="amount",
    )
    assert reading.values == [None, None]
    (problem,) = reading.problems
    assert (problem.file, problem.where, problem.field) == ("inkoop.xlsx", "row 2", "amount_eur")
    assert "two ways" in problem.message and "36000" in problem.message


def test_mixed_formats_in_one_column_are_refused_naming_the_rows() -> None:
    reading = read_column(["12,5", "1.5", "3"], file="f.csv", column="hours_per_week")
    assert reading.values == [None, None, None]
    assert "row(s) 2" in reading.problems[0].message and "row(s) 3" in reading.problems[0].message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("nan", "nan and infinity"),
        ("NaN", "nan and infinity"),
        ("inf", "nan and infinity"),
        ("-Infinity", "nan and infinity"),
        ("#DIV/0!", "spreadsheet error"),
        ("-5", "negative"),
        ("−1.250,00", "negative"),
        ("forty", "not a number"),
        ("1.23.456", "three digits"),
        ("1e5", "not a number"),
        ("12%", "percent sign"),
    ],
)
def test_refused_values_name_file_row_and_column(text: str, words: str) -> None:
    reading = read_column(
        ["1", text], file="inkoop.csv", column="amount_eur", rows=[2, 7], kind="amount"
    )
    assert reading.values[0] == 1.0 and reading.values[1] is None
    (problem,) = reading.problems
    assert (problem.file, problem.where, problem.field) == ("inkoop.csv", "row 7", "amount_eur")
    assert words in problem.message


def test_a_currency_sign_outside_an_amount_column_is_refused() -> None:
    reading = read_column(["€ 12"], file="f.csv", column="hours_per_week")
    assert "currency" in reading.problems[0].message


@given(st.floats(min_value=0, max_value=1e12, allow_nan=False), st.sampled_from(["nl", "en"]))
def test_a_formatted_amount_reads_back(value: float, lang: str) -> None:
    """Whatever our own formatter writes (2 decimals), the reader reads back."""
    from inclusief.formatting import num

    text = num(value, 2, lang)
    got = parse_number(text, decimal="," if lang == "nl" else ".")
    assert math.isclose(got, round(value, 2), rel_tol=1e-12, abs_tol=0.005)


# -- whole files: purchases and workforce --------------------------------------------------
def test_dutch_purchases_file_reads_36_000_as_thirty_six_thousand(tmp_path: Path) -> None:
    """The bug of issue #13: '36.000' and '400.000' in a ';' file were read as 36 and 400."""
    f = tmp_path / "inkoop.csv"
    f.write_text(HEADER + "SW-bedrijf;36.000;400.000;12;60%\n", encoding="utf-8")
    (p,) = read_purchases(f)
    assert (p.amount_eur, p.supplier_turnover_eur, p.supplier_direct_pct) == (
        36000.0,
        400000.0,
        60.0,
    )


def test_comma_file_reads_quoted_400_000(tmp_path: Path) -> None:
    f = tmp_path / "inkoop.csv"
    f.write_text(HEADER.replace(";", ",") + 'SW,"36,000","400,000",12,60\n', encoding="utf-8")
    (p,) = read_purchases(f)
    assert (p.amount_eur, p.supplier_turnover_eur) == (36000.0, 400000.0)


@pytest.mark.parametrize("bad", ["nan", "inf", "-100"])
def test_nan_inf_and_negative_purchases_are_input_errors(tmp_path: Path, bad: str) -> None:
    f = tmp_path / "inkoop.csv"
    f.write_text(HEADER + f"SW;{bad};400000;12;60\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_purchases(f)
    (problem,) = info.value.problems
    assert (problem.where, problem.field) == ("row 2", "amount_eur")


def test_cp1252_file_is_read_and_says_so() -> None:
    """Excel's plain 'CSV (gescheiden door lijstscheidingsteken)': cp1252 and ';'."""
    content = (HEADER + "Café de Zon;€ 1.250;400.000;12;60\n").encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")
    frame = read_upload("inkoop.csv", content)
    assert frame.attrs == {"encoding": "cp1252", "delimiter": ";"}
    (p,) = parse_purchases(frame, file="inkoop.csv")
    assert (p.supplier, p.amount_eur) == ("Café de Zon", 1250.0)
    assert decode_csv(b"a", file="x")[1] == "utf-8"
    assert table_from_csv_bytes(b"\xef\xbb\xbfa,b\n1,2\n", file="x").attrs["encoding"] == "utf-8"


def test_workforce_hours_with_decimal_comma_in_a_semicolon_file() -> None:
    content = (
        "employee_id;hours_per_week;target_group;contract_type;intake_date\n"
        "a;25,5;wajong;regulier;2020-01-01\nb;36;geen;regulier;2020-01-01\n"
    ).encode("cp1252")
    people = parse_workforce(read_upload("p.csv", content), file="p.csv")
    assert [e.hours_per_week for e in people] == [25.5, 36.0]


@given(st.lists(st.integers(min_value=1000, max_value=10**9), min_size=1, max_size=6))
def test_dutch_thousands_in_a_semicolon_file_read_as_written(values: list[int]) -> None:
    """Whole euros written the Dutch way ('36.000', '1.234.567') in a ';' file are never
    read as decimals, however the column happens to look."""
    cells = [f"{v:,}".replace(",", ".") for v in values]
    assert col(cells, kind="amount", delimiter=";") == [float(v) for v in values]


@given(st.lists(st.integers(min_value=1000, max_value=10**9), min_size=1, max_size=6))
def test_a_column_of_ambiguous_values_is_never_silently_read(values: list[int]) -> None:
    """Without a delimiter that settles it, a value that could be read two ways is either
    settled by another value of the column or the column is refused: never guessed."""
    cells = [f"{v:,}".replace(",", ".") for v in values]
    reading = read_column(cells, file="f.xlsx", column="c", kind="amount")
    if reading.problems:
        assert reading.values == [None] * len(cells)
    else:
        assert reading.decided_by == "values"
        assert reading.values == [float(v) for v in values]
