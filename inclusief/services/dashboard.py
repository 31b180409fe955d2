"""The consultant's dashboard: one row per organisation with what needs attention."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from inclusief.services.access import Actor, aware, require_role, session
from inclusief.store import organisations as organisation_rows
from inclusief.store import overview
from inclusief.store.db import Store
from inclusief.store.tables import utcnow


class OrganisationRow(BaseModel):
    id: int
    name: str
    municipality: str | None
    sector: str
    size_class: str
    region: str
    last_scan_at: datetime | None  # finished, else started
    last_scan_status: str | None  # open | finished
    last_scan_mode: str | None  # self | session
    open_actions: int
    open_invitations: int


def overview_rows(
    *, actor: Actor, search: str = "", store: Store | None = None
) -> list[OrganisationRow]:
    """The acting consultant's organisations by name; ``search`` keeps those whose name or
    municipality contains it, ignoring case."""
    with session(store) as s:
        p = require_role(s, actor, "consultant")
        orgs = organisation_rows.listed(s, consultant_id=p.id)
        needle = " ".join(search.split()).casefold()
        if needle:
            orgs = [
                o
                for o in orgs
                if needle in o.name.casefold() or needle in (o.municipality or "").casefold()
            ]
        ids = [o.id for o in orgs]
        last = {a.organisation_id: a for a in overview.assessments_of(s, ids)}  # newest wins
        actions = overview.open_actions(s, ids) if ids else {}
        links = overview.open_invitations(s, ids, utcnow()) if ids else {}
        rows = []
        for o in orgs:
            a = last.get(o.id)
            rows.append(
                OrganisationRow(
                    id=o.id,
                    name=o.name,
                    municipality=o.municipality,
                    sector=o.sector,
                    size_class=o.size_class,
                    region=o.region,
                    last_scan_at=aware(a.finished_at or a.created_at) if a else None,
                    last_scan_status=a.status if a else None,
                    last_scan_mode=a.mode if a else None,
                    open_actions=actions.get(o.id, 0),
                    open_invitations=links.get(o.id, 0),
                )
            )
        return rows
