"""The Banenafspraak and growth-path texts, built once for the CLI, the app page and the PDF.

So the three say the same thing in the same words (issue #13): a table of (label, value)
rows, one status sentence, and the scenario lines, which are always labelled as a scenario
and never as an amount due.
"""

from __future__ import annotations

from inclusief.formatting import eur, num, pct
from inclusief.i18n import t
from inclusief.pso.banenafspraak import BanenafspraakResult
from inclusief.pso.inputs import TableInfo
from inclusief.pso.ladder import Growth


def _hours(value: float, lang: str) -> str:
    return num(value, 0, lang)


def applies_text(ba: BanenafspraakResult, lang: str) -> str:
    """``Ja`` / ``Niet van toepassing`` / ``Onbekend``."""
    key = {True: "yes", False: "no", None: "unknown"}[ba.quota_applies]
    return t(f"pso.ba_applies_{key}", lang)


def due_text(ba: BanenafspraakResult, lang: str) -> str:
    """What is due: ``niets`` when not activated or not applicable, an amount only when it
    is known and the scheme is activated, else ``geen bedrag bekend``."""
    if ba.due_eur is None:
        return t("pso.ba_due_unknown", lang)
    if ba.due_eur == 0:
        return t("pso.ba_due_none", lang)
    return eur(ba.due_eur, lang)


def ba_rows(ba: BanenafspraakResult, lang: str) -> list[tuple[str, str]]:
    """(label, value) rows of the Banenafspraak part, in the order all outputs show them."""
    rows: list[tuple[str, str]] = []
    regime = (
        ba.regime_name.get(lang) if ba.regime_name else t("pso.ba_regime_none", lang, year=ba.year)
    )
    rows.append((t("pso.ba_regime", lang, year=ba.year), regime))
    rows.append((t("pso.ba_sector", lang), t(f"pso.ba_sector_{ba.sector_choice}", lang)))
    rows.append((t("pso.ba_jobs", lang), num(ba.jobs, 2, lang)))
    hours = _hours(ba.paid_hours_year, lang)
    if ba.hours_threshold is not None:
        limit = t("pso.ba_threshold", lang, hours=_hours(ba.hours_threshold, lang))
        if ba.hours_threshold_assumed:
            limit += f", {t('pso.ba_assumed', lang)}"
        hours += f" ({limit})"
    rows.append((t("pso.ba_paid_hours", lang), hours))
    if ba.status == "figures_missing":
        return rows
    rows.append((t("pso.ba_quota_applies", lang), applies_text(ba, lang)))
    if ba.status == "not_applicable":
        return rows
    if ba.required_jobs is None or ba.quota_pct is None:
        rows.append((t("pso.ba_required", lang), t("pso.ba_required_unknown", lang)))
    else:
        quota = pct(ba.quota_pct, 2, lang)
        if ba.quota_single_source:
            quota += f", {t('pso.ba_single_source', lang)}"
        rows.append((t("pso.ba_required", lang), f"{num(ba.required_jobs, 2, lang)} ({quota})"))
        rows.append((t("pso.ba_missing", lang), num(ba.missing_jobs or 0.0, 2, lang)))
        rows.append((t("pso.ba_surplus", lang), num(ba.surplus_jobs or 0.0, 2, lang)))
    activated = {True: "common.yes", False: "common.no", None: "pso.ba_applies_unknown"}
    rows.append((t("pso.ba_activated", lang), t(activated[ba.activated], lang)))
    rows.append((t("pso.ba_due", lang), due_text(ba, lang)))
    return rows


def ba_status(ba: BanenafspraakResult, lang: str) -> str:
    """One plain sentence on where the organisation stands under the law of the year."""
    if ba.status == "not_applicable":
        hours = _hours(ba.hours_threshold or 0.0, lang)
        return t("pso.ba_status_not_applicable", lang, hours=hours)
    return t(f"pso.ba_status_{ba.status}", lang, year=ba.year)


def ba_scenarios(ba: BanenafspraakResult, lang: str) -> list[str]:
    """The scenario lines (title first), empty when there is none."""
    if not ba.scenarios:
        return []
    lines = [t("pso.ba_scenario_title", lang)]
    for sc in ba.scenarios:
        head = t(f"pso.ba_scenario_{sc.kind}", lang, jobs=num(sc.jobs, 2, lang))
        amount = (
            t("pso.ba_scenario_no_amount", lang)
            if sc.amount_eur is None
            else eur(sc.amount_eur, lang)
        )
        lines.append(f"{head}: {amount}. {sc.basis.get(lang)}")
    return lines


def growth_fte_text(growth: Growth, lang: str, *, long: bool = True) -> str | None:
    """The extra-FTE sentence of the growth path, the same words in CLI, page and PDF."""
    if growth.next_level is None or growth.extra_fte is None:
        return None
    key = "pso.growth_fte" if long else "pso.growth_fte_short"
    return t(
        key,
        lang,
        fte=num(growth.extra_fte, 2, lang),
        level=t(f"pso.level_{growth.next_level}", lang),
        target=num(growth.target_pct or 0.0, 2, lang),
    )


def input_line(info: TableInfo, lang: str = "nl") -> str:
    """``personeel.csv: Windows-1252, scheidingsteken ';'`` (how a file was read)."""
    if info.encoding is None:
        return t("pso.input_table", lang, file=info.file)
    encoding = {"utf-8": "UTF-8", "cp1252": "Windows-1252"}.get(info.encoding, info.encoding)
    delimiter = "tab" if info.delimiter == "\t" else f"'{info.delimiter}'"
    return t("pso.input_csv", lang, file=info.file, encoding=encoding, delimiter=delimiter)
