"""Altair charts of carved jobs and work packages, shared by the app and the PDF reports.

Built in the core (no streamlit), so every front end draws the same picture:

* :func:`schedule_heatmap`: the weekly schedule, days x half days, coloured by hours
  (0-4, the length of a slot), hours written on the cells, fixed work marked with a thick
  border; the tooltip lists the tasks, hours and whether each is fixed or flexible;
* :func:`profile_chart`: per capability dimension the level the work asks (bar) and, when
  given, the candidate's level (tick); names and level texts from ``capabilities.yaml``;
* :func:`hours_by_role_chart`: hours a week taken over from each current role.

Every chart has a title and a text description (Vega-Lite ``description``, which the
renderer exposes to screen readers) and uses colour-blind-safe colours: the sequential
ColorBrewer "blues" scheme and a blue/orange pair. The ``*_frame`` functions return the
data behind the charts, for tables and tests.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import altair as alt
import pandas as pd

from inclusief.i18n import t
from inclusief.jobcarving.inventory import load_dimensions
from inclusief.jobcarving.model import DAYS, PARTS, SLOT_HOURS, SLOTS, ScheduleEntry

COLOR_NEEDED = "#0f5f8c"
COLOR_CANDIDATE = "#e8a33d"
COLOR_BAR = "#0f5f8c"
COLOR_INK = "#111111"
SCHEME: Final = "blues"
"""ColorBrewer sequential blues: one hue from light to dark, readable with colour blindness."""


def _num(value: float, lang: str) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "nl" else text


# -- weekly schedule -------------------------------------------------------------------------
def schedule_frame(
    schedule: Mapping[str, list[ScheduleEntry]],
    lang: str = "nl",
    task_names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """One row per slot (all ten): day, part, hours, fixed and flexible hours, tasks text."""
    names = task_names or {}
    unit = t("carving.hours_unit", lang)
    rows = []
    for slot in SLOTS:
        day, part = slot.split("-")
        entries = schedule.get(slot, [])
        hours = sum(e.hours for e in entries)
        fixed = sum(e.hours for e in entries if e.fixed)
        tasks = "; ".join(
            f"{names.get(e.task, e.task)} ({_num(e.hours, lang)} {unit}, "
            f"{t('carving.fixed' if e.fixed else 'carving.flexible', lang)})"
            for e in entries
        )
        rows.append(
            {
                "slot": slot,
                "day": t(f"carving.day_{day}", lang),
                "part": t(f"carving.part_{part}", lang),
                "hours": round(hours, 6),
                "fixed_hours": round(fixed, 6),
                "flexible_hours": round(hours - fixed, 6),
                "has_fixed": fixed > 0,
                "tasks": tasks or t("carving.empty", lang),
                "label": f"{_num(hours, lang)} {unit}" if hours > 0 else "",
            }
        )
    return pd.DataFrame(rows)


def schedule_heatmap(
    schedule: Mapping[str, list[ScheduleEntry]],
    lang: str = "nl",
    task_names: Mapping[str, str] | None = None,
) -> alt.LayerChart:
    """Days (Monday-Friday) x morning/afternoon, colour and label = hours in the slot (0-4).

    A thick border marks slots with fixed-time work; the tooltip lists every task with its
    hours and whether it is fixed or placed flexibly.
    """
    frame = schedule_frame(schedule, lang, task_names)
    total = float(frame["hours"].sum())
    days = [t(f"carving.day_{d}", lang) for d in DAYS]
    parts = [t(f"carving.part_{p}", lang) for p in PARTS]
    unit = t("carving.hours_unit", lang)
    used = frame[frame["hours"] > 0]
    slots = ", ".join(
        f"{r.day} {str(r.part).lower()} {_num(float(r.hours), lang)} {unit}"
        for r in used.itertuples()
    )
    base = alt.Chart(frame).encode(
        x=alt.X("day:N", sort=days, title=None, axis=alt.Axis(orient="top", labelAngle=0)),
        y=alt.Y("part:N", sort=parts, title=None),
    )
    cells = base.mark_rect(stroke=COLOR_INK).encode(
        color=alt.Color(
            "hours:Q",
            title=t("carving.hours", lang),
            scale=alt.Scale(domain=[0, SLOT_HOURS], scheme=SCHEME),
            legend=alt.Legend(orient="right", values=[0, 1, 2, 3, 4], format="d"),
        ),
        strokeWidth=alt.when("datum.has_fixed").then(alt.value(3)).otherwise(alt.value(0.5)),
        tooltip=[
            alt.Tooltip("day:N", title=t("carving.day", lang)),
            alt.Tooltip("part:N", title=t("carving.part", lang)),
            alt.Tooltip("hours:Q", title=t("carving.hours", lang)),
            alt.Tooltip("fixed_hours:Q", title=t("carving.fixed_hours", lang)),
            alt.Tooltip("flexible_hours:Q", title=t("carving.flexible_hours", lang)),
            alt.Tooltip("tasks:N", title=t("carving.tasks", lang)),
        ],
    )
    labels = base.mark_text(fontSize=13).encode(
        text="label:N",
        color=alt.when(f"datum.hours > {SLOT_HOURS / 2}")
        .then(alt.value("white"))
        .otherwise(alt.value(COLOR_INK)),
    )
    chart = alt.LayerChart(layer=[cells, labels]).properties(
        width=alt.Step(90),
        height=alt.Step(60),
        title=t("carving.schedule_title", lang, hours=_num(total, lang)),
        description=t("carving.schedule_description", lang, slots=slots or t("carving.none", lang)),
    )
    return chart


# -- capability profile ----------------------------------------------------------------------
def profile_frame(
    needed: Mapping[str, int], candidate: Mapping[str, int] | None, lang: str = "nl"
) -> pd.DataFrame:
    """Long format: per dimension a ``needed`` row and, with a candidate, a ``candidate`` row.

    Dimensions follow ``capabilities.yaml``; a dimension the candidate has no level for
    counts as level 0 (as in :func:`inclusief.jobcarving.fit.shortfalls`).
    """
    dims = load_dimensions()
    keys = set(needed) | set(candidate or {})
    order = [d for d in dims if d in keys] + sorted(keys - set(dims))

    def level_text(dim: str, level: int) -> str:
        d = dims.get(dim)
        return d.levels[level].get(lang) if d and 0 <= level < len(d.levels) else str(level)

    rows = []
    for dim in order:
        need = int(needed.get(dim, 0))
        cap = None if candidate is None else int(candidate.get(dim, 0))
        common = {
            "dimension": dim,
            "name": dims[dim].name.get(lang) if dim in dims else dim,
            "max_level": dims[dim].max_level if dim in dims else max(need, cap or 0),
            "needed": need,
            "needed_text": level_text(dim, need),
            "candidate": cap,
            "candidate_text": "" if cap is None else level_text(dim, cap),
            "fits": "" if cap is None else t("carving.yes" if cap >= need else "carving.no", lang),
        }
        rows.append(
            {**common, "kind": "needed", "series": t("carving.needed", lang), "level": need}
        )
        if cap is not None:
            rows.append(
                {
                    **common,
                    "kind": "candidate",
                    "series": t("carving.candidate", lang),
                    "level": cap,
                }
            )
    return pd.DataFrame(rows)


def profile_chart(
    needed: dict[str, int], candidate: dict[str, int] | None, lang: str = "nl"
) -> alt.LayerChart:
    """Per dimension the level the work asks (bar) and the candidate's level (tick)."""
    frame = profile_frame(needed, candidate, lang)
    top = int(frame["max_level"].max()) if len(frame) else 3
    names = list(dict.fromkeys(frame["name"])) if len(frame) else []
    series = [t("carving.needed", lang)]
    colours = [COLOR_NEEDED]
    if candidate is not None:
        series.append(t("carving.candidate", lang))
        colours.append(COLOR_CANDIDATE)
    x = alt.X(
        "level:Q",
        title=t("carving.level", lang),
        scale=alt.Scale(domain=[0, top], nice=False),
        axis=alt.Axis(values=list(range(top + 1)), format="d"),
    )
    y = alt.Y("name:N", sort=names, title=None, axis=alt.Axis(labelLimit=260))
    color = alt.Color(
        "series:N",
        title=None,
        scale=alt.Scale(domain=series, range=colours),
        legend=alt.Legend(orient="bottom"),
    )
    tooltip = [
        alt.Tooltip("name:N", title=t("carving.capability", lang)),
        alt.Tooltip("needed:Q", title=t("carving.needed", lang)),
        alt.Tooltip("needed_text:N", title=t("carving.level_text", lang)),
    ]
    if candidate is not None:
        tooltip += [
            alt.Tooltip("candidate:Q", title=t("carving.candidate", lang)),
            alt.Tooltip("candidate_text:N", title=t("carving.level_text", lang)),
            alt.Tooltip("fits:N", title=t("carving.fits", lang)),
        ]
    base = alt.Chart(frame).encode(x=x, y=y, color=color, tooltip=tooltip)
    layers = [base.transform_filter("datum.kind == 'needed'").mark_bar(height=14, opacity=1)]
    extra = ""
    if candidate is not None:
        layers.append(
            base.transform_filter("datum.kind == 'candidate'").mark_tick(
                thickness=4, size=22, opacity=1
            )
        )
        short = int((frame[frame["kind"] == "needed"]["fits"] == t("carving.no", lang)).sum())
        extra = t("carving.profile_description_candidate", lang, short=short)
    title = t(
        "carving.profile_title" if candidate is not None else "carving.profile_title_needed", lang
    )
    chart = alt.LayerChart(layer=layers).properties(
        width=360,
        height=alt.Step(24),
        title=title,
        description=t("carving.profile_description", lang, candidate=extra),
    )
    return chart


# -- hours by role ---------------------------------------------------------------------------
def hours_by_role_frame(
    hours_by_role: Mapping[str, float], role_names: Mapping[str, str], lang: str = "nl"
) -> pd.DataFrame:
    """One row per role, most hours first."""
    unit = t("carving.hours_unit", lang)
    rows = [
        {
            "role": role,
            "name": role_names.get(role, role),
            "hours": round(float(hours), 6),
            "label": f"{_num(float(hours), lang)} {unit}",
        }
        for role, hours in sorted(hours_by_role.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return pd.DataFrame(rows, columns=["role", "name", "hours", "label"])


def hours_by_role_chart(
    hours_by_role: dict[str, float], role_names: dict[str, str], lang: str = "nl"
) -> alt.LayerChart:
    """Horizontal bars: hours a week the new work takes over from each current role."""
    frame = hours_by_role_frame(hours_by_role, role_names, lang)
    total = float(frame["hours"].sum())
    longest = float(frame["hours"].max()) if len(frame) else 0.0
    order = frame["name"].tolist()
    base = alt.Chart(frame).encode(
        x=alt.X(
            "hours:Q",
            title=t("carving.hours", lang),
            # room for the value labels right of the longest bar
            scale=alt.Scale(domain=[0, max(longest, 1.0) * 1.15], nice=False),
        ),
        y=alt.Y("name:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
        tooltip=[
            alt.Tooltip("name:N", title=t("carving.role", lang)),
            alt.Tooltip("hours:Q", title=t("carving.hours", lang)),
        ],
    )
    bars = base.mark_bar(height=18, color=COLOR_BAR)
    labels = base.mark_text(align="left", dx=4, color=COLOR_INK).encode(text="label:N")
    chart = alt.LayerChart(layer=[bars, labels]).properties(
        width=420,
        height=alt.Step(30),
        title=t("carving.roles_title", lang),
        description=t("carving.roles_description", lang, hours=_num(total, lang)),
    )
    return chart
