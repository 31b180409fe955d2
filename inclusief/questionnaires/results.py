"""Result models for one scored respondent, with labels and advice in one language.

These are what the app, the PDF reports and the store show; the numbers come from
:func:`inclusief.questionnaires.scoring.score`, so every view shows the same values.
"""

from __future__ import annotations

from pydantic import BaseModel


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


class SupportStep(BaseModel):
    """A support need the respondent ticked, turned into a next step."""

    id: str
    label: str
    next_step: str


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

    def dimension(self, dimension_id: str) -> DimensionResult:
        for dim in self.dimensions:
            if dim.id == dimension_id:
                return dim
        raise KeyError(dimension_id)
