"""The shipped werkgeversscan meets the content rules of the foundation issue."""

from __future__ import annotations

from inclusief.questionnaires.load import load_shipped, shipped_ids

REQUIRED_DIMENSIONS = {
    "drijfveren",
    "belemmeringen",
    "ervaring",
    "beleid",
    "werving",
    "begeleiding",
    "regelingen",
}


def test_it_is_shipped() -> None:
    assert "werkgeversscan" in shipped_ids()


def test_size_and_reverse_share() -> None:
    q = load_shipped("werkgeversscan", "1.0")
    assert len(q.dimensions) >= 7
    assert len(q.items) >= 35
    assert sum(i.reverse for i in q.items) / len(q.items) >= 0.25


def test_required_dimensions_are_there() -> None:
    q = load_shipped("werkgeversscan", "1.0")
    assert {d.id for d in q.dimensions} >= REQUIRED_DIMENSIONS


def test_every_dimension_has_three_bands_with_advice_in_both_languages() -> None:
    q = load_shipped("werkgeversscan", "1.0")
    for dim in q.dimensions:
        assert len(dim.bands) >= 3, dim.id
        for band in dim.bands:
            assert band.advice is not None, (dim.id, band.id)
            assert len(band.advice.nl) > 80 and len(band.advice.en) > 80, (dim.id, band.id)


def test_more_barriers_means_a_lower_score() -> None:
    """Most barrier items state a barrier, so agreeing must lower the score (reverse)."""
    q = load_shipped("werkgeversscan", "1.0")
    barriers = q.dimension("belemmeringen").items
    assert sum(i.reverse for i in barriers) > len(barriers) / 2


def test_items_have_dutch_and_english_text_and_no_duplicates() -> None:
    q = load_shipped("werkgeversscan", "1.0")
    texts = [i.text.nl for i in q.items]
    assert len(set(texts)) == len(texts)
    assert all(i.text.en and i.text.nl != i.text.en for i in q.items)


def test_support_needs_block_is_unscored_multi_select() -> None:
    q = load_shipped("werkgeversscan", "1.0")
    assert q.support_needs is not None
    ids = {o.id for o in q.support_needs.options}
    assert {"jobcarving", "pso_meting", "werkgeversservicepunt", "jobcoach"} <= ids
    assert q.support_needs.id not in q.item_ids
    assert all(o.next_step.nl and o.next_step.en for o in q.support_needs.options)
