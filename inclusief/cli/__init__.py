"""Command-line interface: ``inclusief`` or ``python -m inclusief``.

Each area registers its own sub-commands through a ``register(subparsers)`` function in its
module under ``inclusief/cli/``, imported only when one of its commands runs
(:data:`COMMANDS`). A handler returns the exit code. Bad input raises
:class:`inclusief.errors.InputError`; it is printed without a traceback and the exit code is 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from inclusief import __version__
from inclusief.errors import AccessDenied, InputError, NotFound

# Every sub-command, the module that registers it and its one-line help, in ``--help`` order.
# The parser names each command from this table without importing its area; the area's
# module is imported only when its command runs (``inclusief --help`` stays light).
COMMANDS: dict[str, tuple[str, str]] = {
    "score": ("inclusief.cli.questionnaire", "score a responses file (CSV/XLSX)"),
    "questionnaire": ("inclusief.cli.questionnaire", "validate, show or list questionnaires"),
    "pso": (
        "inclusief.cli.pso",
        "PSO-style ladder indication (not a certificate) and Banenafspraak estimate",
    ),
    "carve": (
        "inclusief.cli.carve",
        "jobcarving: carve jobs for candidates, or propose work packages",
    ),
    "report": ("inclusief.cli.report", "render an advisory PDF report"),
    "export": ("inclusief.cli.research", "anonymised research export (k-anonymous)"),
    "research": ("inclusief.cli.research", "reliability, aggregate tables and typology"),
    "placement": ("inclusief.cli.placement", "placements: list, show, add, end"),
    "followup": ("inclusief.cli.placement", "follow-up: check-ins due and open signals"),
    "db": ("inclusief.cli.store", "database maintenance"),
    "user": ("inclusief.cli.store", "manage accounts"),
    "demo": ("inclusief.cli.store", "seed demo organisations, scans and logins"),
    "worker": ("inclusief.cli.worker", "run background jobs (carving, reports, exports)"),
}

EXIT_OK = 0
EXIT_INPUT = 2


class _Parser(argparse.ArgumentParser):
    """argparse exits with 2 on usage errors already; keep messages plain."""


def _command_of(argv: Sequence[str]) -> str | None:
    """The sub-command named on the command line (the first word that is not an option)."""
    for word in argv:
        if not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The parser; only the area of the command in ``argv`` is imported and registered in
    full, every other command is named with its help line only."""
    parser = _Parser(
        prog="inclusief",
        description="Inclusief: werkgeversscan, PSO-style ladder, Banenafspraak and jobcarving.",
    )
    parser.add_argument("--version", action="version", version=f"inclusief {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    command = _command_of(argv)
    if command is not None:
        importlib.import_module(COMMANDS[command][0]).register(sub)
        return parser
    for name, (_module, help_text) in COMMANDS.items():
        sub.add_parser(name, help=help_text)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(words)
    args = parser.parse_args(words)
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
