"""A candidate's own profile, as stored and as asked in the easy-read intake.

A profile holds what a candidate wants (hours, half days, travel, liked and disliked work,
what helps) and, kept apart, capability levels per dimension *with their source* (an FML
from the verzekeringsarts, an observation by a jobcoach). Capability levels come from
health data (AVG art. 9): :func:`to_engine_candidate` passes them to the carving engine only
when the candidate consented to that use; otherwise the engine gets preferences and hours
only, and the returned note says so.

The intake asks for kinds of work by *task category* (a picture each, :data:`TASK_CATEGORIES`).
Those are our own broad categories; each lists the category ids of the shipped inventories
it covers, so a liked "schoonmaken" becomes a liked ``schoonmaak_hygiene`` in any inventory.
A profile may also name an inventory category directly, or one task as ``taak:<task id>``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from inclusief.errors import InputError, Problem
from inclusief.i18n import LocalText, t
from inclusief.jobcarving.fit import load_dimensions
from inclusief.jobcarving.model import SLOTS, Candidate

FILE = "kandidaat"
TASK_PREFIX = "taak:"
_TASK_ID = re.compile(r"^[a-z0-9_\-]{1,60}$")


@dataclass(frozen=True)
class TaskCategory:
    id: str
    icon: str  # a Streamlit Material icon (the picture shown in the intake)
    covers: tuple[str, ...]  # category ids in the task inventories


# Our broad kinds of work, each with a picture; ``covers`` names the inventory categories
# (data/tasks/*.yaml) it stands for. Labels and alt texts: inclusief/locale/candidates.yaml.
TASK_CATEGORIES: dict[str, TaskCategory] = {
    c.id: c
    for c in (
        TaskCategory("schoonmaken", "cleaning_services", ("schoonmaak_hygiene",)),
        TaskCategory("eten_drinken", "restaurant", ("keuken_catering", "maaltijden_drinken")),
        TaskCategory("klaarzetten", "chair", ("klaslokaal",)),
        TaskCategory("papier", "print", ("kopieren_lesmateriaal", "administratie_post")),
        TaskCategory("balie", "call", ("receptie_administratie", "administratie_post")),
        TaskCategory("voorraad", "inventory_2", ("voorraad_logistiek",)),
        TaskCategory("buiten", "yard", ("gebouw_terrein",)),
        TaskCategory("kinderen", "child_care", ("begeleiding_kleuters", "pauze_buitenspel")),
        TaskCategory("mensen", "elderly", ("welzijn_activiteiten", "begeleiden_vervoer")),
        TaskCategory("was", "local_laundry_service", ("linnen_was",)),
        TaskCategory("computer", "computer", ("ict_hulp",)),
    )
}
INVENTORY_CATEGORIES: frozenset[str] = frozenset(
    cat for c in TASK_CATEGORIES.values() for cat in c.covers
)

# What helps at work (the intake's "wat helpt jou?"), each with a picture.
SUPPORTS: dict[str, str] = {
    "vaste_volgorde": "format_list_numbered",
    "rustige_plek": "volume_off",
    "vraagbaak": "support_agent",
    "voordoen": "visibility",
    "plaatjes": "image",
    "pauzes": "coffee",
    "vaste_collega": "group",
}
TRAVEL_MODES: tuple[str, ...] = ("eigen_vervoer", "ov", "vervoer_nodig")
TravelMode = Literal["eigen_vervoer", "ov", "vervoer_nodig"]
MAX_HOURS = 40.0
MAX_TRAVEL_MINUTES = 240


@dataclass(frozen=True)
class CapabilityLevel:
    level: int
    source: str  # e.g. "FML 12-03-2026, verzekeringsarts" or "gezien door de jobcoach"


@dataclass(frozen=True)
class Profile:
    """A stored candidate as the domain sees it (no database ids except its own)."""

    id: int
    pseudonym: str
    hours_min: float
    hours_max: float
    hours_wanted: float | None
    slots: tuple[str, ...]
    travel_mode: str | None
    travel_minutes: int | None
    likes: tuple[str, ...]
    dislikes: tuple[str, ...]
    support: tuple[str, ...]
    hourly_cost_eur: float | None
    capabilities: Mapping[str, CapabilityLevel]


def known_work(value: str) -> bool:
    """A liked or disliked entry we can use: one of our categories, an inventory category,
    or ``taak:<task id>``."""
    if value.startswith(TASK_PREFIX):
        return bool(_TASK_ID.match(value[len(TASK_PREFIX) :]))
    return value in TASK_CATEGORIES or value in INVENTORY_CATEGORIES


def check_fields(fields: Mapping[str, Any], *, current: Mapping[str, Any] | None = None) -> None:
    """Refuse bad values with one :class:`InputError` naming every field that is wrong.

    ``fields`` are the values being set; ``current`` the stored ones (to check hours_min
    against a stored hours_max, for instance)."""
    merged = {**(current or {}), **fields}
    problems: list[Problem] = []

    def bad(field: str, message: str) -> None:
        problems.append(Problem(file=FILE, message=message, field=field))

    for name in ("hours_min", "hours_max", "hours_wanted"):
        value = merged.get(name)
        if value is None:
            if name != "hours_wanted" and name in fields:
                bad(name, "vul een aantal uren in")
            continue
        if not isinstance(value, int | float) or isinstance(value, bool):
            bad(name, f"'{value}' is geen getal")
        elif not 0 <= float(value) <= MAX_HOURS:
            bad(name, f"{value} uur kan niet; kies 0 tot en met {MAX_HOURS:g}")
    low, high = merged.get("hours_min"), merged.get("hours_max")
    if isinstance(low, int | float) and isinstance(high, int | float) and low > high:
        bad("hours_min", f"minimaal {low:g} uur is meer dan maximaal {high:g} uur")
    wanted = merged.get("hours_wanted")
    if (
        isinstance(wanted, int | float)
        and isinstance(low, int | float)
        and isinstance(high, int | float)
        and low <= high
        and not low <= wanted <= high
    ):
        bad("hours_wanted", f"{wanted:g} uur ligt niet tussen {low:g} en {high:g} uur")
    if "slots" in fields:
        for i, slot in enumerate(fields["slots"] or []):
            if slot not in SLOTS:
                bad(f"slots[{i}]", f"'{slot}' is geen dagdeel; gebruik bijvoorbeeld ma-ochtend")
    for name in ("likes", "dislikes"):
        if name in fields:
            for i, value in enumerate(fields[name] or []):
                if not isinstance(value, str) or not known_work(value):
                    bad(f"{name}[{i}]", f"'{value}' is geen bekende taakcategorie of taak")
    if isinstance(merged.get("likes"), list | tuple) and isinstance(
        merged.get("dislikes"), list | tuple
    ):
        both = sorted(set(merged["likes"]) & set(merged["dislikes"]))
        if both and ("likes" in fields or "dislikes" in fields):
            bad("dislikes", f"'{both[0]}' staat zowel bij leuk als bij niet leuk")
    if "support" in fields:
        for i, value in enumerate(fields["support"] or []):
            if value not in SUPPORTS:
                bad(f"support[{i}]", f"'{value}' is geen bekende vorm van hulp")
    mode = fields.get("travel_mode")
    if mode is not None and mode not in TRAVEL_MODES:
        bad("travel_mode", f"'{mode}' kan niet; kies {', '.join(TRAVEL_MODES)}")
    minutes = fields.get("travel_minutes")
    if minutes is not None and (
        not isinstance(minutes, int) or isinstance(minutes, bool) or not 0 < minutes <= 240
    ):
        bad("travel_minutes", f"{minutes} minuten kan niet; kies 1 tot en met 240")
    cost = fields.get("hourly_cost_eur")
    if cost is not None and (not isinstance(cost, int | float) or not 0 < float(cost) <= 500):
        bad("hourly_cost_eur", f"{cost} kan niet; vul een bedrag per uur groter dan 0 in")
    if problems:
        raise InputError(problems)


def check_capability(dimension: str, level: int, source: str) -> None:
    """A capability level must name a known dimension, fit its scale and name its source."""
    dims = load_dimensions()
    field = f"capabilities.{dimension}"
    if dimension not in dims:
        raise InputError.single(FILE, f"'{dimension}' is geen bekende dimensie", field=field)
    top = dims[dimension].max_level
    if isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= top:
        raise InputError.single(
            FILE, f"niveau {level} kan niet; kies 0 tot en met {top}", field=field
        )
    if not source.strip():
        raise InputError.single(
            FILE,
            "noem de bron, bijvoorbeeld 'FML 12-03-2026, verzekeringsarts'",
            field=f"{field}.source",
        )


def _expand(values: Sequence[str]) -> list[str]:
    out: list[str] = []
    for v in values:
        if v.startswith(TASK_PREFIX):
            out.append(v[len(TASK_PREFIX) :])
        elif v in TASK_CATEGORIES:
            out += TASK_CATEGORIES[v].covers
        else:
            out.append(v)
    return list(dict.fromkeys(out))


STORED_PREFIX = "opgeslagen_"


def engine_id(candidate_id: int) -> str:
    """The engine's id for a stored candidate (apart from ids in candidate files)."""
    return f"{STORED_PREFIX}{candidate_id}"


@dataclass(frozen=True)
class EngineCandidate:
    candidate: Candidate
    uses_capabilities: bool
    note: LocalText | None
    """Set when the carving gets preferences and hours only (no consent for levels)."""


def to_engine_candidate(profile: Profile, *, capabilities_consent: bool) -> EngineCandidate:
    """The carving engine's :class:`~inclusief.jobcarving.model.Candidate` for a stored profile.

    The one place where a stored candidate becomes the engine's candidate. Capability levels
    go in only with consent (a) and when at least one is recorded. Without them the carving
    uses preferences and hours only: every dimension is set to its highest level, so no
    capability limits the choice (the engine treats a missing level as the lowest, which
    would rule out nearly every task), and ``note`` says so; the consultant checks the fit
    with the candidate. With levels, a dimension without a recorded level counts as the
    lowest (the engine's rule: nothing is assumed about a candidate).
    Our broad task categories become the inventory categories they cover.
    """
    if profile.hourly_cost_eur is None:
        raise InputError.single(
            FILE,
            f"{profile.pseudonym}: vul de uurkosten in voordat je deze kandidaat gebruikt",
            field="hourly_cost_eur",
        )
    if not profile.slots:
        raise InputError.single(
            FILE, f"{profile.pseudonym}: kies minstens een dagdeel", field="slots"
        )
    if profile.hours_max <= 0:
        raise InputError.single(
            FILE, f"{profile.pseudonym}: maximaal 0 uur kan niet", field="hours_max"
        )
    uses = capabilities_consent and bool(profile.capabilities)
    if uses:
        levels = {d: c.level for d, c in profile.capabilities.items()}
    else:
        levels = {d: dim.max_level for d, dim in load_dimensions().items()}
    candidate = Candidate(
        id=engine_id(profile.id),
        pseudonym=profile.pseudonym,
        capabilities=levels,
        hours_min=profile.hours_min,
        hours_max=profile.hours_max,
        available_slots=[s for s in SLOTS if s in profile.slots],
        likes=_expand(profile.likes),
        dislikes=_expand(profile.dislikes),
        hourly_cost_eur=profile.hourly_cost_eur,
    )
    note = None
    if not uses:
        key = "no_capability_consent" if not capabilities_consent else "no_capabilities"
        note = LocalText(
            nl=t(f"candidates.{key}", "nl", name=profile.pseudonym),
            en=t(f"candidates.{key}", "en", name=profile.pseudonym),
        )
    return EngineCandidate(candidate, uses, note)
