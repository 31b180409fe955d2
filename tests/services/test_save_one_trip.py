"""Saving an answer in one round trip (issue #14): the same answers and refusals as before."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from inclusief.errors import AccessDenied, InputError
from inclusief.services import access, accounts, invitations, scan


class Trips:
    """Statements and commits the store's engine sends."""

    def __init__(self, engine) -> None:  # type: ignore[no-untyped-def]
        self.statements = 0
        self.commits = 0
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine, "commit", self._commit)

    def _statement(self, *_args) -> None:  # type: ignore[no-untyped-def]
        self.statements += 1

    def _commit(self, *_args) -> None:  # type: ignore[no-untyped-def]
        self.commits += 1


def _items(werkgeversscan) -> list[str]:  # type: ignore[no-untyped-def]
    return list(werkgeversscan.item_ids)


def test_after_the_first_save_one_statement_and_no_transaction(  # type: ignore[no-untyped-def]
    store, consultant, new_scan, werkgeversscan
) -> None:
    made = new_scan(consultant)
    items = _items(werkgeversscan)
    scan.save_answer(
        actor=consultant, assessment_id=made.assessment_id, item_id=items[0], value=3, store=store
    )
    trips = Trips(store.engine)
    scan.save_answer(
        actor=consultant, assessment_id=made.assessment_id, item_id=items[1], value=4, store=store
    )
    scan.save_answer(
        actor=consultant, assessment_id=made.assessment_id, item_id=items[0], value=5, store=store
    )
    if store.engine.dialect.name == "postgresql":
        # one statement each, in autocommit: no BEGIN or COMMIT goes to the server
        assert (trips.statements, trips.commits) == (2, 0)
    else:  # SQLite keeps the transaction of three statements (in-process, no network)
        assert (trips.statements, trips.commits) == (6, 2)
    answers = scan.answers_of(actor=consultant, assessment_id=made.assessment_id, store=store)
    assert answers[items[0]] == 5 and answers[items[1]] == 4


@pytest.mark.parametrize("one_trip", [True, False])
def test_the_same_refusals_on_both_paths(  # type: ignore[no-untyped-def]
    store, consultant, other_consultant, admin, new_scan, werkgeversscan, monkeypatch, one_trip
) -> None:
    monkeypatch.setattr(scan, "ONE_TRIP", one_trip)
    items = _items(werkgeversscan)
    made = new_scan(consultant)
    other = new_scan(consultant)
    token = invitations.create_invitation(
        actor=consultant, assessment_id=made.assessment_id, store=store
    )
    employer = invitations.open_by_token(token, store=store)

    def save(actor, assessment_id=made.assessment_id, item=items[0], value=3):  # type: ignore[no-untyped-def]
        scan.save_answer(
            actor=actor, assessment_id=assessment_id, item_id=item, value=value, store=store
        )

    save(consultant)  # warms the one-trip path
    save(employer, item=items[1])
    with pytest.raises(InputError):
        save(consultant, value=99)  # not on the scale: nothing is written
    with pytest.raises(InputError):
        save(consultant, item="no-such-item")
    with pytest.raises(AccessDenied) as denied:
        save(other_consultant)
    assert str(denied.value) == access.DENIED
    with pytest.raises(AccessDenied):
        save(admin)  # admins do not answer scans
    with pytest.raises(AccessDenied):
        save(employer, assessment_id=other.assessment_id)  # another assessment
    with pytest.raises(AccessDenied):
        save(consultant, assessment_id=10_000_000)
    invitations.revoke_invitations(actor=consultant, assessment_id=made.assessment_id, store=store)
    with pytest.raises(AccessDenied) as revoked:
        save(employer)
    assert str(revoked.value) == access.INVALID_LINK
    accounts.set_user_active(actor=admin, user_id=consultant.id, active=False, store=store)
    with pytest.raises(AccessDenied):
        save(consultant)
    accounts.set_user_active(actor=admin, user_id=consultant.id, active=True, store=store)
    scan.finish_assessment(actor=consultant, assessment_id=made.assessment_id, store=store)
    with pytest.raises(InputError):
        save(consultant)
    answers = scan.answers_of(actor=consultant, assessment_id=made.assessment_id, store=store)
    assert answers == {items[0]: 3, items[1]: 3}
