"""Two PDFs for a placement (issue #19), on the shared report base (:mod:`.pdf`):

- the **follow-up report** for the consultant: the placement's facts, the open signals
  with their cause and rationale, the check-ins with scores, the actions and the timeline;
- the **worker's overview**, easy-read (short sentences, "je"): their job, when they
  started, their own answers at the last check-in and when the next one is. It holds no
  signals, no notes and nothing the employer said.

The data are assembled by ``inclusief.services.followup_reports``; nothing here reads the
store.
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel

from inclusief import formatting as fmt
from inclusief.i18n import t
from inclusief.reports.pdf import ACCENT, FONT, MUTED, SOFT, ReportPDF, new_report_pdf


class Fact(BaseModel):
    label: str
    value: str


class SignalRow(BaseModel):
    level: str  # the translated level
    title: str
    explanation: str
    rationale: str
    source: str


class CheckinRow(BaseModel):
    on: date
    point: str
    respondent: str
    score: float | None


class ActionRow(BaseModel):
    on: date
    what: str
    who: str
    done: bool


class TimelineRow(BaseModel):
    on: date
    title: str
    detail: str


class FollowupReportData(BaseModel):
    candidate: str
    organisation: str
    job_title: str
    report_date: date
    consultant: str = ""
    facts: list[Fact]
    signals: list[SignalRow]
    checkins: list[CheckinRow]
    actions: list[ActionRow]
    timeline: list[TimelineRow]


class AnswerRow(BaseModel):
    question: str
    answer: str


class WorkerOverviewData(BaseModel):
    name: str
    organisation: str
    job_title: str
    start: date
    hours: str
    jobcoach: str | None
    report_date: date
    last_checkin: date | None
    answers: list[AnswerRow]
    next_checkin: date | None


def _pdf(kind: str, organisation: str, lang: str, creation_date: datetime | None) -> ReportPDF:
    return new_report_pdf(
        lang=lang,
        title=f"{t(f'followup.pdf.{kind}_title', lang)} - {organisation}",
        running_title=t(f"followup.pdf.{kind}_title", lang),
        subject=t(f"followup.pdf.{kind}_subject", lang),
        organisation=organisation,
        footer_text=t("reports.footer", lang),
        page_label=t("reports.page", lang),
        creation_date=creation_date,
    )


def _cover(pdf: ReportPDF, title: str, subtitle: str) -> None:
    pdf.add_page()
    pdf.set_fill_color(*ACCENT)
    pdf.rect(0, 0, pdf.w, 12, style="F")
    pdf.set_y(30)
    pdf.set_font(FONT, "B", 22)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(0, 10, title, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(FONT, "B", 14)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(0, 7, subtitle, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_text_color(0, 0, 0)


def render_followup_report(
    *, data: FollowupReportData, lang: str = "nl", creation_date: datetime | None = None
) -> bytes:
    pdf = _pdf("followup", data.organisation, lang, creation_date)
    _cover(
        pdf,
        t("followup.pdf.followup_title", lang),
        f"{data.candidate} · {data.organisation} · {data.job_title}",
    )
    for fact in [
        *data.facts,
        Fact(label=t("followup.pdf.date", lang), value=fmt.long_date(data.report_date, lang)),
    ]:
        pdf.label_value(fact.label, fact.value, label_width=50)
    if data.consultant:
        pdf.label_value(t("followup.pdf.consultant", lang), data.consultant, label_width=50)
    pdf.ln(4)
    pdf.para(t("followup.pdf.followup_intro", lang), muted=True)

    pdf.section(t("followup.signals_title", lang), new_page=False)
    if not data.signals:
        pdf.para(t("followup.signals_none", lang))
    for s in data.signals:
        pdf.boxed(f"{s.level.upper()} · {s.title}", s.explanation)
        pdf.para(t("followup.why", lang, rationale=s.rationale), size=8.5, muted=True)
        pdf.para(f"{t('followup.source', lang)}: {s.source}", size=8, muted=True)

    pdf.section(t("followup.plan_title", lang), new_page=False)
    if data.checkins:
        pdf.data_table(
            [
                t("followup.col_date", lang),
                t("followup.col_point", lang),
                t("followup.col_who", lang),
                t("followup.pdf.score", lang),
            ],
            [
                [fmt.short_date(c.on, lang), c.point, c.respondent, fmt.score(c.score)]
                for c in data.checkins
            ],
            widths=[30, 40, 50, 50],
        )
    else:
        pdf.para(t("followup.pdf.no_checkins", lang))

    pdf.section(t("followup.pdf.actions", lang), new_page=False)
    if data.actions:
        pdf.data_table(
            [
                t("followup.col_date", lang),
                t("followup.pdf.what", lang),
                t("followup.pdf.who", lang),
                t("followup.pdf.done", lang),
            ],
            [
                [
                    fmt.short_date(a.on, lang),
                    a.what,
                    a.who or fmt.DASH,
                    t("common.yes" if a.done else "common.no", lang),
                ]
                for a in data.actions
            ],
            widths=[25, 95, 30, 20],
        )
    else:
        pdf.para(t("followup.pdf.no_actions", lang))

    pdf.section(t("followup.timeline_title", lang))
    pdf.data_table(
        [
            t("followup.col_date", lang),
            t("followup.col_what", lang),
            t("followup.col_detail", lang),
        ],
        [[fmt.short_date(i.on, lang), i.title, i.detail] for i in data.timeline],
        widths=[25, 55, 90],
        size=8.5,
    )
    return pdf.to_bytes()


def render_worker_overview(
    *, data: WorkerOverviewData, lang: str = "nl", creation_date: datetime | None = None
) -> bytes:
    """Easy-read: big type, short sentences, one thing per line."""
    pdf = _pdf("worker", data.organisation, lang, creation_date)
    _cover(pdf, t("followup.pdf.worker_title", lang), data.name)
    big = 13.0
    pdf.para(
        t("followup.pdf.w_job", lang, job=data.job_title, organisation=data.organisation), size=big
    )
    pdf.para(t("followup.pdf.w_start", lang, date=fmt.long_date(data.start, lang)), size=big)
    pdf.para(t("followup.pdf.w_hours", lang, hours=data.hours), size=big)
    if data.jobcoach:
        pdf.para(t("followup.pdf.w_coach", lang, name=data.jobcoach), size=big)
    pdf.ln(3)
    if data.last_checkin is None:
        pdf.para(t("followup.pdf.w_no_checkin", lang), size=big)
    else:
        pdf.subheading(
            t("followup.pdf.w_answers", lang, date=fmt.long_date(data.last_checkin, lang))
        )
        pdf.set_fill_color(*SOFT)
        for row in data.answers:
            pdf.para(row.question, style="B", size=big)
            pdf.para(row.answer, size=big)
    pdf.ln(3)
    if data.next_checkin is not None:
        pdf.boxed(
            t("followup.pdf.w_next_title", lang),
            t("followup.pdf.w_next", lang, date=fmt.long_date(data.next_checkin, lang)),
        )
    pdf.para(t("followup.pdf.w_help", lang), size=big)
    return pdf.to_bytes()
