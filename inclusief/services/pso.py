"""PSO-style ladder and Banenafspraak as a use case: calculations kept with an organisation."""

from __future__ import annotations

from typing import Any

from inclusief.services.access import Actor, assessment_for, log, org_for, session
from inclusief.store import pso_records
from inclusief.store.db import Store


def save_pso(
    *,
    actor: Actor,
    organisation_id: int,
    year: int,
    inputs: dict[str, Any],
    result: dict[str, Any],
    store: Store | None = None,
) -> int:
    with session(store) as s:
        org_for(s, actor, organisation_id)
        rec = pso_records.add(
            s, organisation_id=organisation_id, year=year, inputs=inputs, result=result
        )
        log(s, actor, "pso.save", "organisation", organisation_id)
        return rec.id


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
