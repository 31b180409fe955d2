"""Organisations: create, list, reassign, and the AVG export and delete."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from inclusief.errors import InputError, NotFound, Problem
from inclusief.questionnaires.regions import (
    known_municipality,
    municipalities,
    official_municipality,
    region_data,
)
from inclusief.services.access import Actor, log, org_for, require_role, session
from inclusief.services.limits import clean_text
from inclusief.services.notes import ActionView
from inclusief.services.scan import view as assessment_view
from inclusief.store import accounts, carving_projects, notes, placements, pso_records
from inclusief.store import assessments as assessment_rows
from inclusief.store import organisations as organisation_rows
from inclusief.store.db import Store

# Codes that the research generalisation (inclusief/research/generalisation.yaml) knows.
SECTORS = (
    "onderwijs",
    "zorg",
    "overheid",
    "industrie",
    "bouw",
    "handel",
    "logistiek",
    "horeca",
    "ict",
    "zakelijke dienstverlening",
    "landbouw",
    "cultuur",
)
SIZE_CLASSES = ("1-9", "10-49", "50-99", "100-249", "250-499", "500+")
PROVINCES = (
    "Groningen",
    "Friesland",
    "Drenthe",
    "Overijssel",
    "Flevoland",
    "Gelderland",
    "Utrecht",
    "Noord-Holland",
    "Zuid-Holland",
    "Zeeland",
    "Noord-Brabant",
    "Limburg",
)


def municipality_options() -> list[str]:
    """The municipalities an organisation can name (the region data's list, sorted)."""
    return municipalities()


class OrganisationView(BaseModel):
    id: int
    name: str
    sector: str
    size_class: str
    region: str
    consultant_id: int
    municipality: str | None = None

    @property
    def label(self) -> str:
        """The name, with the municipality when there is one (tells namesakes apart)."""
        return f"{self.name} ({self.municipality})" if self.municipality else self.name


def create_organisation(
    *,
    actor: Actor,
    name: str,
    sector: str,
    size_class: str,
    region: str,
    municipality: str | None = None,
    store: Store | None = None,
) -> OrganisationView:
    """A new organisation of the acting consultant. ``municipality`` (optional) gives its
    arbeidsmarktregio, so the advice names its own werkgeversservicepunt; it must be a
    municipality of the region data (stored in the data's own spelling).

    Two of one consultant's organisations may share a name only when their municipalities
    differ: the same name in the same (or no) municipality is refused, so that every row on
    the dashboard can be told apart."""
    problems = []
    if not name.strip():
        problems.append(("name", "the name is empty"))
    if sector not in SECTORS:
        problems.append(("sector", f"unknown sector '{sector}'"))
    if size_class not in SIZE_CLASSES:
        problems.append(("size_class", f"unknown size class '{size_class}'"))
    if region not in PROVINCES:
        problems.append(("region", f"unknown province '{region}'"))
    if municipality is not None and municipality.strip():
        if known_municipality(municipality):
            municipality = official_municipality(municipality)
        else:
            problems.append(
                (
                    "municipality",
                    f"gemeente: '{municipality.strip()[:80]}' staat niet in de lijst van "
                    f"gemeenten ({region_data().year}). Controleer de spelling.",
                )
            )
    else:
        municipality = None
    if problems:
        raise InputError([Problem("organisation", msg, field=f) for f, msg in problems])
    name = clean_text(name, file="organisation", field="name")
    place = clean_text(municipality or "", file="organisation", field="municipality") or None
    with session(store) as s:
        p = require_role(s, actor, "consultant")
        for other in organisation_rows.listed(s, consultant_id=p.id):
            if _same(other.name, name) and _same(other.municipality or "", place or ""):
                raise InputError.keyed(
                    "organisation",
                    "org.namesake_in" if place else "org.namesake",
                    f"you already have an organisation '{name}'"
                    + (f" in {place}" if place else "")
                    + "; fill in a (different) municipality to tell them apart",
                    field="municipality" if place else "name",
                    name=name,
                    place=place or "",
                )
        org = organisation_rows.add(
            s,
            name=name,
            sector=sector,
            size_class=size_class,
            region=region,
            consultant_id=p.id,
            municipality=municipality,
        )
        org.municipality = place
        log(s, actor, "organisation.create", "organisation", org.id)
        return OrganisationView.model_validate(org, from_attributes=True)


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def list_organisations(*, actor: Actor, store: Store | None = None) -> list[OrganisationView]:
    with session(store) as s:
        p = require_role(s, actor, "consultant", "admin")
        rows = organisation_rows.listed(s, consultant_id=p.id if p.role == "consultant" else None)
        return [OrganisationView.model_validate(o, from_attributes=True) for o in rows]


def get_organisation(
    *, actor: Actor, organisation_id: int, store: Store | None = None
) -> OrganisationView:
    with session(store) as s:
        return OrganisationView.model_validate(
            org_for(s, actor, organisation_id, admin_ok=True), from_attributes=True
        )


def reassign_organisation(
    *, actor: Actor, organisation_id: int, consultant_id: int, store: Store | None = None
) -> None:
    with session(store) as s:
        require_role(s, actor, "admin")
        org = organisation_rows.get(s, organisation_id)
        target = accounts.by_id(s, consultant_id)
        if org is None or target is None or target.role != "consultant":
            raise NotFound("organisation or consultant")
        org.consultant_id = consultant_id
        log(s, actor, "organisation.reassign", "organisation", org.id, to=consultant_id)


def delete_organisation(*, actor: Actor, organisation_id: int, store: Store | None = None) -> None:
    """AVG: delete the organisation with everything under it; keep an audit entry (no name)."""
    with session(store) as s:
        org = org_for(s, actor, organisation_id, admin_ok=True)
        n = organisation_rows.delete_with_everything(s, org)
        log(s, actor, "organisation.delete", "organisation", organisation_id, assessments=n)


def export_organisation(
    *, actor: Actor, organisation_id: int, store: Store | None = None
) -> dict[str, Any]:
    """AVG: everything stored about one organisation, as JSON-able data."""
    with session(store) as s:
        org = org_for(s, actor, organisation_id, admin_ok=True)
        out: dict[str, Any] = {
            "organisation": OrganisationView.model_validate(org, from_attributes=True).model_dump()
        }
        assessments = []
        for a in assessment_rows.of_organisation(s, org.id):
            assessments.append(
                {
                    **assessment_view(a).model_dump(mode="json"),
                    "answers": assessment_rows.answers(s, a.id),
                    "support_needs": assessment_rows.support_needs(s, a.id),
                    "notes": notes.notes(s, a.id),
                    "actions": [
                        ActionView.model_validate(x, from_attributes=True).model_dump(mode="json")
                        for x in notes.actions(s, a.id)
                    ],
                }
            )
        out["assessments"] = assessments
        out["pso"] = [
            {"year": r.year, "inputs": r.inputs, "result": r.result}
            for r in pso_records.of_organisation(s, org.id)
        ]
        out["carving_projects"] = [
            {
                "name": c.name,
                "inventory": c.inventory,
                "candidates": c.candidates,
                "result": c.result,
            }
            for c in carving_projects.of_organisation(s, org.id)
        ]
        out["placements"] = _placements_export(s, org.id)
        log(s, actor, "organisation.export", "organisation", org.id)
        return out


def _row(obj: Any) -> dict[str, Any]:
    """An ORM row's columns as JSON-able values."""
    out: dict[str, Any] = {}
    for column in obj.__table__.columns:
        value = getattr(obj, column.key)
        out[column.key] = value.isoformat() if hasattr(value, "isoformat") else value
    return out


def _placements_export(s: Any, organisation_id: int) -> list[dict[str, Any]]:
    """The organisation's placements with their check-ins and timeline (AVG export)."""
    rows = [p for p, o in placements.listed(s) if o.id == organisation_id]
    ids = [p.id for p in rows]
    checkins = placements.checkins_of(s, ids) if ids else []
    entries = placements.entries_of(s, ids) if ids else []
    return [
        {
            **_row(p),
            "checkins": [_row(c) for c in checkins if c.placement_id == p.id],
            "timeline": [_row(e) for e in entries if e.placement_id == p.id],
        }
        for p in rows
    ]
