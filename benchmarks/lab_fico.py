"""Scoring lab, FICO-style toy score and lender's cut-off: one panel update over 100,000 synthetic borrowers.

``setup()`` returns ``(vectorized_update, loop_update)``: the counts and the histogram behind the
chart at a new cut-off (``CutoffModel.update``, as ``CutoffPanel`` runs it), and the same work one
borrower at a time in plain Python (given the same precomputed score bins).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np

from widgets import population, scoring

WEIGHTS = {"payment_history": 35, "amounts_owed": 30, "length_of_history": 15, "credit_mix": 10, "new_credit": 10}


def loop_counts(scores: list[float], repays: list[bool], bins: list[int], cutoff: float) -> tuple:
    """The counts and histogram, one borrower at a time (the baseline)."""
    approved = wrongly_refused = approved_defaulters = 0
    counts: dict[tuple[int, int], int] = {}
    for score, repay, b in zip(scores, repays, bins):
        ok = score >= cutoff
        approved += ok
        wrongly_refused += (not ok) and repay
        approved_defaulters += ok and not repay
        key = (b, (0 if ok else 2) + (0 if repay else 1))
        counts[key] = counts.get(key, 0) + 1
    return approved, wrongly_refused, approved_defaulters, sorted(counts.items())


def setup() -> tuple[Callable[[], object], Callable[[], object]]:
    """(vectorized_update, loop_update) over 100,000 synthetic borrowers."""
    people = population.synthetic_borrowers(n=100_000)
    scores = scoring.fico_style_score(people, WEIGHTS)
    model = scoring.CutoffModel(scores, people["repays"])
    cutoffs = itertools.cycle(range(500, 760, 10))
    score_list, repay_list = scores.tolist(), people["repays"].tolist()
    bin_list = np.clip(((scores.to_numpy() - 300) // 10).astype(int), 0, 54).tolist()
    return (lambda: model.update(float(next(cutoffs))),
            lambda: loop_counts(score_list, repay_list, bin_list, float(next(cutoffs))))
