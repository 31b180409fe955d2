"""Number, money and date formats for the reports, in Dutch or English.

Rounding is Python's own (``format``), the same as the app's ``f"{x:.0f}"``; only the
separators change with the language: Dutch writes ``1.234,5``, English ``1,234.5``.

>>> num(1234.5, 1, "nl"), num(1234.5, 1, "en")
('1.234,5', '1,234.5')
>>> eur(12500, "nl"), eur(12500, "en")
('€ 12.500', '€12,500')
>>> score(61.5), score(None)
('62', '-')
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from inclusief.errors import InputError, Problem
from inclusief.i18n import t

DASH = "-"


def num(value: float, digits: int, lang: str) -> str:
    """``value`` with ``digits`` decimals and the separators of ``lang``."""
    text = f"{value:,.{digits}f}"
    if lang == "nl":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def pct(value: float, digits: int, lang: str) -> str:
    return f"{num(value, digits, lang)}%"


def eur(value: float, lang: str, digits: int = 0) -> str:
    """An amount in euro: ``€ 1.250`` in Dutch, ``€1,250`` in English; the minus sign goes
    before the euro sign (``-€ 42.599``), never between sign and number. An amount that
    rounds to zero has no sign."""
    amount = num(abs(value), digits, lang)
    sign = "-" if value < 0 and amount.strip("0.,") else ""
    return f"{sign}€ {amount}" if lang == "nl" else f"{sign}€{amount}"


def score(value: float | None) -> str:
    """A 0-100 score as the app shows it: no decimals, ``-`` when there is none."""
    return DASH if value is None else f"{value:.0f}"


def long_date(day: date, lang: str) -> str:
    """``23 november 2026`` / ``23 November 2026``."""
    month = t(f"reports.month_{day.month}", lang)
    return f"{day.day} {month} {day.year}"


def short_date(day: date | None, lang: str) -> str:
    if day is None:
        return DASH
    return day.strftime("%d-%m-%Y") if lang == "nl" else day.isoformat()


def slug(text: str) -> str:
    """A file-name-safe form: ``Basisschool De Eikenhof`` -> ``basisschool-de-eikenhof``.

    >>> slug("Zorggroep Eën & Twee B.V.")
    'zorggroep-een-twee-b-v'
    """
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "organisatie"


def report_file_name(kind: str, organisation: str, day: date) -> str:
    """``werkgeversscan-basisschool-de-eikenhof-2026-03-05.pdf``."""
    return f"{kind}-{slug(organisation)}-{day.isoformat()}.pdf"


def problem_text(problem: Problem, lang: str) -> str:
    """One input problem as a sentence in ``lang``: file, place, field, message.

    A problem with a ``key`` gets the locale's text (``errors.<key>``); one without keeps its
    English message (and so does a key that the locale files lack)."""
    message = problem.message
    if problem.key:
        key = f"errors.{problem.key}"
        text = t(key, lang, **dict(problem.params))
        if text != key:
            message = text
    file_key = f"errors.files.{problem.file}"
    file_name = t(file_key, lang)
    parts = [problem.file if file_name == file_key else file_name]
    if problem.where:
        parts.append(
            problem.where
            if lang == "en"
            else problem.where.replace("line ", "regel ")
            .replace("column ", "kolom ")
            .replace("(top level)", "(hoofdniveau)")
        )
    if problem.field:
        field_key = f"errors.fields.{problem.field}"
        field_name = t(field_key, lang)
        shown = problem.field if field_name == field_key else field_name
        parts.append(t("errors.field", lang, field=shown))
    return f"{': '.join(parts)}: {message}"


def error_text(exc: InputError, lang: str) -> str:
    """Every problem of ``exc`` on its own line, in ``lang``."""
    return "\n".join(problem_text(p, lang) for p in exc.problems)


def parse_day(text: str, *, file: str, field: str) -> date:
    """A date typed the Dutch way, ``dd-mm-jjjj`` (also ``d-m-jjjj`` and with ``/`` or
    ``.``); anything else is an :class:`InputError` naming the field."""
    m = re.fullmatch(r"\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*", text)
    if m:
        try:
            return date(int(m[3]), int(m[2]), int(m[1]))
        except ValueError:
            pass
    raise InputError.keyed(
        file,
        "bad_date",
        f"'{text.strip()}' is not a date; write it as dd-mm-yyyy, e.g. 31-01-2027",
        field=field,
        text=text.strip(),
    )
