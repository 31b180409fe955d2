"""Every early-warning rule, one by one: what sets it off, what does not, and its cause."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inclusief.errors import InputError
from inclusief.followup.codes import read_yaml
from inclusief.followup.model import (
    CheckinFacts,
    EventFacts,
    HoursChange,
    PlacementFacts,
    SchemeUse,
)
from inclusief.followup.signals import evaluate, parse_rules, rulebook
from inclusief.questionnaires.load import load_shipped

START = date(2026, 3, 2)
WORKER = load_shipped("followup_werknemer")
EMPLOYER = load_shipped("followup_werkgever")
GOOD_WORKER = {i: 3 for i in WORKER.item_ids} | {"wn_ruzie": 1}
GOOD_EMPLOYER = {i: 5 for i in EMPLOYER.item_ids} | {
    "wg_last": 1, "wg_conflict": 1, "wg_verzuim": 1, "wg_veranderingen": 1, "wg_steun_stopt": 1,
}  # fmt: skip


def checkin(cid: int, respondent: str, answers: dict, on: date, point: str = "w2", overall=None):
    q = WORKER if respondent == "worker" else EMPLOYER
    return CheckinFacts(cid, point, respondent, q, answers, on, overall)  # type: ignore[arg-type]


def quiet(**extra) -> PlacementFacts:
    """A placement with both check-ins of every point up to 'today' done and good."""
    base = PlacementFacts(
        id=1,
        start=START,
        hours=24,
        checkins=(
            checkin(1, "worker", GOOD_WORKER, START + timedelta(days=14), overall=100.0),
            checkin(2, "employer", GOOD_EMPLOYER, START + timedelta(days=14), overall=100.0),
        ),
    )
    return replace(base, **extra)


TODAY = START + timedelta(days=20)


def rule_ids(facts: PlacementFacts, today: date = TODAY) -> list[str]:
    return [s.rule_id for s in evaluate(facts, today)]


def test_a_quiet_placement_has_no_signals() -> None:
    assert rule_ids(quiet()) == []


def with_worker(**answers) -> PlacementFacts:
    return quiet(
        checkins=(
            checkin(1, "worker", GOOD_WORKER | answers, START + timedelta(days=14)),
            quiet().checkins[1],
        )
    )


def with_employer(**answers) -> PlacementFacts:
    return quiet(
        checkins=(
            quiet().checkins[0],
            checkin(2, "employer", GOOD_EMPLOYER | answers, START + timedelta(days=14)),
        )
    )


@pytest.mark.parametrize(
    ("answers", "fires", "level"),
    [
        ({"wn_energie": 1}, "weinig_energie", "zorg"),
        ({"wn_gezond": 1}, "gezondheid_matig", "aandacht"),
        ({"wn_ruzie": 3}, "conflict_werknemer", "zorg"),
        ({"wn_blijven": 1}, "wil_niet_blijven", "zorg"),
        ({"wn_reizen": 1}, "reizen_lastig", "aandacht"),
    ],
)
def test_worker_answer_rules(answers, fires, level) -> None:
    found = evaluate(with_worker(**answers), TODAY)
    assert [(s.rule_id, s.level) for s in found] == [(fires, level)]
    ((item, code),) = answers.items()
    assert found[0].cause == f"checkin 1: {item} = {code}"
    assert found[0].cause_kind == "answer" and found[0].on == START + timedelta(days=14)
    assert WORKER.item(item).text.nl in found[0].explanation


@pytest.mark.parametrize(
    ("answers", "fires", "level"),
    [
        ({"wg_doorgaan": 1}, "werkgever_stopt_waarschijnlijk", "urgent"),
        ({"wg_doorgaan": 2}, "werkgever_stopt_waarschijnlijk", "urgent"),
        ({"wg_doorgaan": 3}, "werkgever_twijfelt", "zorg"),
        ({"wg_steun_stopt": 4}, "werkgever_meldt_einde_steun", "aandacht"),
        ({"wg_conflict": 4}, "conflict_werkgever", "zorg"),
        ({"wg_veranderingen": 5}, "veranderingen_op_komst", "aandacht"),
        ({"wg_verzuim": 4}, "verzuim_stijgt", "aandacht"),
        ({"wg_last": 4}, "begeleiding_zwaar", "aandacht"),
        ({"wg_aanspreekpunt": 2}, "geen_vaste_collega", "aandacht"),
    ],
)
def test_employer_answer_rules(answers, fires, level) -> None:
    found = evaluate(with_employer(**answers), TODAY)
    assert [(s.rule_id, s.level) for s in found] == [(fires, level)]
    assert found[0].cause.startswith("checkin 2: ")


def test_answers_just_inside_the_threshold_do_not_fire() -> None:
    assert rule_ids(with_employer(wg_doorgaan=4, wg_conflict=3, wg_aanspreekpunt=3)) == []
    assert rule_ids(with_worker(wn_energie=2, wn_ruzie=2, wn_reizen=2)) == []


def test_dont_know_and_skipped_never_fire() -> None:
    assert rule_ids(with_employer(wg_doorgaan=9)) == []
    assert rule_ids(with_worker(wn_energie=None)) == []


def test_only_the_latest_checkin_counts() -> None:
    worse = checkin(1, "worker", GOOD_WORKER | {"wn_energie": 1}, START + timedelta(days=14))
    better = checkin(3, "worker", GOOD_WORKER, START + timedelta(days=42), point="w6")
    facts = quiet(checkins=(worse, better, quiet().checkins[1]))
    assert rule_ids(facts, START + timedelta(days=43)) == []
    # ... and not a check-in finished after 'today'
    assert "weinig_energie" in rule_ids(facts, START + timedelta(days=20))


def test_low_worker_score() -> None:
    facts = quiet(
        checkins=(
            checkin(1, "worker", GOOD_WORKER, START + timedelta(days=14), overall=45.0),
            quiet().checkins[1],
        )
    )
    (sig,) = evaluate(facts, TODAY)
    assert sig.rule_id == "werknemer_score_laag" and "45 van 100" in sig.explanation
    facts50 = replace(facts, checkins=(replace(facts.checkins[0], overall=50.0), facts.checkins[1]))
    assert rule_ids(facts50) == []


def test_falling_hours() -> None:
    day = START + timedelta(days=18)
    (sig,) = evaluate(quiet(hours_changes=(HoursChange(day, 16),)), TODAY)
    assert sig.rule_id == "uren_dalen" and sig.level == "zorg"
    assert sig.explanation == "De uren gingen van 24 naar 16 per week (sinds 20-03-2026)."
    assert sig.cause == "hours 24 -> 16 on 2026-03-20"
    # a drop of less than 20 % (24 -> 20) or a change after 'today' does not fire
    assert rule_ids(quiet(hours_changes=(HoursChange(day, 20),))) == []
    assert rule_ids(quiet(hours_changes=(HoursChange(TODAY + timedelta(days=1), 8),))) == []
    # 24 -> 19.2 is exactly 20 %
    assert rule_ids(quiet(hours_changes=(HoursChange(day, 19.2),))) == ["uren_dalen"]


def test_missed_checkins() -> None:
    nothing = quiet(checkins=())
    # w2 is due on day 14 and missed after 14 more days
    assert rule_ids(nothing, START + timedelta(days=28)) == []
    (one,) = evaluate(nothing, START + timedelta(days=29))
    assert (
        one.rule_id == "checkin_gemist"
        and one.explanation == "De check-in van 2 weken is niet gedaan."
    )
    (two,) = evaluate(nothing, START + timedelta(days=42 + 15))
    assert two.rule_id == "checkins_gemist" and two.level == "zorg"
    assert two.explanation == "2 check-ins zijn niet gedaan: 2 weken, 6 weken."
    # a later done check-in supersedes the earlier missed one
    later = quiet(checkins=(checkin(5, "worker", GOOD_WORKER, START + timedelta(days=43), "w6"),))
    assert rule_ids(later, START + timedelta(days=44)) == []


def test_support_ends_within_three_months() -> None:
    soon = quiet(schemes=(SchemeUse("jobcoach_extern", TODAY + timedelta(days=91)),))
    (sig,) = evaluate(soon, TODAY)
    assert sig.rule_id == "steun_stopt_binnenkort" and "Jobcoach (extern)" in sig.explanation
    assert (
        rule_ids(quiet(schemes=(SchemeUse("jobcoach_extern", TODAY + timedelta(days=92)),))) == []
    )
    # just ended counts as well; a scheme that is no support (no-riskpolis) never does
    assert rule_ids(
        quiet(schemes=(SchemeUse("loonkostensubsidie", TODAY - timedelta(days=10)),))
    ) == ["steun_stopt_binnenkort"]
    assert rule_ids(quiet(schemes=(SchemeUse("no_riskpolis", TODAY + timedelta(days=5)),))) == []
    assert rule_ids(quiet(schemes=(SchemeUse("jobcoach_intern", None),))) == []


def test_contract_end_without_decision() -> None:
    end = TODAY + timedelta(days=61)
    (sig,) = evaluate(quiet(contract_end=end), TODAY)
    assert sig.rule_id == "contract_eindigt_zonder_besluit" and sig.level == "urgent"
    assert "over 61 dagen" in sig.explanation
    assert rule_ids(quiet(contract_end=end + timedelta(days=1))) == []
    assert rule_ids(quiet(contract_end=end, decision="vast")) == []
    (past,) = evaluate(quiet(contract_end=TODAY - timedelta(days=3)), TODAY)
    assert "liep af" in past.explanation


def test_recorded_events() -> None:
    conflict = EventFacts(7, "conflict", TODAY - timedelta(days=2), "Ruzie in de kantine")
    (sig,) = evaluate(quiet(events=(conflict,)), TODAY)
    assert sig.rule_id == "conflict_gemeld" and sig.cause.startswith("event 7: conflict")
    assert "Ruzie in de kantine" in sig.explanation
    old = replace(conflict, on=TODAY - timedelta(days=61))
    assert rule_ids(quiet(events=(old,))) == []
    for kind in ("leidinggevende_wisselt", "reorganisatie", "taken_veranderen"):
        assert rule_ids(quiet(events=(EventFacts(8, kind, TODAY, ""),))) == ["verandering_gemeld"]
    assert rule_ids(quiet(events=(EventFacts(9, "verzuim", TODAY, ""),))) == ["verzuim_gemeld"]


def test_order_keys_closing_and_ended_placements() -> None:
    facts = with_employer(wg_doorgaan=1, wg_verzuim=5)
    facts = replace(facts, hours_changes=(HoursChange(TODAY, 10),))
    found = evaluate(facts, TODAY)
    assert [s.level for s in found] == ["urgent", "zorg", "aandacht"]
    assert evaluate(facts, TODAY) == found  # deterministic
    closed = {found[0].key}
    assert [s.rule_id for s in evaluate(facts, TODAY, closed=closed)] == [
        "uren_dalen",
        "verzuim_stijgt",
    ]
    assert evaluate(replace(facts, end=TODAY), TODAY) == []
    assert (
        evaluate(facts, TODAY, lang="en")[0].title == "Employer probably does not want to continue"
    )


def test_every_rule_has_rationale_and_source() -> None:
    for rule in rulebook().rules:
        assert rule.source and rule.rationale.nl and rule.rationale.en


def test_bad_rules_file_names_the_rule_and_field() -> None:
    data = read_yaml("signals.yaml")
    data["rules"][0]["item"] = "wg_bestaat_niet"
    data["rules"][3]["schemes"] = ["geld"]
    data["rules"][4]["id"] = data["rules"][5]["id"]
    with pytest.raises(InputError) as err:
        parse_rules(data)
    text = str(err.value)
    assert "rules[0]: field 'item': unknown item 'wg_bestaat_niet'" in text
    assert "rules[3]: field 'schemes': unknown scheme 'geld'" in text
    assert "is used twice" in text
    data = read_yaml("signals.yaml")
    del data["rules"][0]["value"]
    with pytest.raises(InputError, match="needs: value"):
        parse_rules(data)


def _scale_codes(q, item_id):
    scale = q.scale(q.item(item_id).scale)
    return [*scale.codes, scale.dont_know.code, None]


@given(
    worker=st.fixed_dictionaries(
        {i: st.sampled_from(_scale_codes(WORKER, i)) for i in WORKER.item_ids}
    ),
    employer=st.fixed_dictionaries(
        {i: st.sampled_from(_scale_codes(EMPLOYER, i)) for i in EMPLOYER.item_ids}
    ),
    hours=st.floats(min_value=1, max_value=40),
    days=st.integers(min_value=0, max_value=800),
)
def test_signals_are_deterministic_ordered_and_explained(worker, employer, hours, days) -> None:
    facts = quiet(
        checkins=(
            checkin(1, "worker", worker, START + timedelta(days=14)),
            checkin(2, "employer", employer, START + timedelta(days=14)),
        ),
        hours_changes=(HoursChange(START + timedelta(days=15), hours),),
        schemes=(SchemeUse("jobcoach_extern", START + timedelta(days=200)),),
    )
    today = START + timedelta(days=15 + days)
    found = evaluate(facts, today)
    assert found == evaluate(facts, today)
    assert len({s.key for s in found}) == len(found)
    assert [s.rank for s in found] == sorted((s.rank for s in found), reverse=True)
    rules = {r.id: r for r in rulebook().rules}
    for s in found:
        rule = rules[s.rule_id]
        assert s.explanation and "{" not in s.explanation
        if rule.kind == "answer":
            code = (worker if rule.respondent == "worker" else employer)[rule.item]
            assert code is not None and code != 9
            assert {"le": code <= rule.value, "ge": code >= rule.value, "eq": code == rule.value}[
                rule.op
            ]
