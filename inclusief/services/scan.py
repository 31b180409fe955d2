"""Store services: every read and write, with access checked here, not in the pages.

Each function takes the acting principal as ``actor``:

- :class:`Principal` (a logged-in user): ``consultant`` sees only organisations they own and
  everything under them; ``researcher`` only :func:`research_rows` (no names); ``admin``
  users, reassignment and questionnaire versions; may read organisations (to reassign them)
  and export or delete one for an AVG request (when its consultant is not available).
- :class:`EmployerSession` (opened from an invitation token): only that one assessment and
  its result.

A refusal raises :class:`inclusief.errors.AccessDenied` with a plain message that reveals
nothing about other organisations.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal

import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel
from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from inclusief.errors import AccessDenied, InputError, NotFound
from inclusief.questionnaires.load import load_shipped, load_text, shipped_ids
from inclusief.questionnaires.model import Questionnaire
from inclusief.questionnaires.progress import ScanProgress, check_answer, first_open_step, n_steps
from inclusief.questionnaires.results import ScanResult
from inclusief.questionnaires.scoring import score_one
from inclusief.settings import get_settings
from inclusief.store.db import Store, default_store
from inclusief.store.tables import (
    ActionItem,
    Answer,
    Assessment,
    AuditEntry,
    CarvingProject,
    Invitation,
    Note,
    Organisation,
    PsoRecord,
    QuestionnaireVersion,
    User,
    utcnow,
)

Role = Literal["consultant", "researcher", "admin"]
ROLES: tuple[Role, ...] = ("consultant", "researcher", "admin")
DENIED = "U heeft geen toegang tot deze gegevens."
INVALID_LINK = "Deze link is niet (meer) geldig. Vraag uw adviseur om een nieuwe link."
INVALID_LINK_EN = "This link is not (or no longer) valid. Ask your adviser for a new link."
LOGIN_FAILED = "E-mailadres of wachtwoord klopt niet, of het account is tijdelijk geblokkeerd."
MIN_PASSWORD = 10
_hasher = PasswordHasher()


class Principal(BaseModel):
    """A logged-in user."""

    id: int
    email: str
    role: Role

    @property
    def label(self) -> str:
        return f"user:{self.id}"


class EmployerSession(BaseModel):
    """An employer who opened an invitation link: one assessment only."""

    invitation_id: int
    assessment_id: int

    @property
    def label(self) -> str:
        return f"invitation:{self.invitation_id}"


Actor = Principal | EmployerSession


class OrganisationView(BaseModel):
    id: int
    name: str
    sector: str
    size_class: str
    region: str
    consultant_id: int


class AssessmentView(BaseModel):
    id: int
    organisation_id: int
    questionnaire_id: str
    questionnaire_version: str
    mode: str
    status: str
    step: int
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None
    answered: int = 0


class ActionView(BaseModel):
    id: int
    what: str
    who: str
    due: date | None
    done: bool


class UserView(BaseModel):
    id: int
    email: str
    role: str
    active: bool


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


# -- plumbing ------------------------------------------------------------------------------
def _store(store: Store | None) -> Store:
    return store or default_store()


@contextmanager
def _session(store: Store | None) -> Iterator[Session]:
    with _store(store).session() as s:
        yield s


def _audit(
    s: Session,
    actor: Actor | str,
    action: str,
    object_type: str,
    object_id: int | None,
    **details: Any,
) -> None:
    label = actor if isinstance(actor, str) else actor.label
    s.add(
        AuditEntry(
            actor=label,
            action=action,
            object_type=object_type,
            object_id=object_id,
            details=details,
        )
    )


def _require_role(actor: Actor, *roles: Role) -> Principal:
    if not isinstance(actor, Principal) or actor.role not in roles:
        raise AccessDenied(DENIED)
    return actor


def _org_for(
    s: Session, actor: Actor, organisation_id: int, *, admin_ok: bool = False
) -> Organisation:
    p = _require_role(actor, "consultant", "admin")
    org = s.get(Organisation, organisation_id)
    if org is None:
        raise AccessDenied(DENIED)  # same answer as for someone else's: reveals nothing
    if p.role == "consultant" and org.consultant_id != p.id:
        raise AccessDenied(DENIED)
    if p.role == "admin" and not admin_ok:
        raise AccessDenied(DENIED)
    return org


def _assessment_for(
    s: Session, actor: Actor, assessment_id: int, *, employer_ok: bool = True
) -> Assessment:
    a = s.get(Assessment, assessment_id)
    if a is None:
        raise AccessDenied(DENIED)
    if isinstance(actor, EmployerSession):
        if not employer_ok or actor.assessment_id != assessment_id:
            raise AccessDenied(DENIED)
        _check_invitation(s, actor.invitation_id)
        return a
    _org_for(s, actor, a.organisation_id)
    return a


def _view(a: Assessment, answered: int = 0) -> AssessmentView:
    return AssessmentView(
        id=a.id,
        organisation_id=a.organisation_id,
        questionnaire_id=a.questionnaire_id,
        questionnaire_version=a.questionnaire_version,
        mode=a.mode,
        status=a.status,
        step=a.step,
        created_at=a.created_at,
        updated_at=a.updated_at,
        finished_at=a.finished_at,
        answered=answered,
    )


def _aware(value: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes; everything we write is UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


# -- users and login -----------------------------------------------------------------------
def _norm_email(email: str) -> str:
    email = email.strip().lower()
    if "@" not in email or len(email) > 254:
        raise InputError.single("user", f"'{email}' is not an email address", field="email")
    return email


def create_user(
    *, email: str, password: str, role: Role, actor: Actor | None = None, store: Store | None = None
) -> UserView:
    """Add a user. ``actor`` None means the command line (someone with shell access)."""
    if actor is not None:
        _require_role(actor, "admin")
    if role not in ROLES:
        raise InputError.single(
            "user", f"unknown role '{role}' (known: {', '.join(ROLES)})", field="role"
        )
    if len(password) < MIN_PASSWORD:
        raise InputError.single(
            "user", f"the password needs at least {MIN_PASSWORD} characters", field="password"
        )
    email = _norm_email(email)
    with _session(store) as s:
        if s.scalar(select(User).where(User.email == email)) is not None:
            raise InputError.single("user", f"{email} already exists", field="email")
        user = User(email=email, password_hash=_hasher.hash(password), role=role, active=True)
        s.add(user)
        s.flush()
        _audit(s, actor or "cli", "user.create", "user", user.id, role=role)
        return UserView(id=user.id, email=user.email, role=user.role, active=user.active)


def list_users(*, actor: Actor | None, store: Store | None = None) -> list[UserView]:
    if actor is not None:
        _require_role(actor, "admin")
    with _session(store) as s:
        return [
            UserView(id=u.id, email=u.email, role=u.role, active=u.active)
            for u in s.scalars(select(User).order_by(User.id))
        ]


def set_user_active(
    *, actor: Actor, user_id: int, active: bool, store: Store | None = None
) -> None:
    _require_role(actor, "admin")
    with _session(store) as s:
        user = s.get(User, user_id)
        if user is None:
            raise NotFound("user")
        user.active = active
        _audit(s, actor, "user.active" if active else "user.deactivate", "user", user_id)


def authenticate(
    email: str, password: str, *, store: Store | None = None, now: datetime | None = None
) -> Principal:
    """Check a password; lock the account for a while after repeated failures.

    Every refusal gives the same message, so it does not reveal whether the email exists
    or the account is locked.
    """
    settings = get_settings()
    now = now or utcnow()
    with _session(store) as s:
        user = s.scalar(select(User).where(User.email == email.strip().lower()))
        if user is None or not user.active:
            _hasher.hash(password)  # spend the same time as a real check
            raise AccessDenied(LOGIN_FAILED)
        locked = _aware(user.locked_until)
        if locked is not None and locked > now:
            raise AccessDenied(LOGIN_FAILED)
        try:
            _hasher.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            # an atomic increment in the database: two failed logins at the same moment
            # both count (a read-modify-write in Python lost one of them)
            failed = s.execute(
                update(User)
                .where(User.id == user.id)
                .values(failed_logins=User.failed_logins + 1)
                .returning(User.failed_logins)
                .execution_options(synchronize_session=False)
            ).scalar_one()
            if failed >= settings.lockout_attempts:
                s.execute(
                    update(User)
                    .where(User.id == user.id)
                    .values(
                        locked_until=now + timedelta(minutes=settings.lockout_minutes),
                        failed_logins=0,
                    )
                    .execution_options(synchronize_session=False)
                )
                _audit(s, f"user:{user.id}", "login.locked", "user", user.id)
            principal = None  # raise after the commit: raising here rolled the count back
        else:
            user.failed_logins = 0
            user.locked_until = None
            if _hasher.check_needs_rehash(user.password_hash):
                user.password_hash = _hasher.hash(password)
            _audit(s, f"user:{user.id}", "login", "user", user.id)
            principal = Principal(id=user.id, email=user.email, role=user.role)  # type: ignore[arg-type]
    if principal is None:
        raise AccessDenied(LOGIN_FAILED)
    return principal


def owner_for_cli(
    assessment_id: int, *, action: str, store: Store | None = None, **details: Any
) -> Principal:
    """The consultant who owns an assessment, for a command run with shell access.

    The command line (someone with access to the server, like ``inclusief user add``) acts
    as the owning consultant would: it sees what they see, notes and action plan included.
    The use is written to the audit log as ``cli``. An unknown id raises NotFound.
    """
    with _session(store) as s:
        a = s.get(Assessment, assessment_id)
        org = s.get(Organisation, a.organisation_id) if a is not None else None
        owner = s.get(User, org.consultant_id) if org is not None else None
        if a is None or owner is None:
            raise NotFound(f"assessment {assessment_id} does not exist")
        _audit(s, "cli", action, "assessment", a.id, **details)
        return Principal(id=owner.id, email=owner.email, role="consultant")


def principal_for_email(email: str, *, store: Store | None = None) -> Principal | None:
    """The active user with this email (for OIDC logins), or None."""
    with _session(store) as s:
        user = s.scalar(select(User).where(User.email == email.strip().lower()))
        if user is None or not user.active:
            return None
        return Principal(id=user.id, email=user.email, role=user.role)  # type: ignore[arg-type]


# -- organisations -------------------------------------------------------------------------
def create_organisation(
    *,
    actor: Actor,
    name: str,
    sector: str,
    size_class: str,
    region: str,
    store: Store | None = None,
) -> OrganisationView:
    p = _require_role(actor, "consultant")
    problems = []
    if not name.strip():
        problems.append(("name", "the name is empty"))
    if sector not in SECTORS:
        problems.append(("sector", f"unknown sector '{sector}'"))
    if size_class not in SIZE_CLASSES:
        problems.append(("size_class", f"unknown size class '{size_class}'"))
    if region not in PROVINCES:
        problems.append(("region", f"unknown province '{region}'"))
    if problems:
        from inclusief.errors import Problem

        raise InputError([Problem("organisation", msg, field=f) for f, msg in problems])
    with _session(store) as s:
        org = Organisation(
            name=name.strip(),
            sector=sector,
            size_class=size_class,
            region=region,
            consultant_id=p.id,
        )
        s.add(org)
        s.flush()
        _audit(s, actor, "organisation.create", "organisation", org.id)
        return OrganisationView.model_validate(org, from_attributes=True)


def list_organisations(*, actor: Actor, store: Store | None = None) -> list[OrganisationView]:
    p = _require_role(actor, "consultant", "admin")
    with _session(store) as s:
        query = select(Organisation).order_by(Organisation.name)
        if p.role == "consultant":
            query = query.where(Organisation.consultant_id == p.id)
        return [OrganisationView.model_validate(o, from_attributes=True) for o in s.scalars(query)]


def get_organisation(
    *, actor: Actor, organisation_id: int, store: Store | None = None
) -> OrganisationView:
    with _session(store) as s:
        return OrganisationView.model_validate(
            _org_for(s, actor, organisation_id, admin_ok=True), from_attributes=True
        )


def reassign_organisation(
    *, actor: Actor, organisation_id: int, consultant_id: int, store: Store | None = None
) -> None:
    _require_role(actor, "admin")
    with _session(store) as s:
        org = s.get(Organisation, organisation_id)
        target = s.get(User, consultant_id)
        if org is None or target is None or target.role != "consultant":
            raise NotFound("organisation or consultant")
        org.consultant_id = consultant_id
        _audit(s, actor, "organisation.reassign", "organisation", org.id, to=consultant_id)


def delete_organisation(*, actor: Actor, organisation_id: int, store: Store | None = None) -> None:
    """AVG: delete the organisation with everything under it; keep an audit entry (no name)."""
    with _session(store) as s:
        org = _org_for(s, actor, organisation_id, admin_ok=True)
        ids = list(s.scalars(select(Assessment.id).where(Assessment.organisation_id == org.id)))
        # explicit deletes as well, so the result does not depend on the driver's FK support
        if ids:
            for table in (Answer, Note, ActionItem, Invitation):
                s.execute(delete(table).where(table.assessment_id.in_(ids)))
            s.execute(delete(Assessment).where(Assessment.id.in_(ids)))
        for table2 in (PsoRecord, CarvingProject):
            s.execute(delete(table2).where(table2.organisation_id == org.id))
        s.delete(org)
        _audit(
            s, actor, "organisation.delete", "organisation", organisation_id, assessments=len(ids)
        )


def export_organisation(
    *, actor: Actor, organisation_id: int, store: Store | None = None
) -> dict[str, Any]:
    """AVG: everything stored about one organisation, as JSON-able data."""
    with _session(store) as s:
        org = _org_for(s, actor, organisation_id, admin_ok=True)
        out: dict[str, Any] = {
            "organisation": OrganisationView.model_validate(org, from_attributes=True).model_dump()
        }
        assessments = []
        for a in s.scalars(select(Assessment).where(Assessment.organisation_id == org.id)):
            answers = {
                x.item_id: x.value
                for x in s.scalars(select(Answer).where(Answer.assessment_id == a.id))
            }
            notes = {
                n.dimension_id: n.text
                for n in s.scalars(select(Note).where(Note.assessment_id == a.id))
            }
            actions = [
                ActionView.model_validate(x, from_attributes=True).model_dump(mode="json")
                for x in s.scalars(select(ActionItem).where(ActionItem.assessment_id == a.id))
            ]
            assessments.append(
                {
                    **_view(a).model_dump(mode="json"),
                    "answers": answers,
                    "support_needs": a.support_needs,
                    "notes": notes,
                    "actions": actions,
                }
            )
        out["assessments"] = assessments
        out["pso"] = [
            {"year": r.year, "inputs": r.inputs, "result": r.result}
            for r in s.scalars(select(PsoRecord).where(PsoRecord.organisation_id == org.id))
        ]
        out["carving_projects"] = [
            {
                "name": c.name,
                "inventory": c.inventory,
                "candidates": c.candidates,
                "result": c.result,
            }
            for c in s.scalars(
                select(CarvingProject).where(CarvingProject.organisation_id == org.id)
            )
        ]
        _audit(s, actor, "organisation.export", "organisation", org.id)
        return out


# -- questionnaires ------------------------------------------------------------------------
def get_questionnaire(
    questionnaire_id: str, version: str | None = None, *, store: Store | None = None
) -> Questionnaire:
    """The stored version asked for, else the active stored one, else the shipped one."""
    with _session(store) as s:
        return _get_questionnaire(s, questionnaire_id, version)


# (database, id, version) -> definition. A stored id + version never changes (unique, and an
# upload may not reuse a shipped version), so explicit versions can be kept; saves ask for
# one on every answer.
_VERSIONS: dict[tuple[str, str, str], Questionnaire] = {}


def _get_questionnaire(s: Session, questionnaire_id: str, version: str | None) -> Questionnaire:
    """:func:`get_questionnaire` inside the caller's session (no second connection)."""
    key = (str(s.get_bind().engine.url), questionnaire_id, version or "")
    if version and key in _VERSIONS:
        return _VERSIONS[key]
    found = _lookup_questionnaire(s, questionnaire_id, version)
    if version:
        _VERSIONS[key] = found
    return found


def _lookup_questionnaire(s: Session, questionnaire_id: str, version: str | None) -> Questionnaire:
    query = select(QuestionnaireVersion).where(
        QuestionnaireVersion.questionnaire_id == questionnaire_id
    )
    query = (
        query.where(QuestionnaireVersion.version == version)
        if version
        else query.where(QuestionnaireVersion.active.is_(True))
    )
    row = s.scalar(query)
    if row is not None:
        return load_text(row.yaml_text, file=f"{questionnaire_id}@{row.version}")
    shipped = load_shipped(questionnaire_id)
    if version is not None and shipped.version != version:
        raise NotFound(f"{questionnaire_id} version {version}")
    return shipped


def upload_questionnaire(
    *, actor: Actor, yaml_text: str, file: str = "upload.yaml", store: Store | None = None
) -> Questionnaire:
    """Validate (every problem named by the engine) and store a version, not yet active."""
    p = _require_role(actor, "admin")
    q = load_text(yaml_text, file=file)
    if q.id in shipped_ids() and load_shipped(q.id).version == q.version:
        raise InputError.single(
            file,
            f"{q.id} version {q.version} is shipped already; give it a new version",
            field="version",
        )
    with _session(store) as s:
        exists = s.scalar(
            select(QuestionnaireVersion).where(
                QuestionnaireVersion.questionnaire_id == q.id,
                QuestionnaireVersion.version == q.version,
            )
        )
        if exists is not None:
            raise InputError.single(
                file, f"{q.id} version {q.version} is already stored", field="version"
            )
        s.add(
            QuestionnaireVersion(
                questionnaire_id=q.id,
                version=q.version,
                yaml_text=yaml_text,
                active=False,
                uploaded_by=p.id,
            )
        )
        _audit(s, actor, "questionnaire.upload", "questionnaire", None, id=q.id, version=q.version)
    return q


def activate_questionnaire(
    *, actor: Actor, questionnaire_id: str, version: str, store: Store | None = None
) -> None:
    _require_role(actor, "admin")
    with _session(store) as s:
        rows = list(
            s.scalars(
                select(QuestionnaireVersion).where(
                    QuestionnaireVersion.questionnaire_id == questionnaire_id
                )
            )
        )
        if not any(r.version == version for r in rows):
            raise NotFound(f"{questionnaire_id} version {version}")
        for r in rows:
            r.active = r.version == version
        _audit(
            s,
            actor,
            "questionnaire.activate",
            "questionnaire",
            None,
            id=questionnaire_id,
            version=version,
        )


def list_questionnaire_versions(
    *, actor: Actor, store: Store | None = None
) -> list[dict[str, Any]]:
    _require_role(actor, "admin")
    with _session(store) as s:
        return [
            {
                "questionnaire_id": r.questionnaire_id,
                "version": r.version,
                "active": r.active,
                "uploaded_at": r.uploaded_at,
            }
            for r in s.scalars(select(QuestionnaireVersion).order_by(QuestionnaireVersion.id))
        ]


# -- assessments ---------------------------------------------------------------------------
def create_assessment(
    *,
    actor: Actor,
    organisation_id: int,
    mode: Literal["self", "session"],
    questionnaire_id: str = "werkgeversscan",
    store: Store | None = None,
) -> AssessmentView:
    q = get_questionnaire(questionnaire_id, store=store)
    with _session(store) as s:
        org = _org_for(s, actor, organisation_id)
        a = Assessment(
            organisation_id=org.id,
            questionnaire_id=q.id,
            questionnaire_version=q.version,
            mode=mode,
            status="open",
            step=0,
            support_needs=[],
        )
        s.add(a)
        s.flush()
        _audit(s, actor, "assessment.create", "assessment", a.id, mode=mode)
        return _view(a)


def list_assessments(
    *, actor: Actor, organisation_id: int, store: Store | None = None
) -> list[AssessmentView]:
    with _session(store) as s:
        _org_for(s, actor, organisation_id)
        counts = dict(
            s.execute(
                select(Answer.assessment_id, func.count())
                .join(Assessment)
                .where(Assessment.organisation_id == organisation_id, Answer.value.is_not(None))
                .group_by(Answer.assessment_id)
            ).all()
        )
        rows = s.scalars(
            select(Assessment)
            .where(Assessment.organisation_id == organisation_id)
            .order_by(Assessment.created_at)
        )
        return [_view(a, int(counts.get(a.id, 0))) for a in rows]


def get_assessment(
    *, actor: Actor, assessment_id: int, store: Store | None = None
) -> AssessmentView:
    with _session(store) as s:
        return _view(_assessment_for(s, actor, assessment_id))


def _questionnaire_of(a: Assessment, s: Session) -> Questionnaire:
    # In the caller's session: a second pooled connection per call deadlocked the pool
    # once more threads than pool connections were saving at the same time.
    return _get_questionnaire(s, a.questionnaire_id, a.questionnaire_version)


def _answer_target(s: Session, actor: Actor, assessment_id: int) -> tuple[str, str, str]:
    """Status, questionnaire id and version of an assessment the actor may answer in.

    The same rules as :func:`_assessment_for`, in one query of plain columns: saving an
    answer is the hottest path (every click), and loading ORM objects for the assessment and
    the invitation cost more than the upsert itself.
    """
    cols = (Assessment.status, Assessment.questionnaire_id, Assessment.questionnaire_version)
    if isinstance(actor, EmployerSession):
        if actor.assessment_id != assessment_id:
            raise AccessDenied(DENIED)
        row = s.execute(
            select(*cols, Invitation.id, Invitation.revoked_at, Invitation.expires_at)
            .outerjoin(
                Invitation,
                (Invitation.id == actor.invitation_id)
                & (Invitation.assessment_id == Assessment.id),
            )
            .where(Assessment.id == assessment_id)
        ).one_or_none()
        if row is None:
            raise AccessDenied(DENIED)
        expires = _aware(row[5])
        if row[3] is None or row[4] is not None or expires is None or expires <= utcnow():
            raise AccessDenied(INVALID_LINK)
        return row[0], row[1], row[2]
    p = _require_role(actor, "consultant", "admin")
    owned = s.execute(
        select(*cols, Organisation.consultant_id)
        .join(Organisation, Organisation.id == Assessment.organisation_id)
        .where(Assessment.id == assessment_id)
    ).one_or_none()
    if owned is None or p.role != "consultant" or owned[3] != p.id:
        raise AccessDenied(DENIED)  # admins do not answer scans (see _org_for)
    return owned[0], owned[1], owned[2]


def save_answer(
    *, actor: Actor, assessment_id: int, item_id: str, value: int | None, store: Store | None = None
) -> None:
    """Write one answer now: insert or overwrite (last write wins), with its time.

    Three statements in one transaction: the access check, an atomic upsert of the answer,
    and the assessment's ``updated_at``.
    """
    with _session(store) as s:
        status, questionnaire_id, version = _answer_target(s, actor, assessment_id)
        if status != "open":
            raise InputError.single(
                "assessment", "this scan is finished and can no longer be changed", field=item_id
            )
        check_answer(_get_questionnaire(s, questionnaire_id, version), item_id, value)
        now = utcnow()
        # One atomic upsert: a select-then-insert let two concurrent first saves of the same
        # item fail on the unique constraint instead of "last write wins".
        dialect = s.get_bind().dialect.name
        if dialect in ("sqlite", "postgresql"):
            insert = sqlite_insert if dialect == "sqlite" else pg_insert
            s.execute(
                insert(Answer)
                .values(assessment_id=assessment_id, item_id=item_id, value=value, answered_at=now)
                .on_conflict_do_update(
                    index_elements=["assessment_id", "item_id"],
                    set_={"value": value, "answered_at": now},
                )
            )
        else:  # pragma: no cover - other databases
            row = s.scalar(
                select(Answer)
                .where(Answer.assessment_id == assessment_id, Answer.item_id == item_id)
                .with_for_update()
            )
            if row is None:
                s.add(
                    Answer(
                        assessment_id=assessment_id, item_id=item_id, value=value, answered_at=now
                    )
                )
            else:
                row.value = value
                row.answered_at = now
        s.execute(
            update(Assessment)
            .where(Assessment.id == assessment_id)
            .values(updated_at=now)
            .execution_options(synchronize_session=False)
        )


def save_support_needs(
    *, actor: Actor, assessment_id: int, options: list[str], store: Store | None = None
) -> None:
    with _session(store) as s:
        a = _assessment_for(s, actor, assessment_id)
        if a.status != "open":
            raise InputError.single("assessment", "this scan is finished", field="support_needs")
        q = _questionnaire_of(a, s)
        known = {o.id for o in q.support_needs.options} if q.support_needs else set()
        unknown = [o for o in options if o not in known]
        if unknown:
            raise InputError.single(
                "assessment", f"unknown option '{unknown[0]}'", field="support_needs"
            )
        a.support_needs = list(options)
        a.updated_at = utcnow()


def save_step(*, actor: Actor, assessment_id: int, step: int, store: Store | None = None) -> None:
    with _session(store) as s:
        a = _assessment_for(s, actor, assessment_id)
        a.step = max(0, min(step, n_steps(_questionnaire_of(a, s)) - 1))


def answers_of(
    *, actor: Actor, assessment_id: int, store: Store | None = None
) -> dict[str, int | None]:
    with _session(store) as s:
        _assessment_for(s, actor, assessment_id)
        return {
            r.item_id: r.value
            for r in s.scalars(select(Answer).where(Answer.assessment_id == assessment_id))
        }


def resume_state(*, actor: Actor, assessment_id: int, store: Store | None = None) -> ScanProgress:
    """Every stored answer, and the first step with an unanswered item."""
    with _session(store) as s:
        a = _assessment_for(s, actor, assessment_id)
        answers = {
            r.item_id: r.value
            for r in s.scalars(select(Answer).where(Answer.assessment_id == a.id))
        }
        q = _questionnaire_of(a, s)
        return ScanProgress(
            questionnaire_id=a.questionnaire_id,
            version=a.questionnaire_version,
            answers=answers,
            support_needs=list(a.support_needs or []),
            step=first_open_step(q, answers),
            finished=a.status == "finished",
        )


def finish_assessment(*, actor: Actor, assessment_id: int, store: Store | None = None) -> None:
    with _session(store) as s:
        a = _assessment_for(s, actor, assessment_id)
        if a.status == "finished":
            return  # finishing twice (a double click, a reload) keeps the first finish time
        a.status = "finished"
        a.finished_at = a.updated_at = utcnow()
        _audit(s, actor, "assessment.finish", "assessment", a.id)


def reopen_assessment(*, actor: Actor, assessment_id: int, store: Store | None = None) -> None:
    with _session(store) as s:
        a = _assessment_for(s, actor, assessment_id, employer_ok=False)
        a.status = "open"
        a.finished_at = None
        _audit(s, actor, "assessment.reopen", "assessment", a.id)


def assessment_result(
    *, actor: Actor, assessment_id: int, lang: str = "nl", store: Store | None = None
) -> ScanResult:
    progress = resume_state(actor=actor, assessment_id=assessment_id, store=store)
    with _session(store) as s:
        a = _assessment_for(s, actor, assessment_id)
        q = _questionnaire_of(a, s)
    return score_one(
        questionnaire=q, answers=progress.answers, support_needs=progress.support_needs, lang=lang
    )


class StoreBackend:
    """The scan form's :class:`~inclusief.questionnaires.progress.ScanBackend` on the database."""

    on_server = True

    def __init__(self, actor: Actor, assessment_id: int, store: Store | None = None) -> None:
        self.actor = actor
        self.assessment_id = assessment_id
        self.store = store
        with _session(store) as s:
            self.questionnaire = _questionnaire_of(_assessment_for(s, actor, assessment_id), s)
        self._step: int | None = None

    def load(self) -> ScanProgress:
        """Stored answers; a fresh backend (a reload) resumes at the first open step."""
        progress = resume_state(
            actor=self.actor, assessment_id=self.assessment_id, store=self.store
        )
        if self._step is None:
            self._step = progress.step
        progress.step = self._step
        return progress

    def save_answer(self, item_id: str, value: int | None) -> None:
        save_answer(
            actor=self.actor,
            assessment_id=self.assessment_id,
            item_id=item_id,
            value=value,
            store=self.store,
        )

    def save_support_needs(self, options: list[str]) -> None:
        save_support_needs(
            actor=self.actor, assessment_id=self.assessment_id, options=options, store=self.store
        )

    def save_step(self, step: int) -> None:
        self._step = max(0, min(step, n_steps(self.questionnaire) - 1))
        save_step(
            actor=self.actor, assessment_id=self.assessment_id, step=self._step, store=self.store
        )

    def finish(self) -> None:
        finish_assessment(actor=self.actor, assessment_id=self.assessment_id, store=self.store)


# -- invitations ---------------------------------------------------------------------------
def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_invitation(
    *, actor: Actor, assessment_id: int, days: int | None = None, store: Store | None = None
) -> str:
    """A new invitation token (256 random bits). Only its SHA-256 is stored; show it once."""
    p = _require_role(actor, "consultant")
    if days is not None and days < 1:
        raise InputError.single("invitation", "a link must stay valid at least 1 day", field="days")
    token = secrets.token_urlsafe(32)
    with _session(store) as s:
        _assessment_for(s, actor, assessment_id)
        inv = Invitation(
            assessment_id=assessment_id,
            token_hash=_hash(token),
            created_by=p.id,
            expires_at=utcnow()
            + timedelta(days=get_settings().token_days if days is None else days),
        )
        s.add(inv)
        s.flush()
        _audit(s, actor, "invitation.create", "invitation", inv.id, assessment=assessment_id)
    return token


def invitation_link(token: str) -> str:
    return f"{get_settings().base_url.rstrip('/')}/?token={token}"


def revoke_invitations(*, actor: Actor, assessment_id: int, store: Store | None = None) -> int:
    with _session(store) as s:
        _assessment_for(s, actor, assessment_id, employer_ok=False)
        count = 0
        for inv in s.scalars(
            select(Invitation).where(
                Invitation.assessment_id == assessment_id, Invitation.revoked_at.is_(None)
            )
        ):
            inv.revoked_at = utcnow()
            count += 1
        _audit(s, actor, "invitation.revoke", "assessment", assessment_id, count=count)
        return count


def _check_invitation(s: Session, invitation_id: int) -> Invitation:
    inv = s.get(Invitation, invitation_id)
    now = utcnow()
    expires = _aware(inv.expires_at) if inv else None
    if inv is None or inv.revoked_at is not None or expires is None or expires <= now:
        raise AccessDenied(INVALID_LINK)
    return inv


def open_by_token(token: str, *, store: Store | None = None) -> EmployerSession:
    """The employer's session for a valid token; one plain message for every bad token."""
    if not token or len(token) > 200:
        raise AccessDenied(INVALID_LINK)
    with _session(store) as s:
        inv = s.scalar(select(Invitation).where(Invitation.token_hash == _hash(token)))
        if inv is None:
            raise AccessDenied(INVALID_LINK)
        _check_invitation(s, inv.id)
        inv.last_used_at = utcnow()
        return EmployerSession(invitation_id=inv.id, assessment_id=inv.assessment_id)


# -- notes, actions, trend -----------------------------------------------------------------
def set_note(
    *, actor: Actor, assessment_id: int, dimension_id: str, text: str, store: Store | None = None
) -> None:
    with _session(store) as s:
        a = _assessment_for(s, actor, assessment_id, employer_ok=False)
        try:
            _questionnaire_of(a, s).dimension(dimension_id)
        except KeyError:
            raise InputError.single(
                "notes", f"unknown dimension '{dimension_id}'", field="dimension_id"
            ) from None
        row = s.scalar(
            select(Note).where(Note.assessment_id == a.id, Note.dimension_id == dimension_id)
        )
        if row is None:
            s.add(Note(assessment_id=a.id, dimension_id=dimension_id, text=text))
        else:
            row.text = text
            row.updated_at = utcnow()
        _audit(s, actor, "note.set", "assessment", a.id, dimension=dimension_id)


def list_notes(*, actor: Actor, assessment_id: int, store: Store | None = None) -> dict[str, str]:
    with _session(store) as s:
        _assessment_for(s, actor, assessment_id, employer_ok=False)
        return {
            n.dimension_id: n.text
            for n in s.scalars(select(Note).where(Note.assessment_id == assessment_id))
        }


def add_action(
    *,
    actor: Actor,
    assessment_id: int,
    what: str,
    who: str,
    due: date | None,
    store: Store | None = None,
) -> ActionView:
    if not what.strip():
        raise InputError.single("action plan", "describe what will be done", field="what")
    with _session(store) as s:
        _assessment_for(s, actor, assessment_id, employer_ok=False)
        item = ActionItem(assessment_id=assessment_id, what=what.strip(), who=who.strip(), due=due)
        s.add(item)
        s.flush()
        _audit(s, actor, "action.add", "assessment", item.assessment_id, action_id=item.id)
        return ActionView.model_validate(item, from_attributes=True)


def list_actions(
    *, actor: Actor, assessment_id: int, store: Store | None = None
) -> list[ActionView]:
    with _session(store) as s:
        _assessment_for(s, actor, assessment_id, employer_ok=False)
        return [
            ActionView.model_validate(x, from_attributes=True)
            for x in s.scalars(
                select(ActionItem)
                .where(ActionItem.assessment_id == assessment_id)
                .order_by(ActionItem.id)
            )
        ]


def set_action_done(
    *, actor: Actor, action_id: int, done: bool, store: Store | None = None
) -> None:
    with _session(store) as s:
        item = s.get(ActionItem, action_id)
        if item is None:
            raise AccessDenied(DENIED)
        _assessment_for(s, actor, item.assessment_id, employer_ok=False)
        item.done = done
        _audit(
            s,
            actor,
            "action.done" if done else "action.reopen",
            "assessment",
            item.assessment_id,
            action_id=item.id,
        )


def trend(
    *, actor: Actor, organisation_id: int, lang: str = "nl", store: Store | None = None
) -> pd.DataFrame:
    """Scores of the organisation's finished assessments over time (long format)."""
    rows = []
    for a in list_assessments(actor=actor, organisation_id=organisation_id, store=store):
        if a.status != "finished":
            continue
        result = assessment_result(actor=actor, assessment_id=a.id, lang=lang, store=store)
        when = a.finished_at or a.updated_at
        rows.append(
            {
                "date": when,
                "dimension": "Totaal" if lang == "nl" else "Overall",
                "score": result.overall_index,
            }
        )
        rows += [{"date": when, "dimension": d.name, "score": d.score} for d in result.dimensions]
    return pd.DataFrame(rows, columns=["date", "dimension", "score"])


# -- PSO and carving -----------------------------------------------------------------------
def save_pso(
    *,
    actor: Actor,
    organisation_id: int,
    year: int,
    inputs: dict[str, Any],
    result: dict[str, Any],
    store: Store | None = None,
) -> int:
    with _session(store) as s:
        _org_for(s, actor, organisation_id)
        rec = PsoRecord(organisation_id=organisation_id, year=year, inputs=inputs, result=result)
        s.add(rec)
        s.flush()
        _audit(s, actor, "pso.save", "organisation", organisation_id)
        return rec.id


def latest_pso(
    *, actor: Actor, organisation_id: int, store: Store | None = None
) -> dict[str, Any] | None:
    with _session(store) as s:
        _org_for(s, actor, organisation_id)
        rec = s.scalar(
            select(PsoRecord)
            .where(PsoRecord.organisation_id == organisation_id)
            .order_by(PsoRecord.id.desc())
        )
        return (
            None if rec is None else {"year": rec.year, "inputs": rec.inputs, "result": rec.result}
        )


def latest_pso_for_assessment(
    *, actor: Actor, assessment_id: int, store: Store | None = None
) -> dict[str, Any] | None:
    """The latest saved PSO calculation of the assessment's organisation, for its report.

    Whoever may see the assessment may see it: the consultant who owns the organisation, and
    the employer through the invitation (the organisation's own PSO indication)."""
    with _session(store) as s:
        a = _assessment_for(s, actor, assessment_id)
        rec = s.scalar(
            select(PsoRecord)
            .where(PsoRecord.organisation_id == a.organisation_id)
            .order_by(PsoRecord.id.desc())
        )
        return (
            None if rec is None else {"year": rec.year, "inputs": rec.inputs, "result": rec.result}
        )


def save_carving_project(
    *,
    actor: Actor,
    organisation_id: int,
    name: str,
    inventory: dict[str, Any],
    candidates: list[Any],
    result: dict[str, Any] | None,
    store: Store | None = None,
) -> int:
    with _session(store) as s:
        _org_for(s, actor, organisation_id)
        proj = CarvingProject(
            organisation_id=organisation_id,
            name=name,
            inventory=inventory,
            candidates=candidates,
            result=result,
        )
        s.add(proj)
        s.flush()
        _audit(s, actor, "carving.save", "organisation", organisation_id)
        return proj.id


def list_carving_projects(
    *, actor: Actor, organisation_id: int, store: Store | None = None
) -> list[dict[str, Any]]:
    with _session(store) as s:
        _org_for(s, actor, organisation_id)
        return [
            {
                "id": c.id,
                "name": c.name,
                "created_at": c.created_at,
                "has_result": c.result is not None,
            }
            for c in s.scalars(
                select(CarvingProject).where(CarvingProject.organisation_id == organisation_id)
            )
        ]


def get_carving_project(
    *, actor: Actor, project_id: int, store: Store | None = None
) -> dict[str, Any]:
    """One saved carving project (inventory, candidates, result) of the actor's organisation."""
    with _session(store) as s:
        proj = s.get(CarvingProject, project_id)
        if proj is None:
            _require_role(actor, "consultant", "admin")
            raise AccessDenied(DENIED)  # same answer as for someone else's: reveals nothing
        _org_for(s, actor, proj.organisation_id)
        return {
            "id": proj.id,
            "organisation_id": proj.organisation_id,
            "name": proj.name,
            "created_at": proj.created_at,
            "inventory": proj.inventory,
            "candidates": proj.candidates,
            "result": proj.result,
        }


# -- research ------------------------------------------------------------------------------
def research_rows(
    actor: Actor | None,
    questionnaire_id: str,
    *,
    store: Store | None = None,
    system: str = "cli",
) -> pd.DataFrame:
    """Finished assessments for researchers: answers and quasi-identifiers, never names.

    Columns: organisation_id (an opaque number), questionnaire_id, questionnaire_version,
    status, sector, size_class, region (province), completed_at and one column per item.
    ``actor`` None is the server itself: the command line (shell access, as for ``user add``)
    or the peer benchmark; ``system`` names which in the audit log.
    """
    if actor is not None:
        _require_role(actor, "researcher")
    with _session(store) as s:
        query = (
            select(Assessment, Organisation.sector, Organisation.size_class, Organisation.region)
            .join(Organisation)
            .where(Assessment.questionnaire_id == questionnaire_id, Assessment.status == "finished")
        )
        rows = []
        ids = []
        for a, sector, size_class, region in s.execute(query):
            ids.append(a.id)
            rows.append(
                {
                    "assessment_id": a.id,
                    "organisation_id": a.organisation_id,
                    "questionnaire_id": a.questionnaire_id,
                    "questionnaire_version": a.questionnaire_version,
                    "status": "completed",
                    "sector": sector,
                    "size_class": size_class,
                    "region": region,
                    "completed_at": _aware(a.finished_at),
                }
            )
        answers = (
            pd.DataFrame(
                s.execute(
                    select(Answer.assessment_id, Answer.item_id, Answer.value).where(
                        Answer.assessment_id.in_(ids)
                    )
                ).all(),
                columns=["assessment_id", "item_id", "value"],
            )
            if ids
            else pd.DataFrame(columns=["assessment_id", "item_id", "value"])
        )
        _audit(
            s,
            actor or system,
            "research.rows",
            "questionnaire",
            None,
            id=questionnaire_id,
            n=len(rows),
        )
    columns = [
        "organisation_id",
        "questionnaire_id",
        "questionnaire_version",
        "status",
        "sector",
        "size_class",
        "region",
        "completed_at",
    ]
    frame = pd.DataFrame(rows)
    if frame.empty:  # the contract's columns, no rows
        return pd.DataFrame(columns=columns)
    wide = answers.pivot_table(
        index="assessment_id", columns="item_id", values="value", aggfunc="first"
    )
    out = frame.merge(wide, left_on="assessment_id", right_index=True, how="left")
    return out.drop(columns=["assessment_id"])
