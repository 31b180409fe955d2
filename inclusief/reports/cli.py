"""``inclusief report scan|carving``: render the advisory PDFs from the command line.

``report scan`` scores one respondent of a responses file with the questionnaire engine and
renders the scan report. ``report carving`` is added when the jobcarving engine is
installed. Bad input raises :class:`~inclusief.errors.InputError` (exit code 2).
"""

from __future__ import annotations

import argparse
import math
from datetime import date
from pathlib import Path

from inclusief.errors import InputError
from inclusief.questionnaires.cli import resolve_questionnaire
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


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = sub.add_parser("report", help="render an advisory PDF report")
    rsub = report.add_subparsers(dest="report", metavar="REPORT", required=True)

    s = rsub.add_parser("scan", help="werkgeversscan report for one respondent")
    s.add_argument("--responses", required=True, metavar="FILE", help="CSV or XLSX responses")
    s.add_argument("--respondent", metavar="ID", help="respondent_id (needed if several)")
    s.add_argument("--questionnaire", "-q", default="werkgeversscan", help="id or YAML file")
    s.add_argument("--organisation", metavar="NAME", help="name on the cover")
    s.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="date of the scan")
    s.add_argument("--lang", choices=("nl", "en"), default="nl")
    s.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    s.set_defaults(handler=_cmd_scan)
