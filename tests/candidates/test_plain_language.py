"""Every candidate-facing text is plain: Flesch-Douma at least 70 per block and no sentence
over 15 words (intake questions and options, the intake's messages, the "Mijn werk" sheet).

Flesch-Douma is a proxy for B1, not a proof (docs/candidates.md): short words and short
sentences score well whatever they mean. The texts were also written for B1 by hand.
"""

from __future__ import annotations

import pytest
from plain_language import (
    MAX_WORDS,
    MIN_SCORE,
    flesch_douma,
    intake_blocks,
    my_work_blocks,
    sentences,
    words,
)

BLOCKS = {**intake_blocks("nl"), **my_work_blocks("nl")}


@pytest.mark.parametrize("name", sorted(BLOCKS))
def test_each_block_scores_at_least_70(name: str) -> None:
    score = flesch_douma(BLOCKS[name])
    assert score >= MIN_SCORE, f"{name}: Flesch-Douma {score:.0f} < {MIN_SCORE:.0f}: {BLOCKS[name]}"


@pytest.mark.parametrize("name", sorted(BLOCKS))
def test_no_sentence_has_more_than_15_words(name: str) -> None:
    long = [s for s in sentences(BLOCKS[name]) if len(words(s)) > MAX_WORDS]
    assert long == []


def test_the_measure_tells_plain_from_official_dutch() -> None:
    """The measure has teeth: a plain text passes, a text in official Dutch does not."""
    plain = "Je werkt in de ochtend. Je maakt de tafels schoon. Petra helpt je."
    official = (
        "Overeenkomstig de toepasselijke arbeidsvoorwaardenregeling worden werkzaamheden "
        "uitgevoerd binnen de geldende organisatorische randvoorwaarden en bevoegdheden van "
        "de werkgever en de leidinggevende."
    )
    assert flesch_douma(plain) >= MIN_SCORE > flesch_douma(official)
    assert len(words(official)) > MAX_WORDS


def test_every_question_and_option_has_a_dutch_and_an_english_text() -> None:
    nl, en = intake_blocks("nl"), intake_blocks("en")
    assert set(nl) == set(en)
    for name in nl:
        assert "candidates." not in nl[name], f"a missing Dutch text in {name}"
        assert "candidates." not in en[name], f"a missing English text in {name}"
        assert nl[name] != en[name]
