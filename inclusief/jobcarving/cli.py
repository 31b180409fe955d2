"""``inclusief carve``: carve jobs for named candidates, or propose work packages.

    inclusief carve --tasks FILE --candidates FILE [--time-limit S] [--max-complexity N]
        [--lks-pct P] [--no-risk-eur E] [--format json|text] [--lang nl|en] [-o OUT]
    inclusief carve --tasks FILE --packages [--target-hours H] [--max-complexity N]

``--tasks`` takes a YAML inventory, an XLSX workbook or a CSV task list (see
``data/tasks/README.md``). Bad files raise :class:`~inclusief.errors.InputError`;
``inclusief.cli`` prints every problem (file, row or path, field) and exits 2.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

from inclusief.errors import InputError
from inclusief.i18n import t
from inclusief.jobcarving.business_case import BusinessCase, Support, business_case
from inclusief.jobcarving.inventory import load_candidates, load_inventory
from inclusief.jobcarving.model import CarvingResult, Inventory
from inclusief.jobcarving.optimise import DEFAULT_TIME_LIMIT, carve
from inclusief.reports.text import num as _num


def _eur(value: float, lang: str) -> str:
    return f"EUR {_num(value, 0, lang)}"


def carving_json(
    inventory: Inventory, result: CarvingResult, case: BusinessCase, lang: str
) -> dict[str, Any]:
    """The JSON document of ``inclusief carve`` (reasons as text in ``lang``)."""
    out = result.model_dump(mode="json")
    out["inventory"] = inventory.id
    for item in out["unassigned"]:
        item["reasons"] = [
            {
                "candidate": r["candidate"],
                "code": r["code"],
                "dimension": r["dimension"],
                "text": r["text"][lang],
            }
            for r in item["reasons"]
        ]
    out["business_case"] = case.model_dump(mode="json")
    return out


def carving_text(inventory: Inventory, result: CarvingResult, case: BusinessCase, lang: str) -> str:
    """The plain-text report of ``inclusief carve --format text``."""
    o = result.objective
    title = t("carving_cli.title", lang)
    lines = [f"{title}: {inventory.title}", "=" * (len(title) + len(inventory.title) + 2)]
    lines.append(
        f"{t('carving_cli.status', lang)}: {t('carving_cli.status_' + result.status, lang)}"
    )
    if result.gap:
        lines.append(f"{t('carving_cli.gap', lang)}: {_num(result.gap * 100, 2, lang)}%")
    if result.note:
        lines.append(result.note)
    lines += [
        "",
        t("carving_cli.objective", lang),
        f"  1. {t('carving_cli.jobs', lang)}: {o.jobs}",
        f"  2. {t('carving_cli.hours', lang)}: {_num(o.hours, 2, lang)}",
        f"  3. {t('carving_cli.liked_hours', lang)}: {_num(o.liked_hours, 2, lang)}",
        f"  4. {t('carving_cli.savings', lang)}: {_eur(o.savings_eur, lang)}",
    ]
    tasks = {tk.id: tk for tk in inventory.tasks}
    for job in result.jobs:
        lines += [
            "",
            t(
                "carving_cli.job",
                lang,
                pseudonym=job.pseudonym,
                candidate=job.candidate,
                hours=_num(job.hours, 2, lang),
            ),
            f"  {t('carving_cli.tasks', lang)}:",
        ]
        for tid in job.tasks:
            tk = tasks[tid]
            role = inventory.role(tk.role).name.get(lang)
            lines.append(f"    - {tk.name} ({role}, {_num(tk.hours_per_week, 2, lang)} u)")
        lines.append(f"  {t('carving_cli.schedule', lang)}:")
        for slot, entries in job.schedule.items():
            parts = [
                f"{tasks[e.task].name} {_num(e.hours, 2, lang)} u"
                + ("" if e.fixed else f" ({t('carving_cli.flexible', lang)})")
                for e in entries
            ]
            lines.append(f"    {slot}: " + "; ".join(parts))
        acc = ", ".join(a.id for a in job.accommodations) or t("carving_cli.none", lang)
        lines += [
            f"  {t('carving_cli.accommodations', lang)}: {acc}",
            f"  {t('carving_cli.value', lang)}: {_eur(job.value_eur, lang)}",
            f"  {t('carving_cli.cost', lang)}: {_eur(job.cost_eur, lang)}",
            f"  {t('carving_cli.savings', lang)}: {_eur(job.savings_eur, lang)}",
        ]
    if result.unassigned:
        lines += ["", t("carving_cli.unassigned", lang)]
        for u in result.unassigned:
            lines.append(f"  - {tasks[u.task].name}")
            lines += [f"      {r.text.get(lang)}" for r in u.reasons]
    if case.lks_eur or case.no_risk_eur:
        lines += [
            "",
            f"{t('carving_cli.savings', lang)} (+ LKS, no-risk): {_eur(case.net_eur, lang)}",
        ]
    return "\n".join(lines) + "\n"


def packages_text(inventory: Inventory, proposal: Any, lang: str) -> str:
    lines = [
        t("carving_cli.packages_title", lang, target=_num(proposal.target_hours, 1, lang)),
        "",
    ]
    tasks = {tk.id: tk for tk in inventory.tasks}
    for pkg in proposal.packages:
        lines.append(
            t(
                "carving_cli.package",
                lang,
                title=pkg.title.get(lang),
                hours=_num(pkg.hours, 2, lang),
                coherence=_num(pkg.coherence, 2, lang),
            )
        )
        lines += [
            f"  - {tasks[tid].name} ({_num(tasks[tid].hours_per_week, 2, lang)} u)"
            for tid in pkg.tasks
        ]
        profile = ", ".join(f"{d} {lvl}" for d, lvl in pkg.profile.items() if lvl)
        lines += [f"  {t('carving_cli.profile', lang)}: {profile}", ""]
    if proposal.left_over:
        lines.append(f"{t('carving_cli.left_over', lang)}: {len(proposal.left_over)}")
    return "\n".join(lines) + "\n"


def _cmd(args: argparse.Namespace) -> int:
    inventory = load_inventory(args.tasks)
    if args.packages:
        from inclusief.jobcarving.packages import propose_packages

        proposal = propose_packages(
            inventory, target_hours=args.target_hours, max_complexity=args.max_complexity or 1
        )
        if args.format == "json":
            text = json.dumps(proposal.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
        else:
            text = packages_text(inventory, proposal, args.lang)
    else:
        if not args.candidates:
            raise InputError.single(
                "--candidates", "give a candidates file, or --packages for packages without one"
            )
        candidates = load_candidates(args.candidates, inventory)
        result = carve(
            inventory,
            candidates,
            time_limit=args.time_limit,
            max_complexity=args.max_complexity,
        )
        support = Support(lks_pct=args.lks_pct, no_risk_eur_per_year=args.no_risk_eur)
        case = business_case(inventory, result, support)
        if args.format == "json":
            doc = carving_json(inventory, result, case, args.lang)
            text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        else:
            text = carving_text(inventory, result, case, args.lang)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _positive(value: str) -> float:
    number = float(value)
    if not math.isfinite(number) or number <= 0:  # float() reads 'inf' and 'nan'
        raise argparse.ArgumentTypeError(f"must be a finite number above 0, got {value}")
    if number <= 0:
        raise argparse.ArgumentTypeError(f"must be above 0, got {value}")
    return number


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "carve",
        help="jobcarving: carve jobs for candidates, or propose work packages",
        description="Carve jobs out of a task inventory for named candidates (exact MILP), "
        "or propose work packages of simple tasks without a candidate (--packages).",
    )
    p.add_argument("--tasks", required=True, metavar="FILE", help="inventory: YAML, XLSX or CSV")
    p.add_argument("--candidates", metavar="FILE", help="candidates file (YAML)")
    p.add_argument(
        "--time-limit",
        type=_positive,
        default=DEFAULT_TIME_LIMIT,
        metavar="S",
        help=f"solver time limit in seconds (default {DEFAULT_TIME_LIMIT:g})",
    )
    p.add_argument(
        "--max-complexity", type=int, choices=(1, 2, 3), metavar="N", help="only tasks up to N"
    )
    p.add_argument("--packages", action="store_true", help="propose packages, no candidates")
    p.add_argument(
        "--target-hours",
        type=_positive,
        default=25.5,
        metavar="H",
        help="package size in hours a week (default 25.5 = one Banenafspraak job)",
    )
    p.add_argument("--lks-pct", type=float, default=0.0, help="loonkostensubsidie, %% of wage")
    p.add_argument("--no-risk-eur", type=float, default=0.0, help="no-riskpolis, EUR a year")
    p.add_argument("--format", choices=("json", "text"), default="text")
    p.add_argument("--lang", choices=("nl", "en"), default="nl")
    p.add_argument("-o", "--output", metavar="OUT")
    p.set_defaults(handler=_cmd)
