"""Intake answers and candidate fields in words (the consultant's page and the carving picker)."""

from __future__ import annotations

from typing import Any

from inclusief.i18n import t
from inclusief.jobcarving.profiles import SUPPORTS, TASK_CATEGORIES, TASK_PREFIX


def slot_text(slot: str, lang: str) -> str:
    day, _, part = slot.partition("-")
    return f"{t(f'candidates.opt.day.{day}', lang)} {t(f'candidates.opt.part.{part}', lang)}"


def _one(question: str, value: str, lang: str) -> str:
    if question in ("likes", "dislikes"):
        if value in TASK_CATEGORIES:
            return t(f"candidates.opt.cat.{value}", lang)
        return value.removeprefix(TASK_PREFIX)
    if question == "slots":
        return slot_text(value, lang)
    if question == "support" and value in SUPPORTS:
        return t(f"candidates.opt.support.{value}", lang)
    if question.startswith("consent_"):
        return t(f"candidates.opt.yesno.{value}", lang)
    key = f"candidates.opt.{question}.{value}"
    text = t(key, lang)
    return value if text == key else text


def answer_text(question: str, value: Any, lang: str) -> str:
    if isinstance(value, list):
        return ", ".join(_one(question, str(v), lang) for v in value) or "—"
    return _one(question, str(value), lang) if value not in (None, "") else "—"
