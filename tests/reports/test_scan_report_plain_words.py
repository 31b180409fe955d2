"""The employer's report speaks plainly: no p25/p75 or "mediaan" (issue #15), the action
plan says what is done, and a long organisation name never runs into the running title."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from conftest import all_text, pdf_text

from inclusief.reports.scan_report import ActionItem, render_scan_report


def test_no_statistical_jargon_in_the_peer_comparison(scan_factory: Callable[..., Any]) -> None:
    for lang in ("nl", "en"):
        text = all_text(render_scan_report(data=scan_factory(lang=lang), lang=lang))
        for word in ("p25", "p50", "p75", "mediaan", "median", "kwartiel", "quartile"):
            assert word not in text.lower(), (lang, word)
    text = all_text(render_scan_report(data=scan_factory(), lang="nl"))
    assert "middelste helft" in text
    assert "36–66 (50)" in text  # 35,5 and 66,5 rounded as every score in the report


def test_the_action_plan_has_a_done_column(scan_factory: Callable[..., Any]) -> None:
    actions = [
        ActionItem(what="Taken inventariseren", who="Directeur", dimension_id="werving"),
        ActionItem(what="Budget vrijmaken", who="Bestuur", done=True),
    ]
    text = all_text(render_scan_report(data=scan_factory(actions=actions), lang="nl"))
    assert "Klaar" in text
    assert "Taken inventariseren Directeur - " in text and " Nee" in text
    assert "Budget vrijmaken Bestuur - - Ja" in text


def test_a_long_name_is_shortened_in_the_running_header(scan_factory: Callable[..., Any]) -> None:
    long = ("Stichting Samenwerkende Scholen voor Primair Onderwijs " * 3).strip()[:120]
    data = scan_factory().model_copy(update={"organisation": long})
    pages = pdf_text(render_scan_report(data=data, lang="nl"))
    header = pages[1][:200]
    assert "…" in header
    assert long not in header
    assert long in pages[0]  # the cover keeps the whole name (it wraps)
