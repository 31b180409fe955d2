"""Advice that knows the whole profile, and the "top 3 to work on".

**Advice lines.** A definition gives advice per dimension band, per profile and in
``advice_rules`` that combine dimensions and factual answers (see
:class:`~inclusief.questionnaires.model.AdviceRule`). The lines of one result are chosen in
this order:

1. every rule whose conditions all hold, in file order; a rule's ``replaces`` takes the band
   advice it makes redundant or contradicts out of the result;
2. the band advice of each dimension with a score, in dimension order, unless replaced;
3. the profile advice (the most general line).

A line carries ``tags`` (what it asks the employer to do). ``advice_conflicts`` in the
definition names pairs of tags that contradict each other, such as telling others about
your approach (``uitdragen``) while the basics are still missing (``fundament``). A line
whose tag conflicts with a line already chosen is left out, so that no two lines of one
result contradict each other. The shipped definitions are written so that only the profile
line (the most general one) ever gives way; a test checks every combination of bands.

**Top 3 to work on** (:func:`work_points`): the scored items with the lowest normalised
answer (0-100 after reverse coding, the same formula as the scores), leaving out skipped,
weet-niet (unless it is scored) and niet-van-toepassing answers. Ties go to the item whose
dimension scores lowest, then to definition order. So the list names concrete items, not
only weak dimensions.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel

from inclusief.questionnaires.model import AdviceRule, Band, Condition, Questionnaire, Scale

Kind = Literal["rule", "band", "profile", "region"]


class AdviceLine(BaseModel):
    id: str  # "rule.<id>", "<dimension>.<band>", "profile.<id>" or "region.<id>"
    kind: Kind
    text: str
    dimension: str | None = None
    tags: list[str] = []


class AdvicePlan(BaseModel):
    lines: list[AdviceLine]
    replaced: list[str]  # band advice ids left out because a rule replaced them
    given_way: list[str]  # line ids left out because they contradicted an earlier line


class WorkPoint(BaseModel):
    """One of the weakest items: what to work on first."""

    item: str
    dimension: str
    dimension_name: str
    text: str
    value: float  # 0-100 after reverse coding
    action: str | None


def _number(value: object) -> float | None:
    if value is None:
        return None
    try:
        out = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(out) else out


def _answer_holds(cond: Condition, scale: Scale, value: float | None) -> bool:
    if value is None:
        return False
    if value in scale.missing_codes:
        # a missing code meets a condition only when ``in`` names it (niet van toepassing
        # as "never done", for example)
        return cond.in_ is not None and int(value) in cond.in_
    if not scale.accepts_answer(value):
        return False
    if cond.in_ is not None and int(value) not in cond.in_:
        return False
    if cond.has is not None and not int(value) & cond.has:
        return False
    if cond.min is not None and value < cond.min:
        return False
    return not (cond.max is not None and value > cond.max)


def condition_holds(
    q: Questionnaire,
    cond: Condition,
    scores: Mapping[str, float | None],
    answers: Mapping[str, int | None],
) -> bool:
    """Dimension scores are compared as bands are: ``min <= score < max``; answers with
    ``min <= value <= max``. A missing score or a skipped answer never meets a condition; a
    weet-niet or niet-van-toepassing code only when ``in`` names it."""
    if cond.dimension is not None:
        score = _number(scores.get(cond.dimension))
        if score is None:
            return False
        if cond.min is not None and score < cond.min:
            return False
        return not (cond.max is not None and score >= cond.max)
    item = q.item(str(cond.item))
    return _answer_holds(cond, q.scale(item.scale), _number(answers.get(item.id)))


def rule_fires(
    q: Questionnaire,
    rule: AdviceRule,
    scores: Mapping[str, float | None],
    answers: Mapping[str, int | None],
) -> bool:
    return all(condition_holds(q, c, scores, answers) for c in rule.when)


def _band(bands: list[Band], score: float | None) -> Band | None:
    if score is None:
        return None
    chosen = bands[0]
    for band in bands[1:]:
        if score >= band.min:
            chosen = band
    return chosen


def plan_advice(
    q: Questionnaire,
    *,
    scores: Mapping[str, float | None],
    answers: Mapping[str, int | None],
    overall: float | None,
    lang: str = "nl",
) -> AdvicePlan:
    """The advice lines for one respondent (see the module docstring for the order)."""
    conflicts: dict[str, set[str]] = {}
    for a, b in q.advice_conflicts:
        conflicts.setdefault(a, set()).add(b)
        conflicts.setdefault(b, set()).add(a)
    lines: list[AdviceLine] = []
    chosen_tags: set[str] = set()
    given_way: list[str] = []

    def offer(line: AdviceLine) -> None:
        clash = {c for t in line.tags for c in conflicts.get(t, set())}
        if clash & chosen_tags:
            given_way.append(line.id)
            return
        lines.append(line)
        chosen_tags.update(line.tags)

    replaced: set[str] = set()
    for rule in q.advice_rules:
        if rule_fires(q, rule, scores, answers):
            replaced.update(rule.replaces)
            offer(
                AdviceLine(
                    id=f"rule.{rule.id}", kind="rule", text=rule.text.get(lang), tags=rule.tags
                )
            )
    for dim in q.dimensions:
        band = _band(dim.bands, _number(scores.get(dim.id)))
        if band is None or band.advice is None:
            continue
        line_id = f"{dim.id}.{band.id}"
        if line_id in replaced:
            continue
        offer(
            AdviceLine(
                id=line_id,
                kind="band",
                dimension=dim.id,
                text=band.advice.get(lang),
                tags=band.tags,
            )
        )
    profile = _band(q.profiles, _number(overall))
    if profile is not None and profile.advice is not None:
        offer(
            AdviceLine(
                id=f"profile.{profile.id}",
                kind="profile",
                text=profile.advice.get(lang),
                tags=profile.tags,
            )
        )
    shown_replaced = sorted(
        r for r in replaced if any(r == f"{d.id}.{b.id}" for d in q.dimensions for b in d.bands)
    )
    return AdvicePlan(lines=lines, replaced=shown_replaced, given_way=given_way)


def item_values(q: Questionnaire, answers: Mapping[str, int | None]) -> dict[str, float]:
    """Scored item -> normalised value 0-100 after reverse coding, for the answers that count
    in the score (a weet-niet answer only where the scale scores it)."""
    out: dict[str, float] = {}
    for item in q.scored_items:
        value = _number(answers.get(item.id))
        if value is None:
            continue
        scale = q.scale(item.scale)
        if scale.dont_know is not None and value == scale.dont_know.code:
            if scale.dont_know_scores_as is None:
                continue
            value = float(scale.dont_know_scores_as)
        elif not scale.accepts_answer(value):
            continue
        lo, hi = scale.min, scale.max
        if item.reverse:
            value = lo + hi - value
        out[item.id] = (value - lo) / (hi - lo) * 100.0
    return out


def work_points(
    q: Questionnaire,
    *,
    answers: Mapping[str, int | None],
    scores: Mapping[str, float | None],
    n: int = 3,
    lang: str = "nl",
) -> list[WorkPoint]:
    """The ``n`` weakest scored items (see the module docstring); items at 100 never count."""
    values = item_values(q, answers)
    order = {item_id: pos for pos, item_id in enumerate(q.item_ids)}

    def key(item_id: str) -> tuple[float, float, int]:
        dim_score = _number(scores.get(str(q.item(item_id).dimension)))
        return (values[item_id], 101.0 if dim_score is None else dim_score, order[item_id])

    weakest = sorted((i for i, v in values.items() if v < 100.0), key=key)[:n]
    points = []
    for item_id in weakest:
        item = q.item(item_id)
        dim = q.dimension(str(item.dimension))
        points.append(
            WorkPoint(
                item=item.id,
                dimension=dim.id,
                dimension_name=dim.name.get(lang),
                text=item.text.get(lang),
                value=values[item_id],
                action=item.action.get(lang) if item.action else None,
            )
        )
    return points
