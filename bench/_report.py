"""Write one benchmark's section into docs/benchmarks.md between its markers."""

from __future__ import annotations

import platform
import re
from datetime import UTC, datetime
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
HEADER = (
    "# Benchmarks\n\n"
    "Each section is written by its script in `bench/`. Times are wall-clock on the machine\n"
    "named in the section; every goal is a ratio against a baseline measured in the same run,\n"
    "or an absolute bound from the issue that set it.\n"
)


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
