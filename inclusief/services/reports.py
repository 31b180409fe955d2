"""Report data for the PDFs and the pages, assembled from the role-checked services.

The peer benchmark reads other organisations' finished scans on the server's behalf and
hands back only quartiles and ranks (never names or single scores), and only when the peer
group is large enough (``Settings.peer_min_group``).

The scan report shows the organisation's latest saved PSO calculation (the PSO page saves
the whole :class:`~inclusief.pso.outcome.PsoOutcome`), to whoever may see the assessment.
"""

from __future__ import annotations

from datetime import date

from pydantic import ValidationError

from inclusief.i18n import t
from inclusief.pso.outcome import PsoOutcome
from inclusief.reports.scan_report import ActionItem as ReportAction
from inclusief.reports.scan_report import ScanBenchmark, ScanReportData, scan_report_data
from inclusief.research.benchmark import PeerBenchmark, peer_benchmark, peers_from, scores_of
from inclusief.research.rows import prepare
from inclusief.services import access, scan
from inclusief.services import notes as notes_service
from inclusief.services import pso as pso_service
from inclusief.services import research as research_service
from inclusief.settings import get_settings
from inclusief.store import accounts
from inclusief.store import organisations as organisation_rows
from inclusief.store.db import Store


def peer_benchmark_for(
    *,
    actor: access.Actor,
    assessment_id: int,
    lang: str = "nl",
    same_sector: bool = False,
    store: Store | None = None,
) -> PeerBenchmark:
    """Where this assessment stands among peers of the same size class (and sector)."""
    a = scan.get_assessment(actor=actor, assessment_id=assessment_id, store=store)  # access check
    with access.session(store) as s:
        org = organisation_rows.get(s, a.organisation_id)
        assert org is not None
        size_class, sector = org.size_class, org.sector
    q = scan.get_questionnaire(a.questionnaire_id, a.questionnaire_version, store=store)
    result = scan.assessment_result(
        actor=actor, assessment_id=assessment_id, lang=lang, store=store
    )
    # on the server's behalf: only quartiles and ranks leave this function
    rows = research_service.research_rows(
        None, a.questionnaire_id, store=store, system="peer-benchmark"
    )
    if rows.empty:
        needed = get_settings().peer_min_group
        return PeerBenchmark(
            available=False,
            reason=t("research.peer_too_small", lang, found=0, needed=needed),
            n_found=0,
            n_needed=needed,
            size_class=size_class,
        )
    peers = peers_from(prepare(rows, questionnaire=q, file="database"))
    return peer_benchmark(
        questionnaire=q,
        scores=scores_of(result),
        peers=peers,
        size_class_value=size_class,
        sector=sector if same_sector else None,
        organisation_id=str(a.organisation_id),
        lang=lang,
    )


def latest_pso_outcome(
    *, actor: access.Actor, assessment_id: int, store: Store | None = None
) -> PsoOutcome | None:
    """The organisation's latest saved PSO outcome, or None (none saved, or saved in a shape
    this version no longer reads: the report then leaves the PSO page out)."""
    record = pso_service.latest_pso_for_assessment(
        actor=actor, assessment_id=assessment_id, store=store
    )
    if record is None:
        return None
    try:
        return PsoOutcome.model_validate(record["result"])
    except ValidationError:
        return None


def report_data_for(
    *,
    actor: access.Actor,
    assessment_id: int,
    lang: str = "nl",
    store: Store | None = None,
    with_benchmark: bool = True,
) -> ScanReportData:
    """Everything the scan PDF shows for a stored assessment, in ``lang``."""
    a = scan.get_assessment(actor=actor, assessment_id=assessment_id, store=store)
    q = scan.get_questionnaire(a.questionnaire_id, a.questionnaire_version, store=store)
    result = scan.assessment_result(
        actor=actor, assessment_id=assessment_id, lang=lang, store=store
    )
    with access.session(store) as s:
        org = organisation_rows.get(s, a.organisation_id)
        assert org is not None
        org_name = org.name
    notes: dict[str, str] = {}
    actions: list[ReportAction] = []
    if isinstance(actor, access.Principal):
        notes = {
            k: v
            for k, v in notes_service.list_notes(
                actor=actor, assessment_id=assessment_id, store=store
            ).items()
            if v.strip()
        }
        actions = [
            ReportAction(
                what=x.what, who=x.who, due=x.due, dimension_id=x.dimension_id, done=x.done
            )
            for x in notes_service.list_actions(
                actor=actor, assessment_id=assessment_id, store=store
            )
        ]
    benchmark = None
    if with_benchmark:
        peer = peer_benchmark_for(actor=actor, assessment_id=assessment_id, lang=lang, store=store)
        benchmark = ScanBenchmark.from_research(peer)
    pso = latest_pso_outcome(actor=actor, assessment_id=assessment_id, store=store)
    when = (a.finished_at or a.updated_at).date() if a.finished_at or a.updated_at else date.today()
    return scan_report_data(
        questionnaire=q,
        result=result,
        organisation=org_name,
        assessment_date=when,
        mode="session" if a.mode == "session" else "self",
        consultant=_consultant_name(actor, store),
        consultant_notes=notes,
        benchmark=benchmark,
        pso=pso.ladder if pso is not None else None,
        banenafspraak=pso.banenafspraak if pso is not None else None,
        pso_trend=pso_service.pso_trend_for_assessment(
            actor=actor, assessment_id=assessment_id, lang=lang, store=store
        )
        if pso is not None
        else None,
        actions=actions,
    )


def _consultant_name(actor: access.Actor, store: Store | None) -> str | None:
    """The consultant by name (``users.name``), else by e-mail; none for an employer."""
    if not isinstance(actor, access.Principal):
        return None
    with access.session(store) as s:
        user = accounts.by_id(s, actor.id)
        name = (user.name or "").strip() if user is not None else ""
    return name or actor.shown_name
