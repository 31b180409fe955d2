"""Plain language, measured, for the scan PDF's fixed texts (issue 20).

The same measure as the questionnaire's texts (tests/questionnaires/test_scan2_readability.py):
Flesch-Douma via textstat with ``set_lang("nl")`` at least 60 per block, and no sentence
over 20 words. A block is one fixed text the employer reads as prose in the report: the
introduction, the next steps, the advice parts and the method. Headings, table headings and
count lines are labels, not prose; the PSO and Banenafspraak texts belong to the PSO area;
the sources name titles and licences.
"""

from __future__ import annotations

import re

import pytest

textstat = pytest.importorskip("textstat")

from inclusief.i18n import catalog, t  # noqa: E402

PROSE = [
    "reports.scan.cover_intro",
    "reports.scan.no_overall",
    "reports.scan.no_score",
    "reports.scan.no_advice",
    "reports.scan.steps_intro",
    "reports.scan.steps_none",
    *(f"reports.scan.step.{s}.text" for s in (
        "jobcarving", "pso_meting", "werkgeversservicepunt", "jobcoach", "proefplaatsing", "beleid"
    )),
    "reports.scan.method_scale",
    "reports.scan.method_missing",
    "reports.scan.method_overall",
    "scan_report.advice_intro",
    "scan_report.work_points_intro",
    "scan_report.work_points_no_action",
    "scan_report.facts_intro",
    "scan_report.method_types",
    "scan_report.method_dont_know",
    "scan_report.method_work_points",
]  # fmt: skip


def _text(key: str) -> str:
    return t(key, "nl", share="60", text="")


def flesch_douma(text: str) -> float:
    textstat.set_lang("nl")
    return float(textstat.flesch_reading_ease(text))


def test_every_prose_key_exists() -> None:
    known = catalog()
    assert [k for k in PROSE if k not in known] == []


@pytest.mark.parametrize("key", PROSE)
def test_each_fixed_text_reads_at_60_or_more(key: str) -> None:
    text = _text(key)
    assert flesch_douma(text) >= 60, (key, round(flesch_douma(text), 1), text)


@pytest.mark.parametrize("key", PROSE)
def test_no_sentence_over_20_words(key: str) -> None:
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(_text(key).split()))
    assert [s for s in sentences if len(s.split()) > 20] == []
