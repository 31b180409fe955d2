"""The report page: A4, embedded DejaVu Sans, header, footer with page numbers, metadata.

Every report builds on :class:`ReportPDF`, so the two reports look alike. The helpers keep
a heading together with what follows it, wrap long texts, and draw tables with fpdf2's
``table()`` (headings repeated on every page the table runs onto). A table cell never
grows taller than :data:`MAX_CELL_LINES` lines: longer texts are cut with an ellipsis, so
no input can make a row too tall for a page (fpdf2 would refuse to render it).
"""

from __future__ import annotations

import copy
import io
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from threading import Lock

from fontTools import ttLib  # type: ignore[import-untyped]
from fpdf import FPDF, FontFace
from fpdf.enums import MethodReturnValue, TableBordersLayout, TableCellFillMode, XPos, YPos
from fpdf.fonts import TTFFont
from fpdf.util import Padding

from inclusief import __version__
from inclusief.i18n import t
from inclusief.reports.charts import SCALE as CHART_SCALE
from inclusief.reports.charts import png_size

FONT = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
LANG_TAGS = {"nl": "nl-NL", "en": "en-GB"}

# Colours (RGB): a dark blue for headings, greys for lines and quiet text.
INK = (17, 24, 39)
ACCENT = (15, 95, 140)
MUTED = (100, 110, 125)
RULE = (200, 205, 212)
SOFT = (234, 241, 247)
NOTICE = (254, 243, 224)
STRIPE = (247, 249, 251)
BAND_COLOURS = {"laag": (194, 65, 12), "midden": (184, 134, 11), "hoog": (21, 128, 61)}

MARGIN = 20.0
BODY_SIZE = 10.0
LINE = 5.2  # line height for body text, mm
MAX_CELL_LINES = 20  # a table cell longer than this is cut (about 9 cm at 9 pt)
MAX_HEADING_LINES = 4
ELLIPSIS = "\u2026"
BULLET_INDENT = 6.0  # mm from the bullet to its text
CELL_PADDING = Padding(top=1.4, right=1.6, bottom=1.4, left=1.6)


def font_dir() -> Path:
    return Path(str(resources.files("inclusief.reports") / "fonts"))


_blank: ReportPDF | None = None
_blank_lock = Lock()


def new_report_pdf(
    *,
    lang: str,
    title: str,
    running_title: str,
    subject: str,
    organisation: str,
    footer_text: str,
    page_label: str,
    creation_date: datetime | None = None,
) -> ReportPDF:
    """A fresh report document: a copy of a blank one whose fonts are already parsed.

    The copy is deep, so documents share nothing; the output is byte-identical to that of
    a document built from scratch (a test holds this).
    """
    global _blank
    with _blank_lock:
        if _blank is None:
            _blank = ReportPDF()
        pdf = copy.deepcopy(_blank)
    # The fontTools object is opened lazily and subset in place at output: give each copy
    # its own, freshly opened (cheap), and keep the parsed metrics that were copied.
    for font in pdf.fonts.values():
        if isinstance(font, TTFFont):
            font.ttfont = ttLib.TTFont(font.ttffile, recalcTimestamp=False, lazy=True)
    pdf.setup(
        lang=lang,
        title=title,
        running_title=running_title,
        subject=subject,
        organisation=organisation,
        footer_text=footer_text,
        page_label=page_label,
        creation_date=creation_date,
    )
    return pdf


def report_pdf(
    kind: str, *, organisation: str, lang: str, creation_date: datetime | None = None
) -> ReportPDF:
    """A new ``kind`` report ("scan", "carving"), its running texts and metadata taken from
    the locale keys ``reports.<kind>.title|running_title|subject``."""
    return new_report_pdf(
        lang=lang,
        title=f"{t(f'reports.{kind}.title', lang)} - {organisation}",
        running_title=t(f"reports.{kind}.running_title", lang),
        subject=t(f"reports.{kind}.subject", lang),
        organisation=organisation,
        footer_text=t("reports.footer", lang),
        page_label=t("reports.page", lang),
        creation_date=creation_date,
    )


class ReportPDF(FPDF):
    """A4 portrait report with the shipped font, running header and page footer.

    Make one with :func:`new_report_pdf`: parsing the three font files costs about 0.1 s,
    so a blank document with the fonts loaded is made once per process and copied.
    """

    def __init__(self) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        folder = font_dir()
        for style, file in FONT_FILES.items():
            self.add_font(FONT, style, str(folder / file))
        self.lang_code = "nl"
        self.running_title = ""
        self.organisation = ""
        self.footer_text = ""
        self.page_label = "{n}"

    def setup(
        self,
        *,
        lang: str,
        title: str,
        running_title: str,
        subject: str,
        organisation: str,
        footer_text: str,
        page_label: str,
        creation_date: datetime | None = None,
    ) -> None:
        """Texts of the running parts, margins and the PDF metadata."""
        self.lang_code = lang
        self.running_title = running_title
        self.organisation = organisation
        self.footer_text = footer_text
        self.page_label = page_label  # "Pagina {n} van {total}", {total} filled in at the end
        self.set_margins(MARGIN, MARGIN + 4, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN)
        self.set_title(title)
        self.set_subject(subject)
        self.set_author(f"Inclusief - {organisation}")
        self.set_creator(f"Inclusief {__version__}")
        self.set_keywords("Inclusief")
        self.set_lang(LANG_TAGS.get(lang, lang))
        stamp = creation_date or datetime.now(UTC)
        if stamp.tzinfo is None:
            stamp = stamp.replace(tzinfo=UTC)
        self.set_creation_date(stamp)
        self.set_text_color(*INK)
        self.set_font(FONT, "", BODY_SIZE)

    # -- running parts ---------------------------------------------------------------------
    def shorten(self, text: str, width: float) -> str:
        """``text`` cut at a word (with an ellipsis) so that it fits ``width`` mm in the
        current font: a long organisation name may not run into the running title."""
        if self.get_string_width(text) <= width:
            return text
        words = text.split()
        while words:
            words.pop()
            candidate = " ".join(words).rstrip(",;:-–") + " …"
            if words and self.get_string_width(candidate) <= width:
                return candidate
        cut = text
        while cut and self.get_string_width(cut + "…") > width:
            cut = cut[:-1]
        return cut + "…"

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(FONT, "", 8)
        self.set_text_color(*MUTED)
        self.set_y(10)
        half = self.epw / 2
        self.cell(half, 5, self.shorten(self.running_title, half - 2), align="L")
        self.cell(
            half,
            5,
            self.shorten(self.organisation, half - 2),
            align="R",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.set_draw_color(*RULE)
        self.line(self.l_margin, 16, self.w - self.r_margin, 16)
        self.set_y(MARGIN + 4)
        self.set_text_color(*INK)
        self.set_font(FONT, "", BODY_SIZE)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FONT, "", 8)
        self.set_text_color(*MUTED)
        half = self.epw / 2
        self.cell(half, 5, self.footer_text, align="L")
        label = self.page_label.format(n=self.page_no(), total=self.str_alias_nb_pages)
        self.cell(half, 5, label, align="R")
        self.set_text_color(*INK)

    # -- building blocks -------------------------------------------------------------------
    def space_left(self) -> float:
        return self.h - self.b_margin - self.get_y()

    def keep(self, height: float) -> None:
        """Start a new page unless ``height`` mm still fits (keeps a heading with its text)."""
        if self.space_left() < height:
            self.add_page()

    def section(self, title: str, *, new_page: bool = True) -> None:
        """A main section heading (H1), on a new page by default."""
        if new_page:
            self.add_page()
        else:
            self.keep(40)
        self.set_font(FONT, "B", 16)
        self.set_text_color(*ACCENT)
        self.multi_cell(0, 8, title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*ACCENT)
        self.set_line_width(0.5)
        y = self.get_y() + 1
        self.line(self.l_margin, y, self.l_margin + 30, y)
        self.set_line_width(0.2)
        self.set_y(y + 4)
        self.set_text_color(*INK)
        self.set_font(FONT, "", BODY_SIZE)

    def subheading(self, title: str, *, keep: float = 30) -> None:
        """An H2, kept together with at least ``keep`` mm of what follows."""
        self.keep(keep)
        self.ln(2)
        self.set_font(FONT, "B", 12)
        self.set_text_color(*ACCENT)
        self.multi_cell(0, 6.5, title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)
        self.set_text_color(*INK)
        self.set_font(FONT, "", BODY_SIZE)

    def para(
        self, text: str, *, style: str = "", size: float = BODY_SIZE, muted: bool = False
    ) -> None:
        """A paragraph that wraps and runs onto the next page when needed."""
        self.set_font(FONT, style, size)
        if muted:
            self.set_text_color(*MUTED)
        self.multi_cell(
            0, LINE * size / BODY_SIZE, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
        self.ln(1.5)
        self.set_text_color(*INK)
        self.set_font(FONT, "", BODY_SIZE)

    def label_value(self, label: str, value: str, *, label_width: float = 45) -> None:
        self.set_font(FONT, "B", BODY_SIZE)
        self.cell(label_width, LINE + 1, label)
        self.set_font(FONT, "", BODY_SIZE)
        self.multi_cell(0, LINE + 1, value, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def bullet(self, text: str, *, bold_lead: str | None = None) -> None:
        """A bullet point; the text wraps under itself, not under the bullet."""
        indent = BULLET_INDENT
        self.keep(LINE * 2)
        x = self.l_margin
        self.set_x(x)
        self.cell(indent, LINE, "\u2022")
        self.set_left_margin(x + indent)
        if bold_lead:
            self.set_font(FONT, "B", BODY_SIZE)
            self.multi_cell(0, LINE, bold_lead, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_font(FONT, "", BODY_SIZE)
        self.multi_cell(0, LINE, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_left_margin(x)
        self.set_x(x)
        self.ln(1.2)

    def boxed(self, title: str, text: str, *, fill: tuple[int, int, int] = NOTICE) -> None:
        """A shaded box with a bold title: notices and the adviser's notes."""
        self.keep(22)
        self.set_fill_color(*fill)
        self.set_font(FONT, "B", BODY_SIZE)
        self.multi_cell(
            0,
            LINE + 0.6,
            title,
            fill=True,
            padding=Padding(top=2.5, right=3, bottom=0.5, left=3),
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.set_font(FONT, "", BODY_SIZE)
        self.multi_cell(
            0,
            LINE,
            text,
            fill=True,
            padding=Padding(top=0.5, right=3, bottom=2.5, left=3),
            align="L",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.ln(3)

    def score_bar(self, value: float | None, band_id: str | None, *, width: float = 80) -> None:
        """A 0-100 bar: grey track, filled in the band colour up to the score."""
        self.keep(8)
        x, y, h = self.l_margin, self.get_y() + 1, 3.2
        self.set_fill_color(*SOFT)
        self.rect(x, y, width, h, style="F")
        if value is not None:
            self.set_fill_color(*BAND_COLOURS.get(band_id or "", ACCENT))
            self.rect(x, y, width * max(0.0, min(value, 100.0)) / 100, h, style="F")
        self.set_y(y + h + 2.5)

    def picture_size(self, png: bytes, width: float | None = None) -> tuple[float, float]:
        """Width and height in mm a PNG chart gets: its natural size (vl-convert renders at
        2 px per CSS pixel, 96 per inch) enlarged by a quarter, so that chart text reads
        like body text, and at most ``width`` and the text area."""
        px_w, px_h = png_size(png)
        natural = px_w / CHART_SCALE * 25.4 / 96 * 1.25
        w = min(width or self.epw, self.epw, natural)
        h = w * px_h / px_w
        max_h = self.h - self.t_margin - self.b_margin - 20
        if h > max_h:
            w, h = w * max_h / h, max_h
        return w, h

    def picture(
        self, png: bytes, *, width: float | None = None, alt_text: str = "", heading: str = ""
    ) -> None:
        """A PNG (a chart) centred and kept on one page, with its heading when given."""
        w, h = self.picture_size(png, width)
        if heading:
            self.subheading(heading, keep=h + 14)
        self.keep(h + 2)
        x = self.l_margin + (self.epw - w) / 2
        self.image(io.BytesIO(png), x=x, y=self.get_y(), w=w, h=h, alt_text=alt_text)
        self.set_y(self.get_y() + h)
        self.ln(2)

    def data_table(
        self,
        headings: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        widths: Sequence[float],
        align: Sequence[str] | None = None,
        bold_last: bool = False,
        size: float = 9,
    ) -> None:
        """A table whose headings repeat on every page it runs onto; long cells wrap."""
        # a short table stays on one page; a long one starts with at least a few rows
        self.keep(min(10 + 7.5 * len(rows), 90))
        self.set_font(FONT, "", size)
        # fpdf2 takes the table's base style (fill colour too) from the current state
        self.set_fill_color(255, 255, 255)
        self.set_draw_color(*RULE)
        heading_style = FontFace(emphasis="BOLD", fill_color=SOFT, color=INK)
        aligns = tuple(align) if align else tuple("LEFT" for _ in headings)
        line_height = size * 0.5
        # never more lines than a third of the page, whatever the constant says
        page_lines = int((self.h - self.t_margin - self.b_margin) / 3 / line_height)
        total = sum(widths)
        col_w = [self.epw * w / total for w in widths]

        def fit(text: str, j: int, style: str, limit: int) -> str:
            return self.fit_cell(
                text,
                col_w[j],
                line_height,
                max_lines=min(limit, page_lines),
                style=style,
                size=size,
            )

        headings = [fit(text, j, "B", MAX_HEADING_LINES) for j, text in enumerate(headings)]
        rows = [
            [
                fit(text, j, "B" if bold_last and i == len(rows) - 1 else "", MAX_CELL_LINES)
                for j, text in enumerate(values)
            ]
            for i, values in enumerate(rows)
        ]
        self.set_font(FONT, "", size)
        with self.table(
            col_widths=tuple(widths),
            text_align=aligns,
            headings_style=heading_style,
            line_height=line_height,
            padding=CELL_PADDING,
            repeat_headings=1,
            borders_layout=TableBordersLayout.HORIZONTAL_LINES,
            cell_fill_color=STRIPE,
            cell_fill_mode=TableCellFillMode.ROWS,
            first_row_as_headings=True,
        ) as table:
            head = table.row()
            for text in headings:
                head.cell(text)
            for i, values in enumerate(rows):
                style = FontFace(emphasis="BOLD") if bold_last and i == len(rows) - 1 else None
                row = table.row(style=style)
                for text in values:
                    row.cell(text)
        self.ln(3)
        self.set_font(FONT, "", BODY_SIZE)

    def fit_cell(
        self,
        text: str,
        width: float,
        line_height: float,
        *,
        max_lines: int = MAX_CELL_LINES,
        style: str = "",
        size: float = 9,
    ) -> str:
        """``text`` as it is when it wraps to at most ``max_lines`` lines in a table cell of
        ``width`` mm; otherwise its first lines, the last one ending in an ellipsis."""
        max_lines = max(1, max_lines)
        self.set_font(FONT, style, size)
        lines = self.multi_cell(
            width,
            line_height,
            text,
            dry_run=True,
            output=MethodReturnValue.LINES,
            padding=CELL_PADDING,
        )
        self.set_font(FONT, "", BODY_SIZE)
        assert isinstance(lines, list)
        if len(lines) <= max_lines:
            return text
        kept = [str(line) for line in lines[:max_lines]]
        last = kept[-1].rstrip()
        room = width - CELL_PADDING.left - CELL_PADDING.right
        self.set_font(FONT, style, size)
        while last and self.get_string_width(f"{last} {ELLIPSIS}") > room:
            last = last[:-1].rstrip()
        self.set_font(FONT, "", BODY_SIZE)
        kept[-1] = f"{last} {ELLIPSIS}" if last else ELLIPSIS
        return "\n".join(kept)

    def to_bytes(self) -> bytes:
        return bytes(self.output())
