"""A commercial five-dimension toy score in the style of Zhima (Sesame) Credit (vectorized).

Published (``data/scoring_models.csv``): the five dimensions, the 350-950 range and the scores
some benefits required, each with its year. NOT published: the weights (the 35/25/20/15/5 figures
that circulate are low-authority and conflicting) and the formula, so the caller sets the weights
and the straight-line formula below is this kit's illustrative toy. The users are SYNTHETIC.

Toy formula, for every synthetic user::

    own       = mean of the user's four own ratings (0-100)
    relations = (1 - contact_influence) * own + contact_influence * mean(own of the user's contacts)
    score     = low + (high - low) * sum(weight% / 100 * rating / 100)   over the five dimensions

so ``contact_influence`` (0-1) sets how far a user's contacts can pull their relationships rating.
``commercial_update`` is the model's one update: the panel and the benchmarks both call it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from ..checks import check_choice, check_frame, check_number, check_table, check_weights
from ..data import PublishedRows, ScoreScale, load
from .population import MAX_PEOPLE

DIMENSIONS: tuple[str, ...] = (
    "credit_history", "behavioural_preferences", "ability_to_fulfil_commitments",
    "identity_characteristics", "personal_relationships",
)
OWN_DIMENSIONS: tuple[str, ...] = DIMENSIONS[:4]  # rated directly; the fifth comes from contacts
RELATIONSHIPS = DIMENSIONS[4]

# Toy parameters chosen by the kit (not facts) ------------------------------------------------
ILLUSTRATIVE_WEIGHTS: dict[str, float] = {d: 20.0 for d in DIMENSIONS}  # equal split, NOT Sesame's
ILLUSTRATIVE_CONTACT_INFLUENCE = 0.5  # share of the relationships rating that comes from contacts
ILLUSTRATIVE_CONTACTS = 5             # contacts per synthetic user
ILLUSTRATIVE_CONTACT_WINDOW = 2_000   # contacts are drawn within this many places in a noisy ranking
ILLUSTRATIVE_CONTACT_MIXING = 0.5     # noise (in standard deviations) of that ranking: 0 = like with like
ILLUSTRATIVE_BIN_WIDTH = 10           # histogram bin width in points
ILLUSTRATIVE_FOCAL_USER = 0           # row of the synthetic user whose contacts the panel follows
ILLUSTRATIVE_WHAT_IF_RATING = 90      # default "what if their contacts were rated ..." value (0-100)
# Seed of the synthetic users: 2014, the year of the Planning Outline. Any fixed number would do,
# but the committed notebooks show these users, so changing it changes their outputs.
USERS_SEED = 2014

SCHEMES: dict[str, str] = {  # prefix of a benefit row's parameter -> id of the scheme in schemes.csv
    "zhima": "sch-zhima-credit", "wechat_pay_credit": "sch-wechat-pay-credit",
}
_CONTACT_COLUMN = re.compile(r"^contact_(\d+)$")


# --- published parameters, read from data/ ---------------------------------------------------
class CommercialPublished(PublishedRows):
    """The ``commercial_five`` rows of ``scoring_models.csv``: dimensions, score range, claimed figures."""

    @cached_property
    def dimensions(self) -> pd.DataFrame:
        """The five dimension rows (their weights are unpublished), in ``DIMENSIONS`` order."""
        return self.select(DIMENSIONS)

    @cached_property
    def scale(self) -> ScoreScale:
        """The published 350-950 range [S56]; the conflicting 900 of a 2017 news item is not used."""
        return self.score_range()

    @cached_property
    def claimed_weights(self) -> pd.DataFrame:
        """The weights some low-authority websites claim (rows ``claimed_weight_*``, confidence conflicting).

        Show them only as "what some websites claim", never as Sesame's official weights.
        """
        rows = self.with_prefix("claimed_weight_").copy()
        rows["dimension"] = rows["parameter"].str.removeprefix("claimed_weight_")
        rows["order"] = rows["dimension"].map({d: i for i, d in enumerate(DIMENSIONS)})
        return rows.sort_values("order").drop(columns="order").reset_index(drop=True)

    @cached_property
    def score_bands(self) -> pd.DataFrame:
        """The band lower bounds (poor ... excellent), lowest first (low-authority)."""
        rows = self.with_prefix("band_").copy()
        rows["band"] = rows["parameter"].str.removeprefix("band_").str.removesuffix("_min").str.replace("_", " ")
        return rows.sort_values("value").reset_index(drop=True)


def published(table: pd.DataFrame | None = None) -> CommercialPublished:
    """The published parameters of the commercial five-dimension score (model ``commercial_five``)."""
    return CommercialPublished.read("commercial_five", table, required=DIMENSIONS, numbers=("score_min", "score_max"))


def benefit_thresholds(year: int | None = None, scheme: str = "zhima") -> pd.DataFrame:
    """Published scores a benefit required (model ``commercial_benefits``), with their year and source.

    ``year`` None gives every year; ``scheme`` is ``"zhima"`` (the default: the 350-950 score the toy
    imitates), ``"wechat_pay_credit"`` (a different firm's score whose scale is not recorded) or
    ``"all"``. Columns: id, scheme, benefit, threshold (points), year, source_id, confidence, note;
    sorted by year, threshold and id. Rows in other units (the 99-yuan deposit) are not thresholds.
    """
    scheme = check_choice("scheme", scheme, [*SCHEMES, "all"])
    rows = PublishedRows.read("commercial_benefits").rows
    rows = rows[(rows["unit"] == "points") & rows["value"].notna()].copy()
    prefix = rows["parameter"].str.extract(f"^({'|'.join(SCHEMES)})_", expand=False)
    if prefix.isna().any():
        raise ValueError("every commercial_benefits row in points must name its scheme in its parameter: "
                         + ", ".join(f"{p}_..." for p in SCHEMES))
    names = load("schemes").set_index("id")["name"]
    rows["scheme"] = prefix.map(lambda p: str(names[SCHEMES[p]]))
    rows["scheme_key"] = prefix
    if scheme != "all":
        rows = rows[rows["scheme_key"] == scheme]
    years = sorted(int(y) for y in rows["year"].dropna().unique())
    if year is not None:
        year = int(check_number("year", year, integer=True))
        if year not in years:
            raise ValueError(f"year must be one of {', '.join(map(str, years))} (or None for every year); "
                             f"got {year}")
        rows = rows[rows["year"] == year]
    rows["benefit"] = rows["label"].map(_benefit_name)
    rows["threshold"] = rows["value"].astype(float)
    rows["year"] = rows["year"].astype("Int64")
    columns = ["id", "scheme", "benefit", "threshold", "year", "source_id", "confidence", "note"]
    return rows.sort_values(["year", "threshold", "id"])[columns].reset_index(drop=True)


def benefit_years(scheme: str = "zhima") -> list[int]:
    """The years that have published benefit thresholds for ``scheme``, ascending."""
    return sorted(int(y) for y in benefit_thresholds(None, scheme)["year"].dropna().unique())


def _benefit_name(label: str) -> str:
    """'Zhima score needed for easier Japan visa applications (2017)' -> 'Easier Japan visa applications'."""
    text = re.sub(r"^.*? score needed (?:for |to )", "", str(label))
    text = re.sub(r"\s*\(\d{4}\)$", "", text)
    return text[:1].upper() + text[1:]


# --- synthetic users -----------------------------------------------------------------------
def synthetic_users(n: int = 100_000, seed: int = USERS_SEED,
                    contacts: int = ILLUSTRATIVE_CONTACTS) -> pd.DataFrame:
    """``n`` SYNTHETIC users: four 0-100 ratings (higher is better) and ``contacts`` contacts each.

    Columns: the four own dimensions, then ``contact_0`` ... ``contact_{k-1}``: row positions
    (0 to n-1) of other users; a user's contacts are distinct and never the user. Illustrative story:
    a hidden reliability drives every rating; contacts are near neighbours in a noisy ranking of it,
    so people tend to know people like themselves (``ILLUSTRATIVE_CONTACT_MIXING``).
    """
    contacts = int(check_number("contacts", contacts, low=1, high=50, integer=True))
    n = int(check_number("n", n, low=2 * contacts + 1, high=MAX_PEOPLE, integer=True))
    seed = int(check_number("seed", seed, low=0, high=2**32 - 1, integer=True))
    rng = np.random.default_rng(seed)
    reliability = rng.normal(0.0, 1.0, n)
    noise_scale = np.array([0.7, 1.1, 0.9, 1.3])  # illustrative: credit history is the most telling
    # ratings = round(100 / (1 + exp(-1.2 * (reliability + noise * scale))), 1), computed in place
    # (the same numbers without five (n, 4) temporaries: this runs in every kernel that shows the panel)
    ratings = rng.normal(0.0, 1.0, (n, len(OWN_DIMENSIONS)))
    ratings *= noise_scale
    ratings += reliability[:, None]
    ratings *= -1.2
    np.exp(ratings, out=ratings)
    ratings += 1.0
    np.divide(100.0, ratings, out=ratings)
    np.round(ratings, 1, out=ratings)
    frame = pd.DataFrame(ratings, columns=list(OWN_DIMENSIONS), copy=False)

    # contacts: k distinct neighbours in a noisy ranking; contact j sits in its own band of distances
    order = np.argsort(reliability + rng.normal(0.0, ILLUSTRATIVE_CONTACT_MIXING, n), kind="stable")
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    window = min(ILLUSTRATIVE_CONTACT_WINDOW, (n - 1) // 2)
    band = window // contacts
    target = rng.integers(0, band, (n, contacts))           # the distance in the ranking, then the target
    target += 1 + np.arange(contacts) * band
    np.negative(target, out=target, where=rng.random((n, contacts)) < 0.5)   # half of them downwards
    target += rank[:, None]
    outside = np.flatnonzero((target < 0) | (target >= n))
    rows = outside // contacts
    target.flat[outside] = 2 * rank[rows] - target.flat[outside]   # reflect at the ends: rank - step
    matrix = order[target]
    for j in range(contacts):  # k columns, not rows
        frame[f"contact_{j}"] = matrix[:, j]
    return frame


def contact_matrix(users: pd.DataFrame) -> np.ndarray:
    """The ``(n, k)`` array of contacts' row positions, checked (columns ``contact_0`` ... in order)."""
    if not isinstance(users, pd.DataFrame):
        raise TypeError(f"users must be a pandas DataFrame; got {type(users).__name__}")
    found = sorted((int(m.group(1)), c) for c in users.columns if (m := _CONTACT_COLUMN.match(str(c))))
    if not found:
        raise ValueError("users must have contact columns contact_0, contact_1, ... "
                         "(row positions of each user's contacts)")
    if [i for i, _ in found] != list(range(len(found))):
        raise ValueError("users' contact columns must be numbered contact_0 ... contact_{k-1} without gaps; "
                         f"got {', '.join(c for _, c in found)}")
    columns = [c for _, c in found]
    for col in columns:
        if not pd.api.types.is_integer_dtype(users[col]):
            raise TypeError(f"users[{col!r}] must hold whole numbers (row positions); "
                            f"it has dtype {users[col].dtype}")
    matrix = users[columns].to_numpy(dtype=np.int64)
    n = len(users)
    if matrix.size and (matrix.min() < 0 or matrix.max() >= n):
        raise ValueError(f"users' contact columns must hold row positions between 0 and {n - 1}; "
                         f"found {matrix.min()} to {matrix.max()}")
    if (matrix == np.arange(n)[:, None]).any():
        raise ValueError("users' contact columns must not list a user as their own contact")
    return matrix


# --- the toy score -----------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class PreparedUsers:
    """Checked arrays of a synthetic-user table (read-only), so repeated updates skip the checks.

    Make one with ``prepare_users(users)``; every function that takes ``users`` also takes this.
    """

    index: pd.Index
    ratings: np.ndarray         # (n, 4) own ratings, 0-100, in OWN_DIMENSIONS order
    own: np.ndarray             # (n,) mean of each user's own ratings
    contacts: np.ndarray        # (n, k) contacts' row positions
    contacts_mean: np.ndarray   # (n,) mean own rating of each user's contacts

    def __len__(self) -> int:
        return len(self.own)


def prepare_users(users: pd.DataFrame | PreparedUsers) -> PreparedUsers:
    """Check a table from ``synthetic_users`` (or the same columns) once and keep its arrays."""
    if isinstance(users, PreparedUsers):
        return users
    check_frame("users", users, OWN_DIMENSIONS, low=0, high=100)
    ratings = users[list(OWN_DIMENSIONS)].to_numpy(dtype=float)
    contacts = contact_matrix(users).astype(np.int32)  # row positions < MAX_PEOPLE: half of int64's memory
    own = ratings.mean(axis=1)
    contacts_mean = own[contacts].mean(axis=1)
    for array in (ratings, own, contacts, contacts_mean):
        array.flags.writeable = False
    return PreparedUsers(users.index, ratings, own, contacts, contacts_mean)


def relationship_ratings(users: pd.DataFrame | PreparedUsers, contact_influence: float) -> pd.Series:
    """Each user's personal-relationships rating (0-100): own mean blended with the contacts' mean."""
    c = _check_influence(contact_influence)
    p = prepare_users(users)
    return pd.Series((1.0 - c) * p.own + c * p.contacts_mean, index=p.index, name=RELATIONSHIPS)


def commercial_score(users: pd.DataFrame | PreparedUsers, weights: Mapping[str, float], contact_influence: float,
                     scale: ScoreScale | tuple[float, float] | None = None) -> pd.Series:
    """Toy score of every synthetic user on ``scale`` (default: the published 350-950, from data).

    ``weights``: percent per dimension of ``DIMENSIONS``, non-negative, adding up to 100 (set by the
    caller: they are not published). ``contact_influence``: 0-1 (see the module docstring).
    """
    w = check_weights("weights", weights, DIMENSIONS)
    c = _check_influence(contact_influence)
    low, high = _scale(scale)
    p = prepare_users(users)
    vector = np.array([w[d] for d in OWN_DIMENSIONS]) / 100.0
    relations = (1.0 - c) * p.own + c * p.contacts_mean
    weighted = p.ratings @ vector + relations * (w[RELATIONSHIPS] / 100.0)
    return pd.Series(low + (high - low) / 100.0 * weighted, index=p.index, name="score")


@dataclass(frozen=True)
class ContactEffect:
    """How one synthetic user's toy score moves when their contacts' ratings change."""

    person: int                      # row position of the user
    own_rating: float                # mean of their four own ratings (0-100)
    contacts_rating_before: float    # mean own rating of their contacts now
    contacts_rating_after: float     # ... after the change
    score_before: float
    score_after: float
    score_without_contacts: float    # the same user with contact_influence 0

    @property
    def change(self) -> float:
        """Points the change in the contacts' ratings adds (negative: takes away)."""
        return self.score_after - self.score_before

    @property
    def contacts_add(self) -> float:
        """Points the user's present contacts add to their score (negative: take away)."""
        return self.score_before - self.score_without_contacts


def contact_effect(users: pd.DataFrame | PreparedUsers, weights: Mapping[str, float], person: int,
                   new_contact_rating: float, contact_influence: float = ILLUSTRATIVE_CONTACT_INFLUENCE,
                   scale: ScoreScale | tuple[float, float] | None = None) -> ContactEffect:
    """One user's score now, and if every one of their contacts had own rating ``new_contact_rating``.

    ``person`` is the user's row position (0 to n-1), as in the ``contact_*`` columns.
    """
    w = check_weights("weights", weights, DIMENSIONS)
    c = _check_influence(contact_influence)
    low, high = _scale(scale)
    p = prepare_users(users)
    person = int(check_number("person", person, low=0, high=len(p) - 1, integer=True))
    new = check_number("new_contact_rating", new_contact_rating, low=0, high=100)
    own, before = float(p.own[person]), float(p.contacts_mean[person])
    base = float(p.ratings[person] @ (np.array([w[d] for d in OWN_DIMENSIONS]) / 100.0))
    relations = np.array([(1 - c) * own + c * before, (1 - c) * own + c * new, own])
    scores = low + (high - low) / 100.0 * (base + relations * w[RELATIONSHIPS] / 100.0)
    return ContactEffect(person=person, own_rating=own, contacts_rating_before=before,
                         contacts_rating_after=new, score_before=float(scores[0]),
                         score_after=float(scores[1]), score_without_contacts=float(scores[2]))


# --- results for the panel and the chart --------------------------------------------------------
def benefits_reached(scores: pd.Series, thresholds: pd.DataFrame) -> pd.DataFrame:
    """For each threshold row: how many synthetic users reach it (score >= threshold) and what share."""
    s = _check_scores(scores)
    check_table("thresholds", thresholds, ["id", "benefit", "threshold", "year", "source_id"],
                what="from benefit_thresholds")
    t = thresholds["threshold"].to_numpy(dtype=float, na_value=np.nan)
    if np.isnan(t).any():
        raise ValueError("thresholds['threshold'] must not contain missing values (NaN)")
    reached = np.array([np.count_nonzero(s >= value) for value in t], dtype=np.int64)  # a few thresholds
    out = thresholds.copy()
    out["users_reaching"] = reached.astype(np.int64)
    out["share_reaching"] = reached / s.size
    return out.reset_index(drop=True)


def score_histogram(scores: pd.Series, bin_width: float = ILLUSTRATIVE_BIN_WIDTH,
                    scale: ScoreScale | tuple[float, float] | None = None) -> pd.DataFrame:
    """Users per score bin across the whole scale (columns bin_start, bin_end, users, share), sorted."""
    s = _check_scores(scores)
    low, high = _scale(scale)
    bin_width = check_number("bin_width", bin_width, low=1, high=high - low)
    edges = low + np.arange(int(np.ceil((high - low) / bin_width))) * bin_width
    index = np.clip(((s - low) * (1.0 / bin_width)).astype(np.int64), 0, len(edges) - 1)  # floor: s >= low
    counts = np.bincount(index, minlength=len(edges))
    return pd.DataFrame({"bin_start": edges, "bin_end": np.minimum(edges + bin_width, high),
                         "users": counts, "share": counts / s.size})


def threshold_rules(reached: pd.DataFrame) -> pd.DataFrame:
    """One rule per distinct threshold (benefits at the same score share a rule), sorted by score.

    ``reached`` is ``benefits_reached``'s result: a handful of rows, so plain Python is fine.
    """
    groups: dict[float, dict[str, Any]] = {}
    rows = sorted(zip(reached["threshold"].tolist(), reached["year"].tolist(), reached["id"].tolist(),
                      reached["benefit"].tolist(), reached["source_id"].tolist(), reached["share_reaching"].tolist()))
    for threshold, year, _, benefit, source, share in rows:
        group = groups.setdefault(float(threshold), {"benefits": [], "sources": set(), "share_reaching": share})
        group["benefits"].append(f"{benefit} ({year})")
        group["sources"].add(str(source))
    return pd.DataFrame({
        "threshold": list(groups),
        "benefits": ["; ".join(g["benefits"]) for g in groups.values()],
        "share_reaching": [float(g["share_reaching"]) for g in groups.values()],
        "sources": [", ".join(sorted(g["sources"])) for g in groups.values()],
        "label": [f"≥ {t:g}" for t in groups],
    })


# --- one update of the panel (model + chart data), shared by the panel and the benchmark ----------
@dataclass(frozen=True)
class CommercialUpdate:
    """What the commercial score panel shows for one setting."""

    scores: pd.Series           # every synthetic user's toy score
    year: int | None            # the year of the thresholds shown (None: every year)
    reached: pd.DataFrame       # benefits_reached for those thresholds
    rules: pd.DataFrame         # threshold_rules: one chart rule per distinct threshold
    histogram: pd.DataFrame     # score_histogram
    effect: ContactEffect       # the focal user and their contacts


def commercial_update(users: pd.DataFrame | PreparedUsers, weights: Mapping[str, float], contact_influence: float,
                      thresholds: pd.DataFrame, year: int | None = None, focal_user: int = ILLUSTRATIVE_FOCAL_USER,
                      what_if_rating: float = ILLUSTRATIVE_WHAT_IF_RATING,
                      scale: ScoreScale | tuple[float, float] | None = None) -> CommercialUpdate:
    """One update of the panel: every score, the share reaching each threshold of ``year``, the
    histogram, and how the focal user's score moves with their contacts' ratings."""
    p = prepare_users(users)
    scores = commercial_score(p, weights, contact_influence, scale)
    shown = thresholds if year is None else thresholds[thresholds["year"] == year]
    reached = benefits_reached(scores, shown.reset_index(drop=True))
    return CommercialUpdate(scores, year, reached, threshold_rules(reached), score_histogram(scores, scale=scale),
                            contact_effect(p, weights, focal_user, what_if_rating, contact_influence, scale))


# --- helpers ----------------------------------------------------------------------------------
def _check_influence(value: object) -> float:
    return check_number("contact_influence", value, low=0, high=1)


def _scale(scale: ScoreScale | tuple[float, float] | None) -> tuple[float, float]:
    if scale is None:
        found = published().scale
        return found.low, found.high
    if isinstance(scale, ScoreScale):
        low, high = scale.low, scale.high
    elif isinstance(scale, tuple) and len(scale) == 2:
        low, high = scale
    else:
        raise TypeError(f"scale must be a ScoreScale or a (low, high) tuple; got {type(scale).__name__}")
    low, high = check_number("scale low", low), check_number("scale high", high)
    if not low < high:
        raise ValueError(f"scale must have low < high; got {low:g} and {high:g}")
    return low, high


def _check_scores(scores: object) -> np.ndarray:
    if not isinstance(scores, pd.Series):
        raise TypeError(f"scores must be a pandas Series; got {type(scores).__name__}")
    if scores.empty:
        raise ValueError("scores must hold at least one score; it is empty")
    if not pd.api.types.is_numeric_dtype(scores) or pd.api.types.is_bool_dtype(scores):
        raise TypeError(f"scores must hold numbers; it has dtype {scores.dtype}")
    s = scores.to_numpy(dtype=float, na_value=np.nan)
    if np.isnan(s).any():
        raise ValueError("scores must not contain missing values (NaN)")
    return s
