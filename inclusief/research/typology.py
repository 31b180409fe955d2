"""An employer typology from dimension profiles (optional, shown only when it holds up).

Method: each organisation's latest profile of dimension scores (complete profiles only) is
clustered with k-means (scikit-learn, ``n_init=10``, ``random_state=0``) for k = 2..6. The
k with the highest mean **silhouette** score wins (Rousseeuw 1987). The typology is shown
only when that score is at least **0.25**: Kaufman & Rousseeuw (1990, *Finding Groups in
Data*) read 0.26-0.50 as "weak, could be artificial" and below that as "no substantial
structure", so below 0.25 the result says the data do not support a typology.

The 0.25 bar alone is too weak with few dimensions: k-means cuts even structureless data
(one Gaussian blob, or uniform noise) into parts with silhouettes of 0.35-0.45. So the best
silhouette must also beat a **null reference** by ``REFERENCE_MARGIN`` (0.10): the best
silhouette over the same k range on data drawn from one multivariate normal with the
profiles' mean and covariance (no clusters by construction; one draw, fixed seed), in the
spirit of the gap statistic (Tibshirani, Walther & Hastie 2001).

Privacy: a cluster centre of a few organisations is close to one employer's profile, so a k
whose smallest cluster has fewer than ``Settings.export_k`` organisations is not considered,
and at least ``Settings.peer_min_group`` organisations are needed at all.

Labels are plain language: a dimension whose centre lies more than ``LABEL_MARGIN`` (5)
points above the overall mean of that dimension is a strength, more than 5 below an area
for attention; otherwise "around the average".
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel

from inclusief.i18n import t
from inclusief.research.benchmark import peers_from
from inclusief.research.release import checked_k
from inclusief.research.rows import ResearchData
from inclusief.settings import get_settings

SILHOUETTE_MIN = 0.25
REFERENCE_MARGIN = 0.10
K_RANGE = range(2, 7)
LABEL_MARGIN = 5.0
RANDOM_STATE = 0


class EmployerType(BaseModel):
    label: str
    n: int
    centre: dict[str, float]
    above: list[str]
    below: list[str]


class Typology(BaseModel):
    shown: bool
    message: str
    n: int
    k: int | None = None
    silhouette: float | None = None
    silhouettes: dict[int, float] = {}
    reference_silhouette: float | None = None
    types: list[EmployerType] = []


def _fit(
    x: NDArray[np.float64], min_size: int
) -> tuple[dict[int, float], dict[int, NDArray[np.int64]]]:
    """Silhouette and labels per k in ``K_RANGE`` (k-means, fixed seed); a k whose smallest
    cluster is below ``min_size`` is skipped."""
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    scores: dict[int, float] = {}
    fits: dict[int, NDArray[np.int64]] = {}
    for k in K_RANGE:
        if k >= len(x):
            break
        labels = KMeans(n_clusters=k, n_init=10, random_state=RANDOM_STATE).fit(x).labels_
        if len(set(labels)) < 2 or np.bincount(labels).min() < min_size:
            continue
        scores[k] = float(silhouette_score(x, labels))
        fits[k] = labels
    return scores, fits


def typology(data: ResearchData, *, lang: str = "nl") -> Typology:
    """Cluster the organisations' dimension profiles; see the module docstring."""
    settings = get_settings()
    q = data.questionnaire
    columns = [f"score_{d.id}" for d in q.dimensions]
    names = {f"score_{d.id}": d.name.get(lang) for d in q.dimensions}
    profiles = peers_from(data)[columns].dropna()
    x = profiles.to_numpy(dtype=np.float64)
    n = len(x)
    k = checked_k(None)  # never below the release policy's floor
    needed = max(settings.peer_min_group, 2 * k)
    if n < needed or len(columns) < 2:
        return Typology(
            shown=False, n=n, message=t("research.typology_too_few", lang, n=n, needed=needed)
        )
    scores, fits = _fit(x, k)
    if not scores:
        message = t(
            "research.typology_not_supported", lang, silhouette="-", threshold=SILHOUETTE_MIN
        )
        return Typology(shown=False, n=n, message=message)
    best = max(scores, key=lambda k: (scores[k], -k))
    sil = scores[best]
    if sil < SILHOUETTE_MIN:
        message = t(
            "research.typology_not_supported",
            lang,
            silhouette=f"{sil:.2f}",
            threshold=SILHOUETTE_MIN,
        )
        return Typology(
            shown=False, n=n, silhouette=round(sil, 3), silhouettes=scores, message=message
        )
    rng = np.random.default_rng(RANDOM_STATE)
    null = rng.multivariate_normal(x.mean(axis=0), np.cov(x, rowvar=False), size=n)
    null_scores, _ = _fit(null, 1)
    reference = max(null_scores.values()) if null_scores else 0.0
    if sil < reference + REFERENCE_MARGIN:
        message = t(
            "research.typology_not_supported",
            lang,
            silhouette=f"{sil:.2f}",
            threshold=SILHOUETTE_MIN,
        )
        return Typology(
            shown=False, n=n, silhouette=round(sil, 3), silhouettes=scores,
            reference_silhouette=round(reference, 3), message=message,
        )  # fmt: skip
    labels = fits[best]
    mean = x.mean(axis=0)
    types = []
    for c in range(best):
        centre = x[labels == c].mean(axis=0)
        above = [
            names[columns[j]] for j in range(len(columns)) if centre[j] - mean[j] > LABEL_MARGIN
        ]
        below = [
            names[columns[j]] for j in range(len(columns)) if mean[j] - centre[j] > LABEL_MARGIN
        ]
        parts = []
        if above:
            parts.append(t("research.type_strong", lang, dims=", ".join(above)))
        if below:
            parts.append(t("research.type_weak", lang, dims=", ".join(below)))
        label = "; ".join(parts) if parts else t("research.type_average", lang)
        types.append(
            EmployerType(
                label=label[0].upper() + label[1:],
                n=int((labels == c).sum()),
                centre={
                    names[col]: round(float(v), 1) for col, v in zip(columns, centre, strict=True)
                },
                above=above,
                below=below,
            )
        )
    types.sort(key=lambda e: -e.n)
    return Typology(
        shown=True, n=n, k=best, silhouette=round(sil, 3), silhouettes=scores, types=types,
        reference_silhouette=round(reference, 3),
        message=t("research.typology_shown", lang, k=best, silhouette=f"{sil:.2f}"),
    )  # fmt: skip
