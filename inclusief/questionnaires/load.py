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

from pydantic import ValidationError

from inclusief.errors import InputError, Problem, format_path
from inclusief.questionnaires.model import LocatedErrors, Questionnaire, reference_problems
from inclusief.yamlio import load_yaml

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
    data = load_yaml(text, file=file)
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


def version_key(version: str) -> tuple[tuple[int, str], ...]:
    """Sort key for versions: numeric parts compare as numbers ("1.10" after "1.9").

    >>> sorted(["2.0", "1.10", "1.9"], key=version_key)
    ['1.9', '1.10', '2.0']
    """
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in version.split("."))


def _files() -> list[str]:
    folder = resources.files("inclusief.questionnaires") / DEFINITIONS
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".yaml"))


def _read(name: str) -> str:
    resource = resources.files("inclusief.questionnaires") / DEFINITIONS / name
    return resource.read_text(encoding="utf-8")


@cache
def _shipped() -> dict[str, dict[str, str]]:
    """Questionnaire id -> {version: file name}.

    A file is named ``<id>.yaml`` or ``<id>@<version>.yaml``; both hold the version in their
    ``version`` key, which is what counts (the name only keeps the files apart).
    """
    out: dict[str, dict[str, str]] = {}
    for name in _files():
        stem = name.removesuffix(".yaml")
        qid, _, named_version = stem.partition("@")
        data = load_yaml(_read(name), file=name)
        version = str(data.get("version", named_version)) if isinstance(data, dict) else ""
        out.setdefault(qid, {})[version] = name
    return out


def shipped_ids() -> list[str]:
    """Ids of the questionnaires shipped with the package."""
    return sorted(_shipped())


def shipped_versions(questionnaire_id: str) -> list[str]:
    """The shipped versions of a questionnaire, oldest first (empty when unknown)."""
    return sorted(_shipped().get(questionnaire_id, {}), key=version_key)


# Held back: the version a caller gets when it names none, for a questionnaire whose newest
# version the app cannot show yet (questionnaire id -> version). Empty: werkgeversscan 2.0
# is the default since the scan form, the result pages, the PDF and the services handle its
# item types and every stored assessment is looked up with its own version (issue 20).
HELD_BACK: dict[str, str] = {}


def default_version(questionnaire_id: str) -> str:
    """The version :func:`load_shipped` gives when none is named: the newest shipped one,
    unless :data:`HELD_BACK` holds it at an older one."""
    versions = shipped_versions(questionnaire_id)
    held = HELD_BACK.get(questionnaire_id)
    return held if held in versions else versions[-1]


@cache
def load_shipped(questionnaire_id: str, version: str | None = None) -> Questionnaire:
    """A shipped questionnaire by id: the given version, or :func:`default_version` (the
    newest, unless held back) when None.

    An unknown id or version raises :class:`InputError`. Stored answers name the version
    they were given in; score them with that version (``load_shipped(id, version)``), never
    with the default.
    """
    versions = _shipped().get(questionnaire_id)
    if versions is None:
        known = ", ".join(shipped_ids())
        raise InputError.single(
            questionnaire_id, f"unknown questionnaire (known: {known})", field="questionnaire"
        )
    if version is None:
        version = default_version(questionnaire_id)
    if version not in versions:
        known = ", ".join(shipped_versions(questionnaire_id))
        raise InputError.single(
            questionnaire_id, f"unknown version {version} (shipped: {known})", field="version"
        )
    name = versions[version]
    return load_text(_read(name), file=name)
