"""Dutch numbers, money and dates (the ground floor's formatting), as every page and PDF
writes them."""

from __future__ import annotations

from datetime import date

import pytest

from inclusief import formatting as text


def test_number_formats_follow_the_language() -> None:
    assert text.num(1234.567, 2, "nl") == "1.234,57"
    assert text.num(1234.567, 2, "en") == "1,234.57"
    assert text.pct(2.5, 2, "nl") == "2,50%"
    assert text.eur(5000, "nl") == "€ 5.000"
    assert text.eur(-42599.4, "nl") == "-€ 42.599"  # house style: sign before the euro sign
    assert text.eur(-42599.4, "en") == "-€42,599"
    assert text.eur(-0.4, "nl") == "€ 0"  # no minus for an amount that rounds to zero
    assert text.long_date(date(2026, 11, 3), "nl") == "3 november 2026"
    assert text.short_date(date(2026, 11, 3), "nl") == "03-11-2026"
    assert text.short_date(None, "en") == "-"


@pytest.mark.parametrize(
    ("value", "shown"), [(12.5, "12"), (13.5, "14"), (99.6, "100"), (None, "-")]
)
def test_scores_round_as_the_app_does(value: float | None, shown: str) -> None:
    """Python's format rounds half to even, as the app's f"{x:.0f}" does."""
    assert text.score(value) == shown
