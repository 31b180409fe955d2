"""When each check-in is due, and whether it is done, due, overdue or missed.

For every point of ``schedule.yaml`` (2 weeks ... 24 months after the start) and every
respondent (worker, employer) one :class:`Due`:

- ``done``: a finished check-in of that respondent exists for the point;
- ``upcoming``: today is before ``due - opens_days_before``;
- ``due``: today is within ``opens_days_before`` days before the date, or on it;
- ``overdue``: past the date, at most ``missed_after_days`` days;
- ``missed``: later than that.

Points after the end of an ended placement are left out. ``today`` is always given (an
injected clock), so the result is deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from inclusief.followup.codes import Schedule, schedule
from inclusief.followup.model import RESPONDENTS, PlacementFacts, Respondent

Status = Literal["done", "upcoming", "due", "overdue", "missed"]


@dataclass(frozen=True)
class Due:
    placement_id: int
    point: str
    respondent: Respondent
    due: date
    status: Status
    checkin_id: int | None = None  # the finished (or an open) check-in for this point


def status_of(due: date, today: date, plan: Schedule) -> Status:
    if today < due - timedelta(days=plan.opens_days_before):
        return "upcoming"
    if today <= due:
        return "due"
    if today <= due + timedelta(days=plan.missed_after_days):
        return "overdue"
    return "missed"


def plan_for(facts: PlacementFacts, today: date, plan: Schedule | None = None) -> list[Due]:
    """Every check-in of the placement in time order (worker before employer)."""
    plan = plan or schedule()
    out: list[Due] = []
    for point in plan.points:
        due = point.due(facts.start)
        if facts.end is not None and due > facts.end:
            continue
        for respondent in RESPONDENTS:
            mine = [c for c in facts.checkins if c.point == point.id and c.respondent == respondent]
            finished = [c for c in mine if c.finished_on is not None and c.finished_on <= today]
            if finished:
                out.append(Due(facts.id, point.id, respondent, due, "done", finished[-1].id))
                continue
            status = status_of(due, today, plan)
            if facts.end is not None and status != "done":
                status = "missed" if due <= facts.end and due < today else status
            out.append(
                Due(facts.id, point.id, respondent, due, status, mine[-1].id if mine else None)
            )
    return out


def open_due(facts: PlacementFacts, today: date, *, days: int = 7) -> list[Due]:
    """Check-ins to do: due or overdue now, or due within ``days`` days (not for an ended
    placement; missed ones become signals instead)."""
    if facts.end is not None and facts.end <= today:
        return []
    horizon = today + timedelta(days=days)
    return [
        d
        for d in plan_for(facts, today)
        if d.status in ("due", "overdue") or (d.status == "upcoming" and d.due <= horizon)
    ]


def missed_points(facts: PlacementFacts, today: date) -> list[str]:
    """Points (in order) after the last point with any finished check-in, where neither the
    worker nor the employer check-in was done in time."""
    rows = plan_for(facts, today)
    points = list(dict.fromkeys(d.point for d in rows))
    done = [p for p in points if any(d.point == p and d.status == "done" for d in rows)]
    after = points[points.index(done[-1]) + 1 :] if done else points
    return [p for p in after if all(d.status == "missed" for d in rows if d.point == p)]
