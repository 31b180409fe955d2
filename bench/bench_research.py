"""Research export benchmark: 100,000 generated assessments, 40 items, 8 dimensions.

Timed in the same run:
- **baseline**: a plain ``DataFrame.to_csv`` of the same rows (raw input: QIs + items);
- **prepare**: validation, scoring, level-0 generalisation, the k-anonymity lattice search
  and pseudonyms, the step every format shares;
- then each format on its own, with its codebook and suppression log: CSV, SPSS ``.sav``
  (labels, missing codes) and XLSX (data workbook plus codebook/log workbook, XlsxWriter).

Goal (issue 7): the export of 100,000 assessments in at most 30 s, for each format
(prepare + that format's files).
Run: ``python bench/bench_research.py [--n 100000] [--write-docs]``.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from _report import add_docs_flag, write_section
from bench_scoring import synthetic_questionnaire

from inclusief.research.export import build_export, files

GOAL_S = 30.0
PROVINCES = ["Groningen", "Fryslân", "Drenthe", "Overijssel", "Flevoland", "Gelderland",
             "Utrecht", "Noord-Holland", "Zuid-Holland", "Zeeland", "Noord-Brabant",
             "Limburg"]  # fmt: skip
SECTORS = list("ABCDEFGHIJKLMNOPQRS")
SIZES = ["1-9", "10-49", "50-99", "100-249", "250-499", "500+"]


def rows(n: int, q_items: list[str], seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n_orgs = max(1, n // 2)
    org = rng.integers(0, n_orgs, n)
    frame = pd.DataFrame(
        {
            "organisation_id": org.astype(str),
            "organisation_name": "Voorbeeld BV",
            "sector": np.asarray(SECTORS)[rng.integers(0, len(SECTORS), n_orgs)][org],
            "size_class": np.asarray(SIZES)[rng.integers(0, len(SIZES), n_orgs)][org],
            "region": np.asarray(PROVINCES)[rng.integers(0, len(PROVINCES), n_orgs)][org],
            "completed_at": pd.Timestamp("2023-01-01")
            + pd.to_timedelta(rng.integers(0, 1000, n), unit="D"),
        }
    )
    codes = rng.integers(1, 6, (n, len(q_items))).astype(np.float64)
    codes[rng.random(codes.shape) < 0.03] = np.nan
    codes[rng.random(codes.shape) < 0.03] = 9
    items = pd.DataFrame(codes, columns=q_items)
    return pd.concat([frame, items], axis=1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    add_docs_flag(parser)
    args = parser.parse_args()
    q = synthetic_questionnaire()
    data = rows(args.n, q.item_ids)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        data.to_csv(Path(tmp) / "baseline.csv", index=False)
        baseline = time.perf_counter() - t0

        t0 = time.perf_counter()
        export = build_export(questionnaire=q, rows=data, k=5)
        build = time.perf_counter() - t0
        t0 = time.perf_counter()
        csv = files(export, ["csv"])
        t_csv = time.perf_counter() - t0
        t0 = time.perf_counter()
        sav = files(export, ["sav"])
        t_sav = time.perf_counter() - t0
        t0 = time.perf_counter()
        xlsx = files(export, ["xlsx"])
        t_xlsx = time.perf_counter() - t0
        for name, content in {**csv, **sav, **xlsx}.items():
            (Path(tmp) / name).write_bytes(content)
    load = os.getloadavg()[0]
    totals = {"CSV": build + t_csv, "SPSS .sav": build + t_sav, "XLSX": build + t_xlsx}
    log = export.log.anonymity

    def ratio(t: float) -> str:
        return f"{t / baseline:.1f}"

    verdicts = "; ".join(
        f"{fmt} {'met' if t <= GOAL_S else 'NOT met'} ({t:.1f} s)" for fmt, t in totals.items()
    )
    total_rows = "\n".join(
        f"| **{fmt} export total (prepare + {fmt})** | **{t:.2f}** | **{ratio(t)}** |"
        for fmt, t in totals.items()
    )
    body = f"""## Research export (`bench/bench_research.py`)

{args.n:,} generated assessments (40 items, 8 dimensions, {args.n // 2:,} organisations,
19 SBI sections, 6 size classes, 12 provinces, dates over ~3 years), k = 5.
Every format writes its data, codebook and suppression log; XLSX is two workbooks
(data sheet; codebook and suppression log sheets), written with XlsxWriter.

| step | time (s) | ratio to baseline |
|---|---:|---:|
| baseline: plain `DataFrame.to_csv` of the raw rows | {baseline:.2f} | 1.0 |
| prepare + score + k-anonymity search + pseudonyms (every format) | {build:.2f} | {ratio(build)} |
| CSV (data, codebook, log; injection-neutralised) | {t_csv:.2f} | {ratio(t_csv)} |
| SPSS .sav (labels, user-missing codes) | {t_sav:.2f} | {ratio(t_sav)} |
| XLSX (data; codebook + log; injection-neutralised) | {t_xlsx:.2f} | {ratio(t_xlsx)} |
{total_rows}

Goal: the export of 100,000 assessments in at most {GOAL_S:.0f} s, per format: {verdicts}.
Chosen levels: {", ".join(f"{k}={v}" for k, v in log.levels.items())};
{log.rows_suppressed:,} rows suppressed, {log.classes_out:,} classes,
smallest class {log.smallest_class_out} organisations.
Machine: {os.cpu_count()} CPUs, 1-minute load {load:.1f} at the end of the run
(one process; the export is single-threaded).
"""
    print(body)
    if args.write_docs:
        write_section("research", body)


if __name__ == "__main__":
    main()
