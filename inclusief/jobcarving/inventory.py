"""Load task inventories and candidate files (YAML, XLSX or CSV) and the capability dimensions.

Every problem is reported as an :class:`~inclusief.errors.Problem` naming the file, the place
inside it and the field. All problems of a file are collected before raising, so a user sees
them in one go.

* YAML: the place is a path inside the file, e.g. ``tasks[3].demands.tillen``.
* XLSX: a workbook with the sheets ``inventaris`` (columns ``veld``, ``waarde``), ``rollen``,
  ``taken`` and optionally ``categorieen``; the place is ``sheet taken, row 7`` (the row as
  Excel shows it: the header is row 1, the first data row is row 2), the field is the column.
* CSV: ``X_taken.csv`` (or any ``X.csv``) holds the tasks, the sibling ``X_rollen.csv`` the
  roles; the optional ``X_inventaris.csv`` and ``X_categorieen.csv`` the header fields and
  category names. The place is ``row 7``. ``;`` and ``,`` delimiters and decimal commas are
  accepted (Dutch Excel writes ``;`` and ``0,5``).

Candidates come from YAML, from CSV or from XLSX (sheet ``kandidaten``, or the first sheet).
The table layouts are described in ``data/tasks/README.md``; :func:`inventory_to_xlsx` and
:func:`inventory_to_csv` write them (templates for consultants).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from inclusief.errors import InputError, Problem, format_path
from inclusief.i18n import LocalText
from inclusief.jobcarving.model import (
    FLEXIBLE,
    SLOTS,
    Candidate,
    CandidateFile,
    Dimension,
    Inventory,
    Role,
    Task,
)
from inclusief.safecells import DANGEROUS_START, neutralise
from inclusief.xlsxio import read_workbook
from inclusief.yamlio import load_yaml

M = TypeVar("M", bound=BaseModel)

YAML_SUFFIXES = (".yaml", ".yml")
META_SHEET = "inventaris"
ROLES_SHEET = "rollen"
TASKS_SHEET = "taken"
CATEGORIES_SHEET = "categorieen"
CANDIDATES_SHEET = "kandidaten"
META_COLUMNS = ("veld", "waarde")
META_FIELDS = ("id", "title", "sector", "sources", "calendar")
ROLE_COLUMNS = (
    "id",
    "name_nl",
    "name_en",
    "hourly_cost_eur",
    "cost_source",
    "cost_assumption",
    "relieved_use_nl",
    "relieved_use_en",
)
TASK_COLUMNS = (
    "id",
    "name",
    "description",
    "category",
    "role",
    "hours_per_week",
    "complexity",
    "schedule",
    "window",
    "on_call",
    "needs_pupils",
    "season",
    "location",
)
TASK_REQUIRED = ("id", "name", "category", "role", "hours_per_week", "complexity")
CATEGORY_COLUMNS = ("id", "name_nl", "name_en")
CANDIDATE_COLUMNS = (
    "id",
    "pseudonym",
    "hours_min",
    "hours_max",
    "available_slots",
    "likes",
    "dislikes",
    "hourly_cost_eur",
    "accommodations",
    "hours_wish",
    "hours_per_day_max",
    "min_block_hours",
    "max_locations",
    "max_travel_minutes",
)
CANDIDATE_NUMBERS = (
    "hours_min",
    "hours_max",
    "hourly_cost_eur",
    "hours_wish",
    "hours_per_day_max",
    "min_block_hours",
    "max_travel_minutes",
)
YES = ("ja", "yes", "true", "waar", "1", "x")
NO = ("nee", "no", "false", "onwaar", "0")
UNKNOWN_SECTOR = "onbekend"
NO_ACCOMMODATIONS = "geen"
"""An ``accommodations`` cell saying ``geen`` allows none; an empty cell allows any."""


path_of = format_path


def _field_of(loc: Sequence[int | str]) -> str | None:
    for part in reversed(loc):
        if isinstance(part, str):
            return part
    return None


# pydantic inserts union branch names into locations; they are not part of the file's path
_UNION_TAGS = {"dict[str,float]", "literal['flexibel']"}


def _clean_loc(loc: Iterable[int | str]) -> list[int | str]:
    return [p for p in loc if not (isinstance(p, str) and p in _UNION_TAGS)]


def _read_yaml(path: Path) -> Any:
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError.single(file, "file not found") from None
    except OSError as exc:
        raise InputError.single(file, f"cannot read: {exc.strerror}") from None
    return load_yaml(text, file=file)


def _validate(model: type[M], data: Any, file: str) -> M:
    if not isinstance(data, Mapping):
        raise InputError.single(file, "expected a mapping at the top level")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = _clean_loc(err["loc"])
            problems.append(
                Problem(
                    file=file, message=err["msg"], where=path_of(loc) or None, field=_field_of(loc)
                )
            )
        raise InputError(problems) from None


@cache
def load_dimensions() -> dict[str, Dimension]:
    """The capability dimensions from ``capabilities.yaml`` (FML rubrieken, Toolbox Inclusief)."""
    ref = resources.files("inclusief.jobcarving") / "capabilities.yaml"
    data = load_yaml(ref.read_text(encoding="utf-8"), file="capabilities.yaml")
    return {d["id"]: Dimension.model_validate(d) for d in data["dimensions"]}


# -- checks shared by all formats ----------------------------------------------------------------
Locate = Callable[[int, str, str | None], tuple[str, str, str]]
"""(item index, field, key inside the field or None) -> (file, where, field name)."""


def _yaml_locator(file: str, items: str) -> Locate:
    def locate(i: int, field: str, key: str | None) -> tuple[str, str, str]:
        where = f"{items}[{i}].{field}" + (f".{key}" if key is not None else "")
        return file, where, key if key is not None else field

    return locate


def _level_problems(
    levels: Mapping[str, int], i: int, field: str, locate: Locate, dims: Mapping[str, Dimension]
) -> list[Problem]:
    problems = []
    for dim, level in levels.items():
        file, where, name = locate(i, field, dim)
        if dim not in dims:
            msg = f"unknown dimension '{dim}'; known: {', '.join(dims)}"
            problems.append(Problem(file, msg, where, name))
        elif not 0 <= level <= dims[dim].max_level:
            msg = f"level {level} out of range 0..{dims[dim].max_level}"
            problems.append(Problem(file, msg, where, name))
    return problems


def _check_inventory(inv: Inventory, tasks_at: Locate, roles_at: Locate) -> list[Problem]:
    """Cross-field rules the model does not check: ids, roles, categories, levels, schedules."""
    dims = load_dimensions()
    problems: list[Problem] = []
    role_ids = [r.id for r in inv.roles]
    seen_roles: set[str] = set()
    for i, role in enumerate(inv.roles):
        if role.id in seen_roles:
            file, where, name = roles_at(i, "id", None)
            problems.append(Problem(file, f"duplicate role id '{role.id}'", where, name))
        seen_roles.add(role.id)
    seen: set[str] = set()
    for i, task in enumerate(inv.tasks):
        if task.id in seen:
            file, where, name = tasks_at(i, "id", None)
            problems.append(Problem(file, f"duplicate task id '{task.id}'", where, name))
        seen.add(task.id)
        if task.role not in role_ids:
            file, where, name = tasks_at(i, "role", None)
            msg = f"unknown role '{task.role}'; known: {', '.join(role_ids)}"
            problems.append(Problem(file, msg, where, name))
        if inv.categories and task.category not in inv.categories:
            file, where, name = tasks_at(i, "category", None)
            msg = f"unknown category '{task.category}'; known: {', '.join(inv.categories)}"
            problems.append(Problem(file, msg, where, name))
        problems += _level_problems(task.demands, i, "demands", tasks_at, dims)
        loc_ids = [loc.id for loc in inv.locations]
        if task.location is not None and task.location not in loc_ids:
            file, where, name = tasks_at(i, "location", None)
            known = ", ".join(loc_ids) or "(the inventory lists no locations)"
            problems.append(
                Problem(file, f"unknown location '{task.location}'; known: {known}", where, name)
            )
        elif not isinstance(task.schedule, str):
            cal = inv.calendar_at(inv.location_of(task))
            for slot in task.schedule:
                w = task.window_for(slot) if slot in SLOTS else None
                if w is None:
                    continue
                span_s, span_e = cal.span(slot)
                if w[0] < span_s or w[1] > span_e:
                    file, where, name = tasks_at(i, "window", None)
                    msg = (
                        f"window {task.window_text(slot)} of {slot} lies outside that part of "
                        f"the day ({cal.parts[slot.split('-')[1]]})"
                    )
                    problems.append(Problem(file, msg, where, name))
        if isinstance(task.schedule, str):
            continue
        for slot, hours in task.schedule.items():
            file, where, name = tasks_at(i, "schedule", slot)
            if slot not in SLOTS:
                msg = f"unknown slot '{slot}'; use e.g. 'ma-ochtend' or 'vr-middag'"
                problems.append(Problem(file, msg, where, name))
            elif not 0 < hours <= 4:
                problems.append(Problem(file, "hours in a slot must be in (0, 4]", where, name))
        total = sum(task.schedule.values())
        if abs(total - task.hours_per_week) > 1e-6:
            file, where, name = tasks_at(i, "schedule", None)
            msg = f"schedule hours {total:g} differ from hours_per_week {task.hours_per_week:g}"
            problems.append(Problem(file, msg, where, name))
    return problems


def _check_locations(inv: Inventory, file: str) -> list[Problem]:
    problems: list[Problem] = []
    ids = [loc.id for loc in inv.locations]
    seen: set[str] = set()
    for i, loc in enumerate(inv.locations):
        if loc.id in seen:
            problems.append(
                Problem(file, f"duplicate location id '{loc.id}'", f"locations[{i}].id", "id")
            )
        seen.add(loc.id)
    for a, row in inv.travel_minutes.items():
        for b, m in row.items():
            where = f"travel_minutes.{a}.{b}"
            for x in (a, b):
                if x not in ids:
                    problems.append(Problem(file, f"unknown location '{x}'", where, x))
            if m < 0:
                problems.append(Problem(file, "travel minutes must be 0 or more", where, b))
    return problems


def _check_candidates(
    cands: Sequence[Candidate], inventory: Inventory | None, locate: Locate
) -> list[Problem]:
    from inclusief.jobcarving.fit import load_accommodations

    dims = load_dimensions()
    acc = load_accommodations()
    known_prefs: set[str] | None = None
    if inventory is not None:
        known_prefs = {t.id for t in inventory.tasks} | {t.category for t in inventory.tasks}
        known_prefs |= set(inventory.categories)
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, cand in enumerate(cands):
        if cand.id in seen:
            file, where, name = locate(i, "id", None)
            problems.append(Problem(file, f"duplicate candidate id '{cand.id}'", where, name))
        seen.add(cand.id)
        problems += _level_problems(cand.capabilities, i, "capabilities", locate, dims)
        for j, slot in enumerate(cand.available_slots):
            if slot not in SLOTS:
                file, where, name = locate(i, "available_slots", str(j))
                msg = f"unknown slot '{slot}'; use e.g. 'ma-ochtend' or 'vr-middag'"
                problems.append(Problem(file, msg, where, name))
        if cand.hours_min > cand.hours_max:
            file, where, name = locate(i, "hours_min", None)
            problems.append(Problem(file, "hours_min is larger than hours_max", where, name))
        if known_prefs is not None:
            for key in ("likes", "dislikes"):
                for j, pref in enumerate(getattr(cand, key)):
                    if pref not in known_prefs:
                        file, where, name = locate(i, key, str(j))
                        msg = f"'{pref}' is neither a task id nor a category"
                        problems.append(Problem(file, msg, where, name))
        for j, a in enumerate(cand.accommodations or []):
            if a not in acc:
                file, where, name = locate(i, "accommodations", str(j))
                msg = f"unknown accommodation '{a}'; known: {', '.join(acc)}"
                problems.append(Problem(file, msg, where, name))
    return problems


def _yaml_list_locator(file: str, items: str) -> Locate:
    """Like :func:`_yaml_locator`, but list positions print as ``likes[2]``."""

    def locate(i: int, field: str, key: str | None) -> tuple[str, str, str]:
        if key is not None and key.isdigit():
            return file, f"{items}[{i}].{field}[{key}]", field
        where = f"{items}[{i}].{field}" + (f".{key}" if key is not None else "")
        return file, where, key if key is not None else field

    return locate


# -- public loaders ------------------------------------------------------------------------------
def load_inventory(path: str | Path) -> Inventory:
    """Load and check a task inventory: YAML, an XLSX workbook or a CSV task list."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _inventory_from_xlsx(path)
    if suffix == ".csv":
        return _inventory_from_csv(path)
    file = str(path)
    inv = _validate(Inventory, _read_yaml(path), file)
    problems = _check_inventory(inv, _yaml_locator(file, "tasks"), _yaml_locator(file, "roles"))
    problems += _check_locations(inv, file)
    if problems:
        raise InputError(problems)
    return inv


def load_candidates(path: str | Path, inventory: Inventory | None = None) -> list[Candidate]:
    """Load and check a candidate file (YAML, XLSX or CSV); with ``inventory`` also check
    likes and dislikes."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".csv"):
        return _candidates_from_table(path, inventory)
    file = str(path)
    cf = _validate(CandidateFile, _read_yaml(path), file)
    problems = _check_candidates(cf.candidates, inventory, _yaml_list_locator(file, "candidates"))
    if problems:
        raise InputError(problems)
    return list(cf.candidates)


# -- tables --------------------------------------------------------------------------------------
@dataclass
class _Table:
    """One sheet or CSV file: rows of text or numbers by column name, with Excel row numbers."""

    file: str
    label: str | None
    """Sheet name for workbooks (shown in ``where``), ``None`` for a CSV file."""
    columns: list[str]
    rows: list[tuple[int, dict[str, Any]]]

    def where(self, row: int) -> str:
        return f"sheet {self.label}, row {row}" if self.label else f"row {row}"

    def problem(self, row: int, column: str | None, message: str) -> Problem:
        return Problem(self.file, message, self.where(row), column)


_DANGEROUS_START = DANGEROUS_START


def _cell(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        if value.startswith("'") and value[1:2] in _DANGEROUS_START and value[1:2]:
            value = value[1:]  # written by _safe
        return value or None
    return value


def _make_table(file: str, label: str | None, raw: list[list[Any]], first: int = 2) -> _Table:
    """``raw`` is the header and then the data rows; ``first`` is the first data row's number
    (2 in a file, where the header is row 1)."""
    header = [str(_cell(c) or "").lower() for c in (raw[0] if raw else [])]
    while header and not header[-1]:
        header.pop()
    rows = []
    for n, values in enumerate(raw[1:], start=first):
        row = {col: _cell(v) for col, v in zip(header, values, strict=False) if col}
        if any(v is not None for v in row.values()):
            rows.append((n, row))
    return _Table(file, label, header, rows)


def edited_table(file: str, raw: list[list[Any]]) -> _Table:
    """An edited table (header, then data rows) named ``file``: with no header row in view,
    the first data row is row 1; blank rows are skipped but keep their numbers."""
    return _make_table(file, None, raw, first=1)


def _read_csv(path: Path) -> _Table:
    file = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError.single(file, "file not found") from None
    except UnicodeDecodeError:
        raise InputError.single(file, "the file is not UTF-8 text") from None
    except OSError as exc:
        raise InputError.single(file, f"cannot read: {exc.strerror}") from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") and ";" in first else ","
    return _make_table(file, None, list(csv.reader(io.StringIO(text), delimiter=delimiter)))


def _read_workbook(path: Path) -> dict[str, _Table]:
    """Every sheet by lower-case title, read by the shared reader (a formula without a saved
    result is refused there, see :mod:`inclusief.xlsxio`)."""
    file = str(path)
    if not path.exists():
        raise InputError.single(file, "file not found")
    sheets = read_workbook(path, file=file)
    return {title.strip().lower(): _make_table(file, title, rows) for title, rows in sheets.items()}


def _check_columns(
    table: _Table, required: Sequence[str], optional: Iterable[str] = ()
) -> list[Problem]:
    known = {*required, *optional}
    problems = [
        table.problem(1, col, f"column '{col}' is missing")
        for col in required
        if col not in table.columns
    ]
    for col in table.columns:
        if col and col not in known:
            problems.append(table.problem(1, col, f"unknown column '{col}'"))
    return problems


_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def _number(value: Any) -> float:
    """A cell as a number; text may use a decimal comma (``0,5``)."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace(" ", "")
    if not _NUMBER.match(text):
        raise ValueError(value)
    return float(text.replace(",", "."))


def _integer(value: Any) -> int:
    number = _number(value)
    if number != int(number):
        raise ValueError(value)
    return int(number)


def _split(value: Any) -> list[str]:
    """A list cell: ``a; b`` (``,`` works too; ids never contain either)."""
    if value is None:
        return []
    return [s.strip() for s in re.split(r"[;,]", str(value)) if s.strip()]


def _parse_schedule(value: Any) -> tuple[Any, str | None]:
    """``flexibel`` or ``ma-ochtend: 0,5; wo-middag: 1`` -> (schedule, error message)."""
    if value is None:
        return FLEXIBLE, None
    text = str(value).strip()
    if text.lower() == FLEXIBLE:
        return FLEXIBLE, None
    schedule: dict[str, float] = {}
    for part in text.split(";"):
        if not part.strip():
            continue
        slot, sep, hours = part.partition(":")
        try:
            if not sep:
                raise ValueError(part)
            schedule[slot.strip().lower()] = _number(hours)
        except ValueError:
            return None, (
                f"'{part.strip()}' is not 'slot: hours'; write e.g. 'ma-ochtend: 0,5; "
                f"wo-middag: 1' or '{FLEXIBLE}'"
            )
    if not schedule:
        return FLEXIBLE, None
    return schedule, None


def _model_problems(exc: ValidationError, table: _Table, row: int) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = _clean_loc(err["loc"])
        column = _column_of(loc)
        problems.append(table.problem(row, column, err["msg"]))
    return problems


def _column_of(loc: Sequence[int | str]) -> str | None:
    """Model location -> table column: ``("demands", "tillen")`` -> ``tillen``."""
    if not loc:
        return None
    head = str(loc[0])
    if head in ("demands", "capabilities") and len(loc) > 1:
        return str(loc[1])
    if head in ("name", "relieved_use") and len(loc) > 1:
        return f"{head}_{loc[1]}"
    return head


def _numbers(
    row: Mapping[str, Any],
    columns: Iterable[str],
    convert: Callable[[Any], float | int],
    table: _Table,
    n: int,
    problems: list[Problem],
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for col in columns:
        value = row.get(col)
        if value is None:
            continue
        try:
            out[col] = convert(value)
        except ValueError:
            kind = "a whole number" if convert is _integer else "a number"
            problems.append(table.problem(n, col, f"'{value}' is not {kind}"))
    return out


def _parse_roles(table: _Table, problems: list[Problem]) -> list[dict[str, Any]]:
    out = []
    for n, row in table.rows:
        nums = _numbers(row, ["hourly_cost_eur"], _number, table, n, problems)
        out.append(
            {
                "id": row.get("id"),
                "name": {"nl": row.get("name_nl"), "en": row.get("name_en")},
                "hourly_cost_eur": nums.get("hourly_cost_eur", row.get("hourly_cost_eur")),
                "cost_source": row.get("cost_source"),
                "cost_assumption": row.get("cost_assumption"),
                "relieved_use": {
                    "nl": row.get("relieved_use_nl"),
                    "en": row.get("relieved_use_en"),
                },
            }
        )
    return out


def _parse_tasks(
    table: _Table, dims: Sequence[str], problems: list[Problem]
) -> list[dict[str, Any]]:
    out = []
    for n, row in table.rows:
        nums = _numbers(row, ["hours_per_week"], _number, table, n, problems)
        ints = _numbers(row, ["complexity", *dims], _integer, table, n, problems)
        schedule, error = _parse_schedule(row.get("schedule"))
        if error:
            problems.append(table.problem(n, "schedule", error))
        extra: dict[str, Any] = {}
        window, error = _parse_window(row.get("window"))
        if error:
            problems.append(table.problem(n, "window", error))
        elif window is not None:
            extra["window"] = window
        for col in ("on_call", "needs_pupils"):
            flag, error = _parse_flag(row.get(col))
            if error:
                problems.append(table.problem(n, col, error))
            elif flag:
                extra[col] = True
        if row.get("season") is not None:
            try:
                extra["season"] = [_integer(m) for m in _split(row.get("season"))]
            except ValueError:
                problems.append(
                    table.problem(
                        n, "season", f"'{row.get('season')}' is not months like '11; 12; 1'"
                    )
                )
        if row.get("location") is not None:
            extra["location"] = str(row.get("location"))
        out.append(
            {
                "id": row.get("id"),
                "name": row.get("name"),
                "description": row.get("description") or "",
                "category": row.get("category"),
                "role": row.get("role"),
                "hours_per_week": nums.get("hours_per_week", row.get("hours_per_week")),
                "complexity": ints.get("complexity", row.get("complexity")),
                "demands": {d: ints[d] for d in dims if d in ints},
                "schedule": schedule if schedule is not None else FLEXIBLE,
                **extra,
            }
        )
    return out


def _parse_window(value: Any) -> tuple[Any, str | None]:
    """``07:45-08:30`` or ``ochtend: 12:15-12:30; middag: 15:15-16:00`` -> (window, error)."""
    if value is None:
        return None, None
    text = str(value).strip()
    if ";" not in text and text.count(":") == 2:
        return text, None
    out: dict[str, str] = {}
    for part in text.split(";"):
        if not part.strip():
            continue
        key, sep, rng = part.partition(":")
        if not sep or "-" not in rng:
            return None, (
                f"'{part.strip()}' is not a window; write e.g. '07:45-08:30' or "
                "'ochtend: 12:15-12:30; middag: 15:15-16:00'"
            )
        out[key.strip().lower()] = rng.strip()
    return out or None, None


def _parse_flag(value: Any) -> tuple[bool, str | None]:
    if value is None:
        return False, None
    if isinstance(value, bool):
        return value, None
    text = str(value).strip().lower()
    if text in YES:
        return True, None
    if text in NO:
        return False, None
    return False, f"'{value}' is not ja or nee"


def _parse_categories(table: _Table, problems: list[Problem]) -> dict[str, LocalText]:
    out: dict[str, LocalText] = {}
    for n, row in table.rows:
        cid = row.get("id")
        if cid is None:
            problems.append(table.problem(n, "id", "the category id is empty"))
            continue
        try:
            out[str(cid)] = LocalText(nl=row.get("name_nl") or "", en=row.get("name_en") or "")
        except ValidationError as exc:
            problems += _model_problems(exc, table, n)
    return out


def _parse_meta(table: _Table, problems: list[Problem]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for n, row in table.rows:
        key = str(row.get("veld") or "").lower()
        value = row.get("waarde")
        if key not in META_FIELDS:
            msg = f"unknown field '{key}'; known: {', '.join(META_FIELDS)}"
            problems.append(table.problem(n, "veld", msg))
        elif key == "sources":
            out[key] = [s.strip() for s in str(value or "").split(";") if s.strip()]
        elif value is None:
            problems.append(table.problem(n, "waarde", f"'{key}' is empty"))
        else:
            out[key] = str(value)
    return out


def _validated_items(
    model: type[M], items: list[dict[str, Any]], table: _Table, problems: list[Problem]
) -> list[M]:
    out = []
    for (n, _), item in zip(table.rows, items, strict=True):
        try:
            out.append(model.model_validate(item))
        except ValidationError as exc:
            # a cell already reported as unreadable is not reported again by the model
            seen = {(p.file, p.where, p.field) for p in problems}
            problems += [
                p for p in _model_problems(exc, table, n) if (p.file, p.where, p.field) not in seen
            ]
    return out


def _table_locator(table: _Table) -> Locate:
    def locate(i: int, field: str, key: str | None) -> tuple[str, str, str]:
        n = table.rows[i][0]
        column = key if field in ("demands", "capabilities") and key is not None else field
        return table.file, table.where(n), column

    return locate


def _build_inventory(
    meta: dict[str, Any],
    roles_table: _Table,
    tasks_table: _Table,
    categories: dict[str, LocalText],
    problems: list[Problem],
) -> Inventory:
    dims = list(load_dimensions())
    problems += _check_columns(roles_table, ("id", "name_nl", "hourly_cost_eur"), ROLE_COLUMNS)
    problems += _check_columns(tasks_table, TASK_REQUIRED, [*TASK_COLUMNS, *dims])
    role_items = _parse_roles(roles_table, problems)
    task_items = _parse_tasks(tasks_table, dims, problems)
    roles = _validated_items(Role, role_items, roles_table, problems)
    tasks = _validated_items(Task, task_items, tasks_table, problems)
    fields = {**meta, "categories": categories, "roles": roles}
    return _checked_inventory(fields, tasks, tasks_table, _table_locator(roles_table), problems)


def _checked_inventory(
    fields: Mapping[str, Any],
    tasks: list[Task],
    tasks_table: _Table,
    roles_at: Locate,
    problems: list[Problem],
) -> Inventory:
    """The inventory of ``fields`` (header, categories, roles) and the parsed ``tasks``, after
    the cross-field checks; raises if the parsing before or the checks found problems."""
    if problems:
        raise InputError(problems)
    inv = Inventory.model_validate({**fields, "tasks": tasks})
    problems += _check_inventory(inv, _table_locator(tasks_table), roles_at)
    if problems:
        raise InputError(problems)
    return inv


def inventory_with_task_table(base: Inventory, table: _Table) -> Inventory:
    """``base`` (header, categories, roles) with the tasks of ``table``, parsed and checked as
    the tasks of a CSV or XLSX inventory (problems name ``table``'s file, row and column)."""
    dims = list(load_dimensions())
    problems = _check_columns(table, TASK_REQUIRED, [*TASK_COLUMNS, *dims])
    tasks = _validated_items(Task, _parse_tasks(table, dims, problems), table, problems)
    fields = base.model_dump(exclude={"tasks"})
    return _checked_inventory(fields, tasks, table, _table_locator(table), problems)


def _meta_problems(meta: dict[str, Any], file: str, where: str | None) -> list[Problem]:
    return [
        Problem(file, f"field '{key}' is missing", where, key)
        for key in ("id", "title", "sector")
        if key not in meta
    ]


def _inventory_from_xlsx(path: Path) -> Inventory:
    file = str(path)
    sheets = _read_workbook(path)
    problems: list[Problem] = []
    for name in (META_SHEET, ROLES_SHEET, TASKS_SHEET):
        if name not in sheets:
            problems.append(Problem(file, f"sheet '{name}' is missing", f"sheet {name}"))
    if problems:
        raise InputError(problems)
    meta_table = sheets[META_SHEET]
    problems += _check_columns(meta_table, META_COLUMNS)
    meta = _parse_meta(meta_table, problems)
    problems += _meta_problems(meta, file, f"sheet {meta_table.label}")
    categories: dict[str, LocalText] = {}
    if CATEGORIES_SHEET in sheets:
        cat_table = sheets[CATEGORIES_SHEET]
        problems += _check_columns(cat_table, ("id", "name_nl", "name_en"))
        categories = _parse_categories(cat_table, problems)
    return _build_inventory(meta, sheets[ROLES_SHEET], sheets[TASKS_SHEET], categories, problems)


def csv_set(path: Path) -> dict[str, Path]:
    """The files of a CSV inventory, by part: ``taken``, ``rollen``, ``inventaris``,
    ``categorieen`` (``X_taken.csv`` or ``X.csv`` -> ``X_rollen.csv`` ...)."""
    stem = path.stem
    base = stem.removesuffix(f"_{TASKS_SHEET}") if stem != f"_{TASKS_SHEET}" else stem
    folder = path.parent
    return {
        TASKS_SHEET: path,
        ROLES_SHEET: folder / f"{base}_{ROLES_SHEET}{path.suffix}",
        META_SHEET: folder / f"{base}_{META_SHEET}{path.suffix}",
        CATEGORIES_SHEET: folder / f"{base}_{CATEGORIES_SHEET}{path.suffix}",
    }


def _inventory_from_csv(path: Path) -> Inventory:
    files = csv_set(path)
    tasks_table = _read_csv(path)
    roles_path = files[ROLES_SHEET]
    if not roles_path.exists():
        raise InputError.single(
            str(path),
            f"the roles file '{roles_path.name}' is missing; it must lie next to the tasks file",
        )
    roles_table = _read_csv(roles_path)
    problems: list[Problem] = []
    base = path.stem.removesuffix(f"_{TASKS_SHEET}")
    meta: dict[str, Any] = {"id": base, "title": base.replace("_", " "), "sector": UNKNOWN_SECTOR}
    if files[META_SHEET].exists():
        meta_table = _read_csv(files[META_SHEET])
        problems += _check_columns(meta_table, META_COLUMNS)
        meta.update(_parse_meta(meta_table, problems))
    categories: dict[str, LocalText] = {}
    if files[CATEGORIES_SHEET].exists():
        cat_table = _read_csv(files[CATEGORIES_SHEET])
        problems += _check_columns(cat_table, ("id", "name_nl", "name_en"))
        categories = _parse_categories(cat_table, problems)
    return _build_inventory(meta, roles_table, tasks_table, categories, problems)


def _candidates_from_table(path: Path, inventory: Inventory | None) -> list[Candidate]:
    file = str(path)
    if path.suffix.lower() == ".csv":
        table = _read_csv(path)
    else:
        sheets = _read_workbook(path)
        if not sheets:
            raise InputError.single(file, "the workbook has no sheets")
        table = sheets.get(CANDIDATES_SHEET) or next(iter(sheets.values()))
    return candidates_of_table(table, inventory)


def candidates_of_table(table: _Table, inventory: Inventory | None) -> list[Candidate]:
    """The candidates of one table (CSV file, sheet or edited table), parsed and checked; with
    ``inventory`` also likes and dislikes. Problems name ``table``'s file, row and column."""
    dims = list(load_dimensions())
    problems = _check_columns(
        table,
        ("id", "pseudonym", "hours_max", "available_slots", "hourly_cost_eur"),
        [*CANDIDATE_COLUMNS, *dims],
    )
    items = []
    for n, row in table.rows:
        nums = _numbers(row, CANDIDATE_NUMBERS, _number, table, n, problems)
        ints = _numbers(row, [*dims, "max_locations"], _integer, table, n, problems)
        optional: dict[str, Any] = {
            k: nums[k]
            for k in ("hours_wish", "hours_per_day_max", "min_block_hours", "max_travel_minutes")
            if k in nums
        }
        if "max_locations" in ints:
            optional["max_locations"] = ints["max_locations"]
        acc_cell = row.get("accommodations")
        accommodations: list[str] | None = None
        if acc_cell is not None:
            accommodations = [a for a in _split(acc_cell) if a.lower() != NO_ACCOMMODATIONS]
        items.append(
            {
                "id": row.get("id"),
                "pseudonym": row.get("pseudonym"),
                "capabilities": {d: ints[d] for d in dims if d in ints},
                **optional,
                "hours_min": nums.get("hours_min", row.get("hours_min") or 0),
                "hours_max": nums.get("hours_max", row.get("hours_max")),
                "available_slots": [s.lower() for s in _split(row.get("available_slots"))],
                "likes": _split(row.get("likes")),
                "dislikes": _split(row.get("dislikes")),
                "hourly_cost_eur": nums.get("hourly_cost_eur", row.get("hourly_cost_eur")),
                "accommodations": accommodations,
            }
        )
    cands = _validated_items(Candidate, items, table, problems)
    if not problems:
        problems += _check_candidates(cands, inventory, _table_locator(table))
    if problems:
        raise InputError(problems)
    return cands


# -- writers -------------------------------------------------------------------------------------
def _schedule_text(task: Task) -> str:
    if isinstance(task.schedule, str):
        return FLEXIBLE
    return "; ".join(f"{slot}: {hours:g}" for slot, hours in task.schedule.items())


def _window_text(task: Task) -> str | None:
    if task.window is None or isinstance(task.window, str):
        return task.window
    return "; ".join(f"{k}: {v}" for k, v in task.window.items())


def inventory_tables(inventory: Inventory) -> dict[str, list[list[Any]]]:
    """The inventory as the rows (header first) of the sheets ``inventaris``, ``rollen``,
    ``taken`` and ``categorieen``. A demand the inventory leaves out stays an empty cell."""
    dims = list(load_dimensions())
    meta: list[list[Any]] = [
        list(META_COLUMNS),
        ["id", inventory.id],
        ["title", inventory.title],
        ["sector", inventory.sector],
        ["sources", "; ".join(inventory.sources)],
    ]
    if inventory.calendar is not None and inventory.calendar.preset:
        meta.append(["calendar", inventory.calendar.preset])
    roles: list[list[Any]] = [list(ROLE_COLUMNS)]
    for r in inventory.roles:
        roles.append(
            [
                r.id,
                r.name.nl,
                r.name.en,
                r.hourly_cost_eur,
                r.cost_source,
                r.cost_assumption,
                r.relieved_use.nl,
                r.relieved_use.en,
            ]
        )
    tasks: list[list[Any]] = [[*TASK_COLUMNS, *dims]]
    for t in inventory.tasks:
        tasks.append(
            [
                t.id,
                t.name,
                t.description or None,
                t.category,
                t.role,
                t.hours_per_week,
                t.complexity,
                _schedule_text(t),
                _window_text(t),
                "ja" if t.on_call else None,
                "ja" if t.needs_pupils else None,
                "; ".join(str(m) for m in t.season) if t.season else None,
                t.location,
                *(t.demands.get(d) for d in dims),
            ]
        )
    categories: list[list[Any]] = [list(CATEGORY_COLUMNS)]
    for cid, label in inventory.categories.items():
        categories.append([cid, label.nl, label.en])
    return {
        META_SHEET: meta,
        ROLES_SHEET: roles,
        TASKS_SHEET: tasks,
        CATEGORIES_SHEET: categories,
    }


def candidate_table(candidates: Iterable[Candidate]) -> list[list[Any]]:
    """The candidates as table rows (header first), as :func:`load_candidates` reads them from
    CSV or XLSX: lists ``;``-separated, ``geen`` for no accommodations (empty = any), one
    column per capability (a level left out stays an empty cell)."""
    dims = list(load_dimensions())
    rows: list[list[Any]] = [[*CANDIDATE_COLUMNS, *dims]]
    for c in candidates:
        accommodations = c.accommodations
        rows.append(
            [
                c.id,
                c.pseudonym,
                c.hours_min,
                c.hours_max,
                "; ".join(c.available_slots),
                "; ".join(c.likes) or None,
                "; ".join(c.dislikes) or None,
                c.hourly_cost_eur,
                None if accommodations is None else "; ".join(accommodations) or NO_ACCOMMODATIONS,
                c.hours_wish,
                c.hours_per_day_max,
                c.min_block_hours,
                c.max_locations,
                c.max_travel_minutes,
                *(c.capabilities.get(d) for d in dims),
            ]
        )
    return rows


def _safe(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading ``'`` (OWASP CSV
    injection); the shared helper :func:`inclusief.safecells.neutralise`."""
    return neutralise(value)


def inventory_to_xlsx(inventory: Inventory, path: str | Path) -> Path:
    """Write the inventory as a workbook that :func:`load_inventory` reads back unchanged
    (a template consultants can download and edit)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    path = Path(path)
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in inventory_tables(inventory).items():
        ws = wb.create_sheet(title=name)
        for row in rows:
            ws.append([_safe(v) for v in row])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for col in ws.columns:
            width = max(len(str(c.value or "")) for c in col)
            ws.column_dimensions[col[0].column_letter].width = min(max(width + 2, 8), 60)
    wb.save(path)
    return path


def inventory_to_csv(
    inventory: Inventory, path: str | Path, *, meta: bool = True, delimiter: str = ";"
) -> dict[str, Path]:
    """Write ``X_taken.csv``, ``X_rollen.csv`` and, with ``meta``, ``X_inventaris.csv`` and
    ``X_categorieen.csv`` next to ``path`` (``X_taken.csv``). Numbers use a decimal comma when
    the delimiter is ``;``, as Dutch Excel does. Returns the written files by part."""
    path = Path(path)
    files = csv_set(path)
    tables = inventory_tables(inventory)
    parts = [TASKS_SHEET, ROLES_SHEET] + ([META_SHEET, CATEGORIES_SHEET] if meta else [])
    written = {}
    for part in parts:
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
        for row in tables[part]:
            writer.writerow(["" if v is None else _csv_value(v, delimiter) for v in row])
        files[part].write_text(buf.getvalue(), encoding="utf-8")
        written[part] = files[part]
    return written


def _csv_value(value: Any, delimiter: str) -> Any:
    if isinstance(value, float):
        text = repr(value).removesuffix(".0")
        return text.replace(".", ",") if delimiter == ";" else text
    return _safe(value)
