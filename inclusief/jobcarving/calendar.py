"""Working calendars: the presets of ``calendars.yaml`` (with their sources) and the sector
defaults, as plain data. The :class:`~inclusief.jobcarving.model.Calendar` model holds the
rules and reads these (this module imports no model, so the two do not import each other)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from inclusief.yamlio import load_yaml


@cache
def _data() -> dict[str, Any]:
    ref = resources.files("inclusief.jobcarving") / "calendars.yaml"
    data: dict[str, Any] = load_yaml(ref.read_text(encoding="utf-8"), file="calendars.yaml")
    return data


def preset_names() -> list[str]:
    return list(_data()["presets"])


def preset_data(name: str) -> dict[str, Any]:
    """The fields of a preset; ValueError naming the known presets when unknown."""
    presets = _data()["presets"]
    if name not in presets:
        raise ValueError(f"unknown calendar '{name}'; known: {', '.join(presets)}")
    return {**presets[name], "preset": name}


def sector_calendar_data(sector: str) -> Any:
    """The calendar an inventory of ``sector`` gets when it names none (its fields)."""
    defaults = _data()["sector_default"]
    return defaults.get(sector, defaults["default"])
