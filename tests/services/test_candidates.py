"""Stored candidates: role checks, capability levels with source, consent, AVG delete,
the conversion to the carving engine's candidate, and bad input naming the field."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from inclusief.errors import AccessDenied, InputError
from inclusief.jobcarving.model import SLOTS
from inclusief.services import candidates, invitations
from inclusief.services.access import EmployerSession
from inclusief.store.tables import AuditEntry, CandidateConsent


def _new(store, actor, **extra) -> int:
    values = dict(
        pseudonym="Kandidaat Noor",
        hours_min=12,
        hours_max=20,
        slots=["ma-ochtend", "di-ochtend", "wo-ochtend"],
        likes=["schoonmaken", "taak:kopieren"],
        dislikes=["computer"],
        hourly_cost_eur=19.74,
    )
    values.update(extra)
    return candidates.create_candidate(actor=actor, store=store, **values)


def _fields(exc: pytest.ExceptionInfo[InputError]) -> list[str | None]:
    return [p.field for p in exc.value.problems]


def test_a_consultant_sees_only_their_own_candidates(store, consultant, other_consultant) -> None:
    cid = _new(store, consultant)
    assert [c.id for c in candidates.list_candidates(actor=consultant, store=store)] == [cid]
    assert candidates.list_candidates(actor=other_consultant, store=store) == []
    for call in (
        lambda: candidates.get_candidate(actor=other_consultant, candidate_id=cid, store=store),
        lambda: candidates.update_candidate(
            actor=other_consultant, candidate_id=cid, hours_max=30, store=store
        ),
        lambda: candidates.delete_candidate(actor=other_consultant, candidate_id=cid, store=store),
        lambda: candidates.engine_candidates(
            actor=other_consultant, candidate_ids=[cid], store=store
        ),
    ):
        with pytest.raises(AccessDenied):
            call()


def test_researchers_admins_and_employers_get_no_candidate(
    store, consultant, researcher, admin, new_scan
) -> None:
    cid = _new(store, consultant)
    scan = new_scan(consultant, name="Basisschool De Linde")
    token = invitations.create_invitation(
        actor=consultant, assessment_id=scan.assessment_id, store=store
    )
    employer = invitations.open_by_token(token, store=store)
    for actor in (researcher, admin, employer):
        with pytest.raises(AccessDenied):
            candidates.get_candidate(actor=actor, candidate_id=cid, store=store)
    # without consent (b) naming this employer: no summary either
    with pytest.raises(AccessDenied):
        candidates.employer_fit_summary(actor=employer, candidate_id=cid, store=store)
    candidates.record_consent(
        actor=consultant,
        candidate_id=cid,
        kind="employer_summary",
        employer="Een andere school",
        store=store,
    )
    with pytest.raises(AccessDenied):
        candidates.employer_fit_summary(actor=employer, candidate_id=cid, store=store)
    candidates.set_capability(
        actor=consultant,
        candidate_id=cid,
        dimension="tillen",
        level=1,
        source="FML 12-03-2026, verzekeringsarts",
        store=store,
    )
    candidates.record_consent(
        actor=consultant,
        candidate_id=cid,
        kind="employer_summary",
        employer="Basisschool De Linde",
        store=store,
    )
    summary = candidates.employer_fit_summary(actor=employer, candidate_id=cid, store=store)
    assert summary.pseudonym == "Kandidaat Noor" and summary.hours_max == 20
    assert not hasattr(summary, "capabilities")
    # a forged employer session for another assessment gets nothing
    forged = EmployerSession(invitation_id=employer.invitation_id, assessment_id=9999)
    with pytest.raises(AccessDenied):
        candidates.employer_fit_summary(actor=forged, candidate_id=cid, store=store)


def test_capability_levels_keep_their_source_and_the_audit_names_fields(store, consultant) -> None:
    cid = _new(store, consultant)
    candidates.set_capability(
        actor=consultant,
        candidate_id=cid,
        dimension="tillen",
        level=2,
        source="FML 12-03-2026, verzekeringsarts",
        store=store,
    )
    candidates.set_capability(
        actor=consultant,
        candidate_id=cid,
        dimension="concentratie",
        level=1,
        source="gezien door de jobcoach",
        store=store,
    )
    view = candidates.get_candidate(actor=consultant, candidate_id=cid, store=store)
    assert view.capabilities["tillen"].level == 2
    assert view.capabilities["tillen"].source == "FML 12-03-2026, verzekeringsarts"
    assert view.capabilities["concentratie"].source == "gezien door de jobcoach"
    candidates.update_candidate(
        actor=consultant, candidate_id=cid, hours_max=24, travel_mode="ov", store=store
    )
    with store.session() as s:
        entries = list(s.scalars(select(AuditEntry).where(AuditEntry.object_type == "candidate")))
    actions = [(e.action, e.actor) for e in entries]
    assert ("candidate.create", consultant.label) in actions
    assert ("candidate.capability", consultant.label) in actions
    update = next(e for e in entries if e.action == "candidate.update")
    assert update.details["fields"] == ["hours_max", "travel_mode"]
    assert "24" not in str(update.details)  # field names, not values


def test_capability_needs_a_known_dimension_a_level_on_its_scale_and_a_source(
    store, consultant
) -> None:
    cid = _new(store, consultant)
    cases = [
        ("vliegen", 1, "FML", "capabilities.vliegen"),
        ("tillen", 9, "FML", "capabilities.tillen"),
        ("tillen", 1, "  ", "capabilities.tillen.source"),
    ]
    for dimension, level, source, field in cases:
        with pytest.raises(InputError) as exc:
            candidates.set_capability(
                actor=consultant,
                candidate_id=cid,
                dimension=dimension,
                level=level,
                source=source,
                store=store,
            )
        assert _fields(exc) == [field]


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"hours_min": 30, "hours_max": 20}, "hours_min"),
        ({"slots": ["ma-ochtend", "za-avond"]}, "slots[1]"),
        ({"likes": ["schoonmaken", "raketbouw"]}, "likes[1]"),
        ({"dislikes": ["schoonmaken"]}, "dislikes"),
        ({"travel_mode": "helikopter"}, "travel_mode"),
        ({"hours_wanted": 30}, "hours_wanted"),
        ({"support": ["toverstaf"]}, "support[0]"),
        ({"pseudonym": "  "}, "pseudonym"),
        ({"hourly_cost_eur": 0}, "hourly_cost_eur"),
    ],
)
def test_bad_candidate_values_are_refused_naming_the_field(store, consultant, extra, field) -> None:
    with pytest.raises(InputError) as exc:
        _new(store, consultant, **extra)
    assert field in _fields(exc)
    assert candidates.list_candidates(actor=consultant, store=store) == []


def test_an_update_is_checked_against_the_stored_values(store, consultant) -> None:
    cid = _new(store, consultant)
    with pytest.raises(InputError) as exc:
        candidates.update_candidate(actor=consultant, candidate_id=cid, hours_min=25, store=store)
    assert _fields(exc) == ["hours_min"]


def test_without_consent_a_the_carving_gets_only_preferences_and_hours(store, consultant) -> None:
    cid = _new(store, consultant)
    candidates.set_capability(
        actor=consultant,
        candidate_id=cid,
        dimension="tillen",
        level=1,
        source="FML 12-03-2026, verzekeringsarts",
        store=store,
    )
    [plain] = candidates.engine_candidates(actor=consultant, candidate_ids=[cid], store=store)
    assert not plain.uses_capabilities
    assert plain.note is not None and "alleen voorkeuren" in plain.note.nl
    assert plain.candidate.capabilities["tillen"] == 3  # no limit: the level is not used
    assert plain.candidate.available_slots == ["ma-ochtend", "di-ochtend", "wo-ochtend"]
    assert "schoonmaak_hygiene" in plain.candidate.likes  # our category -> inventory's
    assert "kopieren" in plain.candidate.likes  # taak:<id> -> the task id
    assert plain.candidate.dislikes == ["ict_hulp"]
    assert (plain.candidate.hours_min, plain.candidate.hours_max) == (12, 20)

    candidates.record_consent(
        actor=consultant, candidate_id=cid, kind="capabilities", how="paper", store=store
    )
    [full] = candidates.engine_candidates(actor=consultant, candidate_ids=[cid], store=store)
    assert full.uses_capabilities and full.note is None
    assert full.candidate.capabilities == {"tillen": 1}

    # a withdrawal counts at once, and is audited
    assert (
        candidates.withdraw_consent(
            actor=consultant, candidate_id=cid, kind="capabilities", store=store
        )
        == 1
    )
    [again] = candidates.engine_candidates(actor=consultant, candidate_ids=[cid], store=store)
    assert not again.uses_capabilities
    view = candidates.get_candidate(actor=consultant, candidate_id=cid, store=store)
    [consent] = view.consents
    assert consent.how == "paper" and consent.withdrawn_at is not None
    with store.session() as s:
        actions = [e.action for e in s.scalars(select(AuditEntry))]
    assert "consent.give" in actions and "consent.withdraw" in actions


def test_the_conversion_refuses_a_candidate_without_hourly_cost(store, consultant) -> None:
    cid = _new(store, consultant, hourly_cost_eur=None)
    with pytest.raises(InputError) as exc:
        candidates.engine_candidates(actor=consultant, candidate_ids=[cid], store=store)
    assert _fields(exc) == ["hourly_cost_eur"]


def test_deleting_a_candidate_deletes_everything_under_them(store, consultant, rows_text) -> None:
    from inclusief.services import candidate_intake

    cid = _new(store, consultant, pseudonym="Kandidaat Zeldzaam")
    candidates.set_capability(
        actor=consultant,
        candidate_id=cid,
        dimension="tillen",
        level=1,
        source="FML 12-03-2026, verzekeringsarts",
        store=store,
    )
    candidates.record_consent(actor=consultant, candidate_id=cid, kind="research", store=store)
    token = candidate_intake.create_intake_link(actor=consultant, candidate_id=cid, store=store)
    me = candidate_intake.open_intake(token, store=store)
    candidate_intake.answer(
        actor=me,
        intake_id=me.intake_id,
        question="strengths",
        value="Ik ben trots op mijn tuin",
        store=store,
    )
    candidates.delete_candidate(actor=consultant, candidate_id=cid, store=store)
    text = rows_text(store)
    for gone in ("Kandidaat Zeldzaam", "FML 12-03-2026", "trots op mijn tuin"):
        assert gone not in text
    with store.session() as s:
        assert s.scalars(select(CandidateConsent)).first() is None
        deleted = s.scalar(select(AuditEntry).where(AuditEntry.action == "candidate.delete"))
    assert deleted is not None and deleted.object_id == cid and deleted.actor == consultant.label
    with pytest.raises(AccessDenied):
        candidates.get_candidate(actor=consultant, candidate_id=cid, store=store)


def test_every_slot_is_accepted(store, consultant) -> None:
    cid = _new(store, consultant, slots=list(SLOTS))
    view = candidates.get_candidate(actor=consultant, candidate_id=cid, store=store)
    assert view.slots == list(SLOTS)


def test_consent_without_recorded_levels_uses_preferences_only_and_says_so(
    store, consultant
) -> None:
    cid = _new(store, consultant)
    candidates.record_consent(actor=consultant, candidate_id=cid, kind="capabilities", store=store)
    [ec] = candidates.engine_candidates(actor=consultant, candidate_ids=[cid], store=store)
    assert not ec.uses_capabilities
    assert ec.note is not None and "geen vermogens vastgelegd" in ec.note.nl


def test_deleting_a_candidate_blanks_them_in_saved_carving_projects(
    store, consultant, rows_text
) -> None:
    from pathlib import Path

    from inclusief.jobcarving.inventory import load_inventory
    from inclusief.jobcarving.optimise import carve
    from inclusief.services import carving, organisations

    root = Path(__file__).resolve().parents[2]
    inventory = load_inventory(root / "data" / "tasks" / "primair_onderwijs.yaml")
    cid = _new(
        store,
        consultant,
        pseudonym="Kandidaat Wervelwind",
        hours_min=8,
        hours_max=24,
        slots=["ma-ochtend", "di-ochtend", "wo-ochtend", "do-ochtend"],
    )
    candidates.set_capability(
        actor=consultant,
        candidate_id=cid,
        dimension="tillen",
        level=2,
        source="FML 01-02-2026, verzekeringsarts",
        store=store,
    )
    candidates.record_consent(actor=consultant, candidate_id=cid, kind="capabilities", store=store)
    [ec] = candidates.engine_candidates(actor=consultant, candidate_ids=[cid], store=store)
    result = carve(inventory, [ec.candidate], time_limit=10)
    org = organisations.create_organisation(
        actor=consultant,
        name="Basisschool De Linde",
        sector="onderwijs",
        size_class="50-99",
        region="Utrecht",
        store=store,
    )
    pid = carving.save_carving_project(
        actor=consultant,
        organisation_id=org.id,
        name="Proef",
        inventory=inventory.model_dump(mode="json"),
        candidates=[ec.candidate.model_dump(mode="json")],
        result=result.model_dump(mode="json"),
        store=store,
    )
    assert "Wervelwind" in rows_text(store)
    candidates.delete_candidate(actor=consultant, candidate_id=cid, store=store)
    assert "Wervelwind" not in rows_text(store)
    project = carving.get_carving_project(actor=consultant, project_id=pid, store=store)
    [kept] = project["candidates"]
    assert kept["capabilities"] == {} and kept["pseudonym"] == candidates.DELETED
