"""The PSO page (AppTest): example, uploads, bad input without traceback, quality form, English."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from inclusief.pso.inputs import read_purchases, read_workforce
from inclusief.pso.ladder import compute_ladder

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "inclusief/ui/pages/pso.py")
EXAMPLE = ROOT / "data/pso/voorbeeld_personeel.csv"
PURCHASES = ROOT / "data/pso/voorbeeld_inkoop.csv"


def _app(year: int | None = 2026) -> AppTest:
    """The page with the reference year set (the golden values below are for 2026)."""
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.run()
    assert not at.exception
    if year is not None:
        at.number_input(key="pso_year").set_value(year)
    return at


def test_the_example_is_calculated_with_ladder_growth_and_banenafspraak() -> None:
    """The page starts with the example; Bereken shows the core's numbers and the notice."""
    at = _app()
    assert "geen certificaat" in at.info[0].value
    at.button(key="pso_calculate").click().run()
    assert not at.exception and not at.error
    expected = compute_ladder(employees=read_workforce(EXAMPLE), year=2026, size=40)
    metrics = {m.label: m.value for m in at.metric}
    # Dutch decimal commas, as in "25,5 uur" beside them
    assert metrics["Totale sociale bijdrage"] == f"{expected.total_pct:.2f}%".replace(".", ",")
    assert metrics["Indicatie"] == "Trede 1"
    # 97.5 h of register groups minus the 16 h proefplaatsing (M036, unpaid) = 81.5 h / 25.5
    assert metrics["Getelde banen (25,5 uur per week = 1 baan)"] == "3,20"
    assert at.session_state["pso_result"].ladder.level == expected.level
    growth = next(m.value for m in at.markdown if "fte extra" in m.value)
    assert f"{expected.growth.extra_fte:.2f}".replace(".", ",") in growth
    assert any("geen certificaat" in i.value for i in at.info[1:])  # also beside the result
    assert any("M040" in w.value for w in at.warning)  # expired participatiewet status


def test_purchases_upload_and_supplier_profile_give_the_purchase_path() -> None:
    at = _app()
    at.file_uploader(key="pso_purchases").set_value(
        ("inkoop.csv", PURCHASES.read_bytes(), "text/csv")
    ).run()
    at.number_input(key="pso_sup_turn").set_value(5_000_000.0)
    at.number_input(key="pso_sup_fte").set_value(150.0)
    at.number_input(key="pso_sup_direct").set_value(60.0)
    at.button(key="pso_calculate").click().run()
    assert not at.exception and not at.error
    expected = compute_ladder(
        employees=read_workforce(EXAMPLE), purchases=read_purchases(PURCHASES), year=2026, size=40
    )
    result = at.session_state["pso_result"].ladder
    assert result.total_pct == expected.total_pct and result.level == "trede_2"
    assert any("EUR" in m.value and "leverancier" in m.value for m in at.markdown)


def test_a_bad_upload_is_shown_as_an_error_without_traceback() -> None:
    """Row problems are listed with row and column; nothing is calculated."""
    at = _app()
    bad = (
        b"employee_id,hours_per_week,target_group,contract_type,intake_date\n"
        b"a,forty,wajong,regulier,2020-01-01\n"
    )
    at.file_uploader(key="pso_upload").set_value(("slecht.csv", bad, "text/csv")).run()
    at.button(key="pso_calculate").click().run()
    assert not at.exception
    assert at.error and "row 2" in at.error[0].value and "hours_per_week" in at.error[0].value
    assert "pso_result" not in at.session_state


def test_an_unreadable_upload_is_an_error_too() -> None:
    at = _app()
    at.file_uploader(key="pso_upload").set_value(
        ("kapot.xlsx", b"not a spreadsheet", "application/octet-stream")
    ).run()
    assert not at.exception
    assert at.error and "kapot.xlsx" in at.error[0].value


def test_the_year_field_defaults_to_last_year_with_the_cli_bounds() -> None:
    from inclusief.pso.outcome import FIRST_YEAR, LAST_YEAR, default_year

    at = _app(year=None)
    field = at.number_input(key="pso_year")
    assert field.value == default_year()
    assert (field.min, field.max) == (FIRST_YEAR, LAST_YEAR)


@pytest.mark.parametrize("year", [2025, 2027])
def test_any_year_gives_a_ladder_and_says_what_banenafspraak_lacks(year: int) -> None:
    at = _app(year=year)
    at.button(key="pso_calculate").click().run()
    assert not at.exception and not at.error
    outcome = at.session_state["pso_result"]
    assert (
        outcome.year == year
        and outcome.ladder.level
        == compute_ladder(employees=read_workforce(EXAMPLE), year=year, size=40).level
    )
    texts = " ".join(i.value for i in at.info)
    if year == 2027:
        assert "Voor 2027 zijn er geen cijfers voor het quotum" in texts
    else:
        assert "niet bekend" in texts


def test_2026_not_activated_shows_no_amount_due() -> None:
    at = _app()
    at.button(key="pso_calculate").click().run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Verschuldigd"] == "niets"
    assert any("niet geactiveerd" in s.value for s in at.success)
    assert not any("€" in m or "EUR" in m for m in metrics.values())


def test_a_school_below_the_hours_threshold_is_not_applicable() -> None:
    """30 teachers x 24 h = 37,440 paid hours a year < 40,575: niet van toepassing."""
    rows = "".join(f"t{i},24,geen,regulier,2020-01-01\n" for i in range(30))
    school = "employee_id,hours_per_week,target_group,contract_type,intake_date\n" + rows
    at = _app()
    at.file_uploader(key="pso_upload").set_value(("school.csv", school.encode(), "text/csv")).run()
    at.selectbox(key="pso_sector").set_value("onderwijs")
    at.button(key="pso_calculate").click().run()
    assert not at.exception
    assert any("niet van toepassing" in s.value for s in at.success)
    assert any("school.csv: tekenset UTF-8" in c.value for c in at.caption)


def test_the_quality_form_is_scored_beside_the_ladder() -> None:
    """Three favourable answers on passend werk (pw03 is reversed) score that dimension 100."""
    at = _app()
    for item in ("pw01", "pw02", "pw03"):
        at.radio(key=f"pso_q_{item}").set_value(5 if item != "pw03" else 1)
    at.button(key="pso_calculate").click().run()
    assert not at.exception
    quality = at.session_state["pso_result"].quality
    assert quality is not None and quality.dimension("passend_werk").score == 100
    assert any(s.value == "Kwaliteitscriteria" for s in at.subheader)


def test_english() -> None:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["lang"] = "en"
    at.run()
    at.number_input(key="pso_year").set_value(2026)
    at.button(key="pso_calculate").click().run()
    assert not at.exception
    assert "not a certificate" in at.info[0].value
    metrics = {m.label: m.value for m in at.metric}
    assert "Total social contribution" in metrics
    assert metrics["Counted jobs (25.5 hours a week = 1 job)"] == "3.20"  # English: a point


def test_the_ladder_chart_speaks_dutch_and_shows_the_whole_gap_label() -> None:
    from inclusief.pso.charts import ladder_chart, ladder_frames

    lad = compute_ladder(employees=read_workforce(EXAMPLE), year=2026, size=40)
    gap = ladder_frames(lad)["bars"]["part"].iloc[-1]
    assert gap.startswith("Nog ") and "," in gap and "." not in gap
    assert all("," in text for text in ladder_frames(lad)["norms"]["text"])
    spec = ladder_chart(lad).to_dict()
    assert spec["layer"][0]["encoding"]["color"]["legend"]["labelLimit"] == 0


def test_a_consultant_saves_two_years_and_sees_the_trend(
    store, consultant, new_scan, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saved per reference year; with two years the page draws the trend and the growth path."""
    from inclusief.services import access

    monkeypatch.setattr(access, "store_of", lambda given=None: given or store)
    org = new_scan(consultant, name="OBS De Linde").organisation_id
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["user"] = consultant
    at.run()
    assert any("nog geen berekening" in c.value for c in at.caption)
    for year in (2025, 2026):
        at.number_input(key="pso_year").set_value(year)
        at.button(key="pso_calculate").click().run()
        at.selectbox(key="pso_save_org").set_value(org)
        at.button(key="pso_save").click().run()
        assert not at.exception
    assert any("Groeipad vanuit 2026" in m.value for m in at.markdown)
    titles = [s.value for s in at.subheader]
    assert "Sociale bijdrage door de jaren" in titles


def test_the_codes_tables_are_text_without_a_conversion_error() -> None:
    """ "Telt (jaren na instroom)" mixes numbers and words: every cell is text (pyarrow
    refused the mixed column), and weights have a Dutch decimal comma."""
    import pyarrow as pa

    at = _app()
    codes = next(d.value for d in at.dataframe if "Telt (jaren na instroom)" in d.value.columns)
    duration = codes["Telt (jaren na instroom)"]
    assert {type(v) for v in duration} == {str}
    assert "zolang de status geldt" in set(duration) and "5" in set(duration)
    pa.Table.from_pandas(codes)  # what Streamlit does; it raised ArrowTypeError before
    assert all("," in w for w in codes["Gewicht"])


def test_the_ladder_chart_is_readable_at_any_width() -> None:
    """Labels below the bar (fixed pixel rows), a rule per norm over the whole height, Dutch
    decimal commas on the axis, and only the width fitted (Streamlit's theme fits both)."""
    from inclusief.pso.charts import BAR_BOTTOM, HEIGHT, LABEL_TOP, ladder_chart

    lad = compute_ladder(employees=read_workforce(EXAMPLE), year=2026, size=40)
    spec = ladder_chart(lad).to_dict()
    assert spec["autosize"] == {"type": "fit-x", "contains": "padding"}
    bars, rules, labels = spec["layer"]
    assert bars["encoding"]["y2"]["value"] == BAR_BOTTOM < LABEL_TOP
    assert rules["mark"]["type"] == "rule"
    assert (rules["encoding"]["y"]["value"], rules["encoding"]["y2"]["value"]) == (0, HEIGHT)
    label_rows = [r["ypix"] for r in spec["datasets"][labels["data"]["name"]]]
    assert min(label_rows) >= LABEL_TOP and max(label_rows) < HEIGHT
    assert "replace(" in bars["encoding"]["x"]["axis"]["labelExpr"]
    english = ladder_chart(lad, lang="en").to_dict()
    assert "replace(" not in english["layer"][0]["encoding"]["x"]["axis"]["labelExpr"]
