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

Items are listed under their dimension; ``Item.dimension`` is filled in from that place
(a ``dimension:`` key on the item is allowed and must then name the same dimension).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Self

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


class Scale(_Strict):
    """An ordered answer scale. Higher codes mean "more" of what the item states."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    options: list[ScaleOption] = Field(min_length=2)
    dont_know: ScaleOption | None = None

    @model_validator(mode="after")
    def _codes_distinct_and_ordered(self) -> Self:
        codes = [o.code for o in self.options]
        if codes != sorted(codes) or len(set(codes)) != len(codes):
            raise ValueError("option codes must be distinct and in ascending order")
        if self.dont_know is not None and self.dont_know.code in codes:
            raise ValueError(f"dont_know code {self.dont_know.code} is also an answer code")
        return self

    @property
    def min(self) -> int:
        return self.options[0].code

    @property
    def max(self) -> int:
        return self.options[-1].code

    @property
    def codes(self) -> list[int]:
        return [o.code for o in self.options]

    def label(self, code: int, lang: str = "nl") -> str:
        for option in self.options:
            if option.code == code:
                return option.label.get(lang)
        if self.dont_know is not None and code == self.dont_know.code:
            return self.dont_know.label.get(lang)
        raise KeyError(code)


class Band(_Strict):
    """A score range ``[min, max)`` (the top band includes 100) with a label and advice."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    min: float = Field(ge=0, le=100)
    max: float = Field(ge=0, le=100)
    label: LocalText
    advice: LocalText | None = None

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
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    text: LocalText
    scale: str
    reverse: bool = False
    help: LocalText | None = None
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

    _profiles_cover = field_validator("profiles")(_check_bands)

    @model_validator(mode="after")
    def _references(self) -> Self:
        """Cross-references, each problem reported with its own path."""
        problems = reference_problems(self.model_dump())
        if problems:
            raise LocatedErrors(problems)
        return self

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
