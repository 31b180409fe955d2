"""Small global style fixes for accessibility (WCAG AA contrast)."""

from __future__ import annotations

import streamlit as st

# Streamlit draws captions and some help text in a light grey that fails the 4.5:1
# contrast ratio on white; darken them.
_CSS = """
<style>
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
.stCaption, small { color: #4b5563 !important; opacity: 1 !important; }
[data-testid="stWidgetLabel"] p { color: #1f2937; }
</style>
"""


def apply() -> None:
    st.html(_CSS)
