"""The audit log: who did what to which object, and when. Entries are only ever added."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inclusief.store.tables import AuditEntry


def record(
    s: Session, actor: str, action: str, object_type: str, object_id: int | None, **details: Any
) -> None:
    """Add one entry in the caller's transaction. ``actor`` is a label: ``user:3``, ``cli``."""
    s.add(
        AuditEntry(
            actor=actor,
            action=action,
            object_type=object_type,
            object_id=object_id,
            details=details,
        )
    )


def entries(s: Session, *, object_type: str | None = None) -> list[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.id)
    if object_type is not None:
        query = query.where(AuditEntry.object_type == object_type)
    return list(s.scalars(query))
