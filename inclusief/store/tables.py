"""The database schema (SQLAlchemy 2 ORM). Changes go through an Alembic migration.

Portable types only, so the same schema runs on SQLite (embedded default) and PostgreSQL.
Everything under an organisation is deleted with it (``ondelete=CASCADE``), which is what
the AVG delete relies on.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON, datetime: DateTime(timezone=True)}


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # stored lower-case
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))  # consultant | researcher | admin
    name: Mapped[str | None] = mapped_column(String(120), nullable=True)  # shown instead of email
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Organisation(Base):
    __tablename__ = "organisations"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    sector: Mapped[str] = mapped_column(String(100))
    size_class: Mapped[str] = mapped_column(String(20))
    region: Mapped[str] = mapped_column(String(50))  # a Dutch province
    municipality: Mapped[str | None] = mapped_column(String(80), nullable=True)
    consultant_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Assessment(Base):
    __tablename__ = "assessments"
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    questionnaire_id: Mapped[str] = mapped_column(String(50))
    questionnaire_version: Mapped[str] = mapped_column(String(20))
    mode: Mapped[str] = mapped_column(String(10))  # self | session
    status: Mapped[str] = mapped_column(String(10), default="open")  # open | finished
    step: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Answer(Base):
    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("assessment_id", "item_id", name="uq_answer_item"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[str] = mapped_column(String(50))
    value: Mapped[int | None] = mapped_column(Integer, nullable=True)
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)


class SupportNeedChoice(Base):
    """One chosen support need of an assessment: a row per choice, so two tabs that each
    add a choice cannot undo each other (a whole list per save lost one of them)."""

    __tablename__ = "support_need_choices"
    __table_args__ = (UniqueConstraint("assessment_id", "option_id", name="uq_support_need"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    option_id: Mapped[str] = mapped_column(String(50))
    chosen_at: Mapped[datetime] = mapped_column(default=utcnow)


class Note(Base):
    __tablename__ = "notes"
    __table_args__ = (UniqueConstraint("assessment_id", "dimension_id", name="uq_note_dim"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    dimension_id: Mapped[str] = mapped_column(String(50))
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ActionItem(Base):
    __tablename__ = "action_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    what: Mapped[str] = mapped_column(Text)
    who: Mapped[str] = mapped_column(String(200))
    due: Mapped[date | None] = mapped_column(Date, nullable=True)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    # the dimension the action is about (migration 0006); None for older actions
    dimension_id: Mapped[str | None] = mapped_column(String(50), nullable=True)


class Invitation(Base):
    __tablename__ = "invitations"
    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex; never the token
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class PsoRecord(Base):
    __tablename__ = "pso_records"
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    inputs: Mapped[dict[str, Any]] = mapped_column()
    result: Mapped[dict[str, Any]] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CarvingProject(Base):
    __tablename__ = "carving_projects"
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    inventory: Mapped[dict[str, Any]] = mapped_column()
    candidates: Mapped[list[Any]] = mapped_column()
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class QuestionnaireVersion(Base):
    __tablename__ = "questionnaire_versions"
    __table_args__ = (
        UniqueConstraint("questionnaire_id", "version", name="uq_questionnaire_version"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[str] = mapped_column(String(50))
    version: Mapped[str] = mapped_column(String(20))
    yaml_text: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)


class ResearchRelease(Base):
    """The generalisation used for one questionnaire version and period, fixed at the first
    export and reused by every later one, so that exports cannot be intersected into
    smaller classes (docs/research.md, release policy)."""

    __tablename__ = "research_releases"
    __table_args__ = (
        UniqueConstraint("questionnaire_id", "questionnaire_version", "period", name="uq_release"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[str] = mapped_column(String(50))
    questionnaire_version: Mapped[str] = mapped_column(String(20))
    period: Mapped[str] = mapped_column(String(20))
    k: Mapped[int] = mapped_column(Integer)
    spec: Mapped[dict[str, Any]] = mapped_column()
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditEntry(Base):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    actor: Mapped[str] = mapped_column(String(80))  # "user:3", "invitation:12", "cli"
    action: Mapped[str] = mapped_column(String(60))
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)


# -- placements and follow-up (#19) --
class Placement(Base):
    """A worker placed at an employer, followed after the first day (issue #19).

    ``candidate_id`` refers to a stored candidate (#16) when there is one; deleting the
    candidate (AVG) deletes their placements and check-ins with them (cascade).
    ``candidate_pseudonym`` is what people see."""

    __tablename__ = "placements"
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    consultant_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    candidate_pseudonym: Mapped[str] = mapped_column(String(60))
    candidate_id: Mapped[int | None] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE"), nullable=True
    )
    carving_project_id: Mapped[int | None] = mapped_column(
        ForeignKey("carving_projects.id", ondelete="SET NULL"), nullable=True
    )
    job_title: Mapped[str] = mapped_column(String(200))
    start_date: Mapped[date] = mapped_column(Date)
    contract_type: Mapped[str] = mapped_column(String(30))
    hours_per_week: Mapped[float] = mapped_column(Float)
    route: Mapped[str] = mapped_column(String(30))
    schemes: Mapped[list[Any]] = mapped_column(default=list)  # [{"code": ..., "until": ...}]
    jobcoach: Mapped[str | None] = mapped_column(String(120), nullable=True)
    contact_person: Mapped[str | None] = mapped_column(String(120), nullable=True)
    contract_end: Mapped[date | None] = mapped_column(Date, nullable=True)
    decision: Mapped[str | None] = mapped_column(String(20), nullable=True)
    end_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    end_reason: Mapped[str | None] = mapped_column(String(40), nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PlacementCheckin(Base):
    """One check-in of one respondent (worker or employer) at one point of the schedule."""

    __tablename__ = "placement_checkins"
    __table_args__ = (
        UniqueConstraint("placement_id", "point", "respondent", name="uq_checkin_point"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("placements.id", ondelete="CASCADE"), index=True
    )
    point: Mapped[str] = mapped_column(String(20))
    respondent: Mapped[str] = mapped_column(String(10))  # worker | employer
    mode: Mapped[str] = mapped_column(String(10))  # link | jobcoach | session
    questionnaire_id: Mapped[str] = mapped_column(String(50))
    questionnaire_version: Mapped[str] = mapped_column(String(20))
    answers: Mapped[dict[str, Any]] = mapped_column(default=dict)
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    status: Mapped[str] = mapped_column(String(10), default="open")  # open | finished
    overall: Mapped[float | None] = mapped_column(Float, nullable=True)
    scores: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class CheckinLink(Base):
    """A check-in link for a worker or employer: as invitations, only the token's hash."""

    __tablename__ = "checkin_links"
    id: Mapped[int] = mapped_column(primary_key=True)
    checkin_id: Mapped[int] = mapped_column(
        ForeignKey("placement_checkins.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class PlacementEntry(Base):
    """The consultant's timeline of a placement: a note, an action (which may close a
    signal by its key), an event (conflict, new supervisor, ...) or a change of hours."""

    __tablename__ = "placement_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("placements.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10))  # note | action | event | hours | decision
    on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text, default="")
    event_kind: Mapped[str | None] = mapped_column(String(40), nullable=True)
    hours: Mapped[float | None] = mapped_column(Float, nullable=True)
    who: Mapped[str | None] = mapped_column(String(120), nullable=True)
    due: Mapped[date | None] = mapped_column(Date, nullable=True)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    signal_key: Mapped[str | None] = mapped_column(String(120), nullable=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# -- candidates (issue #16) --
class CandidateRecord(Base):
    """A candidate of one consultant: wishes and (apart) capability levels with their source.

    Everything under a candidate (capabilities, consents, intakes, answers) is deleted with
    it (AVG). ``from_candidate`` lists the fields whose value the candidate gave in the
    intake (shown as "van de kandidaat zelf")."""

    __tablename__ = "candidates"
    id: Mapped[int] = mapped_column(primary_key=True)
    consultant_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), nullable=True
    )
    pseudonym: Mapped[str] = mapped_column(String(60))
    hours_min: Mapped[float] = mapped_column(Float)
    hours_max: Mapped[float] = mapped_column(Float)
    hours_wanted: Mapped[float | None] = mapped_column(Float, nullable=True)
    slots: Mapped[list[Any]] = mapped_column(default=list)
    travel_mode: Mapped[str | None] = mapped_column(String(20), nullable=True)
    travel_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    likes: Mapped[list[Any]] = mapped_column(default=list)
    dislikes: Mapped[list[Any]] = mapped_column(default=list)
    support: Mapped[list[Any]] = mapped_column(default=list)
    support_note: Mapped[str] = mapped_column(Text, default="")
    strengths: Mapped[str] = mapped_column(Text, default="")
    hourly_cost_eur: Mapped[float | None] = mapped_column(Float, nullable=True)
    from_candidate: Mapped[list[Any]] = mapped_column(default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class CandidateCapability(Base):
    """One capability level of a candidate, with where it comes from (health-derived data)."""

    __tablename__ = "candidate_capabilities"
    __table_args__ = (UniqueConstraint("candidate_id", "dimension", name="uq_candidate_dim"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE"), index=True
    )
    dimension: Mapped[str] = mapped_column(String(50))
    level: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(200))
    recorded_by: Mapped[str] = mapped_column(String(80))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)


class CandidateConsent(Base):
    """What the candidate agreed to, when and how; a withdrawal closes the row."""

    __tablename__ = "candidate_consents"
    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # capabilities | employer_summary | research
    employer: Mapped[str | None] = mapped_column(String(200), nullable=True)
    how: Mapped[str] = mapped_column(String(10))  # app | paper
    given_at: Mapped[datetime] = mapped_column(default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(80))
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    withdrawn_by: Mapped[str | None] = mapped_column(String(80), nullable=True)


class CandidateIntake(Base):
    """An easy-read intake: by link (only the token's SHA-256 kept) or with the consultant."""

    __tablename__ = "candidate_intakes"
    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidates.id", ondelete="CASCADE"), index=True
    )
    mode: Mapped[str] = mapped_column(String(10))  # link | session
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    employer: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    step: Mapped[int] = mapped_column(Integer, default=0)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class CandidateIntakeAnswer(Base):
    """One answer of an intake, saved the moment it is given (a row per question)."""

    __tablename__ = "candidate_intake_answers"
    __table_args__ = (UniqueConstraint("intake_id", "question", name="uq_intake_question"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    intake_id: Mapped[int] = mapped_column(
        ForeignKey("candidate_intakes.id", ondelete="CASCADE"), index=True
    )
    question: Mapped[str] = mapped_column(String(40))
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)


# -- sessions and jobs (#14) --
class LoginSession(Base):
    """A login: the browser holds only a random id in an HttpOnly cookie, we keep its hash.

    While ``activated_at`` is empty, ``token_hash`` is the hash of a one-time ticket that the
    browser exchanges for the session cookie (inclusief/ui/server.py)."""

    __tablename__ = "login_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # password | oidc
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime] = mapped_column(default=utcnow)
    activated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Job(Base):
    """A piece of heavy work (carving, a batch of reports, a research export) run off the page.

    ``status``: queued | running | done | failed | cancelled. A running job's worker writes
    ``heartbeat_at``; a job whose heartbeat stops is retried or marked failed."""

    __tablename__ = "jobs"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), nullable=True
    )
    params: Mapped[dict[str, Any]] = mapped_column()
    status: Mapped[str] = mapped_column(String(12), default="queued", index=True)
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    message: Mapped[str] = mapped_column(String(200), default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    cancel_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    result_file: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    result_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    worker: Mapped[str | None] = mapped_column(String(100), nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
