"""A toy city points scheme (notebook 03): one resident's year of behaviours -> points and a grade.

Published (read from ``data/scoring_models.csv``, model ``city_points``): the 0-1000 scale and
the incentive-only design of the 2018 city scores, at most 150 points lost for one legal
offence [S19][S20], and Rongcheng's grade names AAA, AA, A, B, C, D [S18]. NOT published
(fact base C12): any starting score (Rongcheng's often-repeated 1,000-point start is
unconfirmed), a list of behaviours with point values, and the cut-offs between grades.
Those are ``ILLUSTRATIVE_*`` values chosen by the kit; the residents are SYNTHETIC.

Vectorized (one matrix product, no per-row loops); ``city_update`` is the one update the panel and benchmarks call.
The same person judged in many toy cities is ``widgets.models.fragmentation``.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from ..checks import check_number
from ..data import PublishedRows, ScoreScale
from .population import MAX_PEOPLE

# --- the illustrative behaviour catalogue (the kit's choice; no city publishes one we could use) ---
REWARDS: tuple[str, ...] = ("volunteering", "blood_donation", "charity_donation", "public_commendation")
OFFENCES: tuple[str, ...] = ("traffic_offence", "tax_arrears", "court_judgment_unpaid")  # legal offences
BEHAVIOURS: tuple[str, ...] = REWARDS + OFFENCES
BEHAVIOUR_LABELS: dict[str, str] = {
    "volunteering": "Volunteering sessions", "blood_donation": "Blood donation",
    "charity_donation": "Charity donation", "public_commendation": "Public commendation",
    "traffic_offence": "Traffic offence", "tax_arrears": "Tax arrears",
    "court_judgment_unpaid": "Court judgment left unpaid",
}
# points per occurrence: ILLUSTRATIVE (no source gives real values, fact base C12)
ILLUSTRATIVE_POINTS: dict[str, float] = {
    "volunteering": 5, "blood_donation": 20, "charity_donation": 10, "public_commendation": 40,
    "traffic_offence": -10, "tax_arrears": -50, "court_judgment_unpaid": -150,
}
# one synthetic resident's year, the panels' default: ILLUSTRATIVE
ILLUSTRATIVE_PERSON: dict[str, int] = {
    "volunteering": 4, "blood_donation": 1, "charity_donation": 2, "public_commendation": 0,
    "traffic_offence": 2, "tax_arrears": 0, "court_judgment_unpaid": 0,
}
ILLUSTRATIVE_START = 600  # starting points: ILLUSTRATIVE (Rongcheng's 1,000 start is unconfirmed)
# lowest points of each grade but the last (best grade first): ILLUSTRATIVE, not Rongcheng's cut-offs
ILLUSTRATIVE_GRADE_CUTOFFS: tuple[float, ...] = (900, 800, 650, 500, 300)
# mean yearly count of each behaviour among synthetic residents: ILLUSTRATIVE
ILLUSTRATIVE_RATES: dict[str, float] = {
    "volunteering": 3.0, "blood_donation": 0.3, "charity_donation": 1.0, "public_commendation": 0.05,
    "traffic_offence": 0.8, "tax_arrears": 0.1, "court_judgment_unpaid": 0.03,
}
# Seed of the synthetic residents: 2014, the year of the Planning Outline. Any fixed number would
# do, but the committed notebooks show these residents, so changing it changes their outputs.
RESIDENTS_SEED = 2014
MAX_GRADES = 20
MAX_COUNT = 10_000  # most occurrences of one behaviour one resident may have (a sanity bound)


# --- published parameters ----------------------------------------------------------------------
class CityPublished(PublishedRows):
    """The published parameters of the city scores: the ``city_points`` rows of ``scoring_models.csv``."""

    @cached_property
    def scale(self) -> ScoreScale:
        """The 0-1000 scale of the 2018 city scores."""
        return self.score_range("scale_min", "scale_max")

    @cached_property
    def max_loss_per_offence(self) -> float:
        """At most 150 points lost for one legal offence."""
        return float(self.value("max_loss_per_legal_offence"))

    @property
    def incentives_only(self) -> bool:
        """The 2018 city scores bring rewards only."""
        return True

    @cached_property
    def grade_names(self) -> tuple[str, ...]:
        """Rongcheng's grades, best first (listed in the label of ``rongcheng_grades`` after a colon)."""
        label = str(self.row("rongcheng_grades")["label"])
        names = tuple(n.strip() for n in label.split(":", 1)[-1].split(","))
        if len(names) < 2 or not all(names):
            raise ValueError(f"the label of city_points/rongcheng_grades must list the grades after a colon; "
                             f"got {label!r}")
        return names


_PUBLISHED = ("scale_min", "scale_max", "max_loss_per_legal_offence", "incentives_only", "rongcheng_grades")


def city_published(table: pd.DataFrame | None = None) -> CityPublished:
    """Read the city scores' published parameters from ``scoring_models.csv`` (model ``city_points``)."""
    published = CityPublished.read("city_points", table, required=_PUBLISHED, published=_PUBLISHED)
    published.grade_names  # checked now, not at first use
    return published


# --- a rule set ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class RuleSet:
    """One city's (toy) rules: start, points per occurrence of each behaviour, grade cut-offs.

    ``points`` maps behaviours (from ``BEHAVIOURS``) to points per occurrence: rewards >= 0,
    offences between ``-max_loss_per_offence`` and 0. ``grade_cutoffs`` maps grade -> lowest
    points of that grade, best grade first, strictly falling, the last equal to the scale's
    floor. With ``incentives_only`` the deductions are not applied (rewards only).
    Validated on construction (also by ``dataclasses.replace``).
    """

    scale: ScoreScale
    start: float
    points: Mapping[str, float]
    grade_cutoffs: Mapping[str, float]
    max_loss_per_offence: float
    incentives_only: bool = False
    name: str = "Toy city"

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise TypeError(f"name must be a non-empty string; got {type(self.name).__name__} {self.name!r}")
        if not isinstance(self.scale, ScoreScale):
            raise TypeError(f"scale must be a ScoreScale(low, high); got {type(self.scale).__name__}")
        low = check_number("scale.low", self.scale.low)
        high = check_number("scale.high", self.scale.high)
        if high <= low:
            raise ValueError(f"scale.high must be above scale.low; got {high:g} and {low:g}")
        object.__setattr__(self, "start", check_number("start", self.start, low=low, high=high))
        if not isinstance(self.incentives_only, (bool, np.bool_)):
            raise TypeError(f"incentives_only must be True or False; got {type(self.incentives_only).__name__} "
                            f"{self.incentives_only!r}")
        cap = check_number("max_loss_per_offence", self.max_loss_per_offence, low=0, high=high - low)
        object.__setattr__(self, "points", MappingProxyType(_check_points(self.points, cap, high - low)))
        object.__setattr__(self, "grade_cutoffs", MappingProxyType(_check_cutoffs(self.grade_cutoffs, low, high)))
        object.__setattr__(self, "incentives_only", bool(self.incentives_only))
        object.__setattr__(self, "max_loss_per_offence", cap)

    def __hash__(self) -> int:
        return hash((self.scale, self.start, tuple(self.points.items()), tuple(self.grade_cutoffs.items()),
                     self.max_loss_per_offence, self.incentives_only, self.name))

    @property
    def behaviours(self) -> tuple[str, ...]:
        """The behaviours this city counts, in catalogue order."""
        return tuple(b for b in BEHAVIOURS if b in self.points)

    @property
    def effective_points(self) -> dict[str, float]:
        """Points per occurrence as applied: deductions become 0 in an incentives-only city."""
        return {b: (max(v, 0.0) if self.incentives_only else v) for b, v in self.points.items()}

    @property
    def grades(self) -> tuple[str, ...]:
        """Grade names, best first."""
        return tuple(self.grade_cutoffs)

    def replace(self, **changes: Any) -> RuleSet:
        """A copy with some fields changed (validated again)."""
        return dataclasses.replace(self, **changes)


def _check_points(points: object, cap: float, span: float) -> dict[str, float]:
    if not isinstance(points, Mapping):
        raise TypeError(f"points must be a mapping of behaviour to points per occurrence "
                        f"(behaviours: {', '.join(BEHAVIOURS)}); got {type(points).__name__}")
    if not points:
        raise ValueError(f"points must name at least one behaviour; allowed: {', '.join(BEHAVIOURS)}")
    unknown = sorted(str(k) for k in points if k not in BEHAVIOURS)
    if unknown:
        raise ValueError(f"points has unknown behaviour(s) {', '.join(unknown)}; allowed: {', '.join(BEHAVIOURS)}")
    clean = {}
    for b in BEHAVIOURS:
        if b not in points:
            continue
        if b in OFFENCES:
            clean[b] = check_number(f"points[{b!r}]", points[b], low=-cap, high=0)
        else:
            clean[b] = check_number(f"points[{b!r}]", points[b], low=0, high=span)
    return clean


def _check_cutoffs(cutoffs: object, low: float, high: float) -> dict[str, float]:
    if isinstance(cutoffs, Mapping):
        pairs = list(cutoffs.items())
    elif isinstance(cutoffs, Sequence) and not isinstance(cutoffs, str) and all(
            isinstance(p, Sequence) and not isinstance(p, str) and len(p) == 2 for p in cutoffs):
        pairs = [tuple(p) for p in cutoffs]
    else:
        raise TypeError("grade_cutoffs must be a mapping of grade name to its lowest points, best grade first; "
                        f"got {type(cutoffs).__name__}")
    if not 2 <= len(pairs) <= MAX_GRADES:
        raise ValueError(f"grade_cutoffs must name between 2 and {MAX_GRADES} grades; got {len(pairs)}")
    names = [n for n, _ in pairs]
    if not all(isinstance(n, str) and n.strip() for n in names):
        raise TypeError(f"grade_cutoffs must use non-empty strings as grade names; got {names!r}")
    if len(set(names)) != len(names):
        raise ValueError(f"grade_cutoffs must not repeat a grade name; got {names!r}")
    values = [check_number(f"grade_cutoffs[{n!r}]", v, low=low, high=high) for n, v in pairs]
    if any(a <= b for a, b in itertools.pairwise(values)):
        raise ValueError("grade_cutoffs must fall strictly from the best grade to the worst; got "
                         + ", ".join(f"{n} {v:g}" for n, v in zip(names, values)))
    if values[-1] != low:
        raise ValueError(f"grade_cutoffs: the worst grade ({names[-1]}) must start at the scale's floor, "
                         f"{low:g}; got {values[-1]:g}")
    return dict(zip(names, values))


def default_rules(published: CityPublished | None = None, *, start: float = ILLUSTRATIVE_START,
                  incentives_only: bool = False, name: str = "Toy city") -> RuleSet:
    """The kit's toy rule set: the published scale, cap and grade names with illustrative values."""
    published = published or city_published()
    names = published.grade_names
    if len(names) != len(ILLUSTRATIVE_GRADE_CUTOFFS) + 1:
        raise ValueError(f"need {len(ILLUSTRATIVE_GRADE_CUTOFFS) + 1} grade names for the illustrative cut-offs; "
                         f"the data give {len(names)}: {', '.join(names)}")
    cutoffs = dict(zip(names, [*ILLUSTRATIVE_GRADE_CUTOFFS, published.scale.low]))
    return RuleSet(scale=published.scale, start=start, points=dict(ILLUSTRATIVE_POINTS), grade_cutoffs=cutoffs,
                   max_loss_per_offence=published.max_loss_per_offence, incentives_only=incentives_only, name=name)


# --- synthetic residents ---------------------------------------------------------------------------
def synthetic_residents(n: int = 100_000, seed: int = RESIDENTS_SEED) -> pd.DataFrame:
    """``n`` SYNTHETIC residents: a seeded yearly count of every behaviour in ``BEHAVIOURS``.

    Illustrative story: a hidden civic-mindedness makes rewards likelier and offences rarer;
    counts are Poisson draws around ``ILLUSTRATIVE_RATES``.
    """
    n = int(check_number("n", n, low=1, high=MAX_PEOPLE, integer=True))
    seed = int(check_number("seed", seed, low=0, high=2**32 - 1, integer=True))
    rng = np.random.default_rng(seed)
    civic = rng.normal(0.0, 1.0, n)
    rates = np.array([ILLUSTRATIVE_RATES[b] for b in BEHAVIOURS])
    lean = np.array([0.6 if b in REWARDS else -0.5 for b in BEHAVIOURS])  # illustrative
    lam = rates[None, :] * np.exp(lean[None, :] * civic[:, None] - 0.5 * lean[None, :] ** 2)
    counts = rng.poisson(lam).astype(np.int64)
    frame = pd.DataFrame(counts, columns=list(BEHAVIOURS))
    frame.insert(0, "resident", np.arange(1, n + 1))
    return frame


# --- the points model -------------------------------------------------------------------------------
def grade_categories(rules: RuleSet) -> pd.CategoricalDtype:
    """Ordered grade dtype, worst grade first (so ``grade > 'B'`` means better than B)."""
    return pd.CategoricalDtype(categories=list(reversed(rules.grades)), ordered=True)


@dataclass(frozen=True, eq=False)
class PreparedCounts:
    """Behaviour counts validated once (``prepare_counts``), for many fast updates over the same residents."""

    index: pd.Index  # the table's index and its ``resident`` column (or index): the table itself is not kept
    residents: np.ndarray = field(repr=False)
    matrix: np.ndarray = field(repr=False)  # float, one row per resident, one column per ``BEHAVIOURS``
    # (behaviours x residents) int16 copy and column maxima: the fragmentation model works in int16 when it can
    by_behaviour16: np.ndarray = field(repr=False)
    column_max: np.ndarray = field(repr=False)

    def __len__(self) -> int:
        return len(self.index)


def prepare_counts(behaviour_counts: pd.DataFrame) -> PreparedCounts:
    """Validate a table of behaviour counts (every behaviour in ``BEHAVIOURS``) once, for reuse.

    Every model here accepts the result wherever it accepts the DataFrame; the panels use it so
    that moving a slider does not re-check 100,000 unchanged rows.
    """
    matrix = counts_matrix("behaviour_counts", behaviour_counts, BEHAVIOURS)
    matrix.setflags(write=False)
    small = np.ascontiguousarray(matrix.T, dtype=np.int16)  # counts are at most MAX_COUNT < 2**15
    small.setflags(write=False)
    ids = behaviour_counts["resident"] if "resident" in behaviour_counts.columns else behaviour_counts.index
    residents = ids.to_numpy(copy=True)  # a copy: a view would keep the whole table's block alive
    residents.setflags(write=False)
    return PreparedCounts(behaviour_counts.index, residents, matrix, small, matrix.max(axis=0))


def counts_matrix(name: str, counts: object, behaviours: Sequence[str]) -> np.ndarray:
    """Validated behaviour counts as a float matrix (rows = residents, columns = ``behaviours``).

    The same checks as ``checks.check_frame`` (numeric columns, no NaN, 0..MAX_COUNT), done on one
    matrix instead of column by column, plus whole numbers only.
    """
    cols = list(behaviours)
    if isinstance(counts, PreparedCounts):
        if tuple(cols) == BEHAVIOURS:
            return counts.matrix
        return counts.matrix[:, [BEHAVIOURS.index(c) for c in cols]]
    if not isinstance(counts, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame; got {type(counts).__name__}")
    if counts.empty:
        raise ValueError(f"{name} must have at least one row; it is empty")
    missing = [c for c in cols if c not in counts.columns]
    if missing:
        raise ValueError(f"{name} is missing column(s) {', '.join(missing)}; needed: {', '.join(cols)}")
    dtypes = counts.dtypes[cols]
    for col, dtype in dtypes.items():
        if not pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype):
            raise TypeError(f"{name}[{col!r}] must hold numbers; it has dtype {dtype}")
    matrix = np.asfortranarray(counts[cols].to_numpy(dtype=float, na_value=np.nan))
    plain_ints = all(isinstance(d, np.dtype) and d.kind in "iu" for d in dtypes)
    if not plain_ints:
        bad = np.isnan(matrix).any(axis=0) | np.isinf(matrix).any(axis=0)
        if bad.any():
            raise ValueError(f"{name}[{cols[int(np.argmax(bad))]!r}] must not contain missing or infinite values")
    low, high = matrix.min(axis=0), matrix.max(axis=0)
    out = (low < 0) | (high > MAX_COUNT)
    if out.any():
        i = int(np.argmax(out))
        raise ValueError(f"{name}[{cols[i]!r}] values must be between 0 and {MAX_COUNT}; "
                         f"found {low[i]:g} to {high[i]:g}")
    if not plain_ints:
        fractional = np.any(matrix != np.floor(matrix), axis=0)
        if fractional.any():
            raise ValueError(f"{name}[{cols[int(np.argmax(fractional))]!r}] must hold whole numbers of "
                             "occurrences; found a fraction")
    return matrix


def as_people(name: str, people: object) -> pd.DataFrame | PreparedCounts | Mapping:
    """One person (a mapping or a Series, as a one-row frame) or many residents, checked for its kind."""
    if isinstance(people, (pd.DataFrame, PreparedCounts, Mapping)):
        return people
    if isinstance(people, pd.Series):
        return people.to_frame().T.infer_objects()
    raise TypeError(f"{name} must be a mapping of behaviour to count (one person), a pandas Series "
                    f"or a DataFrame of residents; got {type(people).__name__}")


def person_counts(name: str, person: Mapping, behaviours: Sequence[str]) -> np.ndarray:
    """One person's counts, checked number by number (no DataFrame needed for a handful of values)."""
    missing = [b for b in behaviours if b not in person]
    if missing:
        raise ValueError(f"{name} is missing behaviour(s) {', '.join(missing)}; needed: {', '.join(behaviours)}")
    return np.array([check_number(f"{name}[{b!r}]", person[b], low=0, high=MAX_COUNT, integer=True)
                     for b in behaviours])


def _grade_codes(points: np.ndarray, rules: RuleSet) -> np.ndarray:
    """Index into ``grade_categories(rules)`` (0 = worst) for every points value."""
    lows = np.array(list(reversed(rules.grade_cutoffs.values())))
    codes = np.zeros(points.shape, dtype=np.int8)
    for boundary in lows[1:]:
        codes += points >= boundary
    return codes


def _points(behaviour_counts: object, rules: object) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """gained, lost and points (clipped to the scale) of every resident, as arrays."""
    if not isinstance(rules, RuleSet):
        raise TypeError(f"rules must be a RuleSet; got {type(rules).__name__}")
    behaviours = rules.behaviours
    matrix = counts_matrix("behaviour_counts", behaviour_counts, behaviours)
    values = np.array([rules.effective_points[b] for b in behaviours])
    # einsum, not ``@``: a matrix-vector product through a multi-threaded BLAS is erratic on a busy machine
    gained = np.einsum("nb,b->n", matrix, np.maximum(values, 0.0))
    lost = np.einsum("nb,b->n", matrix, np.minimum(values, 0.0))
    return gained, lost, _on_scale(rules.start + gained + lost, rules)


def _on_scale(points: np.ndarray | float, rules: RuleSet) -> np.ndarray:
    """Points clipped to the rules' scale (a city score never leaves it)."""
    return np.clip(points, rules.scale.low, rules.scale.high)


def city_points(behaviour_counts: pd.DataFrame | PreparedCounts, rules: RuleSet) -> pd.DataFrame:
    """Points (start + gains - losses, clipped to the scale) and grade of every resident, one row each.

    Columns: ``gained`` and ``lost`` (points before clipping; ``lost`` <= 0), ``points``, ``grade``
    (ordered categorical, worst grade first). The index is ``behaviour_counts``' index.
    """
    gained, lost, points = _points(behaviour_counts, rules)
    grade = pd.Categorical.from_codes(_grade_codes(points, rules), dtype=grade_categories(rules))
    return pd.DataFrame({"gained": gained, "lost": lost + 0.0, "points": points, "grade": grade},
                        index=behaviour_counts.index)


def grade_distribution(behaviour_counts: pd.DataFrame | PreparedCounts, rules: RuleSet) -> pd.DataFrame:
    """Residents and share (%) in each grade under ``rules``, best grade first (every grade listed)."""
    points = _points(behaviour_counts, rules)[2]
    # residents at or above each grade's cut-off (best grade first); the differences are the grades
    at_least = np.array([np.count_nonzero(points >= cut) for cut in rules.grade_cutoffs.values()])
    counts = np.diff(at_least, prepend=0)
    return pd.DataFrame({"grade": list(rules.grades), "residents": counts.astype(int),
                         "share_percent": np.round(100.0 * counts / points.size, 2)})


def grade_of(points: float, rules: RuleSet) -> str:
    """The grade ``rules`` give to a points value (on or above a cut-off earns that grade)."""
    if not isinstance(rules, RuleSet):
        raise TypeError(f"rules must be a RuleSet; got {type(rules).__name__}")
    value = check_number("points", points, low=rules.scale.low, high=rules.scale.high)
    return next(g for g, cut in rules.grade_cutoffs.items() if value >= cut)


def contributions(person: Mapping[str, float] | pd.Series, rules: RuleSet) -> pd.DataFrame:
    """One person's points per behaviour: count, points each, points in total (catalogue order)."""
    if not isinstance(rules, RuleSet):
        raise TypeError(f"rules must be a RuleSet; got {type(rules).__name__}")
    behaviours = rules.behaviours
    if isinstance(person, Mapping):
        counts = person_counts("person", person, behaviours)
    else:
        frame = as_people("person", person)
        if len(frame) != 1:
            raise ValueError(f"person must be one person (one row); got {len(frame)} rows")
        counts = counts_matrix("person", frame, behaviours)[0]
    each = np.array([rules.effective_points[b] for b in behaviours])
    total = counts * each
    return pd.DataFrame({
        "behaviour": list(behaviours), "label": [BEHAVIOUR_LABELS[b] for b in behaviours],
        "kind": ["offence" if b in OFFENCES else "reward" for b in behaviours],
        "count": counts.astype(int), "points_each": each + 0.0, "points": total + 0.0,
        "direction": np.where(total > 0, "gained", np.where(total < 0, "lost", "none")),
    })


# --- one update of the city points panel (model + chart data), shared by the panel and the benchmark --
@dataclass(frozen=True)
class CityUpdate:
    """What the city points panel shows for one setting."""

    rules: RuleSet
    parts: pd.DataFrame          # one row per behaviour: points gained or lost
    points: float
    grade: str
    gained: float
    lost: float
    clipped: bool                # the points hit the end of the scale
    distribution: pd.DataFrame   # residents and share in each grade, best first
    residents: int


def city_update(person: Mapping[str, float], rules: RuleSet,
                residents: pd.DataFrame | PreparedCounts) -> CityUpdate:
    """One update of the city points panel: the person's points and grade, and the grade distribution."""
    parts = contributions(person, rules)
    signed = parts["points"].to_numpy()
    gained, lost = float(signed[signed > 0].sum()), float(signed[signed < 0].sum()) + 0.0
    points = float(_on_scale(rules.start + gained + lost, rules))
    distribution = grade_distribution(residents, rules)
    return CityUpdate(rules, parts, points, grade_of(points, rules), gained, lost,
                      points != rules.start + gained + lost, distribution, int(distribution["residents"].sum()))
