"""A toy model of fragmentation (notebook 03): one synthetic person judged by many toy cities' rules.

Each toy city's rules are drawn (seeded) around the kit's toy rule set of
``widgets.models.city_points`` within a documented ILLUSTRATIVE range; the published parts (the
scale, the cap on one offence's deduction, Rongcheng's grade names) stay fixed. Vectorized: one
product of (cities x behaviours) by (behaviours x residents), no per-row Python loops.
``fragmentation_update`` is the model's one update: the fragmentation panel and the benchmarks call it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..checks import check_number
from .city_points import (
    BEHAVIOURS, OFFENCES, PreparedCounts, RuleSet, as_people, counts_matrix, person_counts, default_rules,
    grade_categories,
)

# the range each toy city's rules are drawn from: ILLUSTRATIVE
ILLUSTRATIVE_N_CITIES = 8
ILLUSTRATIVE_POINT_SPREAD = 0.5          # each point value within +/-50% of the base value
ILLUSTRATIVE_START_SPREAD = 25           # starting points within +/-25 of the base start
ILLUSTRATIVE_CUTOFF_SHIFT = 40           # each grade cut-off moved by up to +/-40 points
ILLUSTRATIVE_INCENTIVES_ONLY_SHARE = 0.25  # chance that a toy city counts rewards only
ILLUSTRATIVE_SKIP_SHARE = 0.15           # chance that a toy city does not count a behaviour at all
# Seed that draws the toy cities' rules: 2014, the year of the Planning Outline. Any fixed number
# would do, but the committed notebooks show these cities, so changing it changes their outputs.
CITY_RULES_SEED = 2014
MAX_CITIES = 50


def city_rule_sets(n_cities: int = ILLUSTRATIVE_N_CITIES, seed: int = CITY_RULES_SEED, *,
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
    given = as_people(name, people)
    behaviours = [b for b in BEHAVIOURS if any(b in rs.points for rs in sets)]
    values = np.array([[rs.effective_points.get(b, 0.0) for b in behaviours] for rs in sets])  # cities x behaviours
    starts = np.array([rs.start for rs in sets])
    lows = np.array([list(reversed(rs.grade_cutoffs.values())) for rs in sets])  # cities x grades, ascending
    if isinstance(given, Mapping):  # one person, resident 1
        residents = np.array([1])
        counts_t = person_counts(name, given, behaviours)[:, None]
    elif isinstance(given, PreparedCounts):
        residents = given.residents
        columns = [BEHAVIOURS.index(b) for b in behaviours]
        scale_ends = np.array([sets[0].scale.low, sets[0].scale.high])
        bound = float(np.abs(starts).max() + (np.abs(values) @ given.column_max[columns]).max())
        whole = all(np.array_equal(a, np.rint(a)) for a in (values, starts, lows, scale_ends))
        if whole and bound <= _INT16_LIMIT and np.abs(scale_ends).max() <= _INT16_LIMIT:
            counts_t = given.by_behaviour16 if len(columns) == len(BEHAVIOURS) else given.by_behaviour16[columns]
            values, starts, lows = values.astype(np.int16), starts.astype(np.int16), lows.astype(np.int16)
        else:
            counts_t = counts_matrix(name, given, behaviours).T
    else:
        residents = (given["resident"] if "resident" in given.columns else given.index).to_numpy()
        # the (behaviours x residents) view is C-contiguous for pandas' column-major matrix
        counts_t = counts_matrix(name, given, behaviours).T
    scale = sets[0].scale
    # einsum: no multi-threaded BLAS (see city_points) and one pass over memory
    points = np.einsum("cb,bn->cn", values, counts_t)
    points += starts[:, None]
    np.clip(points, points.dtype.type(scale.low), points.dtype.type(scale.high), out=points)
    codes = np.zeros(points.shape, dtype=np.int8)
    for k in range(1, lows.shape[1]):
        codes += points >= lows[:, k:k + 1]
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


# --- one update of the fragmentation panel (model + chart data), shared by the panel and the benchmark --
@dataclass(frozen=True)
class FragmentationUpdate:
    """What the fragmentation panel shows for one setting."""

    rule_sets: list[RuleSet]
    judged: pd.DataFrame          # judge_everywhere for the person, plus each city's start and rules
    spread: dict[str, float]      # the person's row of fragmentation_spread: min/max points, range, grades
    population: SpreadSummary     # how much the cities disagree about every synthetic resident


def fragmentation_update(person: Mapping[str, float], n_cities: int, seed: int, base: RuleSet,
                         residents: pd.DataFrame | PreparedCounts) -> FragmentationUpdate:
    """One update of the fragmentation panel: draw the toy cities, judge the person in each, and
    measure how much they disagree about the whole synthetic population."""
    rule_sets = city_rule_sets(n_cities, seed, base=base)
    judged = judge_everywhere(person, rule_sets)
    judged["start"] = [rs.start for rs in rule_sets]
    judged["rules"] = np.where(judged["incentives_only"], "rewards only", "rewards and deductions")
    row = fragmentation_spread(person, rule_sets).iloc[0]
    spread = {"min_points": float(row["min_points"]), "max_points": float(row["max_points"]),
              "points_range": float(row["points_range"]), "distinct_grades": int(row["distinct_grades"])}
    return FragmentationUpdate(rule_sets, judged, spread, population_spread(residents, rule_sets))
