"""Demo placements (issue #19): a realistic spread of outcomes, so the follow-up page is
alive for a new user. Some placements ended early, some run with open signals, most run
well; check-ins are filled in with synthetic answers from a seeded generator, each on a
date in the past (the services take an injected clock)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from inclusief.followup.codes import schedule
from inclusief.followup.model import QUESTIONNAIRE_OF
from inclusief.questionnaires.load import load_shipped
from inclusief.services import placements as svc
from inclusief.services.access import Principal
from inclusief.services.organisations import OrganisationView
from inclusief.store.db import Store

JOBS = (
    "Medewerker inpak", "Assistent conciërge", "Medewerker groenonderhoud", "Keukenhulp",
    "Medewerker linnenkamer", "Facilitair medewerker", "Magazijnmedewerker",
    "Klassenassistent", "Medewerker schoonmaak", "Medewerker post en archief",
)  # fmt: skip
ROUTES = ("wajong", "participatiewet", "participatiewet", "vso_pro", "wsw", "praktijkroute")
# (months ago started, end after days or None, end reason, profile)
# profile: good | tired | conflict | doubt | missed | hours | contract | coach
PLAN = (
    (28, None, None, "good"), (26, 75, "functioneren", "doubt"), (25, None, None, "good"),
    (24, 400, "ander_werk", "good"), (22, 130, "conflict", "conflict"), (21, None, None, "good"),
    (20, 210, "ziekte", "tired"), (19, None, None, "hours"),
    (18, 330, "contract_niet_verlengd", "doubt"),
    (17, None, None, "good"), (15, None, None, "good"), (14, 50, "eigen_keuze", "tired"),
    (13, None, None, "contract"), (12, None, None, "good"), (11, None, None, "tired"),
    (10, 160, "reorganisatie", "good"), (9, None, None, "good"), (8, None, None, "coach"),
    (7, None, None, "missed"), (6, None, None, "good"), (5, None, None, "conflict"),
    (4, None, None, "doubt"), (3, None, None, "good"), (2, None, None, "good"),
    (1, None, None, "missed"),
)  # fmt: skip


def _answers(respondent: str, profile: str, rng: random.Random) -> dict[str, int | None]:
    q = load_shipped(QUESTIONNAIRE_OF[respondent])  # type: ignore[index]
    out: dict[str, int | None] = {}
    for _dim, item, scale in q.iter_items():
        good = scale.min if item.reverse else scale.max
        # mostly the favourable answer, sometimes one step towards the middle
        step = 0 if rng.random() < 0.8 else 1
        out[item.id] = good + step if item.reverse else good - step
    low = {
        "tired": {"wn_energie": 1, "wn_gezond": 1},
        "conflict": {"wn_ruzie": 3, "wg_conflict": 5},
        "doubt": {"wg_doorgaan": 2, "wg_tempo": 2},
    }.get(profile, {})
    out.update({k: v for k, v in low.items() if k in out})
    return out


def seed_placements(
    store: Store, consultant: Principal, orgs: list[OrganisationView], *, seed_value: int = 19
) -> int:
    """Seed once (nothing when the consultant already has placements); returns how many."""
    if svc.list_placements(actor=consultant, store=store) or not orgs:
        return 0
    rng = random.Random(seed_value)
    today = datetime.now(UTC).date()
    plan = schedule()
    for n, (months, end_after, reason, profile) in enumerate(PLAN):
        start = today - timedelta(days=int(months * 30.44))
        contract_end = None
        schemes = [svc.SchemeView(code="lkv_banenafspraak"), svc.SchemeView(code="no_riskpolis")]
        if profile == "contract":
            contract_end = today + timedelta(days=40)
        if profile == "coach":
            schemes.append(svc.SchemeView(code="jobcoach_extern", until=today + timedelta(days=50)))
        elif n % 3 == 0:
            schemes.append(
                svc.SchemeView(code="loonkostensubsidie", until=start + timedelta(days=730))
            )
        p = svc.add_placement(
            actor=consultant,
            organisation_id=orgs[n % len(orgs)].id,
            candidate_pseudonym=f"Kandidaat {n + 1:02d}",
            start_date=start,
            contract_type="bepaalde_tijd"
            if contract_end
            else rng.choice(("onbepaalde_tijd", "bepaalde_tijd", "detachering")),
            hours_per_week=rng.choice((8.0, 12.0, 16.0, 20.0, 24.0, 25.5, 32.0)),
            route=ROUTES[n % len(ROUTES)],
            job_title=JOBS[n % len(JOBS)],
            schemes=schemes,
            jobcoach=f"Jobcoach {rng.choice(('Van Dijk', 'El Amrani', 'De Vries', 'Jansen'))}",
            contact_person="Leidinggevende",
            contract_end=contract_end,
            store=store,
        )
        end = start + timedelta(days=end_after) if end_after else None
        for point in plan.points:
            due = point.due(start)
            if due > today - timedelta(days=1) or (end and due > end):
                break
            if profile == "missed" and due > today - timedelta(days=60):
                continue  # the recent check-ins were not done
            for respondent in ("worker", "employer"):
                c = svc.start_checkin(
                    actor=consultant, placement_id=p.id, point=point.id, respondent=respondent,  # type: ignore[arg-type]
                    mode="session" if respondent == "employer" else "jobcoach", store=store,
                )  # fmt: skip
                for item, value in _answers(respondent, profile, rng).items():
                    svc.save_checkin_answer(
                        actor=consultant, checkin_id=c.id, item_id=item, value=value, store=store
                    )
                finished = min(due + timedelta(days=rng.randint(0, 5)), today)
                svc.finish_checkin(
                    actor=consultant, checkin_id=c.id, now=svc.at_noon(finished), store=store
                )
        if profile == "hours":
            svc.add_entry(
                actor=consultant,
                placement_id=p.id,
                kind="hours",
                on=today - timedelta(days=20),
                hours=8.0,
                text="Minder uren op verzoek van de werkgever",
                store=store,
            )
        if profile == "conflict" and end is None:
            svc.add_entry(
                actor=consultant,
                placement_id=p.id,
                kind="event",
                event_kind="conflict",
                on=today - timedelta(days=10),
                text="Onenigheid over pauzetijden",
                store=store,
            )
        if n == 0:
            svc.add_entry(
                actor=consultant,
                placement_id=p.id,
                kind="note",
                on=start + timedelta(days=20),
                text="Goede start; collega Anouk is vast aanspreekpunt.",
                store=store,
            )
        if end is not None:
            svc.end_placement(
                actor=consultant,
                placement_id=p.id,
                end_date=min(end, today),
                reason=reason or "overig",
                store=store,
            )
    return len(PLAN)
