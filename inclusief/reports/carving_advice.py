"""Words for the carving advice (issue #18): job titles and descriptions a person would write,
reasons short and true (grouped, out of scope once, no shortfall an allowed accommodation
removes), the next steps of the IHW method, and "what would help" as lines.

Used by :mod:`inclusief.reports.carving_adapter`; nothing here reads the store.
"""

from __future__ import annotations

from collections.abc import Sequence

from inclusief.i18n import t
from inclusief.jobcarving.counterfactuals import Help
from inclusief.jobcarving.fit import load_accommodations, load_dimensions
from inclusief.jobcarving.model import Candidate, CarvedJob, CarvingResult, Inventory, Task

# -- titles and descriptions -------------------------------------------------------------------


def _category_word(inventory: Inventory, category: str, lang: str) -> str:
    """A short word for a category: the locale's ``carving_advice.word.<id>``, else the
    category's display name in lower case."""
    key = f"carving_advice.word.{category}"
    word = t(key, lang)
    if word != key:
        return word
    name = inventory.category_name(category, lang)
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def dominant_categories(inventory: Inventory, job: CarvedJob) -> list[str]:
    """The job's categories by hours, largest first (ties: the inventory's order)."""
    by_category: dict[str, float] = {}
    for tid in job.tasks:
        task = inventory.task(tid)
        by_category[task.category] = by_category.get(task.category, 0.0) + task.hours_per_week
    order = list(by_category)
    return sorted(order, key=lambda c: (-by_category[c], order.index(c)))


def readable_title(inventory: Inventory, job: CarvedJob, lang: str) -> str:
    """``Medewerker schoonmaak en gebouw``: the two largest categories in a short word each,
    no word twice."""
    words: list[str] = []
    for c in dominant_categories(inventory, job):
        word = _category_word(inventory, c, lang)
        if not any(w in word.split() or word in w.split() for w in words):
            words.append(word)
        if len(words) == 2:
            break
    if len(words) == 2:
        return t("carving_advice.title_two", lang, a=words[0], b=words[1])
    if words:
        return t("carving_advice.title_one", lang, a=words[0])
    return t("carving_advice.title_none", lang)


def plural(n: int, one: str, many: str, lang: str) -> str:
    """``1 taak``, ``3 taken``: the word for ``n`` items from the locale."""
    return t(f"carving_advice.{one if n == 1 else many}", lang, n=n)


def job_description(inventory: Inventory, job: CarvedJob, lang: str) -> str:
    """Two or three sentences: what the person does (by category) and for whom."""
    cats = dominant_categories(inventory, job)
    parts = [_category_word(inventory, c, lang) for c in cats[:4]]
    roles = sorted(
        {inventory.role(inventory.task(tid).role).name.get(lang) for tid in job.tasks},
        key=lambda r: r.lower(),
    )
    what = _and(list(dict.fromkeys(parts)), lang)
    whom = _and([r[:1].lower() + r[1:] for r in roles], lang)
    days = sorted({slot.split("-")[0] for slot in job.schedule})
    day_names = [t(f"carving_advice.day_{d}", lang) for d in ("ma", "di", "wo", "do", "vr")]
    index = {d: i for i, d in enumerate(("ma", "di", "wo", "do", "vr"))}
    when = _and([day_names[index[d]] for d in days if d in index], lang)
    return t(
        "carving_advice.description",
        lang,
        what=what,
        whom=whom,
        when=when,
        tasks=plural(len(job.tasks), "task_one", "task_many", lang),
    )


def _and(items: Sequence[str], lang: str) -> str:
    if len(items) < 2:
        return "".join(items)
    return t("reports.carving.and", lang, a=", ".join(items[:-1]), b=items[-1])


# -- reasons, short and true -------------------------------------------------------------------


def _removed_by_allowed(task: Task, cand: Candidate, dim: str, demand: int, cap: int) -> bool:
    """True when an accommodation the employer offers this candidate removes the shortfall
    on ``dim`` for ``task`` (so it is no reason)."""
    catalogue = load_accommodations()
    allowed = cand.accommodations if cand.accommodations is not None else list(catalogue)
    return any(
        a in catalogue
        and catalogue[a].usable_for(task)
        and dim not in catalogue[a].never_lowers
        and catalogue[a].lowers.get(dim, 0) >= demand - cap
        for a in allowed
    )


def out_of_scope(inventory: Inventory, result: CarvingResult) -> list[str]:
    """Tasks above the complexity threshold (reason ``too_complex``): listed once."""
    return [
        inventory.task(u.task).name
        for u in result.unassigned
        if any(r.code == "too_complex" for r in u.reasons)
    ]


def grouped_reasons(
    inventory: Inventory, candidates: Sequence[Candidate], result: CarvingResult, lang: str
) -> list[str]:
    """The reasons of the tasks left with the staff, grouped: ``12 taken vragen lezen en
    schrijven op niveau 2 (te hoog voor Lotte, Joris)``, one line per group, tasks out of
    scope left out (see :func:`out_of_scope`), shortfalls an allowed accommodation removes
    dropped."""
    dims = load_dimensions()
    by_id = {c.id: c for c in candidates}
    demand: dict[tuple[str, int], tuple[set[str], set[str]]] = {}
    slots: dict[str, set[str]] = {}
    dislike: dict[str, set[str]] = {}
    too_long: dict[str, set[str]] = {}
    calendar: set[str] = set()
    not_chosen: set[str] = set()
    limit: dict[str, set[str]] = {}
    no_candidates = False
    for u in result.unassigned:
        if any(r.code == "too_complex" for r in u.reasons):
            continue
        task = inventory.task(u.task)
        for r in u.reasons:
            who = by_id.get(r.candidate or "")
            if r.code == "demand" and r.dimension and r.demand is not None and who:
                if _removed_by_allowed(task, who, r.dimension, r.demand, r.capability or 0):
                    continue
                tasks_, people = demand.setdefault((r.dimension, r.demand), (set(), set()))
                tasks_.add(task.id)
                people.add(who.pseudonym)
            elif r.code == "slots" and who:
                slots.setdefault(who.pseudonym, set()).add(task.id)
            elif r.code == "dislike" and who:
                dislike.setdefault(who.pseudonym, set()).add(task.id)
            elif r.code == "too_long" and who:
                too_long.setdefault(who.pseudonym, set()).add(task.id)
            elif r.code == "accommodation_limit" and who:
                limit.setdefault(who.pseudonym, set()).add(task.id)
            elif r.code == "calendar":
                calendar.add(task.id)
            elif r.code == "not_chosen":
                not_chosen.add(task.id)
            elif r.code == "no_candidates":
                no_candidates = True
    lines: list[str] = [t("carving_advice.why.no_candidates", lang)] if no_candidates else []
    for (dim, level), (tasks_, people) in sorted(
        demand.items(), key=lambda kv: (-len(kv[1][0]), kv[0])
    ):
        name = dims[dim].name.get(lang) if dim in dims else dim
        lines.append(
            t(
                "carving_advice.why.demand",
                lang,
                tasks=plural(len(tasks_), "task_one", "task_many", lang),
                ask=t(f"carving_advice.why.ask_{'one' if len(tasks_) == 1 else 'many'}", lang),
                dimension=name[:1].lower() + name[1:],
                level=level,
                people=", ".join(sorted(people)),
            )
        )
    for key, groups in (
        ("slots", slots),
        ("dislike", dislike),
        ("too_long", too_long),
        ("limit", limit),
    ):
        for name_, tasks_ in sorted(groups.items()):
            lines.append(
                t(
                    f"carving_advice.why.{key}",
                    lang,
                    pseudonym=name_,
                    tasks=plural(len(tasks_), "task_one", "task_many", lang),
                )
            )
    if calendar:
        lines.append(
            t(
                "carving_advice.why.calendar",
                lang,
                tasks=plural(len(calendar), "task_one", "task_many", lang),
            )
        )
    if not_chosen:
        lines.append(
            t(
                "carving_advice.why.not_chosen",
                lang,
                tasks=plural(len(not_chosen), "task_one", "task_many", lang),
                names=", ".join(inventory.task(tid).name for tid in sorted(not_chosen)),
            )
        )
    return lines


def without_job_lines(result: CarvingResult, lang: str) -> list[str]:
    """Every candidate without a job, named with the reason (the engine's words)."""
    return [o.text.get(lang) for o in result.without_job]


def help_lines(
    inventory: Inventory,
    candidates_help: Sequence[Help],
    tasks_help: dict[str, list[Help]],
    result: CarvingResult,
    lang: str,
) -> tuple[list[str], list[str]]:
    """("what would help" per candidate without a job, per task someone could almost do)."""
    helped = {h.candidate: h for h in candidates_help}
    first = [
        helped[o.candidate].text.get(lang)
        if o.candidate in helped
        else t("carving_advice.help.candidate_none", lang, pseudonym=o.pseudonym)
        for o in result.without_job
    ]
    second = [
        t(
            "carving_advice.help.task_line",
            lang,
            task=inventory.task(tid).name,
            helps="; ".join(h.text.get(lang) for h in items),
        )
        for tid, items in tasks_help.items()
    ]
    return first, second


def next_steps(inventory: Inventory, result: CarvingResult, lang: str) -> list[tuple[str, str]]:
    """The next steps of the IHW method after the carving: (title, text) pairs. The VOG step
    names the tasks with children when there are any."""
    children = [
        inventory.task(tid).name
        for job in result.jobs
        for tid in job.tasks
        if inventory.task(tid).needs_pupils
        or inventory.task(tid).demands.get("contact_kinderen", 0) > 0
    ]
    steps = []
    for key in ("team", "description", "vog", "recruit", "voice", "support", "follow"):
        if key == "vog":
            text = (
                t("carving_advice.steps.vog_tasks", lang, n=len(children))
                if children
                else t("carving_advice.steps.vog_none", lang)
            )
        else:
            text = t(f"carving_advice.steps.{key}", lang)
        steps.append((t(f"carving_advice.steps.{key}_title", lang), text))
    return steps
