"""Werkgeversscan 2.0 (issue 20): versions, item types, content rules and the schemes."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from inclusief.errors import InputError
from inclusief.questionnaires import load as loader
from inclusief.questionnaires.charts import version_changes
from inclusief.questionnaires.load import load_shipped, shipped_versions
from inclusief.questionnaires.progress import check_answer
from inclusief.questionnaires.responses import parse_responses
from inclusief.questionnaires.scoring import score, score_one

V1 = load_shipped("werkgeversscan", "1.0")
V2 = load_shipped("werkgeversscan", "2.0")


def neutral_answers(q=V2, value: int = 3) -> dict[str, int | None]:
    """Every scored item at ``value``; factual items left open."""
    return {i.id: value for i in q.scored_items}


# -- versions ------------------------------------------------------------------------------
def test_both_versions_are_shipped_and_the_newest_is_the_default() -> None:
    assert shipped_versions("werkgeversscan") == ["1.0", "2.0"]
    assert V1.version == "1.0" and "dr01" in V1.item_ids and "dr01" not in V2.item_ids
    # newest by default: the app shows every item type of 2.0, so nothing is held back
    assert loader.default_version("pso_kwaliteit") == shipped_versions("pso_kwaliteit")[-1]
    assert loader.HELD_BACK == {}
    assert loader.default_version("werkgeversscan") == "2.0"
    assert load_shipped("werkgeversscan").version == "2.0"


def test_without_the_hold_the_default_is_the_newest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "HELD_BACK", {})
    assert loader.default_version("werkgeversscan") == "2.0"
    loader.load_shipped.cache_clear()
    try:
        assert load_shipped("werkgeversscan").version == "2.0"
    finally:
        loader.load_shipped.cache_clear()


def test_an_unknown_version_is_refused_with_the_shipped_ones_named() -> None:
    with pytest.raises(InputError, match=r"unknown version 3\.0 \(shipped: 1\.0, 2\.0\)"):
        load_shipped("werkgeversscan", "3.0")


def test_stored_1_0_answers_stay_scored_as_1_0() -> None:
    """Answers given in 1.0 are scored by the 1.0 definition (all 3 = the middle = 50 in
    every dimension, reverse-coded or not), and the 2.0 definition refuses them instead of
    misreading them."""
    answers = {i: 3 for i in V1.item_ids}
    result = score_one(questionnaire=V1, answers=answers)
    assert result.version == "1.0"
    assert [d.score for d in result.dimensions] == [50.0] * len(V1.dimensions)
    with pytest.raises(InputError, match="unknown item column"):
        score(questionnaire=V2, responses=pd.DataFrame([answers], dtype="float64"))


def test_the_mapping_names_items_that_measure_the_same_in_both_versions() -> None:
    assert V2.previous is not None and V2.previous.version == "1.0"
    assert V2.previous.note is not None
    assert len(V2.previous.items) >= 10
    for new, old in V2.previous.items.items():
        a, b = V2.item(new), V1.item(old)
        assert a.reverse == b.reverse, new  # same direction
        sa, sb = V2.scale(a.scale), V1.scale(b.scale)
        assert (sa.type, sa.codes) == (sb.type, sb.codes), new  # same answer codes
        assert V2.dimension(str(a.dimension)).id  # the item is scored in 2.0
        assert V2.is_scored(a)
    # the dimension scores are not comparable: their item sets changed
    assert V2.previous.dimensions == {}


def test_version_changes_marks_the_first_assessment_in_a_new_version() -> None:
    trend = pd.DataFrame(
        {
            "date": ["2025-03-01", "2025-03-01", "2026-02-01", "2026-02-01", "2026-09-01"],
            "dimension": ["Totaal", "Drijfveren"] * 2 + ["Totaal"],
            "score": [40.0, 50.0, 52.0, 61.0, 70.0],
            "version": ["1.0", "1.0", "2.0", "2.0", "2.0"],
        }
    )
    changes = version_changes(trend)
    assert changes[["when", "version_from", "version_to"]].values.tolist() == [
        ["01-02-2026", "1.0", "2.0"]
    ]
    assert version_changes(trend.drop(columns="version")).empty
    assert version_changes(trend.assign(version="2.0")).empty


# -- item types ----------------------------------------------------------------------------
def test_every_kind_of_item_is_in_2_0() -> None:
    kinds = {V2.scale(i.scale).type for i in V2.items}
    assert kinds == {"ordinal", "yesno", "number", "choice", "multi"}
    assert all(V2.scale(i.scale).type == "ordinal" for i in V2.scored_items)
    assert {i.id for i in V2.fact_items} >= {"ev_nu", "ev_aantal", "ev_vormen", "in_vorm"}


def test_factual_answers_do_not_move_the_scores() -> None:
    base = neutral_answers()
    facts = {
        "ev_nu": 1,
        "ev_aantal": 12,
        "ev_vormen": 1 + 8,
        "pl_doel": 0,
        "pl_eigenaar": 9,
        "in_aantal": 2,
        "in_vorm": 3,
    }
    a = score_one(questionnaire=V2, answers=base)
    b = score_one(questionnaire=V2, answers={**base, **facts})
    assert [d.score for d in a.dimensions] == [d.score for d in b.dimensions]
    assert a.overall_index == b.overall_index == 50.0
    by_item = {f.item: f for f in b.facts}
    assert by_item["ev_vormen"].answer == "Stage of leerwerkplek; Vast contract"
    assert by_item["ev_aantal"].answer == "12"
    assert by_item["pl_eigenaar"].answer == "Weet ik niet"
    assert by_item["wv_melden"].value is None and by_item["wv_melden"].answer is None


@pytest.mark.parametrize(
    ("item", "value", "message"),
    [
        ("ev_aantal", 10000, "a whole number 0-9999"),
        ("ev_aantal", 2.5, "a whole number 0-9999"),
        ("ev_vormen", 32, "a sum of 1, 2, 4, 8, 16"),
        ("ev_nu", 2, "0, 1, 9"),
        ("in_vorm", 5, "1, 2, 3, 4, 9, 8"),
        ("dv01", 7, "1, 2, 3, 4, 5, 9, 8"),
    ],
)
def test_values_off_an_item_type_are_refused_naming_item_and_what_is_allowed(
    item: str, value: float, message: str
) -> None:
    frame = pd.DataFrame([{item: value}], dtype="float64")
    with pytest.raises(InputError, match=re.escape(message)) as caught:
        score(questionnaire=V2, responses=frame, source="scan.csv")
    assert caught.value.problems[0].field == item
    with pytest.raises(InputError):
        check_answer(V2, item, value)  # type: ignore[arg-type]


def test_a_responses_file_takes_numbers_lists_and_niet_van_toepassing() -> None:
    table = pd.DataFrame(
        {
            "respondent_id": ["r1", "r2"],
            "ev_aantal": ["3", ""],
            "ev_vormen": ["6", "98"],
            "ev01": ["8", "4"],
        }
    )
    codes, _support = parse_responses(table, questionnaire=V2, file="r.csv")
    assert codes.loc["r1"].tolist() == [3.0, 6.0, 8.0]
    bad = table.assign(ev_vormen=["33", "1"])
    with pytest.raises(InputError, match="row 2.*ev_vormen|ev_vormen.*row 2"):
        parse_responses(bad, questionnaire=V2, file="r.csv")


def test_niet_van_toepassing_leaves_the_mean_and_the_count_of_items() -> None:
    """ervaring has 4 scored items (ev01-ev03, ev04 reversed). Two apply, answered 5 and 4:
    mean of (5-1)/4 and (4-1)/4 = 0.875 -> 87.5. Two of two applicable items are answered,
    so the 60% rule is met although only half of all four are."""
    answers = {"ev01": 5, "ev02": 4, "ev03": 8, "ev04": 8}
    result = score_one(questionnaire=V2, answers=answers)
    dim = result.dimension("ervaring")
    assert dim.score == 87.5
    assert (dim.answered, dim.not_applicable, dim.skipped, dim.dont_know) == (2, 2, 0, 0)
    all_na = score_one(questionnaire=V2, answers={i: 8 for i in ("ev01", "ev02", "ev03", "ev04")})
    assert all_na.dimension("ervaring").score is None
    assert all_na.not_applicable == 4


def test_weet_niet_counts_as_not_knowing_in_the_knowledge_dimension_and_the_result_says_so() -> (
    None
):
    """regelingen: 8 items on 1..5; weet niet (9) counts as 1. Four at 5 and four weet niet:
    (4 x 1 + 4 x 0) / 8 = 0.5 -> 50. Left out of the mean, as in 1.0, it would be 100."""
    kr = [i.id for i in V2.dimension("regelingen").items]
    answers = {**dict.fromkeys(kr[:4], 5), **dict.fromkeys(kr[4:], 9)}
    dim = score_one(questionnaire=V2, answers=answers).dimension("regelingen")
    assert dim.score == 50.0
    assert (dim.answered, dim.dont_know, dim.skipped) == (4, 4, 0)
    assert dim.note is not None and "weet ik niet" in dim.note
    assert "nooit van gehoord" in dim.note
    assert "nooit van gehoord" in str(V2.dimension("regelingen").description.nl).lower()
    # elsewhere weet niet stays out of the mean
    other = score_one(
        questionnaire=V2, answers={"dv01": 5, "dv02": 9, "dv03": 5, "dv04": 5, "dv05": 1}
    )
    assert other.dimension("drijfveren").score == 100.0
    assert other.dimension("drijfveren").note is None


def test_vectorised_scores_match_a_plain_loop_on_random_2_0_answers() -> None:
    """Exact arithmetic with all three kinds of missing: the vectorised scorer against a
    per-respondent loop written from the docs (1e-12)."""
    rng = np.random.default_rng(20)
    n = 400
    cols = {}
    for item in V2.scored_items:
        scale = V2.scale(item.scale)
        pool = [*scale.codes, *scale.missing_codes, np.nan]
        cols[item.id] = rng.choice(pool, size=n)
    frame = pd.DataFrame(cols)
    out = score(questionnaire=V2, responses=frame)
    for r in range(n):
        for dim in V2.dimensions:
            values, applicable = [], 0
            for item in dim.items:
                if not V2.is_scored(item):
                    continue
                scale = V2.scale(item.scale)
                x = frame.at[r, item.id]
                if scale.not_applicable and x == scale.not_applicable.code:
                    continue
                applicable += 1
                if np.isnan(x):
                    continue
                if scale.dont_know and x == scale.dont_know.code:
                    if scale.dont_know_scores_as is None:
                        continue
                    x = scale.dont_know_scores_as
                if item.reverse:
                    x = scale.min + scale.max - x
                values.append((x - scale.min) / (scale.max - scale.min))
            expected = (
                np.mean(values) * 100
                if values and len(values) >= V2.min_answered_share * applicable - 1e-9
                else np.nan
            )
            got = out.at[r, f"score_{dim.id}"]
            if np.isnan(expected):
                assert np.isnan(got), (r, dim.id)
            else:
                assert abs(got - expected) < 1e-12, (r, dim.id)


# -- content -------------------------------------------------------------------------------
def employer_texts(q=V2) -> list[tuple[str, str]]:
    """(where, Dutch text) of every employer-facing text."""
    out = [("description", q.description.nl)] if q.description else []
    out += [(f"glossary.{g.term.nl}", g.explanation.nl) for g in q.glossary]
    for dim in q.dimensions:
        if dim.description:
            out.append((f"{dim.id}.description", dim.description.nl))
        for band in dim.bands:
            if band.advice:
                out.append((f"{dim.id}.{band.id}", band.advice.nl))
        for item in dim.items:
            out.append((item.id, item.text.nl))
            if item.help:
                out.append((f"{item.id}.help", item.help.nl))
            if item.action:
                out.append((f"{item.id}.action", item.action.nl))
    out += [(f"rule.{r.id}", r.text.nl) for r in q.advice_rules]
    out += [(f"profile.{p.id}", p.advice.nl) for p in q.profiles if p.advice]
    if q.support_needs:
        out += [
            (f"support.{o.id}", f"{o.label.nl}. {o.next_step.nl}") for o in q.support_needs.options
        ]
    out += [(f"scale.{s.id}.note", s.dont_know_note.nl) for s in q.scales if s.dont_know_note]
    return out


def test_one_term_defined_at_the_start() -> None:
    first = V2.glossary[0]
    assert first.term.nl == "Mensen met een arbeidsbeperking"
    assert "doelgroepregister" in first.explanation.nl and "UWV" in first.explanation.nl
    assert "mensen met een arbeidsbeperking" in V2.description.nl  # type: ignore[union-attr]
    other_terms = re.compile(
        r"\bdoelgroep\b|afstand tot de arbeidsmarkt|mensen met een beperking|"
        r"arbeidshandicap|\bgehandicapt",
        re.IGNORECASE,
    )
    found = [(w, t) for w, t in employer_texts() if other_terms.search(t)]
    assert found == []


def test_items_speak_as_wij() -> None:
    first_person = re.compile(r"\b(ik|mij|mijn|me|u|uw)\b", re.IGNORECASE)
    assert [i.id for i in V2.items if first_person.search(i.text.nl)] == []
    assert sum(
        bool(re.search(r"\b(wij|ons|onze)\b", i.text.nl, re.I)) for i in V2.items
    ) >= 0.8 * len(V2.items)


NEGATIONS = re.compile(
    r"\b(niet|geen|nooit|niemand|niets|nergens|zonder|nauwelijks|onvoldoende|amper)\b",
    re.IGNORECASE,
)
# Reviewed exceptions: reverse-scored items whose negation word was reviewed and found not
# to make a double negative. Add an item here only with a reason beside it.
REVIEWED_NEGATIONS: set[str] = set()


def test_no_double_negatives_in_reverse_scored_items() -> None:
    """A reverse-scored item that holds a negation word makes a double negative on
    disagreement ("oneens met: wij doen X niet"). Only reviewed exceptions may."""
    offenders = [i.id for i in V2.scored_items if i.reverse and NEGATIONS.search(i.text.nl)]
    assert sorted(offenders) == sorted(REVIEWED_NEGATIONS)


def test_the_negation_check_catches_the_1_0_double_negatives() -> None:
    """The same check on 1.0 finds the reviewed double negatives of the issue."""
    found = {i.id for i in V1.items if i.reverse and NEGATIONS.search(i.text.nl)}
    assert {"bp06", "bg05"} <= found


def test_each_scored_dimension_has_at_least_as_many_positive_as_negative_items() -> None:
    for dim in V2.dimensions:
        scored = [i for i in dim.items if V2.is_scored(i)]
        negative = sum(i.reverse for i in scored)
        assert len(scored) - negative >= negative, dim.id


def test_the_new_themes_are_there() -> None:
    ids = {d.id for d in V2.dimensions}
    assert {"behoud", "cultuur", "intentie"} <= ids
    intention = V2.dimension("intentie")
    assert any("12 maanden" in i.text.nl for i in intention.items)
    assert any("praktijkverklaring" in i.text.nl for i in V2.dimension("behoud").items)
    assert any("inkoop" in i.text.nl.lower() for i in V2.dimension("beleid").items)


SCHEMES = {
    # scheme: (item, words its help text must hold)
    "no-riskpolis": ("kr01", ["Ziektewet", "vijf jaar", "twee jaar"]),
    "LKV doelgroep banenafspraak": ("kr02", ["doelgroepregister", "per gewerkt uur", "drie jaar"]),
    "Wajong loondispensatie": ("kr03", ["Wajong", "minder loon", "UWV"]),
    "interne jobcoach": ("kr04", ["eigen collega", "vergoeding"]),
    "UWV inclusief bedrijfsadvies": ("kr05", ["UWV", "taken", "gratis"]),
    "praktijkroute": ("kr06", ["gemeente", "werkplek", "minimumloon", "keuring door UWV"]),
    "proefplaatsing": (
        "kr07",
        ["twee maanden", "uitkering", "minstens zes maanden", "verzekering"],
    ),
}


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_every_scheme_has_a_correct_help_text_and_a_source(scheme: str) -> None:
    item_id, words = SCHEMES[scheme]
    item = V2.item(item_id)
    assert item.help is not None and item.help.en and item.source
    text = " ".join(item.help.nl.split())
    for word in words:
        assert word.lower() in text.lower(), (scheme, word)


def test_the_praktijkroute_needs_no_uwv_assessment_below_minimum_wage() -> None:
    text = " ".join(V2.item("kr06").help.nl.split())  # type: ignore[union-attr]
    assert "Is die lager dan het minimumloon? Dan komt de persoon in het doelgroepregister." in text
    assert "Een keuring door UWV is dan niet nodig." in text


def test_every_text_has_an_english_translation() -> None:
    for item in V2.items:
        assert item.text.en and item.text.en != item.text.nl, item.id
        if item.help:
            assert item.help.en and item.help.en != item.help.nl, item.id
        if V2.is_scored(item):
            assert item.action is not None and item.action.en, item.id
