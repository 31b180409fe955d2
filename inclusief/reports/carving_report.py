"""The jobcarving advisory report (PDF), for two audiences (``CarvingReportData.audience``).

* ``employer`` (about 8 pages for two candidates): summary with the time the staff get back
  and the business case over all jobs (time freed apart from the cash lines), then per job a
  readable title, a short description, the task table, the weekly schedule, the support and
  its business case; then the next steps of Inclusief Herontwerp Werk, the tasks that stay
  with the staff (no reasons) and a short method note with the sources of the amounts. No
  capability level, shortfall or reason: an employer never sees a candidate's limitations.
* ``consultant`` (the annex, its own PDF): every candidate without a job with the reason,
  what would help, the reasons short and grouped (tasks out of scope once), and per job the
  capability profile next to the candidate's levels.

Words in table cells break at Dutch syllables (pyphen, soft hyphens), never mid-syllable.

``CarvingReportData`` is a view: every number in it is taken as it is from the jobcarving
engine's result (hours, totals, amounts), nothing is summed or computed here, so the PDF
shows the app's numbers. The adapter from ``inclusief.jobcarving``'s ``CarvingResult``
builds it.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from typing import Any, Literal

from fpdf.enums import MethodReturnValue
from pydantic import BaseModel, Field

from inclusief import formatting as fmt
from inclusief.i18n import t
from inclusief.reports.pdf import (
    ACCENT,
    BODY_SIZE,
    BULLET_INDENT,
    FONT,
    INK,
    LINE,
    MUTED,
    ReportPDF,
    report_pdf,
)

SOFT_HYPHEN = "\u00ad"


@cache
def _dictionary(lang: str) -> Any:
    """pyphen's dictionary for ``lang`` (Dutch: nl_NL), or None when pyphen is missing."""
    try:
        import pyphen  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - pyphen is a dependency
        return None
    return pyphen.Pyphen(lang="nl_NL" if lang == "nl" else "en_GB")


def hyphenate(text: str, lang: str) -> str:
    """Soft hyphens at the dictionary's break points in words of 8 letters or more, so a
    narrow table cell breaks a word where a person would (``Onderwijs-assistent``), never in
    the middle of a syllable; where no break is needed nothing shows."""
    d = _dictionary(lang)
    if d is None:
        return text
    return re.sub(r"[^\W\d_]{8,}", lambda m: str(d.inserted(m.group(0), hyphen=SOFT_HYPHEN)), text)


def _hy(rows: list[list[str]], lang: str) -> list[list[str]]:
    return [[hyphenate(cell, lang) for cell in row] for row in rows]


class TaskRow(BaseModel):
    task: str
    source_role: str
    hours_per_week: float = Field(ge=0)
    slots: str = ""  # e.g. "ma 08:00-08:30, wo 12:00-12:45"


class CapabilityRow(BaseModel):
    """One capability: the level the job needs next to the candidate's (labels, no details)."""

    capability: str
    needed: str
    candidate: str | None = None
    fits: bool | None = None


class MoneyRow(BaseModel):
    label: str
    amount_eur: float | None  # None: no figures for the year (the notes say why)
    total: bool = False  # a total or balance line (printed bold); taken from the engine


class CarvedJobView(BaseModel):
    title: str
    description: str = ""
    hours_per_week: float = Field(ge=0)  # the engine's total for the job
    candidate: str | None = None  # a name or code, never medical details
    tasks: list[TaskRow]
    schedule_png: bytes | None = None  # the weekly schedule chart, rendered to PNG
    capabilities: list[CapabilityRow] = []
    accommodations: list[str] = []
    business_case: list[MoneyRow] = []  # cash lines: costs, schemes, the net effect
    time_rows: list[MoneyRow] = []  # staff time freed and its value: time, not cash
    money_notes: list[str] = []


class RoleRelief(BaseModel):
    role: str
    hours_relieved: float
    freed_for: str = ""


class UnassignedTask(BaseModel):
    task: str
    source_role: str
    hours_per_week: float = Field(ge=0)
    reason: str  # short: the table cell (long texts are cut there)
    details: list[str] = []  # the reasons per candidate, for the appendix


class CarvingSummary(BaseModel):
    """The engine's overall outcome: solver status and the totals (all from the engine)."""

    status: str  # the solver status in words, in the report's language
    note: str | None = None  # e.g. the engine fell back to the greedy answer
    jobs: int = Field(ge=0)
    hours_per_week: float = Field(ge=0)
    liked_hours: float = Field(ge=0)
    totals: list[MoneyRow] = []  # the business case over all jobs (cash lines)
    time_rows: list[MoneyRow] = []
    money_notes: list[str] = []
    funding: str | None = None
    money_sources: list[str] = []


Audience = Literal["employer", "consultant"]


class NextStep(BaseModel):
    title: str
    text: str


class CarvingReportData(BaseModel):
    organisation: str = Field(min_length=1)
    report_date: date
    inventory: str | None = None  # name of the task inventory
    summary: CarvingSummary | None = None
    jobs: list[CarvedJobView]
    relief: list[RoleRelief] = []
    unassigned: list[UnassignedTask] = []
    audience: Audience = "employer"
    """``employer``: the advice (no capability levels, shortfalls or reasons);
    ``consultant``: the annex with reasons, profiles and what would help."""
    next_steps: list[NextStep] = []
    out_of_scope: list[str] = []  # task names, listed once (consultant)
    reason_groups: list[str] = []  # grouped reasons (consultant)
    without_job: list[str] = []  # every candidate without a job, with the reason (consultant)
    help_candidates: list[str] = []  # what would help, per candidate without a job
    help_tasks: list[str] = []  # what would help, per task someone could almost do


def hours_text(value: float, lang: str) -> str:
    """Hours with up to two decimals, trailing zeros dropped: ``6``, ``18,5``, ``0,25``.

    Two decimals show quarter hours exactly; the adapter and the tests format with this too.
    """
    text = fmt.num(value, 2, lang)
    sep = "," if lang == "nl" else "."
    if sep in text:
        text = text.rstrip("0").rstrip(sep)
    return "0" if text == "-0" else text


_hours = hours_text


def _table_height(rows: list[MoneyRow]) -> float:
    """Room (mm) a short money table needs, so its heading moves with it to a new page."""
    return min(20 + 7.5 * len(rows), 100)


def _amount(m: MoneyRow, lang: str) -> str:
    if m.amount_eur is None:
        return t("carving_advice.money.no_amount", lang)
    return fmt.eur(m.amount_eur, lang)


def _money_block(
    pdf: ReportPDF, time_rows: list[MoneyRow], cash: list[MoneyRow], notes: list[str], lang: str
) -> None:
    """Time freed (its own table: time, not cash), then the cash lines, then the notes."""
    if time_rows:
        pdf.data_table(
            [t("carving_advice.money.time_title", lang), t("carving_advice.money.amount", lang)],
            _hy([[m.label, _amount(m, lang)] for m in time_rows], lang),
            widths=[120, 50],
            align=["LEFT", "RIGHT"],
            bold_last=time_rows[-1].total,
        )
    if cash:
        pdf.data_table(
            [t("carving_advice.money.item", lang), t("carving_advice.money.amount", lang)],
            _hy([[m.label, _amount(m, lang)] for m in cash], lang),
            widths=[120, 50],
            align=["LEFT", "RIGHT"],
            bold_last=cash[-1].total,
        )
    for note in notes:
        pdf.bullet(note)


def _whole_bullet(pdf: ReportPDF, text: str) -> None:
    """A bullet that starts on a new page rather than break (unless it is a page long)."""
    pdf.set_font(FONT, "", BODY_SIZE)
    lines = pdf.multi_cell(
        pdf.epw - BULLET_INDENT, LINE, text, dry_run=True, output=MethodReturnValue.LINES
    )
    assert isinstance(lines, list)
    pdf.keep(min(LINE * len(lines), pdf.h / 2))
    pdf.bullet(text)


def _employer_cover(pdf: ReportPDF, data: CarvingReportData, lang: str) -> None:
    pdf.add_page()
    pdf.set_fill_color(*ACCENT)
    pdf.rect(0, 0, pdf.w, 12, style="F")
    pdf.set_y(55)
    pdf.set_font(FONT, "", 11)
    pdf.set_text_color(*MUTED)
    pdf.cell(0, 6, t("reports.carving.cover_kicker", lang).upper(), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(FONT, "B", 24)
    pdf.set_text_color(*ACCENT)
    title = t(f"carving_advice.{data.audience}.title", lang)
    pdf.multi_cell(0, 11, title, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(FONT, "B", 16)
    pdf.set_text_color(*INK)
    pdf.multi_cell(0, 8, data.organisation, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    pdf.label_value(t("reports.scan.cover_date", lang), fmt.long_date(data.report_date, lang))
    if data.inventory:
        pdf.label_value(t("reports.carving.cover_inventory", lang), data.inventory)
    pdf.label_value(
        t("reports.carving.cover_jobs", lang), ", ".join(j.title for j in data.jobs) or fmt.DASH
    )
    pdf.ln(10)
    pdf.para(t(f"carving_advice.{data.audience}.cover_intro", lang))


def _employer_summary(pdf: ReportPDF, data: CarvingReportData, lang: str) -> None:
    pdf.section(t("reports.carving.summary_title", lang))
    s = data.summary
    if s is not None and not s.jobs:
        pdf.para(t("carving_advice.employer.no_jobs", lang))
    elif s is not None:
        pdf.para(
            t(
                "carving_advice.employer.summary",
                lang,
                jobs=t(
                    f"carving_advice.employer.jobs_{'one' if s.jobs == 1 else 'many'}",
                    lang,
                    n=s.jobs,
                ),
                hours=_hours(s.hours_per_week, lang),
            )
        )
        if s.note:
            pdf.para(s.note, muted=True, size=8.5)
    if data.relief:
        pdf.subheading(t("carving_advice.employer.relief_title", lang), keep=40)
        pdf.data_table(
            [
                t("reports.carving.role", lang),
                t("reports.carving.relieved", lang),
                t("reports.carving.freed_for", lang),
            ],
            _hy(
                [
                    [r.role, _hours(r.hours_relieved, lang), r.freed_for or fmt.DASH]
                    for r in data.relief
                ],
                lang,
            ),
            widths=[45, 25, 100],
            align=["LEFT", "RIGHT", "LEFT"],
        )
    if s is not None and s.totals:
        pdf.subheading(t("reports.carving.totals_title", lang), keep=_table_height(s.totals))
        _money_block(pdf, s.time_rows, s.totals, s.money_notes, lang)
        if s.funding:
            pdf.subheading(t("carving_advice.money.funding", lang), keep=20)
            pdf.para(s.funding)


def _employer_job(pdf: ReportPDF, n: int, job: CarvedJobView, lang: str) -> None:
    pdf.section(t("reports.carving.job_title", lang, n=n, title=job.title))
    pdf.para(
        t(
            "carving_advice.employer.job_line",
            lang,
            hours=_hours(job.hours_per_week, lang),
            tasks=t(
                f"carving_advice.task_{'one' if len(job.tasks) == 1 else 'many'}",
                lang,
                n=len(job.tasks),
            ),
        ),
        style="B",
    )
    if job.description:
        pdf.para(job.description)
    if job.candidate:
        pdf.para(t("carving_advice.employer.candidate", lang, candidate=job.candidate))
    pdf.subheading(t("reports.carving.tasks_title", lang))
    rows = [
        [r.task, r.source_role, _hours(r.hours_per_week, lang), r.slots or fmt.DASH]
        for r in job.tasks
    ]
    rows.append([t("reports.carving.total", lang), "", _hours(job.hours_per_week, lang), ""])
    pdf.data_table(
        [
            t("reports.carving.task", lang),
            t("reports.carving.source_role", lang),
            t("reports.carving.hours", lang),
            t("reports.carving.slots", lang),
        ],
        _hy(rows, lang),
        widths=[56, 36, 22, 56],
        align=["LEFT", "LEFT", "RIGHT", "LEFT"],
        bold_last=True,
    )
    if job.schedule_png is not None:
        pdf.picture(
            job.schedule_png,
            width=140,
            alt_text=t("reports.carving.schedule_alt", lang),
            heading=t("reports.carving.schedule_title", lang),
        )
    pdf.subheading(t("carving_advice.employer.support_title", lang), keep=20)
    if job.accommodations:
        for item in job.accommodations:
            pdf.bullet(item)
    else:
        pdf.para(t("reports.carving.accommodations_none", lang))
    if job.business_case:
        pdf.subheading(
            t("reports.carving.business_title", lang), keep=_table_height(job.business_case)
        )
        _money_block(pdf, job.time_rows, job.business_case, job.money_notes, lang)


def _employer_rest(pdf: ReportPDF, data: CarvingReportData, lang: str) -> None:
    pdf.section(t("carving_advice.steps_title", lang))
    pdf.para(t("carving_advice.steps_intro", lang))
    for n, step in enumerate(data.next_steps, start=1):
        pdf.subheading(f"{n}. {step.title}", keep=20)
        pdf.para(step.text)
    if data.unassigned:
        pdf.subheading(t("carving_advice.employer.staying_title", lang), keep=40)
        pdf.para(
            t(
                "carving_advice.employer.staying",
                lang,
                tasks=t(
                    f"carving_advice.task_{'one' if len(data.unassigned) == 1 else 'many'}",
                    lang,
                    n=len(data.unassigned),
                ),
                hours=_hours(sum(u.hours_per_week for u in data.unassigned), lang),
            )
        )
        pdf.para(
            "; ".join(
                f"{u.task} ({u.source_role}, {_hours(u.hours_per_week, lang)})"
                for u in data.unassigned
            ),
            size=8.5,
        )
    pdf.subheading(t("reports.carving.method_title", lang), keep=30)
    pdf.para(t("carving_advice.employer.method", lang), size=8.5)
    if data.summary is not None and data.summary.money_sources:
        sources = " ".join(data.summary.money_sources)
        pdf.para(f"{t('carving_advice.money.sources', lang)}: {sources}", muted=True, size=7)


def _consultant(pdf: ReportPDF, data: CarvingReportData, lang: str) -> None:
    pdf.section(t("carving_advice.consultant.people_title", lang))
    if data.without_job:
        for line in data.without_job:
            pdf.bullet(line)
    else:
        pdf.para(t("carving_advice.consultant.all_placed", lang))
    pdf.subheading(t("carving_advice.help.title", lang), keep=30)
    pdf.para(t("carving_advice.help.intro", lang), muted=True, size=8.5)
    if not data.help_candidates and not data.help_tasks:
        pdf.para(t("carving_advice.help.none", lang))
    if data.help_candidates:
        pdf.para(t("carving_advice.help.candidates_title", lang), style="B")
        for line in data.help_candidates:
            pdf.bullet(line)
    if data.help_tasks:
        pdf.para(t("carving_advice.help.tasks_title", lang), style="B")
        for line in data.help_tasks:
            _whole_bullet(pdf, line)
    pdf.section(t("carving_advice.consultant.reasons_title", lang))
    if data.out_of_scope:
        pdf.para(t("carving_advice.why.out_of_scope", lang, names=", ".join(data.out_of_scope)))
    if data.reason_groups:
        for line in data.reason_groups:
            _whole_bullet(pdf, line)
    elif not data.out_of_scope:
        pdf.para(t("reports.carving.unassigned_none", lang))
    for n, job in enumerate(data.jobs, start=1):
        if not job.capabilities:
            continue
        pdf.subheading(
            t("carving_advice.consultant.profile_title", lang, n=n, title=job.title), keep=110
        )
        if job.candidate:
            pdf.para(t("carving_advice.employer.candidate", lang, candidate=job.candidate))
        pdf.data_table(
            [
                t("reports.carving.capability", lang),
                t("reports.carving.needed", lang),
                t("reports.carving.candidate", lang),
                t("reports.carving.fits", lang),
            ],
            [
                [
                    c.capability,
                    c.needed,
                    c.candidate or fmt.DASH,
                    fmt.DASH
                    if c.fits is None
                    else t(f"reports.carving.fits_{'yes' if c.fits else 'no'}", lang),
                ]
                for c in job.capabilities
            ],
            widths=[55, 40, 40, 35],
        )


def render_carving_report(
    *, data: CarvingReportData, lang: str = "nl", creation_date: datetime | None = None
) -> bytes:
    """The jobcarving report as PDF bytes, in Dutch (default) or English: the employer's
    advice (``data.audience == "employer"``) or the consultant's annex."""
    pdf = report_pdf(
        "carving", organisation=data.organisation, lang=lang, creation_date=creation_date
    )
    _employer_cover(pdf, data, lang)
    if data.audience == "consultant":
        _consultant(pdf, data, lang)
        return pdf.to_bytes()
    _employer_summary(pdf, data, lang)
    for n, job in enumerate(data.jobs, start=1):
        _employer_job(pdf, n, job, lang)
    _employer_rest(pdf, data, lang)
    return pdf.to_bytes()
