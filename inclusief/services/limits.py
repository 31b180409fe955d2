"""Free text typed by people: one place for its rules.

Every name, note or description is stripped, must fit its maximum length (stated in the
field on the page as well) and may not contain control characters such as a NUL byte
(PostgreSQL refuses NUL in text; SQLite would store it and break exports later).
"""

from __future__ import annotations

import unicodedata

from inclusief.errors import InputError

# maximum lengths in characters, shown in the fields that take them
MAX_LENGTH: dict[str, int] = {
    "name": 120,
    "municipality": 80,
    "note": 4000,
    "what": 500,
    "who": 120,
    "project_name": 120,
    "pseudonym": 60,
    "text": 2000,
}


def clean_text(
    value: str, *, file: str, field: str, kind: str | None = None, required: bool = False
) -> str:
    """``value`` stripped, or an :class:`InputError` naming the file and field.

    ``kind`` picks the maximum length from :data:`MAX_LENGTH` (default: the field's name)."""
    text = value.strip()
    limit = MAX_LENGTH.get(kind or field, MAX_LENGTH["text"])
    if required and not text:
        raise InputError.single(file, "het veld is leeg", field=field)
    bad = [c for c in text if unicodedata.category(c) == "Cc" and c not in "\n\t\r"]
    if bad:
        raise InputError.single(
            file,
            f"de tekst bevat een stuurteken (U+{ord(bad[0]):04X}); verwijder het",
            field=field,
        )
    if len(text) > limit:
        raise InputError.single(
            file, f"de tekst is {len(text)} tekens lang; het maximum is {limit}", field=field
        )
    return text
