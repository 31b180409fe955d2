"""The carving page's inputs: an inventory and candidates, each from an example or an upload,
edited in a table and checked by the same loaders as a file (every problem names the
table, the row and the column)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from inclusief.errors import InputError, Problem
from inclusief.jobcarving.examples import candidates_for, example_candidates, example_inventories
from inclusief.jobcarving.inventory import (
    CANDIDATE_COLUMNS,
    TASK_COLUMNS,
    inventory_to_xlsx,
    load_candidates,
    load_dimensions,
    load_inventory,
)
from inclusief.jobcarving.model import Candidate, Inventory
from inclusief.jobcarving.tables import (
    candidates_frame,
    candidates_from_frame,
    column_label,
    inventory_from_frame,
    tasks_frame,
)
from inclusief.ui.components.stored_candidates import stored_candidate_picker
from inclusief.ui.i18n import lang, tr

T = TypeVar("T")
INV, INV_SRC, INV_ERR = "carving_inventory", "carving_inventory_src", "carving_inventory_err"
CANDS, CANDS_SRC, CANDS_ERR = "carving_candidates", "carving_cands_src", "carving_cands_err"
RUN, PACKAGES = "carving_state_run", "carving_state_packages"
FLASH = "carving_flash"


@dataclass
class Tables:
    """What the consultant has in the tables now; ``None`` where a table has problems."""

    base: Inventory
    inventory: Inventory | None
    candidates: list[Candidate] | None
    problems: list[Problem]


def show_problems(exc: InputError) -> None:
    st.error(tr("common.input_error") + "\n\n" + "\n".join(f"- {p}" for p in exc.problems))


def _from_upload(upload: UploadedFile, loader: Callable[[Path], T]) -> T:
    """Run a path-based loader on an upload; problems name the uploaded file, not a temp path."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(upload.name).name
        path.write_bytes(upload.getvalue())
        try:
            return loader(path)
        except InputError as exc:
            raise InputError(
                [replace(p, file=upload.name) if p.file == str(path) else p for p in exc.problems]
            ) from None


def _checked(build: Callable[[], T]) -> tuple[T | None, list[Problem]]:
    """The checked table, or ``None`` and the problems (they name table, row and column)."""
    try:
        return build(), []
    except InputError as exc:
        return None, exc.problems


def new_base(key: str, value: object) -> None:
    st.session_state[key] = value
    st.session_state[f"{key}_version"] = st.session_state.get(f"{key}_version", 0) + 1


def _source(*, src: str, key: str, src_key: str, err_key: str, load: Callable[[], object]) -> None:
    """Load a chosen source once; on bad input keep what was loaded and remember the error."""
    if st.session_state.get(src_key) == src:
        return
    st.session_state[src_key] = src
    try:
        new_base(key, load())
        st.session_state.pop(err_key, None)
    except InputError as exc:
        st.session_state[err_key] = exc


@st.cache_data(show_spinner=False)
def _example_title(path: str) -> str:
    """The title inside an example inventory file (its file name if it cannot be read)."""
    try:
        return load_inventory(path).title
    except InputError:
        return Path(path).stem.replace("_", " ").capitalize()


def _pair_candidates() -> None:
    """Choosing an example inventory also chooses the example candidates made for it."""
    match = candidates_for(st.session_state["carving_example"])
    if match is not None:
        st.session_state["carving_cand_example"] = match


def _column_configs() -> dict[str, object]:
    language = lang()
    levels = {
        d: st.column_config.NumberColumn(
            dim.name.get(language),
            min_value=0,
            max_value=dim.max_level,
            step=1,
            help=" / ".join(f"{i} = {lv.get(language)}" for i, lv in enumerate(dim.levels)),
        )
        for d, dim in load_dimensions().items()
    }
    text = {
        c: st.column_config.TextColumn(column_label(c, language))
        for c in [*TASK_COLUMNS, *CANDIDATE_COLUMNS]
    }
    return {**text, **levels}


def inventory_section() -> tuple[Inventory, Inventory | None, list[Problem]] | None:
    """The inventory: an example or an upload, edited in a table. ``None`` before any loads."""
    language = lang()
    st.header(tr("carving_page.inventory_title"))
    inventories = example_inventories()
    if not inventories:
        st.info(tr("carving_page.no_examples"))
    titles = {name: _example_title(str(path)) for name, path in inventories.items()}
    example = st.selectbox(
        tr("carving_page.example"),
        list(inventories),
        format_func=titles.__getitem__,
        key="carving_example",
        on_change=_pair_candidates,
    )
    upload = st.file_uploader(
        tr("carving_page.upload"), type=["yaml", "yml", "csv", "xlsx"], key="carving_upload"
    )
    if upload is not None:
        _source(
            src=f"upload:{upload.file_id}",
            key=INV,
            src_key=INV_SRC,
            err_key=INV_ERR,
            load=lambda: _from_upload(upload, load_inventory),
        )
    elif example is not None:
        _source(
            src=f"example:{example}",
            key=INV,
            src_key=INV_SRC,
            err_key=INV_ERR,
            load=lambda: load_inventory(inventories[example]),
        )
    if INV_ERR in st.session_state:
        show_problems(st.session_state[INV_ERR])
        if INV in st.session_state:
            st.caption(tr("carving_page.upload_kept"))
    base: Inventory | None = st.session_state.get(INV)
    if base is None:
        return None
    st.caption(
        tr("carving_page.loaded", title=base.title, tasks=len(base.tasks), roles=len(base.roles))
    )
    st.caption(tr("carving_page.tasks_hint"))
    edited = st.data_editor(
        tasks_frame(base),
        num_rows="dynamic",
        key=f"carving_tasks_{st.session_state[f'{INV}_version']}",
        width="stretch",
        column_config={
            **_column_configs(),
            "role": st.column_config.SelectboxColumn(
                column_label("role", language), options=[r.id for r in base.roles]
            ),
            "hours_per_week": st.column_config.NumberColumn(
                column_label("hours_per_week", language), min_value=0.0, max_value=40.0, format="%g"
            ),
            "complexity": st.column_config.NumberColumn(
                column_label("complexity", language), min_value=1, max_value=3, step=1
            ),
        },
    )
    table = tr("carving_page.tasks_table")
    inv, problems = _checked(lambda: inventory_from_frame(base, edited, table=table, lang=language))
    if inv is not None:
        template_inv = inv

        def _template() -> bytes:
            with tempfile.TemporaryDirectory() as tmp:
                return inventory_to_xlsx(template_inv, Path(tmp) / "inventaris.xlsx").read_bytes()

        st.download_button(
            tr("carving_page.template"),
            data=_template,
            file_name=f"{inv.id}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="carving_template",
            icon=":material/table:",
        )
    return base, inv, problems


def candidates_section(inv: Inventory | None) -> tuple[list[Candidate] | None, list[Problem]]:
    """The candidates: an example or an upload, edited in a table and checked."""
    language = lang()
    st.header(tr("carving_page.candidates_title"))
    examples = example_candidates()
    none = ""
    # Candidate files have no title of their own: name them after the inventory they go with.
    titles = {name: name.replace("_", " ").capitalize() for name in examples}
    for inv_name, path in example_inventories().items():
        if (match := candidates_for(inv_name)) is not None:
            titles[match] = tr("carving_page.candidates_for", title=_example_title(str(path)))
    titles[none] = tr("carving_page.candidates_none")
    example = st.selectbox(
        tr("carving_page.candidates_example"),
        [*examples, none],
        format_func=titles.__getitem__,
        key="carving_cand_example",
    )
    upload = st.file_uploader(
        tr("carving_page.candidates_upload"), type=["yaml", "yml"], key="carving_cand_upload"
    )
    if upload is not None:
        _source(
            src=f"upload:{upload.file_id}",
            key=CANDS,
            src_key=CANDS_SRC,
            err_key=CANDS_ERR,
            load=lambda: _from_upload(upload, load_candidates),
        )
    else:
        _source(
            src=f"example:{example}",
            key=CANDS,
            src_key=CANDS_SRC,
            err_key=CANDS_ERR,
            load=lambda: load_candidates(examples[example]) if example else [],
        )
    if CANDS_ERR in st.session_state:
        show_problems(st.session_state[CANDS_ERR])
        st.caption(tr("carving_page.upload_kept"))
    st.caption(tr("carving_page.candidates_hint"))
    edited = st.data_editor(
        candidates_frame(st.session_state.get(CANDS, [])),
        num_rows="dynamic",
        key=f"carving_cands_{st.session_state.get(f'{CANDS}_version', 0)}",
        width="stretch",
        column_config={
            **_column_configs(),
            **{
                c: st.column_config.NumberColumn(
                    column_label(c, language), min_value=0.0, max_value=40.0, format="%g"
                )
                for c in ("hours_min", "hours_max")
            },
            "hourly_cost_eur": st.column_config.NumberColumn(
                column_label("hourly_cost_eur", language), min_value=0.0, format="%.2f"
            ),
        },
    )
    table = tr("carving_page.candidates_table")
    return _checked(lambda: candidates_from_frame(edited, inv, table=table, lang=language))


def tables() -> Tables | None:
    """Both sections; ``None`` (and the page stops) until an inventory is loaded."""
    loaded = inventory_section()
    if loaded is None:
        return None
    base, inv, problems = loaded
    cands, cand_problems = candidates_section(inv)
    stored = stored_candidate_picker()  # the consultant's stored candidates, beside the table
    if cands is not None:
        cands = [*cands, *stored]
    problems = problems + cand_problems
    if problems:
        st.error(tr("carving_page.table_problems") + "\n\n" + "\n".join(f"- {p}" for p in problems))
    return Tables(base=base, inventory=inv, candidates=cands, problems=problems)
