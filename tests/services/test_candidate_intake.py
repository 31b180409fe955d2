"""The candidate's intake link: token mechanism, answers saved when given, consent at once,
resume, bad links, and the consultant accepting the answers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from inclusief.errors import AccessDenied, InputError
from inclusief.services import candidate_intake as intake
from inclusief.services import candidates
from inclusief.store.tables import CandidateIntake, utcnow


@pytest.fixture
def candidate_id(store, consultant) -> int:
    return candidates.create_candidate(
        actor=consultant,
        pseudonym="Kandidaat Sem",
        hours_min=8,
        hours_max=16,
        slots=["ma-ochtend"],
        hourly_cost_eur=19.74,
        store=store,
    )


def test_only_the_token_hash_is_stored_and_the_token_has_256_bits(
    store, consultant, candidate_id, rows_text
) -> None:
    token = intake.create_intake_link(actor=consultant, candidate_id=candidate_id, store=store)
    assert len(token) >= 43  # token_urlsafe(32): 32 random bytes
    assert token not in rows_text(store)
    assert intake.intake_link(token).endswith(f"/?intake={token}")
    me = intake.open_intake(token, store=store)
    state = intake.intake_state(actor=me, intake_id=me.intake_id, store=store)
    assert state.candidate_id == candidate_id and state.answers == {}


def test_every_answer_is_stored_when_given_and_a_reload_resumes(
    store, consultant, candidate_id
) -> None:
    token = intake.create_intake_link(actor=consultant, candidate_id=candidate_id, store=store)
    me = intake.open_intake(token, store=store)
    intake.answer(
        actor=me, intake_id=me.intake_id, question="likes", value=["schoonmaken"], store=store
    )
    intake.answer(
        actor=me,
        intake_id=me.intake_id,
        question="slots",
        value=["di-ochtend", "ma-ochtend"],
        store=store,
    )
    intake.set_step(actor=me, intake_id=me.intake_id, step=2, store=store)
    again = intake.open_intake(token, store=store)  # a reload opens the link again
    state = intake.intake_state(actor=again, intake_id=again.intake_id, store=store)
    assert state.step == 2
    assert state.answers == {"likes": ["schoonmaken"], "slots": ["ma-ochtend", "di-ochtend"]}


@pytest.mark.parametrize("how", ["expired", "revoked", "wrong", "empty", "too_long"])
def test_a_bad_link_gets_one_plain_message(store, consultant, candidate_id, how) -> None:
    token = intake.create_intake_link(actor=consultant, candidate_id=candidate_id, store=store)
    if how == "expired":
        with store.session() as s:
            s.scalars(select(CandidateIntake)).one().expires_at = utcnow() - timedelta(minutes=1)
    elif how == "revoked":
        assert (
            intake.revoke_intake_links(actor=consultant, candidate_id=candidate_id, store=store)
            == 1
        )
    elif how == "wrong":
        token = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
    elif how == "empty":
        token = ""
    else:
        token = "x" * 500
    with pytest.raises(AccessDenied) as exc:
        intake.open_intake(token, store=store)
    assert str(exc.value) == intake.INVALID_INTAKE


def test_a_link_revoked_while_answering_stops_at_once(store, consultant, candidate_id) -> None:
    token = intake.create_intake_link(actor=consultant, candidate_id=candidate_id, store=store)
    me = intake.open_intake(token, store=store)
    intake.revoke_intake_links(actor=consultant, candidate_id=candidate_id, store=store)
    with pytest.raises(AccessDenied):
        intake.answer(actor=me, intake_id=me.intake_id, question="hours", value="8_16", store=store)
    forged = intake.IntakeSession(me.intake_id + 1)
    with pytest.raises(AccessDenied):
        intake.intake_state(actor=forged, intake_id=me.intake_id, store=store)


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("likes", ["raketbouw"]),
        ("slots", ["za-avond"]),
        ("hours", "100"),
        ("travel", "helikopter"),
        ("consent_research", "misschien"),
        ("strengths", "x" * 501),
        ("bestaat_niet", "ja"),
        ("consent_employer", "ja"),  # no employer named for this link: not asked
    ],
)
def test_an_answer_that_is_no_option_is_refused_naming_the_question(
    store, consultant, candidate_id, question, value
) -> None:
    token = intake.create_intake_link(actor=consultant, candidate_id=candidate_id, store=store)
    me = intake.open_intake(token, store=store)
    with pytest.raises(InputError) as exc:
        intake.answer(actor=me, intake_id=me.intake_id, question=question, value=value, store=store)
    assert [p.field for p in exc.value.problems] == [question]


def test_consent_answers_count_at_once_and_no_withdraws(store, consultant, candidate_id) -> None:
    token = intake.create_intake_link(
        actor=consultant, candidate_id=candidate_id, employer="Zorgcentrum De Es", store=store
    )
    me = intake.open_intake(token, store=store)
    ids = [
        q.id for q in intake.intake_state(actor=me, intake_id=me.intake_id, store=store).questions
    ]
    assert "consent_employer" in ids
    for q in ("consent_capabilities", "consent_employer", "consent_research"):
        intake.answer(actor=me, intake_id=me.intake_id, question=q, value="ja", store=store)
    view = candidates.get_candidate(actor=consultant, candidate_id=candidate_id, store=store)
    assert view.has_consent("capabilities") and view.has_consent("research")
    assert view.has_consent("employer_summary", "Zorgcentrum De Es")
    assert {c.how for c in view.consents} == {"app"}
    assert {c.recorded_by for c in view.consents} == {me.label}
    intake.answer(
        actor=me, intake_id=me.intake_id, question="consent_capabilities", value="nee", store=store
    )
    view = candidates.get_candidate(actor=consultant, candidate_id=candidate_id, store=store)
    assert not view.has_consent("capabilities")
    [ec] = candidates.engine_candidates(actor=consultant, candidate_ids=[candidate_id], store=store)
    assert not ec.uses_capabilities


def test_the_consultant_accepts_the_answers_as_the_candidates_own(
    store, consultant, other_consultant, candidate_id
) -> None:
    token = intake.create_intake_link(actor=consultant, candidate_id=candidate_id, store=store)
    me = intake.open_intake(token, store=store)
    given = {
        "likes": ["eten_drinken", "kinderen"],
        "dislikes": ["computer"],
        "slots": ["ma-ochtend", "di-ochtend", "do-middag"],
        "hours": "16_24",
        "travel": "ov",
        "travel_minutes": "30",
        "support": ["vaste_volgorde", "rustige_plek"],
        "strengths": "Ik kan goed koken.",
    }
    for q, v in given.items():
        intake.answer(actor=me, intake_id=me.intake_id, question=q, value=v, store=store)
    intake.finish(actor=me, intake_id=me.intake_id, store=store)
    [state] = intake.intakes_of(actor=consultant, candidate_id=candidate_id, store=store)
    assert state.finished and not state.accepted and state.answers["hours"] == "16_24"
    with pytest.raises(AccessDenied):
        intake.accept_intake(actor=other_consultant, intake_id=state.intake_id, store=store)
    with pytest.raises(AccessDenied):  # the candidate does not accept their own answers
        intake.accept_intake(actor=me, intake_id=state.intake_id, store=store)  # type: ignore[arg-type]
    taken = intake.accept_intake(actor=consultant, intake_id=state.intake_id, store=store)
    view = candidates.get_candidate(actor=consultant, candidate_id=candidate_id, store=store)
    assert (view.hours_min, view.hours_max, view.hours_wanted) == (16, 24, 20)
    assert view.slots == ["ma-ochtend", "di-ochtend", "do-middag"]
    assert view.travel_mode == "ov" and view.travel_minutes == 30
    assert view.likes == ["eten_drinken", "kinderen"] and view.dislikes == ["computer"]
    assert view.strengths == "Ik kan goed koken."
    assert set(taken) <= set(view.from_candidate) and "slots" in view.from_candidate
    # the consultant changes one field: it is no longer the candidate's own
    candidates.update_candidate(
        actor=consultant, candidate_id=candidate_id, slots=["ma-ochtend"], store=store
    )
    view = candidates.get_candidate(actor=consultant, candidate_id=candidate_id, store=store)
    assert "slots" not in view.from_candidate and "likes" in view.from_candidate


def test_the_consultant_fills_in_the_same_form_with_the_candidate(
    store, consultant, other_consultant, candidate_id
) -> None:
    iid = intake.start_session_intake(actor=consultant, candidate_id=candidate_id, store=store)
    intake.answer(actor=consultant, intake_id=iid, question="hours", value="4_8", store=store)
    with pytest.raises(AccessDenied):
        intake.answer(
            actor=other_consultant, intake_id=iid, question="hours", value="8_16", store=store
        )
    intake.accept_intake(actor=consultant, intake_id=iid, store=store)
    view = candidates.get_candidate(actor=consultant, candidate_id=candidate_id, store=store)
    assert (view.hours_min, view.hours_max) == (4, 8)


def test_two_tabs_answering_at_once_both_succeed(store, consultant, candidate_id) -> None:
    from concurrent.futures import ThreadPoolExecutor

    token = intake.create_intake_link(actor=consultant, candidate_id=candidate_id, store=store)
    me = intake.open_intake(token, store=store)
    values = ["4_8", "8_16", "16_24", "24_32"] * 2

    def give(value: str) -> None:
        intake.answer(actor=me, intake_id=me.intake_id, question="hours", value=value, store=store)

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(give, values))
    state = intake.intake_state(actor=me, intake_id=me.intake_id, store=store)
    assert state.answers["hours"] in values
