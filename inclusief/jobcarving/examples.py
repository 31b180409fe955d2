"""The shipped example inventories and candidate files in ``data/tasks/``.

A file whose name starts with ``kandidaten`` is a candidate file; every other YAML, CSV or
XLSX file there is a task inventory. Names are the file stems (``primair_onderwijs``). When
the folder is missing (an installed package without the repository's data) both are empty.
"""

from __future__ import annotations

from pathlib import Path

TASKS_DIR = Path(__file__).resolve().parents[2] / "data" / "tasks"
SUFFIXES = (".yaml", ".yml", ".csv", ".xlsx")
CANDIDATE_PREFIX = "kandidaten"


def _files(folder: Path | None) -> list[Path]:
    folder = TASKS_DIR if folder is None else folder
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)


def example_inventories(folder: Path | None = None) -> dict[str, Path]:
    """Shipped task inventories by name (file stem), sorted by name."""
    return {p.stem: p for p in _files(folder) if not p.name.startswith(CANDIDATE_PREFIX)}


def example_candidates(folder: Path | None = None) -> dict[str, Path]:
    """Shipped candidate files by name (file stem), sorted by name."""
    return {p.stem: p for p in _files(folder) if p.name.startswith(CANDIDATE_PREFIX)}
