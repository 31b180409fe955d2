"""``inclusief carve``: carve jobs for named candidates, or propose work packages.

    inclusief carve --tasks FILE --candidates FILE [--time-limit S] [--max-complexity N]
        [--profile mensen|banen|wensen] [--engine cpsat|highs] [--no-pooling]
        [--year Y] [--wage EUR] [--scheme none|loonkostensubsidie|loondispensatie]
        [--loonwaarde P] [--not-in-register] [--adjustments-funded] [--jobcoach-not-funded]
        [--format json|text] [--lang nl|en] [-o OUT]
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
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from inclusief.errors import InputError
from inclusief.formatting import num as _num
from inclusief.i18n import t
from inclusief.jobcarving.business_case import (
    DEFAULT_YEAR,
    BusinessCase,
    Support,
    business_case,
    cash_lines,
    money_notes,
    time_lines,
)
from inclusief.jobcarving.inventory import load_candidates, load_inventory
from inclusief.jobcarving.model import (
    PROFILE_LEVELS,
    PROFILES,
    Candidate,
    CarvingResult,
    Inventory,
)
from inclusief.jobcarving.optimise import (
    DEFAULT_ENGINE,
    DEFAULT_PROFILE,
    DEFAULT_TIME_LIMIT,
    carve,
)


def _eur(value: float, lang: str) -> str:
    from inclusief.formatting import eur

    return eur(value, lang)


def _case_lines(case: Any, whole: BusinessCase, lang: str, indent: str) -> list[str]:
    """The business case as separate lines: time freed (not cash), then money."""
    out = [f"{indent}{t('carving_advice.money.time_title', lang)}:"]
    out += [f"{indent}  {m.label}: {_eur(m.amount_eur or 0, lang)}" for m in time_lines(case, lang)]
    out.append(f"{indent}{t('carving_advice.money.cash_title', lang, year=whole.year)}:")
    none = t("carving_advice.money.no_amount", lang)
    out += [
        f"{indent}  {m.label}: {none if m.amount_eur is None else _eur(m.amount_eur, lang)}"
        for m in cash_lines(case, lang)
    ]
    missing = whole.missing if case is not whole else None
    out += [f"{indent}  * {n}" for n in money_notes(case, lang, missing)]
    if case is whole and whole.funding is not None:
        out.append(f"{indent}  * {whole.funding.get(lang)}")
    return out


def support_from(args: argparse.Namespace) -> Support:
    """The business case inputs of the carve and report commands."""
    return Support(
        hourly_wage_eur=args.wage,
        scheme=args.scheme,
        loonwaarde_pct=args.loonwaarde,
        in_register=not args.not_in_register,
        jobcoach_funded=not args.jobcoach_not_funded,
        adjustments_funded=args.adjustments_funded,
    )


def add_support_args(p: argparse.ArgumentParser) -> None:
    """Business case options shared by ``carve`` and ``report carving``."""

    def _in(low: float, high: float) -> Any:
        def parse(text: str) -> float:
            try:
                value = float(text.replace(",", "."))
            except ValueError:
                raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
            if not (low <= value <= high):
                raise argparse.ArgumentTypeError(f"'{text}' is out of range {low:g}..{high:g}")
            return value

        return parse

    p.add_argument("--year", type=int, default=DEFAULT_YEAR, help="year of the money figures")
    p.add_argument(
        "--wage",
        type=_in(0.01, 200),
        metavar="EUR",
        help="gross hourly wage (default: the legal minimum or the cao's lowest, whichever "
        "is higher; a lower wage is raised to it)",
    )
    p.add_argument(
        "--scheme",
        choices=("none", "loonkostensubsidie", "loondispensatie"),
        default="none",
        help="wage scheme stated for the candidates (with --loonwaarde)",
    )
    p.add_argument(
        "--loonwaarde", type=_in(30, 100), default=100.0, metavar="P", help="loonwaarde in %%"
    )
    p.add_argument(
        "--not-in-register",
        action="store_true",
        help="the candidates are not in the doelgroepregister (no LKV, no no-riskpolis)",
    )
    p.add_argument(
        "--adjustments-funded",
        action="store_true",
        help="UWV or the municipality pays the workplace adjustments",
    )
    p.add_argument(
        "--jobcoach-not-funded",
        action="store_true",
        help="the employer pays the jobcoach itself",
    )


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
    out["without_job"] = [
        {"candidate": o["candidate"], "code": o["code"], "text": o["text"][lang]}
        for o in out["without_job"]
    ]
    out["business_case"] = case.model_dump(mode="json")
    return out


def _level_line(result: CarvingResult, name: str, lang: str) -> str:
    """``status, gap`` of one level; an unknown gap is printed as unknown."""
    d = result.level_details.get(name)
    if d is None:
        return ""
    status = t(f"carving_cli.level_{d.status}", lang)
    if d.status in ("feasible", "unknown"):
        gap = t("carving_cli.unknown", lang) if d.gap is None else f"{_num(d.gap * 100, 2, lang)}%"
        return f" [{status}, {t('carving_cli.gap', lang).lower()} {gap}]"
    return f" [{status}]"


def _values(result: CarvingResult, lang: str) -> dict[str, str]:
    o = result.objective
    return {
        "jobs": f"{t('carving_cli.jobs', lang)}: {o.jobs}",
        "hours": f"{t('carving_cli.hours_avg', lang)}: {_num(o.hours_per_working_week, 2, lang)}"
        f" ({t('carving_cli.banen', lang)} {_num(o.banen, 2, lang)})",
        "liked_hours": f"{t('carving_cli.liked_hours', lang)}: {_num(o.liked_hours, 2, lang)}",
        "savings_eur": f"{t('carving_advice.objective_margin', lang)}: {_eur(o.savings_eur, lang)}",
        "wish_deviation": f"{t('carving_cli.wish_deviation', lang)}: "
        f"{_num(o.wish_deviation, 2, lang)}",
    }


def carving_text(
    inventory: Inventory,
    result: CarvingResult,
    case: BusinessCase,
    lang: str,
    candidates: Sequence[Candidate] = (),
) -> str:
    """The plain-text report of ``inclusief carve --format text``: reasons short and grouped
    (every reason per task and candidate is in ``--format json``)."""
    o = result.objective
    title = t("carving_cli.title", lang)
    lines = [f"{title}: {inventory.title}", "=" * (len(title) + len(inventory.title) + 2)]
    lines.append(
        f"{t('carving_cli.status', lang)}: {t('carving_cli.status_' + result.status, lang)}"
    )
    if result.status == "feasible":
        gap = (
            t("carving_cli.unknown", lang)
            if result.gap is None
            else f"{_num(result.gap * 100, 2, lang)}%"
        )
        lines.append(f"{t('carving_cli.gap', lang)}: {gap}")
    if result.note:
        lines.append(result.note)
    lines += [
        f"{t('carving_cli.profile_label', lang)}: {t('carving_profile.' + result.profile, lang)}",
        "",
        t("carving_cli.objective", lang),
    ]
    values = _values(result, lang)
    for n, name in enumerate(PROFILE_LEVELS[result.profile], start=1):
        lines.append(f"  {n}. {values[name]}{_level_line(result, name, lang)}")
    lines.append(
        f"  {t('carving_cli.hours', lang)}: {_num(o.hours, 2, lang)}; "
        f"{t('carving_cli.hours_year', lang)}: {_num(o.hours_per_year, 0, lang)}"
    )
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
        lines.append(
            f"  {t('carving_cli.per_week_year', lang)}: "
            f"{_num(job.hours_per_working_week, 2, lang)} / {_num(job.hours_per_year, 0, lang)}"
        )
        if job.locations:
            lines.append(
                f"  {t('carving_cli.locations', lang)}: {', '.join(job.locations)}"
                + (
                    f" ({t('carving_cli.travel', lang)} {_num(job.travel_minutes, 0, lang)} min)"
                    if job.travel_minutes
                    else ""
                )
            )
        lines.append(f"  {t('carving_cli.schedule', lang)}:")
        for slot, entries in job.schedule.items():
            parts = [
                f"{e.start}-{e.end} {tasks[e.task].name}"
                + ("" if e.fixed else f" ({t('carving_cli.flexible', lang)})")
                for e in entries
            ]
            where = f" @{entries[0].location}" if entries and entries[0].location else ""
            lines.append(f"    {slot}{where}: " + "; ".join(parts))
        acc = ", ".join(
            a.id
            + (
                " ("
                + ", ".join(
                    t(
                        "carving_cli.coach_period",
                        lang,
                        months=c.months,
                        hours=_num(c.hours_per_week, 2, lang),
                    )
                    for c in a.coaching
                )
                + ")"
                if a.coaching
                else ""
            )
            for a in job.accommodations
        ) or t("carving_cli.none", lang)
        lines.append(f"  {t('carving_cli.accommodations', lang)}: {acc}")
        job_case = next((c for c in case.jobs if c.candidate == job.candidate), None)
        if job_case is not None:
            lines += _case_lines(job_case, case, lang, "  ")
    if result.unassigned:
        from inclusief.reports.carving_advice import grouped_reasons, out_of_scope

        lines += ["", t("carving_cli.unassigned", lang)]
        lines += [f"  - {tasks[u.task].name}" for u in result.unassigned]
        scope = out_of_scope(inventory, result)
        if scope:
            lines.append("  " + t("carving_advice.why.out_of_scope", lang, names=", ".join(scope)))
        lines += [f"  * {line}" for line in grouped_reasons(inventory, candidates, result, lang)]
    if result.without_job:
        lines += ["", t("carving_cli.without_job", lang)]
        lines += [f"  - {o.text.get(lang)}" for o in result.without_job]
    if case.jobs:
        lines += ["", t("carving_advice.cli_totals", lang)]
        lines += _case_lines(case, case, lang, "  ")
    return "\n".join(lines) + "\n"


def profiles_text(inventory: Inventory, comparison: Any, lang: str) -> str:
    """The three objective profiles side by side (``--compare-profiles``)."""
    lines = [f"{t('carving_cli.compare_title', lang)}: {inventory.title}", ""]
    head = [
        t("carving_cli.profile_label", lang),
        t("carving_cli.jobs", lang),
        t("carving_cli.hours_avg", lang),
        t("carving_cli.banen", lang),
        t("carving_cli.wish_deviation", lang),
        t("carving_cli.status", lang),
    ]
    lines.append(" | ".join(head))
    for prof in PROFILES:
        r = comparison.results[prof]
        o = r.objective
        lines.append(
            " | ".join(
                [
                    prof,
                    str(o.jobs),
                    _num(o.hours_per_working_week, 2, lang),
                    _num(o.banen, 2, lang),
                    _num(o.wish_deviation, 2, lang),
                    t("carving_cli.status_" + r.status, lang),
                ]
            )
        )
    for prof in PROFILES:
        r = comparison.results[prof]
        lines += ["", f"{prof}: {t('carving_profile.' + prof, lang)}"]
        for job in r.jobs:
            lines.append(f"  + {job.pseudonym}: {_num(job.hours, 2, lang)} u")
        lines += [f"  - {o.text.get(lang)}" for o in r.without_job]
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
        lines.append(f"  {t('carving_cli.profile', lang)}: {profile}")
        if pkg.coherence_text is not None:
            lines.append(f"  {pkg.coherence_text.get(lang)}")
        if proposal.demand_cap:
            names = [
                f.pseudonym
                + (
                    " ("
                    + t(
                        "carving_advice.packages.with",
                        lang,
                        accommodations=", ".join(f.accommodations),
                    )
                    + ")"
                    if f.accommodations
                    else ""
                )
                for f in pkg.fits
            ]
            lines.append(
                "  "
                + (
                    t("carving_advice.packages.fits", lang, names=", ".join(names))
                    if names
                    else t("carving_advice.packages.fits_none", lang)
                )
            )
        lines.append("")
    if proposal.demand_cap:
        cap = ", ".join(f"{d} {lvl}" for d, lvl in proposal.demand_cap.items())
        lines.append(f"{t('carving_advice.packages.cap', lang)}: {cap}")
    if proposal.left_over:
        lines.append(f"{t('carving_cli.left_over', lang)}: {len(proposal.left_over)}")
    return "\n".join(lines) + "\n"


def _cmd(args: argparse.Namespace) -> int:
    inventory = load_inventory(args.tasks)
    if args.packages:
        from inclusief.jobcarving.packages import propose_packages

        cands = load_candidates(args.candidates, inventory) if args.candidates else []
        proposal = propose_packages(
            inventory,
            target_hours=args.target_hours,
            max_complexity=args.max_complexity or 1,
            candidates=cands,
            demand_cap=_cap(args.cap, inventory) if args.cap else None,
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
        if args.compare_profiles:
            from inclusief.jobcarving.optimise import compare_profiles

            comparison = compare_profiles(
                inventory,
                candidates,
                time_limit=args.time_limit,
                max_complexity=args.max_complexity,
                engine=args.engine,
                pooling=not args.no_pooling,
            )
            if args.format == "json":
                doc = {prof: r.model_dump(mode="json") for prof, r in comparison.results.items()}
                text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
            else:
                text = profiles_text(inventory, comparison, args.lang)
            if args.output:
                Path(args.output).write_text(text, encoding="utf-8")
            else:
                sys.stdout.write(text)
            return 0
        result = carve(
            inventory,
            candidates,
            time_limit=args.time_limit,
            max_complexity=args.max_complexity,
            profile=args.profile,
            engine=args.engine,
            pooling=not args.no_pooling,
        )
        case = business_case(inventory, result, support_from(args), year=args.year)
        if args.format == "json":
            doc = carving_json(inventory, result, case, args.lang)
            text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        else:
            text = carving_text(inventory, result, case, args.lang, candidates)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _cap(text: str, inventory: Inventory) -> dict[str, int]:
    """``tillen=2,lezen_schrijven=1`` -> {dimension: level}; bad input names the part."""
    from inclusief.jobcarving.fit import load_dimensions

    dims = load_dimensions()
    out: dict[str, int] = {}
    for part in text.split(","):
        dim, sep, level = part.strip().partition("=")
        if not sep or dim not in dims or not level.strip().isdigit():
            raise InputError.single(
                "--cap", f"'{part.strip()}' is not dimension=level (dimensions: {', '.join(dims)})"
            )
        if int(level) > dims[dim].max_level:
            raise InputError.single("--cap", f"{dim}: level {level} is above {dims[dim].max_level}")
        out[dim] = int(level)
    del inventory
    return out


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
    p.add_argument(
        "--profile",
        choices=PROFILES,
        default=DEFAULT_PROFILE,
        help="objective: mensen (people, hours, liked hours), banen (Banenafspraak jobs, "
        "people) or wensen (wished hours, people); default mensen",
    )
    p.add_argument(
        "--engine",
        choices=("cpsat", "highs"),
        default=DEFAULT_ENGINE,
        help=f"solver: OR-Tools CP-SAT or HiGHS (default {DEFAULT_ENGINE})",
    )
    p.add_argument(
        "--compare-profiles",
        action="store_true",
        help="carve with mensen, banen and wensen and show them side by side",
    )
    p.add_argument(
        "--no-pooling",
        action="store_true",
        help="every job at one location (no stapelbaan over locations)",
    )
    p.add_argument(
        "--packages",
        action="store_true",
        help="propose packages (with --candidates: within their reach, and who fits each)",
    )
    p.add_argument(
        "--cap",
        metavar="DIM=LEVEL,...",
        help="with --packages: the highest demand per dimension in a package "
        "(default: derived from --candidates)",
    )
    p.add_argument(
        "--target-hours",
        type=_positive,
        default=25.5,
        metavar="H",
        help="package size in hours a week (default 25.5 = one Banenafspraak job)",
    )
    add_support_args(p)
    p.add_argument("--format", choices=("json", "text"), default="text")
    p.add_argument("--lang", choices=("nl", "en"), default="nl")
    p.add_argument("-o", "--output", metavar="OUT")
    p.set_defaults(handler=_cmd)
