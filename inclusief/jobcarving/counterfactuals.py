"""What would help: the smallest change that makes a candidate fit (counterfactuals).

Two questions, for the consultant only (they speak of capabilities):

* **a candidate without a job**: which one change gives them a job? Tried in this order
  (smallest first): one accommodation from the catalogue that the employer does not offer yet;
  one more available half day; a few more hours (``hours_max`` + 1 to 4); one demand level
  less on one dimension of one task (e.g. by splitting the task). Changes that make no new
  task fit are skipped; the others are ranked by the hours they open up, and each is
  **confirmed by re-solving** the whole instance with
  :func:`inclusief.jobcarving.optimise.carve` (a small time limit): only a change after which
  the candidate gets a job is reported (``confirmed="resolved"``).
* **a task left with the staff that a candidate could almost do**: per candidate the one
  change after which the pair passes every per-pair rule, **confirmed by an exact targeted
  check** (:func:`inclusief.jobcarving.fit.assess` on the changed task or candidate,
  ``confirmed="assessed"``). That says the task would fit the person, not that the
  optimiser would then give it to them.

Changes are never combined: one change, or nothing is reported.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Literal

from inclusief.i18n import LocalText, t
from inclusief.jobcarving.fit import assess, load_accommodations, load_dimensions
from inclusief.jobcarving.model import (
    SLOTS,
    Candidate,
    CarvingResult,
    Inventory,
    Task,
    _Strict,
)

Kind = Literal["accommodation", "slot", "hours", "demand"]
RESOLVE_SECONDS = 2.0
"""Time limit of each confirming re-solve."""
MAX_RESOLVES = 4
"""Most re-solves per candidate without a job (the most promising changes first)."""
MAX_EXTRA_HOURS = 4


class Help(_Strict):
    """One change that would make a candidate fit."""

    kind: Kind
    candidate: str
    pseudonym: str
    task: str | None = None
    """The task (a task left with the staff, or the task whose demand is lowered)."""
    accommodation: str | None = None
    dimension: str | None = None
    slot: str | None = None
    hours: float | None = None
    text: LocalText
    confirmed: Literal["resolved", "assessed"]


def _num(value: float) -> tuple[str, str]:
    text = f"{value:g}"
    return text.replace(".", ","), text


def _changes(
    inventory: Inventory, cand: Candidate, tasks: Sequence[Task]
) -> list[tuple[Kind, Candidate, Inventory, dict[str, object]]]:
    """Every single change to try for ``cand``: (kind, changed candidate, changed inventory,
    details)."""
    catalogue = load_accommodations()
    out: list[tuple[Kind, Candidate, Inventory, dict[str, object]]] = []
    if cand.accommodations is not None:
        for a in sorted(catalogue):
            if a not in cand.accommodations and catalogue[a].kind == "lowering":
                changed = cand.model_copy(update={"accommodations": [*cand.accommodations, a]})
                out.append(("accommodation", changed, inventory, {"accommodation": a}))
    for slot in SLOTS:
        if slot not in cand.available_slots:
            changed = cand.model_copy(
                update={"available_slots": [s for s in SLOTS if s in {*cand.available_slots, slot}]}
            )
            out.append(("slot", changed, inventory, {"slot": slot}))
    for extra in range(1, MAX_EXTRA_HOURS + 1):
        if cand.hours_max + extra <= 40:
            changed = cand.model_copy(update={"hours_max": cand.hours_max + extra})
            out.append(("hours", changed, inventory, {"hours": float(extra)}))
    for task in tasks:
        for dim, level in sorted(task.demands.items()):
            if level > cand.capabilities.get(dim, 0):
                lowered = task.model_copy(update={"demands": {**task.demands, dim: level - 1}})
                changed_inv = inventory.model_copy(
                    update={"tasks": [lowered if x.id == task.id else x for x in inventory.tasks]}
                )
                out.append(("demand", cand, changed_inv, {"task": task.id, "dimension": dim}))
    return out


def _eligible_hours(
    inventory: Inventory, cand: Candidate, max_complexity: int | None
) -> tuple[set[str], float]:
    ids = set()
    hours = 0.0
    for task in inventory.tasks:
        if assess(task, cand, max_complexity=max_complexity, inventory=inventory).eligible:
            ids.add(task.id)
            hours += task.hours_per_week
    return ids, hours


def _text(kind: Kind, cand: Candidate, details: dict[str, object], inv: Inventory) -> LocalText:
    catalogue = load_accommodations()
    dims = load_dimensions()
    who = cand.pseudonym
    if kind == "accommodation":
        a = catalogue[str(details["accommodation"])]
        return LocalText(
            nl=t("carving_advice.help.accommodation", "nl", pseudonym=who, name=a.name.nl),
            en=t("carving_advice.help.accommodation", "en", pseudonym=who, name=a.name.en),
        )
    if kind == "slot":
        day, _, part = str(details["slot"]).partition("-")
        return LocalText(
            **{
                lang: t(
                    "carving_advice.help.slot",
                    lang,
                    pseudonym=who,
                    slot=t(
                        "reports.carving.slot",
                        lang,
                        day=t(f"reports.carving.day_{day}", lang),
                        part=t(f"reports.carving.part_{part}", lang),
                    ),
                )
                for lang in ("nl", "en")
            }
        )
    if kind == "hours":
        nl, en = _num(float(str(details["hours"])))
        return LocalText(
            nl=t("carving_advice.help.hours", "nl", pseudonym=who, hours=nl),
            en=t("carving_advice.help.hours", "en", pseudonym=who, hours=en),
        )
    task = inv.task(str(details["task"]))
    dim = str(details["dimension"])
    name = dims[dim].name if dim in dims else LocalText(nl=dim, en=dim)
    return LocalText(
        nl=t(
            "carving_advice.help.demand",
            "nl",
            pseudonym=who,
            task=task.name,
            dimension=name.nl.lower(),
        ),
        en=t(
            "carving_advice.help.demand",
            "en",
            pseudonym=who,
            task=task.name,
            dimension=name.en.lower(),
        ),
    )


def help_for_candidates(
    inventory: Inventory,
    candidates: Sequence[Candidate],
    result: CarvingResult,
    *,
    max_complexity: int | None = None,
    resolve_seconds: float = RESOLVE_SECONDS,
    max_resolves: int = MAX_RESOLVES,
    budget_seconds: float = 30.0,
) -> list[Help]:
    """Per candidate without a job, the first change (most new hours first) after which a
    re-solve gives them a job; nothing for a candidate when no single change does."""
    from inclusief.jobcarving.optimise import carve

    start = time.perf_counter()
    placed = {j.candidate for j in result.jobs}
    out: list[Help] = []
    for ci, cand in enumerate(candidates):
        if cand.id in placed:
            continue
        base_ids, _ = _eligible_hours(inventory, cand, max_complexity)
        scored = []
        for kind, changed, inv, details in _changes(inventory, cand, inventory.tasks):
            ids, hours = _eligible_hours(inv, changed, max_complexity)
            new = ids - base_ids
            if kind in ("accommodation", "slot", "demand") and not new:
                continue
            order = ("accommodation", "slot", "hours", "demand").index(kind)
            scored.append((-hours, order, kind, changed, inv, details))
        scored.sort(key=lambda s: (s[0], s[1]))
        for _, _, kind, changed, inv, details in scored[:max_resolves]:
            if time.perf_counter() - start > budget_seconds:
                break
            others = [changed if i == ci else c for i, c in enumerate(candidates)]
            again = carve(inv, others, time_limit=resolve_seconds, max_complexity=max_complexity)
            if any(j.candidate == cand.id for j in again.jobs):
                out.append(
                    Help(
                        kind=kind,
                        candidate=cand.id,
                        pseudonym=cand.pseudonym,
                        task=details.get("task"),  # type: ignore[arg-type]
                        accommodation=details.get("accommodation"),  # type: ignore[arg-type]
                        dimension=details.get("dimension"),  # type: ignore[arg-type]
                        slot=details.get("slot"),  # type: ignore[arg-type]
                        hours=details.get("hours"),  # type: ignore[arg-type]
                        text=_text(kind, cand, details, inv),
                        confirmed="resolved",
                    )
                )
                break
    return out


ALMOST = {"demand", "slots", "too_long", "accommodation_limit"}
"""Reasons one change can lift; a task disliked, out of scope or blocked by the calendar is
not 'almost'."""


def help_for_tasks(
    inventory: Inventory,
    candidates: Sequence[Candidate],
    result: CarvingResult,
    *,
    max_complexity: int | None = None,
    per_task: int = 3,
) -> dict[str, list[Help]]:
    """Per task left with the staff: for up to ``per_task`` candidates the one change after
    which the pair passes every per-pair rule (checked with :func:`assess`)."""
    out: dict[str, list[Help]] = {}
    for u in result.unassigned:
        task = inventory.task(u.task)
        found: list[Help] = []
        for cand in candidates:
            a = assess(task, cand, max_complexity=max_complexity, inventory=inventory)
            if a.eligible or not a.reasons or any(r.code not in ALMOST for r in a.reasons):
                continue
            for kind, changed, inv, details in _changes(inventory, cand, [task]):
                if kind == "demand" and details.get("task") != task.id:
                    continue
                changed_task = inv.task(task.id)
                if assess(
                    changed_task, changed, max_complexity=max_complexity, inventory=inv
                ).eligible:
                    found.append(
                        Help(
                            kind=kind,
                            candidate=cand.id,
                            pseudonym=cand.pseudonym,
                            task=task.id,
                            accommodation=details.get("accommodation"),  # type: ignore[arg-type]
                            dimension=details.get("dimension"),  # type: ignore[arg-type]
                            slot=details.get("slot"),  # type: ignore[arg-type]
                            hours=details.get("hours"),  # type: ignore[arg-type]
                            text=_text(kind, cand, details, inv),
                            confirmed="assessed",
                        )
                    )
                    break
            if len(found) >= per_task:
                break
        if found:
            out[task.id] = found
    return out
