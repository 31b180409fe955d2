"""Reliability report per questionnaire version, for researchers.

Builds on :func:`inclusief.questionnaires.reliability.reliability_report` (Cronbach's alpha
with a Feldt confidence interval, corrected item-total correlations, alpha-if-deleted and
the ``lowers_alpha`` flag; formulas and references there) and adds what a researcher needs:
one flat table, a Markdown and a plain-text rendering, and a guard against small samples.

Item means of a handful of respondents come close to one employer's answers, so the report
is only made when at least *k* organisations (``Settings.export_k``) contributed.
"""

from __future__ import annotations

import json

import pandas as pd
from pydantic import BaseModel

from inclusief.i18n import t
from inclusief.questionnaires.reliability import ReliabilityReport, reliability_report
from inclusief.research.release import checked_k
from inclusief.research.rows import ResearchData

TABLE_COLUMNS = [
    "dimension", "item", "n", "k_items", "alpha", "ci_low", "ci_high",
    "corrected_item_total", "alpha_if_deleted", "lowers_alpha",
]  # fmt: skip


class ResearchReliability(BaseModel):
    available: bool
    reason: str | None = None
    n_organisations: int
    n_needed: int
    report: ReliabilityReport | None = None

    @property
    def flagged_items(self) -> list[str]:
        return self.report.flagged_items if self.report else []

    def table(self) -> pd.DataFrame:
        """One row per dimension (item empty) followed by a row per item."""
        rows: list[dict[str, object]] = []
        if self.report is None:
            return pd.DataFrame(columns=TABLE_COLUMNS)
        for d in self.report.dimensions:
            a = d.alpha
            rows.append(
                {
                    "dimension": d.name,
                    "item": "",
                    "n": a.n,
                    "k_items": a.k,
                    "alpha": a.alpha,
                    "ci_low": a.ci_low,
                    "ci_high": a.ci_high,
                }  # fmt: skip
            )
            for i in d.items:
                rows.append(
                    {
                        "dimension": d.name,
                        "item": i.item,
                        "corrected_item_total": i.corrected_item_total,
                        "alpha_if_deleted": i.alpha_if_deleted,
                        "lowers_alpha": i.lowers_alpha,
                    }
                )
        return pd.DataFrame(rows).reindex(columns=TABLE_COLUMNS)

    def to_json(self) -> str:
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"

    def to_markdown(self, lang: str = "nl") -> str:
        if self.report is None:
            return f"{self.reason}\n"
        r = self.report
        head = [
            t("research.col_dimension", lang), t("research.col_item", lang), "n",
            t("research.col_alpha", lang), t("research.col_ci", lang),
            t("research.col_item_total", lang), t("research.col_alpha_if_deleted", lang),
            t("research.col_flag", lang),
        ]  # fmt: skip
        lines = [
            f"# {r.questionnaire_id} {r.version}",
            "",
            t("research.reliability_n", lang, n=r.n_respondents, version=r.version),
            "",
            "| " + " | ".join(head) + " |",
            "|" + "---|" * len(head),
        ]
        for d in r.dimensions:
            a = d.alpha
            ci = f"{_f(a.ci_low)} - {_f(a.ci_high)}" if a.ci_low is not None else ""
            lines.append(f"| **{d.name}** | | {a.n} | **{_f(a.alpha)}** | {ci} | | | |")
            for i in d.items:
                flag = "!" if i.lowers_alpha else ""
                lines.append(
                    f"| | {i.item} | | | | {_f(i.corrected_item_total)} | "
                    f"{_f(i.alpha_if_deleted)} | {flag} |"
                )
        if self.flagged_items:
            lines += [
                "",
                t("research.reliability_flagged", lang, items=", ".join(self.flagged_items)),
            ]
        return "\n".join(lines) + "\n"

    def to_text(self, lang: str = "nl") -> str:
        if self.report is None:
            return f"{self.reason}\n"
        table = self.table()
        for col in ("alpha", "ci_low", "ci_high", "corrected_item_total", "alpha_if_deleted"):
            table[col] = table[col].map(_f)
        table["n"] = table["n"].map(lambda v: "" if pd.isna(v) else str(int(v)))
        table["k_items"] = table["k_items"].map(lambda v: "" if pd.isna(v) else str(int(v)))
        table["lowers_alpha"] = table["lowers_alpha"].map(lambda v: "!" if v is True else "")
        r = self.report
        head = t("research.reliability_n", lang, n=r.n_respondents, version=r.version)
        body = table.fillna("").to_string(index=False)
        return f"{r.questionnaire_id} {r.version}\n{head}\n\n{body}\n"


def _f(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return f"{float(value):.3f}"  # type: ignore[arg-type]


def research_reliability(
    data: ResearchData, *, lang: str = "nl", k: int | None = None, ci: float = 0.95
) -> ResearchReliability:
    """The reliability report of one questionnaire version (rows of other versions were left
    out by :func:`inclusief.research.rows.prepare`)."""
    needed = checked_k(k)
    n_orgs = int(data.organisations.nunique())
    if n_orgs < needed:
        return ResearchReliability(
            available=False,
            reason=t("research.reliability_too_few", lang, n=n_orgs, needed=needed),
            n_organisations=n_orgs,
            n_needed=needed,
        )
    report = reliability_report(
        questionnaire=data.questionnaire, responses=data.answers, lang=lang, ci=ci
    )
    return ResearchReliability(
        available=True, n_organisations=n_orgs, n_needed=needed, report=report
    )
