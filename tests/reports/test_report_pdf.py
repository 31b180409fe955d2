"""The report page helpers: copied documents, number formats, chart cache."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest
from conftest import FIXED

from inclusief.reports import charts
from inclusief.reports.pdf import ReportPDF, new_report_pdf

META = {
    "lang": "nl",
    "title": "Titel",
    "running_title": "Kop",
    "subject": "Onderwerp",
    "organisation": "Stichting Eë",
    "footer_text": "Voet",
    "page_label": "Pagina {n} van {total}",
    "creation_date": FIXED,
}


def _fill(pdf: ReportPDF) -> bytes:
    pdf.add_page()
    pdf.section("Één kop", new_page=False)
    pdf.para("Tekst met ë, é, ï en € " * 40)
    pdf.data_table(["A", "B"], [["één", "1"], ["twee", "2"]], widths=[100, 70])
    return pdf.to_bytes()


def test_a_copied_document_gives_the_same_bytes_as_a_fresh_one() -> None:
    """new_report_pdf copies a blank document with parsed fonts; nothing may differ."""
    fresh = ReportPDF()
    fresh.setup(**META)  # type: ignore[arg-type]
    first = _fill(fresh)
    second = _fill(new_report_pdf(**META))  # type: ignore[arg-type]
    third = _fill(new_report_pdf(**META))  # type: ignore[arg-type]
    assert first == second == third


def test_identical_chart_specs_are_rendered_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = charts.vlc.vegalite_to_png

    def counting(spec: str, scale: float = 1.0) -> bytes:
        calls.append(spec)
        return bytes(real(spec, scale=scale))

    monkeypatch.setattr(charts.vlc, "vegalite_to_png", counting)
    charts.clear_cache()
    frame = pd.DataFrame({"a": ["x", "y"], "b": [1, 2]})
    chart = alt.Chart(frame).mark_bar().encode(x="b", y="a")
    png = charts.chart_png(chart)
    assert charts.chart_png(alt.Chart(frame).mark_bar().encode(x="b", y="a")) == png
    assert len(calls) == 1
    other = alt.Chart(frame.assign(b=[1, 3])).mark_bar().encode(x="b", y="a")
    charts.chart_png(other)
    assert len(calls) == 2
    width, height = charts.png_size(png)
    assert width > 0 and height > 0


def _render_in_child(_: int) -> str:
    frame = pd.DataFrame({"a": ["x"], "b": [3]})
    try:
        charts.chart_png(alt.Chart(frame).mark_bar().encode(x="b", y="a"))
    except RuntimeError as exc:
        return str(exc)
    return "rendered"


def test_a_forked_child_fails_clearly_instead_of_hanging() -> None:
    """After the parent rendered a chart, a forked child gets a RuntimeError naming spawn."""
    import multiprocessing

    frame = pd.DataFrame({"a": ["x"], "b": [2]})
    charts.chart_png(alt.Chart(frame).mark_bar().encode(x="b", y="a"))
    with multiprocessing.get_context("fork").Pool(1) as pool:
        message = pool.map(_render_in_child, [0], chunksize=1)[0]
    assert "spawn" in message


def test_scan_benchmark_from_the_research_peer_benchmark() -> None:
    from inclusief.reports.scan_report import ScanBenchmark
    from inclusief.research.benchmark import PeerBenchmark, QuartileRow

    peer = PeerBenchmark(
        available=True,
        n_found=12,
        n_needed=10,
        size_class="50-99",
        sector="onderwijs",
        quartiles=[
            QuartileRow(dimension_id="werving", dimension="Werving", n=12, p25=30, p50=45, p75=60),
            QuartileRow(
                dimension_id="beleid", dimension="Beleid", n=4, p25=None, p50=None, p75=None
            ),
        ],
    )
    bench = ScanBenchmark.from_research(peer)
    assert bench is not None and bench.n_peers == 12 and bench.group == "50-99, onderwijs"
    assert [r.dimension_id for r in bench.rows] == ["werving"]
    closed = peer.model_copy(update={"available": False})
    assert ScanBenchmark.from_research(closed) is None
