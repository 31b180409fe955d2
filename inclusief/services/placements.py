"""Placements and their follow-up: who may see what, and the store and domain together.

- A **consultant** sees the placements they follow (``consultant_id``) and those at the
  organisations they own; nobody else's. Admins and researchers see no placement (a
  researcher gets anonymised figures only, :mod:`inclusief.services.followup_research`).
- A **check-in link** (:class:`CheckinSession`, opened from a token as an employer's
  invitation is) is worth exactly one check-in: the worker's or the employer's.

``today`` (and ``now``) can be passed in everywhere (an injected clock for the tests and
the two-year simulation); by default they are the current UTC date and time.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal

from pydantic import BaseModel
from sqlalchemy.orm import Session

from inclusief.errors import AccessDenied, InputError
from inclusief.followup.codes import codes, schedule
from inclusief.followup.model import (
    QUESTIONNAIRE_OF,
    RESPONDENTS,
    CheckinFacts,
    EventFacts,
    HoursChange,
    PlacementFacts,
    Respondent,
    SchemeUse,
)
from inclusief.followup.schedule import Due, open_due, plan_for
from inclusief.followup.signals import Signal, evaluate, rulebook
from inclusief.questionnaires.model import Questionnaire
from inclusief.questionnaires.scoring import score_one
from inclusief.services.access import (
    DENIED,
    INVALID_LINK,
    Actor,
    Principal,
    aware,
    log,
    org_for,
    require_role,
    session,
)
from inclusief.services.limits import clean_text
from inclusief.services.scan import questionnaire_in
from inclusief.settings import get_settings
from inclusief.store import carving_projects
from inclusief.store import placements as rows
from inclusief.store.db import Store
from inclusief.store.tables import (
    Organisation,
    Placement,
    PlacementCheckin,
    PlacementEntry,
    utcnow,
)

FILE = "plaatsing"
MAX_HOURS = 60.0
Mode = Literal["link", "jobcoach", "session"]
MODES: tuple[Mode, ...] = ("link", "jobcoach", "session")
EntryKind = Literal["note", "action", "event", "hours"]


class CheckinSession(BaseModel):
    """A worker or employer who opened a check-in link: one check-in only."""

    link_id: int
    checkin_id: int

    @property
    def label(self) -> str:
        return f"checkin_link:{self.link_id}"


CheckinActor = Actor | CheckinSession


def _today(today: date | None) -> date:
    return today or datetime.now(UTC).date()


# -- views ---------------------------------------------------------------------------------
class SchemeView(BaseModel):
    code: str
    until: date | None = None


class PlacementView(BaseModel):
    id: int
    organisation_id: int
    organisation_name: str
    consultant_id: int
    candidate_pseudonym: str
    candidate_id: int | None
    carving_project_id: int | None
    job_title: str
    start_date: date
    contract_type: str
    hours_per_week: float
    current_hours: float
    route: str
    schemes: list[SchemeView]
    jobcoach: str | None
    contact_person: str | None
    contract_end: date | None
    decision: str | None
    end_date: date | None
    end_reason: str | None

    @property
    def active(self) -> bool:
        return self.end_date is None


class CheckinView(BaseModel):
    id: int
    placement_id: int
    point: str
    respondent: Respondent
    mode: str
    questionnaire_id: str
    questionnaire_version: str
    answers: dict[str, int | None]
    comment: str | None
    status: str
    overall: float | None
    scores: dict[str, float | None] | None
    finished_at: datetime | None
    # what the respondent may see: the job and the employer, never notes or signals
    job_title: str
    organisation_name: str


class DueView(BaseModel):
    placement_id: int
    candidate_pseudonym: str
    organisation_name: str
    point: str
    respondent: Respondent
    due: date
    status: str
    checkin_id: int | None


class SignalView(BaseModel):
    signal: Signal
    candidate_pseudonym: str
    organisation_name: str


class EntryView(BaseModel):
    id: int
    kind: str
    on: date
    text: str
    event_kind: str | None
    hours: float | None
    who: str | None
    due: date | None
    done: bool
    signal_key: str | None


class TimelineItem(BaseModel):
    on: date
    kind: str  # start | checkin | signal | note | action | event | hours | decision | end
    title: str
    detail: str = ""
    level: str | None = None
    ref: int | None = None


# -- access --------------------------------------------------------------------------------
def _owned(s: Session, p: Principal, placement: Placement) -> bool:
    if placement.consultant_id == p.id:
        return True
    org = s.get(Organisation, placement.organisation_id)
    return org is not None and org.consultant_id == p.id


def placement_for(s: Session, actor: Actor, placement_id: int) -> Placement:
    """The placement, if the actor is the consultant who follows it or owns its employer."""
    p = require_role(s, actor, "consultant")
    placement = rows.get(s, placement_id)
    if placement is None or not _owned(s, p, placement):
        raise AccessDenied(DENIED)  # the same answer for a missing and a foreign one
    return placement


def check_link(s: Session, cs: CheckinSession) -> None:
    link = rows.get_link(s, cs.link_id)
    expires = aware(link.expires_at) if link else None
    if link is None or link.revoked_at is not None or expires is None or expires <= utcnow():
        raise AccessDenied(INVALID_LINK)
    if link.checkin_id != cs.checkin_id:
        raise AccessDenied(DENIED)


def checkin_for(s: Session, actor: CheckinActor, checkin_id: int) -> PlacementCheckin:
    if isinstance(actor, CheckinSession):
        if actor.checkin_id != checkin_id:
            raise AccessDenied(DENIED)
        check_link(s, actor)
        found = rows.get_checkin(s, checkin_id)
        if found is None:
            raise AccessDenied(INVALID_LINK)
        return found
    found = rows.get_checkin(s, checkin_id)
    if found is None:
        raise AccessDenied(DENIED)
    placement_for(s, actor, found.placement_id)
    return found


# -- conversions ---------------------------------------------------------------------------
def _schemes(raw: Sequence[Any]) -> list[SchemeView]:
    out = []
    for item in raw or []:
        until = item.get("until")
        out.append(
            SchemeView(code=str(item["code"]), until=date.fromisoformat(until) if until else None)
        )
    return out


def _view(p: Placement, org: Organisation, entries: Sequence[PlacementEntry] = ()) -> PlacementView:
    hours, day = p.hours_per_week, _today(None)
    for e in sorted((e for e in entries if e.kind == "hours"), key=lambda e: (e.on, e.id)):
        if e.hours is not None and e.on <= day:
            hours = e.hours
    return PlacementView(
        id=p.id,
        organisation_id=p.organisation_id,
        organisation_name=org.name,
        consultant_id=p.consultant_id,
        candidate_pseudonym=p.candidate_pseudonym,
        candidate_id=p.candidate_id,
        carving_project_id=p.carving_project_id,
        job_title=p.job_title,
        start_date=p.start_date,
        contract_type=p.contract_type,
        hours_per_week=p.hours_per_week,
        current_hours=hours,
        route=p.route,
        schemes=_schemes(p.schemes),
        jobcoach=p.jobcoach,
        contact_person=p.contact_person,
        contract_end=p.contract_end,
        decision=p.decision,
        end_date=p.end_date,
        end_reason=p.end_reason,
    )


def _checkin_view(c: PlacementCheckin, p: Placement, org_name: str) -> CheckinView:
    return CheckinView(
        id=c.id,
        placement_id=c.placement_id,
        point=c.point,
        respondent=c.respondent,  # type: ignore[arg-type]
        mode=c.mode,
        questionnaire_id=c.questionnaire_id,
        questionnaire_version=c.questionnaire_version,
        answers={str(k): (None if v is None else int(v)) for k, v in (c.answers or {}).items()},
        comment=c.comment,
        status=c.status,
        overall=c.overall,
        scores=c.scores,
        finished_at=aware(c.finished_at),
        job_title=p.job_title,
        organisation_name=org_name,
    )


def _facts(
    s: Session,
    p: Placement,
    checkins: Sequence[PlacementCheckin],
    entries: Sequence[PlacementEntry],
) -> PlacementFacts:
    cfacts = []
    for c in checkins:
        finished = aware(c.finished_at)
        cfacts.append(
            CheckinFacts(
                id=c.id,
                point=c.point,
                respondent=c.respondent,  # type: ignore[arg-type]
                questionnaire=questionnaire_in(s, c.questionnaire_id, c.questionnaire_version),
                answers={str(k): v for k, v in (c.answers or {}).items()},
                finished_on=finished.date() if finished and c.status == "finished" else None,
                overall=c.overall,
            )
        )
    return PlacementFacts(
        id=p.id,
        start=p.start_date,
        hours=p.hours_per_week,
        end=p.end_date,
        contract_end=p.contract_end,
        decision=p.decision,
        schemes=tuple(SchemeUse(v.code, v.until) for v in _schemes(p.schemes)),
        hours_changes=tuple(
            HoursChange(e.on, e.hours) for e in entries if e.kind == "hours" and e.hours is not None
        ),
        checkins=tuple(cfacts),
        events=tuple(
            EventFacts(e.id, e.event_kind or "", e.on, e.text) for e in entries if e.kind == "event"
        ),
    )


def _closed(entries: Sequence[PlacementEntry]) -> set[str]:
    return {e.signal_key for e in entries if e.kind == "action" and e.signal_key}


def _mine(
    s: Session, actor: Actor, *, active_only: bool = False
) -> list[tuple[Placement, Organisation]]:
    p = require_role(s, actor, "consultant")
    return rows.listed(s, consultant_id=p.id, active_only=active_only)


def _bundle(
    s: Session, pairs: Sequence[tuple[Placement, Organisation]]
) -> tuple[dict[int, list[PlacementCheckin]], dict[int, list[PlacementEntry]]]:
    ids = [p.id for p, _ in pairs]
    checkins: dict[int, list[PlacementCheckin]] = {i: [] for i in ids}
    entries: dict[int, list[PlacementEntry]] = {i: [] for i in ids}
    for c in rows.checkins_of(s, ids):
        checkins[c.placement_id].append(c)
    for e in rows.entries_of(s, ids):
        entries[e.placement_id].append(e)
    return checkins, entries


# -- input checks --------------------------------------------------------------------------
def _check_hours(hours: float, field: str = "hours_per_week") -> float:
    if not 0 < hours <= MAX_HOURS:
        raise InputError.single(
            FILE,
            f"uren per week moeten tussen 0 en {MAX_HOURS:g} liggen (was {hours:g})",
            field=field,
        )
    return float(hours)


def _check_schemes(schemes: Sequence[SchemeView | dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i, raw in enumerate(schemes):
        item = raw if isinstance(raw, SchemeView) else SchemeView.model_validate(raw)
        codes().check("schemes", item.code, file=FILE, field=f"schemes[{i}]")
        if item.code in seen:
            raise InputError.single(
                FILE, f"regeling '{item.code}' staat er twee keer in", field=f"schemes[{i}]"
            )
        seen.add(item.code)
        out.append({"code": item.code, "until": item.until.isoformat() if item.until else None})
    return out


def _optional_text(value: str | None, field: str, kind: str) -> str | None:
    if value is None:
        return None
    return clean_text(value, file=FILE, field=field, kind=kind) or None


# -- placements ----------------------------------------------------------------------------
def add_placement(
    *,
    actor: Actor,
    organisation_id: int,
    candidate_pseudonym: str,
    start_date: date,
    contract_type: str,
    hours_per_week: float,
    route: str,
    job_title: str = "",
    carving_project_id: int | None = None,
    candidate_id: int | None = None,
    schemes: Sequence[SchemeView | dict[str, Any]] = (),
    jobcoach: str | None = None,
    contact_person: str | None = None,
    contract_end: date | None = None,
    store: Store | None = None,
) -> PlacementView:
    """A new placement at an organisation the consultant owns. The job is a carving
    project of that organisation or a free job title (at least one of them)."""
    pseudonym = clean_text(
        candidate_pseudonym, file=FILE, field="candidate_pseudonym", kind="pseudonym", required=True
    )
    title = clean_text(job_title, file=FILE, field="job_title", kind="project_name")
    c = codes()
    c.check("contract_types", contract_type, file=FILE, field="contract_type")
    c.check("routes", route, file=FILE, field="route")
    hours = _check_hours(hours_per_week)
    scheme_rows = _check_schemes(schemes)
    if contract_end is not None and contract_end <= start_date:
        raise InputError.single(
            FILE, "de einddatum van het contract ligt niet na de startdatum", field="contract_end"
        )
    with session(store) as s:
        p = require_role(s, actor, "consultant")
        org = org_for(s, actor, organisation_id)
        if carving_project_id is not None:
            project = carving_projects.get(s, carving_project_id)
            if project is None or project.organisation_id != org.id:
                raise InputError.single(
                    FILE,
                    "dit jobcarving-project hoort niet bij deze organisatie",
                    field="carving_project_id",
                )
            title = title or project.name
        if not title:
            raise InputError.single(
                FILE, "geef een functienaam of kies een jobcarving-project", field="job_title"
            )
        row = rows.add(
            s,
            organisation_id=org.id,
            consultant_id=p.id,
            candidate_pseudonym=pseudonym,
            candidate_id=candidate_id,
            carving_project_id=carving_project_id,
            job_title=title,
            start_date=start_date,
            contract_type=contract_type,
            hours_per_week=hours,
            route=route,
            schemes=scheme_rows,
            jobcoach=_optional_text(jobcoach, "jobcoach", "who"),
            contact_person=_optional_text(contact_person, "contact_person", "who"),
            contract_end=contract_end,
        )
        log(s, actor, "placement.add", "placement", row.id, organisation=org.id)
        return _view(row, org)


def list_placements(
    *, actor: Actor, active_only: bool = False, store: Store | None = None
) -> list[PlacementView]:
    with session(store) as s:
        pairs = _mine(s, actor, active_only=active_only)
        _, entries = _bundle(s, pairs)
        return [_view(p, o, entries[p.id]) for p, o in pairs]


def get_placement(*, actor: Actor, placement_id: int, store: Store | None = None) -> PlacementView:
    with session(store) as s:
        p = placement_for(s, actor, placement_id)
        org = s.get(Organisation, p.organisation_id)
        assert org is not None
        return _view(p, org, rows.entries_of(s, [p.id]))


def end_placement(
    *,
    actor: Actor,
    placement_id: int,
    end_date: date,
    reason: str,
    store: Store | None = None,
) -> PlacementView:
    codes().check("end_reasons", reason, file=FILE, field="end_reason")
    with session(store) as s:
        p = placement_for(s, actor, placement_id)
        if end_date < p.start_date:
            raise InputError.single(FILE, "de einddatum ligt voor de startdatum", field="end_date")
        if p.end_date is not None:
            raise InputError.single(
                FILE,
                f"deze plaatsing is al beëindigd op {p.end_date.isoformat()}",
                field="end_date",
            )
        p.end_date, p.end_reason = end_date, reason
        for c in rows.checkins_of(s, [p.id]):
            rows.revoke_links(s, c.id)
        log(s, actor, "placement.end", "placement", p.id, reason=reason)
        org = s.get(Organisation, p.organisation_id)
        assert org is not None
        return _view(p, org, rows.entries_of(s, [p.id]))


def set_decision(
    *,
    actor: Actor,
    placement_id: int,
    decision: str | None,
    contract_end: date | None = None,
    on: date | None = None,
    store: Store | None = None,
) -> None:
    """Record the decision on a temporary contract (renew, permanent, stop), and optionally
    a new contract end date (a renewal); the decision goes on the timeline on ``on``."""
    if decision is not None:
        codes().check("decisions", decision, file=FILE, field="decision")
    with session(store) as s:
        p = placement_for(s, actor, placement_id)
        if contract_end is not None and contract_end <= p.start_date:
            raise InputError.single(
                FILE,
                "de einddatum van het contract ligt niet na de startdatum",
                field="contract_end",
            )
        p.decision = decision
        text = ""
        if contract_end is not None:
            p.contract_end = contract_end
            text = contract_end.isoformat()
            if decision == "verlengen":
                p.decision = None  # a renewed contract has a new end date and needs a new decision
        rows.add_entry(
            s,
            placement_id=p.id,
            kind="decision",
            on=max(_today(on), p.start_date),
            text=text,
            event_kind=decision,  # the decision code, translated on the timeline
            created_by=actor.id if isinstance(actor, Principal) else None,
        )
        log(s, actor, "placement.decision", "placement", p.id, decision=decision)


def add_entry(
    *,
    actor: Actor,
    placement_id: int,
    kind: EntryKind,
    on: date,
    text: str = "",
    event_kind: str | None = None,
    hours: float | None = None,
    who: str | None = None,
    due: date | None = None,
    signal_key: str | None = None,
    store: Store | None = None,
) -> EntryView:
    """A note, an action (optionally closing a signal by its key), an event or an hours
    change on the placement's timeline."""
    if kind not in ("note", "action", "event", "hours"):
        raise InputError.single(FILE, f"onbekende soort '{kind}'", field="kind")
    body = clean_text(
        text, file=FILE, field="text", kind="note", required=kind in ("note", "action")
    )
    if kind == "event":
        known = {e.code for e in rulebook().events}
        if event_kind not in known:
            raise InputError.single(
                FILE,
                f"onbekende gebeurtenis '{event_kind}' (bekend: {', '.join(sorted(known))})",
                field="event_kind",
            )
    if kind == "hours":
        if hours is None:
            raise InputError.single(FILE, "geef het nieuwe aantal uren per week", field="hours")
        hours = _check_hours(hours, "hours")
    if signal_key is not None:
        signal_key = clean_text(signal_key, file=FILE, field="signal_key", kind="who")
    with session(store) as s:
        p = placement_for(s, actor, placement_id)
        if on < p.start_date:
            raise InputError.single(
                FILE, "deze datum ligt voor de start van de plaatsing", field="on"
            )
        entry = rows.add_entry(
            s,
            placement_id=p.id,
            kind=kind,
            on=on,
            text=body,
            event_kind=event_kind if kind == "event" else None,
            hours=hours if kind == "hours" else None,
            who=_optional_text(who, "who", "who"),
            due=due,
            signal_key=signal_key if kind == "action" else None,
            created_by=actor.id if isinstance(actor, Principal) else None,
        )
        log(s, actor, f"placement.{kind}", "placement", p.id, entry=entry.id)
        return EntryView.model_validate(entry, from_attributes=True)


def set_action_done(*, actor: Actor, entry_id: int, done: bool, store: Store | None = None) -> None:
    with session(store) as s:
        entry = rows.get_entry(s, entry_id)
        if entry is None or entry.kind != "action":
            raise AccessDenied(DENIED)
        placement_for(s, actor, entry.placement_id)
        entry.done = done
        log(
            s,
            actor,
            "placement.action_done" if done else "placement.action_reopen",
            "placement",
            entry.placement_id,
            entry=entry.id,
        )


# -- check-ins -----------------------------------------------------------------------------
def start_checkin(
    *,
    actor: Actor,
    placement_id: int,
    point: str,
    respondent: Respondent,
    mode: Mode = "session",
    store: Store | None = None,
) -> CheckinView:
    """The check-in of ``respondent`` at ``point``: the existing one, or a new open one."""
    try:
        schedule().point(point)
    except KeyError:
        known = ", ".join(p.id for p in schedule().points)
        raise InputError.single(
            FILE, f"onbekend check-in-moment '{point}' (bekend: {known})", field="point"
        ) from None
    if respondent not in RESPONDENTS:
        raise InputError.single(FILE, f"onbekende invuller '{respondent}'", field="respondent")
    if mode not in MODES:
        raise InputError.single(FILE, f"onbekende manier '{mode}'", field="mode")
    with session(store) as s:
        p = placement_for(s, actor, placement_id)
        if p.end_date is not None:
            raise InputError.single(
                FILE, "deze plaatsing is beëindigd; er zijn geen check-ins meer", field="placement"
            )
        org = s.get(Organisation, p.organisation_id)
        assert org is not None
        found = rows.find_checkin(s, placement_id=p.id, point=point, respondent=respondent)
        if found is None:
            q = questionnaire_in(s, QUESTIONNAIRE_OF[respondent], None)
            found = rows.add_checkin(
                s,
                placement_id=p.id,
                point=point,
                respondent=respondent,
                mode=mode,
                questionnaire_id=q.id,
                questionnaire_version=q.version,
                answers={},
                status="open",
            )
            log(s, actor, "checkin.start", "checkin", found.id, placement=p.id, point=point)
        elif found.status == "open" and found.mode != mode:
            found.mode = mode
        return _checkin_view(found, p, org.name)


def create_checkin_link(
    *, actor: Actor, checkin_id: int, days: int | None = None, store: Store | None = None
) -> str:
    """A link token for one check-in (256 random bits; only its hash is stored)."""
    if days is not None and days < 1:
        raise InputError.single(FILE, "een link moet minstens 1 dag geldig zijn", field="days")
    token = secrets.token_urlsafe(32)
    with session(store) as s:
        p = require_role(s, actor, "consultant")
        c = checkin_for(s, actor, checkin_id)
        if c.status != "open":
            raise InputError.single(FILE, "deze check-in is al ingevuld", field="checkin")
        c.mode = "link"
        link = rows.add_link(
            s,
            checkin_id=c.id,
            token=token,
            created_by=p.id,
            expires_at=utcnow()
            + timedelta(days=get_settings().token_days if days is None else days),
        )
        log(s, actor, "checkin.link", "checkin", c.id, link=link.id)
    return token


def checkin_link(token: str) -> str:
    return f"{get_settings().base_url.rstrip('/')}/?checkin={token}"


def open_checkin_by_token(token: str, *, store: Store | None = None) -> CheckinSession:
    if not token or len(token) > 200:
        raise AccessDenied(INVALID_LINK)
    with session(store) as s:
        link = rows.link_by_token(s, token)
        if link is None:
            raise AccessDenied(INVALID_LINK)
        cs = CheckinSession(link_id=link.id, checkin_id=link.checkin_id)
        check_link(s, cs)
        link.last_used_at = utcnow()
        return cs


def get_checkin(*, actor: CheckinActor, checkin_id: int, store: Store | None = None) -> CheckinView:
    with session(store) as s:
        c = checkin_for(s, actor, checkin_id)
        p = rows.get(s, c.placement_id)
        assert p is not None
        org = s.get(Organisation, p.organisation_id)
        assert org is not None
        return _checkin_view(c, p, org.name)


def checkin_questionnaire(
    *, actor: CheckinActor, checkin_id: int, store: Store | None = None
) -> Questionnaire:
    with session(store) as s:
        c = checkin_for(s, actor, checkin_id)
        return questionnaire_in(s, c.questionnaire_id, c.questionnaire_version)


def save_checkin_answer(
    *,
    actor: CheckinActor,
    checkin_id: int,
    item_id: str,
    value: int | None,
    store: Store | None = None,
) -> None:
    with session(store) as s:
        c = checkin_for(s, actor, checkin_id)
        if c.status != "open":
            raise InputError.single(
                FILE, "deze check-in is al ingevuld en kan niet meer veranderen", field=item_id
            )
        q = questionnaire_in(s, c.questionnaire_id, c.questionnaire_version)
        try:
            scale = q.scale(q.item(item_id).scale)
        except KeyError:
            raise InputError.single(FILE, f"onbekende vraag '{item_id}'", field="item_id") from None
        allowed = scale.codes + ([scale.dont_know.code] if scale.dont_know else [])
        if value is not None and value not in allowed:
            raise InputError.single(
                FILE,
                f"{value} is geen antwoord op deze vraag "
                f"(mogelijk: {', '.join(map(str, allowed))})",
                field=item_id,
            )
        answers = dict(c.answers or {})
        answers[item_id] = value
        c.answers = answers  # a new dict, so the JSON column is written


def finish_checkin(
    *,
    actor: CheckinActor,
    checkin_id: int,
    comment: str | None = None,
    now: datetime | None = None,
    store: Store | None = None,
) -> CheckinView:
    """Score the check-in with the questionnaire engine and close it (and its links)."""
    text = clean_text(comment or "", file=FILE, field="comment", kind="note") or None
    with session(store) as s:
        c = checkin_for(s, actor, checkin_id)
        if c.status != "open":
            raise InputError.single(FILE, "deze check-in is al ingevuld", field="checkin")
        q = questionnaire_in(s, c.questionnaire_id, c.questionnaire_version)
        answers = {k: v for k, v in (c.answers or {}).items() if k in q.item_ids}
        if not any(v is not None for v in answers.values()):
            raise InputError.single(FILE, "er is nog geen vraag beantwoord", field="answers")
        result = score_one(questionnaire=q, answers=answers)
        c.overall = result.overall_index
        c.scores = {d.id: d.score for d in result.dimensions}
        c.comment = text
        c.status = "finished"
        c.finished_at = now or utcnow()
        rows.revoke_links(s, c.id)
        log(
            s,
            actor if not isinstance(actor, CheckinSession) else actor.label,
            "checkin.finish",
            "checkin",
            c.id,
        )
        p = rows.get(s, c.placement_id)
        assert p is not None
        org = s.get(Organisation, p.organisation_id)
        assert org is not None
        return _checkin_view(c, p, org.name)


# -- dashboard: due check-ins, signals, timeline -------------------------------------------
def due_checkins(
    *, actor: Actor, days: int = 7, today: date | None = None, store: Store | None = None
) -> list[DueView]:
    """Check-ins due within ``days`` days, due now or overdue, over the consultant's active
    placements; overdue first, then by date."""
    if days < 0:
        raise InputError.single("followup due", "--days mag niet negatief zijn", field="days")
    day = _today(today)
    with session(store) as s:
        pairs = _mine(s, actor, active_only=True)
        checkins, entries = _bundle(s, pairs)
        out: list[DueView] = []
        for p, org in pairs:
            facts = _facts(s, p, checkins[p.id], entries[p.id])
            for d in open_due(facts, day, days=days):
                out.append(_due_view(d, p, org))
    order = {"overdue": 0, "due": 1, "upcoming": 2}
    return sorted(out, key=lambda d: (order.get(d.status, 3), d.due, d.placement_id, d.respondent))


def _due_view(d: Due, p: Placement, org: Organisation) -> DueView:
    return DueView(
        placement_id=p.id,
        candidate_pseudonym=p.candidate_pseudonym,
        organisation_name=org.name,
        point=d.point,
        respondent=d.respondent,
        due=d.due,
        status=d.status,
        checkin_id=d.checkin_id,
    )


def open_signals(
    *, actor: Actor, today: date | None = None, lang: str = "nl", store: Store | None = None
) -> list[SignalView]:
    """Open signals over the consultant's active placements, urgent first."""
    day = _today(today)
    with session(store) as s:
        pairs = _mine(s, actor, active_only=True)
        checkins, entries = _bundle(s, pairs)
        out: list[SignalView] = []
        for p, org in pairs:
            facts = _facts(s, p, checkins[p.id], entries[p.id])
            for sig in evaluate(facts, day, lang=lang, closed=_closed(entries[p.id])):
                out.append(
                    SignalView(
                        signal=sig,
                        candidate_pseudonym=p.candidate_pseudonym,
                        organisation_name=org.name,
                    )
                )
    return sorted(out, key=lambda v: (-v.signal.rank, v.signal.on, v.signal.placement_id))


def placement_signals(
    *,
    actor: Actor,
    placement_id: int,
    today: date | None = None,
    lang: str = "nl",
    store: Store | None = None,
) -> list[Signal]:
    with session(store) as s:
        p = placement_for(s, actor, placement_id)
        entries = rows.entries_of(s, [p.id])
        facts = _facts(s, p, rows.checkins_of(s, [p.id]), entries)
        return evaluate(facts, _today(today), lang=lang, closed=_closed(entries))


def checkin_plan(
    *, actor: Actor, placement_id: int, today: date | None = None, store: Store | None = None
) -> list[Due]:
    """Every check-in point of the placement with its status."""
    with session(store) as s:
        p = placement_for(s, actor, placement_id)
        facts = _facts(s, p, rows.checkins_of(s, [p.id]), rows.entries_of(s, [p.id]))
        return plan_for(facts, _today(today))


def list_checkins(
    *, actor: Actor, placement_id: int, store: Store | None = None
) -> list[CheckinView]:
    with session(store) as s:
        p = placement_for(s, actor, placement_id)
        org = s.get(Organisation, p.organisation_id)
        assert org is not None
        return [_checkin_view(c, p, org.name) for c in rows.checkins_of(s, [p.id])]


def list_entries(*, actor: Actor, placement_id: int, store: Store | None = None) -> list[EntryView]:
    with session(store) as s:
        p = placement_for(s, actor, placement_id)
        return [
            EntryView.model_validate(e, from_attributes=True) for e in rows.entries_of(s, [p.id])
        ]


def timeline(
    *,
    actor: Actor,
    placement_id: int,
    today: date | None = None,
    lang: str = "nl",
    store: Store | None = None,
) -> list[TimelineItem]:
    """Everything that happened, in date order: start, check-ins with scores, signals (open
    now), notes, actions, events, hours changes, the decision and the end."""
    from inclusief.formatting import num
    from inclusief.i18n import t

    day = _today(today)
    c = codes()
    with session(store) as s:
        p = placement_for(s, actor, placement_id)
        checkins = rows.checkins_of(s, [p.id])
        entries = rows.entries_of(s, [p.id])
        facts = _facts(s, p, checkins, entries)
        signals = evaluate(facts, day, lang=lang, closed=_closed(entries))
        items = [
            TimelineItem(
                on=p.start_date,
                kind="start",
                title=t("followup.tl_start", lang),
                detail=f"{p.job_title} · {hours_text(p.hours_per_week, lang)}",
            )
        ]
        book = rulebook()
        for ch in checkins:
            finished = aware(ch.finished_at)
            if ch.status != "finished" or finished is None:
                continue
            score = "-" if ch.overall is None else num(ch.overall, 0, lang)
            items.append(
                TimelineItem(
                    on=finished.date(),
                    kind="checkin",
                    title=t(
                        "followup.tl_checkin",
                        lang,
                        point=schedule().point(ch.point).label.get(lang),
                        who=t(f"followup.respondent_{ch.respondent}", lang),
                    ),
                    detail=t("followup.tl_score", lang, score=score)
                    + (f" · {ch.comment}" if ch.comment else ""),
                    ref=ch.id,
                )
            )
        for e in entries:
            if e.kind == "hours":
                detail = hours_text(e.hours or 0, lang)
                title = t("followup.tl_hours", lang)
            elif e.kind == "event":
                title, detail = book.event_label(e.event_kind or "", lang), e.text
            elif e.kind == "decision":
                title = t("followup.tl_decision", lang)
                detail = c.label("decisions", e.event_kind, lang) + (
                    f" ({t('followup.f_contract_end', lang).lower()}: {e.text})" if e.text else ""
                )
            elif e.kind == "action":
                title = t("followup.tl_action_done" if e.done else "followup.tl_action", lang)
                detail = e.text + (f" ({e.who})" if e.who else "")
            else:
                title, detail = t("followup.tl_note", lang), e.text
            items.append(TimelineItem(on=e.on, kind=e.kind, title=title, detail=detail, ref=e.id))
        for sig in signals:
            items.append(
                TimelineItem(
                    on=min(sig.on, day),
                    kind="signal",
                    title=sig.title,
                    detail=sig.explanation,
                    level=sig.level,
                )
            )
        if p.end_date is not None:
            items.append(
                TimelineItem(
                    on=p.end_date,
                    kind="end",
                    title=t("followup.tl_end", lang),
                    detail=c.label("end_reasons", p.end_reason, lang),
                )
            )
    order = {
        "start": 0,
        "checkin": 1,
        "hours": 2,
        "event": 3,
        "note": 4,
        "action": 5,
        "signal": 6,
        "decision": 7,
        "end": 8,
    }
    return sorted(items, key=lambda i: (i.on, order.get(i.kind, 9)))


def hours_text(hours: float, lang: str) -> str:
    """``24 uur per week``, ``25,5 uur per week``."""
    from inclusief.formatting import num
    from inclusief.i18n import t

    return f"{num(hours, 1 if hours % 1 else 0, lang)} {t('followup.hours_short', lang)}"


def at_noon(day: date) -> datetime:
    """A UTC moment on ``day`` (for the injected clock of tests and demo data)."""
    return datetime.combine(day, time(12, 0), tzinfo=UTC)


# -- the command line ----------------------------------------------------------------------
def consultants_for_cli(email: str | None = None, *, store: Store | None = None) -> list[Principal]:
    """The consultants a command run with shell access acts as: the one with ``email``, or
    every active consultant (the server sees all, as ``inclusief user list`` does)."""
    from inclusief.errors import NotFound
    from inclusief.store import accounts as account_rows
    from inclusief.store.tables import User

    with session(store) as s:
        if email is not None:
            user = account_rows.by_email(s, email.strip().lower())
            if user is None or not user.active or user.role != "consultant":
                raise NotFound(f"no active consultant with email {email}")
            users = [user]
        else:
            from sqlalchemy import select

            users = list(
                s.scalars(
                    select(User)
                    .where(User.role == "consultant", User.active.is_(True))
                    .order_by(User.id)
                )
            )
        return [Principal(id=u.id, email=u.email, role="consultant") for u in users]


def owner_for_cli(
    *,
    placement_id: int | None = None,
    organisation_id: int | None = None,
    action: str,
    store: Store | None = None,
) -> Principal:
    """The consultant who follows a placement (or owns an organisation), for the command
    line; the use is written to the audit log as ``cli``. An unknown id raises NotFound."""
    from inclusief.errors import NotFound
    from inclusief.store import accounts as account_rows

    with session(store) as s:
        owner_id: int | None = None
        if placement_id is not None:
            p = rows.get(s, placement_id)
            owner_id = p.consultant_id if p is not None else None
            what = f"placement {placement_id}"
        else:
            org = s.get(Organisation, organisation_id) if organisation_id is not None else None
            owner_id = org.consultant_id if org is not None else None
            what = f"organisation {organisation_id}"
        owner = account_rows.by_id(s, owner_id) if owner_id is not None else None
        if owner is None:
            raise NotFound(f"{what} does not exist")
        log(
            s,
            "cli",
            action,
            "placement" if placement_id else "organisation",
            placement_id or organisation_id,
        )
        return Principal(id=owner.id, email=owner.email, role="consultant")
