"""Generated research rows with planted personal data, shared by the research tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from inclusief.questionnaires.load import load_file
from inclusief.settings import get_settings

Q = load_file(Path(__file__).with_name("research_q.yaml"))
SECTORS = ["P", "Q", "G", "F", "C", "M", "onderwijs", "K", "xx-onbekend"]
SIZES = ["1-9", "10-49", "50-99", "100-249", "250-499", "500+", "37", "1200"]
PROVINCES = ["Utrecht", "Fryslân", "Limburg", "Gelderland", "Noord-Holland", "Drenthe", "Zeeland"]
PLANTED_NAMES = ["Jansen Schoonmaak BV", "Zorggroep De Linde", "Piet Pietersen"]
PLANTED_EMAIL = "piet.pietersen@example.nl"
PLANTED_NOTE = "Vertrouwelijk: reorganisatie in maart"
PLANTED_TOKEN = "tok_9f8e7d6c5b4a"


def make_rows(
    n: int = 400,
    *,
    n_orgs: int | None = None,
    seed: int = 0,
    sectors: list[str] | None = None,
    sizes: list[str] | None = None,
    provinces: list[str] | None = None,
) -> pd.DataFrame:
    """``n`` completed assessments with QIs, answers and planted names/e-mail/notes/tokens."""
    rng = np.random.default_rng(seed)
    n_orgs = n_orgs or max(1, n * 3 // 4)
    org = rng.integers(0, n_orgs, n)
    # an organisation keeps its sector, size and province across assessments
    org_sector = rng.choice(sectors or SECTORS, n_orgs)
    org_size = rng.choice(sizes or SIZES, n_orgs)
    org_prov = rng.choice(provinces or PROVINCES, n_orgs)
    days = rng.integers(0, 730, n)
    frame = pd.DataFrame(
        {
            "assessment_id": [f"a{i}" for i in range(n)],
            "organisation_id": [f"org{o}" for o in org],
            "organisation_name": [PLANTED_NAMES[o % len(PLANTED_NAMES)] for o in org],
            "contact_email": PLANTED_EMAIL,
            "notes": PLANTED_NOTE,
            "token": PLANTED_TOKEN,
            "consultant": "Karin de Vries",
            "questionnaire_id": Q.id,
            "questionnaire_version": Q.version,
            "status": "completed",
            "sector": org_sector[org],
            "size_class": org_size[org],
            "region": org_prov[org],
            "completed_at": pd.Timestamp("2024-01-01") + pd.to_timedelta(days, unit="D"),
        }
    )
    latent = rng.normal(0, 1, (n, 1))
    for item in Q.items:
        x = np.clip(np.round(3 + latent[:, 0] + rng.normal(0, 0.8, n)), 1, 5)
        if item.reverse:
            x = 6 - x
        u = rng.random(n)
        x = np.where(u < 0.05, np.nan, np.where(u < 0.09, 9, x))
        frame[item.id] = x
    return frame


def make_safe_rows(n: int = 200, *, seed: int = 0) -> pd.DataFrame:
    """Rows whose every class holds well over 5 organisations at level 0 (one sector, size
    and province; two quarters), so an export with k = 5 (the floor) keeps every row."""
    rows = make_rows(n, n_orgs=n, seed=seed, sectors=["P"], sizes=["10-49"], provinces=["Utrecht"])
    rows["completed_at"] = np.where(
        np.arange(n) % 2 == 0, pd.Timestamp("2025-02-01"), pd.Timestamp("2025-05-01")
    )
    return rows


@pytest.fixture(autouse=True)
def own_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Its own data dir for every test of a module that imports this fixture, so release
    files (one generalisation per questionnaire version and year) never leak between tests.
    (Not a conftest.py: other tests import ``conftest`` by name.)"""
    monkeypatch.setenv("INCLUSIEF_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()
