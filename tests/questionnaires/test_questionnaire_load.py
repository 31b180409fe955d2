"""Loading questionnaire definitions: valid files load, bad files name file, path and problem."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from inclusief.errors import InputError
from inclusief.questionnaires.load import load_file, load_text, parse_questionnaire

MINI = Path(__file__).with_name("mini.yaml")


def mini() -> dict:
    return yaml.safe_load(MINI.read_text(encoding="utf-8"))


def messages(data: dict) -> list[str]:
    with pytest.raises(InputError) as info:
        parse_questionnaire(data, file="bad.yaml")
    return [str(p) for p in info.value.problems]


def test_mini_loads_and_items_know_their_dimension() -> None:
    q = load_file(MINI)
    assert q.item_ids == ["a1", "a2", "a3", "b1", "b2"]
    assert [i.dimension for i in q.items] == ["a", "a", "a", "b", "b"]
    assert q.min_answered_share == 0.6
    assert q.scale("eens5").dont_know is not None


def test_it_names_the_path_of_a_bad_reverse_flag() -> None:
    data = mini()
    data["dimensions"][1]["items"][1]["reverse"] = "maybe"
    (msg,) = messages(data)
    assert msg.startswith("bad.yaml: dimensions[1].items[1].reverse: ")
    assert "boolean" in msg


def test_it_reports_every_problem_in_one_go() -> None:
    data = mini()
    data["dimensions"][0]["items"][2]["colour"] = "red"
    data["dimensions"][1]["bands"][1]["min"] = 60
    data["dimensions"][1]["items"][0]["text"] = {"nl": "alleen Nederlands"}
    msgs = messages(data)
    assert "bad.yaml: dimensions[0].items[2].colour: unknown key (check the spelling)" in msgs
    assert any(m.startswith("bad.yaml: dimensions[1].bands: band 1 starts at 60") for m in msgs)
    assert "bad.yaml: dimensions[1].items[0].text.en: required but missing" in msgs
    assert len(msgs) == 3


def test_it_rejects_an_unknown_scale_with_its_path() -> None:
    data = mini()
    data["dimensions"][0]["items"][0]["scale"] = "agree7"
    assert messages(data) == [
        "bad.yaml: dimensions[0].items[0].scale: unknown scale 'agree7' (known: eens5)"
    ]


def test_it_rejects_duplicate_item_ids() -> None:
    data = mini()
    data["dimensions"][1]["items"][0]["id"] = "a1"
    assert messages(data) == ["bad.yaml: dimensions[1].items[0].id: item id 'a1' is used twice"]


def test_it_rejects_an_item_filed_under_the_wrong_dimension() -> None:
    data = mini()
    data["dimensions"][0]["items"][0]["dimension"] = "b"
    (msg,) = messages(data)
    assert msg.startswith("bad.yaml: dimensions[0]: ")
    assert "listed under 'a'" in msg


def test_bands_must_cover_0_to_100() -> None:
    data = mini()
    data["dimensions"][0]["bands"][-1]["max"] = 90
    assert messages(data) == ["bad.yaml: dimensions[0].bands: the last band must end at 100"]


def test_dont_know_code_may_not_be_an_answer_code() -> None:
    data = mini()
    data["scales"][0]["dont_know"]["code"] = 3
    (msg,) = messages(data)
    assert msg.startswith("bad.yaml: scales[0]: dont_know code 3")


def test_min_share_must_be_a_share() -> None:
    data = mini()
    data["min_answered_share"] = 1.5
    (msg,) = messages(data)
    assert msg.startswith("bad.yaml: min_answered_share: ")


def test_malformed_yaml_names_line_and_column() -> None:
    with pytest.raises(InputError) as info:
        load_text("id: x\ndimensions: [1,\n", file="broken.yaml")
    msg = str(info.value)
    assert msg.startswith("broken.yaml: line 3, column 1: malformed YAML")


def test_a_top_level_list_is_refused() -> None:
    with pytest.raises(InputError, match="must hold a mapping"):
        load_text("- 1\n- 2\n", file="list.yaml")


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        load_file(tmp_path / "nope.yaml")


def test_field_errors_and_reference_errors_are_reported_together() -> None:
    """A field error used to hide the cross-reference checks of the whole file."""
    data = mini()
    data["dimensions"][0]["items"][1]["reverse"] = "maybe"  # field error
    data["dimensions"][0]["items"][0]["scale"] = "agree7"  # unknown scale
    data["dimensions"][1]["items"][1]["id"] = "a3"  # duplicate item id
    data["dimensions"][1]["id"] = "a"  # duplicate dimension id
    msgs = messages(data)
    assert any(m.startswith("bad.yaml: dimensions[0].items[1].reverse: ") for m in msgs)
    assert "bad.yaml: dimensions[0].items[0].scale: unknown scale 'agree7' (known: eens5)" in msgs
    assert "bad.yaml: dimensions[1].items[1].id: item id 'a3' is used twice" in msgs
    assert "bad.yaml: dimensions[1].id: dimension id 'a' is used twice" in msgs
    assert len(msgs) == 4


def test_reference_errors_beside_a_dimension_level_error() -> None:
    """An item filed under the wrong dimension fails that dimension; the rest is still checked."""
    data = mini()
    data["dimensions"][0]["items"][0]["dimension"] = "b"
    data["dimensions"][1]["items"][0]["scale"] = "agree7"
    data["scales"].append(dict(data["scales"][0]))  # scale id used twice
    msgs = messages(data)
    assert any("listed under 'a'" in m for m in msgs)
    assert "bad.yaml: dimensions[1].items[0].scale: unknown scale 'agree7' (known: eens5)" in msgs
    assert "bad.yaml: scales[1].id: scale id 'eens5' is used twice" in msgs
    assert len(msgs) == 3


def test_reference_errors_are_not_reported_twice() -> None:
    data = mini()
    data["dimensions"][0]["items"][0]["scale"] = "agree7"
    assert len(messages(data)) == 1
    data["dimensions"][1]["weight"] = "heavy"  # a field error; the weight sum is not checked
    msgs = messages(data)
    assert len(msgs) == 2
    assert not any("weight above 0" in m for m in msgs)


def test_malformed_parts_do_not_break_the_raw_reference_check() -> None:
    data = mini()
    data["scales"] = "eens5"
    data["dimensions"][1] = ["not", "a", "mapping"]
    msgs = messages(data)
    assert any(m.startswith("bad.yaml: scales: ") for m in msgs)
    assert any(m.startswith("bad.yaml: dimensions[1]: ") for m in msgs)
    data["dimensions"][0]["items"][1]["id"] = "a1"
    msgs = messages(data)
    # the scales cannot be read, so items are not checked against them; ids still are
    assert not any("unknown scale" in m for m in msgs)
    assert "bad.yaml: dimensions[0].items[1].id: item id 'a1' is used twice" in msgs
