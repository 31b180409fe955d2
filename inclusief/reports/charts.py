"""Altair charts -> PNG bytes through vl-convert, with a cache of identical specs.

Rendering a Vega-Lite spec costs tens of milliseconds (the first one in a process much
more, while the engine starts), so a batch of reports with the same chart renders it once.
The key is the chart's full JSON spec, so a changed number always gives a new picture.
"""

from __future__ import annotations

import os
import struct
from collections import OrderedDict
from importlib import resources
from threading import Lock
from typing import Any

import vl_convert as vlc

CHART_FONT = "DejaVu Sans"
SCALE = 2.0
_CACHE_SIZE = 64

_cache: OrderedDict[str, bytes] = OrderedDict()
_lock = Lock()
_fonts_registered = False
_engine_pid: int | None = None  # the process in which vl-convert started


def _register_fonts() -> None:
    """Let vl-convert use the fonts shipped with the package (same face as the PDF text)."""
    global _fonts_registered
    if not _fonts_registered:
        folder = resources.files("inclusief.reports") / "fonts"
        vlc.register_font_directory(str(folder))
        _fonts_registered = True


def spec_json(chart: Any) -> str:
    """The chart's Vega-Lite JSON with the report font, as the cache key."""
    configured = chart.configure(font=CHART_FONT)
    # validate=False: the charts are our own and tested; validation costs 15 ms a chart
    return str(configured.to_json(indent=None, validate=False))


def _check_process() -> None:
    """vl-convert runs its own threads: in a child forked after it started, the first
    render would hang for ever. Fail with a clear message instead."""
    global _engine_pid
    if _engine_pid is None:
        _engine_pid = os.getpid()
    elif _engine_pid != os.getpid():
        raise RuntimeError(
            "charts were already rendered in the parent of this forked process; vl-convert "
            "cannot run here. Start worker processes with the 'spawn' method."
        )


def png_from_spec(spec: str, *, scale: float = SCALE) -> bytes:
    """PNG bytes of a Vega-Lite JSON spec; identical specs are rendered once."""
    key = f"{scale}:{spec}"
    with _lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            return hit
    _check_process()
    _register_fonts()
    png = bytes(vlc.vegalite_to_png(spec, scale=scale))
    with _lock:
        _cache[key] = png
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return png


def chart_png(chart: Any, *, scale: float = SCALE) -> bytes:
    """PNG bytes of an Altair chart (see :func:`png_from_spec`)."""
    return png_from_spec(spec_json(chart), scale=scale)


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, read from the PNG header."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG image")
    width, height = struct.unpack(">II", png[16:24])
    return int(width), int(height)
