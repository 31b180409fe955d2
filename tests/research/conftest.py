"""Research tests: each test gets its own data dir, so release files (one generalisation per
questionnaire version and year) never leak from one test into another."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from inclusief.settings import get_settings


@pytest.fixture(autouse=True)
def _own_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("INCLUSIEF_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()
