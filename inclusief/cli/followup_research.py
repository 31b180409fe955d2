"""``inclusief research retention``: Kaplan-Meier retention of placements (issue #19).

Registered by :mod:`inclusief.cli.research` (one line there); the command line acts as the
server and counts every placement, with groups under ``--k`` suppressed.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from inclusief.formatting import num


def _cmd_retention(args: argparse.Namespace) -> int:
    from inclusief.services.followup_research import retention_figures
    from inclusief.store.db import default_engine, upgrade_database

    upgrade_database(default_engine())
    view = retention_figures(actor=None, today=args.today, k=args.k, lang=args.lang)
    if args.format == "json":
        sys.stdout.write(view.model_dump_json(indent=2) + "\n")
        return 0
    lines = [f"n={view.n}, k={view.k}, {view.today.isoformat()}"]
    for g in view.groups:
        head = f"{g.split}/{g.group} {g.label} (n={g.n})"
        if g.suppressed:
            lines.append(f"{head}: minder dan k={view.k} / fewer than k")
            continue
        cells = []
        for e in g.estimates:
            if e.survival is None or e.lower is None or e.upper is None:
                cells.append(f"{e.months}m -")
            else:
                cells.append(
                    f"{e.months}m {num(100 * e.survival, 0, args.lang)}% "
                    f"({num(100 * e.lower, 0, args.lang)}-{num(100 * e.upper, 0, args.lang)})"
                )
        lines.append(f"{head}: " + "; ".join(cells))
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def register_retention(
    rsub: argparse._SubParsersAction[argparse.ArgumentParser], k_default: int
) -> None:
    r = rsub.add_parser("retention", help="Kaplan-Meier retention of placements at 3-24 months")
    r.add_argument("--format", choices=("text", "json"), default="text")
    r.add_argument("--k", type=int, default=k_default, help="smallest group shown")
    r.add_argument("--today", type=_date, default=None, metavar="YYYY-MM-DD")
    r.add_argument("--lang", choices=("nl", "en"), default="nl")
    r.set_defaults(handler=_cmd_retention)
