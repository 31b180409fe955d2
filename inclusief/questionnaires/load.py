"""Load questionnaire definitions from YAML; every problem names file, path and what is wrong.

>>> q = load_shipped("werkgeversscan")
>>> q.id, len(q.dimensions) >= 7
('werkgeversscan', True)
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from inclusief.errors import InputError, Problem, format_path
from inclusief.questionnaires.model import LocatedErrors, Questionnaire, reference_problems
from inclusief.yamlio import load_yaml

DEFINITIONS = "definitions"


def format_loc(loc: Sequence[int | str]) -> str:
    """``("dimensions", 2, "items", 4, "reverse")`` -> ``dimensions[2].items[4].reverse``."""
    return format_path(loc) or "(top level)"


def _problems(file: str, exc: ValidationError) -> list[Problem]:
    problems: list[Problem] = []
    for err in exc.errors():
        loc = [p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
        cause = (err.get("ctx") or {}).get("error")
        if isinstance(cause, LocatedErrors):
            base = format_loc(loc)
            for path, message in cause.problems:
                where = path if base == "(top level)" else f"{base}.{path}"
                problems.append(Problem(file=file, where=where, message=message))
            continue
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            message = "unknown key (check the spelling)"
        elif err["type"] == "missing":
            message = "required but missing"
        problems.append(Problem(file=file, where=format_loc(loc), message=message))
    return problems


def parse_questionnaire(data: Any, *, file: str) -> Questionnaire:
    """Validate already-parsed YAML data; raise :class:`InputError` listing every problem."""
    if not isinstance(data, dict):
        raise InputError.single(file, "the file must hold a mapping (id, version, ...)")
    try:
        return Questionnaire.model_validate(data)
    except ValidationError as exc:
        problems = _problems(file, exc)
    # A field error stops pydantic before the cross-reference check of the whole file; run
    # that check on the raw data as well, so both kinds are reported in one go.
    seen = {(p.where, p.message) for p in problems}
    for where, message in reference_problems(data):
        if (where, message) not in seen:
            problems.append(Problem(file=file, where=where, message=message))
    raise InputError(problems)


def load_text(text: str, *, file: str) -> Questionnaire:
    """Parse YAML text (for example an upload) into a validated questionnaire."""
    data = load_yaml(text, file=file)
    return parse_questionnaire(data, file=file)


def load_file(path: str | Path) -> Questionnaire:
    """Load and validate a questionnaire YAML file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError.single(str(path), "file not found") from None
    except UnicodeDecodeError:
        raise InputError.single(str(path), "the file is not UTF-8 text") from None
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
