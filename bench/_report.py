"""Write one benchmark's section into docs/benchmarks.md between its markers.

A run only prints its results. It rewrites its section of docs/benchmarks.md only when asked
with ``--write-docs`` (:data:`DOCS_FLAG`), so a quick check on a busy machine does not
replace the published numbers.
"""

from __future__ import annotations

import argparse
import platform
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
HEADER = (
    "# Benchmarks\n\n"
    "Each section is written by its script in `bench/`. Times are wall-clock on the machine\n"
    "named in the section; every goal is a ratio against a baseline measured in the same run,\n"
    "or an absolute bound from the issue that set it.\n"
)


DOCS_FLAG = "--write-docs"


def add_docs_flag(parser: argparse.ArgumentParser) -> None:
    """Add ``--write-docs`` to a benchmark's argument parser."""
    parser.add_argument(
        DOCS_FLAG,
        action="store_true",
        help="also write the results into docs/benchmarks.md (default: print only)",
    )


def wants_docs(argv: list[str] | None = None) -> bool:
    """For a script without options of its own: was ``--write-docs`` given?"""
    parser = argparse.ArgumentParser()
    add_docs_flag(parser)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    return bool(args.write_docs)


def write_section(area: str, body: str) -> None:
    """Replace (or append) the section for ``area`` in docs/benchmarks.md."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine = (
        f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}"
    )
    start, end = f"<!-- bench:{area}:start -->", f"<!-- bench:{area}:end -->"
    block = f"{start}\n{body.rstrip()}\n\n_Run {stamp} on {machine}._\n{end}"
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else HEADER
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.DOTALL)
    text = pattern.sub(lambda _m: block, text) if pattern.search(text) else f"{text}\n{block}\n"
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(text, encoding="utf-8")
