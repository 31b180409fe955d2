"""Keyboard focus: the skip link to the content, and the focus on a new step's heading.

Streamlit gives no focus control, so these are small scripts run in the page itself
(``st.html(..., unsafe_allow_javascript=True)``); they only move focus and add one link.
"""

from __future__ import annotations

import json

import streamlit as st

from inclusief.ui.i18n import tr

# The step heading of a form sits in a container with this key (CSS class st-key-...).
HEADING_KEY = "focus-heading"

_FIND = """
function inclusiefTarget() {
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  const main = doc.querySelector('[data-testid="stMain"]') || doc.body;
  return main.querySelector('[class*="st-key-focus-heading"] h1, '
    + '[class*="st-key-focus-heading"] h2, [class*="st-key-focus-heading"] h3')
    || main.querySelector('h1');
}
function inclusiefFocus(tries) {
  const target = inclusiefTarget();
  if (!target) { if (tries > 0) setTimeout(() => inclusiefFocus(tries - 1), 100); return; }
  target.setAttribute('tabindex', '-1');
  target.focus({preventScroll: false});
}
"""


def skip_link() -> None:
    """Streamlit's own "Skip to main content" link (the first stop of the Tab key), in the
    user's language, and leading to the step heading (or the page title) instead of the
    main area as a whole, so that the next Tab reaches the first question."""
    label = json.dumps(tr("ui.skip_link"))
    st.html(
        f"""<script>
{_FIND}
(function() {{
  const label = {label};
  function adopt(tries) {{
    const link = document.querySelector('[data-testid="stSkipToContent"]');
    if (!link) {{ if (tries > 0) setTimeout(() => adopt(tries - 1), 100); return; }}
    if (link.textContent !== label) link.textContent = label;
    if (!link.dataset.inclusief) {{
      link.dataset.inclusief = '1';
      link.addEventListener('click', (e) => {{
        e.preventDefault(); e.stopImmediatePropagation(); inclusiefFocus(20);
      }}, true);
      new MutationObserver(() => {{
        if (link.textContent !== label) link.textContent = label;
      }}).observe(link, {{childList: true, characterData: true, subtree: true}});
    }}
  }}
  adopt(50);
}})();
</script>""",
        unsafe_allow_javascript=True,
    )


def focus_heading(token: str) -> None:
    """Move the focus to the step heading (after "Volgende" or "Vorige"). ``token`` changes
    with the step, so the script runs again for every new step."""
    st.html(
        f"<script>/* {json.dumps(token)} */\n{_FIND}\ninclusiefFocus(30);</script>",
        unsafe_allow_javascript=True,
    )
