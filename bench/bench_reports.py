"""Benchmark the scan report: warm time per report and a batch of 200 on two cores.

Baseline in the same run: a bare fpdf2 text-only PDF (core font, one page of text).
Goals (issue 6): at most 1 s per report; 200 reports in at most 60 s.

Run: ``.venv/bin/python bench/bench_reports.py [--write-docs]`` (``--write-docs`` writes the
``reports`` section of docs/benchmarks.md).
"""

from __future__ import annotations

import multiprocessing
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fpdf import FPDF

from bench._report import wants_docs, write_section
from inclusief.questionnaires.load import load_shipped
from inclusief.questionnaires.scoring import score_one
from inclusief.reports import charts
from inclusief.reports.pdf import ReportPDF, new_report_pdf
from inclusief.reports.scan_report import (
    ScanReportData,
    render_scan_report,
    scan_chart_png,
    scan_report_data,
)

N_WARM = 25
N_BATCH = 200
WORKERS = 2
GOAL_ONE = 1.0
GOAL_BATCH = 60.0


def make_data(i: int) -> ScanReportData:
    """A distinct respondent per i (random answers), so every chart spec differs."""
    q = load_shipped("werkgeversscan", "1.0")
    rnd = random.Random(i)
    answers = {k: rnd.choice([1, 2, 3, 4, 5, 5, 4, 9, None]) for k in q.item_ids}
    options = [o.id for o in q.support_needs.options] if q.support_needs else []
    result = score_one(
        questionnaire=q,
        answers=answers,
        support_needs=rnd.sample(options, k=min(2, len(options))),
        lang="nl",
    )
    return scan_report_data(
        questionnaire=q,
        result=result,
        organisation=f"Organisatie {i}",
        assessment_date=date(2026, 3, 5),
    )


def bare_pdf(_i: int) -> bytes:
    """Baseline: fpdf2 with a core font, one page of plain text, no charts or tables."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, "Werkgeversscan adviesrapport. " * 120)
    return bytes(pdf.output())


def median_time(fn: Callable[[int], object], n: int, offset: int = 0) -> float:
    times = []
    for i in range(n):
        start = time.perf_counter()
        fn(i + offset)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def render_json(payload: str) -> int:
    """Worker: one report from its JSON data; returns the PDF size."""
    data = ScanReportData.model_validate_json(payload)
    return len(render_scan_report(data=data))


def main() -> None:
    write_docs = wants_docs()
    datas = [make_data(i) for i in range(N_BATCH + N_WARM + 1)]

    start = time.perf_counter()
    first_pdf = render_scan_report(data=datas[0])
    cold = time.perf_counter() - start

    bare = median_time(bare_pdf, N_WARM)
    warm = median_time(lambda i: render_scan_report(data=datas[i]), N_WARM, offset=1)
    cached = median_time(lambda _i: render_scan_report(data=datas[1]), N_WARM)
    charts.clear_cache()
    chart = median_time(lambda i: scan_chart_png(datas[i], "nl"), N_WARM, offset=1)
    chart_hit = median_time(lambda _i: scan_chart_png(datas[1], "nl"), N_WARM)

    def fresh_doc(_i: int) -> None:
        ReportPDF()  # parses the three TTF faces

    def copied_doc(_i: int) -> None:
        new_report_pdf(
            lang="nl",
            title="t",
            running_title="t",
            subject="s",
            organisation="o",
            footer_text="f",
            page_label="{n}",
        )

    fonts = median_time(fresh_doc, N_WARM)
    fonts_copy = median_time(copied_doc, N_WARM)

    payloads = [d.model_dump_json() for d in datas[1 : N_BATCH + 1]]
    start = time.perf_counter()
    # spawn, not fork: vl-convert runs its own threads, and a forked child of a process that
    # already rendered a chart hangs on the first chart of its own
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=WORKERS, mp_context=context) as pool:
        sizes = list(pool.map(render_json, payloads, chunksize=10))
    batch = time.perf_counter() - start
    assert len(sizes) == N_BATCH and min(sizes) > 10_000

    ok_one = "yes" if warm <= GOAL_ONE else "**no**"
    ok_batch = "yes" if batch <= GOAL_BATCH else "**no**"
    body = f"""## Reports (scan PDF)

Shipped werkgeversscan, one distinct respondent per report (so every chart differs),
{len(first_pdf) // 1024} KiB and about 7 pages per report. Median of {N_WARM} runs.
CPU cores available: {os.cpu_count()}.

| measure | time | vs bare fpdf2 |
|---|---:|---:|
| bare fpdf2 text-only PDF (baseline) | {bare * 1000:.1f} ms | 1.0x |
| scan report, warm, distinct data | {warm * 1000:.0f} ms | {warm / bare:.0f}x |
| scan report, warm, identical chart (cache hit) | {cached * 1000:.0f} ms | {cached / bare:.0f}x |
| of which: chart -> PNG via vl-convert (distinct spec) | {chart * 1000:.0f} ms | |
| of which: chart -> PNG, cache hit | {chart_hit * 1000:.2f} ms | |
| of which: new document (copy of a blank one with fonts parsed) | {fonts_copy * 1000:.0f} ms | |
| (a new document parsing the 3 TTF faces itself) | {fonts * 1000:.0f} ms | |
| first report in a fresh process (engine start) | {cold * 1000:.0f} ms | |
| {N_BATCH} reports, ProcessPoolExecutor({WORKERS}, spawn) incl. pool start | {batch:.1f} s | |

Goals: at most {GOAL_ONE:g} s per report: {ok_one} ({warm:.2f} s);
{N_BATCH} reports in at most {GOAL_BATCH:g} s: {ok_batch} ({batch:.1f} s,
{batch / N_BATCH * 1000:.0f} ms per report over {WORKERS} workers).
Chart specs are cached by their full JSON (64 entries), so a batch that repeats a chart,
or a page that re-renders the same report, draws it once; distinct respondents do not
profit, and their chart is about {chart / warm * 100:.0f}% of a report's time.
"""
    print(body)
    if write_docs:
        write_section("reports", body)


if __name__ == "__main__":
    main()
