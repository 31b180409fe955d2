"""Werkgeversscan 2.0 advice: combined rules (golden), no contradicting lines, top 3, region."""

from __future__ import annotations

import random

import pytest

from inclusief.errors import InputError
from inclusief.questionnaires.advice import plan_advice, work_points
from inclusief.questionnaires.load import load_shipped
from inclusief.questionnaires.scoring import score_one

Q = load_shipped("werkgeversscan", "2.0")
LEVEL = {"laag": 0, "midden": 50, "hoog": 100}


def answers_for(levels: dict[str, str], **facts: int) -> dict[str, int | None]:
    """Every scored item of a dimension at one level: 'hoog' = 100, 'midden' = 50,
    'laag' = 0 (reverse items answered the other way round); dimensions not named: 50."""
    out: dict[str, int | None] = {}
    for dim in Q.dimensions:
        target = LEVEL[levels.get(dim.id, "midden")]
        code = {0: 1, 50: 3, 100: 5}[target]
        for item in dim.items:
            if Q.is_scored(item):
                out[item.id] = 6 - code if item.reverse else code
    out.update(facts)
    return out


def ids(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [line.id for line in result.advice]


# -- golden: the combined rules ------------------------------------------------------------
def test_strong_drivers_with_weak_policy_get_one_line_about_policy() -> None:
    """The issue's example: Drijfveren high beside Beleid low. The rule replaces both band
    lines, so "use that strength" and "nothing on paper" do not stand side by side."""
    result = score_one(
        questionnaire=Q, answers=answers_for({"drijfveren": "hoog", "beleid": "laag"})
    )
    assert result.dimension("drijfveren").score == 100.0
    assert result.dimension("beleid").score == 0.0
    assert ids(result)[0] == "rule.wil_zonder_beleid"
    assert "drijfveren.hoog" not in ids(result) and "beleid.laag" not in ids(result)
    assert result.dimension("drijfveren").advice is None
    assert result.dimension("drijfveren").advice_replaced_by == "rule.wil_zonder_beleid"
    assert result.advice[0].text.startswith("Uw organisatie wil dit graag, maar het staat nog niet")
    assert "concreet" in result.advice[0].text


def test_strong_drivers_with_policy_in_place_keep_their_band_advice() -> None:
    result = score_one(
        questionnaire=Q, answers=answers_for({"drijfveren": "hoog", "beleid": "hoog"})
    )
    assert "rule.wil_zonder_beleid" not in ids(result)
    assert {"drijfveren.hoog", "beleid.hoog"} <= set(ids(result))
    assert result.dimension("drijfveren").advice is not None


@pytest.mark.parametrize(
    ("levels", "facts", "rule", "replaced"),
    [
        (
            {"beleid": "hoog", "cultuur": "laag"},
            {},
            "beleid_zonder_cultuur",
            ["beleid.hoog", "cultuur.laag"],
        ),
        (
            {"ervaring": "hoog", "behoud": "laag"},
            {},
            "ervaring_zonder_behoud",
            ["ervaring.hoog", "behoud.laag"],
        ),
        (
            {"ervaring": "hoog", "vertrouwen": "laag"},
            {},
            "ervaring_met_zorgen",
            ["ervaring.hoog", "vertrouwen.laag"],
        ),
        (
            {"intentie": "hoog", "regelingen": "laag"},
            {},
            "plannen_zonder_kennis",
            ["regelingen.laag"],
        ),
        ({"intentie": "hoog", "werving": "laag"}, {}, "plannen_zonder_werving", ["werving.laag"]),
        ({"vertrouwen": "laag"}, {"ev_vormen": 98}, "zorgen_zonder_ervaring", ["vertrouwen.laag"]),
        ({}, {"pl_doel": 1, "wv_melden": 0}, "doel_zonder_melding", []),
        (
            {"beleid": "hoog", "cultuur": "hoog", "ervaring": "hoog", "behoud": "hoog"},
            {},
            "goed_voorbeeld",
            [],
        ),
    ],
)
def test_golden_combined_rules(levels, facts, rule, replaced) -> None:  # type: ignore[no-untyped-def]
    result = score_one(questionnaire=Q, answers=answers_for(levels, **facts))
    assert f"rule.{rule}" in ids(result)
    for band in replaced:
        assert band not in ids(result)
        dim = result.dimension(band.split(".")[0])
        assert dim.advice is None and dim.advice_replaced_by == f"rule.{rule}"


def test_a_fact_rule_needs_its_facts() -> None:
    assert "rule.doel_zonder_melding" not in ids(
        score_one(questionnaire=Q, answers=answers_for({}, pl_doel=1, wv_melden=1))
    )
    assert "rule.doel_zonder_melding" not in ids(
        score_one(questionnaire=Q, answers=answers_for({}, pl_doel=1))  # wv_melden skipped
    )
    # worries without experience: only when the employer never did any form of placement
    assert "rule.zorgen_zonder_ervaring" not in ids(
        score_one(questionnaire=Q, answers=answers_for({"vertrouwen": "laag"}, ev_vormen=2))
    )


def test_showing_others_waits_until_support_is_in_place() -> None:
    levels = {"beleid": "hoog", "cultuur": "hoog", "ervaring": "hoog", "behoud": "hoog"}
    assert "rule.goed_voorbeeld" not in ids(
        score_one(questionnaire=Q, answers=answers_for({**levels, "begeleiding": "laag"}))
    )


# -- no two lines contradict each other ----------------------------------------------------
def test_no_two_lines_contradict_each_other_on_many_profiles() -> None:
    """Random profiles (seeded) over every dimension, including missing scores and the
    factual answers the rules use: the chosen lines never hold a conflicting pair of tags,
    and a band line never has to give way: the rules replace every band advice they would
    contradict. Only the most general line (the profile) or a later rule may give way, the
    latter only when answers contradict each other (never placed anyone, yet much
    experience)."""
    conflicts = {frozenset(pair) for pair in Q.advice_conflicts}
    states = [None, 15.0, 45.0, 60.0, 75.0, 95.0]
    rng = random.Random(20)
    fact_options = [
        {},
        {"ev_vormen": 98, "ev_nu": 0},
        {"pl_doel": 1, "wv_melden": 0},
        {"ev_vormen": 98, "pl_doel": 1, "wv_melden": 0},
    ]
    for _ in range(4000):
        scores = {d.id: rng.choice(states) for d in Q.dimensions}
        known = [s for s in scores.values() if s is not None]
        overall = sum(known) / len(known) if known else None
        plan = plan_advice(Q, scores=scores, answers=rng.choice(fact_options), overall=overall)
        tags = [t for line in plan.lines for t in line.tags]
        assert not any(frozenset((a, b)) in conflicts for a in tags for b in tags), plan
        assert all(g.startswith(("profile.", "rule.")) for g in plan.given_way), plan.given_way
        assert not set(plan.replaced) & {line.id for line in plan.lines}


def test_showing_others_lives_in_one_rule_that_conflicts_with_missing_basics() -> None:
    """No band advice tells other employers about your approach (the issue's Drijfveren 71
    line); one rule does, and its tag conflicts with every 'basics missing' line."""
    drijfveren_hoog = Q.band("drijfveren", "hoog")
    beleid_laag = Q.band("beleid", "laag")
    assert "fundament" in beleid_laag.tags
    assert "uitdragen" not in drijfveren_hoog.tags  # showing others lives in one rule only
    rule = next(r for r in Q.advice_rules if r.id == "goed_voorbeeld")
    assert "uitdragen" in rule.tags
    assert ("uitdragen", "fundament") in Q.advice_conflicts


# -- top 3 -----------------------------------------------------------------------------------
def test_top_3_comes_from_the_weakest_items_not_only_dimensions() -> None:
    """All items at 'Eens' (75) except three: cu05 (reverse) answered 5 -> 0, sp02 answered
    2 -> 25, kr03 weet niet -> counts as 'nooit van gehoord' = 0. The tie at 0 goes to the
    item whose dimension scores lower: cultuur (4 x 75 + 0) / 5 = 60 before regelingen
    (7 x 75 + 0) / 8 = 65.625. So cu05, then kr03, then sp02."""
    answers: dict[str, int | None] = {}
    for item in Q.scored_items:
        answers[item.id] = 2 if item.reverse else 4
    answers.update({"cu05": 5, "sp02": 2, "kr03": 9})
    result = score_one(questionnaire=Q, answers=answers)
    assert result.dimension("cultuur").score == 60.0
    assert result.dimension("regelingen").score == 65.625
    top = result.work_points
    assert [(p.item, p.value) for p in top] == [("cu05", 0.0), ("kr03", 0.0), ("sp02", 25.0)]
    assert top[0].action == Q.item("cu05").action.nl  # type: ignore[union-attr]
    assert top[0].dimension_name == "Cultuur"


def test_top_3_leaves_out_skipped_and_not_applicable_and_items_at_the_top() -> None:
    answers: dict[str, int | None] = {i.id: (1 if i.reverse else 5) for i in Q.scored_items}
    answers.update({"ev01": 8, "dv01": None, "wv01": 4})
    points = work_points(Q, answers=answers, scores={})
    assert [p.item for p in points] == ["wv01"]


# -- the regional route ----------------------------------------------------------------------
def test_the_advice_names_the_employers_own_werkgeversservicepunt() -> None:
    result = score_one(questionnaire=Q, answers=answers_for({}), municipality="Apeldoorn")
    assert result.region == "Stedendriehoek en Noordwest Veluwe"
    line = result.advice[-1]
    assert line.kind == "region" and line.id == "region.11"
    assert "werkgeversservicepunt van de regio Stedendriehoek en Noordwest Veluwe" in line.text
    assert "werkgeverslijn.nl" in line.text and "UWV" in line.text
    en = score_one(questionnaire=Q, answers=answers_for({}), municipality="Apeldoorn", lang="en")
    assert "werkgeversservicepunt of region Stedendriehoek" in en.advice[-1].text


def test_an_unknown_municipality_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="unknown municipality 'Atlantis'"):
        score_one(questionnaire=Q, answers={}, municipality="Atlantis")
