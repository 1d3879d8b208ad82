"""The FICO-style toy score and a lender's cut-off (notebook 01), vectorized (no per-row Python loops).

FICO publishes its five factor categories and their weights and the 300-850 range (read from
``data/scoring_models.csv``); the formula that turns a file into a score is NOT published. The
linear mapping used here is an illustrative toy. ``CutoffModel.update`` is the model's one
update: the cut-off panel and the benchmarks both call it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..checks import check_frame, check_number, check_scores_and_outcomes, check_weights
from ..data import PublishedRows, ScoreScale
from .population import FICO_FACTORS

__all__ = ["FICO_FACTORS", "ScoreScale", "fico_style_score", "score_contributions", "OUTCOMES", "CutoffResult",
           "CutoffModel", "apply_cutoff", "outcome_histogram", "published_weights", "weights_from_table"]


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


class CutoffModel:
    """A lender's cut-off over a population prepared once: each update is a comparison and a bincount."""

    def __init__(self, scores: pd.Series, repays: pd.Series, scale: ScoreScale = ScoreScale(300, 850),
                 bin_width: float = 10) -> None:
        self.scale = scale
        self.bin_width = check_number("bin_width", bin_width, low=1, high=scale.high - scale.low)
        self.scores, repaid = check_scores_and_outcomes(scores, repays)
        self.edges = np.arange(scale.low, scale.high + self.bin_width, self.bin_width)
        self.n_bins = len(self.edges) - 1
        bins = np.clip(((self.scores - scale.low) // self.bin_width).astype(np.intp), 0, self.n_bins - 1)
        # outcome code 0-3 in the order of OUTCOMES; +2 at update time when refused
        self._codes = bins * len(OUTCOMES) + np.where(repaid, 0, 1)
        self._bin_start = np.repeat(self.edges[:-1], len(OUTCOMES))
        self._outcome = np.tile(np.array(OUTCOMES, dtype=object), self.n_bins)

    def update(self, cutoff: float) -> tuple[CutoffResult, pd.DataFrame]:
        """Counts at ``cutoff`` and the histogram of people per score bin and outcome (sorted)."""
        cutoff = check_number("cutoff", cutoff, low=self.scale.low, high=self.scale.high)
        codes = self._codes + 2 * (self.scores < cutoff)
        counts = np.bincount(codes, minlength=self.n_bins * len(OUTCOMES))
        totals = counts.reshape(-1, len(OUTCOMES)).sum(axis=0)
        result = CutoffResult(cutoff=cutoff, people=int(self.scores.size), approved=int(totals[0] + totals[1]),
                              refused=int(totals[2] + totals[3]), wrongly_refused=int(totals[2]),
                              approved_defaulters=int(totals[1]))
        keep = counts > 0
        start = self._bin_start[keep]
        histogram = pd.DataFrame({"bin_start": start, "outcome": self._outcome[keep],
                                  "people": counts[keep], "bin_end": start + self.bin_width})
        return result, histogram


def apply_cutoff(scores: pd.Series, repays: pd.Series, cutoff: float,
                 scale: ScoreScale = ScoreScale(300, 850)) -> CutoffResult:
    """Approve everyone whose score is at or above ``cutoff``; count the four outcomes."""
    return CutoffModel(scores, repays, scale).update(cutoff)[0]


def outcome_histogram(scores: pd.Series, repays: pd.Series, cutoff: float, bin_width: float = 10,
                      scale: ScoreScale = ScoreScale(300, 850)) -> pd.DataFrame:
    """Counts per score bin and outcome (long format, sorted, ready for a stacked bar chart).

    A bin is split at the cut-off, so the chart's colours match ``apply_cutoff`` exactly.
    """
    return CutoffModel(scores, repays, scale, bin_width).update(cutoff)[1]


def published_weights(table: pd.DataFrame | None = None) -> tuple[pd.DataFrame, ScoreScale]:
    """FICO's published factor weights (rows of ``scoring_models.csv``, in factor order) and its score range."""
    parameters = (*FICO_FACTORS, "score_min", "score_max")
    rows = PublishedRows.read("fico", table, numbers=parameters, published=parameters)
    return rows.select(FICO_FACTORS), rows.score_range()


def weights_from_table(weights: pd.DataFrame) -> dict[str, float]:
    """The ``{factor: percent}`` mapping from rows of ``scoring_models.csv``."""
    return {str(p): float(v) for p, v in zip(weights["parameter"], weights["value"])}
