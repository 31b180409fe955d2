"""Demo data: organisations, users and finished scans, so every page has something to show.

Synthetic answers come from a seeded random generator with a per-organisation tendency,
so that peer benchmarks (>= 10 peers) and k-anonymous research exports (k = 5) have data.
The scans are in werkgeversscan 2.0 (yes/no, numbers and lists follow the same tendency);
the two named organisations with two scans took their first one in 1.0.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import timedelta

from sqlalchemy import select

from inclusief.questionnaires.model import Questionnaire, Scale
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
# A municipality in each demo province, so the advice names a werkgeversservicepunt.
MUNICIPALITY = {
    "Gelderland": "Apeldoorn",
    "Noord-Brabant": "Tilburg",
    "Utrecht": "Utrecht",
    "Overijssel": "Deventer",
    "Zuid-Holland": "Rotterdam",
    "Groningen": "Groningen",
}
# The named organisations with two scans took the first in version 1.0 (their trend shows
# the change to 2.0); every other demo scan is in the default version.
FIRST_VERSION = "1.0"


def _fact(
    rng: random.Random, item_id: str, scale: Scale, tendency: float, given: Mapping[str, int | None]
) -> int:
    """A sensible factual answer: more yes, more people and more forms with a higher
    tendency (1-5); a number of people only where people work already."""
    share = (tendency - 1) / 4  # 0..1
    if scale.type == "yesno":
        return int(rng.random() < share)
    if scale.type == "number":
        if item_id == "ev_aantal" and given.get("ev_nu") == 0:
            return 0
        return min(scale.max, max(scale.min, round(rng.gauss(share * 8, 2))))
    if scale.type == "multi":
        if given.get("ev_nu") == 0 and scale.not_applicable is not None and rng.random() < 0.6:
            return scale.not_applicable.code  # never done
        return sum(code for code in scale.codes if rng.random() < share * 0.8)
    # choice: a bolder first step with a higher tendency
    pick = min(len(scale.codes) - 1, max(0, round(rng.gauss((1 - share) * 3, 0.8))))
    return scale.codes[pick]


def _answers(
    rng: random.Random, tendency: float, q: Questionnaire
) -> tuple[dict[str, int | None], list[str]]:
    answers: dict[str, int | None] = {}
    for _dim, item, scale in q.iter_items():
        roll = rng.random()
        if roll < 0.03:
            answers[item.id] = None
            continue
        # weet niet at random, except where it is scored (knowledge: then it stands for
        # "never heard of it", below)
        if roll < 0.07 and scale.dont_know is not None and scale.dont_know_scores_as is None:
            answers[item.id] = scale.dont_know.code
            continue
        if not q.is_scored(item) or scale.type != "ordinal":
            answers[item.id] = _fact(rng, item.id, scale, tendency, answers)
            continue
        if roll < 0.09 and scale.not_applicable is not None:
            answers[item.id] = scale.not_applicable.code
            continue
        level = min(max(round(rng.gauss(tendency, 0.9)), scale.min), scale.max)
        answers[item.id] = scale.min + scale.max - level if item.reverse else level
        if (
            scale.dont_know is not None
            and answers[item.id] == scale.dont_know_scores_as
            and rng.random() < 0.5
        ):
            answers[item.id] = scale.dont_know.code  # not knowing it: scored the same
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
                municipality=MUNICIPALITY[region],
                store=store,
            )
            tendency = rng.uniform(2.2, 4.3)
            rounds = 2 if name in {n[0] for n in NAMED[:2]} else 1
            for round_ in range(rounds):
                a = scan.create_assessment(
                    actor=consultant,
                    organisation_id=org.id,
                    mode="session" if round_ else "self",
                    version=FIRST_VERSION if rounds == 2 and round_ == 0 else None,
                    store=store,
                )
                q = scan.get_questionnaire(a.questionnaire_id, a.questionnaire_version, store=store)
                answers, needs = _answers(rng, tendency + 0.4 * round_, q)
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
    from inclusief.services.demo_placements import seed_placements

    seed_placements(
        store, consultant, organisations.list_organisations(actor=consultant, store=store)[:12]
    )
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
