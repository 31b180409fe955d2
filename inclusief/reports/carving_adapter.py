"""From the jobcarving engine's result to the carving report's view model.

:func:`carving_report_data` takes the inventory, the candidates, the engine's
:class:`~inclusief.jobcarving.model.CarvingResult` and its
:class:`~inclusief.jobcarving.business_case.BusinessCase`, and builds a
:class:`~inclusief.reports.carving_report.CarvingReportData`. It copies the engine's numbers
(hours per job, per task and per role, every amount); it only looks things up (names,
levels, accommodations), turns codes into words in the report's language, and renders the
schedule picture with the app's chart (:func:`inclusief.jobcarving.charts.schedule_heatmap`).
The one thing it derives is what the job asks per capability: the highest demand over the
job's tasks (before adjustments), next to the candidate's level.

``audience`` splits the report: the employer's view has no capability profile and no
reasons (its unassigned tasks keep only name, role and hours); the consultant's annex gets
the reasons short and grouped (:mod:`inclusief.reports.carving_advice`), every candidate
without a job and what would help (:mod:`inclusief.jobcarving.counterfactuals`). Per task,
:func:`reason_summary` and :func:`reason_details` stay in the consultant's data
(``UnassignedTask.reason``/``details``) for who wants them per task.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date

from inclusief import formatting as fmt
from inclusief.i18n import LocalText, t
from inclusief.jobcarving.business_case import (
    BusinessCase,
    JobCase,
    cash_lines,
    money_notes,
    time_lines,
)
from inclusief.jobcarving.charts import schedule_heatmap
from inclusief.jobcarving.counterfactuals import Help
from inclusief.jobcarving.fit import load_accommodations, load_dimensions
from inclusief.jobcarving.model import (
    Candidate,
    CarvedJob,
    CarvingResult,
    Inventory,
    Reason,
    ScheduleEntry,
    Task,
)
from inclusief.reports.carving_advice import (
    grouped_reasons,
    help_lines,
    job_description,
    next_steps,
    out_of_scope,
    readable_title,
    without_job_lines,
)
from inclusief.reports.carving_report import (
    Audience,
    CapabilityRow,
    CarvedJobView,
    CarvingReportData,
    CarvingSummary,
    MoneyRow,
    NextStep,
    RoleRelief,
    TaskRow,
    UnassignedTask,
    hours_text,
)
from inclusief.reports.charts import chart_png


def slot_name(slot: str, lang: str) -> str:
    """``ma-ochtend`` in Dutch, ``Mon morning`` in English."""
    day, _, part = slot.partition("-")
    return t(
        "reports.carving.slot",
        lang,
        day=t(f"reports.carving.day_{day}", lang),
        part=t(f"reports.carving.part_{part}", lang),
    )


def _task_entries(job: CarvedJob) -> dict[str, list[tuple[str, ScheduleEntry]]]:
    out: dict[str, list[tuple[str, ScheduleEntry]]] = {}
    for slot, entries in job.schedule.items():
        for e in entries:
            out.setdefault(e.task, []).append((slot, e))
    return out


def _slots(task: Task, placed: Sequence[tuple[str, ScheduleEntry]], lang: str) -> str:
    parts = [
        t(
            "reports.carving.slot_hours",
            lang,
            slot=slot_name(slot, lang),
            hours=hours_text(e.hours, lang),
        )
        for slot, e in placed
    ]
    if task.is_flexible:
        word = t("reports.carving.flexible", lang)
        return f"{word}: {', '.join(parts)}" if parts else word
    return ", ".join(parts)


def _lower_first(text: str) -> str:
    # "Klaslokaal" -> "klaslokaal", but keep "ICT" and "BHV"
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def job_title(inventory: Inventory, job: CarvedJob, lang: str) -> str:
    """A suggested title from the job's two largest task categories (by hours) and its hours:
    ``Medewerker klaslokaal en kopieerwerk (16 uur)``."""
    by_category: dict[str, float] = {}
    for tid in job.tasks:
        task = inventory.task(tid)
        by_category[task.category] = by_category.get(task.category, 0.0) + task.hours_per_week
    order = list(by_category)
    top = sorted(order, key=lambda c: (-by_category[c], order.index(c)))[:2]
    names = [_lower_first(inventory.category_name(c, lang)) for c in top]
    hours = hours_text(job.hours, lang)
    if len(names) == 2:
        return t("reports.carving.job_name_two", lang, a=names[0], b=names[1], hours=hours)
    if names:
        return t("reports.carving.job_name_one", lang, a=names[0], hours=hours)
    return t("reports.carving.job_name_none", lang, hours=hours)


def _capabilities(
    tasks: Sequence[Task], candidate: Candidate | None, lang: str
) -> list[CapabilityRow]:
    dims = load_dimensions()
    needed: dict[str, int] = {}
    for task in tasks:
        for dim, level in task.demands.items():
            needed[dim] = max(needed.get(dim, 0), level)
    order = [d for d in dims if d in needed] + sorted(d for d in needed if d not in dims)

    def level_text(dim: str, value: int) -> str:
        d = dims.get(dim)
        if d is None or not 0 <= value < len(d.levels):
            return str(value)
        return t("reports.carving.level", lang, level=value, label=d.levels[value].get(lang))

    rows = []
    for dim in order:
        if needed[dim] <= 0:
            continue
        has = (
            candidate.capabilities.get(dim, 0)
            if candidate is not None and candidate.capabilities  # {}: levels not used
            else None
        )
        rows.append(
            CapabilityRow(
                capability=dims[dim].name.get(lang) if dim in dims else dim,
                needed=level_text(dim, needed[dim]),
                candidate=None if has is None else level_text(dim, has),
                fits=None if has is None else has >= needed[dim],
            )
        )
    return rows


def _money(case: JobCase | BusinessCase, lang: str) -> list[MoneyRow]:
    """The cash lines of the business case (costs negative, the net effect last)."""
    return [
        MoneyRow(label=m.label, amount_eur=m.amount_eur, total=m.total)
        for m in cash_lines(case, lang)
    ]


def _time(case: JobCase | BusinessCase, lang: str) -> list[MoneyRow]:
    """The staff time freed per role and its value (time, not cash)."""
    return [
        MoneyRow(label=m.label, amount_eur=m.amount_eur, total=m.total)
        for m in time_lines(case, lang)
    ]


def _status(result: CarvingResult, lang: str) -> str:
    if result.status == "feasible":
        text = (
            t("reports.carving.status_feasible", lang, gap=fmt.pct(result.gap * 100, 2, lang))
            if result.gap
            else t("reports.carving.status_feasible_nogap", lang)
        )
    else:
        text = t(f"reports.carving.status_{result.status}", lang)
    if result.method == "greedy":
        text += t("reports.carving.method_greedy", lang)
    return text


def _job_view(
    inventory: Inventory,
    job: CarvedJob,
    case: JobCase | None,
    candidate: Candidate | None,
    lang: str,
    missing: LocalText | None = None,
) -> CarvedJobView:
    tasks = [inventory.task(tid) for tid in job.tasks]
    placed = _task_entries(job)
    catalogue = load_accommodations()
    names = {tk.id: tk.name for tk in tasks}
    accommodations = [
        t(
            "reports.carving.accommodation_line",
            lang,
            name=catalogue[a.id].name.get(lang) if a.id in catalogue else a.id,
            cost=fmt.eur(a.cost_per_year_eur, lang),
            tasks=", ".join(names.get(tid, tid) for tid in a.tasks),
        )
        for a in job.accommodations
    ]
    return CarvedJobView(
        title=readable_title(inventory, job, lang),
        description=job_description(inventory, job, lang),
        hours_per_week=job.hours,
        candidate=job.pseudonym,
        tasks=[
            TaskRow(
                task=tk.name,
                source_role=inventory.role(tk.role).name.get(lang),
                hours_per_week=tk.hours_per_week,
                slots=_slots(tk, placed.get(tk.id, []), lang),
            )
            for tk in tasks
        ],
        schedule_png=chart_png(schedule_heatmap(job.schedule, lang, names))
        if job.schedule
        else None,
        capabilities=_capabilities(tasks, candidate, lang),
        accommodations=accommodations,
        business_case=_money(case, lang) if case is not None else [],
        time_rows=_time(case, lang) if case is not None else [],
        money_notes=money_notes(case, lang, missing, general=False) if case is not None else [],
    )


# A summary names at most this many capabilities; the rest are counted ("and 3 more").
SUMMARY_DIMENSIONS = 3
# Reasons that do not name a candidate, summarised with their own text (once each).
_AS_GIVEN = ("not_chosen", "no_candidates", "too_complex")
# Reasons per candidate that the summary counts: code -> message key.
_COUNTED = {
    "slots": "reports.carving.why_slots",
    "too_long": "reports.carving.why_too_long",
    "dislike": "reports.carving.why_dislike",
}


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _dimension_name(dim: str, lang: str) -> str:
    d = load_dimensions().get(dim)
    return d.name.get(lang) if d is not None else dim


def _and(items: Sequence[str], lang: str) -> str:
    if len(items) < 2:
        return "".join(items)
    return t("reports.carving.and", lang, a=", ".join(items[:-1]), b=items[-1])


def reason_summary(reasons: Sequence[Reason], n_candidates: int, lang: str) -> list[str]:
    """Short lines for the unassigned-tasks table, e.g. ``past bij Kandidaat D, maar niet
    binnen hun uren en rooster ...`` (as the engine says it), ``Te zwaar voor kandidaten
    bij tillen en dragen (4 van 7), klimmen (2 van 7) en nog 3 vermogens`` and ``niet
    beschikbaar op de vaste tijden: 2 van 7 kandidaten``.

    Capabilities come most-often-short first, at most :data:`SUMMARY_DIMENSIONS` named, the
    rest counted. Counts are distinct candidates; the appendix has the details."""
    lines: list[str] = []
    for code in _AS_GIVEN:
        lines += dict.fromkeys(_upper_first(r.text.get(lang)) for r in reasons if r.code == code)
    order = list(load_dimensions())
    short: dict[str, set[str | None]] = {}
    for r in reasons:
        if r.code == "demand":
            short.setdefault(r.dimension or "", set()).add(r.candidate)
    ranked = sorted(
        short,
        key=lambda d: (-len(short[d]), order.index(d) if d in order else len(order), d),
    )
    if ranked:
        items = [
            t(
                "reports.carving.why_demand_item",
                lang,
                dimension=_lower_first(_dimension_name(dim, lang)),
                n=len(short[dim]),
                total=n_candidates,
            )
            for dim in ranked[:SUMMARY_DIMENSIONS]
        ]
        if len(ranked) > SUMMARY_DIMENSIONS:
            items.append(t("reports.carving.why_more", lang, n=len(ranked) - SUMMARY_DIMENSIONS))
        lines.append(t("reports.carving.why_demand", lang, items=_and(items, lang)))
    for code, key in _COUNTED.items():
        who = {r.candidate for r in reasons if r.code == code}
        if who:
            lines.append(t(key, lang, n=len(who), total=n_candidates))
    known = {*_AS_GIVEN, *_COUNTED, "demand"}
    lines += dict.fromkeys(_upper_first(r.text.get(lang)) for r in reasons if r.code not in known)
    return lines


def _strip_name(text: str, name: str) -> str:
    """The engine's text without the leading ``name: `` (the detail line starts with it)."""
    prefix = f"{name}: "
    return text[len(prefix) :] if text.startswith(prefix) else text


def _detail(r: Reason, name: str, lang: str) -> str:
    if r.code == "demand" and r.dimension is not None:
        return t(
            "reports.carving.detail_demand",
            lang,
            dimension=_lower_first(_dimension_name(r.dimension, lang)),
            demand=r.demand,
            capability=r.capability,
        )
    if r.code == "slots" and r.slots:
        return t(
            "reports.carving.detail_slots",
            lang,
            slots=", ".join(slot_name(s, lang) for s in r.slots),
        )
    if r.code == "dislike":
        return t("reports.carving.detail_dislike", lang)
    return _strip_name(r.text.get(lang), name)


def reason_details(
    reasons: Sequence[Reason], candidates: Sequence[Candidate], lang: str
) -> list[str]:
    """One line per group of candidates with the same reasons, in the engine's order:
    ``Kandidaat A, Kandidaat C: Klimmen en trappenlopen vraagt niveau 2, mogelijk is 1``.
    Reasons that name no candidate are left out (the summary gives them)."""
    names = {c.id: c.pseudonym for c in candidates}
    per_candidate: dict[str, list[str]] = {}
    for r in reasons:
        if r.candidate is None:
            continue
        name = names.get(r.candidate, r.candidate)
        parts = per_candidate.setdefault(r.candidate, [])
        text = _detail(r, name, lang)
        if text not in parts:
            parts.append(text)
    groups: dict[tuple[str, ...], list[str]] = {}
    for cid, parts in per_candidate.items():
        groups.setdefault(tuple(parts), []).append(names.get(cid, cid))
    return [f"{', '.join(who)}: {'; '.join(parts)}" for parts, who in groups.items()]


AUDIENCES: tuple[Audience, ...] = ("employer", "consultant")


def carving_report_data(
    inventory: Inventory,
    candidates: Sequence[Candidate],
    result: CarvingResult,
    case: BusinessCase,
    *,
    organisation: str,
    report_date: date,
    lang: str = "nl",
    audience: Audience = "employer",
    helps: tuple[Sequence[Help], dict[str, list[Help]]] | None = None,
    levels_unknown: Collection[str] = (),
) -> CarvingReportData:
    """The carving report's view of ``result`` and ``case``, in ``lang``.

    ``audience="employer"`` (default): the advice for the employer, without capability
    levels, shortfalls or reasons (AVG art. 9: an employer never sees a candidate's
    limitations). ``audience="consultant"``: the consultant's annex with the job profiles,
    the reasons (grouped), every candidate without a job and what would help (``helps``:
    from :mod:`inclusief.jobcarving.counterfactuals`; computed here when not given).
    ``levels_unknown``: ids of candidates whose levels were not used (no consent, or none
    recorded: the engine had stand-in levels); their levels are not shown in the annex."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience '{audience}' (known: {', '.join(AUDIENCES)})")
    unknown = set(levels_unknown)
    data = _full_data(
        inventory,
        [c.model_copy(update={"capabilities": {}}) if c.id in unknown else c for c in candidates],
        result,
        case,
        organisation=organisation,
        report_date=report_date,
        lang=lang,
    )
    if audience == "employer":
        return data.model_copy(
            update={
                "audience": "employer",
                "jobs": [j.model_copy(update={"capabilities": []}) for j in data.jobs],
                "unassigned": [
                    u.model_copy(update={"reason": "", "details": []}) for u in data.unassigned
                ],
                "next_steps": [
                    NextStep(title=a, text=b) for a, b in next_steps(inventory, result, lang)
                ],
            }
        )
    if helps is None:
        from inclusief.jobcarving.counterfactuals import help_for_candidates, help_for_tasks

        helps = (
            help_for_candidates(inventory, candidates, result),
            help_for_tasks(inventory, candidates, result),
        )
    first, second = help_lines(inventory, helps[0], helps[1], result, lang)
    return data.model_copy(
        update={
            "audience": "consultant",
            "out_of_scope": out_of_scope(inventory, result),
            "reason_groups": grouped_reasons(inventory, candidates, result, lang),
            "without_job": without_job_lines(result, lang),
            "help_candidates": first,
            "help_tasks": second,
        }
    )


def _full_data(
    inventory: Inventory,
    candidates: Sequence[Candidate],
    result: CarvingResult,
    case: BusinessCase,
    *,
    organisation: str,
    report_date: date,
    lang: str = "nl",
) -> CarvingReportData:
    by_id = {c.id: c for c in candidates}
    cases = {jc.candidate: jc for jc in case.jobs}
    jobs = [
        _job_view(
            inventory, job, cases.get(job.candidate), by_id.get(job.candidate), lang, case.missing
        )
        for job in result.jobs
    ]
    unassigned = []
    for u in result.unassigned:
        task = inventory.task(u.task)
        summary = reason_summary(u.reasons, len(candidates), lang)
        unassigned.append(
            UnassignedTask(
                task=task.name,
                source_role=inventory.role(task.role).name.get(lang),
                hours_per_week=task.hours_per_week,
                reason="\n".join(summary) or fmt.DASH,
                details=reason_details(u.reasons, candidates, lang),
            )
        )
    return CarvingReportData(
        organisation=organisation,
        report_date=report_date,
        inventory=inventory.title,
        summary=CarvingSummary(
            status=_status(result, lang),
            note=result.note,
            jobs=result.objective.jobs,
            hours_per_week=result.objective.hours,
            liked_hours=result.objective.liked_hours,
            totals=_money(case, lang) if result.jobs else [],
            time_rows=_time(case, lang) if result.jobs else [],
            money_notes=money_notes(case, lang) if result.jobs else [],
            funding=case.funding.get(lang) if case.funding is not None else None,
            money_sources=case.sources,
        ),
        jobs=jobs,
        relief=[
            RoleRelief(
                role=r.name.get(lang),
                hours_relieved=r.hours_per_week,
                freed_for=r.relieved_use.get(lang),
            )
            for r in case.roles
        ],
        unassigned=unassigned,
    )
