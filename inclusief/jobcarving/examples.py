"""The shipped example inventories and candidate files in ``data/tasks/``.

A file whose name starts with ``kandidaten`` is a candidate file; the other YAML, XLSX and
CSV files there are task inventories. One inventory may be shipped in several formats
(``primair_onderwijs.yaml``, ``.xlsx`` and ``primair_onderwijs_taken.csv`` with its
``_rollen``/``_inventaris``/``_categorieen`` siblings): it is listed once under its base name,
from the first format of :data:`PREFERENCE`. When the folder is missing (an installed package
without the repository's data) both mappings are empty.
"""

from __future__ import annotations

from pathlib import Path

TASKS_DIR = Path(__file__).resolve().parents[2] / "data" / "tasks"
PREFERENCE = (".yaml", ".yml", ".xlsx", ".csv")
CANDIDATE_PREFIX = "kandidaten"
CSV_TASKS = "_taken"
CSV_SIBLINGS = ("_rollen", "_inventaris", "_categorieen")


def _files(folder: Path | None) -> list[Path]:
    folder = TASKS_DIR if folder is None else folder
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in PREFERENCE)


def _pick(files: list[Path]) -> dict[str, Path]:
    """Base name -> the preferred file; CSV side tables are not inventories of their own."""
    best: dict[str, Path] = {}
    for p in files:
        stem, suffix = p.stem, p.suffix.lower()
        if suffix == ".csv":
            if stem.endswith(CSV_SIBLINGS):
                continue
            stem = stem.removesuffix(CSV_TASKS)
        known = best.get(stem)
        if known is None or PREFERENCE.index(suffix) < PREFERENCE.index(known.suffix.lower()):
            best[stem] = p
    return dict(sorted(best.items()))


def example_inventories(folder: Path | None = None) -> dict[str, Path]:
    """Shipped task inventories by base name (``primair_onderwijs``), sorted by name."""
    return _pick([p for p in _files(folder) if not p.name.startswith(CANDIDATE_PREFIX)])


def example_candidates(folder: Path | None = None) -> dict[str, Path]:
    """Shipped candidate files by base name (``kandidaten_voorbeeld``), sorted by name."""
    return _pick([p for p in _files(folder) if p.name.startswith(CANDIDATE_PREFIX)])


def candidates_for(inventory: str, folder: Path | None = None) -> str | None:
    """The example candidate file that goes with an example inventory.

    ``kandidaten_<inventory>`` when shipped; otherwise the first candidate file that is not
    named after another inventory (``kandidaten_voorbeeld`` for the primary school).
    """
    candidates = example_candidates(folder)
    own = f"{CANDIDATE_PREFIX}_{inventory}"
    if own in candidates:
        return own
    others = {f"{CANDIDATE_PREFIX}_{name}" for name in example_inventories(folder)}
    return next((name for name in candidates if name not in others), None)
