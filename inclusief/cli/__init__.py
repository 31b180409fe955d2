"""Command-line interface: ``inclusief`` or ``python -m inclusief``.

Each area registers its own sub-commands through a ``register(subparsers)`` function in its
``cli`` module, so the areas stay apart. A handler returns the exit code. Bad input raises
:class:`inclusief.errors.InputError`; it is printed without a traceback and the exit code is 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from inclusief import __version__
from inclusief.errors import AccessDenied, InputError, NotFound

# Areas with sub-commands, in the order they appear in ``--help``.
AREAS = (
    "inclusief.questionnaires.cli",
    "inclusief.pso.cli",
    "inclusief.jobcarving.cli",
    "inclusief.reports.cli",
    "inclusief.research.cli",
    "inclusief.store.cli",
)

EXIT_OK = 0
EXIT_INPUT = 2


class _Parser(argparse.ArgumentParser):
    """argparse exits with 2 on usage errors already; keep messages plain."""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="inclusief",
        description="Inclusief: werkgeversscan, PSO-style ladder, Banenafspraak and jobcarving.",
    )
    parser.add_argument("--version", action="version", version=f"inclusief {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for area in AREAS:
        try:
            module = importlib.import_module(area)
        except ModuleNotFoundError as exc:
            if exc.name and (area == exc.name or area.startswith(exc.name + ".")):
                continue  # the area is not installed; anything else is a real bug
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_INPUT
    try:
        return int(handler(args))
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except (AccessDenied, NotFound) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except FileNotFoundError as exc:
        print(f"error: {exc.filename}: file not found", file=sys.stderr)
        return EXIT_INPUT


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
