"""``inclusief report scan --assessment ID``: a stored assessment's report from the database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import all_text

from inclusief.cli import main


@pytest.fixture
def finished(store: Any, consultant: Any, new_scan: Any, werkgeversscan: Any) -> tuple[int, str]:
    """One finished werkgeversscan with a note and an action; (assessment id, database URL)."""
    from inclusief.services import notes
    from inclusief.services import scan as scan_svc

    if store.db_file is None:
        pytest.skip("the command line test reads the SQLite file")
    scan = new_scan(consultant, name="Zorggroep Eë & Twee", mode="session")
    for item in werkgeversscan.item_ids:
        scan_svc.save_answer(
            actor=consultant, assessment_id=scan.assessment_id, item_id=item, value=4, store=store
        )
    first = werkgeversscan.dimensions[0].id
    notes.set_note(
        actor=consultant,
        assessment_id=scan.assessment_id,
        dimension_id=first,
        text="Bespreek de taken in groep 1-2 met het team.",
        store=store,
    )
    notes.add_action(
        actor=consultant,
        assessment_id=scan.assessment_id,
        what="Takeninventaris conciërges maken",
        who="Directeur",
        due=date(2026, 4, 1),
        store=store,
    )
    scan_svc.finish_assessment(actor=consultant, assessment_id=scan.assessment_id, store=store)
    return scan.assessment_id, f"sqlite:///{store.db_file}"


def test_a_stored_assessment_renders(
    finished: tuple[int, str], tmp_path: Path, store: Any, rows_text: Any
) -> None:
    aid, url = finished
    out = tmp_path / "scan.pdf"
    args = ["report", "scan", "--assessment", str(aid), "--database-url", url]
    assert main([*args, "-o", str(out)]) == 0
    text = all_text(out.read_bytes())
    assert "Zorggroep Eë & Twee" in text
    assert "van 100" in text
    assert "Bespreek de taken in groep 1-2 met het team." in text  # the consultant's note
    assert "Takeninventaris conciërges maken" in text  # and action plan
    assert "consultant@example.nl" in text  # the owning consultant as the adviser
    assert "Sessie met een adviseur" in text
    assert "report.scan" in rows_text(store)  # the export is in the audit trail


def test_english_with_overrides(finished: tuple[int, str], tmp_path: Path) -> None:
    aid, url = finished
    out = tmp_path / "scan-en.pdf"
    args = ["report", "scan", "--assessment", str(aid), "--database-url", url, "--lang", "en"]
    extra = ["--organisation", "Andere naam", "--date", "2026-03-05", "--no-benchmark"]
    assert main([*args, *extra, "-o", str(out)]) == 0
    text = all_text(out.read_bytes())
    assert "Andere naam" in text and "5 March 2026" in text and "out of 100" in text


@pytest.fixture
def env_store(finished: tuple[int, str], monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """INCLUSIEF_DATABASE_URL pointing at the test database (the default store's caches
    cleared before and after)."""
    from inclusief.settings import get_settings
    from inclusief.store import db

    aid, url = finished

    def clear() -> None:
        get_settings.cache_clear()
        db.default_engine.cache_clear()
        db.default_store.cache_clear()

    monkeypatch.setenv("INCLUSIEF_DATABASE_URL", url)
    clear()
    try:
        yield aid
    finally:
        if db.default_engine.cache_info().currsize:
            db.default_engine().dispose()
        monkeypatch.delenv("INCLUSIEF_DATABASE_URL")
        clear()


def test_the_database_comes_from_the_environment(env_store: int, tmp_path: Path) -> None:
    out = tmp_path / "env.pdf"
    assert main(["report", "scan", "--assessment", str(env_store), "-o", str(out)]) == 0
    assert "Zorggroep Eë & Twee" in all_text(out.read_bytes())


def test_an_unknown_assessment_exits_2(
    finished: tuple[int, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    aid, url = finished
    out = tmp_path / "x.pdf"
    args = ["report", "scan", "--assessment", str(aid + 1000), "--database-url", url]
    assert main([*args, "-o", str(out)]) == 2
    assert f"assessment {aid + 1000} does not exist" in capsys.readouterr().err
    assert not out.exists()


def test_responses_and_assessment_exclude_each_other(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["report", "scan", "--responses", "r.csv", "--assessment", "1", "-o", "x.pdf"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["report", "scan", "--assessment", "een", "-o", "x.pdf"])
    assert exc.value.code == 2


def test_a_missing_or_empty_database_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    out = ["-o", str(tmp_path / "x.pdf")]
    missing = f"sqlite:///{tmp_path / 'nope.sqlite3'}"
    assert main(["report", "scan", "--assessment", "1", "--database-url", missing, *out]) == 2
    assert "the database file does not exist" in capsys.readouterr().err
    assert not (tmp_path / "nope.sqlite3").exists()  # nothing was created
    empty = tmp_path / "empty.sqlite3"
    sqlite3.connect(empty).close()
    url = f"sqlite:///{empty}"
    assert main(["report", "scan", "--assessment", "1", "--database-url", url, *out]) == 2
    assert "inclusief db upgrade" in capsys.readouterr().err
    assert main(["report", "scan", "--assessment", "1", "--database-url", "::", *out]) == 2
    assert "not an SQLAlchemy URL" in capsys.readouterr().err
