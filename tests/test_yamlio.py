"""The one safe YAML loader: deep nesting, duplicate keys and non-finite numbers are refused
with a message naming the file and the line, in every command that reads a YAML file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from inclusief.cli import main
from inclusief.errors import InputError
from inclusief.yamlio import MAX_DEPTH, load_yaml, load_yaml_file

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "questionnaires" / "mini.yaml"
TASKS = ROOT / "data" / "tasks" / "primair_onderwijs.yaml"
CANDIDATES = ROOT / "data" / "tasks" / "kandidaten_voorbeeld.yaml"
DEEP = "a: " + "[" * 50_000 + "]" * 50_000 + "\n"


def _error(text: str) -> str:
    with pytest.raises(InputError) as info:
        load_yaml(text, file="f.yaml")
    return str(info.value)


def test_plain_yaml_loads_as_before() -> None:
    text = "a: 1\nb: [1.5, x]\nc: {d: null}\nk: &x {p: 1}\nl:\n  <<: *x\n  q: 2\n"
    assert load_yaml(text, file="f.yaml") == {
        "a": 1,
        "b": [1.5, "x"],
        "c": {"d": None},
        "k": {"p": 1},
        "l": {"p": 1, "q": 2},
    }


@pytest.mark.parametrize(
    "text",
    [
        DEEP,
        "a: " + "{b: " * 50_000 + "1" + "}" * 50_000 + "\n",
        "".join("  " * i + "a:\n" for i in range(5_000)),
        "a:\n" + "- " * 5_000 + "1\n",
    ],
    ids=["flow-lists", "flow-maps", "block-maps", "block-lists"],
)
def test_deep_nesting_is_refused_not_a_recursion_error(text: str) -> None:
    message = _error(text)
    assert message.startswith("f.yaml: line ")
    assert f"nested more than {MAX_DEPTH} levels deep" in message


def test_nesting_up_to_the_limit_is_fine() -> None:
    depth = MAX_DEPTH - 1
    assert load_yaml("[" * depth + "]" * depth, file="f.yaml") is not None


@pytest.mark.parametrize(
    ("text", "line", "key"),
    [
        ("weight: 1\nid: a\nweight: 2\n", 3, "weight"),
        ("dims:\n  - id: a\n    items: [x]\n    items: [y]\n", 4, "items"),
        ("1: a\n1: b\n", 2, "1"),
    ],
)
def test_a_key_given_twice_is_refused_naming_key_and_lines(text: str, line: int, key: str) -> None:
    message = _error(text)
    assert message.startswith(f"f.yaml: line {line}: key '{key}' is given twice (first on line")


@pytest.mark.parametrize("value", [".inf", "-.inf", ".Inf", "+.INF", ".nan", ".NaN", "1.0e+999"])
def test_non_finite_numbers_are_refused(value: str) -> None:
    message = _error(f"a: 1\nweight: {value}\n")
    assert message == (
        f"f.yaml: line 2: '{value}' is not a finite number (infinity and NaN are not allowed)"
    )


def test_malformed_yaml_and_missing_file(tmp_path: Path) -> None:
    assert "malformed YAML" in _error("a: [1, 2\n")
    with pytest.raises(InputError, match="file not found"):
        load_yaml_file(tmp_path / "nope.yaml")


def test_no_yaml_safe_load_left_in_the_core() -> None:
    """Every loader goes through inclusief.yamlio (one place for the checks)."""
    offenders = []
    for path in (ROOT / "inclusief").rglob("*.py"):
        if path.name == "yamlio.py":
            continue
        text = path.read_text(encoding="utf-8")
        if "yaml.safe_load(" in text or "yaml.load(" in text or "import yaml" in text:
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


# -- the commands: exit 2, a message naming the file, no traceback ------------------------------
def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


@pytest.fixture
def deep(tmp_path: Path) -> Path:
    path = tmp_path / "deep.yaml"
    path.write_text(DEEP, encoding="utf-8")
    return path


def test_commands_refuse_deep_yaml(deep: Path, tmp_path: Path, capsys) -> None:
    responses = tmp_path / "r.csv"
    responses.write_text("respondent_id,a1\nr1,1\n", encoding="utf-8")
    commands = [
        ["questionnaire", "validate", str(deep)],
        ["score", "-q", str(deep), str(responses)],
        ["export", "-q", str(deep), "--responses", str(responses), "-o", str(tmp_path / "o")],
        ["carve", "--tasks", str(deep), "--packages"],
        ["carve", "--tasks", str(TASKS), "--candidates", str(deep)],
    ]
    for argv in commands:
        err = _run(argv, capsys)
        assert f"{deep}: line 1: nested more than {MAX_DEPTH} levels deep" in err, argv


def test_questionnaire_weight_inf_and_duplicate_items_are_refused(tmp_path: Path, capsys) -> None:
    text = MINI.read_text(encoding="utf-8")
    assert "weight: 2" in text
    inf = tmp_path / "inf.yaml"
    inf.write_text(text.replace("weight: 2", "weight: .inf", 1), encoding="utf-8")
    err = _run(["questionnaire", "validate", str(inf)], capsys)
    assert f"{inf}: line" in err and "'.inf' is not a finite number" in err

    twice = tmp_path / "twice.yaml"
    twice.write_text(text.replace("weight: 2", "weight: 2\n    weight: 3", 1), encoding="utf-8")
    err = _run(["questionnaire", "validate", str(twice)], capsys)
    assert f"{twice}: line" in err and "key 'weight' is given twice" in err


def test_candidate_hourly_cost_inf_is_refused(tmp_path: Path, capsys) -> None:
    text = CANDIDATES.read_text(encoding="utf-8")
    bad = tmp_path / "kandidaten.yaml"
    bad.write_text(text.replace("hourly_cost_eur: 19.74", "hourly_cost_eur: .inf", 1), "utf-8")
    shutil.copy(TASKS, tmp_path / TASKS.name)
    err = _run(["carve", "--tasks", str(tmp_path / TASKS.name), "--candidates", str(bad)], capsys)
    assert f"{bad}: line" in err and "'.inf' is not a finite number" in err


def test_pydantic_models_refuse_non_finite_numbers_from_any_source() -> None:
    """Defence in depth for data that does not come from YAML (CSV, XLSX, code)."""
    from pydantic import ValidationError

    from inclusief.jobcarving.model import Candidate
    from inclusief.pso.inputs import Purchase
    from inclusief.questionnaires.model import Dimension

    with pytest.raises(ValidationError, match="finite"):
        Dimension.model_validate({"id": "d", "name": {"nl": "D", "en": "D"}, "weight": "inf"})
    with pytest.raises(ValidationError, match="finite"):
        Purchase(
            supplier="s",
            amount_eur=float("inf"),
            supplier_turnover_eur=1,
            supplier_fte=1,
            supplier_direct_pct=1,
        )
    fields = Candidate.model_fields["hourly_cost_eur"]
    assert any(getattr(m, "allow_inf_nan", None) is False for m in fields.metadata)


def test_pso_csv_refuses_inf(tmp_path: Path) -> None:
    """The shared number reader of every upload refuses inf and nan, naming the row."""
    from inclusief.numbers import read_column

    for text in ("inf", "nan", "-Infinity"):
        reading = read_column([text], file="inkoop.csv", column="amount_eur")
        assert reading.problems and reading.problems[0].where == "row 2", text
    assert read_column(["12,5"], file="x.csv", column="c", delimiter=";").values == [12.5]


def test_carve_time_limit_inf_is_refused(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["carve", "--tasks", str(TASKS), "--packages", "--target-hours", "inf"])
    assert info.value.code == 2
    assert "must be a finite number above 0, got inf" in capsys.readouterr().err
