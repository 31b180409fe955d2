"""The core never imports streamlit: import every core module in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def core_modules() -> list[str]:
    mods = []
    for path in sorted((ROOT / "inclusief").rglob("*.py")):
        rel = path.relative_to(ROOT).with_suffix("")
        parts = rel.parts
        if "ui" in parts or "migrations" in parts or parts[-1] == "__main__":
            continue
        mods.append(".".join(p for p in parts if p != "__init__"))
    return mods


def test_core_does_not_import_streamlit() -> None:
    code = (
        "import importlib, sys\n"
        f"for m in {core_modules()!r}:\n"
        "    importlib.import_module(m)\n"
        "assert 'streamlit' not in sys.modules, [m for m in sys.modules if 'streamlit' in m]\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr


def test_layers_point_down_only() -> None:
    """import-linter checks the contracts in pyproject.toml: no module imports a higher
    floor (docs/architecture.md), and nothing but the UI imports streamlit."""
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--no-cache"], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "BROKEN" not in result.stdout.upper().replace("0 BROKEN", "")


# import cycles reviewed and accepted; each one is a place to mend, not a precedent
KNOWN_CYCLES: set[frozenset[str]] = set()


def test_no_import_cycles() -> None:
    """No two modules of the package import each other, directly or through others."""
    import grimp

    graph = grimp.build_graph("inclusief", cache_dir=None, exclude_type_checking_imports=True)
    cycles = set()
    for module in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(module):
            if imported == module or not imported.startswith("inclusief"):
                continue
            if module.startswith(imported + ".") or imported.startswith(module + "."):
                continue  # a package and its own modules
            if graph.find_shortest_chain(importer=imported, imported=module) is not None:
                cycles.add(frozenset({module, imported}))
    assert cycles <= KNOWN_CYCLES, sorted(sorted(c) for c in cycles - KNOWN_CYCLES)


def test_the_command_line_imports_an_area_only_when_its_command_runs() -> None:
    """``inclusief --help`` names every command without importing pandas, SQLAlchemy,
    scipy or any area; ``inclusief pso --help`` imports the PSO area and no other."""
    code = (
        "import sys, contextlib, io\n"
        "from inclusief.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    try:\n"
        "        main(sys.argv[1:])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = sorted(m for m in ('pandas', 'sqlalchemy', 'scipy', 'altair', 'fpdf',\n"
        "    'inclusief.jobcarving', 'inclusief.research', 'inclusief.store', 'inclusief.pso',\n"
        "    'inclusief.reports', 'inclusief.services') if m in sys.modules)\n"
        "print(','.join(heavy))\n"
        "print(out.getvalue())\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, "--help"], capture_output=True, text=True, cwd=ROOT
    )
    heavy, _, help_text = run.stdout.partition("\n")
    assert heavy == "", heavy
    from inclusief.cli import COMMANDS

    for name in COMMANDS:
        assert name in help_text
    run = subprocess.run(
        [sys.executable, "-c", code, "pso", "--help"], capture_output=True, text=True, cwd=ROOT
    )
    heavy, _, help_text = run.stdout.partition("\n")
    assert "inclusief.pso" in heavy.split(",")
    assert not {"inclusief.jobcarving", "inclusief.research"} & set(heavy.split(","))
    assert "--year" in help_text


def test_each_command_is_registered_by_the_module_the_table_names() -> None:
    import argparse
    import importlib

    from inclusief.cli import COMMANDS

    for name, (module, help_text) in COMMANDS.items():
        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers(dest="command")
        importlib.import_module(module).register(sub)
        assert name in sub.choices, f"{module} does not register '{name}'"
        helps = {a.dest: a.help for a in sub._choices_actions}
        assert helps[name] == help_text, f"'{name}': the table's help differs from {module}"


def test_scoring_ten_rows_does_not_import_the_statistics(tmp_path: Path) -> None:
    """``inclusief score`` needs pandas and the engine, not scipy (reliability imports it
    only for its own command): bench/bench_cli.py keeps the time within 3x import pandas."""
    data = tmp_path / "tien.csv"
    data.write_text("respondent_id,dr01\nr1,3\n", encoding="utf-8")
    code = (
        "import sys, contextlib, io\n"
        "from inclusief.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = main(['score', '-q', 'werkgeversscan@1.0', {str(data)!r}])\n"
        "print(code, 'scipy.stats' in sys.modules, 'sqlalchemy' in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert run.stdout.split() == ["0", "False", "False"], run.stdout + run.stderr
