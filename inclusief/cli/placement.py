"""``inclusief placement list|show|add|end`` and ``inclusief followup due|signals``.

The command line has shell access to the server (as ``inclusief user add``): it acts as the
consultant who follows a placement, or with ``--consultant EMAIL`` as that consultant only;
without it, ``list``, ``due`` and ``signals`` cover every active consultant.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from inclusief.errors import InputError
from inclusief.followup.codes import codes, schedule
from inclusief.services import placements as svc
from inclusief.store.db import default_engine, upgrade_database


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def _scheme(text: str) -> svc.SchemeView:
    code, _, until = text.partition(":")
    return svc.SchemeView(code=code.strip(), until=_date(until) if until else None)


def _out(payload: Any, fmt: str, lines: list[str]) -> None:
    if fmt == "json":
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n")
    else:
        sys.stdout.write("\n".join(lines) + ("\n" if lines else ""))


def _ready() -> None:
    upgrade_database(default_engine())


def _cmd_list(args: argparse.Namespace) -> int:
    _ready()
    found: list[svc.PlacementView] = []
    for actor in svc.consultants_for_cli(args.consultant):
        found += svc.list_placements(actor=actor, active_only=args.active)
    found.sort(key=lambda p: p.id)
    c = codes()
    lines = [
        f"{p.id}\t{p.candidate_pseudonym}\t{p.organisation_name}\t{p.job_title}\t"
        f"{p.start_date.isoformat()}\t{c.label('routes', p.route, args.lang)}\t"
        + (f"beëindigd {p.end_date.isoformat()}" if p.end_date else "loopt")
        for p in found
    ]
    _out([p.model_dump(mode="json") for p in found], args.format, lines)
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    _ready()
    actor = svc.owner_for_cli(placement_id=args.id, action="cli.placement.show")
    p = svc.get_placement(actor=actor, placement_id=args.id)
    items = svc.timeline(actor=actor, placement_id=args.id, today=args.today, lang=args.lang)
    signals = svc.placement_signals(
        actor=actor, placement_id=args.id, today=args.today, lang=args.lang
    )
    payload = {
        "placement": p.model_dump(mode="json"),
        "signals": [s.model_dump(mode="json") for s in signals],
        "timeline": [i.model_dump(mode="json") for i in items],
    }
    c = codes()
    lines = [
        f"{p.candidate_pseudonym} bij {p.organisation_name}: {p.job_title}",
        f"start {p.start_date.isoformat()}, "
        f"{c.label('contract_types', p.contract_type, args.lang)}, "
        f"{svc.hours_text(p.current_hours, args.lang)}, {c.label('routes', p.route, args.lang)}",
        *[f"  [{s.level}] {s.title}: {s.explanation}" for s in signals],
        *[f"  {i.on.isoformat()}  {i.title}  {i.detail}" for i in items],
    ]
    _out(payload, args.format, lines)
    return 0


def _cmd_add(args: argparse.Namespace) -> int:
    _ready()
    actor = svc.owner_for_cli(organisation_id=args.organisation, action="cli.placement.add")
    p = svc.add_placement(
        actor=actor,
        organisation_id=args.organisation,
        candidate_pseudonym=args.candidate,
        candidate_id=args.candidate_id,
        job_title=args.job_title or "",
        carving_project_id=args.carving_project,
        start_date=args.start,
        contract_type=args.contract,
        hours_per_week=args.hours,
        route=args.route,
        schemes=args.scheme or [],
        jobcoach=args.jobcoach,
        contact_person=args.contact,
        contract_end=args.contract_end,
    )
    _out(p.model_dump(mode="json"), args.format, [f"plaatsing {p.id} toegevoegd / added"])
    return 0


def _cmd_end(args: argparse.Namespace) -> int:
    _ready()
    actor = svc.owner_for_cli(placement_id=args.id, action="cli.placement.end")
    p = svc.end_placement(actor=actor, placement_id=args.id, end_date=args.date, reason=args.reason)
    _out(p.model_dump(mode="json"), args.format, [f"plaatsing {p.id} beëindigd / ended"])
    return 0


def _cmd_due(args: argparse.Namespace) -> int:
    if args.days < 0:
        raise InputError.single("followup due", "--days may not be negative", field="--days")
    _ready()
    rows: list[svc.DueView] = []
    for actor in svc.consultants_for_cli(args.consultant):
        rows += svc.due_checkins(actor=actor, days=args.days, today=args.today)
    rows.sort(key=lambda d: (d.due, d.placement_id, d.respondent))
    plan = schedule()
    payload = [
        {
            "placement_id": d.placement_id,
            "candidate": d.candidate_pseudonym,
            "organisation": d.organisation_name,
            "kind": d.respondent,
            "point": d.point,
            "point_label": plan.point(d.point).label.get(args.lang),
            "due": d.due.isoformat(),
            "status": d.status,
            "checkin_id": d.checkin_id,
        }
        for d in rows
    ]
    lines = [
        f"{r['due']}\t{r['status']}\t{r['placement_id']}\t{r['candidate']}\t{r['point_label']}\t{r['kind']}"
        for r in payload
    ]
    _out(payload, args.format, lines)
    return 0


def _cmd_signals(args: argparse.Namespace) -> int:
    _ready()
    found: list[svc.SignalView] = []
    for actor in svc.consultants_for_cli(args.consultant):
        found += svc.open_signals(actor=actor, today=args.today, lang=args.lang)
    found.sort(key=lambda v: (-v.signal.rank, v.signal.on, v.signal.placement_id))
    payload = [
        {
            "placement_id": v.signal.placement_id,
            "candidate": v.candidate_pseudonym,
            "organisation": v.organisation_name,
            "level": v.signal.level,
            "rule_id": v.signal.rule_id,
            "title": v.signal.title,
            "explanation": v.signal.explanation,
            "cause": v.signal.cause,
            "cause_kind": v.signal.cause_kind,
            "on": v.signal.on.isoformat(),
            "key": v.signal.key,
        }
        for v in found
    ]
    lines = [
        f"[{r['level']}]\t{r['placement_id']}\t{r['title']}\t{r['explanation']}" for r in payload
    ]
    _out(payload, args.format, lines)
    return 0


def _common(p: argparse.ArgumentParser, *, consultant: bool = False, today: bool = False) -> None:
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--lang", choices=("nl", "en"), default="nl")
    if consultant:
        p.add_argument("--consultant", metavar="EMAIL", help="only this consultant's placements")
    if today:
        p.add_argument(
            "--today", type=_date, default=None, help="the date to look from (YYYY-MM-DD)"
        )


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    c = codes()
    pl = sub.add_parser("placement", help="placements: list, show, add, end")
    psub = pl.add_subparsers(dest="action", metavar="ACTION", required=True)
    ls = psub.add_parser("list", help="list placements")
    _common(ls, consultant=True)
    ls.add_argument("--active", action="store_true", help="only placements that still run")
    ls.set_defaults(handler=_cmd_list)
    show = psub.add_parser("show", help="one placement: signals and timeline")
    show.add_argument("id", type=int)
    _common(show, today=True)
    show.set_defaults(handler=_cmd_show)
    add = psub.add_parser("add", help="add a placement at an organisation")
    add.add_argument("--organisation", type=int, required=True, metavar="ID")
    add.add_argument("--candidate", required=True, help="the candidate's pseudonym")
    add.add_argument("--candidate-id", type=int, default=None, help="a stored candidate's id")
    add.add_argument("--job-title", help="free job title (or --carving-project)")
    add.add_argument("--carving-project", type=int, default=None, metavar="ID")
    add.add_argument("--start", type=_date, required=True, metavar="YYYY-MM-DD")
    add.add_argument("--contract", required=True, choices=list(c.of("contract_types")))
    add.add_argument("--hours", type=float, required=True, help="hours a week")
    add.add_argument("--route", required=True, choices=list(c.of("routes")))
    add.add_argument(
        "--scheme", type=_scheme, action="append", metavar="CODE[:YYYY-MM-DD]",
        help=f"a scheme used, with its end date (repeatable): {', '.join(c.of('schemes'))}",
    )  # fmt: skip
    add.add_argument("--jobcoach")
    add.add_argument("--contact", help="contact person at the employer")
    add.add_argument("--contract-end", type=_date, default=None, metavar="YYYY-MM-DD")
    _common(add)
    add.set_defaults(handler=_cmd_add)
    end = psub.add_parser("end", help="end a placement with a coded reason")
    end.add_argument("id", type=int)
    end.add_argument("--date", type=_date, required=True, metavar="YYYY-MM-DD")
    end.add_argument("--reason", required=True, choices=list(c.of("end_reasons")))
    _common(end)
    end.set_defaults(handler=_cmd_end)

    fu = sub.add_parser("followup", help="follow-up: check-ins due and open signals")
    fsub = fu.add_subparsers(dest="action", metavar="ACTION", required=True)
    due = fsub.add_parser("due", help="check-ins due within --days days, due now or overdue")
    due.add_argument("--days", type=int, default=7)
    _common(due, consultant=True, today=True)
    due.set_defaults(handler=_cmd_due)
    sig = fsub.add_parser("signals", help="open early-warning signals, urgent first")
    _common(sig, consultant=True, today=True)
    sig.set_defaults(handler=_cmd_signals)
