"""Saved PSO and Banenafspraak calculations of an organisation."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inclusief.store.tables import PsoRecord


def add(
    s: Session, *, organisation_id: int, year: int, inputs: dict[str, Any], result: dict[str, Any]
) -> PsoRecord:
    rec = PsoRecord(organisation_id=organisation_id, year=year, inputs=inputs, result=result)
    s.add(rec)
    s.flush()
    return rec


def latest(s: Session, organisation_id: int) -> PsoRecord | None:
    return s.scalar(
        select(PsoRecord)
        .where(PsoRecord.organisation_id == organisation_id)
        .order_by(PsoRecord.id.desc())
        .limit(1)
    )


def of_organisation(s: Session, organisation_id: int) -> list[PsoRecord]:
    return list(
        s.scalars(
            select(PsoRecord)
            .where(PsoRecord.organisation_id == organisation_id)
            .order_by(PsoRecord.id)
        )
    )
