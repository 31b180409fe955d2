"""PSO and Banenafspraak over the years, for one organisation.

Input: the outcomes of several reference years (each a :class:`~inclusief.pso.outcome.
PsoOutcome`, or a ladder with an optional Banenafspraak result, for records saved before the
Banenafspraak changed shape). Output, built in the core so the app and the PDF show the same:

- :func:`trend_points`: one :class:`TrendPoint` per year, sorted, a year at most once;
- :func:`trend_frames` / :func:`trend_chart`: direct, indirect and total social contribution
  against the Trede 1-3 norm lines, and Banenafspraak jobs against the required jobs (an
  Altair chart; required jobs only for years with quota figures);
- :func:`pdf_trend`: the last three years as plain rows of text for the PDF.

The norms are those of each year's own calculation (they depend on the size used then).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import altair as alt
import pandas as pd
from pydantic import BaseModel

from inclusief.formatting import DASH, num, pct
from inclusief.i18n import t
from inclusief.pso.banenafspraak import BanenafspraakResult
from inclusief.pso.charts import COLOR_GAP, COLOR_NORM, COLOR_TOTAL
from inclusief.pso.ladder import TREDES, LadderResult, Level
from inclusief.pso.outcome import PsoOutcome

COLOR_DIRECT = "#2f855a"
COLOR_INDIRECT = "#8b5cf6"
PDF_YEARS = 3


class TrendPoint(BaseModel):
    """What the trend needs of one year's calculation (small enough to store as well)."""

    year: int
    direct_pct: float
    indirect_pct: float
    total_pct: float
    norm_trede_1: float
    norm_trede_2: float
    norm_trede_3: float
    level: Level
    next_level: Level | None
    extra_fte: float | None
    ba_jobs: float | None = None
    ba_required_jobs: float | None = None
    ba_status: str | None = None

    @classmethod
    def of(
        cls, ladder: LadderResult, banenafspraak: BanenafspraakResult | None = None
    ) -> TrendPoint:
        if banenafspraak is not None and banenafspraak.year != ladder.year:
            raise ValueError(
                f"the Banenafspraak is for {banenafspraak.year}, the ladder for {ladder.year}"
            )
        return cls(
            year=ladder.year,
            direct_pct=ladder.direct_pct,
            indirect_pct=ladder.indirect_pct,
            total_pct=ladder.total_pct,
            norm_trede_1=ladder.norms.trede_1,
            norm_trede_2=ladder.norms.trede_2,
            norm_trede_3=ladder.norms.trede_3,
            level=ladder.level,
            next_level=ladder.growth.next_level,
            extra_fte=ladder.growth.extra_fte,
            ba_jobs=None if banenafspraak is None else banenafspraak.jobs,
            ba_required_jobs=None if banenafspraak is None else banenafspraak.required_jobs,
            ba_status=None if banenafspraak is None else banenafspraak.status,
        )

    def norm(self, trede: str) -> float:
        return float(getattr(self, f"norm_{trede}"))


def trend_points(
    outcomes: Iterable[PsoOutcome | LadderResult | tuple[LadderResult, BanenafspraakResult | None]],
) -> list[TrendPoint]:
    """One point per reference year, oldest first. A year given twice is refused
    (``ValueError``): the caller keeps one calculation per organisation and year."""
    points: list[TrendPoint] = []
    for item in outcomes:
        if isinstance(item, PsoOutcome):
            points.append(TrendPoint.of(item.ladder, item.banenafspraak))
        elif isinstance(item, LadderResult):
            points.append(TrendPoint.of(item))
        else:
            points.append(TrendPoint.of(*item))
    years = [p.year for p in points]
    doubles = sorted({y for y in years if years.count(y) > 1})
    if doubles:
        raise ValueError(f"more than one calculation for year(s) {doubles}")
    return sorted(points, key=lambda p: p.year)


def trend_frames(points: Sequence[TrendPoint], *, lang: str = "nl") -> dict[str, pd.DataFrame]:
    """Long tables behind the chart: ``pso`` (year, series, pct, kind = measured / norm) and
    ``banen`` (year, series, jobs)."""
    series = (  # total first, so the thinner direct line is drawn over it where they meet
        ("total_pct", t("pso.total", lang)),
        ("direct_pct", t("pso.direct", lang)),
        ("indirect_pct", t("pso.indirect", lang)),
    )
    pso_rows: list[dict[str, object]] = []
    for p in points:
        for attr, name in series:
            pso_rows.append(
                {"year": p.year, "series": name, "pct": getattr(p, attr), "kind": "measured"}
            )
        for trede in TREDES:
            pso_rows.append(
                {
                    "year": p.year,
                    "series": t(f"pso.level_{trede}", lang),
                    "pct": p.norm(trede),
                    "kind": "norm",
                }
            )
    banen_rows: list[dict[str, object]] = []
    for p in points:
        if p.ba_jobs is not None:
            banen_rows.append({"year": p.year, "series": t("pso.ba_jobs", lang), "jobs": p.ba_jobs})
        if p.ba_required_jobs is not None:
            banen_rows.append(
                {"year": p.year, "series": t("pso.ba_required", lang), "jobs": p.ba_required_jobs}
            )
    return {
        "pso": pd.DataFrame(pso_rows, columns=["year", "series", "pct", "kind"]),
        "banen": pd.DataFrame(banen_rows, columns=["year", "series", "jobs"]),
    }


def trend_chart(points: Sequence[TrendPoint], *, lang: str = "nl") -> alt.VConcatChart:
    """Top: direct, indirect and total % per year with the three norm lines (dashed).
    Bottom: Banenafspraak jobs against the required jobs."""
    frames = trend_frames(points, lang=lang)
    x = alt.X("year:O", title=t("pso.trend_year", lang), axis=alt.Axis(labelAngle=0))
    measured = frames["pso"][frames["pso"]["kind"] == "measured"]
    norms = frames["pso"][frames["pso"]["kind"] == "norm"]
    names = [t("pso.direct", lang), t("pso.indirect", lang), t("pso.total", lang)]
    norm_names = norms["series"].drop_duplicates().tolist()
    color = alt.Color(
        "series:N",
        title=None,
        scale=alt.Scale(domain=names, range=[COLOR_DIRECT, COLOR_INDIRECT, COLOR_TOTAL]),
        legend=alt.Legend(orient="bottom", labelLimit=0),
    )
    tooltip = [alt.Tooltip("year:O"), alt.Tooltip("series:N"), alt.Tooltip("pct:Q", format=".2f")]
    y = alt.Y("pct:Q", title=t("pso.chart_pct_short", lang))
    total_name = t("pso.total", lang)
    # the total wide and light underneath, so direct (equal to it without purchasing) shows
    total_line = (
        alt.Chart(measured[measured["series"] == total_name])
        .mark_line(point=True, strokeWidth=6, opacity=0.55)
        .encode(x=x, y=y, color=color, tooltip=tooltip)
    )
    parts = (
        alt.Chart(measured[measured["series"] != total_name])
        .mark_line(point=True, strokeWidth=2)
        .encode(x=x, y=y, color=color, tooltip=tooltip)
    )
    norm_lines = (
        alt.Chart(norms)
        .mark_line(strokeDash=[4, 3], color=COLOR_NORM)
        .encode(
            x=x,
            y="pct:Q",
            detail="series:N",
            strokeWidth=alt.StrokeWidth(
                "series:N", scale=alt.Scale(domain=norm_names, range=[1, 1.5, 2]), legend=None
            ),
            tooltip=[
                alt.Tooltip("year:O"),
                alt.Tooltip("series:N"),
                alt.Tooltip("pct:Q", format=".2f"),
            ],
        )
    )
    last_year = norms[norms["year"] == norms["year"].max()] if len(norms) else norms
    norm_labels = (
        alt.Chart(last_year)
        .mark_text(align="left", dx=6, color=COLOR_NORM, fontSize=10)
        .encode(x=x, y="pct:Q", text="series:N")
    )
    top = alt.layer(norm_lines, norm_labels, total_line, parts).properties(
        width=520, height=200, title=t("pso.trend_title", lang)
    )
    banen = frames["banen"]
    bottom = (
        alt.Chart(banen)
        .mark_line(point=True)
        .encode(
            x=x,
            y=alt.Y("jobs:Q", title=t("pso.trend_jobs", lang)),
            color=alt.Color(
                "series:N",
                title=None,
                scale=alt.Scale(
                    domain=[t("pso.ba_jobs", lang), t("pso.ba_required", lang)],
                    range=[COLOR_TOTAL, COLOR_GAP],
                ),
                legend=alt.Legend(orient="bottom", labelLimit=0),
            ),
            strokeDash=alt.StrokeDash(
                "series:N",
                scale=alt.Scale(
                    domain=[t("pso.ba_jobs", lang), t("pso.ba_required", lang)],
                    range=[[1, 0], [4, 3]],
                ),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("year:O"),
                alt.Tooltip("series:N"),
                alt.Tooltip("jobs:Q", format=".2f"),
            ],
        )
        .properties(width=520, height=140, title=t("pso.trend_ba_title", lang))
    )
    chart: alt.VConcatChart = alt.vconcat(top, bottom).resolve_scale(color="independent")
    return chart


class TrendTable(BaseModel):
    """Plain rows for the PDF: a header and one row per year (texts already formatted)."""

    title: str
    headers: list[str]
    rows: list[list[str]]


def pdf_trend(
    points: Sequence[TrendPoint], *, lang: str = "nl", years: int = PDF_YEARS
) -> TrendTable | None:
    """The last ``years`` reference years as a table; None with fewer than two years (one
    year is no trend, and the PSO page already shows it)."""
    last = list(points)[-years:]
    if len(last) < 2:
        return None
    headers = [
        t("pso.trend_year", lang),
        t("pso.direct", lang),
        t("pso.indirect", lang),
        t("pso.total", lang),
        t("pso.level", lang),
        t("pso.ba_jobs_short", lang),
        t("pso.ba_required_short", lang),
    ]
    rows = [
        [
            str(p.year),
            pct(p.direct_pct, 2, lang),
            pct(p.indirect_pct, 2, lang),
            pct(p.total_pct, 2, lang),
            t(f"pso.level_{p.level}", lang),
            DASH if p.ba_jobs is None else num(p.ba_jobs, 2, lang),
            DASH if p.ba_required_jobs is None else num(p.ba_required_jobs, 2, lang),
        ]
        for p in last
    ]
    return TrendTable(title=t("pso.trend_pdf_title", lang, n=len(last)), headers=headers, rows=rows)
