"""Anonymised research export of completed assessments, with a codebook and a log.

What a row holds (a whitelist: the frame is built from these columns only, so names,
e-mail addresses, notes, free text and tokens in the input can never reach the output):

- ``pseudo_id``: 16 hex characters from :mod:`secrets`, made fresh for every export, so two
  exports cannot be linked through it. Rows are ordered by it, which shuffles them.
- ``questionnaire_id``, ``questionnaire_version``: from the definition, not from the input.
- ``sector``, ``size_class``, ``region``, ``period``: generalised quasi-identifiers, taken
  from the vocabulary in ``generalisation.yaml`` (never an input string), k-anonymous
  (see :mod:`inclusief.research.anonymise`).
- one column per item: the answer code (a number item: the number; a choose-several item:
  the sum of the chosen option codes, which are powers of two); **skipped** = ``-1`` (or,
  when a scale uses -1, one below the lowest code), **weet niet** = the scale's own
  weet-niet code (for example 9) and **niet van toepassing** = the scale's own code (for
  example 8). All three are user-missing values in the SPSS file, so SPSS leaves them out
  of statistics.
- ``score_<dimension>`` (0-100, 2 decimals, empty when too few items were answered) and
  ``overall_index``.

Formats: CSV (UTF-8 with BOM), XLSX (XlsxWriter) and SPSS ``.sav`` (pyreadstat); every text
cell is neutralised against formula injection (:mod:`inclusief.research.tabular`). The
codebook comes as CSV/XLSX (one row per variable) and as JSON.
"""

from __future__ import annotations

import io
import json
import secrets
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from pydantic import BaseModel

from inclusief.errors import InputError
from inclusief.questionnaires.model import Questionnaire, Scale
from inclusief.research.anonymise import (
    DEFAULT_MAX_SUPPRESSION,
    QI_COLUMNS,
    AnonymityLog,
    hierarchy,
)
from inclusief.research.release import Release, anonymise_released
from inclusief.research.rows import InputCounts, ResearchData, prepare
from inclusief.research.tabular import to_csv_bytes, to_xlsx_bytes, write_sav

Format = Literal["csv", "xlsx", "sav"]
FORMATS: tuple[Format, ...] = ("csv", "xlsx", "sav")
PSEUDO_ID = "pseudo_id"
ID_BYTES = 8
SCORE_DECIMALS = 2


class ExportLog(BaseModel):
    """The suppression log: what was left out, generalised and suppressed. Counts only."""

    questionnaire_id: str
    questionnaire_version: str
    created_at: str
    input: InputCounts
    anonymity: AnonymityLog
    skipped_code: int
    dont_know_codes: dict[str, int]

    def to_frame(self) -> pd.DataFrame:
        """The log as a two-column table (for CSV/XLSX)."""
        a = self.anonymity
        rows: list[tuple[str, object]] = [
            ("questionnaire", f"{self.questionnaire_id} {self.questionnaire_version}"),
            ("created_at", self.created_at),
            ("k", a.k),
            ("max_suppression", a.max_suppression),
            ("rows_in", self.input.rows_in),
            ("left_out_other_questionnaire", self.input.other_questionnaire),
            ("left_out_other_version", self.input.other_version),
            ("left_out_not_completed", self.input.not_completed),
            ("unknown_sector", self.input.unknown.unknown_sector),
            ("unknown_size_class", self.input.unknown.unknown_size_class),
            ("unknown_region", self.input.unknown.unknown_region),
            *((f"level_{qi}", lv) for qi, lv in a.levels.items()),
            ("feasible_within_max_suppression", a.feasible),
            ("rows_suppressed", a.rows_suppressed),
            ("classes_suppressed", a.classes_suppressed),
            ("rows_exported", a.rows_out),
            ("classes_exported", a.classes_out),
            ("smallest_class_exported", a.smallest_class_out),
            ("release_policy", a.policy or ""),
            ("release_reused_periods", ", ".join(a.reused_periods)),
            *(
                (f"release_{period}", ", ".join(f"{qi}={lv}" for qi, lv in levels.items()))
                for period, levels in a.period_levels.items()
            ),
        ]
        return pd.DataFrame(rows, columns=["key", "value"]).astype({"value": str})


@dataclass
class Export:
    data: pd.DataFrame
    codebook: pd.DataFrame
    codebook_json: dict[str, Any]
    log: ExportLog
    questionnaire: Questionnaire
    release: Release | None = None
    """The release these rows were generalised under, extended with any new period: the
    caller stores it (:class:`~inclusief.research.release.ReleaseStore`)."""

    @property
    def stem(self) -> str:
        return f"{self.questionnaire.id}_{self.questionnaire.version}".replace(".", "-")


def skipped_code(q: Questionnaire) -> int:
    """-1, or one below the lowest code in use when a scale already uses -1."""
    used = {c for s in q.scales for c in s.codes}
    used |= {c for s in q.scales for c in s.missing_codes}
    # a number item may take any whole number in its range
    low = min([s.min for s in q.scales if s.type == "number"] + [0])
    if -1 not in used and low > -1:
        return -1
    return min([*used, low]) - 1


# codebook type and SPSS measurement level per kind of scale
ITEM_TYPES = {
    "ordinal": "code",
    "yesno": "code (0 = nee, 1 = ja)",
    "choice": "code (one option)",
    "multi": "sum of option codes (several options)",
    "number": "number",
}
MEASURES = {
    "ordinal": "ordinal",
    "yesno": "nominal",
    "choice": "nominal",
    "multi": "nominal",
    "number": "scale",
}


def missing_labels(scale: Scale, skip: int) -> list[tuple[int, str]]:
    """The three kinds of missing, each with its own code: skipped, weet niet, niet van
    toepassing (the last two where the scale has them). All are user-missing in SPSS."""
    pairs = [(skip, "Overgeslagen")]
    for m in (scale.dont_know, scale.not_applicable):
        if m is not None:
            pairs.append((m.code, m.label.nl))
    return pairs


def pseudo_ids(n: int) -> list[str]:
    """``n`` distinct random ids from :mod:`secrets` (16 hex characters each)."""
    while True:
        raw = secrets.token_bytes(ID_BYTES * n)
        ids = [raw[i : i + ID_BYTES].hex() for i in range(0, len(raw), ID_BYTES)]
        if len(set(ids)) == n:  # a collision is ~n^2/2^65: practically never
            return ids


def _data_frame(data: ResearchData, keep: NDArray[np.bool_], qis: pd.DataFrame) -> pd.DataFrame:
    q = data.questionnaire
    skip = skipped_code(q)
    n = int(keep.sum())
    columns: dict[str, Any] = {
        PSEUDO_ID: pseudo_ids(n),
        "questionnaire_id": np.full(n, q.id, dtype=object),
        "questionnaire_version": np.full(n, q.version, dtype=object),
    }
    for qi in QI_COLUMNS:
        columns[qi] = qis[qi].to_numpy()
    answers = data.answers.to_numpy(dtype=np.float64)[keep]
    for j, item_id in enumerate(q.item_ids):
        col = answers[:, j]
        columns[item_id] = np.where(np.isnan(col), skip, col).astype(np.int64)
    scores = data.scores
    for dim in q.dimensions:
        columns[f"score_{dim.id}"] = (
            scores[f"score_{dim.id}"].to_numpy(dtype=np.float64)[keep].round(SCORE_DECIMALS)
        )
    columns["overall_index"] = (
        scores["overall_index"].to_numpy(dtype=np.float64)[keep].round(SCORE_DECIMALS)
    )
    frame = pd.DataFrame(columns, copy=False)
    for qi in QI_COLUMNS:
        frame[qi] = frame[qi].astype(str)
    return frame.sort_values(PSEUDO_ID, kind="stable", ignore_index=True)


def _values_text(pairs: list[tuple[int, str]]) -> str:
    return "; ".join(f"{code}={label}" for code, label in pairs)


def build_codebook(
    q: Questionnaire, log: AnonymityLog | None = None
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """One row per exported variable (CSV/XLSX) and the same as a JSON document."""
    skip = skipped_code(q)
    h = hierarchy()
    levels = log.levels if log else {qi: h.levels[qi][0] for qi in QI_COLUMNS}
    variables: list[dict[str, Any]] = [
        {
            "variable": PSEUDO_ID,
            "type": "text",
            "label_nl": "Pseudoniem, per export nieuw aangemaakt (niet te koppelen)",
            "label_en": "Pseudonym, made fresh for each export (cannot be linked)",
        },
        {
            "variable": "questionnaire_id",
            "type": "text",
            "label_nl": "Vragenlijst",
            "label_en": "Questionnaire",
        },
        {
            "variable": "questionnaire_version",
            "type": "text",
            "label_nl": "Versie vragenlijst",
            "label_en": "Questionnaire version",
        },
    ]
    qi_labels = {
        "sector": ("Sector (gegeneraliseerd)", "Sector (generalised)"),
        "size_class": ("Grootteklasse (gegeneraliseerd)", "Size class (generalised)"),
        "region": ("Regio: landsdeel (gegeneraliseerd)", "Region: landsdeel (generalised)"),
        "period": ("Periode van afronden (kwartaal of jaar)", "Period completed (quarter or year)"),
    }
    for qi in QI_COLUMNS:
        nl, en = qi_labels[qi]
        variables.append(
            {
                "variable": qi,
                "type": "text",
                "label_nl": nl,
                "label_en": en,
                "level": levels[qi],
                "source": h.sources[qi],
            }
        )
    for dim, item, scale in q.iter_items():
        value_pairs = [(o.code, o.label.nl) for o in scale.options]
        missing_pairs = missing_labels(scale, skip)
        variables.append(
            {
                "variable": item.id,
                "type": ITEM_TYPES[scale.type],
                "label_nl": item.text.nl,
                "label_en": item.text.en,
                "dimension": dim.id,
                "scale": scale.id,
                "reverse": item.reverse,
                "values": (
                    f"{scale.min}-{scale.max}"
                    if scale.type == "number"
                    else _values_text(value_pairs)
                ),
                "scored": q.is_scored(item),
                "missing": _values_text(missing_pairs),
                "value_labels": {str(c): lab for c, lab in value_pairs},
                "missing_codes": {str(c): lab for c, lab in missing_pairs},
            }
        )
    for dim in q.dimensions:
        variables.append(
            {
                "variable": f"score_{dim.id}",
                "type": "score 0-100",
                "label_nl": f"Score {dim.name.nl} (0-100)",
                "label_en": f"Score {dim.name.en} (0-100)",
                "dimension": dim.id,
                "weight": dim.weight,
                "items": ", ".join(i.id for i in dim.items),
            }
        )
    variables.append(
        {
            "variable": "overall_index",
            "type": "score 0-100",
            "label_nl": "Totaalindex: gewogen gemiddelde van de dimensiescores (0-100)",
            "label_en": "Overall index: weighted mean of the dimension scores (0-100)",
        }
    )
    columns = [
        "variable", "type", "label_nl", "label_en", "dimension", "scale", "reverse", "scored",
        "values", "missing", "weight", "items", "level", "source",
    ]  # fmt: skip
    table = pd.DataFrame(variables).reindex(columns=columns)
    table.insert(0, "questionnaire_version", q.version)
    table.insert(0, "questionnaire_id", q.id)
    missing_codes: dict[str, Any] = {
        "skipped": skip,
        "dont_know": {s.id: s.dont_know.code for s in q.scales if s.dont_know},
    }
    # keys for the newer kinds, only where the definition has them (1.0 keeps its codebook)
    if any(s.not_applicable for s in q.scales):
        missing_codes["not_applicable"] = {
            s.id: s.not_applicable.code for s in q.scales if s.not_applicable
        }
    if any(s.dont_know_scores_as is not None for s in q.scales):
        missing_codes["dont_know_scored_as"] = {
            s.id: s.dont_know_scores_as for s in q.scales if s.dont_know_scores_as is not None
        }
    if any(s.type == "multi" for s in q.scales):
        missing_codes["multi"] = (
            "A choose-several item holds the sum of the chosen option codes "
            "(powers of two; 0 = none chosen)."
        )
    document: dict[str, Any] = {
        "questionnaire": {"id": q.id, "version": q.version, "title": q.title.model_dump()},
        "missing_codes": {
            **missing_codes,
            "note": "Empty score = too few items answered (min_answered_share "
            f"{q.min_answered_share:g}).",
        },
        "scales": [
            {
                "id": s.id,
                "type": s.type,
                "range": [s.min, s.max] if s.type == "number" else None,
                "options": {str(o.code): o.label.model_dump() for o in s.options},
                "dont_know": (
                    {str(s.dont_know.code): s.dont_know.label.model_dump()} if s.dont_know else None
                ),
                "not_applicable": (
                    {str(s.not_applicable.code): s.not_applicable.label.model_dump()}
                    if s.not_applicable
                    else None
                ),
            }
            for s in q.scales
        ],
        "dimensions": [
            {
                "id": d.id,
                "name": d.name.model_dump(),
                "weight": d.weight,
                "items": [i.id for i in d.items],
            }
            for d in q.dimensions
        ],
        "generalisation": {"levels": levels, "sources": h.sources},
        "variables": [
            {k: v for k, v in var.items() if k not in ("values", "missing")} for var in variables
        ],
    }
    return table, document


def build_export(
    *,
    questionnaire: Questionnaire,
    rows: pd.DataFrame | ResearchData,
    k: int | None = None,
    max_suppression: float = DEFAULT_MAX_SUPPRESSION,
    file: str = "rows",
    release: Release | None = None,
) -> Export:
    """Prepare (see :mod:`inclusief.research.rows`), k-anonymise under the release policy
    (:mod:`inclusief.research.release`: k >= 5; the years in ``release`` keep its levels)
    and build the export. ``export.release`` is the release to store afterwards."""
    data = (
        rows
        if isinstance(rows, ResearchData)
        else prepare(rows, questionnaire=questionnaire, file=file)
    )
    anon, used = anonymise_released(
        data.base,
        organisations=data.organisations,
        questionnaire_id=questionnaire.id,
        questionnaire_version=questionnaire.version,
        k=k,
        max_suppression=max_suppression,
        release=release,
    )
    frame = _data_frame(data, anon.keep, anon.qis)
    q = questionnaire
    log = ExportLog(
        questionnaire_id=q.id,
        questionnaire_version=q.version,
        created_at=datetime.now(UTC).strftime("%Y-%m-%d"),
        input=data.counts,
        anonymity=anon.log,
        skipped_code=skipped_code(q),
        dont_know_codes={s.id: s.dont_know.code for s in q.scales if s.dont_know},
    )
    table, document = build_codebook(q, anon.log)
    return Export(
        data=frame,
        codebook=table,
        codebook_json=document,
        log=log,
        questionnaire=q,
        release=used,
    )


# -- writing -------------------------------------------------------------------------------
def _sav_bytes(export: Export) -> bytes:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "data.sav"
        write_sav_file(export, path)
        return path.read_bytes()


def write_sav_file(export: Export, path: Path) -> Path:
    q = export.questionnaire
    skip = skipped_code(q)
    labels = dict(zip(export.codebook["variable"], export.codebook["label_nl"], strict=True))
    value_labels: dict[str, dict[int | float, str]] = {}
    missing: dict[str, list[int | float]] = {}
    measure: dict[str, str] = {}
    for _dim, item, scale in q.iter_items():
        vl: dict[int | float, str] = {o.code: o.label.nl for o in scale.options}
        pairs = missing_labels(scale, skip)
        vl.update(dict(pairs))
        value_labels[item.id] = vl
        missing[item.id] = [code for code, _label in pairs]
        measure[item.id] = MEASURES[scale.type]
    for col in export.data.columns:
        if col.startswith("score_") or col == "overall_index":
            measure[col] = "scale"
        elif col not in measure:
            measure[col] = "nominal"
    return write_sav(
        export.data,
        path,
        file_label=f"{q.id} {q.version}",
        variable_labels=labels,
        value_labels=value_labels,
        missing=missing,
        measure=measure,
    )


def files(export: Export, formats: Sequence[str]) -> dict[str, bytes]:
    """File name -> contents: the data in each format, the codebook and the log."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise InputError.single("format", f"unknown format {unknown[0]!r} (csv, xlsx, sav)")
    stem = export.stem
    out: dict[str, bytes] = {}
    log_frame = export.log.to_frame()
    for fmt in formats:
        if fmt == "csv":
            out[f"{stem}.csv"] = to_csv_bytes(export.data)
            out[f"{stem}_codebook.csv"] = to_csv_bytes(export.codebook)
            out[f"{stem}_suppression_log.csv"] = to_csv_bytes(log_frame)
        elif fmt == "xlsx":
            out[f"{stem}.xlsx"] = to_xlsx_bytes({"data": export.data})
            out[f"{stem}_codebook.xlsx"] = to_xlsx_bytes(
                {"codebook": export.codebook, "suppression_log": log_frame}
            )
        else:
            out[f"{stem}.sav"] = _sav_bytes(export)
    out[f"{stem}_codebook.json"] = (
        json.dumps(export.codebook_json, ensure_ascii=False, indent=2) + "\n"
    ).encode("utf-8")
    out[f"{stem}_suppression_log.json"] = (export.log.model_dump_json(indent=2) + "\n").encode()
    return out


def write_export(export: Export, directory: str | Path, formats: Sequence[str]) -> list[Path]:
    """Write :func:`files` into ``directory`` (created when needed).

    A ``directory`` that is a file, or one that cannot be created or written, raises
    :class:`InputError` naming it (the CLI's ``-o``).
    """
    folder = Path(directory)
    if folder.exists() and not folder.is_dir():
        raise InputError.single(
            str(folder), "is a file; -o needs a folder for the export", field="-o"
        )
    paths = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in files(export, formats).items():
            path = folder / name
            path.write_bytes(content)
            paths.append(path)
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        where = str(exc.filename or folder)
        raise InputError.single(where, f"cannot write the export: {reason}", field="-o") from None
    return paths


def zip_files(contents: dict[str, bytes]) -> bytes:
    """File name -> contents as one zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in contents.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def export_zip(export: Export, formats: Sequence[str] = FORMATS) -> bytes:
    """All files of :func:`files` in one zip (for a download button)."""
    return zip_files(files(export, formats))
