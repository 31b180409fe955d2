"""One scan item as a widget, by the type of its scale (issue 20), and the glossary.

Every answer is saved through the :class:`~inclusief.questionnaires.progress.ScanBackend`
in the widget's callback, the moment it is given; what a widget shows is read back from
the backend on every run.

- ``ordinal``: a row of radio buttons over the codes, then weet niet and niet van
  toepassing where the scale has them;
- ``yesno``: Nee / Ja, then weet niet;
- ``choice``: the options under each other (vertical radio buttons);
- ``multi``: a checkbox per option; the answer is the sum of the ticked codes (0 = none
  ticked). Weet niet and niet van toepassing are checkboxes too and exclude the others;
- ``number``: a whole number within the scale's range, and a "Weet ik niet" checkbox.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from inclusief.errors import AccessDenied, InputError
from inclusief.questionnaires.model import Item, Questionnaire, Scale
from inclusief.questionnaires.progress import ScanBackend
from inclusief.ui.i18n import tr


def _guard(action: Callable[[], None]) -> None:
    """Run a save; keep its plain error for the next run instead of a traceback."""
    try:
        action()
    except (InputError, AccessDenied) as exc:
        st.session_state["_scan_error"] = str(exc)


def _sync(widget_key: str, value: Any) -> None:
    """Show the backend's answer: set the widget's state before it is drawn."""
    if st.session_state.get(widget_key) != value:
        st.session_state[widget_key] = value


def glossary(q: Questionnaire, language: str, *, first_step: bool) -> None:
    """The terms the questionnaire uses, open on the first step and folded later on."""
    if not q.glossary:
        return
    text = "\n\n".join(
        f"**{g.term.get(language)}**: {g.explanation.get(language)}" for g in q.glossary
    )
    if first_step:
        st.info(text)
    else:
        with st.expander(tr("scan_items.glossary")):
            st.markdown(text)


def dont_know_note(q: Questionnaire, items: list[Item], language: str) -> str | None:
    """How weet niet counts on this step, where a scale says so (the knowledge items)."""
    for item in items:
        scale = q.scale(item.scale)
        if q.is_scored(item) and scale.dont_know_scores_as is not None and scale.dont_know_note:
            return scale.dont_know_note.get(language)
    return None


def _missing(scale: Scale) -> list[int]:
    """Weet niet, then niet van toepassing, where the scale has them."""
    return [m.code for m in (scale.dont_know, scale.not_applicable) if m is not None]


def _save(backend: ScanBackend, item_id: str, widget_key: str) -> None:
    _guard(lambda: backend.save_answer(item_id, st.session_state[widget_key]))


def _radio(
    backend: ScanBackend,
    item: Item,
    scale: Scale,
    current: int | None,
    widget_key: str,
    language: str,
    *,
    horizontal: bool,
) -> None:
    codes = scale.codes + _missing(scale)
    st.radio(
        item.text.get(language),
        options=codes,
        index=codes.index(current) if current in codes else None,
        format_func=lambda c: scale.label(c, language),
        horizontal=horizontal,
        key=widget_key,
        help=item.help.get(language) if item.help else None,
        on_change=_save,
        args=(backend, item.id, widget_key),
    )


def _save_multi(
    backend: ScanBackend, item_id: str, scale: Scale, code: int, widget_key: str
) -> None:
    ticked = bool(st.session_state[widget_key])
    current = backend.load().answers.get(item_id)
    if code in _missing(scale):
        value: int | None = code if ticked else None
    else:
        base = current if current is not None and scale.accepts_answer(current) else 0
        value = base | code if ticked else base & ~code
    _guard(lambda: backend.save_answer(item_id, value))


def _multi(
    backend: ScanBackend, item: Item, scale: Scale, current: int | None, key: str, language: str
) -> None:
    chosen: set[int] = set()
    if current is not None:
        chosen = {current} if current in _missing(scale) else set(scale.chosen(current))
    with st.container(border=True):
        st.markdown(item.text.get(language), help=item.help.get(language) if item.help else None)
        for code in scale.codes + _missing(scale):
            widget_key = f"{key}-{item.id}-{code}"
            _sync(widget_key, code in chosen)
            st.checkbox(
                scale.label(code, language),
                key=widget_key,
                on_change=_save_multi,
                args=(backend, item.id, scale, code, widget_key),
            )


def _save_number(backend: ScanBackend, item_id: str, widget_key: str) -> None:
    value = st.session_state[widget_key]
    _guard(lambda: backend.save_answer(item_id, None if value is None else int(value)))


def _save_number_dont_know(backend: ScanBackend, item_id: str, code: int, widget_key: str) -> None:
    value = code if st.session_state[widget_key] else None
    _guard(lambda: backend.save_answer(item_id, value))


def _number(
    backend: ScanBackend, item: Item, scale: Scale, current: int | None, key: str, language: str
) -> None:
    widget_key = f"{key}-{item.id}"
    is_answer = current is not None and scale.accepts_answer(current)
    _sync(widget_key, int(current) if is_answer and current is not None else None)
    st.number_input(
        item.text.get(language),
        min_value=scale.min,
        max_value=scale.max,
        step=1,
        value=None,
        key=widget_key,
        help=item.help.get(language) if item.help else None,
        placeholder=tr("scan_items.number_placeholder", low=scale.min, high=scale.max),
        on_change=_save_number,
        args=(backend, item.id, widget_key),
    )
    for code in _missing(scale):
        check_key = f"{key}-{item.id}-{code}"
        _sync(check_key, current == code)
        st.checkbox(
            scale.label(code, language),
            key=check_key,
            on_change=_save_number_dont_know,
            args=(backend, item.id, code, check_key),
        )


def draw_item(
    backend: ScanBackend, item: Item, current: int | None, key: str, language: str
) -> None:
    """The widget for ``item`` by its scale type; ``current`` is the stored answer."""
    scale = backend.questionnaire.scale(item.scale)
    widget_key = f"{key}-{item.id}"
    if scale.type == "multi":
        _multi(backend, item, scale, current, key, language)
    elif scale.type == "number":
        _number(backend, item, scale, current, key, language)
    else:  # ordinal and yesno in a row, a choice list under each other
        horizontal = scale.type != "choice"
        _radio(backend, item, scale, current, widget_key, language, horizontal=horizontal)
