"""A TOY model of rewards versus sanctions shaping compliance over time, with awareness as a parameter (notebook 06).

The story (a toy, not a finding): each SYNTHETIC person either complies with a rule in a period or
does not. People who know that a scheme exists ("aware") learn from what happens to them: a reward
after complying, or a sanction after being caught not complying, raises the log-odds that they
comply in later periods. People who do not know the scheme exists never connect a consequence to
their behaviour, so they keep their baseline chance. Nobody forgets and nobody copies anybody else.

Published inputs: only the awareness figures, read from ``data/surveys.csv`` (11% of pilot-area
respondents knew they lived in a pilot, [S4]) and ``data/city_scores.csv`` (the share of residents
who activated a city-score account, [S10]; activation is a lower bound on awareness, not awareness
itself). Every other parameter is an ``ILLUSTRATIVE_*`` number chosen by the kit.

Vectorized over people with NumPy (a Python loop runs over the few dozen periods only). The random
draws of the synthetic people are made once per (seed, number of people) and reused, so moving a
control recomputes behaviour without redrawing the population (a longer run extends the draws; a
shorter run uses the first periods of the same draws). The same seed gives the same
people in every scenario ("common random numbers"), which makes two properties exact rather than
approximate: with nobody aware, every scenario equals "neither"; and raising awareness never
lowers compliance in any period. ``rewards_sanctions_update`` is the model's one update: the
panel and the benchmarks both call it.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..checks import check_choice, check_number
from ..data import PublishedRows, load
from ..sources import markdown_table

# --- illustrative parameters: chosen by the kit to make the toy work, NOT facts --------------
ILLUSTRATIVE_REWARD_SIZE = 2.0            # toy units of reward per period of compliance
ILLUSTRATIVE_SANCTION_SIZE = 4.0          # toy units of sanction per period caught not complying
ILLUSTRATIVE_SANCTION_PROBABILITY = 0.25  # chance that a period of non-compliance is caught
ILLUSTRATIVE_BASELINE_COMPLIANCE = 0.6    # chance of complying with no scheme at all
ILLUSTRATIVE_REWARD_RESPONSE = 0.1        # log-odds of complying gained per toy unit of reward
ILLUSTRATIVE_SANCTION_RESPONSE = 0.1      # log-odds of complying gained per toy unit of sanction
ILLUSTRATIVE_PERIODS = 24                 # toy time steps (chosen so one update stays <= 20 ms)
# Seed of the synthetic people: 2014, the year of the Planning Outline. Any fixed number would do,
# but the committed notebooks show these people, so changing it changes their outputs.
PEOPLE_SEED = 2014

MAX_SIZE = 10.0        # largest reward or sanction, toy units
MAX_RESPONSE = 2.0     # largest response, log-odds per toy unit
MAX_PERIODS = 60
MAX_PEOPLE = 200_000   # the cached draws take 8 bytes per person and period (float32)
DEFAULT_PEOPLE = 100_000

# the published awareness figures: the survey row(s), then every city with a published uptake share
AWARENESS_SURVEY_IDS: tuple[str, ...] = ("sv-kostka-2018-pilot-awareness",)
DEFAULT_AWARENESS_ID = "sv-kostka-2018-pilot-awareness"

SCENARIOS: dict[str, str] = {
    "neither": "Neither", "rewards_only": "Rewards only",
    "sanctions_only": "Sanctions only", "both": "Rewards and sanctions",
}


def published_awareness() -> PublishedRows:
    """Published awareness figures with their sources, keyed by row id; ``.rows`` has the columns
    id, table, label, share (0-1), source_id, confidence, note.

    First the survey figure(s) from ``surveys.csv``, then every city in ``city_scores.csv`` with a
    published activation share (a proxy: people who activated an account know the score exists).
    """
    surveys = load("surveys").set_index("id").loc[list(AWARENESS_SURVEY_IDS)].reset_index()
    survey_rows = pd.DataFrame({
        "id": surveys["id"].astype(str), "table": "surveys",
        "label": [f"{p}: {m[:1].lower()}{m[1:]}, {s}" for m, p, s in
                  zip(surveys["measure"], surveys["population"], surveys["study"])],
        "share": surveys["value"].astype(float) / 100.0,
        "source_id": surveys["source_id"].astype(str), "confidence": surveys["confidence"].astype(str),
        "note": surveys["note"].astype(object),
    })
    cities = load("city_scores")
    cities = cities[cities["share_activated_percent"].notna()].sort_values("city")
    city_rows = pd.DataFrame({
        "id": cities["id"].astype(str), "table": "city_scores",
        "label": [f"{c}: residents who activated a city-score account (a proxy for awareness)"
                  for c in cities["city"]],
        "share": cities["share_activated_percent"].astype(float) / 100.0,
        "source_id": cities["source_id"].astype(str), "confidence": cities["confidence"].astype(str),
        "note": cities["note"].astype(object),
    })
    frame = pd.concat([survey_rows, city_rows], ignore_index=True)
    if frame["share"].isna().any():
        raise ValueError("published_awareness: a chosen row carries no figure; check data/surveys.csv "
                         "and data/city_scores.csv")
    return PublishedRows(frame, model="awareness", key="id", value_column="share")


def default_awareness() -> float:
    """The default awareness share: 11% of pilot-area respondents knew of the pilot [S4], read from data."""
    return float(published_awareness().value(DEFAULT_AWARENESS_ID))


@dataclass(frozen=True)
class Assumptions:
    """Every parameter of the toy model. Shares are 0-1; validated on construction."""

    awareness: float = field(default_factory=default_awareness, metadata={
        "label": "Aware of the scheme (share of people)", "kind": "share"})
    """Share of synthetic people who know the scheme exists; only they respond. Default: published [S4]."""
    reward_size: float = field(default=ILLUSTRATIVE_REWARD_SIZE, metadata={
        "label": "Reward per period of compliance", "kind": "size", "default": ILLUSTRATIVE_REWARD_SIZE})
    """Toy units of reward an aware person gets for each period they comply (0 = no rewards)."""
    sanction_size: float = field(default=ILLUSTRATIVE_SANCTION_SIZE, metadata={
        "label": "Sanction when caught not complying", "kind": "size", "default": ILLUSTRATIVE_SANCTION_SIZE})
    """Toy units of sanction an aware person gets when caught not complying (0 = no sanctions)."""
    sanction_probability: float = field(default=ILLUSTRATIVE_SANCTION_PROBABILITY, metadata={
        "label": "Chance that non-compliance is caught", "kind": "share",
        "default": ILLUSTRATIVE_SANCTION_PROBABILITY})
    """Chance that a period of non-compliance is caught and sanctioned."""
    baseline_compliance: float = field(default=ILLUSTRATIVE_BASELINE_COMPLIANCE, metadata={
        "label": "Chance of complying with no scheme", "kind": "share",
        "default": ILLUSTRATIVE_BASELINE_COMPLIANCE})
    """Everyone's chance of complying before any reward or sanction (strictly between 0 and 1)."""
    reward_response: float = field(default=ILLUSTRATIVE_REWARD_RESPONSE, metadata={
        "label": "Response to rewards", "kind": "response", "default": ILLUSTRATIVE_REWARD_RESPONSE})
    """Log-odds of complying an aware person gains per toy unit of reward received."""
    sanction_response: float = field(default=ILLUSTRATIVE_SANCTION_RESPONSE, metadata={
        "label": "Response to sanctions", "kind": "response", "default": ILLUSTRATIVE_SANCTION_RESPONSE})
    """Log-odds of complying an aware person gains per toy unit of sanction received."""
    periods: int = field(default=ILLUSTRATIVE_PERIODS, metadata={
        "label": "Periods simulated", "kind": "periods", "default": ILLUSTRATIVE_PERIODS})
    """Number of toy time steps."""
    seed: int = field(default=PEOPLE_SEED, metadata={
        "label": "Seed of the synthetic people", "kind": "seed", "default": PEOPLE_SEED})
    """Seed of the random draws that make the synthetic people; same seed, same people."""

    def __post_init__(self) -> None:
        for name in ("awareness", "sanction_probability"):
            object.__setattr__(self, name, check_number(name, getattr(self, name), low=0, high=1))
        for name in ("reward_size", "sanction_size"):
            object.__setattr__(self, name, check_number(name, getattr(self, name), low=0, high=MAX_SIZE))
        for name in ("reward_response", "sanction_response"):
            object.__setattr__(self, name, check_number(name, getattr(self, name), low=0, high=MAX_RESPONSE))
        baseline = check_number("baseline_compliance", self.baseline_compliance, low=0, high=1)
        if baseline in (0.0, 1.0):
            raise ValueError("baseline_compliance must be strictly between 0 and 1 (a chance, not a "
                             f"certainty); got {baseline:g}")
        object.__setattr__(self, "baseline_compliance", baseline)
        object.__setattr__(self, "periods",
                           int(check_number("periods", self.periods, low=1, high=MAX_PERIODS, integer=True)))
        object.__setattr__(self, "seed", int(check_number("seed", self.seed, low=0, high=2**32 - 1, integer=True)))


def scenario(assumptions: Assumptions, name: str) -> Assumptions:
    """The assumptions of one scenario: ``neither``, ``rewards_only``, ``sanctions_only`` or ``both`` (as given)."""
    check_assumptions(assumptions)
    check_choice("scenario", name, SCENARIOS)
    rewards = name in ("rewards_only", "both")
    sanctions = name in ("sanctions_only", "both")
    return replace(assumptions, reward_size=assumptions.reward_size if rewards else 0.0,
                   sanction_size=assumptions.sanction_size if sanctions else 0.0)


# --- the synthetic people --------------------------------------------------------------------
class Draws(NamedTuple):
    """The random draws that make the synthetic people, people sorted by their awareness draw."""

    awareness_draw: np.ndarray   # (n,) ascending; a person is aware when their draw < awareness
    compliance_logit: np.ndarray  # (periods, n) float32 logit of a uniform draw: complies when < their log-odds
    caught_draw: np.ndarray      # (periods, n) float32 uniform: caught when < sanction_probability


_DRAWS: OrderedDict[tuple[int, int], Draws] = OrderedDict()  # (seed, n) -> the longest draws made so far
_DRAWS_KEPT = 2


def draws(seed: int, n: int, periods: int) -> Draws:
    """The synthetic people's draws for ``periods`` periods; made once per (seed, n), read-only.

    The draws are made period by period, so a shorter run uses the same first periods as a longer
    one; only the longest set per (seed, n) is kept (stored as float32: 8 bytes per person and period).
    """
    key = (int(seed), int(n))
    kept = _DRAWS.get(key)
    if kept is None or kept.compliance_logit.shape[0] < periods:
        kept = _DRAWS[key] = _make_draws(*key, periods)
        while len(_DRAWS) > _DRAWS_KEPT:
            _DRAWS.popitem(last=False)
    _DRAWS.move_to_end(key)
    return Draws(kept.awareness_draw, kept.compliance_logit[:periods], kept.caught_draw[:periods])


def _make_draws(seed: int, n: int, periods: int) -> Draws:
    """Period by period straight into float32: the same numbers as drawing all periods at once
    (NumPy's generator fills in order), without the float64 temporaries (about 60 MB for 24 periods
    of 100,000 people)."""
    rng = np.random.default_rng(seed)
    awareness_draw = np.sort(rng.random(n))
    compliance_logit = np.empty((periods, n), dtype=np.float32)
    caught_draw = np.empty((periods, n), dtype=np.float32)
    for t in range(periods):
        uniform = rng.random((2, n))
        with np.errstate(divide="ignore"):
            compliance_logit[t] = np.log(uniform[0]) - np.log1p(-uniform[0])
        caught_draw[t] = uniform[1]
    for array in (awareness_draw, compliance_logit, caught_draw):
        array.flags.writeable = False
    return Draws(awareness_draw, compliance_logit, caught_draw)


def clear_cache() -> None:
    """Forget the cached draws and baseline counts (they are remade from the seed when needed)."""
    _DRAWS.clear()
    _baseline_totals.cache_clear()


def logit(p: float) -> float:
    """Log-odds of a chance strictly between 0 and 1."""
    return math.log(p) - math.log1p(-p)


def aware_count(assumptions: Assumptions, n: int = DEFAULT_PEOPLE) -> int:
    """How many of the ``n`` synthetic people are aware of the scheme."""
    check_assumptions(assumptions)
    n = check_people(n)
    d = draws(assumptions.seed, n, assumptions.periods)
    return int(np.searchsorted(d.awareness_draw, assumptions.awareness, side="left"))


def _complying(assumptions: Assumptions, n: int, rewards: np.ndarray, sanctions: np.ndarray) -> np.ndarray:
    """People complying per period (rows) under each (reward size, sanction size) pair (columns)."""
    d = draws(assumptions.seed, n, assumptions.periods)
    k = int(np.searchsorted(d.awareness_draw, assumptions.awareness, side="left"))  # aware: the first k
    start = np.float64(logit(assumptions.baseline_compliance))  # float64: draws compare in float64
    gain_reward = assumptions.reward_response * rewards
    gain_sanction = assumptions.sanction_response * sanctions
    # people nobody rewards or sanctions (the unaware, and the aware in a scenario without gains)
    # keep their baseline chance: everyone's baseline count minus the aware people's
    aware_baseline = _row_counts(d.compliance_logit[:, :k] < start)
    unaware = _baseline_totals(assumptions.seed, n, assumptions.periods, start) - aware_baseline
    static = (gain_reward == 0) & (gain_sanction == 0)
    counts = np.empty((assumptions.periods, rewards.size), dtype=np.int64)
    counts[:, static] = (unaware + aware_baseline)[:, None]
    moving = np.flatnonzero(~static)
    if moving.size:
        counts[:, moving] = unaware[:, None] + _aware_complying(
            d, k, assumptions.periods, start, np.float64(assumptions.sanction_probability),
            gain_reward[moving][:, None], gain_sanction[moving][:, None])
    return counts


@lru_cache(maxsize=8)
def _baseline_totals(seed: int, n: int, periods: int, start: np.float64) -> np.ndarray:
    """Everyone's baseline compliance count per period (cached: it changes only with the baseline)."""
    totals = _row_counts(draws(seed, n, periods).compliance_logit < start)
    totals.flags.writeable = False
    return totals


def _row_counts(mask: np.ndarray) -> np.ndarray:
    """True values in each row of a 2-D boolean array (row by row: much faster than ``axis=1``)."""
    return np.array([np.count_nonzero(row) for row in mask], dtype=np.int64)


def _aware_complying(d: Draws, k: int, periods: int, start: np.float64, sanction_probability: np.float64,
                     gain_reward: np.ndarray, gain_sanction: np.ndarray) -> np.ndarray:
    """Aware people complying per period, for scenarios (rows of the ``(s, 1)`` gains) that move them."""
    log_odds = np.full((gain_reward.shape[0], k), start)
    # buffers reused every period (no allocation inside the loop)
    complied = np.empty(log_odds.shape, dtype=bool)
    sanctioned = np.empty(log_odds.shape, dtype=bool)
    caught = np.empty(k, dtype=bool)
    step = np.empty_like(log_odds)
    counts = np.empty((periods, gain_reward.shape[0]), dtype=np.int64)
    for t in range(periods):  # a few dozen periods; every step is vectorized over people
        np.less(d.compliance_logit[t, :k], log_odds, out=complied)
        counts[t] = _row_counts(complied)
        np.less(d.caught_draw[t, :k], sanction_probability, out=caught)
        np.greater(caught, complied, out=sanctioned)           # caught and did not comply
        np.multiply(complied, gain_reward, out=step)           # complied: the reward's gain
        np.add(log_odds, step, out=log_odds)
        np.multiply(sanctioned, gain_sanction, out=step)       # sanctioned: the sanction's gain
        np.add(log_odds, step, out=log_odds)
    return counts


def _frame(counts: np.ndarray, n: int) -> pd.DataFrame:
    periods = np.arange(1, counts.size + 1)
    return pd.DataFrame({"period": periods, "people": n, "complying": counts,
                         "compliance_share": counts / n})


def simulate(assumptions: Assumptions, n: int = DEFAULT_PEOPLE) -> pd.DataFrame:
    """Compliance of ``n`` synthetic people in each period: period, people, complying, compliance_share (0-1).

    Runs the scenario the assumptions describe (rewards and/or sanctions as sized); sorted by period.
    """
    check_assumptions(assumptions)
    n = check_people(n)
    counts = _complying(assumptions, n, np.array([assumptions.reward_size]),
                        np.array([assumptions.sanction_size]))
    return _frame(counts[:, 0], n)


def compare(assumptions: Assumptions, n: int = DEFAULT_PEOPLE) -> pd.DataFrame:
    """Compliance share (0-1) per period in four scenarios side by side, same synthetic people.

    Columns: period, then one per scenario (``SCENARIOS``): neither, rewards_only, sanctions_only,
    both. "Both" uses the sizes given; the others set the missing reward or sanction to 0.
    """
    check_assumptions(assumptions)
    n = check_people(n)
    r, s = assumptions.reward_size, assumptions.sanction_size
    counts = _complying(assumptions, n, np.array([0.0, r, 0.0, r]), np.array([0.0, 0.0, s, s]))
    frame = pd.DataFrame(counts / n, columns=list(SCENARIOS))
    frame.insert(0, "period", np.arange(1, assumptions.periods + 1))
    return frame


def comparison_long(comparison: pd.DataFrame) -> pd.DataFrame:
    """``compare``'s table in long form for a chart: scenario (label), period, compliance_percent; sorted."""
    periods = comparison["period"].to_numpy()
    values = np.concatenate([comparison[key].to_numpy(dtype=float) for key in SCENARIOS])  # scenario by scenario
    codes = np.repeat(np.arange(len(SCENARIOS)), periods.size)
    return pd.DataFrame({
        "scenario": pd.Categorical.from_codes(codes, categories=list(SCENARIOS.values())),
        "period": np.tile(periods, len(SCENARIOS)),
        "compliance_percent": np.round(values * 100, 2),
    })


def final_summary(comparison: pd.DataFrame) -> pd.DataFrame:
    """Per scenario: the final period's compliance share and its gain over "neither", in percentage points."""
    last = int(np.argmax(comparison["period"].to_numpy()))
    shares = np.array([float(comparison[key].to_numpy()[last]) for key in SCENARIOS])
    return pd.DataFrame({"scenario": list(SCENARIOS), "label": list(SCENARIOS.values()),
                         "final_share": shares,
                         "gain_points": np.round((shares - shares[0]) * 100, 2)})


# --- the assumptions, in words -----------------------------------------------------------------
def assumptions_table(assumptions: Assumptions, n: int | None = None,
                      figures: PublishedRows | None = None) -> pd.DataFrame:
    """One row per assumption: parameter, label, value (text), status (published/illustrative), source_id, detail.

    Awareness counts as published when it equals one of ``published_awareness()``'s figures.
    """
    check_assumptions(assumptions)
    figures = (published_awareness() if figures is None else figures).rows
    rows = []
    for f in fields(Assumptions):
        value = getattr(assumptions, f.name)
        kind = f.metadata["kind"]
        status, source, detail = "illustrative", "kit", ""
        if f.name == "awareness":
            match = figures[np.isclose(figures["share"].astype(float), value, rtol=0, atol=1e-9)]
            if len(match):
                row = match.iloc[0]
                status, source = "published", str(row["source_id"])
                detail = f"{row['label']} ({row['confidence']})"
            else:
                detail = "set by you; not a published figure"
        elif kind == "seed":
            detail = "fixes the synthetic people so results repeat; not a fact"
        elif value == f.metadata["default"]:
            detail = "the kit's illustrative default"
        else:
            detail = f"changed from the kit's illustrative default of {_value_text(kind, f.metadata['default'])}"
        rows.append({"parameter": f.name, "label": f.metadata["label"], "value": _value_text(kind, value),
                     "status": status, "source_id": source, "detail": detail})
    if n is not None:
        rows.append({"parameter": "n", "label": "Synthetic people", "value": f"{check_people(n):,}",
                     "status": "illustrative", "source_id": "kit", "detail": "seeded random people, not real ones"})
    return pd.DataFrame(rows)


STRUCTURE_NOTE = (
    "Toy structure (illustrative, not a finding): only aware people respond; a reward after "
    "complying, or a sanction after being caught not complying, adds to their log-odds of complying "
    "in later periods; nobody forgets, and nobody is influenced by anybody else."
)


def assumptions_text(assumptions: Assumptions, n: int | None = None,
                     figures: PublishedRows | None = None) -> str:
    """The assumptions as a Markdown table (value; published with source id, or illustrative), then the structure."""
    table = assumptions_table(assumptions, n, figures)
    body = ([row.label, row.value, row.status, f"[{row.source_id}]" if row.status == "published" else "kit",
             row.detail] for row in table.itertuples(index=False))
    return "\n".join([markdown_table(["Assumption", "Value", "Status", "Source", "Detail"], body), "", STRUCTURE_NOTE])


def _value_text(kind: str, value: float) -> str:
    if kind == "share":
        return f"{value * 100:g}%"
    if kind == "size":
        return f"{value:g} toy units"
    if kind == "response":
        return f"{value:g} log-odds per toy unit"
    return f"{int(value)}"


def check_assumptions(assumptions: object) -> Assumptions:
    """Check that ``assumptions`` is an ``Assumptions`` (they check their own values when made)."""
    if not isinstance(assumptions, Assumptions):
        raise TypeError(f"assumptions must be a rewards_sanctions.Assumptions; got {type(assumptions).__name__}")
    return assumptions


def check_people(n: object) -> int:
    """The number of synthetic people: a whole number from 1 to ``MAX_PEOPLE``."""
    return int(check_number("n", n, low=1, high=MAX_PEOPLE, integer=True))


# --- one update of the panel (model + chart data), shared by the panel and the benchmark ----------
@dataclass(frozen=True)
class RewardsSanctionsUpdate:
    """What the rewards-versus-sanctions panel shows for one setting."""

    assumptions: Assumptions
    people: int
    comparison: pd.DataFrame   # compare: compliance share per period in the four scenarios
    long: pd.DataFrame         # comparison_long, for the chart
    final: pd.DataFrame        # final_summary: final share and gain per scenario
    aware: int                 # how many of the people are aware of the scheme
    table: pd.DataFrame        # assumptions_table: each assumption, published or illustrative


def rewards_sanctions_update(assumptions: Assumptions, n: int = DEFAULT_PEOPLE,
                             figures: PublishedRows | None = None) -> RewardsSanctionsUpdate:
    """One update of the panel: the four scenarios over the same synthetic people, and the assumptions."""
    comparison = compare(assumptions, n)
    return RewardsSanctionsUpdate(assumptions, check_people(n), comparison, comparison_long(comparison),
                                  final_summary(comparison), aware_count(assumptions, n),
                                  assumptions_table(assumptions, n, figures))
