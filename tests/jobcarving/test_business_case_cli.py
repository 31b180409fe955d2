"""Business case (hand-computed) and the ``inclusief carve`` command."""

from __future__ import annotations

import json

import pytest
import yaml
from test_optimise import cand, inv, role, task

from inclusief.cli import main
from inclusief.jobcarving.business_case import business_case
from inclusief.jobcarving.optimise import carve


def _instance():
    roles = [role("leerkracht", 60), role("concierge", 40)]
    tasks = [
        task("kopie", 6, role_id="leerkracht"),
        task("koffie", 4, role_id="concierge", demands={"tillen": 3}),
    ]
    return inv(tasks, roles), [cand("a", 10, 10, capabilities={"tillen": 1}, cost=20)]


def test_business_case_time_is_not_cash():
    """Sector 'test' has no pay rules in money.yaml: the time freed is shown (6 h leerkracht
    at EUR 60 and 4 h concierge at EUR 40: 6x60x52 + 4x40x52 = 18,720 + 8,320 = 27,040), but
    no wage cost and no net effect, and the case says why."""
    inventory, cands = _instance()
    result = carve(inventory, cands)
    case = business_case(inventory, result)
    job = case.jobs[0]
    assert job.value_eur == pytest.approx(27_040)
    assert [(r.role, r.hours_per_week, r.value_eur) for r in case.roles] == [
        ("leerkracht", 6, 18_720),
        ("concierge", 4, 8_320),
    ]
    assert case.roles[0].relieved_use.nl == "lesgeven"
    assert job.wage_cost_eur is None and job.net_cash_eur is None and case.net_cash_eur is None
    assert case.missing is not None and "'test'" in case.missing.nl
    assert job.accommodation_cost_eur == 400  # the lifting aid is still a cost


@pytest.fixture
def files(tmp_path):
    inventory, cands = _instance()
    tasks_file = tmp_path / "taken.yaml"
    tasks_file.write_text(
        yaml.safe_dump(inventory.model_dump(mode="json"), allow_unicode=True), encoding="utf-8"
    )
    cand_file = tmp_path / "kandidaten.yaml"
    cand_file.write_text(
        yaml.safe_dump({"candidates": [c.model_dump(mode="json") for c in cands]}),
        encoding="utf-8",
    )
    return tasks_file, cand_file


def test_cli_json_has_the_promised_fields(files, capsys):
    tasks_file, cand_file = files
    code = main(
        ["carve", "--tasks", str(tasks_file), "--candidates", str(cand_file), "--format", "json"]
    )
    assert code == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["status"] == "optimal" and doc["gap"] == 0
    assert doc["objective"] == {
        "jobs": 1,
        "hours": 10.0,
        "liked_hours": 0.0,
        "savings_eur": 16_240.0,
        "hours_per_year": 520.0,  # no calendar, sector 'test': 52 working weeks
        "hours_per_working_week": 10.0,
        "banen": 0.3922,  # 10 / 25.5
        "wish_deviation": 0.0,  # no wish given: the wish is hours_max (10)
    }
    job = doc["jobs"][0]
    assert job["candidate"] == "a" and sorted(job["tasks"]) == ["koffie", "kopie"]
    assert job["hours"] == 10 and job["savings_eur"] == 16_240
    assert job["accommodations"][0]["id"] == "tilhulp"
    placed = [e for es in job["schedule"].values() for e in es]  # blocks with clock times
    assert sum(e["hours"] for e in placed) == 10 and all(e["start"] and e["end"] for e in placed)
    assert doc["unassigned"] == []
    assert doc["business_case"]["value_eur"] == 27_040


def test_cli_text_in_dutch_and_english(files, capsys):
    tasks_file, cand_file = files
    assert main(["carve", "--tasks", str(tasks_file), "--candidates", str(cand_file)]) == 0
    out = capsys.readouterr().out
    assert "optimaal (bewezen)" in out and "Tijd die vrijkomt" in out and "€ 27.040" in out
    assert "geen bedrag" in out
    args = ["carve", "--tasks", str(tasks_file), "--candidates", str(cand_file), "--lang", "en"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "optimal (proven)" in out and "€27,040" in out


def test_cli_bad_file_exits_2_naming_file_path_and_field(files, tmp_path, capsys):
    tasks_file, cand_file = files
    data = yaml.safe_load(tasks_file.read_text(encoding="utf-8"))
    data["tasks"][1]["demands"]["tillen"] = 9
    data["tasks"][0]["hours_per_week"] = "veel"
    bad = tmp_path / "fout.yaml"
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")
    code = main(["carve", "--tasks", str(bad), "--candidates", str(cand_file)])
    err = capsys.readouterr().err
    assert code == 2
    assert "fout.yaml" in err and "tasks[0].hours_per_week" in err


def test_cli_unknown_level_and_missing_candidates(files, tmp_path, capsys):
    tasks_file, _ = files
    data = yaml.safe_load(tasks_file.read_text(encoding="utf-8"))
    data["tasks"][1]["demands"]["tillen"] = 9
    bad = tmp_path / "fout.yaml"
    bad.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert main(["carve", "--tasks", str(bad), "--packages"]) == 2
    assert "tasks[1].demands.tillen" in capsys.readouterr().err
    assert main(["carve", "--tasks", str(tasks_file)]) == 2
    assert "--candidates" in capsys.readouterr().err


def test_cli_packages(files, capsys):
    tasks_file, _ = files
    assert main(["carve", "--tasks", str(tasks_file), "--packages", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["target_hours"] == 25.5
    placed = [t for p in doc["packages"] for t in p["tasks"]] + doc["left_over"]
    assert sorted(placed) == ["koffie", "kopie"]


def test_shipped_school_inventory_and_candidates_carve_cleanly():
    """The shipped example: every answer respects every hard rule, is proven optimal, is not
    below greedy, and every task left with staff has at least one reason."""
    from pathlib import Path

    from inclusief.jobcarving.inventory import load_candidates, load_inventory
    from inclusief.jobcarving.optimise import build_problem, greedy_result
    from inclusief.jobcarving.verify import violations

    root = Path(__file__).resolve().parents[2] / "data" / "tasks"
    inventory = load_inventory(root / "primair_onderwijs.yaml")
    cands = load_candidates(root / "kandidaten_voorbeeld.yaml", inventory)
    result = carve(inventory, cands)
    assert result.status == "optimal"
    assert violations(inventory, cands, result) == []
    assert result.objective.jobs >= 5
    assert all(u.reasons for u in result.unassigned)
    greedy = greedy_result(build_problem(inventory, cands))
    assert result.objective.key() >= greedy.objective.key()
    case = business_case(inventory, result)
    assert case.hours_per_week == pytest.approx(result.objective.hours)
    assert case.net_cash_eur is not None and case.net_cash_eur < 0  # the jobs cost money
