"""``inclusief export`` and ``inclusief research reliability|aggregates|typology``.

Data come from the database (through the store's ``research_rows``) or, with
``--responses FILE``, from a responses CSV/XLSX with quasi-identifier columns (see
:mod:`inclusief.research.rows`), so the commands also work without a database.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from inclusief.cli.questionnaire import resolve_questionnaire
from inclusief.errors import InputError
from inclusief.questionnaires.model import Questionnaire
from inclusief.research.aggregates import aggregate_table
from inclusief.research.anonymise import DEFAULT_MAX_SUPPRESSION
from inclusief.research.export import FORMATS, build_export, write_export
from inclusief.research.release import FileReleaseStore, ReleaseStore, default_release_store
from inclusief.research.reliability import research_reliability
from inclusief.research.rows import ResearchData, prepare, read_research_table
from inclusief.research.tabular import to_csv_bytes
from inclusief.research.typology import typology
from inclusief.services.research import DatabaseReleases, rows_from_store
from inclusief.settings import get_settings


def _rows(args: argparse.Namespace, q: Questionnaire) -> tuple[pd.DataFrame, str]:
    if args.responses:
        return read_research_table(args.responses, questionnaire=q), str(args.responses)
    return _rows_from_database(args, q), "database"


def _rows_from_database(args: argparse.Namespace, q: Questionnaire) -> pd.DataFrame:
    """Rows from the store; a database that cannot be read is an :class:`InputError`."""
    try:
        from sqlalchemy.exc import SQLAlchemyError
    except ModuleNotFoundError:  # pragma: no cover - no database layer installed
        return rows_from_store(actor=getattr(args, "actor", None), questionnaire_id=q.id)
    try:
        return rows_from_store(actor=getattr(args, "actor", None), questionnaire_id=q.id)
    except SQLAlchemyError as exc:
        raise _database_error(exc) from None


def _database_error(exc: Exception) -> InputError:
    """Why the database could not be read: not migrated (the usual case) or another reason.

    Only looked at after a query failed, so a command that never touches the database (or
    one whose store is not installed) does not open or create one.
    """
    from sqlalchemy import inspect
    from sqlalchemy.exc import SQLAlchemyError

    from inclusief.store.db import default_store
    from inclusief.store.tables import Assessment

    engine = default_store().engine
    where = engine.url.render_as_string(hide_password=True)
    try:
        ready = inspect(engine).has_table(Assessment.__tablename__)
    except SQLAlchemyError:
        ready = True  # cannot even look: report the original reason
    if not ready:
        return InputError.single(where, "no Inclusief tables here: run 'inclusief db upgrade'")
    reason = str(getattr(exc, "orig", None) or exc.__class__.__name__).strip()
    return InputError.single(where, f"cannot read the database: {reason}")


def _data(args: argparse.Namespace) -> ResearchData:
    q = resolve_questionnaire(args.questionnaire)
    rows, file = _rows(args, q)
    return prepare(rows, questionnaire=q, file=file)


def _write(text: str, out: str | None) -> None:
    if out:
        try:
            Path(out).write_text(text, encoding="utf-8")
        except IsADirectoryError:
            raise InputError.single(out, "is a folder; give a file name", field="-o") from None
        except OSError as exc:
            reason = exc.strerror or exc.__class__.__name__
            raise InputError.single(out, f"cannot write the file: {reason}", field="-o") from None
    else:
        sys.stdout.write(text)


def _check_output_folder(out: str) -> None:
    """``export -o`` names a folder: refuse an existing file before any work is done."""
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise InputError.single(out, "is a file; -o needs a folder for the export", field="-o")
    for parent in folder.parents:
        if parent.exists():
            if not parent.is_dir():
                raise InputError.single(out, f"'{parent}' is a file, not a folder", field="-o")
            break


def _cmd_export(args: argparse.Namespace) -> int:
    _check_output_folder(args.output)
    q = resolve_questionnaire(args.questionnaire)
    releases: ReleaseStore
    if args.releases:
        releases = FileReleaseStore(Path(args.releases))
    elif getattr(args, "responses", None):
        releases = default_release_store()
    else:  # rows from the database: the release kept in the database
        releases = DatabaseReleases(actor="cli")
    rows, file = _rows(args, q)  # first: an unmigrated database says so here
    release = releases.load(q.id, q.version)
    export = build_export(
        questionnaire=q,
        rows=rows,
        k=args.k,
        max_suppression=args.max_suppression,
        file=file,
        release=release,
    )
    if export.release is not None:
        releases.save(export.release)  # before any file leaves: a conflict stops the export
    formats = args.format or ["csv"]
    paths = write_export(export, args.output, formats)
    a = export.log.anonymity
    levels = ", ".join(f"{qi}={lv}" for qi, lv in a.levels.items())
    print(
        f"{a.rows_out} of {export.log.input.rows_in} rows exported (k={a.k}); "
        f"{a.rows_suppressed} suppressed; levels: {levels}",
        file=sys.stderr,
    )
    if a.reused_periods:
        print(
            f"release: levels of {', '.join(a.reused_periods)} reused from earlier exports",
            file=sys.stderr,
        )
    if a.rows_out == 0 and a.rows_in > 0:
        qis = ", ".join(a.quasi_identifiers)
        print(
            f"warning: no rows exported: every group sharing {qis} has fewer than "
            f"k={a.k} organisations, so all were suppressed; lower --k or add responses",
            file=sys.stderr,
        )
    if export.log.input.ignored_columns:
        ignored = ", ".join(export.log.input.ignored_columns)
        print(f"note: columns ignored (never exported): {ignored}", file=sys.stderr)
    for path in paths:
        print(path)
    return 0


def _cmd_reliability(args: argparse.Namespace) -> int:
    result = research_reliability(_data(args), lang=args.lang, k=args.k)
    if args.format == "json":
        text = result.to_json()
    elif args.format == "markdown":
        text = result.to_markdown(args.lang)
    else:
        text = result.to_text(args.lang)
    _write(text, args.output)
    return 0


def _cmd_aggregates(args: argparse.Namespace) -> int:
    table = aggregate_table(_data(args), k=args.k, lang=args.lang)
    if args.format == "csv":
        _write(to_csv_bytes(table.long()).decode("utf-8-sig"), args.output)
    elif args.format == "json":
        payload: dict[str, Any] = {
            "k": table.k,
            "cells": json.loads(table.long().to_json(orient="records", double_precision=4)),
        }
        _write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", args.output)
    else:
        _write(table.display(args.measure).to_string() + "\n", args.output)
    return 0


def _cmd_typology(args: argparse.Namespace) -> int:
    result = typology(_data(args), lang=args.lang)
    if args.format == "json":
        _write(result.model_dump_json(indent=2) + "\n", args.output)
        return 0
    lines = [result.message]
    for e in result.types:
        lines.append(f"- {e.label} (n={e.n})")
    _write("\n".join(lines) + "\n", args.output)
    return 0


def _source(p: argparse.ArgumentParser) -> None:
    p.add_argument("--questionnaire", "-q", required=True, help="shipped id or YAML file")
    p.add_argument(
        "--responses",
        metavar="FILE",
        help="responses CSV/XLSX with sector, size_class, region, completed_at columns "
        "(instead of the database)",
    )
    p.add_argument("--lang", choices=("nl", "en"), default="nl")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    k_default = get_settings().export_k
    e = sub.add_parser("export", help="anonymised research export (k-anonymous)")
    _source(e)
    e.add_argument(
        "--format", action="append", choices=FORMATS, help="csv, xlsx or sav (repeatable)"
    )
    e.add_argument(
        "--k",
        type=int,
        default=k_default,
        help=f"minimum organisations per class (default {k_default}; never below 5)",
    )
    e.add_argument(
        "--releases",
        metavar="DIR",
        help="folder of the release files (one generalisation per questionnaire version and "
        "year, reused by every export; default: <data dir>/releases)",
    )
    e.add_argument(
        "--max-suppression",
        type=float,
        default=DEFAULT_MAX_SUPPRESSION,
        help="share of rows that may be suppressed before coarser levels are preferred",
    )
    e.add_argument("-o", "--output", required=True, metavar="DIR", help="folder for the files")
    e.set_defaults(handler=_cmd_export)

    rp = sub.add_parser("research", help="reliability, aggregate tables and typology")
    rsub = rp.add_subparsers(dest="action", metavar="ACTION", required=True)
    r = rsub.add_parser("reliability", help="alpha, CI and item statistics per dimension")
    _source(r)
    r.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    r.add_argument("--k", type=int, default=k_default)
    r.add_argument("-o", "--output", metavar="FILE")
    r.set_defaults(handler=_cmd_reliability)
    a = rsub.add_parser("aggregates", help="mean scores by sector x size class, suppressed")
    _source(a)
    a.add_argument("--format", choices=("text", "csv", "json"), default="text")
    a.add_argument("--measure", default="overall_index", help="score_<dimension> or overall_index")
    a.add_argument("--k", type=int, default=k_default)
    a.add_argument("-o", "--output", metavar="FILE")
    a.set_defaults(handler=_cmd_aggregates)
    t = rsub.add_parser("typology", help="employer types from dimension profiles")
    _source(t)
    t.add_argument("--format", choices=("text", "json"), default="text")
    t.add_argument("-o", "--output", metavar="FILE")
    t.set_defaults(handler=_cmd_typology)
    from inclusief.cli.followup_research import register_retention

    register_retention(rsub, k_default)
