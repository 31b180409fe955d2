"""Research export benchmark: 100,000 generated assessments, 40 items, 8 dimensions.

Timed in the same run:
- **baseline**: a plain ``DataFrame.to_csv`` of the same rows (raw input: QIs + items);
- **export**: the whole anonymised export from raw rows: validation, scoring, level-0
  generalisation, the k-anonymity lattice search, pseudonyms, then the CSV and the SPSS
  ``.sav`` (with labels and missing codes), codebook and log;
- XLSX separately (openpyxl is pure Python; reported, not part of the goal).

Goal (issue 7): the CSV + SAV export of 100,000 assessments in at most 30 s.
Run: ``python bench/bench_research.py [--n 100000]``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from _report import write_section
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
        for name, content in {**csv, **sav}.items():
            (Path(tmp) / name).write_bytes(content)
        n_x = min(args.n, 20_000)
        t0 = time.perf_counter()
        small = build_export(questionnaire=q, rows=data.iloc[:n_x], k=5)
        files(small, ["xlsx"])
        t_xlsx = time.perf_counter() - t0
    total = build + t_csv + t_sav
    log = export.log.anonymity
    verdict = "met" if total <= GOAL_S else "NOT met"
    body = f"""## Research export (`bench/bench_research.py`)

{args.n:,} generated assessments (40 items, 8 dimensions, {args.n // 2:,} organisations,
19 SBI sections, 6 size classes, 12 provinces, dates over ~3 years), k = 5.

| step | time (s) | ratio to baseline |
|---|---:|---:|
| baseline: plain `DataFrame.to_csv` of the raw rows | {baseline:.2f} | 1.0 |
| prepare + score + k-anonymity search + pseudonyms | {build:.2f} | {build / baseline:.1f} |
| CSV (data, codebook, log; injection-neutralised) | {t_csv:.2f} | {t_csv / baseline:.1f} |
| SPSS .sav (labels, user-missing codes) | {t_sav:.2f} | {t_sav / baseline:.1f} |
| **export total (CSV + SAV)** | **{total:.2f}** | **{total / baseline:.1f}** |
| XLSX, {n_x:,} rows (build + write, not in the goal) | {t_xlsx:.2f} | - |

Goal: CSV + SAV export of 100,000 assessments in at most {GOAL_S:.0f} s: **{verdict}**.
Chosen levels: {", ".join(f"{k}={v}" for k, v in log.levels.items())};
{log.rows_suppressed:,} rows suppressed, {log.classes_out:,} classes,
smallest class {log.smallest_class_out} organisations.
"""
    print(body)
    write_section("research", body)


if __name__ == "__main__":
    main()
