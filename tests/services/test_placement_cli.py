"""``inclusief placement ...``, ``inclusief followup due|signals`` and
``inclusief research retention`` against the test store."""

from __future__ import annotations

import json

import pytest

from inclusief.cli import main
from inclusief.services import access, organisations


@pytest.fixture
def cli_store(store, monkeypatch):
    import inclusief.cli.placement as cli_placement
    from inclusief.store import db

    monkeypatch.setattr(access, "store_of", lambda given=None: given or store)
    monkeypatch.setattr(cli_placement, "_ready", lambda: None)
    monkeypatch.setattr(db, "upgrade_database", lambda engine: None)
    monkeypatch.setattr(db, "default_engine", lambda: store.engine)
    return store


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_show_due_signals_end(cli_store, consultant, capsys) -> None:
    org = organisations.create_organisation(
        actor=consultant, name="Drukkerij", sector="industrie", size_class="10-49",
        region="Utrecht", store=cli_store,
    )  # fmt: skip
    code, out, err = run(
        capsys, "placement", "add", "--organisation", str(org.id), "--candidate", "D-4",
        "--start", "2026-01-05", "--contract", "bepaalde_tijd", "--hours", "20",
        "--route", "vso_pro", "--job-title", "Inpakker", "--scheme", "jobcoach_extern:2026-03-01",
        "--contract-end", "2026-03-01", "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    pid = json.loads(out)["id"]
    code, out, _ = run(capsys, "placement", "list", "--format", "json")
    assert [p["candidate_pseudonym"] for p in json.loads(out)] == ["D-4"]
    code, out, _ = run(
        capsys, "followup", "due", "--days", "7", "--today", "2026-01-13", "--format", "json"
    )
    due = json.loads(out)
    assert {(d["placement_id"], d["kind"], d["point"], d["due"]) for d in due} == {
        (pid, "worker", "w2", "2026-01-19"),
        (pid, "employer", "w2", "2026-01-19"),
    }
    code, out, _ = run(capsys, "followup", "signals", "--today", "2026-01-10", "--format", "json")
    signals = json.loads(out)
    assert [s["rule_id"] for s in signals] == [
        "contract_eindigt_zonder_besluit",
        "steun_stopt_binnenkort",
    ]
    assert (
        signals[0]["level"] == "urgent"
        and signals[0]["cause"] == "contract end 2026-03-01, no decision"
    )
    code, out, _ = run(capsys, "placement", "show", str(pid), "--today", "2026-01-10")
    assert "D-4 bij Drukkerij: Inpakker" in out and "[urgent]" in out
    code, out, _ = run(
        capsys, "placement", "end", str(pid), "--date", "2026-02-01", "--reason", "reizen"
    )
    assert code == 0
    code, out, _ = run(
        capsys, "research", "retention", "--format", "json", "--k", "1", "--today", "2026-06-01"
    )
    view = json.loads(out)
    assert view["n"] == 1 and view["groups"][0]["events"] == 1
    assert view["groups"][0]["estimates"][0]["survival"] is None  # 3 months > 27 days followed


def test_bad_input_exits_2_without_traceback(cli_store, consultant, capsys) -> None:
    code, _, err = run(capsys, "placement", "show", "999")
    assert code == 2 and "placement 999 does not exist" in err
    code, _, err = run(capsys, "followup", "due", "--days", "-1")
    assert code == 2 and "--days" in err
    code, _, err = run(capsys, "followup", "due", "--consultant", "nobody@example.nl")
    assert code == 2 and "no active consultant" in err
    with pytest.raises(SystemExit) as exc:
        main(["placement", "end", "1", "--date", "gisteren", "--reason", "overig"])
    assert exc.value.code == 2
