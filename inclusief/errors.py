"""Input errors that name the file, the place inside it and the field.

Every loader in the core raises :class:`InputError` for bad input. One error may carry
several problems (:class:`Problem`), so a user sees all of them in one go. The CLI prints
them and exits with code 2; the UI shows them without a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


def format_path(loc: Sequence[int | str]) -> str:
    """A location inside a file: ``("tasks", 3, "demands", "tillen")`` ->
    ``tasks[3].demands.tillen`` (empty for the top level)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(frozen=True)
class Problem:
    """One problem in one input file.

    ``where`` is a row number (1-based, as a spreadsheet shows it, header = row 1) or a path
    inside a structured file such as ``dimensions[2].items[4].reverse``.

    ``message`` is the English text (logs, the CLI in English, the fallback). ``key`` and
    ``params`` name the same message in the locale files (``errors.<key>``), so that
    :func:`inclusief.formatting.problem_text` can show it as a Dutch sentence; a problem
    without a key is shown with its English message.
    """

    file: str
    message: str
    where: str | None = None
    field: str | None = None
    key: str | None = None
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def keyed(
        cls,
        file: str,
        key: str,
        message: str,
        *,
        where: str | None = None,
        field: str | None = None,
        **params: object,
    ) -> Problem:
        """A problem with a translatable message: ``key`` in ``errors.*``, English ``message``."""
        return cls(
            file=file,
            message=message,
            where=where,
            field=field,
            key=key,
            params=tuple(sorted(params.items())),
        )

    def __str__(self) -> str:
        parts = [self.file]
        if self.where:
            parts.append(self.where)
        if self.field:
            parts.append(f"field '{self.field}'")
        return f"{': '.join(parts)}: {self.message}"


@dataclass
class InputError(Exception):
    """Bad input: one or more problems, each naming file, place and field."""

    problems: list[Problem] = field(default_factory=list)

    def __init__(self, problems: Iterable[Problem] | Problem) -> None:
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems)
        super().__init__(self.__str__())

    @classmethod
    def single(
        cls, file: str, message: str, *, where: str | None = None, field: str | None = None
    ) -> InputError:
        return cls([Problem(file=file, message=message, where=where, field=field)])

    @classmethod
    def keyed(
        cls,
        file: str,
        key: str,
        message: str,
        *,
        where: str | None = None,
        field: str | None = None,
        **params: object,
    ) -> InputError:
        """One translatable problem (see :meth:`Problem.keyed`)."""
        return cls([Problem.keyed(file, key, message, where=where, field=field, **params)])

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class AccessDenied(Exception):
    """The acting user may not do this. The message is safe to show and reveals nothing."""


class NotFound(Exception):
    """A thing that does not exist (or that the user may not know exists)."""
