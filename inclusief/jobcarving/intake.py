"""The easy-read intake: one question per screen, asked of the candidate in their own words.

The questions and their answer options are defined here (texts in
``inclusief/locale/candidates.yaml``, keys ``candidates.q.<id>``); :func:`check_answer`
refuses an answer that is not one of the options, naming the question; :func:`profile_fields`
turns the answers into the fields of a stored candidate (what the consultant accepts).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from inclusief.errors import InputError
from inclusief.jobcarving.model import SLOTS
from inclusief.jobcarving.profiles import SUPPORTS, TASK_CATEGORIES, TRAVEL_MODES

FILE = "intake"
Kind = Literal["multi", "single", "text", "yesno"]

# hours per week the candidate can choose: band -> (min, max); the wish is its middle
HOUR_BANDS: dict[str, tuple[float, float]] = {
    "4_8": (4.0, 8.0),
    "8_16": (8.0, 16.0),
    "16_24": (16.0, 24.0),
    "24_32": (24.0, 32.0),
    "32_40": (32.0, 40.0),
}
TRAVEL_TIMES: dict[str, int] = {"15": 15, "30": 30, "45": 45, "60": 60}
YESNO = ("ja", "nee")
MAX_TEXT = 500

# consent questions -> the consent kind they record
CONSENT_QUESTIONS: dict[str, str] = {
    "consent_capabilities": "capabilities",
    "consent_employer": "employer_summary",
    "consent_research": "research",
}


@dataclass(frozen=True)
class Question:
    id: str
    kind: Kind
    options: tuple[str, ...] = ()
    icons: Mapping[str, str] | None = None  # option -> Material icon (the picture)
    icon: str = "help"  # the question's own picture


QUESTIONS: tuple[Question, ...] = (
    Question(
        "likes",
        "multi",
        tuple(TASK_CATEGORIES),
        {k: c.icon for k, c in TASK_CATEGORIES.items()},
        "thumb_up",
    ),
    Question(
        "dislikes",
        "multi",
        tuple(TASK_CATEGORIES),
        {k: c.icon for k, c in TASK_CATEGORIES.items()},
        "thumb_down",
    ),
    Question("slots", "multi", SLOTS, None, "calendar_month"),
    Question("hours", "single", tuple(HOUR_BANDS), None, "schedule"),
    Question(
        "travel",
        "single",
        TRAVEL_MODES,
        {"eigen_vervoer": "pedal_bike", "ov": "directions_bus", "vervoer_nodig": "airport_shuttle"},
        "commute",
    ),
    Question("travel_minutes", "single", tuple(TRAVEL_TIMES), None, "timer"),
    Question("support", "multi", tuple(SUPPORTS), dict(SUPPORTS), "volunteer_activism"),
    Question("strengths", "text", (), None, "star"),
    Question("consent_capabilities", "yesno", YESNO, None, "lock"),
    Question("consent_employer", "yesno", YESNO, None, "handshake"),
    Question("consent_research", "yesno", YESNO, None, "school"),
)
BY_ID: dict[str, Question] = {q.id: q for q in QUESTIONS}


def questions(*, employer: str | None) -> list[Question]:
    """The questions of one intake: the employer question only when an employer is named."""
    return [q for q in QUESTIONS if q.id != "consent_employer" or employer]


def check_answer(question: str, value: Any) -> Any:
    """The answer, cleaned; an :class:`InputError` naming the question when it is not allowed."""
    q = BY_ID.get(question)
    if q is None:
        raise InputError.single(FILE, f"'{question}' is geen vraag van de intake", field=question)
    if q.kind == "multi":
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise InputError.single(FILE, "kies uit de lijst", field=question)
        unknown = [v for v in value if v not in q.options]
        if unknown:
            raise InputError.single(FILE, f"'{unknown[0]}' is geen keuze", field=question)
        return [o for o in q.options if o in value]  # the options' order, no doubles
    if q.kind in ("single", "yesno"):
        if value not in q.options:
            raise InputError.single(FILE, f"'{value}' is geen keuze", field=question)
        return value
    if not isinstance(value, str):
        raise InputError.single(FILE, "vul tekst in", field=question)
    text = value.strip()
    bad = [c for c in text if ord(c) < 32 and c not in "\n\t\r"]
    if bad or len(text) > MAX_TEXT:
        raise InputError.single(
            FILE, f"de tekst mag {MAX_TEXT} tekens lang zijn, zonder stuurtekens", field=question
        )
    return text


def profile_fields(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The candidate fields an intake's answers give (only the questions answered)."""
    out: dict[str, Any] = {}
    if "likes" in answers:
        out["likes"] = list(answers["likes"])
    if "dislikes" in answers:
        liked = set(out.get("likes", answers.get("likes") or []))
        out["dislikes"] = [d for d in answers["dislikes"] if d not in liked]
    if "slots" in answers:
        out["slots"] = list(answers["slots"])
    if answers.get("hours") in HOUR_BANDS:
        low, high = HOUR_BANDS[answers["hours"]]
        out["hours_min"], out["hours_max"] = low, high
        out["hours_wanted"] = (low + high) / 2
    if answers.get("travel") in TRAVEL_MODES:
        out["travel_mode"] = answers["travel"]
    if answers.get("travel_minutes") in TRAVEL_TIMES:
        out["travel_minutes"] = TRAVEL_TIMES[answers["travel_minutes"]]
    if "support" in answers:
        out["support"] = list(answers["support"])
    if answers.get("strengths"):
        out["strengths"] = str(answers["strengths"])
    return out
