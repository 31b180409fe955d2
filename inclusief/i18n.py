"""Dutch-first translations for the core and the UI.

Messages live in ``inclusief/locale/*.yaml`` (one file per area, so areas do not clash).
Each entry maps a dotted key to ``{nl: ..., en: ...}``. Dutch is the default language.

>>> t("common.yes", "nl"), t("common.yes", "en")
('Ja', 'Yes')
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel

from inclusief.yamlio import load_yaml

Lang = Literal["nl", "en"]
LANGS: tuple[Lang, ...] = ("nl", "en")
DEFAULT_LANG: Lang = "nl"


class LocalText(BaseModel):
    """A text in Dutch with an English translation."""

    nl: str
    en: str

    def get(self, lang: str = DEFAULT_LANG) -> str:
        return self.en if lang == "en" else self.nl


@cache
def catalog() -> dict[str, dict[str, str]]:
    """All messages, merged from every locale file."""
    merged: dict[str, dict[str, str]] = {}
    folder = resources.files("inclusief") / "locale"
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".yaml"):
            continue
        data = load_yaml(entry.read_text(encoding="utf-8"), file=entry.name) or {}
        _flatten(data, "", merged)
    return merged


def _flatten(node: dict[str, object], prefix: str, out: dict[str, dict[str, str]]) -> None:
    for key, value in node.items():
        full = f"{prefix}{key}"
        if isinstance(value, dict) and set(value) <= {"nl", "en"} and "nl" in value:
            out[full] = {k: str(v) for k, v in value.items()}
        elif isinstance(value, dict):
            _flatten(value, f"{full}.", out)
        else:
            raise ValueError(f"locale entry {full} must have 'nl' and 'en'")


def t(key: str, lang: str = DEFAULT_LANG, /, **params: object) -> str:
    """Translate ``key`` into ``lang``; fall back to Dutch, then to the key itself."""
    entry = catalog().get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry.get("nl") or key
    return text.format(**params) if params else text
