"""Text typed by people, shown as text: never read as Markdown, HTML or a link.

Streamlit reads Markdown in ``st.markdown``, ``st.write``, labels, captions and expander
titles. A name such as ``[Klik hier](https://example.com)`` or ``**x**`` must stay as
typed, so every name and note passes through :func:`plain` before it reaches one of these.
"""

from __future__ import annotations

import re

import streamlit as st

from inclusief.errors import InputError
from inclusief.formatting import problem_text
from inclusief.ui.i18n import lang, tr

# The characters that start Markdown, HTML or Streamlit syntax (``:emoji:``,
# ``:color[...]``, ``$`` for LaTeX), and ``@`` and ``.`` so that no e-mail address or
# www-address turns into a link; each is escaped with a backslash (CommonMark).
_SPECIAL = re.compile(r"([\\`*_\[\]<>!|~:$@.])")
# only at the start of a line: "- ", "+ ", "# ", "===" (lists, headings; "1." is covered)
_LINE_START = re.compile(r"^(\s*)([-+#=])", re.MULTILINE)


# Streamlit's Markdown turns web and e-mail addresses in plain text into links after the
# escapes are read; an invisible word joiner (U+2060) inside "://", "www." and "@" stops it.
JOINER = "\u2060"
_AUTOLINK = re.compile(r"(://|(?<![^\W_])www(?=\.)|@)", re.IGNORECASE)


def plain(text: str) -> str:
    """``text`` escaped so that Streamlit's Markdown shows it exactly as typed: no link,
    no bold, no heading, no list, no emoji code. Line breaks stay line breaks."""
    text = _AUTOLINK.sub(lambda m: m[0][:1] + JOINER + m[0][1:], text)
    escaped = _SPECIAL.sub(r"\\\1", text)
    escaped = _LINE_START.sub(r"\1\\\2", escaped)
    return escaped.replace("\n", "  \n")


def show_input_error(exc: InputError) -> None:
    """Every problem of a core :class:`InputError` as a sentence in the chosen language,
    shown as text (a file or field name typed by someone stays as typed)."""
    lines = [f"- {plain(problem_text(p, lang()))}" for p in exc.problems]
    st.error(tr("common.input_error") + ":\n\n" + "\n".join(lines))
