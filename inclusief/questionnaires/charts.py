"""Altair charts of scan results, shared by the app and the PDF reports."""

from __future__ import annotations

import altair as alt
import pandas as pd

from inclusief.i18n import t
from inclusief.questionnaires.results import ScanResult

BAND_COLOURS = {"laag": "#c2410c", "midden": "#b8860b", "hoog": "#15803d"}


def dimension_frame(result: ScanResult, benchmark: pd.DataFrame | None = None) -> pd.DataFrame:
    rows = [
        {
            "dimension": d.name,
            "score": None if d.score is None else round(d.score, 1),
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
        text=alt.Text("score:Q", format=".0f"), color=alt.value("#111")
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
