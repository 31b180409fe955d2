"""Packages that fit people (issue #18): a demand cap, who fits each package, coherence in
words."""

from __future__ import annotations

from pathlib import Path

from test_optimise import cand, inv, task

from inclusief.cli import main
from inclusief.jobcarving.inventory import load_candidates, load_inventory
from inclusief.jobcarving.packages import derive_cap, effective_level, propose_packages

TASKS = Path(__file__).resolve().parents[2] / "data" / "tasks"


def test_effective_level_counts_one_allowed_accommodation():
    a = cand("a", 4, 8, capabilities={"tillen": 1}, accommodations=["tilhulp"])
    assert effective_level(a, "tillen") == 3  # the lifting aid lowers by 2
    b = cand("b", 4, 8, capabilities={"tillen": 1}, accommodations=[])
    assert effective_level(b, "tillen") == 1


def test_the_cap_is_the_median_candidate_and_tasks_above_it_are_left_over():
    people = [
        cand("a", 4, 8, capabilities={"tillen": 0}, accommodations=[]),
        cand("b", 4, 8, capabilities={"tillen": 1}, accommodations=[]),
        cand("c", 4, 8, capabilities={"tillen": 3}, accommodations=[]),
    ]
    assert derive_cap(people)["tillen"] == 1
    inventory = inv(
        [task("licht", 6, demands={"tillen": 1}), task("zwaar", 6, demands={"tillen": 3})]
    )
    proposal = propose_packages(inventory, target_hours=6, candidates=people)
    assert proposal.demand_cap["tillen"] == 1
    assert proposal.left_over == ["zwaar"] and "tillen" in proposal.reasons["zwaar"].nl
    [package] = proposal.packages
    assert [f.candidate for f in package.fits] == ["b", "c"]
    assert package.coherence_text is not None and "100%" in package.coherence_text.nl


def test_shipped_school_packages_fit_the_candidates_present():
    """Without a cap no example candidate fits any package (the issue's complaint); with the
    cap derived from them, every package has a demand profile within the cap and most
    packages fit at least one of them."""
    inventory = load_inventory(TASKS / "primair_onderwijs.yaml")
    people = load_candidates(TASKS / "kandidaten_voorbeeld.yaml", inventory)
    proposal = propose_packages(inventory, max_complexity=2, candidates=people)
    for p in proposal.packages:
        assert all(level <= proposal.demand_cap.get(d, 99) for d, level in p.profile.items())
        assert p.coherence_text is not None
    assert sum(1 for p in proposal.packages if p.fits) >= len(proposal.packages) - 1
    loose = propose_packages(inventory, max_complexity=2)
    assert loose.demand_cap == {} and all(not p.fits for p in loose.packages)


def test_cli_cap_and_fits(capsys):
    args = ["carve", "--tasks", str(TASKS / "primair_onderwijs.yaml"), "--packages"]
    cands = ["--candidates", str(TASKS / "kandidaten_voorbeeld.yaml")]
    assert main([*args, *cands, "--max-complexity", "2"]) == 0
    out = capsys.readouterr().out
    assert "Past bij: " in out and "samenhang:" in out.lower()
    assert main([*args, "--cap", "tillen=9"]) == 2
    assert "--cap" in capsys.readouterr().err
