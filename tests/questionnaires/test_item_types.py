"""The questionnaire format's item types: every mistake is named with its place in the file."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from inclusief.errors import InputError
from inclusief.questionnaires.load import parse_questionnaire

LABEL = {"nl": "x", "en": "x"}
BANDS = [
    {"id": "laag", "min": 0, "max": 50, "label": LABEL},
    {"id": "hoog", "min": 50, "max": 100, "label": LABEL},
]
BASE: dict[str, Any] = {
    "id": "typen",
    "version": "1",
    "title": LABEL,
    "scales": [
        {
            "id": "eens",
            "options": [{"code": c, "label": LABEL} for c in range(1, 6)],
            "dont_know": {"code": 9, "label": LABEL},
            "not_applicable": {"code": 8, "label": LABEL},
        },
        {
            "id": "jn",
            "type": "yesno",
            "options": [{"code": 0, "label": LABEL}, {"code": 1, "label": LABEL}],
        },
        {"id": "getal", "type": "number", "range": {"min": 0, "max": 50}},
        {
            "id": "meer",
            "type": "multi",
            "options": [{"code": 1, "label": LABEL}, {"code": 2, "label": LABEL}],
        },
    ],
    "dimensions": [
        {
            "id": "a",
            "name": LABEL,
            "bands": BANDS,
            "items": [
                {"id": "a1", "text": LABEL, "scale": "eens"},
                {"id": "a2", "text": LABEL, "scale": "jn"},
                {"id": "a3", "text": LABEL, "scale": "getal"},
                {"id": "a4", "text": LABEL, "scale": "meer"},
            ],
        },
    ],
    "profiles": BANDS,
}


def messages(change) -> list[str]:  # type: ignore[no-untyped-def]
    data = copy.deepcopy(BASE)
    change(data)
    with pytest.raises(InputError) as caught:
        parse_questionnaire(data, file="t.yaml")
    return [str(p) for p in caught.value.problems]


def test_the_base_is_valid_and_only_the_ordinal_item_is_scored() -> None:
    q = parse_questionnaire(copy.deepcopy(BASE), file="t.yaml")
    assert [i.id for i in q.scored_items] == ["a1"]
    assert [i.id for i in q.fact_items] == ["a2", "a3", "a4"]
    assert q.scale("meer").max == 3 and q.scale("meer").label(3) == "x; x"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["scales"][1]["options"][1].update(code=2),
            "exactly the codes 0 (nee) and 1 (ja)",
        ),
        (lambda d: d["scales"][2].pop("range"), "a number scale needs a range"),
        (lambda d: d["scales"][3]["options"][1].update(code=3), "must be powers of two"),
        (lambda d: d["scales"][0]["not_applicable"].update(code=9), "need different codes"),
        (
            lambda d: d["scales"][0]["not_applicable"].update(code=2),
            "not_applicable code 2 is also an answer code",
        ),
        (lambda d: d["scales"][0].update(dont_know_scores_as=1), "needs a dont_know_note"),
        (
            lambda d: d["dimensions"][0]["items"][2].update(scored=True),
            "items[2].scored: a number item cannot be scored",
        ),
        (
            lambda d: d["dimensions"][0]["items"][0].update(scored=False),
            "at least one item must be scored",
        ),
        (
            lambda d: d.update(
                advice_rules=[{"id": "r", "when": [{"dimension": "zz", "min": 1}], "text": LABEL}]
            ),
            "advice_rules[0].when[0]: unknown dimension 'zz'",
        ),
        (
            lambda d: d.update(
                advice_rules=[
                    {
                        "id": "r",
                        "when": [{"dimension": "a", "min": 1}],
                        "text": LABEL,
                        "replaces": ["a.mid"],
                    }
                ]
            ),
            "unknown band advice 'a.mid'",
        ),
        (
            lambda d: d.update(previous={"version": "0", "items": {"nope": "x"}}),
            "previous.items: unknown item 'nope'",
        ),
    ],
)
def test_mistakes_are_named(change, expected: str) -> None:  # type: ignore[no-untyped-def]
    found = messages(change)
    assert any(expected in m for m in found), found
