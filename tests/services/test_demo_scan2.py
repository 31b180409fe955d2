"""Demo data in werkgeversscan 2.0 (issue 20): sensible answers of every item type, the
version change in the named organisations' trend, and the research reliability of 2.0 on
the demo data."""

from __future__ import annotations

import pandas as pd

from inclusief.questionnaires.load import load_shipped
from inclusief.research.reliability import research_reliability
from inclusief.research.rows import prepare
from inclusief.services import accounts, demo, organisations, scan
from inclusief.services import research as research_service

Q2 = load_shipped("werkgeversscan", "2.0")


def test_demo_scans_are_2_0_with_sensible_facts_and_reliable_dimensions(store) -> None:
    demo.seed(store)
    consultant = accounts.authenticate(demo.DEMO_USERS[0][0], demo.DEMO_PASSWORD, store=store)
    orgs = organisations.list_organisations(actor=consultant, store=store)
    assert all(o.municipality for o in orgs)

    rows = research_service.research_rows(None, "werkgeversscan", store=store)
    versions = rows["questionnaire_version"].value_counts().to_dict()
    assert versions == {"2.0": len(orgs), "1.0": 2}
    v2 = rows[rows["questionnaire_version"] == "2.0"]
    # facts: yes/no are 0/1/9, a number of people is 0 where nobody works yet, lists are sums
    assert set(v2["ev_nu"].dropna()) <= {0, 1, 9} and {0, 1} <= set(v2["ev_nu"].dropna())
    nobody = v2[v2["ev_nu"] == 0]
    assert (nobody["ev_aantal"].dropna().isin([0, -9])).all()
    vormen = Q2.scale("vormen")
    assert all(vormen.accepts(v) for v in v2["ev_vormen"].dropna())
    assert (v2["ev_vormen"].dropna() == 98).any()  # niet van toepassing: never done
    assert v2["in_aantal"].dropna().between(-9, 9999).all()

    data = prepare(rows, questionnaire=Q2, file="demo")
    assert data.counts.rows_used == len(orgs) and data.counts.other_version == 2
    result = research_reliability(data)
    assert result.available and result.report is not None
    alphas = {d.dimension: d.alpha.alpha for d in result.report.dimensions}
    assert set(alphas) == {d.id for d in Q2.dimensions}
    # One tendency per organisation drives every scored item (uniform 2.2-4.3, variance
    # 2.1^2/12), plus noise (sd 0.9) and rounding (1/12): item correlation rho = var_t /
    # (var_t + var_e), and alpha the Spearman-Brown value k rho / (1 + (k - 1) rho), about
    # 0.6-0.75 here (docs/werkgeversscan.md). With 34 organisations alpha varies by about
    # 0.1, so the band is wide; a broken generator (no shared tendency) lands near 0.
    var_t, var_e = 2.1**2 / 12, 0.9**2 + 1 / 12
    rho = var_t / (var_t + var_e)
    for dim in Q2.dimensions:
        k = sum(Q2.is_scored(i) for i in dim.items)
        expected = k * rho / (1 + (k - 1) * rho)
        observed = alphas[dim.id]
        assert observed is not None and abs(observed - expected) < 0.2, (dim.id, observed, expected)


def test_the_named_organisations_trend_marks_the_version_change(store) -> None:
    from inclusief.questionnaires.charts import version_changes

    demo.seed(store)
    consultant = accounts.authenticate(demo.DEMO_USERS[0][0], demo.DEMO_PASSWORD, store=store)
    school = next(
        o
        for o in organisations.list_organisations(actor=consultant, store=store)
        if o.name == demo.NAMED[0][0]
    )
    trend = scan.trend(actor=consultant, organisation_id=school.id, store=store)
    changes = version_changes(trend)
    assert changes[["version_from", "version_to"]].values.tolist() == [["1.0", "2.0"]]
    result = scan.assessment_result(
        actor=consultant,
        assessment_id=max(
            a.id
            for a in scan.list_assessments(actor=consultant, organisation_id=school.id, store=store)
            if a.status == "finished"
        ),
        store=store,
    )
    assert result.version == "2.0" and result.region is not None
    assert isinstance(trend, pd.DataFrame)
