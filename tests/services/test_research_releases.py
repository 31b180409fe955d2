"""Research releases kept in the database (issue #12, item 5): the first release of a
questionnaire version and year stays, later exports reuse it, a different one is refused."""

from __future__ import annotations

from typing import Any

import pytest

from inclusief.errors import InputError
from inclusief.research.anonymise import QI_COLUMNS
from inclusief.research.release import PeriodRelease, Release
from inclusief.services.research import DatabaseReleases


def _release(level: int, period: str = "2026") -> Release:
    return Release(
        questionnaire_id="werkgeversscan",
        questionnaire_version="1.0",
        periods={
            period: PeriodRelease(
                period=period,
                levels={qi: level for qi in QI_COLUMNS},
                k=5,
                created_at="2026-12-02T10:00:00+00:00",
            )
        },
    )


def test_the_first_release_of_a_year_stays(store: Any) -> None:
    releases = DatabaseReleases(store)
    assert releases.load("werkgeversscan", "1.0") is None
    releases.save(_release(1))
    releases.save(_release(1))  # the same levels again: fine
    with pytest.raises(InputError, match="released meanwhile with other levels"):
        releases.save(_release(0))
    kept = releases.load("werkgeversscan", "1.0")
    assert kept is not None and kept.periods["2026"].levels == {qi: 1 for qi in QI_COLUMNS}
    releases.save(_release(0, period="2027"))  # another year gets its own levels
    both = releases.load("werkgeversscan", "1.0")
    assert both is not None and sorted(both.periods) == ["2026", "2027"]
