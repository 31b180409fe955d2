"""Demo data: organisations, users and finished scans, so every page has something to show.

Synthetic answers come from a seeded random generator with a per-organisation tendency,
so that peer benchmarks (>= 10 peers) and k-anonymous research exports (k = 5) have data.
"""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import select

from inclusief.questionnaires.load import load_shipped
from inclusief.services import accounts, invitations, organisations, scan
from inclusief.store.db import Store
from inclusief.store.tables import Assessment, User, utcnow

DEMO_PASSWORD = "demo-wachtwoord"  # noqa: S105 - only seeded in demo mode, printed to the user
DEMO_USERS = (
    ("consultant@demo.inclusief.nl", "consultant"),
    ("researcher@demo.inclusief.nl", "researcher"),
    ("admin@demo.inclusief.nl", "admin"),
)
DEMO_NAMES = {"consultant": "Demo Adviseur", "researcher": "Demo Onderzoeker"}
NAMED = (
    ("Stichting Openbaar Primair Onderwijs De Linde", "onderwijs", "250-499", "Gelderland"),
    ("Zorggroep Het Baken", "zorg", "500+", "Noord-Brabant"),
    ("Gemeente Rivierstad", "overheid", "500+", "Utrecht"),
    ("Bakkerij Van Dam BV", "industrie", "10-49", "Overijssel"),
)
PEER_SECTORS = ("onderwijs", "zorg", "overheid", "industrie", "handel")
PEER_SIZES = ("10-49", "50-99", "100-249")
PEER_REGIONS = ("Gelderland", "Utrecht", "Noord-Brabant", "Zuid-Holland", "Overijssel", "Groningen")


def _answers(rng: random.Random, tendency: float) -> tuple[dict[str, int | None], list[str]]:
    q = load_shipped("werkgeversscan")
    answers: dict[str, int | None] = {}
    for _dim, item, scale in q.iter_items():
        roll = rng.random()
        if roll < 0.03:
            answers[item.id] = None
            continue
        if roll < 0.07 and scale.dont_know is not None:
            answers[item.id] = scale.dont_know.code
            continue
        level = min(max(round(rng.gauss(tendency, 0.9)), scale.min), scale.max)
        answers[item.id] = scale.min + scale.max - level if item.reverse else level
    needs = (
        rng.sample([o.id for o in q.support_needs.options], k=rng.randint(0, 3))
        if q.support_needs
        else []
    )
    return answers, needs


def seed(store: Store, *, seed_value: int = 2026) -> dict[str, str | None]:
    """Create the demo data once; return the logins and a fresh invitation link."""
    with store.session() as s:
        existing = s.scalar(select(User).where(User.email == DEMO_USERS[0][0]))
    if existing is None:
        for email, role in DEMO_USERS:
            accounts.create_user(
                email=email,
                password=DEMO_PASSWORD,
                role=role,  # type: ignore[arg-type]
                name=DEMO_NAMES.get(role),
                store=store,
            )
    consultant = accounts.authenticate(DEMO_USERS[0][0], DEMO_PASSWORD, store=store)
    orgs = organisations.list_organisations(actor=consultant, store=store)
    rng = random.Random(seed_value)
    if not orgs:
        specs = list(NAMED) + [
            (
                f"Demo-organisatie {i + 1:02d}",
                PEER_SECTORS[i % 5],
                PEER_SIZES[i % 3],
                PEER_REGIONS[i % 6],
            )
            for i in range(30)
        ]
        for name, sector, size, region in specs:
            org = organisations.create_organisation(
                actor=consultant,
                name=name,
                sector=sector,
                size_class=size,
                region=region,
                store=store,
            )
            tendency = rng.uniform(2.2, 4.3)
            for round_ in range(2 if name in {n[0] for n in NAMED[:2]} else 1):
                a = scan.create_assessment(
                    actor=consultant,
                    organisation_id=org.id,
                    mode="session" if round_ else "self",
                    store=store,
                )
                answers, needs = _answers(rng, tendency + 0.4 * round_)
                for item_id, value in answers.items():
                    scan.save_answer(
                        actor=consultant,
                        assessment_id=a.id,
                        item_id=item_id,
                        value=value,
                        store=store,
                    )
                scan.save_support_needs(
                    actor=consultant, assessment_id=a.id, options=needs, store=store
                )
                scan.finish_assessment(actor=consultant, assessment_id=a.id, store=store)
                with store.session() as s:  # spread the dates so trends and quarters show
                    row = s.get(Assessment, a.id)
                    assert row is not None
                    row.finished_at = utcnow() - timedelta(
                        days=400 - 300 * round_ - rng.randint(0, 60)
                    )
        first = organisations.list_organisations(actor=consultant, store=store)
        school = next(o for o in first if o.name == NAMED[0][0])
        scan.create_assessment(
            actor=consultant, organisation_id=school.id, mode="self", store=store
        )
    school = next(
        o
        for o in organisations.list_organisations(actor=consultant, store=store)
        if o.name == NAMED[0][0]
    )
    open_ = [
        a
        for a in scan.list_assessments(actor=consultant, organisation_id=school.id, store=store)
        if a.status == "open"
    ]
    link = None
    if open_:
        token = invitations.create_invitation(
            actor=consultant, assessment_id=open_[-1].id, store=store
        )
        link = invitations.invitation_link(token)
    return {
        "consultant": DEMO_USERS[0][0],
        "researcher": DEMO_USERS[1][0],
        "admin": DEMO_USERS[2][0],
        "password": DEMO_PASSWORD,
        "invitation_link": link,
    }
