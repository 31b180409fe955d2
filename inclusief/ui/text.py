"""Text typed by people, shown as text: never read as Markdown, HTML or a link.

Streamlit reads Markdown in ``st.markdown``, ``st.write``, labels, captions and expander
titles. A name such as ``[Klik hier](https://example.com)`` or ``**x**`` must stay as
typed, so every name and note passes through :func:`plain` before it reaches one of these.
"""

from __future__ import annotations

import re

# Every ASCII punctuation character may be escaped with a backslash in CommonMark; Streamlit
# adds ``:emoji:`` / ``:color[...]`` shortcodes and ``$`` for LaTeX, also covered here.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$=&\"'])")


def plain(text: str) -> str:
    """``text`` escaped so that Streamlit's Markdown shows it exactly as typed.

    Line breaks stay line breaks (two spaces before each newline)."""
    escaped = _SPECIAL.sub(r"\\\1", text)
    return escaped.replace("\n", "  \n")
