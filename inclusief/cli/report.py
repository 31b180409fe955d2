"""``inclusief report scan|carving``: render the advisory PDFs from the command line.

``report scan --responses FILE`` scores one respondent of a responses file with the
questionnaire engine and renders the scan report; ``report scan --assessment ID`` renders a
stored assessment from the database (``INCLUSIEF_DATABASE_URL`` / ``INCLUSIEF_DATA_DIR``, or
``--database-url``). ``report carving`` carves jobs with the jobcarving engine and renders
the carving report. Bad input raises :class:`~inclusief.errors.InputError`, an unknown
assessment :class:`~inclusief.errors.NotFound` (both exit code 2).
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from datetime import date
from pathlib import Path

from inclusief.cli.questionnaire import resolve_questionnaire
from inclusief.errors import InputError
from inclusief.questionnaires.responses import read_responses
from inclusief.questionnaires.scoring import score_one
from inclusief.reports.scan_report import render_scan_report, scan_report_data


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def write_pdf(pdf: bytes, output: str) -> None:
    path = Path(output)
    if not path.parent.exists():
        raise InputError.single(output, "the folder does not exist", field="-o")
    path.write_bytes(pdf)


def _cmd_scan(args: argparse.Namespace) -> int:
    if args.assessment is not None:
        return _scan_from_store(args)
    q = resolve_questionnaire(args.questionnaire)
    responses, support = read_responses(args.responses, questionnaire=q)
    if responses.empty:
        raise InputError.single(args.responses, "the file holds no respondents")
    ids = [str(i) for i in responses.index]
    respondent = args.respondent
    if respondent is None:
        if len(ids) > 1:
            shown = ", ".join(ids[:10]) + (" ..." if len(ids) > 10 else "")
            raise InputError.single(
                args.responses,
                f"{len(ids)} respondents: choose one with --respondent ({shown})",
                field="respondent_id",
            )
        respondent = ids[0]
    if respondent not in ids:
        raise InputError.single(
            args.responses, f"respondent '{respondent}' is not in the file", field="respondent_id"
        )
    row = responses.loc[respondent]
    answers = {
        item: (None if math.isnan(float(value)) else int(value)) for item, value in row.items()
    }
    result = score_one(
        questionnaire=q,
        answers=answers,
        support_needs=support.get(respondent) or None,
        lang=args.lang,
    )
    data = scan_report_data(
        questionnaire=q,
        result=result,
        organisation=args.organisation or respondent,
        assessment_date=args.date or date.today(),
    )
    write_pdf(render_scan_report(data=data, lang=args.lang), args.output)
    return 0


def _scan_from_store(args: argparse.Namespace) -> int:
    """Render a stored assessment's report, acting for the consultant who owns it.

    The command line runs with shell access to the database, as ``inclusief user add`` and
    ``research_rows(None, ...)`` do; it reads the assessment as its owning consultant would
    see it (with their notes and action plan) and logs the export in the audit trail. It
    does not create or migrate a database: point it at one ``inclusief db upgrade`` made.
    """
    from sqlalchemy import inspect
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    from inclusief.services import accounts
    from inclusief.services.reports import report_data_for
    from inclusief.store.db import Store, default_store, make_engine
    from inclusief.store.tables import Assessment

    if args.database_url:
        try:
            url = make_url(args.database_url)
        except ArgumentError:
            raise InputError.single(
                "--database-url", "not an SQLAlchemy URL", field="--database-url"
            ) from None
        where = url.render_as_string(hide_password=True)
        if url.get_backend_name() == "sqlite" and not Path(url.database or "").is_file():
            raise InputError.single(
                where, "the database file does not exist", field="--database-url"
            )
        store = Store(make_engine(args.database_url))
    else:
        where = "INCLUSIEF_DATABASE_URL"
        store = default_store()
    try:
        try:
            ready = inspect(store.engine).has_table(Assessment.__tablename__)
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", None) or exc.__class__.__name__).strip()
            raise InputError.single(where, f"cannot open the database: {reason}") from None
        if not ready:
            raise InputError.single(where, "no Inclusief tables here: run 'inclusief db upgrade'")
        actor = accounts.owner_for_cli(
            args.assessment, action="report.scan", store=store, lang=args.lang
        )
        data = report_data_for(
            actor=actor,
            assessment_id=args.assessment,
            lang=args.lang,
            store=store,
            with_benchmark=not args.no_benchmark,
        )
        if args.organisation:
            data = data.model_copy(update={"organisation": args.organisation})
        if args.date:
            data = data.model_copy(update={"assessment_date": args.date})
        write_pdf(render_scan_report(data=data, lang=args.lang), args.output)
    finally:
        if args.database_url:
            store.engine.dispose()
    return 0


def _range(low: float, high: float | None = None) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
        if not math.isfinite(value) or value < low or (high is not None and value > high):
            upper = f"..{high:g}" if high is not None else " or more"
            raise argparse.ArgumentTypeError(f"'{text}' is out of range {low:g}{upper}")
        return value

    return parse


def _cmd_carving(args: argparse.Namespace) -> int:
    from inclusief.cli.carve import support_from
    from inclusief.jobcarving.business_case import business_case
    from inclusief.jobcarving.inventory import load_candidates, load_inventory
    from inclusief.jobcarving.optimise import carve
    from inclusief.reports.carving_adapter import carving_report_data
    from inclusief.reports.carving_report import render_carving_report

    inventory = load_inventory(args.tasks)
    candidates = load_candidates(args.candidates, inventory)
    result = carve(
        inventory, candidates, time_limit=args.time_limit, max_complexity=args.max_complexity
    )
    case = business_case(inventory, result, support_from(args), year=args.year)
    data = carving_report_data(
        inventory,
        candidates,
        result,
        case,
        organisation=args.organisation or inventory.title,
        report_date=args.date or date.today(),
        lang=args.lang,
        audience=args.audience,
    )
    write_pdf(render_carving_report(data=data, lang=args.lang), args.output)
    if args.annex:
        annex = carving_report_data(
            inventory,
            candidates,
            result,
            case,
            organisation=args.organisation or inventory.title,
            report_date=args.date or date.today(),
            lang=args.lang,
            audience="consultant",
        )
        write_pdf(render_carving_report(data=annex, lang=args.lang), args.annex)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = sub.add_parser("report", help="render an advisory PDF report")
    rsub = report.add_subparsers(dest="report", metavar="REPORT", required=True)

    s = rsub.add_parser(
        "scan", help="werkgeversscan report for one respondent or one stored assessment"
    )
    source = s.add_mutually_exclusive_group(required=True)
    source.add_argument("--responses", metavar="FILE", help="CSV or XLSX responses")
    source.add_argument(
        "--assessment", type=int, metavar="ID", help="a stored assessment (from the database)"
    )
    s.add_argument("--respondent", metavar="ID", help="respondent_id (needed if several)")
    s.add_argument("--questionnaire", "-q", default="werkgeversscan", help="id or YAML file")
    s.add_argument(
        "--database-url",
        metavar="URL",
        help="with --assessment: SQLAlchemy URL (default: INCLUSIEF_DATABASE_URL or the "
        "SQLite file in INCLUSIEF_DATA_DIR)",
    )
    s.add_argument(
        "--no-benchmark", action="store_true", help="with --assessment: leave out the peer band"
    )
    s.add_argument("--organisation", metavar="NAME", help="name on the cover")
    s.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="date of the scan")
    s.add_argument("--lang", choices=("nl", "en"), default="nl")
    s.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    s.set_defaults(handler=_cmd_scan)

    c = rsub.add_parser("carving", help="jobcarving report: carve jobs and render the PDF")
    c.add_argument("--tasks", required=True, metavar="FILE", help="task inventory")
    c.add_argument("--candidates", required=True, metavar="FILE", help="candidates (YAML)")
    c.add_argument(
        "--time-limit", type=_range(0.1), default=10.0, metavar="S", help="solver seconds"
    )
    c.add_argument("--organisation", metavar="NAME", help="name on the cover")
    c.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="date of the report")
    c.add_argument("--lang", choices=("nl", "en"), default="nl")
    from inclusief.cli.carve import add_support_args

    add_support_args(c)
    c.add_argument(
        "--max-complexity",
        type=int,
        choices=(1, 2, 3),
        default=2,
        metavar="N",
        help="tasks above complexity N are out of scope from the start (default 2)",
    )
    c.add_argument(
        "--audience",
        choices=("employer", "consultant"),
        default="employer",
        help="employer: the advice without capability levels or reasons (default); "
        "consultant: the annex with reasons and what would help",
    )
    c.add_argument(
        "--annex", metavar="FILE.pdf", help="also write the consultant's annex to this file"
    )
    c.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    c.set_defaults(handler=_cmd_carving)
