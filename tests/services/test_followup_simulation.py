"""A two-year placement followed day by day with an injected clock, a cohort's retention
curve, and the researcher's anonymised export."""

from __future__ import annotations

import io
import zipfile
from datetime import date, timedelta

import pytest

from inclusief.errors import AccessDenied
from inclusief.services import followup_research, organisations
from inclusief.services import placements as svc
from inclusief.services.placements import SchemeView, at_noon

START = date(2026, 1, 5)


@pytest.fixture
def org(store, consultant):
    return organisations.create_organisation(
        actor=consultant, name="Zorg BV", sector="zorg", size_class="50-99", region="Utrecht",
        store=store,
    )  # fmt: skip


def _fill(store, actor, placement_id, point, respondent, day, **answers):
    c = svc.start_checkin(
        actor=actor, placement_id=placement_id, point=point, respondent=respondent, store=store
    )
    q = svc.checkin_questionnaire(actor=actor, checkin_id=c.id, store=store)
    good = {i: q.scale(q.item(i).scale).max for i in q.item_ids}
    for item in (
        "wn_ruzie",
        "wg_last",
        "wg_conflict",
        "wg_verzuim",
        "wg_veranderingen",
        "wg_steun_stopt",
    ):
        if item in good:
            good[item] = 1
    for item, value in (good | answers).items():
        svc.save_checkin_answer(
            actor=actor, checkin_id=c.id, item_id=item, value=value, store=store
        )
    svc.finish_checkin(actor=actor, checkin_id=c.id, now=at_noon(day), store=store)


def test_two_years_day_by_day(store, consultant, org) -> None:
    p = svc.add_placement(
        actor=consultant, organisation_id=org.id, candidate_pseudonym="S-1", start_date=START,
        contract_type="bepaalde_tijd", hours_per_week=24, route="participatiewet",
        job_title="Medewerker linnenkamer",
        schemes=[SchemeView(code="jobcoach_extern", until=date(2026, 12, 31))],
        contract_end=date(2027, 1, 4), store=store,
    )  # fmt: skip
    seen: dict[date, set[str]] = {}
    due_seen: dict[str, date] = {}
    day = START
    while day <= START + timedelta(days=731):
        # the consultant does each check-in on its due date, except m3 (forgotten) and m6
        for d in svc.due_checkins(actor=consultant, days=0, today=day, store=store):
            due_seen.setdefault(f"{d.point}/{d.respondent}", d.due)
            if d.due == day and d.point not in ("m3", "m6"):
                extra = {}
                if d.point == "m12" and d.respondent == "employer":
                    extra = {"wg_doorgaan": 3}
                _fill(store, consultant, p.id, d.point, d.respondent, day, **extra)
        if day == date(2026, 9, 1):
            svc.add_entry(
                actor=consultant, placement_id=p.id, kind="hours", on=day, hours=18, store=store
            )
        if day == date(2026, 11, 20):
            svc.set_decision(
                actor=consultant, placement_id=p.id, decision="vast", on=day, store=store
            )
        seen[day] = {
            s.signal.rule_id for s in svc.open_signals(actor=consultant, today=day, store=store)
        }
        day += timedelta(days=1)

    assert due_seen == {
        "w2/worker": date(2026, 1, 19), "w2/employer": date(2026, 1, 19),
        "w6/worker": date(2026, 2, 16), "w6/employer": date(2026, 2, 16),
        "m3/worker": date(2026, 4, 5), "m3/employer": date(2026, 4, 5),
        "m6/worker": date(2026, 7, 5), "m6/employer": date(2026, 7, 5),
        "m12/worker": date(2027, 1, 5), "m12/employer": date(2027, 1, 5),
        "m24/worker": date(2028, 1, 5), "m24/employer": date(2028, 1, 5),
    }  # fmt: skip
    first = {
        rule: min(d for d, rules in seen.items() if rule in rules)
        for rule in set().union(*seen.values())
    }
    last = {rule: max(d for d, rules in seen.items() if rule in rules) for rule in first}
    assert first == {
        "checkin_gemist": date(2026, 4, 20),  # m3 + 15 days
        "checkins_gemist": date(2026, 7, 20),  # m6 + 15 days: two missed, replaces the first
        "steun_stopt_binnenkort": date(2026, 10, 1),  # 91 days before 31 December
        "uren_dalen": date(2026, 9, 1),
        "contract_eindigt_zonder_besluit": date(2026, 11, 4),  # 61 days before 4 January
        "werkgever_twijfelt": date(2027, 1, 5),
    }
    assert last["checkin_gemist"] == date(2026, 7, 19)
    assert last["checkins_gemist"] == date(2027, 1, 4)  # the m12 check-in supersedes them
    assert last["contract_eindigt_zonder_besluit"] == date(2026, 11, 19)  # decided on the 20th
    assert last["steun_stopt_binnenkort"] == date(2027, 4, 1)  # 91 days after the end
    assert last["uren_dalen"] == START + timedelta(days=731)  # never acted upon
    assert last["werkgever_twijfelt"] == date(2028, 1, 4)  # until the m24 employer check-in


def test_cohort_retention_and_export(store, consultant, other_consultant, researcher, org) -> None:
    today = date(2028, 1, 1)
    # 10 placements started on 1 January 2026; 4 leave (2 at 2 months, 1 at 5, 1 at 10),
    # 1 moves to other work at 4 months (censored), 5 still work on 1 January 2028.
    ends = [
        (60, "functioneren"),
        (60, "conflict"),
        (150, "ziekte"),
        (300, "eigen_keuze"),
        (120, "ander_werk"),
    ]
    ids = []
    for i in range(10):
        p = svc.add_placement(
            actor=consultant, organisation_id=org.id, candidate_pseudonym=f"C-{i}",
            start_date=date(2026, 1, 1), contract_type="onbepaalde_tijd",
            hours_per_week=30 if i % 2 else 10, route="wajong", job_title="Werk", store=store,
        )  # fmt: skip
        ids.append(p.id)
        if i < len(ends):
            days, reason = ends[i]
            svc.end_placement(
                actor=consultant,
                placement_id=p.id,
                end_date=date(2026, 1, 1) + timedelta(days=days),
                reason=reason,
                store=store,
            )
    view = followup_research.retention_figures(actor=consultant, today=today, k=5, store=store)
    overall = view.groups[0]
    assert (view.scope, overall.n, overall.events) == ("own", 10, 4)
    s = {e.months: e.survival for e in overall.estimates}
    # by hand: at 60 days 2 of 10 leave -> 0.8; at 120 days one censored (7 at risk);
    # at 150 days 1 of 7 -> 0.8*6/7; at 300 days 1 of 6 -> 0.8*6/7*5/6
    assert s[3] == pytest.approx(0.8)
    assert s[6] == pytest.approx(0.8 * 6 / 7)
    assert s[12] == pytest.approx(0.8 * 6 / 7 * 5 / 6)
    assert s[24] is None  # 1 January 2028 is less than 24 months (730.5 days) after the start
    by_split = {(g.split, g.group): g for g in view.groups}
    assert not by_split[("route", "wajong")].suppressed
    assert not by_split[("hours_band", "uren_tot_12")].suppressed  # 5 placements
    assert by_split[("carved", "nee")].n == 10
    assert (
        followup_research.retention_figures(actor=other_consultant, today=today, store=store).n == 0
    )
    assert (
        followup_research.retention_figures(actor=researcher, today=today, k=11, store=store)
        .groups[1]
        .suppressed
    )

    with pytest.raises(AccessDenied):
        followup_research.placement_export(actor=consultant, store=store)
    export = followup_research.placement_export(actor=researcher, today=today, k=1, store=store)
    assert len(export.placements) == 10
    assert set(export.placements["event"]) == {0, 1} and export.placements["event"].sum() == 4
    assert "C-1" not in export.placements.to_csv() and "Zorg BV" not in export.placements.to_csv()
    strict = followup_research.placement_export(actor=researcher, today=today, k=2, store=store)
    assert len(strict.placements) == 0  # one employer: fewer than k organisations
    from inclusief.research.placements import placement_zip

    names = zipfile.ZipFile(io.BytesIO(placement_zip(export))).namelist()
    assert {"plaatsingen.sav", "checkins.sav", "codeboek.json", "plaatsingen.csv"} <= set(names)
