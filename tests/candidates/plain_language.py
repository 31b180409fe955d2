"""Blocks of candidate-facing text, and the offline Dutch readability measure used on them.

Flesch-Douma (Douma 1960, the Dutch version of Flesch's reading ease):
``206,84 - 0,77 x syllables per 100 words - 0,93 x words per sentence``, computed with
textstat (``set_lang("nl")``: its Dutch constants are Douma's; syllables by pyphen's Dutch
hyphenation dictionary, offline). It is a proxy for B1, not a proof (docs/candidates.md).
"""

from __future__ import annotations

import re

import textstat

from inclusief.i18n import t
from inclusief.jobcarving.intake import QUESTIONS
from inclusief.jobcarving.model import DAYS, PARTS

textstat.set_lang("nl")
MIN_SCORE = 70.0
MAX_WORDS = 15
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def flesch_douma(text: str) -> float:
    return float(textstat.flesch_reading_ease(text))


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def words(sentence: str) -> list[str]:
    return re.findall(r"[\w'’-]+", sentence)


def as_sentence(text: str) -> str:
    """An option label read as one sentence (a label has no full stop of its own)."""
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else f"{text}."


def option_key(question: str, option: str) -> str:
    if question in ("likes", "dislikes"):
        return f"candidates.opt.cat.{option}"
    if question == "slots":
        return ""
    if question in ("consent_capabilities", "consent_employer", "consent_research"):
        return f"candidates.opt.yesno.{option}"
    return f"candidates.opt.{question}.{option}"


def intake_blocks(lang: str = "nl") -> dict[str, str]:
    """One block per intake screen (its question, hint and every option as a sentence), and
    the intake's other messages each as a block of its own."""
    blocks: dict[str, str] = {}
    for q in QUESTIONS:
        parts = [t(f"candidates.q.{q.id}.title", lang, employer="De Linde")]
        hint = f"candidates.q.{q.id}.hint"
        if t(hint, lang) != hint:
            parts.append(t(hint, lang))
        if q.id == "slots":  # the screen shows each day once, with two buttons under it
            parts += [as_sentence(t(f"candidates.opt.day.{d}", lang)) for d in DAYS]
            parts += [as_sentence(t(f"candidates.opt.part.{p}", lang)) for p in PARTS]
        else:
            parts += [as_sentence(t(option_key(q.id, o), lang)) for o in q.options]
        parts.append(as_sentence(t(f"candidates.q.{q.id}.alt", lang)))
        blocks[f"question {q.id}"] = " ".join(parts)
    for key in ("welcome", "done", "invalid", "pick_many", "pick_one"):
        blocks[f"intake.{key}"] = t(f"candidates.intake.{key}", lang)
    blocks["intake.buttons"] = " ".join(
        as_sentence(t(f"candidates.intake.{k}", lang))
        for k in ("title", "start", "back", "next", "finish", "save_text", "saved", "done_title")
    )
    return blocks


def my_work_blocks(lang: str = "nl") -> dict[str, str]:
    """The "Mijn werk" template: its intro, and its questions and fixed answers as one block."""
    intro = t("candidates.mywork.intro", lang, hours="16")
    questions = " ".join(
        t(f"candidates.mywork.{k}", lang)
        for k in ("what", "when", "where", "with_whom", "helper", "bring")
    )
    fixed = " ".join(
        as_sentence(t(f"candidates.mywork.{k}", lang))
        for k in ("bring_default", "ask", "other", "week_alt")
    )
    return {
        "mywork.title": as_sentence(t("candidates.mywork.title", lang, name="Sanne")),
        "mywork.intro": intro,
        "mywork.questions": questions,
        "mywork.fixed": fixed,
    }
