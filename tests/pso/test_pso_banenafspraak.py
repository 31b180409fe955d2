"""Banenafspraak by hand: 25.5 h = 1 job; the quota applies above 40,575 paid hours a year.

Figures: inclusief/pso/banenafspraak.yaml (2026: Wet banenafspraak, quota 2.58% from one
source, not activated (denormaalstezaak.nl Q&A 2025), threshold 40,575 h assumed; 2025: Wet
bqa, levy EUR 5,000 per missing job, quota % not found; 1,326 = 25.5 x 52 hours a year).
"""

from __future__ import annotations

from datetime import date

import pytest

from inclusief.pso import banenafspraak as ba_module
from inclusief.pso.banenafspraak import compute_banenafspraak
from inclusief.pso.data import MaybeFlag, banenafspraak_data
from inclusief.pso.inputs import Employee


def emp(
    i: int,
    hours: float,
    group: str = "geen",
    end: date | None = None,
    register: str | None = None,
) -> Employee:
    return Employee(
        employee_id=str(i),
        hours_per_week=hours,
        target_group=group,
        contract_type="regulier",
        intake_date=date(2024, 1, 1),
        end_date=end,
        in_register=register,
    )


def activated(monkeypatch: pytest.MonkeyPatch, year: int, quota: float | None = None) -> None:
    """The data file with the quota scheme activated for ``year`` (both sectors): a scenario
    the data file does not hold today, to test what would then be due."""
    data = banenafspraak_data()
    figures = data.years[year]
    flag = MaybeFlag(value=True, source="test")
    update: dict[str, object] = {
        "activated": figures.activated.model_copy(update={"markt": flag, "overheid": flag})
    }
    if quota is not None:
        pct = figures.quota_pct.markt.model_copy(update={"value": quota})
        update["quota_pct"] = figures.quota_pct.model_copy(update={"markt": pct, "overheid": pct})
    years = {**data.years, year: figures.model_copy(update=update)}
    patched = data.model_copy(update={"years": years})
    monkeypatch.setattr(ba_module, "banenafspraak_data", lambda: patched)


def test_the_register_codes_are_in_the_data_file() -> None:
    codes = set(banenafspraak_data().doelgroepregister.codes)
    assert {"wajong", "wsw", "participatiewet", "vso_pro", "wiw_id"} <= codes
    assert not {"ww_6m", "geen", "bbl_bol_1", "statushouder"} & codes


def test_jobs_count_doelgroepregister_hours_only() -> None:
    """wajong 25.5 + participatiewet 12.75 = 38.25 h / 25.5 = 1.5 jobs; WW is not registered."""
    people = [
        emp(1, 25.5, "wajong"),
        emp(2, 12.75, "participatiewet"),
        emp(3, 40, "ww_6m"),
        emp(4, 40),
    ]
    r = compute_banenafspraak(employees=people, year=2026)
    assert r.jobs == pytest.approx(1.5)
    assert r.target_group_hours_week == pytest.approx(38.25)


def test_a_job_of_more_than_25_5_hours_counts_as_more_than_one() -> None:
    """36 h wsw / 25.5 = 1.4118 jobs."""
    assert compute_banenafspraak(employees=[emp(1, 36, "wsw")], year=2026).jobs == pytest.approx(
        36 / 25.5
    )


def test_headcount_does_not_make_the_quota_apply() -> None:
    """25 people x 10 h = 250 h/week x 52 = 13,000 h/year: 25 employees, but far below
    40,575 paid hours, so "niet van toepassing" (the hours test is the legal one)."""
    r = compute_banenafspraak(employees=[emp(i, 10) for i in range(25)], year=2026)
    assert r.paid_hours_year == 13_000 and r.employees == 25
    assert r.quota_applies is False and r.status == "not_applicable"
    assert r.due_eur == 0 and r.scenarios == []


def test_a_school_of_30_part_timers_below_the_threshold_is_not_applicable() -> None:
    """A school (onderwijs counts as overheid): 30 teachers x 24 h x 52 = 37,440 h < 40,575."""
    r = compute_banenafspraak(
        employees=[emp(i, 24) for i in range(30)], year=2026, sector="onderwijs"
    )
    assert r.sector == "overheid" and r.sector_choice == "onderwijs"
    assert r.paid_hours_year == pytest.approx(37_440)
    assert r.status == "not_applicable" and r.quota_applies is False


def test_quota_applies_above_40575_paid_hours() -> None:
    """20 x 39 h x 52 = 40,560 (not above 40,575); 20 x 39.1 x 52 = 40,664 (above)."""
    below = compute_banenafspraak(employees=[emp(i, 39) for i in range(20)], year=2026)
    assert below.paid_hours_year == pytest.approx(40_560) and not below.quota_applies
    above = compute_banenafspraak(employees=[emp(i, 39.1) for i in range(20)], year=2026)
    assert above.paid_hours_year == pytest.approx(40_664) and above.quota_applies
    assert above.hours_threshold == 40_575 and above.hours_threshold_assumed


def test_required_jobs_2026_not_activated_nothing_due() -> None:
    """99 x 40 h + 1 x 25.5 h wajong.

    Paid hours: (99 x 40 + 25.5) x 52 = 3,985.5 x 52 = 207,246 h.
    required = 0.0258 x 207,246 / 1,326 = 5,346.947 / 1,326 = 4.03239 jobs;
    filled 25.5 / 25.5 = 1 job; missing 3.03239. Not activated in 2026: nothing is due, the
    surcharge is a scenario without an amount (its rate was not found).
    """
    people = [emp(i, 40) for i in range(99)] + [emp(99, 25.5, "wajong")]
    r = compute_banenafspraak(employees=people, year=2026)
    assert r.regime == "wet_banenafspraak"
    assert r.paid_hours_year == pytest.approx(207_246)
    assert r.required_jobs == pytest.approx(0.0258 * 207_246 / 1326)
    assert r.required_jobs == pytest.approx(4.03239, abs=1e-5)
    assert r.missing_jobs == pytest.approx(r.required_jobs - 1)
    assert r.quota_single_source and r.activated is False
    assert r.status == "not_activated" and r.due_eur == 0
    assert [(s.kind, s.amount_eur) for s in r.scenarios] == [("surcharge", None)]
    assert r.scenarios[0].jobs == pytest.approx(3.03239, abs=1e-5)


def test_above_the_quota_the_bonus_is_a_scenario_without_amount() -> None:
    """30 x 40 h + 2 x 25.5 h wajong: (1,200 + 51) x 52 = 65,052 h; required
    0.0258 x 65,052 / 1,326 = 1.2657 < 2 jobs, so 0.7343 jobs above the quota."""
    people = [emp(i, 40) for i in range(30)] + [emp(30, 25.5, "wajong"), emp(31, 25.5, "wajong")]
    r = compute_banenafspraak(employees=people, year=2026)
    assert r.quota_applies and r.missing_jobs == 0
    assert r.surplus_jobs == pytest.approx(2 - 0.0258 * 65_052 / 1326)
    assert r.surplus_jobs == pytest.approx(0.7343, abs=1e-4)
    assert [(s.kind, s.amount_eur) for s in r.scenarios] == [("bonus", None)]


def test_new_law_activated_still_shows_no_amount_without_a_rate(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """If 2026 were activated: status activated, but the surcharge rate is not in the data
    file, so due_eur is None (no amount claimed) and there is no scenario."""
    activated(monkeypatch, 2026)
    people = [emp(i, 40) for i in range(99)] + [emp(99, 25.5, "wajong")]
    r = compute_banenafspraak(employees=people, year=2026)
    assert r.status == "activated" and r.due_eur is None and r.scenarios == []


def test_old_law_levy_when_activated(monkeypatch: pytest.MonkeyPatch) -> None:
    """2025 under the Wet bqa with a quota of 2.58% given and the scheme activated:
    levy = EUR 5,000 x 3.03239 missing jobs = EUR 15,161.94 (the case above)."""
    activated(monkeypatch, 2025, quota=2.58)
    people = [emp(i, 40) for i in range(99)] + [emp(99, 25.5, "wajong")]
    r = compute_banenafspraak(employees=people, year=2025)
    assert r.regime == "wet_bqa" and r.status == "activated"
    assert r.due_eur == pytest.approx(15_161.94, abs=0.01)


def test_old_law_not_activated_levy_is_a_labelled_scenario(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = banenafspraak_data()
    figures = data.years[2025]
    pct = figures.quota_pct.markt.model_copy(update={"value": 2.58})
    off = MaybeFlag(value=False, source="test")
    patched = data.model_copy(
        update={
            "years": {
                **data.years,
                2025: figures.model_copy(
                    update={
                        "quota_pct": figures.quota_pct.model_copy(update={"markt": pct}),
                        "activated": figures.activated.model_copy(update={"markt": off}),
                    }
                ),
            }
        }
    )
    monkeypatch.setattr(ba_module, "banenafspraak_data", lambda: patched)
    people = [emp(i, 40) for i in range(99)] + [emp(99, 25.5, "wajong")]
    r = compute_banenafspraak(employees=people, year=2025)
    assert r.status == "not_activated" and r.due_eur == 0
    (scenario,) = r.scenarios
    assert scenario.kind == "levy" and scenario.amount_eur == pytest.approx(15_161.94, abs=0.01)
    assert "€ 5.000" in scenario.basis.nl and "€5,000" in scenario.basis.en


def test_2025_has_the_old_law_but_no_quota_percentage() -> None:
    people = [emp(i, 40) for i in range(30)]
    r = compute_banenafspraak(employees=people, year=2025)
    assert r.regime == "wet_bqa" and r.quota_applies is True
    assert r.quota_pct is None and r.required_jobs is None and r.missing_jobs is None
    assert r.activated is None and r.status == "activation_unknown"
    assert r.due_eur is None and r.scenarios == []
    assert any("2025" in m.nl and "niet gevonden" in m.nl for m in r.messages)


def test_register_column_decides_and_the_code_is_a_different_fact() -> None:
    """wajong + ja counts; wajong + nee does not; 'geen' + ja counts (registered, no PSO
    group); onbekend does not count and is reported. (25.5 + 25.5) / 25.5 = 2 jobs."""
    people = [
        emp(1, 25.5, "wajong", register="ja"),
        emp(2, 25.5, "wajong", register="nee"),
        emp(3, 25.5, "geen", register="ja"),
        emp(4, 25.5, "participatiewet", register="onbekend"),
    ]
    r = compute_banenafspraak(employees=people, year=2026)
    assert r.jobs == pytest.approx(2.0)
    assert r.register_basis == "column" and r.register_unknown == 1
    assert any("1 medewerker" in m.nl for m in r.messages)
    assert not any("geen kolom" in m.nl for m in r.messages)


def test_without_the_register_column_the_code_is_assumed_with_a_warning() -> None:
    r = compute_banenafspraak(employees=[emp(1, 25.5, "wajong")], year=2026)
    assert r.jobs == pytest.approx(1.0) and r.register_basis == "code"
    assert any("in_doelgroepregister" in m.nl for m in r.messages)


def test_only_people_employed_in_the_year_count() -> None:
    """A wajong worker who left on 31 Dec 2025 adds neither jobs nor hours in 2026."""
    people = [emp(1, 40), emp(2, 25.5, "wajong", end=date(2025, 12, 31))]
    r = compute_banenafspraak(employees=people, year=2026)
    assert r.jobs == 0 and r.employees == 1 and r.paid_hours_year == 40 * 52


@pytest.mark.parametrize("year", [2024, 2027])
def test_a_year_without_figures_says_so_and_keeps_the_count(year: int) -> None:
    r = compute_banenafspraak(employees=[emp(1, 25.5, "wajong"), emp(2, 40)], year=year)
    assert r.status == "figures_missing" and r.jobs == pytest.approx(1.0)
    assert r.regime == ("wet_bqa" if year < 2026 else "wet_banenafspraak")
    assert r.quota_applies is None and r.required_jobs is None and r.due_eur is None
    assert "bekende jaren: 2025, 2026" in r.messages[0].nl


def test_before_2015_there_was_no_banenafspraak() -> None:
    r = compute_banenafspraak(employees=[emp(1, 40)], year=2012)
    assert r.regime is None and r.status == "figures_missing"


def test_a_trial_placement_is_not_paid_employment() -> None:
    """A wajong employee on a proefplaatsing keeps the benefit and gets no wage: a counted job
    is 25.5 *paid* hours (shared/domain/banenafspraak.md), so 25.5 h regulier wajong = 1 job
    and the 25.5 h proefplaatsing adds neither jobs nor paid hours (2 x 40 x 52 + 25.5 x 52)."""
    trial = emp(3, 25.5, "wajong").model_copy(update={"contract_type": "proefplaatsing"})
    people = [emp(1, 40), emp(2, 40), emp(4, 25.5, "wajong"), trial]
    r = compute_banenafspraak(employees=people, year=2026)
    assert r.jobs == pytest.approx(1.0)
    assert r.paid_hours_year == pytest.approx((40 + 40 + 25.5) * 52)
    assert r.employees == 3
    assert banenafspraak_data().unpaid_contracts.codes == ["proefplaatsing"]


def test_a_result_saved_in_the_old_shape_is_re_assessed() -> None:
    """Saved before issue #13: 'quota_applies: true' and a 'levy_eur' in euros. Loaded now,
    it is 2026 under the Wet banenafspraak, not activated: nothing due, register by code."""
    old = {
        "year": 2026,
        "jobs": 1.5,
        "target_group_hours_week": 38.25,
        "employees": 42,
        "paid_hours_year": 1478.25 * 52,
        "quota_applies": True,
        "quota_pct": 2.58,
        "quota_source": "one source",
        "quota_single_source": True,
        "required_jobs": 1.5,
        "missing_jobs": 0.0,
        "levy_eur_per_job": 5000,
        "levy_eur": 0.0,
        "notice": {"nl": "Schatting", "en": "Estimate"},
    }
    from inclusief.pso.banenafspraak import BanenafspraakResult

    r = BanenafspraakResult.model_validate(old)
    assert r.status == "not_activated" and r.due_eur == 0 and r.register_basis == "code"
    assert r.jobs == pytest.approx(1.5) and r.paid_hours_year == pytest.approx(1478.25 * 52)
    assert r.required_jobs == pytest.approx(0.0258 * 1478.25 * 52 / 1326)
    new = compute_banenafspraak(employees=[emp(1, 25.5, "wajong")], year=2026)
    assert BanenafspraakResult.model_validate(new.model_dump(mode="json")) == new
