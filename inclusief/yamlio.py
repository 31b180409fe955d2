"""One safe YAML loader for every definition and data file (ground floor).

``yaml.safe_load`` alone lets three kinds of bad input through:

- **deep nesting**: PyYAML builds nodes recursively, so ``[[[[...]]]]`` 50,000 deep ends in a
  ``RecursionError`` traceback. Here nesting deeper than :data:`MAX_DEPTH` is refused while
  the file is read, before any recursion can run out of stack.
- **duplicate keys**: YAML 1.2 forbids them, PyYAML silently keeps the last (``weight:``
  given twice). Refused, naming the key and both lines.
- **non-finite numbers**: ``.inf``, ``-.inf``, ``.nan`` (and ``1e999``, which overflows to
  infinity) are valid YAML floats but no amount, weight or level in Inclusief can be
  infinite. Refused, naming the line.

Every problem is an :class:`~inclusief.errors.InputError` naming the file and the line.

>>> load_yaml("a: 1\\nb: [2, 3]\\n", file="x.yaml")
{'a': 1, 'b': [2, 3]}
>>> load_yaml("a: 1\\na: 2\\n", file="x.yaml")
Traceback (most recent call last):
...
inclusief.errors.InputError: x.yaml: line 2: key 'a' is given twice (first on line 1)
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

from inclusief.errors import InputError, Problem

MAX_DEPTH = 100
"""Deepest nesting of lists and mappings accepted; real files use fewer than 10 levels."""


class _Refused(Exception):
    """A problem found while composing or constructing; turned into an InputError."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def _line(node: Node) -> int | None:
    mark = node.start_mark
    return mark.line + 1 if mark is not None else None


class _SafeLoader(yaml.SafeLoader):
    """SafeLoader with a depth limit, duplicate-key and non-finite-number checks."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:  # type: ignore[override]
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise _Refused(
                    f"nested more than {MAX_DEPTH} levels deep",
                    mark.line + 1 if mark is not None else None,
                )
            return super().compose_node(parent, index)  # type: ignore[no-any-return]
        finally:
            self._depth -= 1

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int | None] = {}
        for key_node, _value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                continue  # PyYAML itself reports an unhashable key
            if key in seen:
                first = seen[key]
                where = f" (first on line {first})" if first is not None else ""
                raise _Refused(f"key '{key}' is given twice{where}", _line(key_node))
            seen[key] = _line(key_node)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_float(self, node: ScalarNode) -> float:
        value = float(super().construct_yaml_float(node))
        if not math.isfinite(value):
            raise _Refused(
                f"'{node.value}' is not a finite number (infinity and NaN are not allowed)",
                _line(node),
            )
        return value


_SafeLoader.add_constructor("tag:yaml.org,2002:float", _SafeLoader.construct_yaml_float)


def load_yaml(text: str, *, file: str) -> Any:
    """Parse YAML text safely; every problem is an :class:`InputError` naming ``file``."""
    loader = _SafeLoader(text)
    try:
        return loader.get_single_data()
    except _Refused as exc:
        where = f"line {exc.line}" if exc.line is not None else None
        raise InputError([Problem(file=file, message=exc.message, where=where)]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark is not None else None
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise InputError.single(file, f"malformed YAML: {problem}", where=where) from None
    except RecursionError:  # pragma: no cover - the depth limit comes first
        raise InputError.single(file, "nested too deeply") from None
    finally:
        loader.dispose()


def load_yaml_file(path: str | Path) -> Any:
    """Read and parse a YAML file (UTF-8); a missing or unreadable file is an InputError."""
    path = Path(path)
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError.single(file, "file not found") from None
    except IsADirectoryError:
        raise InputError.single(file, "is a folder, not a YAML file") from None
    except UnicodeDecodeError:
        raise InputError.single(file, "the file is not UTF-8 text") from None
    except OSError as exc:
        raise InputError.single(file, f"cannot read: {exc.strerror}") from None
    return load_yaml(text, file=file)
