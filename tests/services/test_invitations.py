"""Invitation tokens: entropy, only the hash stored, one message for every bad link."""

from __future__ import annotations

import base64
import hashlib
import secrets
from datetime import timedelta

import pytest

from inclusief.errors import AccessDenied
from inclusief.services import access, invitations
from inclusief.services import scan as scan_svc
from inclusief.services.access import INVALID_LINK
from inclusief.store.tables import Invitation, utcnow


@pytest.fixture
def scan(store, consultant, new_scan):
    return new_scan(consultant)


def _decoded_len(token: str) -> int:
    return len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))


def test_token_has_at_least_128_bits(store, consultant, scan) -> None:
    tokens = {
        invitations.create_invitation(
            actor=consultant, assessment_id=scan.assessment_id, store=store
        )
        for _ in range(5)
    }
    assert len(tokens) == 5
    for token in tokens:
        assert _decoded_len(token) == 32  # token_urlsafe(32): 256 bits
        assert _decoded_len(token) * 8 >= 128


def test_only_the_sha256_is_stored(store, consultant, scan, rows_text) -> None:
    token = invitations.create_invitation(
        actor=consultant, assessment_id=scan.assessment_id, store=store
    )
    invitations.open_by_token(token, store=store)  # using it must not store it either
    with store.session() as s:
        hashes = [inv.token_hash for inv in s.query(Invitation)]
    assert hashes == [hashlib.sha256(token.encode()).hexdigest()]
    assert token not in rows_text(store)
    if store.db_file is not None:  # SQLite: not in the file nor its write-ahead log
        for path in store.db_file.parent.glob(store.db_file.name + "*"):
            assert token.encode() not in path.read_bytes(), path


def test_invitation_link_contains_the_token(store, consultant, scan) -> None:
    token = invitations.create_invitation(
        actor=consultant, assessment_id=scan.assessment_id, store=store
    )
    link = invitations.invitation_link(token)
    assert link.endswith(f"?token={token}")
    assert link.startswith("http")


def test_valid_token_opens_that_assessment(store, consultant, scan) -> None:
    token = invitations.create_invitation(
        actor=consultant, assessment_id=scan.assessment_id, store=store
    )
    session = invitations.open_by_token(token, store=store)
    assert session.assessment_id == scan.assessment_id
    with store.session() as s:
        assert s.get(Invitation, session.invitation_id).last_used_at is not None


def _expire(store, token: str) -> None:
    with store.session() as s:
        inv = s.query(Invitation).filter_by(token_hash=hashlib.sha256(token.encode()).hexdigest())
        inv.one().expires_at = utcnow() - timedelta(minutes=1)


def _revoke(store, consultant, scan) -> None:
    assert invitations.revoke_invitations(
        actor=consultant, assessment_id=scan.assessment_id, store=store
    )


@pytest.mark.parametrize("how", ["expired", "revoked", "wrong", "empty", "too_long"])
def test_bad_tokens_share_one_message(store, consultant, scan, how: str) -> None:
    token = invitations.create_invitation(
        actor=consultant, assessment_id=scan.assessment_id, days=1, store=store
    )
    if how == "expired":
        _expire(store, token)
    elif how == "revoked":
        _revoke(store, consultant, scan)
    elif how == "wrong":
        token = secrets.token_urlsafe(32)
    elif how == "empty":
        token = ""
    else:
        token = "x" * 201
    with pytest.raises(AccessDenied) as info:
        invitations.open_by_token(token, store=store)
    assert str(info.value) == INVALID_LINK


@pytest.mark.parametrize("how", ["expired", "revoked"])
def test_open_session_stops_working(store, consultant, scan, how: str) -> None:
    token = invitations.create_invitation(
        actor=consultant, assessment_id=scan.assessment_id, store=store
    )
    employer = invitations.open_by_token(token, store=store)
    scan_svc.save_answer(
        actor=employer, assessment_id=scan.assessment_id, item_id="dr01", value=3, store=store
    )
    if how == "expired":
        _expire(store, token)
    else:
        _revoke(store, consultant, scan)
    for call in (
        lambda: scan_svc.save_answer(
            actor=employer, assessment_id=scan.assessment_id, item_id="dr02", value=3, store=store
        ),
        lambda: scan_svc.resume_state(
            actor=employer, assessment_id=scan.assessment_id, store=store
        ),
        lambda: scan_svc.assessment_result(
            actor=employer, assessment_id=scan.assessment_id, store=store
        ),
    ):
        with pytest.raises(AccessDenied) as info:
            call()
        assert str(info.value) == INVALID_LINK
    # the consultant still sees what the employer saved before the link stopped working
    state = scan_svc.resume_state(actor=consultant, assessment_id=scan.assessment_id, store=store)
    assert state.answers == {"dr01": 3}


def test_revoke_only_touches_open_links_and_new_links_work(store, consultant, scan) -> None:
    first = invitations.create_invitation(
        actor=consultant, assessment_id=scan.assessment_id, store=store
    )
    assert (
        invitations.revoke_invitations(
            actor=consultant, assessment_id=scan.assessment_id, store=store
        )
        == 1
    )
    assert (
        invitations.revoke_invitations(
            actor=consultant, assessment_id=scan.assessment_id, store=store
        )
        == 0
    )
    second = invitations.create_invitation(
        actor=consultant, assessment_id=scan.assessment_id, store=store
    )
    with pytest.raises(AccessDenied):
        invitations.open_by_token(first, store=store)
    assert invitations.open_by_token(second, store=store).assessment_id == scan.assessment_id


def test_default_validity_is_token_days(store, consultant, scan) -> None:
    from inclusief.settings import get_settings

    invitations.create_invitation(actor=consultant, assessment_id=scan.assessment_id, store=store)
    with store.session() as s:
        expires = access.aware(s.query(Invitation).one().expires_at)
    expected = utcnow() + timedelta(days=get_settings().token_days)
    assert abs(expires - expected) < timedelta(minutes=1)


def test_employer_cannot_revoke_or_invite(store, consultant, scan) -> None:
    token = invitations.create_invitation(
        actor=consultant, assessment_id=scan.assessment_id, store=store
    )
    employer = invitations.open_by_token(token, store=store)
    with pytest.raises(AccessDenied):
        invitations.revoke_invitations(
            actor=employer, assessment_id=scan.assessment_id, store=store
        )
    with pytest.raises(AccessDenied):
        invitations.create_invitation(actor=employer, assessment_id=scan.assessment_id, store=store)


def test_invitation_days_are_honoured_and_checked(store, consultant, scan) -> None:
    from inclusief.errors import InputError

    invitations.create_invitation(
        actor=consultant, assessment_id=scan.assessment_id, days=2, store=store
    )
    with store.session() as s:
        expires = s.query(Invitation).one().expires_at
    if expires.tzinfo is None:
        from datetime import UTC

        expires = expires.replace(tzinfo=UTC)
    assert timedelta(days=1, hours=23) < expires - utcnow() <= timedelta(days=2)
    for days in (0, -3):
        with pytest.raises(InputError, match="at least 1 day"):
            invitations.create_invitation(
                actor=consultant, assessment_id=scan.assessment_id, days=days, store=store
            )
