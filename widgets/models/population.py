"""Synthetic borrowers for the FICO-style toy score (notebook 01).

These are SYNTHETIC people: random numbers with a fixed seed, shaped only to make the toy
model behave sensibly. No parameter here is sourced; every one is illustrative. (The other
toys draw their own synthetic people in their own modules, each with its own named seed.)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..checks import check_number

FICO_FACTORS: tuple[str, ...] = (
    "payment_history", "amounts_owed", "length_of_history", "credit_mix", "new_credit",
)
# Seed of the synthetic borrowers: 2014, the year of the Planning Outline. Any fixed number would
# do, but the committed notebooks show this population, so changing it changes their outputs.
BORROWERS_SEED = 2014
MAX_PEOPLE = 2_000_000


def synthetic_borrowers(n: int = 100_000, seed: int = BORROWERS_SEED) -> pd.DataFrame:
    """Return ``n`` synthetic borrowers: five factor ratings (0-100, higher is better) and ``repays``.

    Illustrative generative story: each person has a hidden reliability; every factor rating
    is a noisy reading of it, and whether they would repay a loan is a coin flip weighted by it.
    """
    n = int(check_number("n", n, low=1, high=MAX_PEOPLE, integer=True))
    seed = int(check_number("seed", seed, low=0, high=2**32 - 1, integer=True))
    rng = np.random.default_rng(seed)
    reliability = rng.normal(0.0, 1.0, n)
    noise_scale = np.array([0.6, 0.8, 1.0, 1.2, 1.2])  # illustrative: payment history is the most telling
    noisy = reliability[:, None] + rng.normal(0.0, 1.0, (n, len(FICO_FACTORS))) * noise_scale
    ratings = np.round(100.0 / (1.0 + np.exp(-1.2 * noisy)), 1)
    frame = pd.DataFrame(ratings, columns=list(FICO_FACTORS))
    repay_probability = 1.0 / (1.0 + np.exp(-(1.8 + 1.6 * reliability)))  # illustrative
    frame["repays"] = rng.random(n) < repay_probability
    frame.insert(0, "person", np.arange(1, n + 1))
    return frame
