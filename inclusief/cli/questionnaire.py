"""``inclusief score`` and ``inclusief questionnaire validate|show``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from inclusief.errors import InputError
from inclusief.questionnaires.load import load_file, load_shipped, shipped_ids, shipped_versions
from inclusief.questionnaires.model import Questionnaire
from inclusief.questionnaires.responses import read_responses
from inclusief.questionnaires.scoring import score
from inclusief.safecells import to_csv_text


def resolve_questionnaire(ref: str) -> Questionnaire:
    """A shipped id (``werkgeversscan``: the newest version), ``id@version``
    (``werkgeversscan@1.0``) or a path to a YAML definition."""
    if ref.endswith((".yaml", ".yml")) or Path(ref).is_file():
        return load_file(ref)
    qid, _, version = ref.partition("@")
    return load_shipped(qid, version or None)


def _write(text: str, out: str | None) -> None:
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    rows = json.loads(frame.reset_index().to_json(orient="records", double_precision=10))
    return list(rows)


def _cmd_score(args: argparse.Namespace) -> int:
    q = resolve_questionnaire(args.questionnaire)
    responses, support = read_responses(args.responses, questionnaire=q)
    scored = score(questionnaire=q, responses=responses, source=args.responses)
    scored.index.name = "respondent_id"
    if args.format == "json":
        respondents = _records(scored)
        if support:
            for row in respondents:
                row["support_needs"] = support.get(str(row["respondent_id"]), [])
        payload = {"questionnaire": q.id, "version": q.version, "respondents": respondents}
        _write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", args.output)
    else:
        # respondent ids and band labels come from the user: neutralised as the export CSV
        _write(to_csv_text(scored, decimals=4, index=True), args.output)
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    problems = []
    for file in args.files:
        try:
            q = load_file(file)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        n_rev = sum(item.reverse for item in q.items)
        print(
            f"{file}: OK - {q.id} version {q.version}: {len(q.dimensions)} dimensions, "
            f"{len(q.items)} items ({n_rev} reverse-coded)"
        )
    if problems:
        raise InputError(problems)
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    q = resolve_questionnaire(args.questionnaire)
    if args.format == "json":
        _write(q.model_dump_json(indent=2) + "\n", None)
        return 0
    lang = args.lang
    print(f"{q.title.get(lang)} ({q.id} {q.version})")
    for scale in q.scales:
        labels = ", ".join(f"{o.code}={o.label.get(lang)}" for o in scale.options)
        if scale.type == "number":
            labels = f"{scale.min}-{scale.max}"
        missing = "".join(
            f"; {m.code}={m.label.get(lang)}"
            for m in (scale.dont_know, scale.not_applicable)
            if m is not None
        )
        kind = "" if scale.type == "ordinal" else f" ({scale.type})"
        print(f"  scale {scale.id}{kind}: {labels}{missing}")
    for dim in q.dimensions:
        print(f"\n[{dim.id}] {dim.name.get(lang)} (weight {dim.weight:g})")
        for item in dim.items:
            flag = " (R)" if item.reverse else ""
            flag += "" if q.is_scored(item) else " (not scored)"
            print(f"  {item.id}{flag}: {item.text.get(lang)}")
        bands = ", ".join(f"{b.label.get(lang)} {b.min:g}-{b.max:g}" for b in dim.bands)
        print(f"  bands: {bands}")
    if q.support_needs:
        print(f"\n[{q.support_needs.id}] {q.support_needs.question.get(lang)} (not scored)")
        for option in q.support_needs.options:
            print(f"  {option.id}: {option.label.get(lang)}")
    return 0


def _cmd_list(_args: argparse.Namespace) -> int:
    for qid in shipped_ids():
        for version in shipped_versions(qid):
            q = load_shipped(qid, version)
            print(f"{q.id}\t{q.version}\t{q.title.get('nl')}")
    return 0


def _cmd_reliability(args: argparse.Namespace) -> int:
    q = resolve_questionnaire(args.questionnaire)
    responses, _support = read_responses(args.responses, questionnaire=q)
    # scipy's statistics cost a second to import: only for this command
    from inclusief.questionnaires.reliability import reliability_report

    report = reliability_report(questionnaire=q, responses=responses, lang=args.lang)
    _write(report.model_dump_json(indent=2) + "\n", args.output)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("score", help="score a responses file (CSV/XLSX)")
    p.add_argument("responses", metavar="RESPONSES", help="CSV or XLSX: respondent_id + items")
    p.add_argument("--questionnaire", "-q", default="werkgeversscan", help="id or YAML file")
    p.add_argument("--format", choices=("csv", "json"), default="csv")
    p.add_argument("-o", "--output", help="write to this file instead of stdout")
    p.set_defaults(handler=_cmd_score)

    qp = sub.add_parser("questionnaire", help="validate, show or list questionnaires")
    qsub = qp.add_subparsers(dest="action", metavar="ACTION", required=True)
    v = qsub.add_parser("validate", help="check questionnaire YAML files")
    v.add_argument("files", nargs="+", metavar="FILE.yaml")
    v.set_defaults(handler=_cmd_validate)
    s = qsub.add_parser("show", help="print a questionnaire")
    s.add_argument("questionnaire", metavar="ID", help="id or YAML file")
    s.add_argument("--lang", choices=("nl", "en"), default="nl")
    s.add_argument("--format", choices=("text", "json"), default="text")
    s.set_defaults(handler=_cmd_show)
    ls = qsub.add_parser("list", help="list the shipped questionnaires")
    ls.set_defaults(handler=_cmd_list)
    r = qsub.add_parser("reliability", help="alpha and item statistics from a responses file")
    r.add_argument("responses", metavar="RESPONSES")
    r.add_argument("--questionnaire", "-q", default="werkgeversscan")
    r.add_argument("--lang", choices=("nl", "en"), default="nl")
    r.add_argument("-o", "--output")
    r.set_defaults(handler=_cmd_reliability)
