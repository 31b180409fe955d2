"""Result models for one scored respondent, with labels and advice in one language.

These are what the app, the PDF reports and the store show; the numbers come from
:func:`inclusief.questionnaires.scoring.score`, so every view shows the same values.
"""

from __future__ import annotations

from pydantic import BaseModel

from inclusief.questionnaires.advice import AdviceLine, WorkPoint


class DimensionResult(BaseModel):
    id: str
    name: str
    score: float | None
    band_id: str | None
    band_label: str | None
    advice: str | None
    answered: int
    skipped: int
    dont_know: int
    n_items: int
    weight: float = 1.0
    not_applicable: int = 0
    note: str | None = None  # how the score treats weet niet, where the scale says so
    advice_replaced_by: str | None = None  # the rule line that took this band advice's place


class SupportStep(BaseModel):
    """A support need the respondent ticked, turned into a next step."""

    id: str
    label: str
    next_step: str


class Fact(BaseModel):
    """A factual answer (ja/nee, a number, a list): part of the profile, not of a score."""

    item: str
    dimension: str
    question: str
    value: int | None
    answer: str | None  # the answer in words; None when skipped


class ScanResult(BaseModel):
    questionnaire_id: str
    version: str
    lang: str
    overall_index: float | None
    profile_id: str | None
    profile_label: str | None
    profile_advice: str | None
    dimensions: list[DimensionResult]
    support_steps: list[SupportStep] = []
    answered: int
    skipped: int
    dont_know: int
    not_applicable: int = 0
    facts: list[Fact] = []
    # every advice line in order: combined rules, band advice, the profile, the region
    advice: list[AdviceLine] = []
    work_points: list[WorkPoint] = []  # the "top 3 to work on", from the weakest items
    region: str | None = None  # the arbeidsmarktregio, when the municipality was given

    def dimension(self, dimension_id: str) -> DimensionResult:
        for dim in self.dimensions:
            if dim.id == dimension_id:
                return dim
        raise KeyError(dimension_id)
