"""The jobs page (AppTest): start a job, see its progress and result, only one's own."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from inclusief.services import access, carving, jobs, organisations

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "inclusief/ui/pages/jobs.py")


def _page(user, lang: str = "nl") -> AppTest:  # type: ignore[no-untyped-def]
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["user"] = user
    at.session_state["lang"] = lang
    return at.run()


def _project(store, consultant) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    from inclusief.jobcarving.examples import example_candidates, example_inventories
    from inclusief.jobcarving.inventory import load_candidates, load_inventory

    org = organisations.create_organisation(
        actor=consultant,
        name="Basisschool De Wilg",
        sector="onderwijs",
        size_class="50-99",
        region="Utrecht",
        store=store,
    )
    inv = load_inventory(example_inventories()["primair_onderwijs"])
    cands = load_candidates(next(iter(example_candidates().values())), inventory=inv)
    project = carving.save_carving_project(
        actor=consultant,
        organisation_id=org.id,
        name="Schoolplein",
        inventory=inv.model_dump(mode="json"),
        candidates=[c.model_dump(mode="json") for c in cands][:2],
        result=None,
        store=store,
    )
    return org.id, project


def test_a_consultant_starts_a_carving_and_finds_its_result(
    store, consultant, other_consultant, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(access, "store_of", lambda given=None: given or store)
    _project(store, consultant)
    at = _page(consultant)
    assert not at.exception
    assert at.title[0].value == "Taken op de achtergrond"
    at.button(key="jobs_carve").click().run()
    assert not at.exception
    assert at.success and "klaar" in at.success[0].value
    mine = jobs.list_jobs(actor=consultant, store=store)
    assert [j.status for j in mine] == ["queued"]
    assert jobs.run_next(store=store) == "done"
    at = _page(consultant)  # a reload: the result is still there
    texts = " ".join(m.value for m in at.markdown)
    assert f"Jobcarving #{mine[0].id}: klaar" in texts
    assert any("banen" in m.value for m in at.markdown)
    other = _page(other_consultant)
    assert "Jobcarving" not in " ".join(m.value for m in other.markdown)


def test_a_researcher_starts_an_export_in_english(store, researcher, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(access, "store_of", lambda given=None: given or store)
    at = _page(researcher, "en")
    assert at.title[0].value == "Background jobs"
    at.button(key="jobs_export").click().run()
    assert not at.exception
    assert [j.kind for j in jobs.list_jobs(actor=researcher, store=store)] == ["research_export"]
    assert any("Research export #" in m.value for m in at.markdown)


def test_the_page_is_closed_to_guests_and_admins(store, admin, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(access, "store_of", lambda given=None: given or store)
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert at.error and not at.title
    assert _page(admin).error


def test_the_carving_page_sends_a_carving_to_the_background(store, consultant, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The carving page's tables, carved by a worker: the same result as the engine's."""
    monkeypatch.setattr(access, "store_of", lambda given=None: given or store)
    org = organisations.create_organisation(
        actor=consultant,
        name="Basisschool De Regenboog",
        sector="onderwijs",
        size_class="50-99",
        region="Utrecht",
        store=store,
    )
    at = AppTest.from_file(str(ROOT / "inclusief/ui/pages/carving.py"), default_timeout=120)
    at.session_state["user"] = consultant
    at.run()
    at.selectbox(key="carving_example").set_value("primair_onderwijs").run()
    at.selectbox(key="carving_cand_example").set_value("kandidaten_voorbeeld").run()
    at.button(key="carving_job").click().run()
    assert not at.exception and not at.error
    assert any("Taken" in s.value for s in at.success)
    [job] = jobs.list_jobs(actor=consultant, store=store)
    assert job.kind == "carving" and job.organisation_id == org.id and job.status == "queued"
    assert jobs.run_next(store=store) == "done"
    at.button(key="carving_run").click().run()  # the same tables carved in the page
    inline = at.session_state["carving_state_run"].result
    done = jobs.get_job(actor=consultant, job_id=job.id, store=store)
    assert done.result is not None
    assert done.result["objective"]["jobs"] == inline.objective.jobs
