"""A toy city points scheme and a toy model of fragmentation (notebook 03).

Published (read from ``data/scoring_models.csv``, model ``city_points``): the 0-1000 scale and
the incentive-only design of the 2018 city scores, at most 150 points lost for one legal
offence [S19][S20], and Rongcheng's grade names AAA, AA, A, B, C, D [S18]. NOT published
(fact base C12): any starting score (Rongcheng's often-repeated 1,000-point start is
unconfirmed), a list of behaviours with point values, and the cut-offs between grades.
Those are ``ILLUSTRATIVE_*`` values chosen by the kit; the residents are SYNTHETIC.

Every model here is vectorized: one matrix product over all synthetic residents, no per-row
Python loops.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from .checks import check_number
from .population import DEFAULT_SEED, MAX_PEOPLE
from .scoring import ScoreScale

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
# the range each toy city's rules are drawn from (fragmentation): ILLUSTRATIVE
ILLUSTRATIVE_N_CITIES = 8
ILLUSTRATIVE_POINT_SPREAD = 0.5          # each point value within +/-50% of the base value
ILLUSTRATIVE_START_SPREAD = 25           # starting points within +/-25 of the base start
ILLUSTRATIVE_CUTOFF_SHIFT = 40           # each grade cut-off moved by up to +/-40 points
ILLUSTRATIVE_INCENTIVES_ONLY_SHARE = 0.25  # chance that a toy city counts rewards only
ILLUSTRATIVE_SKIP_SHARE = 0.15           # chance that a toy city does not count a behaviour at all
MAX_CITIES = 50
MAX_GRADES = 20
MAX_COUNT = 10_000  # most occurrences of one behaviour one resident may have (a sanity bound)


# --- published parameters ----------------------------------------------------------------------
@dataclass(frozen=True)
class CityPublished:
    """The published parameters of the city scores, with the rows of ``scoring_models.csv`` behind them."""

    scale: ScoreScale                 # 0-1000 for the 2018 city scores
    max_loss_per_offence: float       # 150 points at most for one legal offence
    incentives_only: bool             # the 2018 city scores bring rewards only
    grade_names: tuple[str, ...]      # Rongcheng's grades, best first
    rows: pd.DataFrame = field(repr=False, compare=False)  # id, parameter, label, value, status, source_id, confidence

    def source(self, parameter: str) -> str:
        """The source id of one ``city_points`` parameter (e.g. ``'scale_max'`` -> ``'S20'``)."""
        match = self.rows[self.rows["parameter"] == parameter]
        if match.empty:
            raise ValueError(f"parameter must be one of: {', '.join(self.rows['parameter'])}; got {parameter!r}")
        return str(match["source_id"].iloc[0])

    def value(self, parameter: str) -> float | None:
        """The published value of one ``city_points`` parameter (None for a rule without a number)."""
        match = self.rows[self.rows["parameter"] == parameter]
        if match.empty:
            raise ValueError(f"parameter must be one of: {', '.join(self.rows['parameter'])}; got {parameter!r}")
        value = match["value"].iloc[0]
        return None if pd.isna(value) else float(value)

    def row_id(self, parameter: str) -> str:
        """The row id of one ``city_points`` parameter, for citing it."""
        match = self.rows[self.rows["parameter"] == parameter]
        if match.empty:
            raise ValueError(f"parameter must be one of: {', '.join(self.rows['parameter'])}; got {parameter!r}")
        return str(match["id"].iloc[0])


def city_published(table: pd.DataFrame | None = None) -> CityPublished:
    """Read the city scores' published parameters from ``scoring_models.csv`` (model ``city_points``)."""
    if table is None:
        from .data import load

        table = load("scoring_models")
    rows = table[table["model"] == "city_points"].reset_index(drop=True)
    by_param = rows.set_index("parameter")
    needed = ("scale_min", "scale_max", "max_loss_per_legal_offence", "incentives_only", "rongcheng_grades")
    missing = [p for p in needed if p not in by_param.index]
    if missing:
        raise ValueError(f"scoring_models.csv must hold city_points rows for: {', '.join(missing)}")
    for p in needed:
        if str(by_param.loc[p, "status"]) != "published":
            raise ValueError(f"scoring_models.csv row city_points/{p} must have status 'published'")
    label = str(by_param.loc["rongcheng_grades", "label"])
    names = tuple(n.strip() for n in label.split(":", 1)[-1].split(","))
    if len(names) < 2 or not all(names):
        raise ValueError(f"the label of city_points/rongcheng_grades must list the grades after a colon; got {label!r}")
    return CityPublished(
        scale=ScoreScale(float(by_param.loc["scale_min", "value"]), float(by_param.loc["scale_max", "value"])),
        max_loss_per_offence=float(by_param.loc["max_loss_per_legal_offence", "value"]),
        incentives_only=True, grade_names=names,
        rows=rows[["id", "parameter", "label", "value", "status", "source_id", "confidence"]].copy(),
    )


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
def synthetic_residents(n: int = 100_000, seed: int = DEFAULT_SEED) -> pd.DataFrame:
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

    frame: pd.DataFrame
    matrix: np.ndarray = field(repr=False)  # float, one row per resident, one column per ``BEHAVIOURS``
    # (behaviours x residents) int16 copy and column maxima: let the fragmentation model work in
    # 16-bit integers when every number involved is a small whole number (see _judge_matrix)
    by_behaviour16: np.ndarray = field(repr=False)
    column_max: np.ndarray = field(repr=False)

    def __len__(self) -> int:
        return len(self.frame)


def prepare_counts(behaviour_counts: pd.DataFrame) -> PreparedCounts:
    """Validate a table of behaviour counts (every behaviour in ``BEHAVIOURS``) once, for reuse.

    Every model here accepts the result wherever it accepts the DataFrame; the panels use it so
    that moving a slider does not re-check 100,000 unchanged rows.
    """
    matrix = _counts_matrix("behaviour_counts", behaviour_counts, BEHAVIOURS)
    matrix.setflags(write=False)
    small = np.ascontiguousarray(matrix.T, dtype=np.int16)  # counts are at most MAX_COUNT < 2**15
    small.setflags(write=False)
    return PreparedCounts(behaviour_counts, matrix, small, matrix.max(axis=0))


def _counts_matrix(name: str, counts: object, behaviours: Sequence[str]) -> np.ndarray:
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


def _as_frame(name: str, people: object) -> pd.DataFrame | PreparedCounts | Mapping:
    if isinstance(people, (pd.DataFrame, PreparedCounts, Mapping)):
        return people
    if isinstance(people, pd.Series):
        return people.to_frame().T.infer_objects()
    raise TypeError(f"{name} must be a mapping of behaviour to count (one person), a pandas Series "
                    f"or a DataFrame of residents; got {type(people).__name__}")


def _person_vector(name: str, person: Mapping, behaviours: Sequence[str]) -> np.ndarray:
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
    matrix = _counts_matrix("behaviour_counts", behaviour_counts, behaviours)
    values = np.array([rules.effective_points[b] for b in behaviours])
    # einsum, not ``@``: a matrix-vector product through a multi-threaded BLAS is erratic on a busy machine
    gained = np.einsum("nb,b->n", matrix, np.maximum(values, 0.0))
    lost = np.einsum("nb,b->n", matrix, np.minimum(values, 0.0))
    points = np.clip(rules.start + gained + lost, rules.scale.low, rules.scale.high)
    return gained, lost, points


def city_points(behaviour_counts: pd.DataFrame | PreparedCounts, rules: RuleSet) -> pd.DataFrame:
    """Points (start + gains - losses, clipped to the scale) and grade of every resident, one row each.

    Columns: ``gained`` and ``lost`` (points before clipping; ``lost`` <= 0), ``points``, ``grade``
    (ordered categorical, worst grade first). The index is ``behaviour_counts``' index.
    """
    gained, lost, points = _points(behaviour_counts, rules)
    grade = pd.Categorical.from_codes(_grade_codes(points, rules), dtype=grade_categories(rules))
    frame = behaviour_counts.frame if isinstance(behaviour_counts, PreparedCounts) else behaviour_counts
    return pd.DataFrame({"gained": gained, "lost": lost + 0.0, "points": points, "grade": grade},
                        index=frame.index)


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
        counts = _person_vector("person", person, behaviours)
    else:
        frame = _as_frame("person", person)
        if len(frame) != 1:
            raise ValueError(f"person must be one person (one row); got {len(frame)} rows")
        counts = _counts_matrix("person", frame, behaviours)[0]
    each = np.array([rules.effective_points[b] for b in behaviours])
    total = counts * each
    return pd.DataFrame({
        "behaviour": list(behaviours), "label": [BEHAVIOUR_LABELS[b] for b in behaviours],
        "kind": ["offence" if b in OFFENCES else "reward" for b in behaviours],
        "count": counts.astype(int), "points_each": each + 0.0, "points": total + 0.0,
        "direction": np.where(total > 0, "gained", np.where(total < 0, "lost", "none")),
    })


# --- fragmentation ------------------------------------------------------------------------------------
def city_rule_sets(n_cities: int = ILLUSTRATIVE_N_CITIES, seed: int = DEFAULT_SEED, *,
                   base: RuleSet | None = None, point_spread: float = ILLUSTRATIVE_POINT_SPREAD,
                   start_spread: float = ILLUSTRATIVE_START_SPREAD, cutoff_shift: float = ILLUSTRATIVE_CUTOFF_SHIFT,
                   incentives_only_share: float = ILLUSTRATIVE_INCENTIVES_ONLY_SHARE,
                   skip_share: float = ILLUSTRATIVE_SKIP_SHARE) -> list[RuleSet]:
    """``n_cities`` toy cities, each with rules drawn around ``base`` (default: ``default_rules()``).

    Documented illustrative range: every point value scaled by a factor in ``1 +/- point_spread``
    (deductions stay within the published cap), each behaviour left uncounted with chance
    ``skip_share``, the start moved by up to ``start_spread``, every grade cut-off moved by up
    to ``cutoff_shift``, and the city counts rewards only with chance ``incentives_only_share``.
    """
    n_cities = int(check_number("n_cities", n_cities, low=1, high=MAX_CITIES, integer=True))
    seed = int(check_number("seed", seed, low=0, high=2**32 - 1, integer=True))
    if base is None:
        base = default_rules()
    elif not isinstance(base, RuleSet):
        raise TypeError(f"base must be a RuleSet; got {type(base).__name__}")
    point_spread = check_number("point_spread", point_spread, low=0, high=1)
    span = base.scale.high - base.scale.low
    start_spread = check_number("start_spread", start_spread, low=0, high=span)
    cut = np.array(list(base.grade_cutoffs.values()))
    gap = float(np.min(cut[:-1] - cut[1:]))
    cutoff_shift = check_number("cutoff_shift", cutoff_shift, low=0, high=(gap - 1) / 2)
    incentives_only_share = check_number("incentives_only_share", incentives_only_share, low=0, high=1)
    skip_share = check_number("skip_share", skip_share, low=0, high=1)

    rng = np.random.default_rng(seed)
    behaviours = base.behaviours
    values = np.array([base.points[b] for b in behaviours])
    factors = rng.uniform(1 - point_spread, 1 + point_spread, (n_cities, len(behaviours)))
    counted = rng.random((n_cities, len(behaviours))) >= skip_share
    drawn = np.rint(values * factors) * counted
    offence = np.array([b in OFFENCES for b in behaviours])
    drawn = np.where(offence, np.clip(drawn, -base.max_loss_per_offence, 0), np.clip(drawn, 0, span)) + 0.0
    starts = np.clip(np.rint(base.start + rng.uniform(-start_spread, start_spread, n_cities)),
                     base.scale.low, base.scale.high)
    shifts = np.rint(rng.uniform(-cutoff_shift, cutoff_shift, (n_cities, len(cut) - 1)))
    cutoffs = np.clip(cut[None, :-1] + shifts, base.scale.low + 1, base.scale.high)
    rewards_only = rng.random(n_cities) < incentives_only_share
    width = len(str(n_cities))
    return [
        RuleSet(scale=base.scale, start=float(starts[i]), points=dict(zip(behaviours, drawn[i].tolist())),
                grade_cutoffs=dict(zip(base.grades, [*cutoffs[i].tolist(), base.scale.low])),
                max_loss_per_offence=base.max_loss_per_offence, incentives_only=bool(rewards_only[i]),
                name=f"Toy city {i + 1:0{max(width, 2)}d}")
        for i in range(n_cities)  # one RuleSet per city (a handful), not a loop over residents
    ]


def _check_rule_sets(rule_sets: object) -> list[RuleSet]:
    if not isinstance(rule_sets, Sequence) or isinstance(rule_sets, str):
        raise TypeError(f"rule_sets must be a list of RuleSet; got {type(rule_sets).__name__}")
    if not rule_sets:
        raise ValueError("rule_sets must hold at least one RuleSet; it is empty")
    for i, rs in enumerate(rule_sets):
        if not isinstance(rs, RuleSet):
            raise TypeError(f"rule_sets[{i}] must be a RuleSet; got {type(rs).__name__}")
    first = rule_sets[0]
    for i, rs in enumerate(rule_sets):
        if rs.grades != first.grades:
            raise ValueError(f"rule_sets must all use the same grades ({', '.join(first.grades)}); "
                             f"rule_sets[{i}] uses {', '.join(rs.grades)}")
        if rs.scale != first.scale:
            raise ValueError(f"rule_sets must all use the same scale ({first.scale.low:g}-{first.scale.high:g}); "
                             f"rule_sets[{i}] uses {rs.scale.low:g}-{rs.scale.high:g}")
    names = [rs.name for rs in rule_sets]
    if len(set(names)) != len(names):
        raise ValueError("rule_sets must have distinct names (one per city)")
    return list(rule_sets)


_INT16_LIMIT = 2**15 - 1


def _judge_matrix(name: str, people: object, rule_sets: object) -> tuple[np.ndarray, np.ndarray, np.ndarray, list]:
    """Resident ids, and points and grade codes as (cities x residents) matrices: every resident in every city.

    With prepared counts, whole-number rules and sums that cannot leave the int16 range, the work is
    done in 16-bit integers (exact, and a quarter of float64's memory traffic); otherwise in float64.
    """
    sets = _check_rule_sets(rule_sets)
    given = _as_frame(name, people)
    behaviours = [b for b in BEHAVIOURS if any(b in rs.points for rs in sets)]
    values = np.array([[rs.effective_points.get(b, 0.0) for b in behaviours] for rs in sets])  # cities x behaviours
    starts = np.array([rs.start for rs in sets])
    lows = np.array([list(reversed(rs.grade_cutoffs.values())) for rs in sets])  # cities x grades, ascending
    if isinstance(given, Mapping):  # one person, resident 1
        frame = None
        counts_t = _person_vector(name, given, behaviours)[:, None]
    elif isinstance(given, PreparedCounts):
        frame = given.frame
        columns = [BEHAVIOURS.index(b) for b in behaviours]
        scale_ends = np.array([sets[0].scale.low, sets[0].scale.high])
        bound = float(np.abs(starts).max() + (np.abs(values) @ given.column_max[columns]).max())
        whole = all(np.array_equal(a, np.rint(a)) for a in (values, starts, lows, scale_ends))
        if whole and bound <= _INT16_LIMIT and np.abs(scale_ends).max() <= _INT16_LIMIT:
            counts_t = given.by_behaviour16 if len(columns) == len(BEHAVIOURS) else given.by_behaviour16[columns]
            values, starts, lows = values.astype(np.int16), starts.astype(np.int16), lows.astype(np.int16)
        else:
            counts_t = _counts_matrix(name, given, behaviours).T
    else:
        frame = given
        # the (behaviours x residents) view is C-contiguous for pandas' column-major matrix
        counts_t = _counts_matrix(name, given, behaviours).T
    scale = sets[0].scale
    # einsum: no multi-threaded BLAS (see city_points) and one pass over memory
    points = np.einsum("cb,bn->cn", values, counts_t)
    points += starts[:, None]
    np.clip(points, points.dtype.type(scale.low), points.dtype.type(scale.high), out=points)
    codes = np.zeros(points.shape, dtype=np.int8)
    for k in range(1, lows.shape[1]):
        codes += points >= lows[:, k:k + 1]
    if frame is None:
        residents = np.array([1])
    else:
        residents = frame["resident"].to_numpy() if "resident" in frame.columns else frame.index.to_numpy()
    return residents, points, codes, sets


def judge_everywhere(person_or_residents: Mapping[str, float] | pd.Series | pd.DataFrame | PreparedCounts,
                     rule_sets: Sequence[RuleSet]) -> pd.DataFrame:
    """The same synthetic person (or residents) judged in every city: one row per resident and city.

    Columns: ``resident``, ``city``, ``incentives_only``, ``points``, ``grade``; sorted by resident,
    then city in the order given. A single person given as a mapping is resident 1.
    """
    residents, points, codes, sets = _judge_matrix("person_or_residents", person_or_residents, rule_sets)
    n_cities, n = points.shape
    dtype = grade_categories(sets[0])
    return pd.DataFrame({
        "resident": np.repeat(residents, n_cities),
        "city": np.tile(np.array([rs.name for rs in sets], dtype=object), n),
        "incentives_only": np.tile(np.array([rs.incentives_only for rs in sets]), n),
        "points": points.T.ravel().astype(float),
        "grade": pd.Categorical.from_codes(codes.T.ravel(), dtype=dtype),
    })


def fragmentation_spread(person_or_residents: Mapping[str, float] | pd.Series | pd.DataFrame | PreparedCounts,
                         rule_sets: Sequence[RuleSet]) -> pd.DataFrame:
    """Per resident, how far the cities disagree: lowest and highest points, their range, the number
    of distinct grades, and the best and worst grade."""
    residents, points, codes, sets = _judge_matrix("person_or_residents", person_or_residents, rule_sets)
    dtype = grade_categories(sets[0])
    present = np.zeros(points.shape[1], dtype=np.int64)
    for row in codes:  # one bit per grade met; loops over cities, not residents
        present |= np.left_shift(1, row.astype(np.int64))
    popcount = np.array([m.bit_count() for m in range(1 << len(dtype.categories))])
    low, high = points.min(axis=0).astype(float), points.max(axis=0).astype(float)
    return pd.DataFrame({
        "resident": residents, "min_points": low, "max_points": high, "points_range": high - low,
        "distinct_grades": popcount[present],
        "best_grade": pd.Categorical.from_codes(codes.max(axis=0), dtype=dtype),
        "worst_grade": pd.Categorical.from_codes(codes.min(axis=0), dtype=dtype),
    })


@dataclass(frozen=True)
class SpreadSummary:
    """How much a set of cities disagrees about a whole synthetic population."""

    residents: int
    cities: int
    more_than_one_grade: int     # residents who get at least two different grades
    median_range: float          # median over residents of (highest - lowest points across cities)
    max_range: float

    @property
    def share_more_than_one_grade(self) -> float:
        """Share (0-1) of residents graded differently by at least two cities."""
        return self.more_than_one_grade / self.residents


def population_spread(residents: pd.DataFrame | PreparedCounts, rule_sets: Sequence[RuleSet]) -> SpreadSummary:
    """Summary of ``fragmentation_spread`` over a whole population (computed without the per-resident table)."""
    if not isinstance(residents, (pd.DataFrame, PreparedCounts)):
        raise TypeError(f"residents must be a pandas DataFrame of behaviour counts; got {type(residents).__name__}")
    _, points, codes, sets = _judge_matrix("residents", residents, rule_sets)
    # int32 for the int16 path (no overflow, and a faster median than on floats)
    ranges = np.subtract(points.max(axis=0), points.min(axis=0), dtype=np.int32 if points.dtype == np.int16 else float)
    differ = codes.max(axis=0) != codes.min(axis=0)  # more than one grade across the cities
    return SpreadSummary(residents=int(ranges.size), cities=len(sets),
                         more_than_one_grade=int(np.count_nonzero(differ)),
                         median_range=float(np.median(ranges)), max_range=float(ranges.max()))
