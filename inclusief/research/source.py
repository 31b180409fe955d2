"""Where research rows come from: the store (database) or a responses file.

The store's service ``research_rows(actor, questionnaire_id)`` checks the actor's role and
returns completed assessments with answers, scores and quasi-identifiers, without names.
This module is the one seam between the research core and the store: the CLI and the
researcher page call :func:`rows_from_store` and nothing else of the store.

What the research core needs from the store (the contract in :mod:`inclusief.research.rows`):
one row per completed assessment with ``organisation_id``, ``questionnaire_id``,
``questionnaire_version``, ``status``, ``sector``, ``size_class``, ``region`` (province),
``completed_at`` and one column per item id holding the answer code (NaN = skipped). A
long answers layout (one row per item, columns ``assessment_id``, ``item_id``, ``code``)
next to an assessments frame is accepted as well (:func:`normalise`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from typing import Any, cast

import pandas as pd

from inclusief.errors import InputError

STORE_MODULES = ("inclusief.store.service", "inclusief.store.repo", "inclusief.store")


class StoreUnavailable(InputError):
    """The store (database layer) is not installed or offers no ``research_rows``."""


def _service() -> Callable[..., Any]:
    for name in STORE_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        func = getattr(module, "research_rows", None)
        if callable(func):
            return cast(Callable[..., Any], func)
    raise StoreUnavailable.single(
        "database",
        "the store has no research_rows service yet; use --responses FILE",
    )  # type: ignore[return-value]


def normalise(result: Any) -> pd.DataFrame:
    """Whatever ``research_rows`` returns -> a frame in the research input contract."""
    if isinstance(result, pd.DataFrame):
        return result
    if isinstance(result, tuple) and len(result) == 2:
        assessments, answers = (pd.DataFrame(part) for part in result)
        wide = answers.pivot_table(
            index="assessment_id", columns="item_id", values="code", aggfunc="first"
        )
        return assessments.merge(wide, left_on="assessment_id", right_index=True, how="left")
    records = [dict(r) if isinstance(r, Mapping) else r for r in cast(Iterable[Any], result)]
    rows = []
    for record in records:
        if not isinstance(record, dict):
            record = {k: v for k, v in vars(record).items() if not k.startswith("_")}
        answers = record.pop("answers", None) or {}
        record.update(dict(answers))
        rows.append(record)
    return pd.DataFrame(rows)


def rows_from_store(*, actor: Any, questionnaire_id: str) -> pd.DataFrame:
    """Research rows from the database; the store checks the actor's role (it raises
    :class:`inclusief.errors.AccessDenied` for anyone who may not see research data)."""
    service = _service()
    return normalise(service(actor, questionnaire_id))
