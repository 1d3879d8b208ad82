"""Scoring lab, FICO-style toy score and lender's cut-off: one panel update over 100,000 synthetic borrowers.

``setup()`` returns ``(vectorized_update, loop_update)``: the counts and the histogram behind the
chart at a new cut-off (``CutoffModel.update``, as ``CutoffPanel`` runs it), and the same work one
borrower at a time in plain Python (``reference_loops.cutoff_counts``, given the same score bins).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np
from reference_loops import cutoff_counts

from widgets.models import fico, population

WEIGHTS = {"payment_history": 35, "amounts_owed": 30, "length_of_history": 15, "credit_mix": 10, "new_credit": 10}


def setup() -> tuple[Callable[[], object], Callable[[], object]]:
    """(vectorized_update, loop_update) over 100,000 synthetic borrowers."""
    people = population.synthetic_borrowers(n=100_000)
    scores = fico.fico_style_score(people, WEIGHTS)
    model = fico.CutoffModel(scores, people["repays"])
    cutoffs = itertools.cycle(range(500, 760, 10))
    score_list, repay_list = scores.tolist(), people["repays"].tolist()
    bin_list = np.clip(((scores.to_numpy() - 300) // 10).astype(int), 0, 54).tolist()
    return (lambda: model.update(float(next(cutoffs))),
            lambda: cutoff_counts(score_list, repay_list, bin_list, float(next(cutoffs))))
