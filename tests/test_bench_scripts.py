"""The benchmark scripts: honest gaps, every save checked, docs written only on request, and
the scoring baselines (plain loop, masked numpy bound) computing the scorer's answers."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"


def _load(name: str) -> ModuleType:
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH))


def test_carving_unknown_gap_is_unknown_and_does_not_meet_the_goal() -> None:
    carving = _load("bench_carving")
    assert carving.gap_text(None) == "unknown"
    assert carving.gap_text(0.0) == "0.00%" and carving.gap_text(0.0123) == "1.23%"
    unknown = {"status": "feasible", "exact_s": 10.2, "gap": None}
    assert carving.large_goal_met(unknown) is False
    assert carving.large_goal_met({**unknown, "gap": 0.005}) is True
    assert carving.large_goal_met({**unknown, "gap": 0.02}) is False
    assert carving.large_goal_met({"status": "optimal", "exact_s": 3.0, "gap": None}) is True


def test_store_benchmark_checks_every_save() -> None:
    store = _load("bench_store")
    expected = {a: {f"i{k}": 1 + (a + k) % 5 for k in range(40)} for a in range(50)}
    stored = {a: dict(answers) for a, answers in expected.items()}
    assert store.check_saves(expected, stored) == 2000
    stored[37] = {k: v for k, v in stored[37].items() if k != "i12"}  # one save of 2,000 lost
    with pytest.raises(AssertionError, match="1 of 2000 saves lost or changed"):
        store.check_saves(expected, stored)
    stored = {a: dict(answers) for a, answers in expected.items()}
    stored[3]["i5"] = 9  # changed
    with pytest.raises(AssertionError, match="1 of 2000"):
        store.check_saves(expected, stored)


def test_every_script_writes_the_docs_only_with_the_flag() -> None:
    report = _load("_report")
    assert report.wants_docs([]) is False
    assert report.wants_docs(["--write-docs"]) is True
    for path in sorted(BENCH.glob("bench_*.py")):
        text = path.read_text(encoding="utf-8")
        calls = [m.start() for m in re.finditer(r"write_section\(", text)]
        assert calls, f"{path.name} never writes its section"
        for pos in calls:
            guard = text[:pos].rstrip().splitlines()[-1]
            assert re.search(r"if (args\.)?write_docs:$", guard.strip()), (path.name, guard)
        assert "--write-docs" in text, f"{path.name}: the flag is not documented"


def test_scoring_bench_without_flag_leaves_the_docs_alone() -> None:
    doc = ROOT / "docs" / "benchmarks.md"
    before = doc.read_bytes()
    result = subprocess.run(
        [sys.executable, "bench_scoring.py", "--n", "3000", "--sample", "500"],
        cwd=BENCH,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "plain per-row loop" in result.stdout and "masked numpy bound" in result.stdout
    assert doc.read_bytes() == before


def test_scoring_baselines_compute_the_scorers_answers() -> None:
    scoring = _load("bench_scoring")
    from inclusief.questionnaires.scoring import score

    q = scoring.synthetic_questionnaire()
    responses = scoring.synthetic_responses(3000, q, seed=3)
    x = responses.to_numpy()
    x[:50, :] = np.nan  # respondents without any answer
    x[50:100, :3] = np.nan  # one dimension below the minimum answered share
    responses.iloc[:, :] = x
    expected = score(questionnaire=q, responses=responses)["overall_index"].to_numpy()
    plain = np.array([np.nan if v is None else v for v in scoring.plain_loop_score(q, x.tolist())])
    np.testing.assert_allclose(plain, expected, atol=1e-9, equal_nan=True)
    np.testing.assert_allclose(scoring.masked_bound(q, x), expected, atol=1e-9, equal_nan=True)
    assert np.isnan(expected).any()
