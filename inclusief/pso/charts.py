"""The ladder picture: where the organisation stands, the three trede norms, the gap.

Built in the core (no streamlit) so the app and the PDF reports draw the same chart:
a bar for the total social contribution, a hatched-colour bar for the gap to the next
trede, and a vertical rule with a label for each trede norm.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from inclusief.formatting import num, pct
from inclusief.i18n import t
from inclusief.pso.ladder import TREDES, LadderResult

COLOR_TOTAL = "#0f5f8c"
COLOR_GAP = "#e8a33d"
COLOR_NORM = "#475569"


def ladder_frames(result: LadderResult, *, lang: str = "nl") -> dict[str, pd.DataFrame]:
    """The data behind the chart (also handy for tables and tests)."""
    row = t("pso.chart_you", lang)
    bars = [{"row": row, "part": row, "start": 0.0, "end": result.total_pct}]
    g = result.growth
    if g.next_level is not None and g.target_pct is not None and g.gap_pct:
        bars.append(
            {
                "row": row,
                "part": t(
                    "pso.chart_gap",
                    lang,
                    gap=num(g.gap_pct, 2, lang),
                    level=t(f"pso.level_{g.next_level}", lang),
                ),
                "start": result.total_pct,
                "end": g.target_pct,
            }
        )
    norms = pd.DataFrame(
        [
            {
                "trede": t(f"pso.level_{tr}", lang),
                "norm": result.norms.of(tr),
                "text": f"{t(f'pso.level_{tr}', lang)}: {pct(result.norms.of(tr), 1, lang)}",
                "ypix": 2 + 13 * i,  # stack the labels so close norms do not overlap
            }
            for i, tr in enumerate(TREDES)
        ]
    )
    return {"bars": pd.DataFrame(bars), "norms": norms}


# pixel rows of the picture: the bar on top, the norm labels below it (never under the bar)
BAR_TOP, BAR_BOTTOM = 6, 34
LABEL_TOP, LABEL_STEP = 40, 14
HEIGHT = LABEL_TOP + LABEL_STEP * len(TREDES) + 4


def _axis_format(lang: str) -> str:
    """A Vega expression for the axis labels: Dutch decimal commas (``2,5``) in Dutch."""
    if lang == "en":
        return "format(datum.value, '.1~f')"
    return "replace(format(datum.value, '.1~f'), '.', ',')"


def ladder_chart(result: LadderResult, *, lang: str = "nl") -> alt.LayerChart:
    """Total vs the Trede 1-3 norms, with the gap to the next trede highlighted.

    Every vertical position is fixed in pixels, so the picture reads the same at any width
    (stretched in the app, 520 px in the PDF): the bar on top, a dashed rule for each norm
    across the whole height, and each norm's label on its own line below the bar."""
    frames = ladder_frames(result, lang=lang)
    bars_frame = frames["bars"].assign(
        shown=[pct(v, 2, lang) for v in frames["bars"]["end"]],
    )
    norms = frames["norms"].assign(
        ypix=[LABEL_TOP + LABEL_STEP * i for i in range(len(frames["norms"]))],
    )
    top = max(result.norms.trede_3 * 1.2, result.total_pct * 1.1, 1.0)
    scale = alt.Scale(domain=[0, top], nice=False)
    x_axis = alt.Axis(labelExpr=_axis_format(lang), grid=False)
    title = t("pso.chart_pct", lang)
    parts = bars_frame["part"].tolist()
    bars = (
        alt.Chart(bars_frame)
        .mark_bar()
        .encode(
            x=alt.X("start:Q", title=title, scale=scale, axis=x_axis),
            x2="end:Q",
            y=alt.value(BAR_TOP),
            y2=alt.value(BAR_BOTTOM),
            color=alt.Color(
                "part:N",
                title=None,
                scale=alt.Scale(domain=parts, range=[COLOR_TOTAL, COLOR_GAP][: len(parts)]),
                legend=alt.Legend(orient="bottom", labelLimit=0),  # the whole gap text
            ),
            tooltip=[alt.Tooltip("part:N", title=" "), alt.Tooltip("shown:N", title="%")],
        )
    )
    rules = (
        alt.Chart(norms)
        .mark_rule(color=COLOR_NORM, strokeDash=[4, 3], strokeWidth=2)
        .encode(
            x=alt.X("norm:Q", scale=scale),
            y=alt.value(0),
            y2=alt.value(HEIGHT),
            tooltip=[alt.Tooltip("text:N", title=" ")],
        )
    )
    labels = (
        alt.Chart(norms)
        .mark_text(align="left", dx=4, baseline="top", color=COLOR_NORM, fontSize=11)
        .encode(
            x=alt.X("norm:Q", scale=scale),
            y=alt.Y("ypix:Q", scale=None, axis=None),
            text="text:N",
        )
    )
    return alt.LayerChart(layer=[bars, rules, labels]).properties(
        width=520,
        height=HEIGHT,
        title=t("pso.chart_title", lang),
        # fit the width only: Streamlit's theme fits the height too, which would squeeze
        # the plot and push the fixed label rows out of it
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
    )
