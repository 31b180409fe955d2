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
/* long metric and checkbox labels wrap instead of ending in "..." */
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] *,
[data-testid="stCheckbox"] [data-testid="stMarkdownContainer"],
[data-testid="stCheckbox"] [data-testid="stMarkdownContainer"] p {
  white-space: normal !important; overflow: visible !important;
  text-overflow: clip !important; height: auto !important; max-height: none !important;
}
</style>
"""


def apply() -> None:
    st.html(_CSS)
