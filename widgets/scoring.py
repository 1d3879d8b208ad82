"""Vectorized toy scoring models (no per-row Python loops).

The FICO-style score: FICO publishes its five factor categories and their weights and the
300-850 range (read from ``data/scoring_models.csv``); the formula that turns a file into a
score is NOT published. The linear mapping used here is an illustrative toy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .checks import check_frame, check_number, check_weights
from .population import FICO_FACTORS


@dataclass(frozen=True)
class ScoreScale:
    """The range a score is reported on, e.g. 300-850 for FICO."""

    low: float
    high: float


def fico_style_score(ratings: pd.DataFrame, weights: Mapping[str, float],
                     scale: ScoreScale = ScoreScale(300, 850)) -> pd.Series:
    """Toy score: ``low + (high - low) * sum(weight% * rating/100)`` for every row of ``ratings``.

    ``ratings`` holds one 0-100 column per FICO factor; ``weights`` are percentages adding up to 100.
    """
    w = check_weights("weights", weights, FICO_FACTORS)
    check_frame("ratings", ratings, FICO_FACTORS, low=0, high=100)
    matrix = ratings[list(FICO_FACTORS)].to_numpy(dtype=float)
    vector = np.array([w[f] for f in FICO_FACTORS]) / 100.0
    return pd.Series(scale.low + (scale.high - scale.low) * (matrix @ vector) / 100.0,
                     index=ratings.index, name="score")


def score_contributions(ratings: Mapping[str, float], weights: Mapping[str, float],
                        scale: ScoreScale = ScoreScale(300, 850)) -> pd.DataFrame:
    """Points each factor adds above the scale's floor for one person; rows sorted by factor order."""
    w = check_weights("weights", weights, FICO_FACTORS)
    r = {f: check_number(f"ratings[{f!r}]", ratings.get(f) if isinstance(ratings, Mapping) else None,
                         low=0, high=100) for f in FICO_FACTORS}
    span = scale.high - scale.low
    points = [span * w[f] / 100.0 * r[f] / 100.0 for f in FICO_FACTORS]
    return pd.DataFrame({"factor": list(FICO_FACTORS), "weight_percent": [w[f] for f in FICO_FACTORS],
                         "rating": [r[f] for f in FICO_FACTORS], "points": np.round(points, 1)})


OUTCOMES: tuple[str, ...] = (
    "approved, would repay", "approved, would default",
    "refused, would repay", "refused, would default",
)


@dataclass(frozen=True)
class CutoffResult:
    """What a lender's cut-off does to a synthetic population."""

    cutoff: float
    people: int
    approved: int
    refused: int
    wrongly_refused: int      # refused although they would have repaid
    approved_defaulters: int  # approved although they would default

    @property
    def approval_rate(self) -> float:
        """Share of people approved, 0-1."""
        return self.approved / self.people


def apply_cutoff(scores: pd.Series, repays: pd.Series, cutoff: float,
                 scale: ScoreScale = ScoreScale(300, 850)) -> CutoffResult:
    """Approve everyone whose score is at or above ``cutoff``; count the four outcomes."""
    cutoff = check_number("cutoff", cutoff, low=scale.low, high=scale.high)
    s, r = _scores_and_outcomes(scores, repays)
    approved = s >= cutoff
    return CutoffResult(
        cutoff=cutoff, people=int(s.size), approved=int(approved.sum()),
        refused=int((~approved).sum()), wrongly_refused=int((~approved & r).sum()),
        approved_defaulters=int((approved & ~r).sum()),
    )


def outcome_histogram(scores: pd.Series, repays: pd.Series, cutoff: float, bin_width: float = 10,
                      scale: ScoreScale = ScoreScale(300, 850)) -> pd.DataFrame:
    """Counts per score bin and outcome (long format, ready for a stacked bar chart).

    A bin is split at the cut-off, so the chart's colours match ``apply_cutoff`` exactly.
    """
    cutoff = check_number("cutoff", cutoff, low=scale.low, high=scale.high)
    bin_width = check_number("bin_width", bin_width, low=1, high=scale.high - scale.low)
    s, r = _scores_and_outcomes(scores, repays)
    edges = np.arange(scale.low, scale.high + bin_width, bin_width)
    bin_index = np.clip(((s - scale.low) // bin_width).astype(int), 0, len(edges) - 2)
    outcome = np.where(s >= cutoff, 0, 2) + np.where(r, 0, 1)
    counts = np.bincount(bin_index * len(OUTCOMES) + outcome,
                         minlength=(len(edges) - 1) * len(OUTCOMES)).reshape(-1, len(OUTCOMES))
    frame = pd.DataFrame(counts, columns=list(OUTCOMES))
    frame["bin_start"] = edges[:-1]
    long = frame.melt(id_vars="bin_start", var_name="outcome", value_name="people")
    long = long[long["people"] > 0].copy()
    long["bin_end"] = long["bin_start"] + bin_width
    long["outcome"] = pd.Categorical(long["outcome"], categories=list(OUTCOMES))
    return long.sort_values(["bin_start", "outcome"]).reset_index(drop=True)


def _scores_and_outcomes(scores: pd.Series, repays: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    if not isinstance(scores, pd.Series) or not isinstance(repays, pd.Series):
        raise TypeError("scores and repays must both be pandas Series; got "
                        f"{type(scores).__name__} and {type(repays).__name__}")
    if scores.empty:
        raise ValueError("scores must hold at least one score; it is empty")
    if len(scores) != len(repays):
        raise ValueError(f"scores and repays must have the same length; got {len(scores)} and {len(repays)}")
    if not pd.api.types.is_numeric_dtype(scores) or pd.api.types.is_bool_dtype(scores):
        raise TypeError(f"scores must hold numbers; it has dtype {scores.dtype}")
    if not pd.api.types.is_bool_dtype(repays):
        raise TypeError(f"repays must hold True/False values; it has dtype {repays.dtype}")
    s = scores.to_numpy(dtype=float, na_value=np.nan)
    if np.isnan(s).any():
        raise ValueError("scores must not contain missing values (NaN)")
    return s, repays.to_numpy(dtype=bool)


def fico_published() -> tuple[pd.DataFrame, ScoreScale]:
    """FICO's published factor weights (rows of ``scoring_models.csv``) and its score range."""
    from .data import load

    table = load("scoring_models")
    fico = table[table["model"] == "fico"]
    weights = fico[fico["parameter"].isin(FICO_FACTORS)].copy()
    weights["order"] = weights["parameter"].map({f: i for i, f in enumerate(FICO_FACTORS)})
    weights = weights.sort_values("order").drop(columns="order").reset_index(drop=True)
    if list(weights["parameter"]) != list(FICO_FACTORS):
        raise ValueError("scoring_models.csv must hold one FICO weight row per factor: "
                         + ", ".join(FICO_FACTORS))
    bounds = fico.set_index("parameter")["value"]
    return weights, ScoreScale(float(bounds["score_min"]), float(bounds["score_max"]))


def weights_from_table(weights: pd.DataFrame) -> dict[str, float]:
    """The ``{factor: percent}`` mapping from rows of ``scoring_models.csv``."""
    return {str(p): float(v) for p, v in zip(weights["parameter"], weights["value"])}
