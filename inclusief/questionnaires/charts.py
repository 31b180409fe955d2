"""Altair charts of scan results, shared by the app and the PDF reports."""

from __future__ import annotations

import altair as alt
import pandas as pd

from inclusief.formatting import score as score_text
from inclusief.i18n import t
from inclusief.questionnaires.results import ScanResult

# Up to this many dates the trend chart puts them side by side (ordinal axis): a time axis
# over one or two moments shows ticks of hours or milliseconds (".507") instead of dates.
FEW_DATES = 3

BAND_COLOURS = {"laag": "#c2410c", "midden": "#b8860b", "hoog": "#15803d"}


def dimension_frame(result: ScanResult, benchmark: pd.DataFrame | None = None) -> pd.DataFrame:
    rows = [
        {
            "dimension": d.name,
            "score": None if d.score is None else round(d.score, 1),
            # The label is the text's own rounding (``score_text``), not Vega's: Vega would
            # round the 1-decimal score again (62.46 -> 62.5 -> "63" against the text's 62).
            "label": score_text(d.score) if d.score is not None else "",
            "band": d.band_label or "",
            "band_id": d.band_id or "",
        }
        for d in result.dimensions
    ]
    frame = pd.DataFrame(rows)
    if benchmark is not None:
        frame = frame.merge(benchmark, on="dimension", how="left")
    return frame


def dimension_chart(
    result: ScanResult, *, lang: str = "nl", benchmark: pd.DataFrame | None = None
) -> alt.TopLevelMixin:
    """Horizontal bars of the dimension scores (0-100), coloured by band.

    ``benchmark`` (optional) has columns ``dimension``, ``p25``, ``p75`` (peer quartiles):
    it is drawn as a grey band behind each bar.
    """
    frame = dimension_frame(result, benchmark)
    order = [d.name for d in result.dimensions]
    y = alt.Y("dimension:N", sort=order, title=None, axis=alt.Axis(labelLimit=260))
    x_title = t("common.score", lang) + " (0-100)"
    bars = (
        alt.Chart(frame)
        .mark_bar(height=18)
        .encode(
            x=alt.X("score:Q", scale=alt.Scale(domain=[0, 100]), title=x_title),
            y=y,
            color=alt.Color(
                "band_id:N",
                scale=alt.Scale(domain=list(BAND_COLOURS), range=list(BAND_COLOURS.values())),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("dimension:N", title=t("common.dimension", lang)),
                alt.Tooltip("score:Q", title=t("common.score", lang), format=".1f"),
                alt.Tooltip("band:N", title=t("common.band", lang)),
            ],
        )
    )
    labels = bars.mark_text(align="left", dx=4, color="#111").encode(
        text=alt.Text("label:N"), color=alt.value("#111")
    )
    layers: list[alt.Chart] = []
    if benchmark is not None and {"p25", "p75"} <= set(frame.columns):
        layers.append(
            alt.Chart(frame)
            .mark_bar(height=26, color="#d4d4d4", opacity=0.8)
            .encode(x="p25:Q", x2="p75:Q", y=y)
        )
    chart: alt.TopLevelMixin = alt.layer(*layers, bars, labels).properties(
        width=460, height=alt.Step(30), title=t("scan.chart_title", lang)
    )
    return chart


def trend_frame(trend: pd.DataFrame) -> pd.DataFrame:
    """The trend rows with a score label and a date label, sorted by date.

    ``trend`` has columns ``date``, ``dimension``, ``score`` (as
    :func:`inclusief.services.scan.trend` gives them); rows without a score are dropped.
    """
    frame = trend.dropna(subset=["score"]).copy()
    frame["date"] = pd.to_datetime(frame["date"])
    frame = frame.sort_values("date", kind="stable")
    frame["label"] = [score_text(float(v)) for v in frame["score"]]
    # The day alone, unless two assessments share it: then the time keeps them apart.
    n_dates = frame["date"].nunique()
    for pattern in ("%d-%m-%Y", "%d-%m-%Y %H:%M", "%d-%m-%Y %H:%M:%S"):
        frame["when"] = frame["date"].dt.strftime(pattern)
        if frame["when"].nunique() == n_dates:
            break
    return frame


def version_changes(trend: pd.DataFrame) -> pd.DataFrame:
    """Where the questionnaire version changes in a trend, one row per change.

    ``trend`` as for :func:`trend_frame`, plus a ``version`` column (the version each
    assessment was answered in; rows without it are ignored). Returns columns ``date``,
    ``when`` (as in :func:`trend_frame`), ``version_from`` and ``version_to``: the first
    assessment in a new version, compared with the one before it. Empty without a
    ``version`` column or with one version only.

    >>> frame = pd.DataFrame({"date": ["2025-01-05", "2026-02-01", "2026-06-01"],
    ...     "dimension": "Totaal", "score": [40.0, 50.0, 55.0], "version": ["1.0", "2.0", "2.0"]})
    >>> version_changes(frame)[["when", "version_from", "version_to"]].values.tolist()
    [['01-02-2026', '1.0', '2.0']]
    """
    columns = ["date", "when", "version_from", "version_to"]
    if "version" not in trend.columns:
        return pd.DataFrame(columns=columns)
    frame = trend_frame(trend.dropna(subset=["version"]))
    per_date = frame.drop_duplicates("date")[["date", "when", "version"]]
    previous = per_date["version"].shift()
    changed = per_date[previous.notna() & (per_date["version"] != previous)]
    out = changed.assign(version_from=previous[changed.index], version_to=changed["version"])
    return out[columns].reset_index(drop=True)


def trend_chart(trend: pd.DataFrame, *, lang: str = "nl") -> alt.TopLevelMixin:
    """Scores per dimension over the organisation's finished assessments (0-100).

    With few dates (``FEW_DATES``) the x axis is ordinal (one column per assessment);
    with more it is a time axis with day-month-year labels. The legend sits below the
    chart with the full dimension names.
    """
    frame = trend_frame(trend)
    date_title = t("app.col_date", lang)
    dates = frame["when"].drop_duplicates().tolist()
    x: alt.X
    if len(dates) <= FEW_DATES:
        x = alt.X("when:O", sort=dates, title=date_title, axis=alt.Axis(labelAngle=0))
    else:
        x = alt.X(
            "date:T",
            title=date_title,
            # Ticks at the assessments themselves (overlapping labels are hidden).
            axis=alt.Axis(
                format="%d-%m-%Y",
                labelAngle=0,
                labelOverlap=True,
                values=[
                    alt.DateTime(
                        year=d.year,
                        month=d.month,
                        date=d.day,
                        hours=d.hour,
                        minutes=d.minute,
                        seconds=d.second,
                    )
                    for d in frame["date"].drop_duplicates()
                ],
            ),
        )
    chart: alt.Chart = (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=x,
            y=alt.Y("score:Q", scale=alt.Scale(domain=[0, 100]), title=t("common.score", lang)),
            color=alt.Color(
                "dimension:N",
                sort=frame["dimension"].drop_duplicates().tolist(),
                title=t("common.dimension", lang),
                legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=0),
            ),
            tooltip=[
                alt.Tooltip("dimension:N", title=t("common.dimension", lang)),
                alt.Tooltip("label:N", title=t("common.score", lang)),
                alt.Tooltip("when:N", title=date_title),
            ],
        )
        .properties(height=320)
    )
    changes = version_changes(trend)
    if changes.empty:
        return chart
    changes = changes.assign(
        label=[t("scan_versions.change_label", lang, version=v) for v in changes["version_to"]],
        note=[t("scan_versions.change_note", lang, version=v) for v in changes["version_to"]],
    )
    rule_x = alt.X("when:O", sort=dates) if len(dates) <= FEW_DATES else alt.X("date:T")
    rule = (
        alt.Chart(changes)
        .mark_rule(strokeDash=[6, 4], color="#444")
        .encode(x=rule_x, tooltip=[alt.Tooltip("note:N", title=" ")])
    )
    text = (
        alt.Chart(changes)
        .mark_text(align="left", dx=4, dy=-150, color="#444")
        .encode(x=rule_x, text="label:N")
    )
    layered: alt.TopLevelMixin = alt.layer(chart, rule, text)
    return layered
