"""Candidates of a consultant: their profile, capability levels with source, and consent.

Who may do what (checked here, in the core):

- a consultant sees and changes only the candidates they own;
- an employer (an invitation link) never sees a candidate's record or capability levels; it
  gets a fit summary (hours, half days, kinds of work) only when the candidate consented to
  share it with that named employer (consent (b));
- researchers and admins see no candidates.

Capability levels are health-derived data (AVG art. 9): they go to the carving only with
consent (a) (:func:`engine_candidates`, through the one conversion
:func:`inclusief.jobcarving.profiles.to_engine_candidate`). A withdrawal counts at once.
Deleting a candidate deletes everything under them; the audit keeps an entry without the
pseudonym. Audit entries name the fields changed, never their values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from sqlalchemy.orm import Session

from inclusief.errors import AccessDenied, InputError
from inclusief.jobcarving.profiles import (
    CapabilityLevel,
    EngineCandidate,
    Profile,
    check_capability,
    check_fields,
    engine_id,
    to_engine_candidate,
)
from inclusief.services.access import (
    DENIED,
    Actor,
    EmployerSession,
    check_invitation,
    log,
    org_for,
    require_role,
    session,
)
from inclusief.services.limits import clean_text
from inclusief.store import assessments as assessment_rows
from inclusief.store import candidates as rows
from inclusief.store import carving_projects
from inclusief.store import organisations as organisation_rows
from inclusief.store.db import Store
from inclusief.store.tables import CandidateRecord

ConsentKind = Literal["capabilities", "employer_summary", "research"]
CONSENT_KINDS: tuple[ConsentKind, ...] = ("capabilities", "employer_summary", "research")
How = Literal["app", "paper"]
FILE = "kandidaat"
EDITABLE = (
    "pseudonym",
    "organisation_id",
    "hours_min",
    "hours_max",
    "hours_wanted",
    "slots",
    "travel_mode",
    "travel_minutes",
    "likes",
    "dislikes",
    "support",
    "support_note",
    "strengths",
    "hourly_cost_eur",
)


@dataclass(frozen=True)
class ConsentView:
    id: int
    kind: str
    employer: str | None
    how: str
    given_at: datetime
    recorded_by: str
    withdrawn_at: datetime | None

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


@dataclass(frozen=True)
class CandidateView:
    """What the owning consultant sees of a candidate."""

    id: int
    pseudonym: str
    organisation_id: int | None
    hours_min: float
    hours_max: float
    hours_wanted: float | None
    slots: list[str]
    travel_mode: str | None
    travel_minutes: int | None
    likes: list[str]
    dislikes: list[str]
    support: list[str]
    support_note: str
    strengths: str
    hourly_cost_eur: float | None
    from_candidate: list[str]
    """Fields whose value the candidate gave in the intake ("van de kandidaat zelf")."""
    capabilities: dict[str, CapabilityLevel]
    consents: list[ConsentView] = field(default_factory=list)

    def has_consent(self, kind: str, employer: str | None = None) -> bool:
        return any(
            c.active and c.kind == kind and (employer is None or c.employer == employer)
            for c in self.consents
        )

    def profile(self) -> Profile:
        return Profile(
            id=self.id,
            pseudonym=self.pseudonym,
            hours_min=self.hours_min,
            hours_max=self.hours_max,
            hours_wanted=self.hours_wanted,
            slots=tuple(self.slots),
            travel_mode=self.travel_mode,
            travel_minutes=self.travel_minutes,
            likes=tuple(self.likes),
            dislikes=tuple(self.dislikes),
            support=tuple(self.support),
            hourly_cost_eur=self.hourly_cost_eur,
            capabilities=dict(self.capabilities),
        )


@dataclass(frozen=True)
class FitSummary:
    """What an employer may see, with consent (b) naming them: never capability levels."""

    pseudonym: str
    hours_min: float
    hours_max: float
    slots: list[str]
    likes: list[str]


# -- checks --------------------------------------------------------------------------------
def candidate_for(s: Session, actor: Actor, candidate_id: int) -> CandidateRecord:
    """The candidate, if the actor is the consultant who owns them (read now)."""
    p = require_role(s, actor, "consultant")
    row = rows.get(s, candidate_id)
    if row is None or row.consultant_id != p.id:
        raise AccessDenied(DENIED)  # the same answer for someone else's: reveals nothing
    return row


def _view(s: Session, row: CandidateRecord) -> CandidateView:
    return CandidateView(
        id=row.id,
        pseudonym=row.pseudonym,
        organisation_id=row.organisation_id,
        hours_min=row.hours_min,
        hours_max=row.hours_max,
        hours_wanted=row.hours_wanted,
        slots=list(row.slots or []),
        travel_mode=row.travel_mode,
        travel_minutes=row.travel_minutes,
        likes=list(row.likes or []),
        dislikes=list(row.dislikes or []),
        support=list(row.support or []),
        support_note=row.support_note or "",
        strengths=row.strengths or "",
        hourly_cost_eur=row.hourly_cost_eur,
        from_candidate=list(row.from_candidate or []),
        capabilities={
            c.dimension: CapabilityLevel(c.level, c.source) for c in rows.capabilities(s, row.id)
        },
        consents=[
            ConsentView(c.id, c.kind, c.employer, c.how, c.given_at, c.recorded_by, c.withdrawn_at)
            for c in rows.consents(s, row.id)
        ],
    )


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(fields) - set(EDITABLE))
    if unknown:
        raise InputError.single(FILE, "dit veld bestaat niet", field=unknown[0])
    out = dict(fields)
    if "pseudonym" in out:
        out["pseudonym"] = clean_text(
            str(out["pseudonym"]), file=FILE, field="pseudonym", required=True
        )
    for name in ("support_note", "strengths"):
        if name in out:
            out[name] = clean_text(str(out[name] or ""), file=FILE, field=name, kind="what")
    for name in ("hours_min", "hours_max", "hours_wanted", "hourly_cost_eur"):
        if isinstance(out.get(name), int) and not isinstance(out.get(name), bool):
            out[name] = float(out[name])
    for name in ("slots", "likes", "dislikes", "support"):
        if name in out:
            out[name] = list(dict.fromkeys(out[name] or []))
    return out


def _current(row: CandidateRecord) -> dict[str, Any]:
    return {
        "hours_min": row.hours_min,
        "hours_max": row.hours_max,
        "hours_wanted": row.hours_wanted,
        "likes": list(row.likes or []),
        "dislikes": list(row.dislikes or []),
    }


# -- candidates ----------------------------------------------------------------------------
def create_candidate(
    *,
    actor: Actor,
    pseudonym: str,
    hours_min: float,
    hours_max: float,
    store: Store | None = None,
    **fields: Any,
) -> int:
    """A new candidate of the acting consultant; bad values are refused naming the field."""
    values = _clean(
        {"pseudonym": pseudonym, "hours_min": hours_min, "hours_max": hours_max, **fields}
    )
    check_fields(values)
    with session(store) as s:
        p = require_role(s, actor, "consultant")
        if values.get("organisation_id") is not None:
            org_for(s, actor, int(values["organisation_id"]))
        row = rows.add(s, consultant_id=p.id, **values)
        log(s, actor, "candidate.create", "candidate", row.id, fields=sorted(values))
        return row.id


def list_candidates(*, actor: Actor, store: Store | None = None) -> list[CandidateView]:
    with session(store) as s:
        p = require_role(s, actor, "consultant")
        return [_view(s, r) for r in rows.of_consultant(s, p.id)]


def get_candidate(*, actor: Actor, candidate_id: int, store: Store | None = None) -> CandidateView:
    with session(store) as s:
        return _view(s, candidate_for(s, actor, candidate_id))


def update_candidate(
    *, actor: Actor, candidate_id: int, store: Store | None = None, **fields: Any
) -> None:
    """Change fields of a candidate; the audit names the fields changed (not their values).
    A field the consultant changes is no longer marked as the candidate's own."""
    values = _clean(fields)
    with session(store) as s:
        row = candidate_for(s, actor, candidate_id)
        check_fields(values, current=_current(row))
        if values.get("organisation_id") is not None:
            org_for(s, actor, int(values["organisation_id"]))
        changed = sorted(k for k, v in values.items() if getattr(row, k) != v)
        if not changed:
            return
        own = [f for f in (row.from_candidate or []) if f not in changed]
        rows.update(s, row, **values, from_candidate=own)
        log(s, actor, "candidate.update", "candidate", row.id, fields=changed)


def delete_candidate(*, actor: Actor, candidate_id: int, store: Store | None = None) -> None:
    """Delete a candidate and everything under them (AVG). The audit keeps that it happened
    and who did it, without the pseudonym.

    A carving project saved with this candidate holds a copy of them (pseudonym, levels):
    in the consultant's saved projects that copy is blanked (pseudonym replaced, levels and
    wishes removed) so the project still opens but says nothing about the person."""
    with session(store) as s:
        row = candidate_for(s, actor, candidate_id)
        scrubbed = _scrub_projects(s, row.consultant_id, engine_id(candidate_id), row.pseudonym)
        rows.remove(s, row)
        log(s, actor, "candidate.delete", "candidate", candidate_id, projects=scrubbed)


DELETED = "(verwijderde kandidaat)"


def _without_name(value: Any, name: str) -> Any:
    """``value`` (a saved result, any depth) with every mention of ``name`` blanked."""
    if isinstance(value, str):
        return value.replace(name, DELETED)
    if isinstance(value, dict):
        return {k: _without_name(v, name) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_name(v, name) for v in value]
    return value


def _scrub_projects(s: Session, consultant_id: int, cid: str, name: str) -> int:
    count = 0
    for org in organisation_rows.listed(s, consultant_id=consultant_id):
        for proj in carving_projects.of_organisation(s, org.id):
            cands = [dict(c) for c in proj.candidates or []]
            hit = [c for c in cands if isinstance(c, dict) and c.get("id") == cid]
            if not hit:
                continue
            for c in hit:
                c.update(pseudonym=DELETED, capabilities={}, likes=[], dislikes=[])
            proj.candidates = cands
            if proj.result:
                result = dict(proj.result)
                result["jobs"] = [
                    {**j, "pseudonym": DELETED} if j.get("candidate") == cid else j
                    for j in result.get("jobs", [])
                ]
                result["unassigned"] = [
                    {
                        **u,
                        "reasons": [
                            _without_name(r, name)
                            for r in u.get("reasons", [])
                            if r.get("candidate") != cid
                        ],
                    }
                    for u in result.get("unassigned", [])
                ]
                result["without_job"] = [
                    w
                    for w in result.get("without_job", [])
                    if not (isinstance(w, dict) and w.get("candidate") == cid)
                ]
                proj.result = _without_name(result, name)
            count += 1
    return count


# -- capability levels ---------------------------------------------------------------------
def set_capability(
    *,
    actor: Actor,
    candidate_id: int,
    dimension: str,
    level: int,
    source: str,
    store: Store | None = None,
) -> None:
    """Record a capability level with its source (``FML 12-03-2026, verzekeringsarts``)."""
    source = clean_text(source, file=FILE, field=f"capabilities.{dimension}.source", kind="who")
    check_capability(dimension, level, source)
    with session(store) as s:
        row = candidate_for(s, actor, candidate_id)
        rows.set_capability(
            s,
            candidate_id=row.id,
            dimension=dimension,
            level=level,
            source=source,
            recorded_by=actor.label,
        )
        rows.update(s, row)
        log(s, actor, "candidate.capability", "candidate", row.id, dimension=dimension)


def remove_capability(
    *, actor: Actor, candidate_id: int, dimension: str, store: Store | None = None
) -> None:
    with session(store) as s:
        row = candidate_for(s, actor, candidate_id)
        if rows.remove_capability(s, candidate_id=row.id, dimension=dimension):
            log(s, actor, "candidate.capability_remove", "candidate", row.id, dimension=dimension)


# -- consent -------------------------------------------------------------------------------
def _check_consent(kind: str, employer: str | None) -> str | None:
    if kind not in CONSENT_KINDS:
        raise InputError.single(FILE, f"'{kind}' is geen soort toestemming", field="consent")
    if kind == "employer_summary":
        return clean_text(employer or "", file=FILE, field="employer", kind="name", required=True)
    return None


def give_consent(
    s: Session, actor: Actor | str, candidate_id: int, kind: str, employer: str | None, how: How
) -> None:
    """Record a consent inside the caller's transaction (once: an active one stays)."""
    employer = _check_consent(kind, employer)
    active = [c for c in rows.active_consents(s, candidate_id, kind) if c.employer == employer]
    if active:
        return
    label = actor if isinstance(actor, str) else actor.label
    rows.add_consent(
        s, candidate_id=candidate_id, kind=kind, employer=employer, how=how, recorded_by=label
    )
    log(s, actor, "consent.give", "candidate", candidate_id, kind=kind, how=how)


def withdraw_consent_in(
    s: Session, actor: Actor | str, candidate_id: int, kind: str, employer: str | None
) -> int:
    """Withdraw an active consent inside the caller's transaction; from now on it counts no
    more. ``employer=None`` for (b) withdraws it for every employer."""
    if kind not in CONSENT_KINDS:
        raise InputError.single(FILE, f"'{kind}' is geen soort toestemming", field="consent")
    active = [
        c
        for c in rows.active_consents(s, candidate_id, kind)
        if employer is None or c.employer == employer
    ]
    label = actor if isinstance(actor, str) else actor.label
    count = rows.withdraw(active, by=label)
    if count:
        log(s, actor, "consent.withdraw", "candidate", candidate_id, kind=kind, count=count)
    return count


def record_consent(
    *,
    actor: Actor,
    candidate_id: int,
    kind: str,
    how: How = "paper",
    employer: str | None = None,
    store: Store | None = None,
) -> None:
    """The consultant records a consent the candidate gave (on paper, or with them in the app)."""
    if how not in ("app", "paper"):
        raise InputError.single(FILE, f"'{how}' kan niet; kies app of paper", field="how")
    with session(store) as s:
        row = candidate_for(s, actor, candidate_id)
        give_consent(s, actor, row.id, kind, employer, how)


def withdraw_consent(
    *,
    actor: Actor,
    candidate_id: int,
    kind: str,
    employer: str | None = None,
    store: Store | None = None,
) -> int:
    with session(store) as s:
        row = candidate_for(s, actor, candidate_id)
        return withdraw_consent_in(s, actor, row.id, kind, employer)


# -- the carving and the employer ----------------------------------------------------------
def engine_candidates(
    *, actor: Actor, candidate_ids: list[int], store: Store | None = None
) -> list[EngineCandidate]:
    """The carving engine's candidates for stored candidates of the acting consultant.

    Consent (a) is read now, in the same transaction: a withdrawal counts at once."""
    out = []
    with session(store) as s:
        for cid in candidate_ids:
            view = _view(s, candidate_for(s, actor, cid))
            out.append(
                to_engine_candidate(
                    view.profile(), capabilities_consent=view.has_consent("capabilities")
                )
            )
        log(s, actor, "candidate.carve", "candidate", None, candidates=list(candidate_ids))
    return out


def employer_fit_summary(
    *, actor: Actor, candidate_id: int, store: Store | None = None
) -> FitSummary:
    """For an employer's link: a summary without capability levels, only with consent (b)
    naming this employer (the organisation of the link's scan)."""
    if not isinstance(actor, EmployerSession):
        raise AccessDenied(DENIED)
    with session(store) as s:
        check_invitation(s, actor)
        assessment = assessment_rows.get(s, actor.assessment_id)
        org = organisation_rows.get(s, assessment.organisation_id) if assessment else None
        row = rows.get(s, candidate_id)
        if org is None or row is None or row.consultant_id != org.consultant_id:
            raise AccessDenied(DENIED)
        if not [
            c for c in rows.active_consents(s, row.id, "employer_summary") if c.employer == org.name
        ]:
            raise AccessDenied(DENIED)
        log(s, actor, "candidate.summary", "candidate", row.id)
        return FitSummary(
            row.pseudonym, row.hours_min, row.hours_max, list(row.slots), list(row.likes)
        )
