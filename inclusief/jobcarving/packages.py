"""Work packages without a candidate: bundle the simple tasks into coherent jobs.

Functiecreatie (Inclusief Herontwerp Werk, UWV) bundles simple tasks taken from the work of
higher-skilled staff into new functions. Before a candidate is known, this module proposes
such bundles of about ``target_hours`` hours a week. The default, 25.5 hours, is one
Banenafspraak job (Banenafspraak: 1 baan = 25,5 uur per week; werkgeverslijn.nl, see
``/work/shared/domain/banenafspraak.md``).

Method (the same input always gives the same output; no randomness is used)

1. **Simple tasks**: tasks with ``complexity <= max_complexity`` that are not excluded. A
   task that asks more than :data:`~inclusief.jobcarving.model.SLOT_HOURS` hours in one
   slot can never be scheduled and is left over at once.
2. **Features** per task, four blocks, each scaled to length 1 and then weighted
   (:data:`FEATURE_WEIGHTS`, the weights add up to 1):

   * one-hot category;
   * one-hot source role;
   * the fixed hours per slot (a flexible task, which may go anywhere, is spread evenly
     over all ten slots);
   * TF-IDF of name + description (scikit-learn ``TfidfVectorizer``) on character 3-5
     grams within words, which copes with Dutch compounds ("kopieerwerk" shares grams with
     "kopiëren"); accents are stripped and a short built-in Dutch stop list is removed
     (nothing is downloaded).

   The combined vector is scaled to length 1, so the dot product of two tasks is their
   cosine similarity: the weighted mean of the four block similarities, in [0, 1] because
   every feature is non-negative.
3. **Number of packages** ``k = max(1, round(simple hours / target_hours))`` (at most the
   number of tasks).
4. **Clustering**: scikit-learn ``AgglomerativeClustering`` with Ward linkage on the unit
   vectors (for unit vectors the squared distance is ``2 - 2 x cosine``).
5. **Rebalancing**, with ``lower = target x (1 - tolerance)`` and
   ``upper = min(40, target x (1 + tolerance))`` (40 h = 10 slots x 4 h):

   a. per cluster, the tasks most similar to the cluster (highest mean cosine with its
      members) go in first, as long as the package stays within ``upper`` hours and no slot
      gets more than 4 h of fixed work (a single task longer than ``upper`` may form a
      package of its own); the rest are set aside;
   b. each task set aside (longest first) goes to the most similar package with room;
   c. while a package is below ``lower``: fill it with the most similar task set aside that
      fits, else move the task that fits it best (similarity to it minus similarity to its
      own package) from a package that stays at or above ``lower``. Every move lowers the
      total shortfall, so this ends.

   Tasks that fit nowhere are left over, with the reason.
6. **Schedule**: fixed tasks in their slots; flexible hours in free time, preferring slots
   already in use so the week stays compact, never more than 4 h in a slot
   (:func:`inclusief.jobcarving.schedule.place_schedule`).

**Coherence** of a package = the mean pairwise cosine similarity of its tasks' feature
vectors (1 for a package of one task), in [0, 1]; higher means the tasks are more alike in
category, source role, timing and wording.

**Profile** of a package = per capability dimension the highest demand of its tasks (a
candidate must reach that level; see ``capabilities.yaml``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from pydantic import Field

from inclusief.i18n import LocalText, t
from inclusief.jobcarving.inventory import load_dimensions
from inclusief.jobcarving.model import (
    SLOT_HOURS,
    SLOTS,
    Candidate,
    Inventory,
    ScheduleEntry,
    Task,
    _Strict,
)
from inclusief.jobcarving.schedule import place_schedule

BANENAFSPRAAK_HOURS = 25.5
"""One Banenafspraak job = 25.5 paid hours a week (werkgeverslijn.nl; Banenafspraak)."""
WEEK_HOURS = SLOT_HOURS * len(SLOTS)
"""40 hours: ten half-day slots of four hours."""
DEFAULT_TOLERANCE = 0.2
FEATURE_WEIGHTS: dict[str, float] = {"category": 0.35, "role": 0.2, "schedule": 0.15, "text": 0.3}
"""Weights of the feature blocks; block similarities are averaged with these weights."""

_EPS = 1e-9
_STOP_WORDS = (
    "de het een en of van in op te voor met aan bij uit naar om die dat dit deze er is zijn "
    "wordt worden ook als door over tot zo nog dan maar wat wie waar per elke elk"
)
_DUTCH_STOP = frozenset(_STOP_WORDS.split())


class PackageFit(_Strict):
    """A given candidate whom every task of a package fits (demands, with the accommodations
    the employer offers them; not disliked). Hours and timetable are not judged here."""

    candidate: str
    pseudonym: str
    accommodations: list[str] = Field(default_factory=list)


class WorkPackage(_Strict):
    """A proposed new job made of simple tasks, not yet for a candidate."""

    id: str
    title: LocalText
    """Suggested title from the package's dominant categories."""
    tasks: list[str]
    hours: float
    schedule: dict[str, list[ScheduleEntry]]
    """Slot -> what happens in it; fixed tasks in their slots, flexible ones placed."""
    profile: dict[str, int]
    """Per capability dimension, the highest demand over the package's tasks."""
    hours_by_role: dict[str, float]
    categories: list[str]
    """Categories of the tasks, most hours first."""
    coherence: float = Field(ge=0, le=1)
    """Mean pairwise cosine similarity of the tasks' feature vectors (1 for one task)."""
    within_target: bool
    """True when the hours are within the tolerance around the target."""
    fits: list[PackageFit] = Field(default_factory=list)
    """The given candidates whom the package fits (see :class:`PackageFit`)."""
    coherence_text: LocalText | None = None
    """The coherence in words: how alike the tasks are and in what."""


class PackageProposal(_Strict):
    """Work packages proposed from an inventory's simple tasks."""

    packages: list[WorkPackage]
    left_over: list[str]
    """Simple tasks that are in no package (reasons in :attr:`reasons`)."""
    reasons: dict[str, LocalText]
    """Task id -> why it was left over."""
    excluded: list[str] = Field(default_factory=list)
    """Tasks the caller excluded."""
    target_hours: float
    tolerance: float
    max_complexity: int
    method: LocalText
    note: LocalText | None = None
    """Set when the simple tasks fall far short of the target (one smaller package)."""
    demand_cap: dict[str, int] = Field(default_factory=dict)
    """Per dimension the highest demand a task in a package may have (chosen by the
    consultant or derived from the candidates: :func:`derive_cap`); empty = no cap."""


def _text(key: str, **params: object) -> LocalText:
    return LocalText(nl=t(f"carving.{key}", "nl", **params), en=t(f"carving.{key}", "en", **params))


def _num(value: float, lang: str) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "nl" else text


def _local_num(key: str, **numbers: float) -> LocalText:
    """A message whose parameters are numbers, written the Dutch or English way."""
    nl = {k: _num(v, "nl") for k, v in numbers.items()}
    en = {k: _num(v, "en") for k, v in numbers.items()}
    return LocalText(nl=t(f"carving.{key}", "nl", **nl), en=t(f"carving.{key}", "en", **en))


# -- features -------------------------------------------------------------------------------
def _clean_text(text: str) -> str:
    """Lower case, accents stripped, Dutch stop words and non-letters removed."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    words = re.findall(r"[a-z]+", plain)
    return " ".join(w for w in words if w not in _DUTCH_STOP)


def _one_hot(values: Sequence[str]) -> NDArray[np.float64]:
    levels = sorted(set(values))
    index = {v: i for i, v in enumerate(levels)}
    out = np.zeros((len(values), len(levels)))
    for row, v in enumerate(values):
        out[row, index[v]] = 1.0
    return out


def _unit_rows(matrix: NDArray[np.float64]) -> NDArray[np.float64]:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


def _text_block(tasks: Sequence[Task]) -> NDArray[np.float64]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = [_clean_text(f"{tk.name} {tk.description}") for tk in tasks]
    if not any(docs):
        return np.zeros((len(tasks), 1))
    vectorizer = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), lowercase=False, sublinear_tf=True
    )
    try:
        matrix = vectorizer.fit_transform(docs)
    except ValueError:  # every text shorter than three letters: no grams at all
        return np.zeros((len(tasks), 1))
    return np.asarray(matrix.toarray(), dtype=float)


def task_features(tasks: Sequence[Task]) -> NDArray[np.float64]:
    """Unit feature vectors (one row per task); row dot products are cosine similarities."""
    if not tasks:
        return np.zeros((0, 1))
    schedule = np.array(
        [
            [1.0] * len(SLOTS) if tk.is_flexible else [tk.fixed_hours().get(s, 0.0) for s in SLOTS]
            for tk in tasks
        ]
    )
    blocks = {
        "category": _one_hot([tk.category for tk in tasks]),
        "role": _one_hot([tk.role for tk in tasks]),
        "schedule": _unit_rows(schedule),
        "text": _unit_rows(_text_block(tasks)),
    }
    combined = np.hstack([np.sqrt(FEATURE_WEIGHTS[name]) * blocks[name] for name in blocks])
    return _unit_rows(combined)


def coherence(vectors: NDArray[np.float64]) -> float:
    """Mean pairwise cosine similarity of unit row vectors (1 for a single row)."""
    n = len(vectors)
    if n < 2:
        return 1.0
    sims = vectors @ vectors.T
    mean = (float(sims.sum()) - float(np.trace(sims))) / (n * (n - 1))
    return round(min(1.0, max(0.0, mean)), 6)


def _cluster(vectors: NDArray[np.float64], k: int) -> list[int]:
    n = len(vectors)
    if k <= 1 or n <= 1:
        return [0] * n
    if k >= n:
        return list(range(n))
    from sklearn.cluster import AgglomerativeClustering

    labels = AgglomerativeClustering(n_clusters=k, linkage="ward").fit_predict(vectors)
    # number clusters by their first task, so the order follows the inventory
    first: dict[int, int] = {}
    for label in labels:
        first.setdefault(int(label), len(first))
    return [first[int(label)] for label in labels]


# -- rebalancing ------------------------------------------------------------------------------
@dataclass
class _Bin:
    members: list[int] = field(default_factory=list)
    hours: float = 0.0
    slots: dict[str, float] = field(default_factory=dict)


class _Packer:
    def __init__(
        self, tasks: Sequence[Task], vectors: NDArray[np.float64], lower: float, upper: float
    ) -> None:
        self.tasks = tasks
        self.x = vectors
        self.lower = lower
        self.upper = upper
        self.fixed = [tk.fixed_hours() for tk in tasks]

    def hours(self, i: int) -> float:
        return self.tasks[i].hours_per_week

    def slots_fit(self, b: _Bin, i: int) -> bool:
        return all(b.slots.get(s, 0.0) + h <= SLOT_HOURS + _EPS for s, h in self.fixed[i].items())

    def hours_fit(self, b: _Bin, i: int) -> bool:
        cap = self.upper if b.members else WEEK_HOURS
        return b.hours + self.hours(i) <= cap + _EPS

    def fits(self, b: _Bin, i: int) -> bool:
        return self.hours_fit(b, i) and self.slots_fit(b, i)

    def similarity(self, i: int, b: _Bin, *, without: bool = False) -> float:
        members = [m for m in b.members if not (without and m == i)]
        if not members:
            return 0.0
        return float(self.x[i] @ self.x[members].mean(axis=0))

    def add(self, b: _Bin, i: int) -> None:
        b.members.append(i)
        b.hours += self.hours(i)
        for s, h in self.fixed[i].items():
            b.slots[s] = b.slots.get(s, 0.0) + h

    def remove(self, b: _Bin, i: int) -> None:
        b.members.remove(i)
        b.hours -= self.hours(i)
        for s, h in self.fixed[i].items():
            b.slots[s] -= h

    def pack(self, labels: Sequence[int]) -> tuple[list[_Bin], list[int]]:
        k = max(labels, default=-1) + 1
        bins = [_Bin() for _ in range(k)]
        pool: list[int] = []
        # a. the most central tasks of each cluster first
        for c in range(k):
            members = [i for i, lab in enumerate(labels) if lab == c]
            centre = self.x[members].mean(axis=0)
            for i in sorted(members, key=lambda m: (-float(self.x[m] @ centre), m)):
                if self.fits(bins[c], i):
                    self.add(bins[c], i)
                else:
                    pool.append(i)
        # b. tasks set aside go to the most similar package with room
        left: list[int] = []
        for i in sorted(pool, key=lambda m: (-self.hours(m), m)):
            room = [b for b in bins if self.fits(b, i)]
            if room:
                best = max(room, key=lambda b: (self.similarity(i, b), -bins.index(b)))
                self.add(best, i)
            else:
                left.append(i)
        # c. fill packages below the lower bound
        stuck: set[int] = set()
        for _ in range(10 * len(self.tasks) + 10):
            under = [
                j for j, b in enumerate(bins) if b.hours < self.lower - _EPS and j not in stuck
            ]
            if not under:
                break
            j = min(under, key=lambda q: (bins[q].hours, q))
            target = bins[j]
            spare = [i for i in left if self.fits(target, i)]
            if spare:
                i = max(spare, key=lambda m: (self.similarity(m, target), -m))
                left.remove(i)
                self.add(target, i)
                continue
            moves: list[tuple[float, int, int]] = []
            for q, donor in enumerate(bins):
                if q == j:
                    continue
                for i in donor.members:
                    if donor.hours - self.hours(i) < self.lower - _EPS or len(donor.members) < 2:
                        continue
                    if self.fits(target, i):
                        gain = self.similarity(i, target) - self.similarity(i, donor, without=True)
                        moves.append((gain, -i, q))
            if not moves:
                stuck.add(j)
                continue
            _, neg_i, q = max(moves)
            self.remove(bins[q], -neg_i)
            self.add(target, -neg_i)
        return [b for b in bins if b.members], sorted(left)


# -- packages --------------------------------------------------------------------------------
def _lower_first(text: str) -> str:
    if len(text) > 1 and text[1].isupper():
        return text  # an abbreviation such as "TSO"
    return text[:1].lower() + text[1:]


def _short_word(inventory: Inventory, category: str, lang: str) -> str:
    """A category as a person names it in a title (``schoonmaak`` for "Schoonmaak en
    hygiëne"): the word in the locale (``carving_advice.word.<id>``), else its name."""
    key = f"carving_advice.word.{category}"
    word = t(key, lang)
    return word if word != key else _lower_first(inventory.category_name(category, lang))


def _distinct(words: list[str]) -> list[str]:
    """The words in order, leaving out one that repeats (part of) an earlier one."""
    out: list[str] = []
    for word in words:
        if not any(w in word.split() or word in w.split() for w in out):
            out.append(word)
    return out


def _title(inventory: Inventory, tasks: Sequence[Task]) -> tuple[LocalText, list[str]]:
    by_cat: dict[str, float] = {}
    for tk in tasks:
        by_cat[tk.category] = by_cat.get(tk.category, 0.0) + tk.hours_per_week
    cats = sorted(by_cat, key=lambda c: (-by_cat[c], c))
    total = sum(by_cat.values())
    names = {
        lang: _distinct([_short_word(inventory, c, lang) for c in cats]) for lang in ("nl", "en")
    }
    if len(cats) == 1 or by_cat[cats[1]] < 0.2 * total or len(names["nl"]) < 2:
        title = LocalText(
            nl=t("carving.package_title_one", "nl", first=names["nl"][0]),
            en=t("carving.package_title_one", "en", first=names["en"][0]),
        )
    else:
        title = LocalText(
            nl=t("carving.package_title_two", "nl", first=names["nl"][0], second=names["nl"][1]),
            en=t("carving.package_title_two", "en", first=names["en"][0], second=names["en"][1]),
        )
    return title, cats


def _dominant_role(inventory: Inventory, tasks: Sequence[Task]) -> LocalText:
    by_role: dict[str, float] = {}
    for tk in tasks:
        by_role[tk.role] = by_role.get(tk.role, 0.0) + tk.hours_per_week
    best = min(by_role, key=lambda r: (-by_role[r], r))
    known = {r.id: r for r in inventory.roles}
    return known[best].name if best in known else LocalText(nl=best, en=best)


def _profile(tasks: Sequence[Task]) -> dict[str, int]:
    dims = list(load_dimensions())
    extra = sorted({d for tk in tasks for d in tk.demands} - set(dims))
    return {d: max((tk.demands.get(d, 0) for tk in tasks), default=0) for d in dims + extra}


def _package(
    inventory: Inventory,
    tasks: Sequence[Task],
    vectors: NDArray[np.float64],
    lower: float,
    upper: float,
) -> WorkPackage:
    title, cats = _title(inventory, tasks)
    hours_by_role: dict[str, float] = {}
    for tk in tasks:
        hours_by_role[tk.role] = hours_by_role.get(tk.role, 0.0) + tk.hours_per_week
    hours = sum(tk.hours_per_week for tk in tasks)
    return WorkPackage(
        id="",
        title=title,
        tasks=[tk.id for tk in tasks],
        hours=round(hours, 6),
        schedule=place_schedule(tasks, SLOTS),
        profile=_profile(tasks),
        hours_by_role={r: round(h, 6) for r, h in sorted(hours_by_role.items())},
        categories=cats,
        coherence=coherence(vectors),
        within_target=lower - _EPS <= hours <= upper + _EPS,
    )


def _unique_titles(inventory: Inventory, packages: list[WorkPackage]) -> list[WorkPackage]:
    """Add the dominant source role, then a number, to titles that occur more than once."""
    tasks = {tk.id: tk for tk in inventory.tasks}
    out = list(packages)
    for step in ("role", "number"):
        seen: dict[str, int] = {}
        for p in out:
            seen[p.title.nl] = seen.get(p.title.nl, 0) + 1
        counter: dict[str, int] = {}
        for n, p in enumerate(out):
            if seen[p.title.nl] < 2:
                continue
            if step == "role":
                role = _dominant_role(inventory, [tasks[i] for i in p.tasks])
                extra = {"nl": role.nl.lower(), "en": role.en.lower()}
            else:
                counter[p.title.nl] = counter.get(p.title.nl, 0) + 1
                extra = {lang: str(counter[p.title.nl]) for lang in ("nl", "en")}
            title = LocalText(
                nl=f"{p.title.nl} ({extra['nl']})", en=f"{p.title.en} ({extra['en']})"
            )
            out[n] = p.model_copy(update={"title": title})
    return out


def effective_level(candidate: Candidate, dim: str) -> int:
    """The highest demand on ``dim`` a candidate can meet with one accommodation the employer
    offers them (accommodations never stack on a dimension)."""
    from inclusief.jobcarving.fit import load_accommodations

    catalogue = load_accommodations()
    allowed = candidate.accommodations if candidate.accommodations is not None else catalogue
    lowering = max(
        (
            catalogue[a].lowers.get(dim, 0)
            for a in allowed
            if a in catalogue and dim not in catalogue[a].never_lowers
        ),
        default=0,
    )
    return candidate.capabilities.get(dim, 0) + lowering


def derive_cap(candidates: Sequence[Candidate]) -> dict[str, int]:
    """Per dimension the level a typical candidate present reaches (the median, rounded
    down, of :func:`effective_level`): packages that stay within it are within reach of at
    least half of them on each dimension."""
    if not candidates:
        return {}
    cap = {}
    for dim in load_dimensions():
        levels = sorted(effective_level(c, dim) for c in candidates)
        cap[dim] = levels[(len(levels) - 1) // 2]
    return cap


def package_fits(
    inventory: Inventory, package: WorkPackage, candidates: Sequence[Candidate]
) -> list[PackageFit]:
    """The candidates every task of ``package`` fits (demands with their accommodations,
    not disliked), with the accommodations needed."""
    from inclusief.jobcarving.fit import fit

    out = []
    for cand in candidates:
        needed: set[str] = set()
        ok = True
        for tid in package.tasks:
            task = inventory.task(tid)
            f = fit(task, cand)
            if not f.fits or cand.dislikes_task(task):
                ok = False
                break
            needed.update(f.accommodations)
        if ok:
            out.append(
                PackageFit(
                    candidate=cand.id, pseudonym=cand.pseudonym, accommodations=sorted(needed)
                )
            )
    return out


def coherence_words(inventory: Inventory, package: WorkPackage) -> LocalText:
    """The coherence in words: strong/fair/weak, and the share of hours in the largest
    category and from the largest source role."""
    tasks = [inventory.task(tid) for tid in package.tasks]
    total = sum(tk.hours_per_week for tk in tasks) or 1.0
    by_cat: dict[str, float] = {}
    by_role: dict[str, float] = {}
    for tk in tasks:
        by_cat[tk.category] = by_cat.get(tk.category, 0.0) + tk.hours_per_week
        by_role[tk.role] = by_role.get(tk.role, 0.0) + tk.hours_per_week
    cat = max(by_cat, key=lambda c: by_cat[c])
    role = max(by_role, key=lambda r: by_role[r])
    grade = "strong" if package.coherence >= 0.6 else "fair" if package.coherence >= 0.4 else "weak"
    return LocalText(
        **{
            lang: t(
                f"carving_advice.packages.coherence_{grade}",
                lang,
                cat_share=round(100 * by_cat[cat] / total),
                category=inventory.category_name(cat, lang).lower(),
                role_share=round(100 * by_role[role] / total),
                role=inventory.role(role).name.get(lang).lower(),
            )
            for lang in ("nl", "en")
        }
    )


def propose_packages(
    inventory: Inventory,
    *,
    target_hours: float = BANENAFSPRAAK_HOURS,
    max_complexity: int = 1,
    exclude: Iterable[str] = (),
    tolerance: float = DEFAULT_TOLERANCE,
    candidates: Sequence[Candidate] = (),
    demand_cap: dict[str, int] | None = None,
) -> PackageProposal:
    """Propose work packages of about ``target_hours`` from the inventory's simple tasks.

    ``target_hours`` defaults to 25.5 h, one Banenafspraak job (1 baan = 25,5 uur per week).
    ``exclude`` holds task ids to leave out. See the module docstring for the method.

    ``demand_cap`` (per dimension, the highest demand allowed in a package) keeps packages
    within reach of people; without it, it is derived from ``candidates`` (:func:`derive_cap`)
    when any are given. A task above the cap is left over with the reason. Each package lists
    the given candidates it fits (:func:`package_fits`) and its coherence in words.
    """
    cap = dict(demand_cap) if demand_cap is not None else derive_cap(candidates)
    if not 0 < target_hours <= WEEK_HOURS:
        raise ValueError(f"target_hours must be in (0, {WEEK_HOURS:g}], got {target_hours}")
    if not 0 <= tolerance < 1:
        raise ValueError(f"tolerance must be in [0, 1), got {tolerance}")
    excluded = set(exclude)
    lower = target_hours * (1 - tolerance)
    upper = min(WEEK_HOURS, target_hours * (1 + tolerance))
    reasons: dict[str, LocalText] = {}
    simple: list[Task] = []
    for tk in inventory.tasks:
        if tk.id in excluded or tk.complexity > max_complexity:
            continue
        too_much = [s for s, h in tk.fixed_hours().items() if h > SLOT_HOURS + _EPS]
        unknown = [s for s in tk.fixed_hours() if s not in SLOTS]
        above = sorted(d for d, level in tk.demands.items() if d in cap and level > cap[d])
        if too_much or unknown:
            reasons[tk.id] = _text("left_slot_overfull", slots=", ".join(too_much + unknown))
        elif above:
            dims = load_dimensions()
            reasons[tk.id] = LocalText(
                **{
                    lang: t(
                        "carving_advice.packages.left_cap",
                        lang,
                        dimensions=", ".join(
                            (dims[d].name.get(lang) if d in dims else d).lower() for d in above
                        ),
                    )
                    for lang in ("nl", "en")
                }
            )
        else:
            simple.append(tk)
    vectors = task_features(simple)
    total = sum(tk.hours_per_week for tk in simple)
    k = min(len(simple), max(1, round(total / target_hours)))
    labels = _cluster(vectors, k) if simple else []
    packer = _Packer(simple, vectors, lower, upper)
    bins, left = packer.pack(labels)
    for i in left:
        slot_clash = any(packer.hours_fit(b, i) and not packer.slots_fit(b, i) for b in bins)
        reasons[simple[i].id] = _text("left_slots" if slot_clash else "left_full")
    packages = [
        _package(
            inventory,
            [simple[i] for i in sorted(b.members)],
            vectors[sorted(b.members)],
            lower,
            upper,
        )
        for b in bins
    ]
    first = {tk.id: n for n, tk in enumerate(inventory.tasks)}
    packages.sort(key=lambda p: (-p.hours, first[p.tasks[0]]))
    packages = [p.model_copy(update={"id": f"pakket-{n}"}) for n, p in enumerate(packages, 1)]
    packages = _unique_titles(inventory, packages)
    packages = [
        p.model_copy(
            update={
                "fits": package_fits(inventory, p, candidates),
                "coherence_text": coherence_words(inventory, p),
            }
        )
        for p in packages
    ]
    note = None
    if not simple:
        note = _text("note_no_simple", limit=max_complexity)
    elif total < lower - _EPS:
        note = _local_num("note_far_below", hours=total, target=target_hours)
    order = [tk.id for tk in inventory.tasks]
    return PackageProposal(
        packages=packages,
        left_over=[tid for tid in order if tid in reasons],
        reasons={tid: reasons[tid] for tid in order if tid in reasons},
        excluded=[tid for tid in order if tid in excluded],
        target_hours=target_hours,
        tolerance=tolerance,
        max_complexity=max_complexity,
        method=_local_num(
            "packages_method",
            target=target_hours,
            lower=lower,
            upper=upper,
        ),
        note=note,
        demand_cap=cap,
    )
