"""Factories for the report tests: a scored scan, a PSO outcome, a fixed creation date."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from inclusief.pso.inputs import Employee, SupplierProfile
from inclusief.pso.outcome import PsoOutcome, calculate
from inclusief.questionnaires.load import load_file
from inclusief.questionnaires.model import Questionnaire
from inclusief.questionnaires.scoring import score_one
from inclusief.reports.scan_report import (
    ActionItem,
    BenchmarkRow,
    ScanBenchmark,
    ScanReportData,
    scan_report_data,
)

HERE = Path(__file__).resolve().parent
FIXED = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)

# dr: 83.3 (hoog); be: 16.7; er: 12.5 (a tie: Python shows 12); bl: 58.3; wv: 8.3;
# bg: 1 of 3 answered -> no score; rg: 8.3
ANSWERS: dict[str, int | None] = {
    "dr1": 4, "dr2": 2, "dr3": 5,
    "be1": 4, "be2": 5, "be3": 2,
    "er1": 1, "er2": 2, "er3": 9,
    "bl1": 3, "bl2": 4, "bl3": 3,
    "wv1": 1, "wv2": 1, "wv3": 2,
    "bg1": None, "bg2": 9, "bg3": 3,
    "rg1": 2, "rg2": 1, "rg3": 1,
}  # fmt: skip


@pytest.fixture(scope="session")
def proefscan() -> Questionnaire:
    return load_file(HERE / "proefscan.yaml")


def make_scan(
    q: Questionnaire,
    *,
    lang: str = "nl",
    mode: str = "session",
    notes: dict[str, str] | None = None,
    actions: list[ActionItem] | None = None,
    benchmark: bool = True,
    pso: PsoOutcome | None = None,
) -> ScanReportData:
    result = score_one(
        questionnaire=q, answers=ANSWERS, support_needs=["jobcarving", "subsidie"], lang=lang
    )
    bench = (
        ScanBenchmark(
            n_peers=14,
            group="50-99",
            rows=[
                BenchmarkRow(dimension_id=d.id, p25=35.5, p50=50, p75=66.5, n=14)
                for d in q.dimensions
            ],
        )
        if benchmark
        else None
    )
    return scan_report_data(
        questionnaire=q,
        result=result,
        organisation="Basisschool De Eikenhof",
        assessment_date=date(2026, 3, 5),
        mode=mode,  # type: ignore[arg-type]
        consultant="Anouk de Vries",
        consultant_notes=notes
        if notes is not None
        else {"werving": "De directeur bespreekt eerst de taken in groep 1-2 met het team."},
        benchmark=bench,
        pso=pso.ladder if pso else None,
        banenafspraak=pso.banenafspraak if pso else None,
        actions=actions
        if actions is not None
        else [
            ActionItem(
                what="Takeninventaris onderwijsassistenten maken",
                who="Directeur",
                due=date(2026, 4, 1),
                dimension_id="werving",
            )
        ],
    )


@pytest.fixture
def scan_factory(proefscan: Questionnaire) -> Callable[..., ScanReportData]:
    def factory(**kwargs: Any) -> ScanReportData:
        return make_scan(proefscan, **kwargs)

    return factory


@pytest.fixture(scope="session")
def pso_outcome() -> PsoOutcome:
    """1 wajong 25.5 h + 1 participatiewet 12.75 h + 40 others at 36 h, year 2026, with a
    supplier profile (so the growth path has a euro amount)."""
    people = [("wajong", 25.5), ("participatiewet", 12.75)] + [("geen", 36.0)] * 40
    employees = [
        Employee(
            employee_id=str(i),
            hours_per_week=hours,
            target_group=group,
            contract_type="regulier",
            intake_date=date(2024, 1, 1),
        )
        for i, (group, hours) in enumerate(people)
    ]
    supplier = SupplierProfile(turnover_eur=5_000_000, fte=150, direct_pct=60)
    return calculate(employees=employees, year=2026, supplier=supplier)


def pdf_text(pdf: bytes) -> list[str]:
    """Text of every page, whitespace runs folded to one space."""
    reader = PdfReader(io.BytesIO(pdf))
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in reader.pages]


def all_text(pdf: bytes) -> str:
    return " ".join(pdf_text(pdf))


def assert_renders_every_page(pdf: bytes, tmp_path: Path) -> None:
    """pdftoppm (poppler-utils) renders every page without a message; skip without it."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    src = tmp_path / "report.pdf"
    src.write_bytes(pdf)
    done = subprocess.run(
        ["pdftoppm", "-r", "30", "-png", str(src), str(tmp_path / "page")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert len(list(tmp_path.glob("page-*.png"))) == len(pdf_text(pdf))
