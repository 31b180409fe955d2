"""The werkgeversscan advisory report (PDF).

Input is one :class:`ScanReportData`: the scored scan (``ScanResult``, as the app shows it)
plus what a session adds: the adviser's notes per dimension, an action plan, a peer
benchmark, and a PSO-style ladder and Banenafspraak result. The report lays these out; it
computes no score itself, so every number equals the app's (scores rounded the same way).

Sections: cover; summary (overall index, profile and its advice, a table of the dimension
scores); a chart of the scores; the advice (combined rules and band advice, the top 3 to
work on, the factual answers); one block per dimension (score, level, advice or the rule
that replaced it, the adviser's notes in session mode); next steps (the support needs the
employer ticked, standard steps for dimensions in the lowest band, and the employer's own
werkgeversservicepunt with the UWV Werkgeverslijn when the municipality is known); the PSO
and Banenafspraak page when computed; the action plan when there is one; the method and
sources.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Literal, Self

import pandas as pd
from pydantic import BaseModel, Field, model_validator

from inclusief import __version__
from inclusief import formatting as fmt
from inclusief.i18n import t
from inclusief.pso.banenafspraak import BanenafspraakResult
from inclusief.pso.charts import ladder_chart
from inclusief.pso.ladder import LadderResult
from inclusief.pso.texts import ba_rows, ba_scenarios, ba_status, growth_fte_text
from inclusief.pso.trend import TrendTable
from inclusief.questionnaires.charts import dimension_chart
from inclusief.questionnaires.model import Questionnaire
from inclusief.questionnaires.results import DimensionResult, ScanResult
from inclusief.reports.charts import chart_png
from inclusief.reports.pdf import ACCENT, FONT, INK, MUTED, SOFT, ReportPDF, report_pdf

if TYPE_CHECKING:
    from inclusief.research.benchmark import PeerBenchmark

Mode = Literal["self", "session"]

# Standard next steps, in the order they are listed, and the dimensions of the
# werkgeversscan that call for them when they land in the lowest band. A low dimension not
# listed here (another questionnaire) leads to the Werkgeversservicepunt. The ids are those
# of the werkgeversscan's support options, so a step the employer already chose is not
# listed twice.
STEP_ORDER = (
    "jobcarving",
    "pso_meting",
    "werkgeversservicepunt",
    "jobcoach",
    "proefplaatsing",
    "beleid",
)
STEPS_FOR_LOW: dict[str, tuple[str, ...]] = {
    "drijfveren": ("beleid",),
    "belemmeringen": ("proefplaatsing", "werkgeversservicepunt"),
    "ervaring": ("proefplaatsing", "jobcoach"),
    "beleid": ("beleid", "pso_meting"),
    "werving": ("jobcarving", "werkgeversservicepunt"),
    "begeleiding": ("jobcoach",),
    "regelingen": ("werkgeversservicepunt",),
}
DEFAULT_STEPS = ("werkgeversservicepunt",)
LOW_BAND_IDS = frozenset({"laag"})


class ActionItem(BaseModel):
    """One line of the action plan: what, who, by when, for which dimension (optional) and
    whether it is done."""

    what: str = Field(min_length=1)
    who: str = ""
    due: date | None = None
    dimension_id: str | None = None
    done: bool = False


class BenchmarkRow(BaseModel):
    dimension_id: str
    p25: float
    p50: float
    p75: float
    n: int = Field(ge=0)


class ScanBenchmark(BaseModel):
    """Peer quartiles per dimension (the research area computes them)."""

    n_peers: int = Field(ge=0)
    group: str = ""  # how the peers were chosen, e.g. "50-99 medewerkers, onderwijs"
    rows: list[BenchmarkRow] = []

    @classmethod
    def from_research(cls, peer: PeerBenchmark) -> ScanBenchmark | None:
        """From ``inclusief.research.benchmark.PeerBenchmark``; None when not available."""
        if not peer.available:
            return None
        rows = [
            BenchmarkRow(dimension_id=q.dimension_id, p25=q.p25, p50=q.p50, p75=q.p75, n=q.n)
            for q in peer.quartiles
            if q.p25 is not None and q.p50 is not None and q.p75 is not None
        ]
        group = ", ".join(p for p in (peer.size_class, peer.sector) if p)
        return cls(n_peers=peer.n_found, group=group, rows=rows)

    def row(self, dimension_id: str) -> BenchmarkRow | None:
        return next((r for r in self.rows if r.dimension_id == dimension_id), None)


class BandRange(BaseModel):
    """A band of one dimension, for the table of score ranges in the method section."""

    dimension_id: str
    band_id: str
    label: str
    min: float
    max: float


class ScanReportData(BaseModel):
    """Everything the scan report shows. Build it with :func:`scan_report_data` when the
    questionnaire is at hand (that fills the title, the 60% rule and the band ranges)."""

    organisation: str = Field(min_length=1)
    assessment_date: date
    questionnaire_id: str
    questionnaire_version: str
    questionnaire_title: str | None = None
    result: ScanResult
    mode: Mode = "self"
    consultant: str | None = None
    consultant_notes: dict[str, str] = {}
    benchmark: ScanBenchmark | None = None
    pso: LadderResult | None = None
    banenafspraak: BanenafspraakResult | None = None
    # PSO and Banenafspraak of the last reference years (inclusief.pso.trend.pdf_trend)
    pso_trend: TrendTable | None = None
    actions: list[ActionItem] = []
    min_answered_share: float = Field(default=0.6, gt=0, le=1)
    band_ranges: list[BandRange] = []

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        r = self.result
        if (r.questionnaire_id, r.version) != (self.questionnaire_id, self.questionnaire_version):
            raise ValueError(
                f"the result is for {r.questionnaire_id} {r.version}, not "
                f"{self.questionnaire_id} {self.questionnaire_version}"
            )
        known = {d.id for d in r.dimensions}
        for dim_id in self.consultant_notes:
            if dim_id not in known:
                raise ValueError(f"consultant note for unknown dimension '{dim_id}'")
        for item in self.actions:
            if item.dimension_id is not None and item.dimension_id not in known:
                raise ValueError(f"action for unknown dimension '{item.dimension_id}'")
        return self


def scan_report_data(
    *,
    questionnaire: Questionnaire,
    result: ScanResult,
    organisation: str,
    assessment_date: date,
    mode: Mode = "self",
    consultant: str | None = None,
    consultant_notes: dict[str, str] | None = None,
    benchmark: ScanBenchmark | None = None,
    pso: LadderResult | None = None,
    banenafspraak: BanenafspraakResult | None = None,
    actions: list[ActionItem] | None = None,
    pso_trend: TrendTable | None = None,
) -> ScanReportData:
    """:class:`ScanReportData` with the method details taken from the questionnaire."""
    lang = result.lang
    bands = [
        BandRange(dimension_id=d.id, band_id=b.id, label=b.label.get(lang), min=b.min, max=b.max)
        for d in questionnaire.dimensions
        for b in d.bands
    ]
    return ScanReportData(
        organisation=organisation,
        assessment_date=assessment_date,
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        questionnaire_title=questionnaire.title.get(lang),
        result=result,
        mode=mode,
        consultant=consultant,
        consultant_notes=consultant_notes or {},
        benchmark=benchmark,
        pso=pso,
        banenafspraak=banenafspraak,
        pso_trend=pso_trend,
        actions=actions or [],
        min_answered_share=questionnaire.min_answered_share,
        band_ranges=bands,
    )


# -- next steps ----------------------------------------------------------------------------
class NextStep(BaseModel):
    id: str
    title: str
    text: str
    because: list[str] = []  # dimension names that led to it


def is_low(dim: DimensionResult, band_ranges: list[BandRange]) -> bool:
    """In the lowest band: the one starting at 0 when the ranges are known, else ``laag``."""
    if dim.band_id is None:
        return False
    lowest = [b.band_id for b in band_ranges if b.dimension_id == dim.id and b.min == 0]
    return dim.band_id == lowest[0] if lowest else dim.band_id in LOW_BAND_IDS


def standard_steps(data: ScanReportData, lang: str) -> list[NextStep]:
    """Standard steps for dimensions in the lowest band, minus those the employer chose."""
    chosen = {s.id for s in data.result.support_steps}
    because: dict[str, list[str]] = {}
    for dim in data.result.dimensions:
        if is_low(dim, data.band_ranges):
            for step in STEPS_FOR_LOW.get(dim.id, DEFAULT_STEPS):
                because.setdefault(step, []).append(dim.name)
    return [
        NextStep(
            id=step,
            title=t(f"reports.scan.step.{step}.title", lang),
            text=t(f"reports.scan.step.{step}.text", lang),
            because=because[step],
        )
        for step in STEP_ORDER
        if step in because and step not in chosen
    ]


def dimension_advice(result: ScanResult, dim: DimensionResult, lang: str) -> str:
    """A dimension's advice; where a combined rule took its place, that rule's line."""
    if dim.advice:
        return dim.advice
    if dim.advice_replaced_by:
        text = next((a.text for a in result.advice if a.id == dim.advice_replaced_by), None)
        if text:
            return t("scan_report.replaced", lang, text=text)
    return t("reports.scan.no_advice", lang)


# -- rendering -----------------------------------------------------------------------------
def _benchmark_frame(data: ScanReportData) -> pd.DataFrame | None:
    if data.benchmark is None or not data.benchmark.rows:
        return None
    names = {d.id: d.name for d in data.result.dimensions}
    rows = [
        {"dimension": names[r.dimension_id], "p25": r.p25, "p50": r.p50, "p75": r.p75}
        for r in data.benchmark.rows
        if r.dimension_id in names
    ]
    return pd.DataFrame(rows, columns=["dimension", "p25", "p50", "p75"]) if rows else None


def scan_chart_png(data: ScanReportData, lang: str) -> bytes:
    """The app's dimension chart (with the peer band when known) as PNG."""
    chart = dimension_chart(shown_scores(data.result), lang=lang, benchmark=_benchmark_frame(data))
    return chart_png(chart)


def shown_scores(result: ScanResult) -> ScanResult:
    """The result with each dimension score rounded as the text shows it.

    The chart's labels are formatted by Vega (d3-format rounds half up: 12.5 -> 13) while
    the app and this report format with Python (half to even: 12.5 -> 12). Feeding the
    chart the shown value keeps the picture and the text of the report equal.
    """
    dims = [
        d.model_copy(update={"score": None if d.score is None else float(fmt.score(d.score))})
        for d in result.dimensions
    ]
    return result.model_copy(update={"dimensions": dims})


def _share(data: ScanReportData) -> str:
    return f"{data.min_answered_share * 100:g}"


def _cover(pdf: ReportPDF, data: ScanReportData, lang: str) -> None:
    pdf.add_page()
    pdf.set_fill_color(*ACCENT)
    pdf.rect(0, 0, pdf.w, 12, style="F")
    pdf.set_y(55)
    pdf.set_font(FONT, "", 11)
    pdf.set_text_color(*MUTED)
    pdf.cell(0, 6, t("reports.scan.cover_kicker", lang).upper(), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(FONT, "B", 24)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(0, 11, t("reports.scan.title", lang), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(FONT, "B", 16)
    pdf.set_text_color(*INK)
    pdf.multi_cell(0, 8, data.organisation, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    pdf.set_font(FONT, "", 10)
    questionnaire = t(
        "reports.scan.cover_version",
        lang,
        id=data.questionnaire_id,
        version=data.questionnaire_version,
    )
    if data.questionnaire_title:
        questionnaire = f"{data.questionnaire_title} ({questionnaire})"
    rows = [
        (t("reports.scan.cover_org", lang), data.organisation),
        (t("reports.scan.cover_date", lang), fmt.long_date(data.assessment_date, lang)),
        (t("reports.scan.cover_questionnaire", lang), questionnaire),
        (t("reports.scan.cover_mode", lang), t(f"reports.scan.mode_{data.mode}", lang)),
    ]
    if data.consultant:
        rows.append((t("reports.scan.cover_consultant", lang), data.consultant))
    for label, value in rows:
        pdf.label_value(label, value)
    pdf.ln(10)
    pdf.para(t("reports.scan.cover_intro", lang))


def _summary(pdf: ReportPDF, data: ScanReportData, lang: str) -> None:
    r = data.result
    pdf.section(t("reports.scan.summary_title", lang))
    if r.overall_index is None:
        pdf.para(t("reports.scan.no_overall", lang), style="B")
    else:
        pdf.set_font(FONT, "", 10)
        pdf.set_text_color(*MUTED)
        pdf.cell(0, 6, t("reports.scan.overall", lang), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "B", 28)
        pdf.set_text_color(*ACCENT)
        overall = fmt.score(r.overall_index)
        pdf.cell(0, 13, t("reports.scan.overall_value", lang, score=overall))
        pdf.ln(14)
        pdf.set_text_color(*INK)
        if r.profile_label:
            pdf.para(f"{t('reports.scan.profile', lang)}: {r.profile_label}", style="B", size=12)
        if r.profile_advice:
            pdf.para(r.profile_advice)
    counts = t(
        "reports.scan.counts",
        lang,
        answered=r.answered,
        dont_know=r.dont_know,
        skipped=r.skipped,
    )
    if r.not_applicable:
        counts += " " + t("scan_report.not_applicable_line", lang, n=r.not_applicable)
    pdf.para(counts, muted=True, size=9)
    pdf.ln(2)
    headings = [
        t("reports.scan.table_dimension", lang),
        t("reports.scan.table_score", lang),
        t("reports.scan.table_band", lang),
    ]
    widths: list[float] = [90, 25, 55]
    align = ["LEFT", "RIGHT", "LEFT"]
    bench = data.benchmark
    if bench is not None and bench.rows:
        headings.append(t("reports.scan.table_peers", lang))
        widths = [62, 18, 40, 50]
        align.append("CENTER")
    rows = []
    for d in r.dimensions:
        row = [d.name, fmt.score(d.score), d.band_label or t("reports.scan.no_band", lang)]
        if bench is not None and bench.rows:
            b = bench.row(d.id)
            row.append(
                fmt.DASH
                if b is None
                # the middle half, and the middle one in brackets (no p25/p75 jargon)
                else f"{fmt.score(b.p25)}–{fmt.score(b.p75)} ({fmt.score(b.p50)})"
            )
        rows.append(row)
    pdf.data_table(headings, rows, widths=widths, align=align)


def _chart(pdf: ReportPDF, data: ScanReportData, lang: str) -> None:
    pdf.picture(
        scan_chart_png(data, lang),
        width=160,
        alt_text=t("reports.scan.chart_alt", lang),
        heading=t("reports.scan.chart_title", lang),
    )
    caption = t("reports.scan.chart_caption", lang)
    if data.benchmark is not None and data.benchmark.rows:
        caption += " " + t(
            "reports.scan.chart_caption_peers",
            lang,
            n=data.benchmark.n_peers,
            group=data.benchmark.group,
        )
    pdf.para(caption, muted=True, size=8.5)


def _dimensions(pdf: ReportPDF, data: ScanReportData, lang: str) -> None:
    pdf.section(t("reports.scan.dimensions_title", lang))
    for d in data.result.dimensions:
        pdf.subheading(d.name, keep=45)
        if d.score is None:
            pdf.score_bar(None, None)
            pdf.para(t("reports.scan.no_score", lang, share=_share(data)), style="I")
        else:
            pdf.set_font(FONT, "B", 10)
            line = t(
                "reports.scan.score_line",
                lang,
                score=fmt.score(d.score),
                band=d.band_label or fmt.DASH,
            )
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
            pdf.score_bar(d.score, d.band_id)
            pdf.para(dimension_advice(data.result, d, lang))
        if d.note:
            pdf.para(d.note, muted=True, size=8.5)
        answered = t(
            "reports.scan.answered_line",
            lang,
            answered=d.answered,
            n=d.n_items,
            dont_know=d.dont_know,
        )
        if d.not_applicable:
            answered += " " + t("scan_report.not_applicable_line", lang, n=d.not_applicable)
        pdf.para(answered, muted=True, size=8.5)
        if data.benchmark is not None:
            b = data.benchmark.row(d.id)
            if b is not None:
                pdf.para(
                    t(
                        "reports.scan.peer_line",
                        lang,
                        p25=fmt.score(b.p25),
                        p50=fmt.score(b.p50),
                        p75=fmt.score(b.p75),
                        n=b.n,
                    ),
                    muted=True,
                    size=8.5,
                )
        note = data.consultant_notes.get(d.id, "").strip()
        if data.mode == "session" and note:
            pdf.boxed(t("reports.scan.notes_title", lang), note, fill=SOFT)


def _advice(pdf: ReportPDF, data: ScanReportData, lang: str) -> None:
    """The combined advice (rules, then band advice), the top 3 to work on and the facts.

    The profile line stands in the summary already; the regional line closes the next
    steps. A questionnaire without rules, weak items or facts (1.0) shows its band advice
    here too, so every result has one list of advice."""
    r = data.result
    names = {d.id: d.name for d in r.dimensions}
    lines = [line for line in r.advice if line.kind in ("rule", "band")]
    facts = [f for f in r.facts if f.answer is not None]
    if not lines and not r.work_points and not facts:
        return
    pdf.section(t("scan_report.advice_title", lang))
    if lines:
        pdf.para(t("scan_report.advice_intro", lang))
        for line in lines:
            if line.kind == "rule":
                lead = t("scan_report.advice_combined", lang)
            else:
                lead = names.get(line.dimension or "", "")
            pdf.bullet(line.text, bold_lead=lead or None)
    if r.work_points:
        pdf.subheading(t("scan_report.work_points_title", lang))
        pdf.para(t("scan_report.work_points_intro", lang))
        for n, point in enumerate(r.work_points, start=1):
            lead = f"{n}. {point.text} ({point.dimension_name})"
            pdf.bullet(point.action or t("scan_report.work_points_no_action", lang), bold_lead=lead)
    if facts:
        pdf.subheading(t("scan_report.facts_title", lang))
        pdf.para(t("scan_report.facts_intro", lang))
        pdf.data_table(
            [t("scan_report.facts_question", lang), t("scan_report.facts_answer", lang)],
            [[f.question, f.answer or fmt.DASH] for f in facts],
            widths=[110, 60],
            size=8.5,
        )


def _region(pdf: ReportPDF, data: ScanReportData, lang: str) -> None:
    """The employer's own werkgeversservicepunt and the UWV Werkgeverslijn."""
    for line in data.result.advice:
        if line.kind == "region":
            title = t("scan_report.region_title", lang, region=data.result.region or "")
            pdf.boxed(title, line.text, fill=SOFT)


def _next_steps(pdf: ReportPDF, data: ScanReportData, lang: str) -> None:
    pdf.section(t("reports.scan.steps_title", lang))
    support = data.result.support_steps
    standard = standard_steps(data, lang)
    if not support and not standard:
        pdf.para(t("reports.scan.steps_none", lang))
        _region(pdf, data, lang)
        return
    pdf.para(t("reports.scan.steps_intro", lang))
    if support:
        pdf.subheading(t("reports.scan.steps_support", lang))
        for s in support:
            pdf.bullet(s.next_step, bold_lead=s.label)
    if standard:
        pdf.subheading(t("reports.scan.steps_standard", lang))
        for step in standard:
            because = t("reports.scan.steps_because", lang, parts=", ".join(step.because))
            pdf.bullet(f"{step.text} {because}", bold_lead=step.title)
    _region(pdf, data, lang)


def _pso(pdf: ReportPDF, data: ScanReportData, lang: str) -> None:
    lad, ba = data.pso, data.banenafspraak
    if lad is None and ba is None:
        return
    pdf.section(t("reports.scan.pso_title", lang))
    notice = lad.notice if lad is not None else ba.notice if ba is not None else None
    notice_text = notice.get(lang) if notice is not None else ""
    pdf.boxed(t("reports.scan.pso_notice_title", lang), notice_text)
    heads = [t("reports.scan.pso_table_item", lang), t("reports.scan.pso_table_value", lang)]
    if lad is not None:
        pdf.subheading(t("reports.scan.pso_ladder", lang))
        indirect = fmt.pct(lad.indirect_pct, 2, lang)
        if lad.indirect_capped:
            indirect = t(
                "reports.scan.pso_indirect_capped",
                lang,
                pct=indirect,
                raw=fmt.pct(lad.indirect_pct_raw, 2, lang),
            )
        norms = " / ".join(
            fmt.pct(v, 2, lang) for v in (lad.norms.trede_1, lad.norms.trede_2, lad.norms.trede_3)
        )
        rows = [
            [t("reports.scan.pso_year", lang), str(lad.year)],
            [
                t("reports.scan.pso_size", lang),
                fmt.num(lad.size, 0 if lad.size.is_integer() else 2, lang),
            ],
            [t("reports.scan.pso_total_fte", lang), fmt.num(lad.total_fte, 2, lang)],
            [t("reports.scan.pso_weighted_fte", lang), fmt.num(lad.weighted_fte, 2, lang)],
            [t("reports.scan.pso_direct", lang), fmt.pct(lad.direct_pct, 2, lang)],
            [t("reports.scan.pso_indirect", lang), indirect],
            [t("reports.scan.pso_total", lang), fmt.pct(lad.total_pct, 2, lang)],
            [t("reports.scan.pso_norms", lang), norms],
            [t("reports.scan.pso_level", lang), t(f"pso.level_{lad.level}", lang)],
        ]
        pdf.data_table(heads, rows, widths=[100, 70], align=["LEFT", "RIGHT"])
        pdf.picture(
            chart_png(ladder_chart(lad, lang=lang)),
            width=170,
            alt_text=t("reports.scan.pso_chart_alt", lang),
        )
        g = lad.growth
        pdf.subheading(t("reports.scan.pso_growth", lang), keep=20)
        if g.next_level is None:
            pdf.para(t("reports.scan.pso_growth_top", lang))
        else:
            # the same sentence as the CLI and the app page (pso.growth_fte_short)
            fte_text = growth_fte_text(g, lang, long=False)
            if fte_text is not None:
                pdf.para(fte_text)
            if g.purchase is not None and g.purchase.possible and g.purchase.amount_eur:
                amount = fmt.eur(g.purchase.amount_eur, lang)
                pdf.para(t("reports.scan.pso_growth_purchase", lang, amount=amount))
        for warning in lad.warnings:
            pdf.para(warning.get(lang), muted=True, size=8.5)
    if ba is not None:
        pdf.subheading(t("reports.scan.ba_title", lang))
        rows = [[label, value] for label, value in ba_rows(ba, lang)]
        pdf.data_table(heads, rows, widths=[100, 70], align=["LEFT", "RIGHT"])
        pdf.para(ba_status(ba, lang))
        scenario = ba_scenarios(ba, lang)
        if scenario:
            pdf.para(scenario[0], muted=True)
            for line in scenario[1:]:
                pdf.bullet(line)
        for note in ba.messages:
            pdf.para(note.get(lang), muted=True, size=8.5)
        pdf.para(ba.notice.get(lang), muted=True, size=8.5)
    trend = data.pso_trend
    if trend is not None and trend.rows:
        pdf.subheading(trend.title, keep=30)
        width = 170 / len(trend.headers)
        pdf.data_table(
            trend.headers,
            trend.rows,
            widths=[width] * len(trend.headers),
            align=["LEFT"] + ["RIGHT"] * (len(trend.headers) - 1),
            size=8.5,
        )


def _actions(pdf: ReportPDF, data: ScanReportData, lang: str) -> None:
    if not data.actions:
        return
    pdf.section(t("reports.scan.actions_title", lang))
    pdf.para(t("reports.scan.actions_intro", lang))
    names = {d.id: d.name for d in data.result.dimensions}
    rows = [
        [
            a.what,
            a.who or fmt.DASH,
            fmt.short_date(a.due, lang),
            names.get(a.dimension_id or "", fmt.DASH),
            t("common.yes" if a.done else "common.no", lang),
        ]
        for a in data.actions
    ]
    pdf.data_table(
        [
            t("reports.scan.actions_what", lang),
            t("reports.scan.actions_who", lang),
            t("reports.scan.actions_due", lang),
            t("reports.scan.actions_part", lang),
            t("ui.actions_done", lang),
        ],
        rows,
        widths=[68, 30, 22, 36, 14],
    )


def _colophon(pdf: ReportPDF, data: ScanReportData, lang: str) -> None:
    pdf.section(t("reports.scan.colophon_title", lang))
    pdf.subheading(t("reports.scan.method_title", lang))
    pdf.para(t("reports.scan.method_scale", lang))
    pdf.para(t("reports.scan.method_missing", lang, share=_share(data)))
    pdf.para(t("reports.scan.method_overall", lang))
    if data.result.facts or data.result.not_applicable:
        pdf.para(t("scan_report.method_types", lang))
    if any(d.note for d in data.result.dimensions):
        pdf.para(t("scan_report.method_dont_know", lang))
    if data.result.work_points:
        pdf.para(t("scan_report.method_work_points", lang))
    if data.benchmark is not None:
        pdf.para(t("reports.scan.peers_method", lang, group=data.benchmark.group))
    if data.band_ranges:
        pdf.subheading(t("reports.scan.bands_title", lang))
        per_dim: dict[str, list[str]] = {}
        for b in data.band_ranges:
            per_dim.setdefault(b.dimension_id, []).append(f"{b.label} {b.min:g}-{b.max:g}")
        names = {d.id: d.name for d in data.result.dimensions}
        rows = [[names.get(k, k), ", ".join(v)] for k, v in per_dim.items()]
        pdf.data_table(
            [t("reports.scan.table_dimension", lang), t("reports.scan.bands_range", lang)],
            rows,
            widths=[70, 100],
            size=8.5,
        )
    pdf.subheading(t("reports.scan.pso_method_title", lang))
    pdf.para(t("reports.scan.pso_disclaimer", lang))
    pdf.para(t("reports.scan.ba_disclaimer", lang))
    pdf.subheading(t("reports.scan.sources_title", lang))
    pdf.bullet(t("reports.scan.source_scan", lang))
    pdf.bullet(t("reports.scan.source_pso", lang))
    quota_source = (
        data.banenafspraak.quota_source
        if data.banenafspraak and data.banenafspraak.quota_source
        else "UWV"
    )
    pdf.bullet(t("reports.scan.source_ba", lang, source=quota_source))
    pdf.bullet(t("reports.scan.source_software", lang, version=__version__))


def render_scan_report(
    *, data: ScanReportData, lang: str = "nl", creation_date: datetime | None = None
) -> bytes:
    """The scan report as PDF bytes, in Dutch (default) or English.

    Texts that come with the result (dimension names, advice) are in the language the scan
    was scored in (``data.result.lang``): score it in the report's language.
    ``creation_date`` pins the PDF's creation date, so that output is reproducible.
    """
    pdf = report_pdf("scan", organisation=data.organisation, lang=lang, creation_date=creation_date)
    _cover(pdf, data, lang)
    _summary(pdf, data, lang)
    _chart(pdf, data, lang)
    _advice(pdf, data, lang)
    _dimensions(pdf, data, lang)
    _next_steps(pdf, data, lang)
    _pso(pdf, data, lang)
    _actions(pdf, data, lang)
    _colophon(pdf, data, lang)
    return pdf.to_bytes()
