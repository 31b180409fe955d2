"""Everyday commands stay quick: ``inclusief --help`` and ``inclusief score`` on 10 rows,
each against ``python -c "import pandas"`` measured in the same run (issue #12, item 13).

Goal: each command at most 3 times the baseline (CPU time of the whole process, the median
of several runs, so a busy machine moves both sides alike).

Run: ``.venv/bin/python bench/bench_cli.py [--runs 7] [--write-docs]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _report import add_docs_flag, write_section

ROOT = Path(__file__).resolve().parent.parent
GOAL = 3.0


def cpu_seconds(cmd: list[str]) -> float:
    """User + system CPU time of one child process."""
    before = os.times()
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
    after = os.times()
    return (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )


def median(cmd: list[str], runs: int) -> float:
    cpu_seconds(cmd)  # warm the file cache
    return statistics.median(cpu_seconds(cmd) for _ in range(runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    add_docs_flag(parser)
    args = parser.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        responses = Path(tmp) / "tien.csv"
        items = [f"dr0{i}" for i in range(1, 7)]
        lines = ["respondent_id," + ",".join(items)]
        lines += [f"r{n}," + ",".join(str(1 + (n + i) % 5) for i in range(6)) for n in range(10)]
        responses.write_text("\n".join(lines) + "\n", encoding="utf-8")
        base = median([py, "-c", "import pandas"], args.runs)
        cases = {
            "inclusief --help": [py, "-m", "inclusief", "--help"],
            "inclusief score (10 rows)": [
                py,
                "-m",
                "inclusief",
                "score",
                "-q",
                "werkgeversscan@1.0",
                str(responses),
                "--format",
                "json",
            ],
        }
        rows = []
        for name, cmd in cases.items():
            cpu = median(cmd, args.runs)
            ratio = cpu / base if base > 0 else float("nan")
            rows.append((name, cpu, ratio, ratio <= GOAL))
    lines = [
        f'Baseline `python -c "import pandas"`: {base:.3f} s CPU (median of {args.runs}).',
        "",
        "| command | CPU s | x baseline | goal <= 3x |",
        "|---|---|---|---|",
    ]
    for name, cpu, ratio, ok in rows:
        lines.append(f"| `{name}` | {cpu:.3f} | {ratio:.2f} | {'met' if ok else 'NOT met'} |")
    text = "\n".join(lines)
    print(text)
    if args.write_docs:
        write_section("cli", "## Everyday commands\n\n" + text)


if __name__ == "__main__":
    main()
