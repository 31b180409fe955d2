"""Early-warning signals: the rules of ``signals.yaml`` applied to one placement's facts.

Deterministic: the same facts and the same ``today`` give the same signals, in the same
order (level, then rule order in the file). Every signal names its cause: the answer, score,
schedule point, scheme, contract date or recorded event that set it off, and a ``key`` that
stays the same as long as that cause is the same (a consultant's action closes the signal
with that key; a new cause opens a new one).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from inclusief.errors import InputError, Problem
from inclusief.followup.codes import codes, read_yaml, schedule, validation_problems
from inclusief.followup.model import QUESTIONNAIRE_OF, PlacementFacts, Respondent
from inclusief.followup.schedule import missed_points
from inclusief.formatting import num, short_date
from inclusief.i18n import LocalText
from inclusief.questionnaires.load import load_shipped

Level = Literal["aandacht", "zorg", "urgent"]
LEVELS: tuple[Level, ...] = ("aandacht", "zorg", "urgent")
Kind = Literal["answer", "score", "hours_fall", "missed", "support_ends", "contract_end", "event"]


class EventCode(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    code: str
    label: LocalText


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    level: Level
    kind: Kind
    title: LocalText
    explanation: LocalText
    explanation_past: LocalText | None = None
    rationale: LocalText
    source: str = Field(min_length=3)
    assumption: bool = False
    # parameters, by kind
    respondent: Respondent | None = None
    item: str | None = None
    op: Literal["le", "ge", "eq"] | None = None
    value: int | None = None
    below: float | None = None
    min_drop_share: float | None = Field(default=None, gt=0, lt=1)
    count: int | None = Field(default=None, ge=1)
    schemes: list[str] | None = None
    within_days: int | None = Field(default=None, ge=1)
    events: list[str] | None = None

    @model_validator(mode="after")
    def _params(self) -> Rule:
        needs: dict[str, tuple[str, ...]] = {
            "answer": ("respondent", "item", "op", "value"),
            "score": ("respondent", "below"),
            "hours_fall": ("min_drop_share",),
            "missed": ("count",),
            "support_ends": ("schemes", "within_days"),
            "contract_end": ("within_days",),
            "event": ("events", "within_days"),
        }
        missing = [p for p in needs[self.kind] if getattr(self, p) is None]
        if missing:
            raise ValueError(f"kind '{self.kind}' needs: {', '.join(missing)}")
        return self


class RuleBook(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    rules: list[Rule] = Field(min_length=1)
    events: list[EventCode] = Field(min_length=1)

    def event_label(self, code: str, lang: str) -> str:
        for e in self.events:
            if e.code == code:
                return e.label.get(lang)
        return code


def parse_rules(data: Any, *, file: str = "signals.yaml") -> RuleBook:
    """Validate the rules, and their references: items in the respondent's questionnaire,
    answer codes on the item's scale, known schemes and event codes, unique ids."""
    try:
        book = RuleBook.model_validate(data)
    except ValidationError as exc:
        raise validation_problems(file, exc) from None
    problems: list[Problem] = []
    schemes = codes().of("schemes")
    events = {e.code for e in book.events}
    seen: set[str] = set()
    for i, rule in enumerate(book.rules):
        where = f"rules[{i}]"
        if rule.id in seen:
            problems.append(Problem(file, f"rule id '{rule.id}' is used twice", where, "id"))
        seen.add(rule.id)
        if rule.kind == "answer" and rule.respondent and rule.item:
            q = load_shipped(QUESTIONNAIRE_OF[rule.respondent])
            try:
                scale = q.scale(q.item(rule.item).scale)
            except KeyError:
                problems.append(
                    Problem(file, f"unknown item '{rule.item}' in {q.id}", where, "item")
                )
                continue
            if rule.value not in scale.codes:
                problems.append(
                    Problem(
                        file, f"{rule.value} is not a code of scale '{scale.id}'", where, "value"
                    )
                )
        for s in rule.schemes or []:
            if s not in schemes:
                problems.append(Problem(file, f"unknown scheme '{s}'", where, "schemes"))
        for e in rule.events or []:
            if e not in events:
                problems.append(Problem(file, f"unknown event '{e}'", where, "events"))
    if problems:
        raise InputError(problems)
    return book


@cache
def rulebook() -> RuleBook:
    return parse_rules(read_yaml("signals.yaml"))


class Signal(BaseModel):
    """One early-warning signal of one placement, in one language."""

    placement_id: int
    rule_id: str
    level: Level
    title: str
    explanation: str
    rationale: str
    source: str
    assumption: bool
    cause_kind: str  # answer | score | hours | schedule | scheme | contract | event
    cause: str  # machine-readable: "checkin 12: wn_energie = 1"
    on: date  # when the cause happened (or, for a coming end, the end date)
    key: str  # rule id + cause: an action on this key closes the signal

    @property
    def rank(self) -> int:
        return LEVELS.index(self.level)


def _fill(template: LocalText, lang: str, **values: object) -> str:
    return template.get(lang).format(**{k: str(v) for k, v in values.items()}).strip()


def _answer(rule: Rule, facts: PlacementFacts, today: date, lang: str) -> list[Signal]:
    assert rule.respondent and rule.item and rule.op and rule.value is not None
    latest = facts.latest_finished(rule.respondent, today)
    if latest is None:
        return []
    code = latest.answers.get(rule.item)
    q = latest.questionnaire
    try:
        item = q.item(rule.item)
    except KeyError:  # an older version without this item
        return []
    scale = q.scale(item.scale)
    if code is None or code not in scale.codes:  # skipped or "weet niet": no signal
        return []
    hit = {"le": code <= rule.value, "ge": code >= rule.value, "eq": code == rule.value}[rule.op]
    if not hit:
        return []
    assert latest.finished_on is not None
    return [
        _signal(
            rule,
            facts,
            lang,
            "answer",
            f"checkin {latest.id}: {rule.item} = {code}",
            latest.finished_on,
            f"checkin{latest.id}",
            item=item.text.get(lang),
            answer=scale.label(code, lang),
            date=short_date(latest.finished_on, lang),
        )
    ]


def _score(rule: Rule, facts: PlacementFacts, today: date, lang: str) -> list[Signal]:
    assert rule.respondent and rule.below is not None
    latest = facts.latest_finished(rule.respondent, today)
    if latest is None or latest.overall is None or latest.overall >= rule.below:
        return []
    assert latest.finished_on is not None
    return [
        _signal(
            rule,
            facts,
            lang,
            "score",
            f"checkin {latest.id}: overall = {latest.overall:.1f}",
            latest.finished_on,
            f"checkin{latest.id}",
            score=num(latest.overall, 0, lang),
            date=short_date(latest.finished_on, lang),
        )
    ]


def _hours(rule: Rule, facts: PlacementFacts, today: date, lang: str) -> list[Signal]:
    assert rule.min_drop_share is not None
    hours, since = facts.hours_on(today)
    if since is None or hours > facts.hours * (1 - rule.min_drop_share) + 1e-9:
        return []
    return [
        _signal(
            rule,
            facts,
            lang,
            "hours",
            f"hours {facts.hours:g} -> {hours:g} on {since.isoformat()}",
            since,
            f"{since.isoformat()}:{hours:g}",
            hours_from=num(facts.hours, 1 if facts.hours % 1 else 0, lang),
            hours_to=num(hours, 1 if hours % 1 else 0, lang),
            date=short_date(since, lang),
        )
    ]


def _missed(rule: Rule, facts: PlacementFacts, today: date, lang: str) -> list[Signal]:
    assert rule.count is not None
    missed = missed_points(facts, today)
    # the rule with the highest count that is met fires alone (two missed is not also "one")
    higher = [
        r.count
        for r in rulebook().rules
        if r.kind == "missed" and r.count is not None and rule.count < r.count <= len(missed)
    ]
    if len(missed) < rule.count or higher:
        return []
    plan = schedule()
    labels = ", ".join(plan.point(p).label.get(lang) for p in missed)
    last = plan.point(missed[-1]).due(facts.start)
    return [
        _signal(
            rule,
            facts,
            lang,
            "schedule",
            f"missed: {', '.join(missed)}",
            last,
            ",".join(missed),
            points=labels,
            count=len(missed),
        )
    ]


def _support(rule: Rule, facts: PlacementFacts, today: date, lang: str) -> list[Signal]:
    assert rule.schemes is not None and rule.within_days is not None
    out = []
    window = timedelta(days=rule.within_days)
    for use in facts.schemes:
        if use.code in rule.schemes and use.until and today - window <= use.until <= today + window:
            out.append(
                _signal(
                    rule,
                    facts,
                    lang,
                    "scheme",
                    f"scheme {use.code} until {use.until.isoformat()}",
                    use.until,
                    f"{use.code}:{use.until.isoformat()}",
                    scheme=codes().label("schemes", use.code, lang),
                    end=short_date(use.until, lang),
                )
            )
    return out


def _contract(rule: Rule, facts: PlacementFacts, today: date, lang: str) -> list[Signal]:
    assert rule.within_days is not None
    end = facts.contract_end
    if end is None or facts.decision is not None or (end - today).days > rule.within_days:
        return []
    days = (end - today).days
    text = rule.explanation_past if days < 0 and rule.explanation_past else None
    return [
        _signal(
            rule,
            facts,
            lang,
            "contract",
            f"contract end {end.isoformat()}, no decision",
            end,
            end.isoformat(),
            explanation=text,
            end=short_date(end, lang),
            days=max(days, 0),
        )
    ]


def _event(rule: Rule, facts: PlacementFacts, today: date, lang: str) -> list[Signal]:
    assert rule.events is not None and rule.within_days is not None
    book = rulebook()
    return [
        _signal(
            rule,
            facts,
            lang,
            "event",
            f"event {e.id}: {e.kind} on {e.on.isoformat()}",
            e.on,
            f"event{e.id}",
            event=book.event_label(e.kind, lang),
            text=e.text,
            date=short_date(e.on, lang),
        )
        for e in sorted(facts.events, key=lambda e: (e.on, e.id))
        if e.kind in rule.events and 0 <= (today - e.on).days <= rule.within_days
    ]


def _signal(
    rule: Rule,
    facts: PlacementFacts,
    lang: str,
    cause_kind: str,
    cause: str,
    on: date,
    ref: str,
    *,
    explanation: LocalText | None = None,
    **values: object,
) -> Signal:
    return Signal(
        placement_id=facts.id,
        rule_id=rule.id,
        level=rule.level,
        title=rule.title.get(lang),
        explanation=_fill(explanation or rule.explanation, lang, **values),
        rationale=rule.rationale.get(lang),
        source=rule.source,
        assumption=rule.assumption,
        cause_kind=cause_kind,
        cause=cause,
        on=on,
        key=f"{rule.id}:{ref}",
    )


EVALUATORS: dict[str, Callable[[Rule, PlacementFacts, date, str], list[Signal]]] = {
    "answer": _answer,
    "score": _score,
    "hours_fall": _hours,
    "missed": _missed,
    "support_ends": _support,
    "contract_end": _contract,
    "event": _event,
}


def evaluate(
    facts: PlacementFacts,
    today: date,
    *,
    lang: str = "nl",
    closed: frozenset[str] | set[str] = frozenset(),
    book: RuleBook | None = None,
) -> list[Signal]:
    """The open signals of a placement on ``today``: none once it has ended; signals whose
    key is in ``closed`` (acted upon) are left out. Sorted by level (urgent first), then by
    the order of the rules in the file."""
    if facts.end is not None and facts.end <= today:
        return []
    rules = (book or rulebook()).rules
    found: list[tuple[int, int, Signal]] = []
    for order, rule in enumerate(rules):
        for sig in EVALUATORS[rule.kind](rule, facts, today, lang):
            if sig.key not in closed:
                found.append((-sig.rank, order, sig))
    return [s for *_, s in sorted(found, key=lambda x: (x[0], x[1]))]
