"""The questionnaire definition format, validated by pydantic at load time.

A questionnaire is a YAML file (see ``definitions/werkgeversscan.yaml``)::

    id: werkgeversscan
    version: "1.0"
    title: {nl: ..., en: ...}
    min_answered_share: 0.6          # per dimension, default 0.6
    scales:
      - id: eens5
        options: [{code: 1, label: {nl: ..., en: ...}}, ...]
        dont_know: {code: 9, label: {nl: Weet niet, en: Don't know}}   # optional
    dimensions:
      - id: drijfveren
        name: {nl: ..., en: ...}
        description: {nl: ..., en: ...}
        weight: 1.0                  # weight in the overall index
        bands:                       # cover 0..100 without gaps or overlaps
          - {id: laag, min: 0, max: 40, label: {...}, advice: {...}}
        items:
          - {id: dr01, text: {...}, scale: eens5, reverse: false, help: {...}}
    profiles: [...]                  # bands on the overall index -> overall profile label
    support_needs:                   # optional unscored multi-select block
      question: {...}
      options: [{id: jobcarving, label: {...}, next_step: {...}}]
    glossary: [{term: {...}, explanation: {...}}]          # terms defined at the start
    advice_rules:                    # advice for combinations (see advice.py)
      - {id: ..., when: [{dimension: beleid, max: 40}, {item: ev_nu, in: [0]}],
         replaces: [beleid.laag], tags: [...], text: {...}}
    advice_conflicts: [[uitdragen, fundament]]             # tags that contradict
    previous: {version: "1.0", items: {new_id: old_id}}    # comparable items

Scales have a ``type`` (ordinal, yesno, choice, multi, number; see :class:`Scale`) and up to
two missing codes besides an empty cell: ``dont_know`` and ``not_applicable``. Items on an
ordinal scale are scored; the other types are facts unless the item says ``scored: true``.

Items are listed under their dimension; ``Item.dimension`` is filled in from that place
(a ``dimension:`` key on the item is allowed and must then name the same dimension).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from inclusief.i18n import LocalText


class LocatedErrors(ValueError):
    """Problems found by a cross-field check, each with its path inside the file."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{path}: {msg}" for path, msg in problems))


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _id(value: object) -> str | None:
    """The ``id`` of a mapping, if it is a string."""
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        return str(value["id"])
    return None


def reference_problems(data: object) -> list[tuple[str, str]]:
    """Cross-reference problems of a questionnaire, each with its path inside the file.

    Duplicate scale, dimension and item ids, an item naming an unknown scale, a support
    block whose id clashes with an item, and dimension weights that are all 0. Works on the
    raw data too (parts that are malformed are skipped), so a file with field errors also
    gets its reference problems reported in the same go (see ``load.parse_questionnaire``).
    """
    if not isinstance(data, dict):
        return []
    problems: list[tuple[str, str]] = []
    scale_ids = [_id(s) for s in _list(data.get("scales"))]
    for i, sid in enumerate(scale_ids):
        if sid is not None and sid in scale_ids[:i]:
            problems.append((f"scales[{i}].id", f"scale id '{sid}' is used twice"))
    known_scales = list(dict.fromkeys(sid for sid in scale_ids if sid is not None))
    # Without a readable list of scale ids (a field error) an item's scale cannot be checked.
    check_scales = isinstance(data.get("scales"), list) and None not in scale_ids
    seen_dims: set[str] = set()
    seen_items: set[str] = set()
    weights: list[float] | None = []
    for d, dim in enumerate(_list(data.get("dimensions"))):
        dim_id = _id(dim)
        if dim_id is not None and dim_id in seen_dims:
            problems.append((f"dimensions[{d}].id", f"dimension id '{dim_id}' is used twice"))
        if dim_id is not None:
            seen_dims.add(dim_id)
        if not isinstance(dim, dict):
            weights = None
            continue
        weight = dim.get("weight", 1.0)
        if weights is not None and isinstance(weight, int | float) and not isinstance(weight, bool):
            weights.append(float(weight))
        else:
            weights = None  # a bad weight is a field error; the sum is not known
        for j, item in enumerate(_list(dim.get("items"))):
            where = f"dimensions[{d}].items[{j}]"
            item_id = _id(item)
            if item_id is not None and item_id in seen_items:
                problems.append((f"{where}.id", f"item id '{item_id}' is used twice"))
            if item_id is not None:
                seen_items.add(item_id)
            scale = item.get("scale") if isinstance(item, dict) else None
            if check_scales and isinstance(scale, str) and scale not in known_scales:
                known = ", ".join(known_scales)
                problems.append((f"{where}.scale", f"unknown scale '{scale}' (known: {known})"))
    support = data.get("support_needs")
    if isinstance(support, dict):
        support_id = support.get("id", "support_needs")
        if isinstance(support_id, str) and support_id in seen_items:
            problems.append(("support_needs.id", f"'{support_id}' clashes with an item"))
    if weights and sum(weights) <= 0:
        problems.append(("dimensions", "at least one dimension needs a weight above 0"))
    return problems


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class ScaleOption(_Strict):
    code: int
    label: LocalText


ScaleType = Literal["ordinal", "yesno", "choice", "multi", "number"]


class NumberRange(_Strict):
    """The whole numbers a ``number`` item accepts, both ends included."""

    min: int
    max: int

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) must not be above max ({self.max})")
        return self


class Scale(_Strict):
    """An answer format. ``type`` says what kind:

    - ``ordinal`` (the default): an ordered scale; higher codes mean "more" of what the item
      states (agree scales, familiarity scales);
    - ``yesno``: codes ``0`` = nee and ``1`` = ja (checked);
    - ``choice``: choose one option from a list (nominal codes);
    - ``multi``: choose several options; each option code is a distinct power of two and an
      answer is the sum of the chosen codes (0 = none of them), so it fits one whole number;
    - ``number``: a whole number within ``range`` (no options).

    Three kinds of missing besides a skipped (empty) answer, each with its own code:
    ``dont_know`` (weet niet) and ``not_applicable`` (niet van toepassing). An ordinal
    scale may say ``dont_know_scores_as: <code>``: a weet-niet answer then counts as that
    answer in the score (the knowledge dimension: not knowing a scheme = not knowing it),
    explained to the respondent by ``dont_know_note``.
    """

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    type: ScaleType = "ordinal"
    options: list[ScaleOption] = []
    range: NumberRange | None = None
    dont_know: ScaleOption | None = None
    not_applicable: ScaleOption | None = None
    dont_know_scores_as: int | None = None
    dont_know_note: LocalText | None = None

    @model_validator(mode="after")
    def _codes_distinct_and_ordered(self) -> Self:
        codes = [o.code for o in self.options]
        if self.type == "number":
            if self.range is None:
                raise ValueError("a number scale needs a range (min, max)")
            if self.options:
                raise ValueError("a number scale has a range, not options")
        else:
            if self.range is not None:
                raise ValueError(f"a {self.type} scale has options, not a range")
            if len(codes) < 2:
                raise ValueError("at least 2 options are needed")
        if codes != sorted(codes) or len(set(codes)) != len(codes):
            raise ValueError("option codes must be distinct and in ascending order")
        if self.type == "yesno" and codes != [0, 1]:
            raise ValueError("a yesno scale has exactly the codes 0 (nee) and 1 (ja)")
        if self.type == "multi" and any(c <= 0 or c & (c - 1) for c in codes):
            raise ValueError(
                "the option codes of a multi scale must be powers of two (1, 2, 4, ...)"
            )
        named = [("dont_know", self.dont_know), ("not_applicable", self.not_applicable)]
        missing = [m.code for _n, m in named if m is not None]
        if len(set(missing)) != len(missing):
            raise ValueError("dont_know and not_applicable need different codes")
        for name, m in named:
            if m is not None and self.accepts_answer(m.code):
                raise ValueError(f"{name} code {m.code} is also an answer code")
        if self.dont_know_scores_as is not None:
            if self.type != "ordinal" or self.dont_know is None:
                raise ValueError("dont_know_scores_as needs an ordinal scale with dont_know")
            if self.dont_know_scores_as not in codes:
                raise ValueError(f"dont_know_scores_as {self.dont_know_scores_as} is not a code")
            if self.dont_know_note is None:
                raise ValueError("dont_know_scores_as needs a dont_know_note for the result")
        return self

    @property
    def min(self) -> int:
        return self.range.min if self.range is not None else self.options[0].code

    @property
    def max(self) -> int:
        if self.range is not None:
            return self.range.max
        if self.type == "multi":
            return sum(o.code for o in self.options)
        return self.options[-1].code

    @property
    def codes(self) -> list[int]:
        """The answer codes (options); empty for a number scale (see :meth:`accepts_answer`)."""
        return [o.code for o in self.options]

    @property
    def missing_codes(self) -> list[int]:
        """The weet-niet and niet-van-toepassing codes, where the scale has them."""
        return [m.code for m in (self.dont_know, self.not_applicable) if m is not None]

    def accepts_answer(self, value: float) -> bool:
        """Whether ``value`` is an answer (not a missing code) on this scale."""
        if not float(value).is_integer():
            return False
        code = int(value)
        if self.type == "number":
            return self.min <= code <= self.max
        if self.type == "multi":
            return 0 <= code <= self.max and (code & ~self.max) == 0
        return code in self.codes

    def accepts(self, value: float) -> bool:
        """An answer or one of the scale's missing codes."""
        return self.accepts_answer(value) or (
            float(value).is_integer() and int(value) in self.missing_codes
        )

    def allowed_text(self) -> str:
        """What may be entered, for error messages."""
        if self.type == "number":
            shown = f"a whole number {self.min}-{self.max}"
        elif self.type == "multi":
            shown = f"a sum of {', '.join(str(c) for c in self.codes)} (0 = none)"
        else:
            shown = ", ".join(str(c) for c in self.codes)
        return ", ".join([shown, *(str(c) for c in self.missing_codes)])

    def chosen(self, value: int) -> list[int]:
        """The option codes in a multi answer (the bits that are set)."""
        return [c for c in self.codes if value & c]

    def label(self, code: int, lang: str = "nl") -> str:
        for option in self.options:
            if option.code == code:
                return option.label.get(lang)
        for missing in (self.dont_know, self.not_applicable):
            if missing is not None and code == missing.code:
                return missing.label.get(lang)
        if self.type == "number" and self.accepts_answer(code):
            return str(code)
        if self.type == "multi" and self.accepts_answer(code):
            return "; ".join(self.label(c, lang) for c in self.chosen(code)) or "-"
        raise KeyError(code)


class Band(_Strict):
    """A score range ``[min, max)`` (the top band includes 100) with a label and advice."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    min: float = Field(ge=0, le=100)
    max: float = Field(ge=0, le=100)
    label: LocalText
    advice: LocalText | None = None
    tags: list[str] = []  # what the advice asks for; see Questionnaire.advice_conflicts

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.min >= self.max:
            raise ValueError(f"min ({self.min}) must be below max ({self.max})")
        return self


def _check_bands(bands: list[Band]) -> list[Band]:
    """Bands must run from 0 to 100 in order, each starting where the previous ended."""
    if not bands:
        raise ValueError("at least one band is needed")
    if bands[0].min != 0:
        raise ValueError("the first band must start at 0")
    if bands[-1].max != 100:
        raise ValueError("the last band must end at 100")
    for i, (a, b) in enumerate(zip(bands, bands[1:], strict=False), start=1):
        if a.max != b.min:
            raise ValueError(f"band {i} starts at {b.min} but band {i - 1} ends at {a.max}")
    ids = [b.id for b in bands]
    if len(set(ids)) != len(ids):
        raise ValueError("band ids must be unique")
    return bands


class Item(_Strict):
    """One question. ``scored``: whether it counts in its dimension's score. The default is
    yes for an ordinal scale and no for the factual types (yesno, choice, multi, number),
    which feed the profile and the advice rules instead; a yesno or choice item may say
    ``scored: true`` and is then scored by its code order like an ordinal item. ``action``:
    what to work on when this item is among the weakest (the "top 3" of the result)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    text: LocalText
    scale: str
    reverse: bool = False
    scored: bool | None = None
    help: LocalText | None = None
    source: str | None = None  # where the facts in the help text come from
    action: LocalText | None = None
    dimension: str | None = None


class Dimension(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: LocalText
    description: LocalText | None = None
    weight: float = Field(default=1.0, ge=0)
    bands: list[Band] = Field(min_length=1)
    items: list[Item] = Field(min_length=1)

    _bands_cover = field_validator("bands")(_check_bands)

    @model_validator(mode="after")
    def _items_belong_here(self) -> Self:
        for item in self.items:
            if item.dimension is not None and item.dimension != self.id:
                raise ValueError(
                    f"item {item.id} says dimension '{item.dimension}' but is listed "
                    f"under '{self.id}'"
                )
        # Fill in the dimension from the place the item is listed (frozen model: copy).
        self.items[:] = [i.model_copy(update={"dimension": self.id}) for i in self.items]
        return self


class SupportOption(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: LocalText
    next_step: LocalText


class SupportNeeds(_Strict):
    """An unscored multi-select block; the chosen options become next steps in the advice."""

    id: str = Field(default="support_needs", pattern=r"^[a-z][a-z0-9_]*$")
    question: LocalText
    options: list[SupportOption] = Field(min_length=1)


class GlossaryEntry(_Strict):
    """A term defined at the start of the questionnaire, used the same way throughout."""

    term: LocalText
    explanation: LocalText


class Condition(_Strict):
    """One condition of an advice rule: a dimension score in ``[min, max)``, or an item's
    answer in ``in`` (codes) / within ``[min, max]`` (numbers), or for a multi item the
    option ``has`` chosen. A missing score or a skipped answer never meets a condition; a
    weet-niet or niet-van-toepassing code only when ``in`` names it."""

    dimension: str | None = None
    item: str | None = None
    min: float | None = None
    max: float | None = None
    in_: list[int] | None = Field(default=None, alias="in")
    has: int | None = None

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _one_subject(self) -> Self:
        if (self.dimension is None) == (self.item is None):
            raise ValueError("a condition names either a dimension or an item")
        if self.dimension is not None and (self.in_ is not None or self.has is not None):
            raise ValueError("a dimension condition uses min and/or max")
        if all(v is None for v in (self.min, self.max, self.in_, self.has)):
            raise ValueError("a condition needs min, max, in or has")
        return self


class AdviceRule(_Strict):
    """Advice for a combination: shown when every condition in ``when`` holds.

    ``replaces`` lists band advice (``dimension.band``) that the rule makes redundant or
    contradicts; it is left out when the rule fires. Rules are applied in file order, before
    the band advice.
    """

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    when: list[Condition] = Field(min_length=1)
    text: LocalText
    replaces: list[str] = []
    tags: list[str] = []


class PreviousVersion(_Strict):
    """How this version relates to an earlier one: which items and dimensions measure the
    same thing (same construct, same scale direction after reverse coding), so that a trend
    may compare them. Everything not listed is new or changed and is not comparable."""

    version: str
    items: dict[str, str] = {}  # this version's item id -> the earlier version's item id
    dimensions: dict[str, str] = {}  # this version's dimension id -> the earlier one's
    note: LocalText | None = None


class Questionnaire(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    version: str
    title: LocalText
    description: LocalText | None = None
    min_answered_share: float = Field(default=0.6, gt=0, le=1)
    scales: list[Scale] = Field(min_length=1)
    dimensions: list[Dimension] = Field(min_length=1)
    profiles: list[Band] = Field(min_length=1)
    support_needs: SupportNeeds | None = None
    glossary: list[GlossaryEntry] = []
    advice_rules: list[AdviceRule] = []
    advice_conflicts: list[tuple[str, str]] = []
    previous: PreviousVersion | None = None

    _profiles_cover = field_validator("profiles")(_check_bands)

    @model_validator(mode="after")
    def _references(self) -> Self:
        """Cross-references, each problem reported with its own path."""
        problems = reference_problems(self.model_dump())
        if not problems:
            problems = self._type_problems() + self._rule_problems()
        if problems:
            raise LocatedErrors(problems)
        return self

    def _type_problems(self) -> list[tuple[str, str]]:
        """Scored items need a scale that can be scored; every dimension needs one."""
        problems: list[tuple[str, str]] = []
        for d, dim in enumerate(self.dimensions):
            for j, item in enumerate(dim.items):
                kind = self.scale(item.scale).type
                if item.scored and kind in ("multi", "number"):
                    problems.append(
                        (f"dimensions[{d}].items[{j}].scored", f"a {kind} item cannot be scored")
                    )
            if not any(self.is_scored(i) for i in dim.items):
                problems.append((f"dimensions[{d}].items", "at least one item must be scored"))
        return problems

    def _rule_problems(self) -> list[tuple[str, str]]:
        problems: list[tuple[str, str]] = []
        dims = {d.id for d in self.dimensions}
        bands = {f"{d.id}.{b.id}" for d in self.dimensions for b in d.bands}
        items = set(self.item_ids)
        for r, rule in enumerate(self.advice_rules):
            for c, cond in enumerate(rule.when):
                where = f"advice_rules[{r}].when[{c}]"
                if cond.dimension is not None and cond.dimension not in dims:
                    problems.append((where, f"unknown dimension '{cond.dimension}'"))
                if cond.item is not None and cond.item not in items:
                    problems.append((where, f"unknown item '{cond.item}'"))
                elif cond.item is not None:
                    scale = self.scale(self.item(cond.item).scale)
                    for code in cond.in_ or []:
                        if not scale.accepts(code):
                            problems.append(
                                (f"{where}.in", f"{code} is not a code of '{scale.id}'")
                            )
                    if cond.has is not None and (
                        scale.type != "multi" or cond.has not in scale.codes
                    ):
                        problems.append((f"{where}.has", "has needs an option of a multi item"))
            for name in rule.replaces:
                if name not in bands:
                    problems.append(
                        (f"advice_rules[{r}].replaces", f"unknown band advice '{name}'")
                    )
        if self.previous is not None:
            for new, _old in self.previous.items.items():
                if new not in items:
                    problems.append(("previous.items", f"unknown item '{new}'"))
            for new in self.previous.dimensions:
                if new not in dims:
                    problems.append(("previous.dimensions", f"unknown dimension '{new}'"))
        return problems

    def is_scored(self, item: Item) -> bool:
        """Whether the item counts in its dimension's score (see :class:`Item`)."""
        if item.scored is not None:
            return item.scored
        return self.scale(item.scale).type == "ordinal"

    @property
    def scored_items(self) -> list[Item]:
        return [i for i in self.items if self.is_scored(i)]

    @property
    def fact_items(self) -> list[Item]:
        """Items that feed the profile and the advice but not the scores."""
        return [i for i in self.items if not self.is_scored(i)]

    # -- lookups ---------------------------------------------------------------------------
    @property
    def items(self) -> list[Item]:
        return [item for dim in self.dimensions for item in dim.items]

    @property
    def item_ids(self) -> list[str]:
        return [item.id for item in self.items]

    def scale(self, scale_id: str) -> Scale:
        for scale in self.scales:
            if scale.id == scale_id:
                return scale
        raise KeyError(scale_id)

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def dimension(self, dimension_id: str) -> Dimension:
        for dim in self.dimensions:
            if dim.id == dimension_id:
                return dim
        raise KeyError(dimension_id)

    def iter_items(self) -> Iterator[tuple[Dimension, Item, Scale]]:
        for dim in self.dimensions:
            for item in dim.items:
                yield dim, item, self.scale(item.scale)

    def band(self, dimension_id: str, band_id: str) -> Band:
        for band in self.dimension(dimension_id).bands:
            if band.id == band_id:
                return band
        raise KeyError(band_id)

    def profile(self, profile_id: str) -> Band:
        for band in self.profiles:
            if band.id == profile_id:
                return band
        raise KeyError(profile_id)

    @property
    def key(self) -> str:
        """``id@version``, how stored assessments refer to a definition."""
        return f"{self.id}@{self.version}"
