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
function inclusiefTarget(title) {
  const main = document.querySelector('[data-testid="stMain"]') || document.body;
  const step = main.querySelector('[class*="st-key-focus-heading"] h1, '
    + '[class*="st-key-focus-heading"] h2, [class*="st-key-focus-heading"] h3');
  return step || (title ? main.querySelector('h1') : null);
}
function inclusiefFocus(tries, text) {
  // the step heading (with ``text`` once the new step is drawn); the page title only once
  // it is clear that there is no step heading
  let target = inclusiefTarget(tries <= 0);
  if (target && text && target.textContent.trim() !== text && tries > 0) target = null;
  if (!target) {
    if (tries > 0) setTimeout(() => inclusiefFocus(tries - 1, text), 100);
    return;
  }
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


def focus_heading(heading: str) -> None:
    """Move the focus to the step heading (after "Volgende" or "Vorige") as soon as it
    reads ``heading``; the text differs per step, so the script runs for every new step."""
    st.html(
        f"<script>{_FIND}\ninclusiefFocus(50, {json.dumps(heading)});</script>",
        unsafe_allow_javascript=True,
    )


# Streamlit's own words that a user meets, in Dutch (Streamlit has no translations). Exact
# texts of text nodes, and the start of aria-labels; applied as they appear on the page.
BUILTIN_NL = {
    "Drag and drop file here": "Sleep een bestand hierheen",
    "Drag and drop files here": "Sleep bestanden hierheen",
    "Browse files": "Bestand kiezen",
    "Upload": "Bestand kiezen",
    "Select all": "Alles kiezen",
    "No results": "Geen resultaten",
    "Choose an option": "Maak een keuze",
}
ARIA_NL = {"Help for ": "Uitleg bij "}


def builtin_texts(lang: str) -> None:
    """Translate Streamlit's built-in texts on the page (upload box, multiselect, help
    buttons) into Dutch; in English nothing changes. "200MB per file" becomes "200 MB per
    bestand"."""
    if lang != "nl":
        return
    words = json.dumps(BUILTIN_NL)
    aria = json.dumps(ARIA_NL)
    st.html(
        f"""<script>
(function() {{
  const words = {words};
  const aria = {aria};
  function fix(root) {{
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {{
      const text = node.nodeValue.trim();
      if (words[text]) node.nodeValue = node.nodeValue.replace(text, words[text]);
      else if (/MB per file/.test(node.nodeValue))
        node.nodeValue = node.nodeValue.replace(/(\\d+)\\s*MB per file/, '$1 MB per bestand');
    }}
    root.querySelectorAll('[aria-label]').forEach((el) => {{
      const label = el.getAttribute('aria-label');
      for (const [en, nl] of Object.entries(aria)) {{
        if (label.startsWith(en)) el.setAttribute('aria-label', nl + label.slice(en.length));
      }}
    }});
  }}
  if (window.__inclusiefBuiltins) return;
  window.__inclusiefBuiltins = true;
  let queued = false;
  new MutationObserver(() => {{
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {{ queued = false; fix(document.body); }});
  }}).observe(document.body, {{childList: true, subtree: true, characterData: true}});
  fix(document.body);
}})();
</script>""",
        unsafe_allow_javascript=True,
    )
