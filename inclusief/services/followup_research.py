"""Retention figures and the researcher's export of placements and check-ins.

- :func:`retention_figures`: Kaplan-Meier at 3, 6, 12 and 24 months (see
  :mod:`inclusief.followup.retention`), overall and split by route, hours band and whether a
  carved job was used. A consultant gets their own placements; a researcher (or the server
  itself, ``actor=None``: the command line) all of them. Groups under ``k`` placements are
  suppressed in both, as in the research exports.
- :func:`placement_export`: anonymised rows for researchers (k-anonymous on the employer's
  quasi-identifiers, a codebook, SPSS labels), see :mod:`inclusief.research.placements`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pandas as pd
from pydantic import BaseModel

from inclusief.followup.codes import codes, schedule
from inclusief.followup.model import QUESTIONNAIRE_OF
from inclusief.followup.retention import GroupRetention, retention
from inclusief.i18n import t
from inclusief.questionnaires.load import load_shipped
from inclusief.research.placements import PlacementExport, build_placement_export
from inclusief.services.access import Actor, aware, log, require_role, session
from inclusief.settings import get_settings
from inclusief.store import placements as rows
from inclusief.store.db import Store
from inclusief.store.tables import Organisation, Placement

SPLITS = ("route", "hours_band", "carved")


class RetentionView(BaseModel):
    scope: str  # own | all
    today: date
    k: int
    n: int
    groups: list[GroupRetention]


def _pairs(
    actor: Actor | None, store: Store | None, system: str, action: str
) -> tuple[list[tuple[Placement, Organisation]], str]:
    """The placements the actor may count (own for a consultant, all for a researcher or
    the server) and that scope."""
    with session(store) as s:
        scope = "all"
        if actor is None:
            pairs = rows.listed(s)
        else:
            p = require_role(s, actor, "consultant", "researcher")
            scope = "own" if p.role == "consultant" else "all"
            pairs = rows.listed(s, consultant_id=p.id if scope == "own" else None)
        log(s, actor or system, action, "placement", None, n=len(pairs))
        s.expunge_all()
        return pairs, scope


def _observed(p: Placement, today: date) -> tuple[float, bool] | None:
    """(days in the placement, left for a reason that counts) on ``today``; None when it
    starts later."""
    if p.start_date > today:
        return None
    c = codes().of("end_reasons")
    if p.end_date is not None and p.end_date <= today:
        reason = c.get(p.end_reason or "")
        return float((p.end_date - p.start_date).days), bool(reason.event if reason else True)
    return float((today - p.start_date).days), False


def group_of(p: Placement, split: str) -> str:
    if split == "route":
        return p.route
    if split == "hours_band":
        return codes().hours_band(p.hours_per_week)
    return "ja" if p.carving_project_id is not None else "nee"


def group_label(split: str, group: str, lang: str) -> str:
    c = codes()
    if split == "route":
        return c.label("routes", group, lang)
    if split == "hours_band":
        band = next((b for b in c.hours_bands if b.code == group), None)
        return band.label.get(lang) if band else group
    if split == "carved":
        return t(f"followup.carved_{group}", lang)
    return t("followup.all_placements", lang)


def retention_from(
    placements: list[Placement], *, today: date, k: int, lang: str = "nl"
) -> list[GroupRetention]:
    observed = [(p, o) for p in placements if (o := _observed(p, today)) is not None]
    groups = [
        retention(
            [o[0] for _, o in observed],
            [o[1] for _, o in observed],
            label=group_label("all", "all", lang),
            k=1,  # the overall figure is shown whatever its size; splits are suppressed
        )
    ]
    for split in SPLITS:
        keys = sorted({group_of(p, split) for p, _ in observed})
        for key in keys:
            members = [o for p, o in observed if group_of(p, split) == key]
            groups.append(
                retention(
                    [m[0] for m in members],
                    [m[1] for m in members],
                    split=split,
                    group=key,
                    label=group_label(split, key, lang),
                    k=k,
                )
            )
    return groups


def retention_figures(
    *,
    actor: Actor | None,
    today: date | None = None,
    k: int | None = None,
    lang: str = "nl",
    store: Store | None = None,
    system: str = "cli",
) -> RetentionView:
    day = today or datetime.now(UTC).date()
    k = get_settings().export_k if k is None else k
    pairs, scope = _pairs(actor, store, system, "retention.figures")
    placements = [p for p, _ in pairs]
    groups = retention_from(placements, today=day, k=k, lang=lang)
    return RetentionView(scope=scope, today=day, k=k, n=groups[0].n, groups=groups)


def placement_export(
    *,
    actor: Actor | None,
    today: date | None = None,
    k: int | None = None,
    store: Store | None = None,
    system: str = "cli",
) -> PlacementExport:
    """The anonymised export of all placements and their finished check-ins (researchers)."""
    day = today or datetime.now(UTC).date()
    with session(store) as s:
        if actor is not None:
            require_role(s, actor, "researcher")
        pairs = rows.listed(s)
        checkins = rows.checkins_of(s, [p.id for p, _ in pairs])
        log(s, actor or system, "research.placements", "placement", None, n=len(pairs))
        c = codes()
        placement_rows: list[dict[str, Any]] = []
        for p, org in pairs:
            seen = _observed(p, day)
            if seen is None:
                continue
            placement_rows.append(
                {
                    "placement_id": p.id,
                    "organisation_id": org.id,
                    "sector": org.sector,
                    "size_class": org.size_class,
                    "region": org.region,
                    "completed_at": pd.Timestamp(p.start_date),
                    "route": p.route,
                    "contract_type": p.contract_type,
                    "hours_band": c.hours_band(p.hours_per_week),
                    "carved": int(p.carving_project_id is not None),
                    "schemes": [str(x["code"]) for x in p.schemes or []],
                    "duration_days": int(seen[0]),
                    "ended": int(p.end_date is not None and p.end_date <= day),
                    "event": int(seen[1]),
                    "end_reason": p.end_reason if p.end_date and p.end_date <= day else None,
                }
            )
        checkin_rows = [
            {
                "placement_id": ch.placement_id,
                "point": ch.point,
                "respondent": ch.respondent,
                "questionnaire_version": ch.questionnaire_version,
                "overall": ch.overall,
                **{str(k): v for k, v in (ch.answers or {}).items()},
            }
            for ch in checkins
            if ch.status == "finished" and aware(ch.finished_at) is not None
        ]
    return build_placement_export(
        placements=pd.DataFrame(placement_rows),
        checkins=pd.DataFrame(checkin_rows),
        worker=load_shipped(QUESTIONNAIRE_OF["worker"]),
        employer=load_shipped(QUESTIONNAIRE_OF["employer"]),
        categories={
            "route": [(x.code, x.label.nl) for x in c.routes],
            "contract_type": [(x.code, x.label.nl) for x in c.contract_types],
            "hours_band": [(x.code, x.label.nl) for x in c.hours_bands],
            "end_reason": [(x.code, x.label.nl) for x in c.end_reasons],
        },
        schemes=[(x.code, x.label.nl) for x in c.schemes],
        points=[p.id for p in schedule().points],
        k=get_settings().export_k if k is None else k,
    )
