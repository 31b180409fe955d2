"""``inclusief pso``: the PSO-style ladder, growth path, quality criteria and Banenafspraak.

    inclusief pso WORKFORCE [--purchases FILE] [--size N] --year YYYY [--sector S] [--action-plan]
        [--supplier-turnover X --supplier-fte Y --supplier-direct-pct Z] [--quality FILE]
        [--format json|text] [--lang nl|en] [-o OUT]

Bad files raise :class:`~inclusief.errors.InputError`; ``inclusief.cli`` prints the problems
and exits 2. Every output carries the notice that this is an indication, not a certificate.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from inclusief.errors import InputError
from inclusief.formatting import num as _num
from inclusief.i18n import t
from inclusief.pso.inputs import (
    SupplierProfile,
    parse_purchases,
    parse_workforce,
    table_info,
)
from inclusief.pso.outcome import PsoOutcome, calculate
from inclusief.pso.quality import read_quality
from inclusief.pso.texts import (
    ba_rows,
    ba_scenarios,
    ba_status,
    growth_fte_text,
    input_line,
)
from inclusief.questionnaires.responses import read_table


def _yes_no(value: bool | None, lang: str) -> str:
    return t("common.yes" if value else "common.no", lang)


def text_report(outcome: PsoOutcome, lang: str = "nl") -> str:
    """The plain-text report of ``inclusief pso --format text``."""
    lad, ba = outcome.ladder, outcome.banenafspraak
    lines = [
        t("pso.title", lang),
        "=" * len(t("pso.title", lang)),
        lad.notice.get(lang),
        "",
        f"{t('pso.direct', lang)}: {_num(lad.direct_pct, 2, lang)}%",
        f"{t('pso.indirect', lang)}: {_num(lad.indirect_pct, 2, lang)}%"
        + (
            f" ({t('pso.capped', lang)}; {_num(lad.indirect_pct_raw, 2, lang)}%)"
            if lad.indirect_capped
            else ""
        ),
        f"{t('pso.total', lang)}: {_num(lad.total_pct, 2, lang)}%",
        f"{t('pso.norms', lang)} ({t('pso.size', lang)} {lad.size:g}): "
        + " / ".join(f"Trede {i} {_num(lad.norms.of(f'trede_{i}'), 2, lang)}%" for i in (1, 2, 3)),
        f"{t('pso.level', lang)}: {t('pso.level_' + lad.level, lang)}",
    ]
    if lad.pso30plus is not None:
        p = lad.pso30plus
        lines.append(
            t("pso.pso30plus_line", lang, pct=_num(p.pct, 1, lang), passes=_yes_no(p.passes, lang))
        )
    g = lad.growth
    lines += ["", t("pso.growth_title", lang)]
    if g.next_level is None:
        lines.append("  " + t("pso.growth_top", lang))
    else:
        level = t("pso.level_" + g.next_level, lang)
        fte_text = growth_fte_text(g, lang)
        lines.append("  " + (fte_text or t("pso.growth_fte_none", lang, level=level)))
        if g.purchase is not None:
            if g.purchase.possible and g.purchase.amount_eur is not None:
                lines.append(
                    "  "
                    + t(
                        "pso.growth_purchase",
                        lang,
                        amount=_num(g.purchase.amount_eur, 0, lang),
                        level=level,
                    )
                )
            else:
                reason = g.purchase.reason.get(lang) if g.purchase.reason else ""
                lines.append("  " + t("pso.growth_purchase_impossible", lang, reason=reason))
    lines += ["", t("pso.ba_title", lang), ba.notice.get(lang)]
    lines += [f"  {label}: {value}" for label, value in ba_rows(ba, lang)]
    lines += ["", "  " + ba_status(ba, lang)]
    lines += [("  " if i == 0 else "    - ") + x for i, x in enumerate(ba_scenarios(ba, lang))]
    lines += [f"  * {m.get(lang)}" for m in ba.messages]
    if outcome.quality is not None:
        q = outcome.quality
        lines += ["", t("pso.quality_title", lang)]
        for d in q.dimensions:
            score = "-" if d.score is None else _num(d.score, 0, lang)
            lines.append(f"  {d.name}: {score} ({d.band_label or '-'})")
            if d.advice:
                lines.append(f"    {d.advice}")
    if lad.warnings:
        lines += ["", t("pso.warnings", lang) + ":"] + [f"  - {w.get(lang)}" for w in lad.warnings]
    if outcome.inputs:
        lines += ["", t("pso.inputs_title", lang) + ":"]
        lines += [f"  - {input_line(info, lang)}" for info in outcome.inputs]
    return "\n".join(lines) + "\n"


def _supplier(args: argparse.Namespace) -> SupplierProfile | None:
    profile = (args.supplier_turnover, args.supplier_fte, args.supplier_direct_pct)
    if all(v is None for v in profile):
        return None
    if any(v is None for v in profile):
        raise InputError.single(
            "arguments",
            "give --supplier-turnover, --supplier-fte and --supplier-direct-pct together",
            field="supplier",
        )
    problems = []
    for name, value, high in (
        ("--supplier-turnover", profile[0], None),
        ("--supplier-fte", profile[1], None),
        ("--supplier-direct-pct", profile[2], 100.0),
    ):
        if not (value > 0 and math.isfinite(value)) or (high is not None and value > high):
            bound = "above 0" if high is None else "above 0 and at most 100"
            problems.append(f"{name} must be {bound}")
    if problems:
        raise InputError.single("arguments", "; ".join(problems), field="supplier")
    return SupplierProfile(turnover_eur=profile[0], fte=profile[1], direct_pct=profile[2])


def _cmd(args: argparse.Namespace) -> int:
    if args.size is not None and not (args.size > 0 and math.isfinite(args.size)):
        raise InputError.single("arguments", "--size must be above 0", field="size")
    frame = read_table(args.workforce)
    inputs = [table_info(frame, file=str(args.workforce))]
    employees = parse_workforce(frame, file=str(args.workforce))
    purchases = None
    if args.purchases:
        bought = read_table(args.purchases)
        inputs.append(table_info(bought, file=str(args.purchases)))
        purchases = parse_purchases(bought, file=str(args.purchases))
    supplier = _supplier(args)
    quality = read_quality(args.quality, lang=args.lang) if args.quality else None
    outcome = calculate(
        employees=employees,
        year=args.year,
        size=args.size,
        purchases=purchases,
        action_plan=args.action_plan,
        supplier=supplier,
        quality=quality,
        sector=args.sector,
        inputs=inputs,
    )
    text = (
        json.dumps(outcome.summary(args.lang), ensure_ascii=False, indent=2) + "\n"
        if args.format == "json"
        else text_report(outcome, args.lang)
    )
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "pso",
        help="PSO-style ladder indication (not a certificate) and Banenafspraak estimate",
        description="PSO-style ladder indication (not a certificate), growth path, quality "
        "criteria and Banenafspraak estimate for one organisation and reference year.",
    )
    p.add_argument("workforce", metavar="WORKFORCE", help="CSV or XLSX workforce list")
    p.add_argument("--purchases", metavar="FILE", help="CSV or XLSX purchases list")
    p.add_argument(
        "--size",
        type=float,
        metavar="N",
        help="organisation size for the norms (default: headcount employed in the year)",
    )
    p.add_argument(
        "--year",
        type=int,
        required=True,
        metavar="YYYY",
        help="reference year (any year: the ladder always; Banenafspraak figures where known)",
    )
    p.add_argument(
        "--sector",
        choices=("markt", "overheid", "onderwijs"),
        default="markt",
        help="sector for the Banenafspraak quota (onderwijs counts as overheid)",
    )
    p.add_argument("--action-plan", action="store_true", help="a signed action plan exists")
    p.add_argument("--supplier-turnover", type=float, metavar="X", help="supplier turnover EUR")
    p.add_argument("--supplier-fte", type=float, metavar="Y", help="supplier FTE")
    p.add_argument(
        "--supplier-direct-pct", type=float, metavar="Z", help="supplier direct contribution %%"
    )
    p.add_argument(
        "--quality", metavar="FILE", help="CSV/XLSX with one row of pso_kwaliteit answers"
    )
    p.add_argument("--format", choices=("json", "text"), default="text")
    p.add_argument("--lang", choices=("nl", "en"), default="nl")
    p.add_argument("-o", "--output", metavar="OUT")
    p.set_defaults(handler=_cmd)
