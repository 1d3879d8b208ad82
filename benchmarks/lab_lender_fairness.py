"""Scoring lab, fairness in the lender's cut-off: one panel update over 100,000 synthetic borrowers in two groups.

``setup()`` returns ``(vectorized_update, loop_update)``: each group's counts and rates and the
histograms behind the chart under a policy that picks group B's cut-off (equal opportunity, then
demographic parity, alternating) at a new cut-off for A (``lender_fairness.lender_fairness_update``,
as the panel runs it), and the same work one borrower at a time in plain Python
(``reference_loops.fairness_update``, given the same score bins).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np
from reference_loops import fairness_update

from widgets.models import fico, lender_fairness, population

WEIGHTS = {"payment_history": 35, "amounts_owed": 30, "length_of_history": 15, "credit_mix": 10, "new_credit": 10}


def setup() -> tuple[Callable[[], object], Callable[[], object]]:
    """(vectorized_update, loop_update) over 100,000 synthetic borrowers."""
    people = population.synthetic_borrowers(n=100_000)
    scores = fico.fico_style_score(people, WEIGHTS)
    applicants = lender_fairness.synthetic_applicants(people, scores)
    model = lender_fairness.FairnessModel(applicants)
    settings = itertools.cycle(itertools.product(range(500, 760, 20), ("equal_opportunity", "demographic_parity")))
    score_list, repay_list = scores.tolist(), people["repays"].tolist()
    group_list = applicants["group"].astype(str).tolist()
    bin_list = np.clip(((scores.to_numpy() - 300) // 10).astype(int), 0, 54).tolist()

    def vectorized() -> object:
        cutoff, policy = next(settings)
        return lender_fairness.lender_fairness_update(model, float(cutoff), policy)

    def loop() -> object:
        cutoff, policy = next(settings)
        return fairness_update(score_list, repay_list, group_list, bin_list, float(cutoff), policy)

    return vectorized, loop
