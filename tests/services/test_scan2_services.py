"""Werkgeversscan 2.0 through the services (issue 20): the default version, stored versions,
the organisation's municipality and its regional advice, the admin's upload check."""

from __future__ import annotations

import pytest

from inclusief.errors import InputError, NotFound
from inclusief.questionnaires.regions import region_for
from inclusief.services import admin as admin_service
from inclusief.services import organisations
from inclusief.services import scan as scan_svc


def _org(store, consultant, municipality: str | None, name: str = "Bouwbedrijf De Steiger"):
    return organisations.create_organisation(
        actor=consultant,
        name=name,
        sector="bouw",
        size_class="10-49",
        region="Zuid-Holland",
        municipality=municipality,
        store=store,
    )


def test_a_municipality_is_stored_in_the_lists_own_spelling(store, consultant) -> None:
    org = _org(store, consultant, "den haag")
    assert org.municipality == "'s-Gravenhage"
    again = organisations.get_organisation(actor=consultant, organisation_id=org.id, store=store)
    assert again.municipality == "'s-Gravenhage"
    # namesakes need different municipalities (#15): other names here
    assert _org(store, consultant, None, "De Steiger Noord").municipality is None
    assert _org(store, consultant, "  ", "De Steiger Zuid").municipality is None


def test_an_unknown_municipality_is_refused_in_dutch_naming_the_field(store, consultant) -> None:
    with pytest.raises(InputError) as caught:
        _org(store, consultant, "Atlantis")
    (problem,) = caught.value.problems
    assert problem.field == "municipality"
    assert "gemeente: 'Atlantis' staat niet in de lijst" in problem.message


def test_a_new_assessment_is_2_0_and_its_answers_of_every_type_are_checked(
    store, consultant, new_scan
) -> None:
    made = new_scan(consultant, version=None)
    a = scan_svc.get_assessment(actor=consultant, assessment_id=made.assessment_id, store=store)
    assert (a.questionnaire_id, a.questionnaire_version) == ("werkgeversscan", "2.0")
    for item_id, value in {"ev_nu": 1, "ev_aantal": 12, "ev_vormen": 1 | 8, "in_vorm": 2}.items():
        scan_svc.save_answer(
            actor=consultant, assessment_id=a.id, item_id=item_id, value=value, store=store
        )
    for item_id, value in {"ev_nu": 2, "ev_aantal": 10_000, "ev_vormen": 32, "dr01": 3}.items():
        with pytest.raises(InputError):
            scan_svc.save_answer(
                actor=consultant, assessment_id=a.id, item_id=item_id, value=value, store=store
            )
    answers = scan_svc.answers_of(actor=consultant, assessment_id=a.id, store=store)
    assert answers == {"ev_nu": 1, "ev_aantal": 12, "ev_vormen": 9, "in_vorm": 2}


def test_a_stored_1_0_assessment_stays_1_0(store, consultant, new_scan) -> None:
    made = new_scan(consultant, version="1.0")
    scan_svc.save_answer(
        actor=consultant, assessment_id=made.assessment_id, item_id="dr01", value=4, store=store
    )
    result = scan_svc.assessment_result(
        actor=consultant, assessment_id=made.assessment_id, store=store
    )
    assert result.version == "1.0"
    assert scan_svc.get_questionnaire("werkgeversscan", "1.0", store=store).version == "1.0"
    assert scan_svc.get_questionnaire("werkgeversscan", store=store).version == "2.0"


def test_an_unknown_version_is_not_found(store) -> None:
    with pytest.raises(NotFound):
        scan_svc.get_questionnaire("werkgeversscan", "7.3", store=store)
    with pytest.raises(NotFound):
        scan_svc.get_questionnaire("geen_vragenlijst", store=store)


def test_the_result_names_the_employers_own_werkgeversservicepunt(
    store, consultant, new_scan, werkgeversscan2
) -> None:
    made = new_scan(consultant, version=None, municipality="Utrecht")
    for item in werkgeversscan2.scored_items:
        scan_svc.save_answer(
            actor=consultant,
            assessment_id=made.assessment_id,
            item_id=item.id,
            value=3,
            store=store,
        )
    result = scan_svc.assessment_result(
        actor=consultant, assessment_id=made.assessment_id, store=store
    )
    region = region_for("Utrecht")
    assert result.region == region.name
    last = result.advice[-1]
    assert last.kind == "region" and last.id == f"region.{region.number}"
    assert "UWV" in last.text
    without = new_scan(consultant, version=None)
    plain = scan_svc.assessment_result(
        actor=consultant, assessment_id=without.assessment_id, store=store
    )
    assert plain.region is None and all(line.kind != "region" for line in plain.advice)


def test_no_shipped_version_can_be_uploaded_again(store, admin) -> None:
    from importlib import resources

    folder = resources.files("inclusief.questionnaires") / "definitions"
    for name in ("werkgeversscan.yaml", "werkgeversscan@2.0.yaml"):  # 1.0 is not the newest
        text = (folder / name).read_text(encoding="utf-8")
        with pytest.raises(InputError, match="shipped already"):
            admin_service.upload_questionnaire(actor=admin, yaml_text=text, store=store)
