"""PSO-style ladder and Banenafspraak as a use case: calculate from the page's tables, and
keep one calculation per organisation and reference year, followed over the years.

A calculation is saved with its reference year; saving the same year again replaces it in
every read (the latest per year wins), so the trend holds one point per year.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
from pydantic import ValidationError

from inclusief.pso.data import SectorChoice
from inclusief.pso.inputs import (
    SupplierProfile,
    TableInfo,
    parse_purchases,
    parse_workforce,
    read_upload,
    table_info,
)
from inclusief.pso.outcome import PsoOutcome, calculate
from inclusief.pso.quality import score_quality
from inclusief.pso.trend import TrendPoint, TrendTable, pdf_trend, trend_points
from inclusief.services.access import Actor, assessment_for, log, org_for, session
from inclusief.store import pso_records
from inclusief.store.db import Store


def calculate_from_tables(
    *,
    workforce: pd.DataFrame,
    workforce_file: str,
    year: int,
    size: float,
    sector: SectorChoice,
    action_plan: bool = False,
    purchases: tuple[str, bytes] | None = None,
    supplier: tuple[float, float, float] | None = None,
    quality_answers: Mapping[str, int | None] | None = None,
    read_as: TableInfo | None = None,
    lang: str = "nl",
) -> PsoOutcome:
    """The PSO page's calculation: the (edited) workforce table, an optional purchases
    upload (name, bytes), a supplier profile (turnover, fte, direct %) used only when all
    three are given, and the quality answers when any was given. Bad input raises
    :class:`~inclusief.errors.InputError` naming file, row and column."""
    employees = parse_workforce(workforce, file=workforce_file)
    inputs = [read_as] if read_as is not None else []
    bought = None
    if purchases is not None:
        frame = read_upload(purchases[0], purchases[1])
        inputs.append(table_info(frame, file=purchases[0]))
        bought = parse_purchases(frame, file=purchases[0])
    profile = (
        SupplierProfile(turnover_eur=supplier[0], fte=supplier[1], direct_pct=supplier[2])
        if supplier is not None and all(v > 0 for v in supplier)
        else None
    )
    answers = dict(quality_answers or {})
    quality = (
        score_quality(answers, lang=lang) if any(v is not None for v in answers.values()) else None
    )
    return calculate(
        employees=employees,
        year=year,
        size=size,
        purchases=bought,
        action_plan=action_plan,
        supplier=profile,
        quality=quality,
        sector=sector,
        inputs=inputs,
    )


def save_pso(
    *,
    actor: Actor,
    organisation_id: int,
    year: int,
    inputs: dict[str, Any],
    result: dict[str, Any],
    store: Store | None = None,
) -> int:
    """Keep one calculation with the organisation for its reference year ``year``."""
    with session(store) as s:
        org_for(s, actor, organisation_id)
        rec = pso_records.add(
            s, organisation_id=organisation_id, year=year, inputs=inputs, result=result
        )
        log(s, actor, "pso.save", "organisation", organisation_id, year=year)
        return rec.id


def save_outcome(
    *, actor: Actor, organisation_id: int, outcome: PsoOutcome, store: Store | None = None
) -> int:
    """:func:`save_pso` for a calculated outcome (the page's and the CLI's way)."""
    return save_pso(
        actor=actor,
        organisation_id=organisation_id,
        year=outcome.ladder.year,
        inputs={"employees": len(outcome.ladder.employees)},
        result=outcome.model_dump(mode="json"),
        store=store,
    )


def latest_pso(
    *, actor: Actor, organisation_id: int, store: Store | None = None
) -> dict[str, Any] | None:
    with session(store) as s:
        org_for(s, actor, organisation_id)
        rec = pso_records.latest(s, organisation_id)
        return (
            None if rec is None else {"year": rec.year, "inputs": rec.inputs, "result": rec.result}
        )


def latest_pso_for_assessment(
    *, actor: Actor, assessment_id: int, store: Store | None = None
) -> dict[str, Any] | None:
    """The latest saved PSO calculation of the assessment's organisation, for its report.

    Whoever may see the assessment may see it: the consultant who owns the organisation, and
    the employer through the invitation (the organisation's own PSO indication)."""
    with session(store) as s:
        a = assessment_for(s, actor, assessment_id)
        rec = pso_records.latest(s, a.organisation_id)
        return (
            None if rec is None else {"year": rec.year, "inputs": rec.inputs, "result": rec.result}
        )


def _per_year(records: list[Any]) -> list[PsoOutcome]:
    """The latest readable calculation of each reference year, oldest year first. A record
    saved in a shape this version no longer reads is left out (it cannot be drawn)."""
    latest: dict[int, PsoOutcome] = {}
    for rec in records:  # oldest first: a later save of the same year replaces the earlier
        try:
            latest[rec.year] = PsoOutcome.model_validate(rec.result)
        except ValidationError:
            continue
    return [latest[y] for y in sorted(latest)]


def pso_history(
    *, actor: Actor, organisation_id: int, store: Store | None = None
) -> list[PsoOutcome]:
    """One calculation per reference year (the latest saved), oldest year first."""
    with session(store) as s:
        org_for(s, actor, organisation_id)
        return _per_year(pso_records.of_organisation(s, organisation_id))


def pso_trend(
    *, actor: Actor, organisation_id: int, store: Store | None = None
) -> list[TrendPoint]:
    """The organisation's PSO and Banenafspraak over the years, one point per year."""
    return trend_points(pso_history(actor=actor, organisation_id=organisation_id, store=store))


def pso_trend_for_assessment(
    *, actor: Actor, assessment_id: int, lang: str = "nl", store: Store | None = None
) -> TrendTable | None:
    """The last three reference years of the assessment's organisation for its PDF (None
    with fewer than two years), to whoever may see the assessment."""
    with session(store) as s:
        a = assessment_for(s, actor, assessment_id)
        outcomes = _per_year(pso_records.of_organisation(s, a.organisation_id))
    return pdf_trend(trend_points(outcomes), lang=lang)
