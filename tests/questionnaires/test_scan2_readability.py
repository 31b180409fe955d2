"""Plain language, measured: every employer-facing text of werkgeversscan 2.0.

Formula: Flesch-Douma, the Dutch Flesch reading ease (Douma 1960)::

    206.835 - 0.93 x (words / sentences) - 77 x (syllables / words)

computed by textstat with ``set_lang("nl")`` (syllables from the pyphen Dutch hyphenation
dictionary, offline). 60 and up is "easy to fairly easy" (B1 and below). A block is one
text as the employer sees it together: a dimension's questions, its help texts, its
actions (top 3), each advice text, each rule, the profile advice, the regional line.
"""

from __future__ import annotations

import re

import pytest

textstat = pytest.importorskip("textstat")  # test extra; see pyproject.toml

from inclusief.questionnaires.load import load_shipped  # noqa: E402
from inclusief.questionnaires.regions import region_data, regional_advice  # noqa: E402

Q = load_shipped("werkgeversscan", "2.0")
MIN_SCORE = 60
MAX_WORDS = 20


def flesch_douma(text: str) -> float:
    textstat.set_lang("nl")
    return float(textstat.flesch_reading_ease(text))


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s]


def _as_sentence(text: str) -> str:
    return text if text.rstrip()[-1:] in ".?!" else text.rstrip() + "."


def blocks(lang: str = "nl") -> list[tuple[str, str]]:
    out = []
    if Q.description:
        out.append(("description", Q.description.get(lang)))
    out += [("glossary", g.explanation.get(lang)) for g in Q.glossary]
    for dim in Q.dimensions:
        if dim.description:
            out.append((f"{dim.id}.description", dim.description.get(lang)))
        out.append((f"{dim.id}.items", " ".join(_as_sentence(i.text.get(lang)) for i in dim.items)))
        helps = [i.help.get(lang) for i in dim.items if i.help]
        if helps:
            out.append((f"{dim.id}.help", " ".join(helps)))
        out.append(
            (f"{dim.id}.actions", " ".join(i.action.get(lang) for i in dim.items if i.action))
        )
        out += [(f"{dim.id}.{b.id}", b.advice.get(lang)) for b in dim.bands if b.advice]
    out += [(f"rule.{r.id}", r.text.get(lang)) for r in Q.advice_rules]
    out += [(f"profile.{p.id}", p.advice.get(lang)) for p in Q.profiles if p.advice]
    out += [(f"{s.id}.note", s.dont_know_note.get(lang)) for s in Q.scales if s.dont_know_note]
    if Q.support_needs:
        out.append(("support", " ".join(o.next_step.get(lang) for o in Q.support_needs.options)))
    if Q.previous and Q.previous.note:
        out.append(("previous.note", Q.previous.note.get(lang)))
    out += [
        (f"region.{r.number}", regional_advice(r.municipalities[0], lang).text)
        for r in region_data().regions
    ]
    return out


def test_the_formula_is_flesch_douma() -> None:
    """By hand: 7 words, 2 sentences, 9 syllables (wij werken graag samen / dat gaat goed):
    206.835 - 0.93 x 3.5 - 77 x 9/7 = 104.58."""
    assert flesch_douma("Wij werken graag samen. Dat gaat goed.") == pytest.approx(104.58, abs=0.01)
    assert textstat.syllable_count("arbeidsbeperking") == 5  # ar-beids-be-per-king


@pytest.mark.parametrize(("where", "text"), blocks(), ids=[w for w, _t in blocks()])
def test_every_block_reads_at_60_or_more(where: str, text: str) -> None:
    assert flesch_douma(text) >= MIN_SCORE, (where, round(flesch_douma(text), 1), text)


def test_no_sentence_over_20_words() -> None:
    long = [
        (where, s)
        for where, text in blocks()
        for s in sentences(text)
        if len(s.split()) > MAX_WORDS
    ]
    assert long == []


def test_the_1_0_texts_would_not_all_pass() -> None:
    """The check has teeth: the 1.0 advice texts include blocks under 60."""
    v1 = load_shipped("werkgeversscan", "1.0")
    scores = [flesch_douma(b.advice.nl) for d in v1.dimensions for b in d.bands if b.advice]
    assert min(scores) < MIN_SCORE
