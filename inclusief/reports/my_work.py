""" "Mijn werk": a one-page easy-read PDF for the candidate about their own carved job.

What you will do (tasks in plain words, a picture per kind of work), when (the week as a
picture), where and with whom, who helps you, and what to bring on the first day. Written
at B1 or simpler (texts ``candidates.mywork.*``, checked in the tests), at least 14 pt,
black and dark blue on white. Pictures are the project's own (:mod:`inclusief.reports.pictures`),
each with an alt text; the PDF is tagged with its language and title.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime

from fpdf import FPDF
from pydantic import BaseModel, Field

from inclusief.i18n import t
from inclusief.jobcarving.model import DAYS, PARTS, CarvedJob, Inventory
from inclusief.jobcarving.profiles import TASK_CATEGORIES
from inclusief.reports.carving_report import hours_text
from inclusief.reports.pdf import FONT, FONT_FILES, font_dir
from inclusief.reports.pictures import pictogram, week_picture

MIN_SIZE = 14.0  # pt: the smallest text on the page
TEXT_SIZE = 15.0
HEAD_SIZE = 19.0
TITLE_SIZE = 26.0
INK = (0, 0, 0)
BLUE = (15, 60, 120)
OTHER = "overig"


class WorkGroup(BaseModel):
    """Tasks of one kind of work, with its picture."""

    kind: str  # one of our kinds of work (TASK_CATEGORIES) or "overig"
    label: str  # the kind in plain words
    tasks: list[str]  # the tasks in plain words


class MyWorkData(BaseModel):
    name: str = Field(min_length=1)
    hours: float = Field(ge=0)
    groups: list[WorkGroup]
    schedule: dict[str, float]  # slot -> hours
    place: str = ""
    with_whom: str = ""
    helper: str = ""
    bring: list[str] = []


def kind_of(category: str) -> str:
    """Our kind of work for an inventory category (``overig`` when none covers it)."""
    return next((k for k, c in TASK_CATEGORIES.items() if category in c.covers), OTHER)


def my_work_data(
    inventory: Inventory,
    job: CarvedJob,
    lang: str,
    *,
    task_words: dict[str, str] | None = None,
    place: str = "",
    with_whom: str = "",
    helper: str = "",
    bring: Sequence[str] = (),
) -> MyWorkData:
    """The page for one carved job; ``task_words`` are the consultant's plain words per task
    id (the inventory's task name when not given)."""
    words = task_words or {}
    groups: dict[str, WorkGroup] = {}
    for tid in job.tasks:
        task = inventory.task(tid)
        kind = kind_of(task.category)
        label = (
            t(f"candidates.opt.cat.{kind}", lang)
            if kind != OTHER
            else t("candidates.mywork.other", lang)
        )
        group = groups.setdefault(kind, WorkGroup(kind=kind, label=label, tasks=[]))
        group.tasks.append(words.get(tid, "").strip() or task.name)
    hours = {slot: sum(e.hours for e in entries) for slot, entries in job.schedule.items()}
    return MyWorkData(
        name=job.pseudonym,
        hours=job.hours,
        groups=list(groups.values()),
        schedule=hours,
        place=place.strip(),
        with_whom=with_whom.strip(),
        helper=helper.strip(),
        bring=[b.strip() for b in bring if b.strip()],
    )


class _Page(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        for style, file in FONT_FILES.items():
            self.add_font(FONT, style, str(font_dir() / file))
        self.set_auto_page_break(False)
        self.set_margins(16, 14, 16)


def _lower_first(text: str) -> str:
    # "Ramen zemen" -> "ramen zemen" inside a list; "BHV" and "ICT" stay
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def _heading(pdf: _Page, text: str) -> None:
    pdf.ln(2)
    pdf.set_font(FONT, "B", HEAD_SIZE)
    pdf.set_text_color(*BLUE)
    pdf.cell(0, 9, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)


def _text(pdf: _Page, text: str, *, x: float | None = None, bold: bool = False) -> None:
    pdf.set_font(FONT, "B" if bold else "", TEXT_SIZE)
    if x is not None:
        pdf.set_x(x)
    pdf.multi_cell(0, 7, text, align="L", new_x="LMARGIN", new_y="NEXT")


def render_my_work(
    data: MyWorkData, *, lang: str = "nl", creation_date: datetime | None = None
) -> bytes:
    """One A4 page; raises ``ValueError`` when the content does not fit on one page."""
    pdf = _Page()
    pdf.set_lang(lang)
    pdf.set_title(t("candidates.mywork.title", lang, name=data.name))
    pdf.set_creator("Inclusief")
    if creation_date is not None:
        pdf.set_creation_date(creation_date)
    pdf.add_page()
    pdf.set_font(FONT, "B", TITLE_SIZE)
    pdf.set_text_color(*BLUE)
    pdf.multi_cell(
        0, 11, t("candidates.mywork.title", lang, name=data.name), new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_text_color(*INK)
    _text(pdf, t("candidates.mywork.intro", lang, hours=hours_text(data.hours, lang)))

    _heading(pdf, t("candidates.mywork.what", lang))
    pic = 16.0 if len(data.groups) <= 4 else 12.0
    compact = sum(len(g.tasks) for g in data.groups) > 9  # then a group's tasks in one line
    for group in data.groups:
        top = pdf.get_y()
        pdf.image(
            io.BytesIO(pictogram(group.kind)),
            x=pdf.l_margin,
            y=top,
            w=pic,
            h=pic,
            alt_text=t("candidates.mywork.picture", lang, kind=group.label),
        )
        x = pdf.l_margin + pic + 4
        pdf.set_y(top)
        _text(pdf, group.label, x=x, bold=True)
        if compact:
            _text(
                pdf, ", ".join([*group.tasks[:1], *map(_lower_first, group.tasks[1:])]) + ".", x=x
            )
        else:
            for task in group.tasks:
                _text(pdf, f"• {task}", x=x)
        pdf.set_y(max(pdf.get_y(), top + pic) + 2)

    _heading(pdf, t("candidates.mywork.when", lang))
    png = week_picture(
        data.schedule,
        {d: t(f"candidates.opt.day.{d}", lang)[:2] for d in DAYS},
        {p: t(f"candidates.opt.part.{p}", lang) for p in PARTS},
        lambda h: t("candidates.mywork.hours_short", lang, hours=hours_text(h, lang)),
    )
    width = pdf.epw * 0.9
    height = width * 430 / 1850  # the picture's aspect ratio (week_picture's size)
    slots = [
        t(
            "candidates.mywork.slot",
            lang,
            day=t(f"candidates.opt.day.{s.split('-')[0]}", lang),
            part=t(f"candidates.opt.part.{s.split('-')[1]}", lang),
            hours=hours_text(h, lang),
        )
        for s, h in data.schedule.items()
        if h > 0
    ]
    pdf.image(
        io.BytesIO(png),
        x=pdf.l_margin,
        y=pdf.get_y(),
        w=width,
        h=height,
        alt_text=t("candidates.mywork.week_alt", lang) + " " + "; ".join(slots),
    )
    pdf.set_y(pdf.get_y() + height + 1)

    rest = [
        ("where", data.place or t("candidates.mywork.ask", lang)),
        ("with_whom", data.with_whom or t("candidates.mywork.ask", lang)),
        ("helper", data.helper or t("candidates.mywork.ask", lang)),
    ]
    pdf.ln(2)
    for key, value in rest:  # question and answer side by side, to keep to one page
        top = pdf.get_y()
        pdf.set_font(FONT, "B", HEAD_SIZE - 2)
        pdf.set_text_color(*BLUE)
        pdf.multi_cell(62, 8, t(f"candidates.mywork.{key}", lang), new_x="RIGHT", new_y="TOP")
        label_bottom = pdf.get_y()
        pdf.set_text_color(*INK)
        pdf.set_xy(pdf.l_margin + 64, top + 0.5)
        _text(pdf, value, x=pdf.l_margin + 64)
        pdf.set_y(max(pdf.get_y(), label_bottom, top + 8) + 1.5)
    _heading(pdf, t("candidates.mywork.bring", lang))
    for item in data.bring or [t("candidates.mywork.bring_default", lang)]:
        _text(pdf, f"• {item}")
    if pdf.page_no() > 1 or pdf.get_y() > pdf.h - 8:
        raise ValueError(t("candidates.mywork.too_long", lang))
    return bytes(pdf.output())
