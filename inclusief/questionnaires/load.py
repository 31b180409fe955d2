"""Load questionnaire definitions from YAML; every problem names file, path and what is wrong.

>>> q = load_shipped("werkgeversscan")
>>> q.id, len(q.dimensions) >= 7
('werkgeversscan', True)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from inclusief.errors import InputError, Problem, format_path
from inclusief.questionnaires.model import LocatedErrors, Questionnaire, reference_problems

DEFINITIONS = "definitions"


def format_loc(loc: Sequence[int | str]) -> str:
    """``("dimensions", 2, "items", 4, "reverse")`` -> ``dimensions[2].items[4].reverse``."""
    return format_path(loc) or "(top level)"


# English messages of the definition's own checks (model.py) -> their key in errors.yaml,
# so that the admin page shows them as Dutch sentences; named groups become parameters.
_KNOWN: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), key)
    for p, key in (
        (r"option codes must be distinct and in ascending order$", "q.codes_order"),
        (r"dont_know code (?P<code>\S+) is also an answer code$", "q.dont_know_code"),
        (r"min \((?P<min>[^)]*)\) must be below max \((?P<max>[^)]*)\)$", "q.min_max"),
        (r"at least one band is needed$", "q.no_band"),
        (r"the first band must start at 0$", "q.band_start"),
        (r"the last band must end at 100$", "q.band_end"),
        (
            r"band (?P<i>\d+) starts at (?P<start>\S+) but band (?P<j>\d+) ends at (?P<end>\S+)$",
            "q.band_gap",
        ),
        (r"band ids must be unique$", "q.band_ids"),
        (
            r"item (?P<item>\S+) says dimension '(?P<said>[^']*)' but is listed under "
            r"'(?P<dim>[^']*)'$",
            "q.item_dimension",
        ),
        (r"scale id '(?P<id>[^']*)' is used twice$", "q.scale_twice"),
        (r"dimension id '(?P<id>[^']*)' is used twice$", "q.dimension_twice"),
        (r"item id '(?P<id>[^']*)' is used twice$", "q.item_twice"),
        (r"unknown scale '(?P<scale>[^']*)' \(known: (?P<known>.*)\)$", "q.unknown_scale"),
        (r"'(?P<id>[^']*)' clashes with an item$", "q.support_clash"),
        (r"at least one dimension needs a weight above 0$", "q.no_weight"),
    )
]


def _problem(file: str, where: str | None, message: str) -> Problem:
    """A problem of the definition's own checks, with its key when the message is known."""
    for pattern, key in _KNOWN:
        if m := pattern.match(message):
            return Problem.keyed(file, key, message, where=where, **m.groupdict())
    return Problem(file=file, where=where, message=message)


def _problems(file: str, exc: ValidationError) -> list[Problem]:
    problems: list[Problem] = []
    for err in exc.errors():
        loc = [p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
        ctx = err.get("ctx") or {}
        cause = ctx.get("error")
        if isinstance(cause, LocatedErrors):
            base = format_loc(loc)
            for path, message in cause.problems:
                where = path if base == "(top level)" else f"{base}.{path}"
                problems.append(_problem(file, where, message))
            continue
        where = format_loc(loc)
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            message = "unknown key (check the spelling)"
        elif err["type"] == "missing":
            message = "required but missing"
        if err["type"] == "value_error":
            problems.append(_problem(file, where, message))
        else:  # pydantic's own checks: errors.pydantic.<type>, with its context as parameters
            params = {k: str(v) for k, v in ctx.items() if k != "error"}
            problems.append(
                Problem.keyed(file, f"pydantic.{err['type']}", message, where=where, **params)
            )
    return problems


def parse_questionnaire(data: Any, *, file: str) -> Questionnaire:
    """Validate already-parsed YAML data; raise :class:`InputError` listing every problem."""
    if not isinstance(data, dict):
        raise InputError.keyed(
            file, "q.not_mapping", "the file must hold a mapping (id, version, ...)"
        )
    try:
        return Questionnaire.model_validate(data)
    except ValidationError as exc:
        problems = _problems(file, exc)
    # A field error stops pydantic before the cross-reference check of the whole file; run
    # that check on the raw data as well, so both kinds are reported in one go.
    seen = {(p.where, p.message) for p in problems}
    for where, message in reference_problems(data):
        if (where, message) not in seen:
            problems.append(_problem(file, where, message))
    raise InputError(problems)


def load_text(text: str, *, file: str) -> Questionnaire:
    """Parse YAML text (for example an upload) into a validated questionnaire."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else None
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise InputError.keyed(
            file, "q.yaml", f"malformed YAML: {problem}", where=where, problem=problem
        ) from None
    return parse_questionnaire(data, file=file)


def load_file(path: str | Path) -> Questionnaire:
    """Load and validate a questionnaire YAML file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError.keyed(str(path), "file_not_found", "file not found") from None
    except UnicodeDecodeError:
        raise InputError.keyed(str(path), "not_utf8", "the file is not UTF-8 text") from None
    return load_text(text, file=str(path))


def shipped_ids() -> list[str]:
    """Ids of the questionnaires shipped with the package."""
    folder = resources.files("inclusief.questionnaires") / DEFINITIONS
    return sorted(
        p.name.removesuffix(".yaml") for p in folder.iterdir() if p.name.endswith(".yaml")
    )


@cache
def load_shipped(questionnaire_id: str) -> Questionnaire:
    """A shipped questionnaire by id; an unknown id raises :class:`InputError`."""
    if questionnaire_id not in shipped_ids():
        known = ", ".join(shipped_ids())
        raise InputError.single(
            questionnaire_id, f"unknown questionnaire (known: {known})", field="questionnaire"
        )
    resource = (
        resources.files("inclusief.questionnaires") / DEFINITIONS / f"{questionnaire_id}.yaml"
    )
    return load_text(resource.read_text(encoding="utf-8"), file=f"{questionnaire_id}.yaml")
