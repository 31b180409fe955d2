"""Anonymised research export of placements and their check-ins (issue #19).

Two tables, linked by a ``pseudo_id`` made fresh for every export (as
:mod:`inclusief.research.export`):

- **placements**: the employer's generalised quasi-identifiers (sector, size class, region,
  start period), k-anonymous over *organisations* with the same lattice and suppression as
  the scan export (:func:`inclusief.research.anonymise.k_anonymise`); then coded facts:
  route, contract type, hours band, carved job (0/1), one 0/1 column per scheme, months in
  the placement (whole months, so an exact start or end date is not exported), ended (0/1),
  event (0/1: ended for a reason that counts in the retention figures) and the end reason.
- **checkins**: per finished check-in of a kept placement: the point, the respondent, the
  overall score and the answer codes (skipped = -1, "weet niet" = the scale's own code;
  both user-missing in SPSS). Items of the other respondent's questionnaire stay empty.

Never exported: names, pseudonyms, job titles, jobcoach or contact names, notes, comments,
exact dates, organisation or placement ids. Categories are numbered 1.. in the order of the
data file, with value labels in the SPSS files and the codebook.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from inclusief.questionnaires.model import Questionnaire
from inclusief.research.anonymise import (
    DEFAULT_MAX_SUPPRESSION,
    QI_COLUMNS,
    AnonymityLog,
    generalise_base,
    k_anonymise,
)
from inclusief.research.export import PSEUDO_ID, pseudo_ids
from inclusief.research.tabular import to_csv_bytes, to_xlsx_bytes, write_sav

DAYS_PER_MONTH = 365.25 / 12
SKIPPED = -1
RESPONDENT_CODES = {"worker": 1, "employer": 2}
CATEGORY_COLUMNS = ("route", "contract_type", "hours_band", "end_reason")


@dataclass
class PlacementExport:
    placements: pd.DataFrame
    checkins: pd.DataFrame
    codebook: pd.DataFrame
    codebook_json: dict[str, Any]
    log: AnonymityLog | None
    value_labels: dict[str, dict[int, str]]
    variable_labels: dict[str, str]
    missing: dict[str, list[int]]


def _numbered(pairs: Sequence[tuple[str, str]]) -> tuple[dict[str, int], dict[int, str]]:
    return {c: i for i, (c, _) in enumerate(pairs, 1)}, {
        i: lab for i, (_, lab) in enumerate(pairs, 1)
    }


def build_placement_export(
    *,
    placements: pd.DataFrame,
    checkins: pd.DataFrame,
    worker: Questionnaire,
    employer: Questionnaire,
    categories: dict[str, list[tuple[str, str]]],
    schemes: list[tuple[str, str]],
    points: list[str],
    k: int,
    max_suppression: float = DEFAULT_MAX_SUPPRESSION,
) -> PlacementExport:
    value_labels: dict[str, dict[int, str]] = {}
    numbers: dict[str, dict[str, int]] = {}
    for col in CATEGORY_COLUMNS:
        numbers[col], value_labels[col] = _numbered(categories[col])
    value_labels["end_reason"][0] = "Niet beëindigd"
    numbers["point"], value_labels["point"] = _numbered([(p, p) for p in points])
    value_labels["respondent"] = {1: "Werknemer", 2: "Werkgever"}
    for flag in ("carved", "ended", "event", *[f"scheme_{c}" for c, _ in schemes]):
        value_labels[flag] = {0: "Nee", 1: "Ja"}
    items = [(q, item, scale) for q in (worker, employer) for _d, item, scale in q.iter_items()]
    missing: dict[str, list[int]] = {}
    for _q, item, scale in items:
        value_labels[item.id] = {o.code: o.label.nl for o in scale.options}
        missing[item.id] = [SKIPPED]
        value_labels[item.id][SKIPPED] = "Overgeslagen"
        if scale.dont_know:
            value_labels[item.id][scale.dont_know.code] = scale.dont_know.label.nl
            missing[item.id].append(scale.dont_know.code)

    log: AnonymityLog | None = None
    p_cols = [PSEUDO_ID, *QI_COLUMNS, *CATEGORY_COLUMNS[:3], "carved"]
    p_cols += [f"scheme_{c}" for c, _ in schemes] + ["months", "ended", "event", "end_reason"]
    c_cols = [PSEUDO_ID, "point", "respondent", "questionnaire_version", "overall"]
    c_cols += [item.id for _q, item, _s in items]
    if placements.empty:
        out_p = pd.DataFrame(columns=p_cols)
        out_c = pd.DataFrame(columns=c_cols)
    else:
        base, _unknown = generalise_base(placements, file="placements")
        anon = k_anonymise(
            base, organisations=placements["organisation_id"], k=k, max_suppression=max_suppression
        )
        log = anon.log
        kept = placements.loc[anon.keep].reset_index(drop=True)
        qis = anon.qis.reset_index(drop=True)
        ids = pseudo_ids(len(kept))
        pseudo = dict(zip(kept["placement_id"], ids, strict=True))
        data: dict[str, Any] = {PSEUDO_ID: ids}
        for qi in QI_COLUMNS:
            data[qi] = qis[qi].astype(str).to_numpy()
        for col in CATEGORY_COLUMNS[:3]:
            data[col] = kept[col].map(numbers[col]).astype("int64").to_numpy()
        data["carved"] = kept["carved"].astype("int64").to_numpy()
        for code, _ in schemes:
            data[f"scheme_{code}"] = [int(code in (s or [])) for s in kept["schemes"]]
        data["months"] = (kept["duration_days"] // DAYS_PER_MONTH).astype("int64").to_numpy()
        data["ended"] = kept["ended"].astype("int64").to_numpy()
        data["event"] = kept["event"].astype("int64").to_numpy()
        data["end_reason"] = [
            numbers["end_reason"].get(r, 0) if r else 0 for r in kept["end_reason"]
        ]
        out_p = pd.DataFrame(data).sort_values(PSEUDO_ID, ignore_index=True)
        records = []
        if not checkins.empty:
            for _, row in checkins[checkins["placement_id"].isin(pseudo)].iterrows():
                rec: dict[str, Any] = {
                    PSEUDO_ID: pseudo[row["placement_id"]],
                    "point": numbers["point"].get(str(row["point"]), 0),
                    "respondent": RESPONDENT_CODES[str(row["respondent"])],
                    "questionnaire_version": str(row["questionnaire_version"]),
                    "overall": None if pd.isna(row["overall"]) else round(float(row["overall"]), 2),
                }
                own = worker if row["respondent"] == "worker" else employer
                for q, item, _scale in items:
                    if q is not own:
                        rec[item.id] = np.nan
                        continue
                    value = row.get(item.id)
                    rec[item.id] = SKIPPED if value is None or pd.isna(value) else int(value)
                records.append(rec)
        out_c = pd.DataFrame(records, columns=c_cols).sort_values(
            [PSEUDO_ID, "point", "respondent"], ignore_index=True
        )
        for _q, item, _s in items:
            out_c[item.id] = out_c[item.id].astype("float64")
        out_c["overall"] = out_c["overall"].astype("float64")

    variable_labels = {
        PSEUDO_ID: "Pseudoniem van de plaatsing, per export nieuw (niet te koppelen)",
        "sector": "Sector werkgever (gegeneraliseerd)",
        "size_class": "Grootteklasse werkgever (gegeneraliseerd)",
        "region": "Regio werkgever: landsdeel (gegeneraliseerd)",
        "period": "Startperiode van de plaatsing (kwartaal of jaar)",
        "route": "Doelgroeproute",
        "contract_type": "Soort contract",
        "hours_band": "Uren per week bij de start (klasse)",
        "carved": "Baan gemaakt met jobcarving",
        "months": "Hele maanden in de plaatsing (tot einde of exportdatum)",
        "ended": "Plaatsing beëindigd",
        "event": "Beëindigd om een reden die telt als uitval (retentiecijfers)",
        "end_reason": "Reden van beëindigen",
        "point": "Moment van de check-in",
        "respondent": "Invuller van de check-in",
        "questionnaire_version": "Versie van de vragenlijst",
        "overall": "Totaalscore check-in (0-100)",
    }
    for code, label in schemes:
        variable_labels[f"scheme_{code}"] = f"Regeling gebruikt: {label}"
    for _q, item, _s in items:
        variable_labels[item.id] = item.text.nl
    table = pd.DataFrame(
        [
            {
                "table": "checkins" if var in c_cols and var != PSEUDO_ID else "placements",
                "variable": var,
                "label_nl": label,
                "values": "; ".join(
                    f"{c}={v}" for c, v in sorted(value_labels.get(var, {}).items())
                ),
                "missing": ", ".join(str(m) for m in missing.get(var, [])),
            }
            for var, label in variable_labels.items()
        ]
    )
    document = {
        "created_at": datetime.now(UTC).strftime("%Y-%m-%d"),
        "k": k,
        "anonymity": log.model_dump() if log else None,
        "questionnaires": {q.id: q.version for q in (worker, employer)},
        "variables": [
            {
                "variable": var,
                "label_nl": label,
                "value_labels": {str(c): v for c, v in value_labels.get(var, {}).items()},
                "missing": missing.get(var, []),
            }
            for var, label in variable_labels.items()
        ],
    }
    return PlacementExport(
        placements=out_p,
        checkins=out_c,
        codebook=table,
        codebook_json=document,
        log=log,
        value_labels=value_labels,
        variable_labels=variable_labels,
        missing=missing,
    )


def _sav(export: PlacementExport, frame: pd.DataFrame, label: str) -> bytes:
    cols = list(frame.columns)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "data.sav"
        write_sav(
            frame,
            path,
            file_label=label,
            variable_labels={c: export.variable_labels.get(c, c) for c in cols},
            value_labels={
                c: dict(export.value_labels[c].items())  # type: ignore[misc]
                for c in cols
                if c in export.value_labels
            },
            missing={c: [float(m) for m in export.missing[c]] for c in cols if c in export.missing},
        )
        return path.read_bytes()


def placement_files(
    export: PlacementExport, formats: Sequence[str] = ("csv", "xlsx", "sav")
) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    if "csv" in formats:
        out["plaatsingen.csv"] = to_csv_bytes(export.placements)
        out["checkins.csv"] = to_csv_bytes(export.checkins)
        out["codeboek.csv"] = to_csv_bytes(export.codebook)
    if "xlsx" in formats:
        out["plaatsingen.xlsx"] = to_xlsx_bytes(
            {
                "plaatsingen": export.placements,
                "checkins": export.checkins,
                "codeboek": export.codebook,
            }
        )
    if "sav" in formats:
        out["plaatsingen.sav"] = _sav(export, export.placements, "Inclusief plaatsingen")
        out["checkins.sav"] = _sav(export, export.checkins, "Inclusief check-ins")
    out["codeboek.json"] = json.dumps(export.codebook_json, ensure_ascii=False, indent=2).encode(
        "utf-8"
    )
    return out


def placement_zip(
    export: PlacementExport, formats: Sequence[str] = ("csv", "xlsx", "sav")
) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in placement_files(export, formats).items():
            zf.writestr(name, content)
    return buffer.getvalue()
