"""The data of the two placement PDFs (see :mod:`inclusief.reports.followup_report`),
assembled from the placement services so the same role checks apply (the consultant who
follows the placement)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from inclusief.followup.codes import codes, schedule
from inclusief.i18n import t
from inclusief.reports.followup_report import (
    ActionRow,
    AnswerRow,
    CheckinRow,
    Fact,
    FollowupReportData,
    SignalRow,
    TimelineRow,
    WorkerOverviewData,
    render_followup_report,
    render_worker_overview,
)
from inclusief.services import placements as svc
from inclusief.services.access import Actor, Principal
from inclusief.store.db import Store


def followup_report_data(
    *,
    actor: Actor,
    placement_id: int,
    lang: str = "nl",
    today: date | None = None,
    store: Store | None = None,
) -> FollowupReportData:
    day = today or datetime.now(UTC).date()
    c = codes()
    plan = schedule()
    p = svc.get_placement(actor=actor, placement_id=placement_id, store=store)
    signals = svc.placement_signals(
        actor=actor, placement_id=placement_id, today=day, lang=lang, store=store
    )
    checkins = svc.list_checkins(actor=actor, placement_id=placement_id, store=store)
    entries = svc.list_entries(actor=actor, placement_id=placement_id, store=store)
    items = svc.timeline(actor=actor, placement_id=placement_id, today=day, lang=lang, store=store)
    schemes = ", ".join(
        c.label("schemes", s.code, lang)
        + (f" ({t('followup.until', lang)} {s.until.strftime('%d-%m-%Y')})" if s.until else "")
        for s in p.schemes
    )
    facts = [
        Fact(label=t("followup.f_start", lang), value=p.start_date.strftime("%d-%m-%Y")),
        Fact(
            label=t("followup.f_contract", lang),
            value=c.label("contract_types", p.contract_type, lang)
            + (
                f", {t('followup.until', lang)} {p.contract_end.strftime('%d-%m-%Y')}"
                if p.contract_end
                else ""
            ),
        ),
        Fact(label=t("followup.f_hours", lang), value=svc.hours_text(p.current_hours, lang)),
        Fact(label=t("followup.f_route", lang), value=c.label("routes", p.route, lang)),
        Fact(label=t("followup.f_schemes", lang), value=schemes or "-"),
        Fact(label=t("followup.f_jobcoach", lang), value=p.jobcoach or "-"),
        Fact(label=t("followup.f_contact", lang), value=p.contact_person or "-"),
    ]
    if p.end_date:
        facts.append(
            Fact(
                label=t("followup.ended", lang),
                value=f"{p.end_date.strftime('%d-%m-%Y')}: "
                + c.label("end_reasons", p.end_reason, lang),
            )
        )
    return FollowupReportData(
        candidate=p.candidate_pseudonym,
        organisation=p.organisation_name,
        job_title=p.job_title,
        report_date=day,
        consultant=actor.name or actor.email if isinstance(actor, Principal) else "",
        facts=facts,
        signals=[
            SignalRow(
                level=t(f"followup.level_{s.level}", lang),
                title=s.title,
                explanation=s.explanation,
                rationale=s.rationale,
                source=s.source,
            )
            for s in signals
        ],
        checkins=[
            CheckinRow(
                on=ch.finished_at.date(),
                point=plan.point(ch.point).label.get(lang),
                respondent=t(f"followup.respondent_{ch.respondent}", lang),
                score=ch.overall,
            )
            for ch in checkins
            if ch.status == "finished" and ch.finished_at is not None
        ],
        actions=[
            ActionRow(on=e.on, what=e.text, who=e.who or "", done=e.done)
            for e in entries
            if e.kind == "action"
        ],
        timeline=[TimelineRow(on=i.on, title=i.title, detail=i.detail) for i in items],
    )


def worker_overview_data(
    *,
    actor: Actor,
    placement_id: int,
    lang: str = "nl",
    today: date | None = None,
    store: Store | None = None,
) -> WorkerOverviewData:
    """Only the worker's own answers and dates: no signals, notes or employer answers."""
    day = today or datetime.now(UTC).date()
    p = svc.get_placement(actor=actor, placement_id=placement_id, store=store)
    mine = [
        ch
        for ch in svc.list_checkins(actor=actor, placement_id=placement_id, store=store)
        if ch.respondent == "worker" and ch.status == "finished" and ch.finished_at is not None
    ]
    last = max(mine, key=lambda ch: (ch.finished_at, ch.id)) if mine else None
    answers: list[AnswerRow] = []
    if last is not None:
        q = svc.checkin_questionnaire(actor=actor, checkin_id=last.id, store=store)
        for item in q.items:
            code = last.answers.get(item.id)
            if code is None:
                continue
            answers.append(
                AnswerRow(
                    question=item.text.get(lang), answer=q.scale(item.scale).label(code, lang)
                )
            )
    plan = svc.checkin_plan(actor=actor, placement_id=placement_id, today=day, store=store)
    upcoming = [d.due for d in plan if d.respondent == "worker" and d.status in ("upcoming", "due")]
    return WorkerOverviewData(
        name=p.candidate_pseudonym,
        organisation=p.organisation_name,
        job_title=p.job_title,
        start=p.start_date,
        hours=svc.hours_text(p.current_hours, lang),
        jobcoach=p.jobcoach,
        report_date=day,
        last_checkin=last.finished_at.date() if last and last.finished_at else None,
        answers=answers,
        next_checkin=min(upcoming) if upcoming and p.active else None,
    )


def followup_pdf(
    *, actor: Actor, placement_id: int, lang: str = "nl", store: Store | None = None
) -> bytes:
    data = followup_report_data(actor=actor, placement_id=placement_id, lang=lang, store=store)
    return render_followup_report(data=data, lang=lang)


def worker_pdf(
    *, actor: Actor, placement_id: int, lang: str = "nl", store: Store | None = None
) -> bytes:
    data = worker_overview_data(actor=actor, placement_id=placement_id, lang=lang, store=store)
    return render_worker_overview(data=data, lang=lang)
