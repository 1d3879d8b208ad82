"""Computed keys of notebook 01: the toy score of one person, and a cut-off on the synthetic borrowers."""

from __future__ import annotations

from functools import cache

import pandas as pd

from ...models import fico, population
from . import numeric

PERSON = {"payment_history": 90, "amounts_owed": 60, "length_of_history": 40, "credit_mix": 50, "new_credit": 80}
CAUTIOUS_CUTOFF = 700  # the exercise's cut-off (illustrative)


def _weighted_rating() -> float:
    """The person's ratings weighted by FICO's published weights (0-100)."""
    weights, _ = fico.published_weights()
    shares = weights.set_index("parameter")["value"] / 100
    return float((pd.Series(PERSON) * shares).sum())


def _span() -> tuple[float, float]:
    _, scale = fico.published_weights()
    return scale.low, scale.high


@numeric("q01_toy_score", name="toy_score", abs_tol=0.5, digits=2,
         hint="weight each rating by its published share, add them up, then place that 0-100 result on the "
              "300-850 range: the floor plus that share of the span.",
         mistakes={
             "you have the weighted rating (0-100); now place it on the score's range.": _weighted_rating,
             "you scaled the span but left out the floor of the range.":
                 lambda: (_span()[1] - _span()[0]) * _weighted_rating() / 100,
             "you used 0-850 as the range; FICO's range starts at 300.": lambda: _span()[1] * _weighted_rating() / 100,
             "you gave every factor the same weight; use FICO's published weights.":
                 lambda: _span()[0] + (_span()[1] - _span()[0]) * sum(PERSON.values()) / len(PERSON) / 100,
         })
def toy_score() -> float:
    low, high = _span()
    return low + (high - low) * _weighted_rating() / 100


@cache
def _borrowers() -> tuple[pd.Series, pd.Series]:
    weights, scale = fico.published_weights()
    people = population.synthetic_borrowers(n=100_000, seed=population.BORROWERS_SEED)
    return fico.fico_style_score(people, fico.weights_from_table(weights), scale), people["repays"]


def _count(refused: bool, repays: bool | None) -> int:
    scores, repaid = _borrowers()
    mask = (scores < CAUTIOUS_CUTOFF) if refused else (scores >= CAUTIOUS_CUTOFF)
    if repays is not None:
        mask &= repaid if repays else ~repaid
    return int(mask.sum())


@numeric("q01_wrongly_refused", name="wrongly_refused_700",
         hint="keep the people whose score is below 700 AND who would repay, then count them.",
         mistakes={
             "that counts everyone refused; keep only those who would have repaid.": lambda: _count(True, None),
             "that counts the refused people who would default; the question asks about those who would repay.":
                 lambda: _count(True, False),
             "that counts people approved (700 or more) who would repay; the question asks about those refused.":
                 lambda: _count(False, True),
         })
def wrongly_refused_700() -> int:
    return _count(True, True)
