"""The core does not trust the objects the UI builds (issue #12, items 1-4).

Each test here failed before the fix: a forged EmployerSession read another scan, a forged
or deactivated Principal kept its powers, a NUL byte crashed PostgreSQL, and two tabs
saving support needs undid each other's choice.
"""

from __future__ import annotations

from typing import Any

import pytest

from inclusief.errors import AccessDenied, InputError
from inclusief.services import accounts, invitations, notes, organisations, scan
from inclusief.services import pso as pso_service
from inclusief.services.access import EmployerSession, Principal
from inclusief.services.reports import report_data_for


@pytest.fixture
def two_scans(store: Any, consultant: Any, new_scan: Any) -> tuple[Any, Any, EmployerSession]:
    a = new_scan(consultant, name="Eigen BV A")
    b = new_scan(consultant, name="Eigen BV B")
    token = invitations.create_invitation(
        actor=consultant, assessment_id=a.assessment_id, store=store
    )
    return a, b, invitations.open_by_token(token, store=store)


def test_an_invitation_is_worth_only_its_own_assessment(store: Any, two_scans: Any) -> None:
    a, b, employer = two_scans
    forged = EmployerSession(invitation_id=employer.invitation_id, assessment_id=b.assessment_id)
    calls = {
        "get": lambda: scan.get_assessment(
            actor=forged, assessment_id=b.assessment_id, store=store
        ),
        "answers": lambda: scan.answers_of(
            actor=forged, assessment_id=b.assessment_id, store=store
        ),
        "resume": lambda: scan.resume_state(
            actor=forged, assessment_id=b.assessment_id, store=store
        ),
        "score": lambda: scan.assessment_result(
            actor=forged, assessment_id=b.assessment_id, store=store
        ),
        "step": lambda: scan.save_step(
            actor=forged, assessment_id=b.assessment_id, step=1, store=store
        ),
        "support": lambda: scan.save_support_needs(
            actor=forged, assessment_id=b.assessment_id, options=[], store=store
        ),
        "answer": lambda: scan.save_answer(
            actor=forged, assessment_id=b.assessment_id, item_id="dr01", value=3, store=store
        ),
        "finish": lambda: scan.finish_assessment(
            actor=forged, assessment_id=b.assessment_id, store=store
        ),
        "pso": lambda: pso_service.latest_pso_for_assessment(
            actor=forged, assessment_id=b.assessment_id, store=store
        ),
        "report": lambda: report_data_for(
            actor=forged, assessment_id=b.assessment_id, store=store, with_benchmark=False
        ),
        "backend": lambda: scan.StoreBackend(forged, b.assessment_id, store=store),
    }
    for name, call in calls.items():
        with pytest.raises(AccessDenied):
            call()
            pytest.fail(f"{name}: a forged employer session reached another assessment")
    # the real session still works on its own assessment
    assert scan.get_assessment(actor=employer, assessment_id=a.assessment_id, store=store)


def test_a_forged_principal_gets_nothing(store: Any, consultant: Any, new_scan: Any) -> None:
    nobody = Principal(id=999_999, email="x@example.nl", role="admin")
    with pytest.raises(AccessDenied):
        accounts.list_users(actor=nobody, store=store)
    promoted = consultant.model_copy(update={"role": "admin"})  # a real consultant, forged role
    with pytest.raises(AccessDenied):
        accounts.list_users(actor=promoted, store=store)
    with pytest.raises(AccessDenied):
        accounts.create_user(
            email="new@example.nl",
            password="lang-genoeg-wachtwoord",
            role="admin",
            actor=promoted,
            store=store,
        )


def test_a_deactivated_user_loses_access_at_the_next_call(
    store: Any, consultant: Any, admin: Any, new_scan: Any
) -> None:
    made = new_scan(consultant, name="Eigen BV")
    accounts.set_user_active(actor=admin, user_id=consultant.id, active=False, store=store)
    with pytest.raises(AccessDenied):
        organisations.export_organisation(
            actor=consultant, organisation_id=made.organisation_id, store=store
        )
    with pytest.raises(AccessDenied):
        organisations.create_organisation(
            actor=consultant,
            name="Nieuw BV",
            sector="zorg",
            size_class="10-49",
            region="Utrecht",
            store=store,
        )
    with pytest.raises(AccessDenied):
        scan.save_answer(
            actor=consultant, assessment_id=made.assessment_id, item_id="dr01", value=3, store=store
        )


@pytest.mark.parametrize("text", ["Bakkerij\x00Van Dam", "a\x07b"])
def test_control_characters_are_refused_with_a_message(
    store: Any, consultant: Any, new_scan: Any, text: str
) -> None:
    with pytest.raises(InputError, match="stuurteken") as info:
        organisations.create_organisation(
            actor=consultant,
            name=text,
            sector="zorg",
            size_class="10-49",
            region="Utrecht",
            store=store,
        )
    assert info.value.problems[0].field == "name"
    made = new_scan(consultant)
    with pytest.raises(InputError, match="stuurteken"):
        notes.set_note(
            actor=consultant,
            assessment_id=made.assessment_id,
            dimension_id="drijfveren",
            text=text,
            store=store,
        )


def test_texts_over_their_maximum_are_refused(store: Any, consultant: Any) -> None:
    with pytest.raises(InputError, match="maximum is 120"):
        organisations.create_organisation(
            actor=consultant,
            name="x" * 121,
            sector="zorg",
            size_class="10-49",
            region="Utrecht",
            store=store,
        )


def test_two_tabs_choosing_support_needs_keep_both_choices(
    store: Any, consultant: Any, new_scan: Any, werkgeversscan: Any
) -> None:
    made = new_scan(consultant)
    x, y, z = (o.id for o in werkgeversscan.support_needs.options[:3])
    scan.save_support_needs(
        actor=consultant, assessment_id=made.assessment_id, options=[z], store=store
    )
    tab_a = scan.StoreBackend(consultant, made.assessment_id, store=store)
    tab_b = scan.StoreBackend(consultant, made.assessment_id, store=store)
    shown = tab_a.load().support_needs  # both tabs show [z]
    assert shown == tab_b.load().support_needs == [z]
    tab_a.save_support_needs([z, x], before=shown)
    tab_b.save_support_needs([z, y], before=shown)  # knows nothing of x
    assert sorted(tab_a.load().support_needs) == sorted([x, y, z])
    tab_b.save_support_needs([y], before=[z, y])  # removes z, keeps x
    assert sorted(tab_a.load().support_needs) == sorted([x, y])
