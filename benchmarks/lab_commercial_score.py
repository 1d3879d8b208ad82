"""Scoring lab, commercial five-dimension toy score: one panel update over 100,000 synthetic users.

``setup()`` returns ``(vectorized_update, loop_update)``. Both do the work of one update of
``CommercialScorePanel`` except drawing: every user's toy score, the histogram behind the chart, the
share of users reaching each published benefit threshold (grouped into the chart's rules) and the
focal user's contact effect. The vectorized one is ``commercial_score.commercial_update``, what the
panel runs (users checked once, as the panel does when it is built); the loop is
``reference_loops.commercial_update``, the same one user at a time in plain Python (the baseline).
Each call moves the contact-influence setting, so no call repeats the previous one.

    .venv/bin/python benchmarks/lab_commercial_score.py [--repeats 50]
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import median_ms, print_ratio  # noqa: E402
from reference_loops import commercial_update as commercial_update_loop  # noqa: E402

from widgets.models import commercial_score  # noqa: E402

N_USERS = 100_000
WEIGHTS = dict(commercial_score.ILLUSTRATIVE_WEIGHTS)


def setup() -> tuple[Callable[[], object], Callable[[], object]]:
    """(vectorized_update, loop_update) over 100,000 synthetic users."""
    users = commercial_score.synthetic_users(n=N_USERS)
    prepared = commercial_score.prepare_users(users)
    scale = commercial_score.published().scale
    thresholds = commercial_score.benefit_thresholds(None)
    influences = itertools.cycle([i / 20 for i in range(21)])

    def vectorized_update() -> object:
        return commercial_score.commercial_update(prepared, WEIGHTS, next(influences), thresholds, None,
                                                  commercial_score.ILLUSTRATIVE_FOCAL_USER,
                                                  commercial_score.ILLUSTRATIVE_WHAT_IF_RATING, scale)

    ratings = users[list(commercial_score.OWN_DIMENSIONS)].values.tolist()
    contacts = users[[c for c in users.columns if c.startswith("contact_")]].values.tolist()
    values = thresholds["threshold"].tolist()

    def loop_update() -> object:
        return commercial_update_loop(ratings, contacts, values, WEIGHTS, next(influences), (scale.low, scale.high),
                                      commercial_score.ILLUSTRATIVE_FOCAL_USER,
                                      commercial_score.ILLUSTRATIVE_WHAT_IF_RATING)

    return vectorized_update, loop_update


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args()
    vectorized, loop = setup()
    vec = median_ms(vectorized, args.repeats)
    slow = median_ms(loop, max(5, args.repeats // 10))
    print(f"Commercial five-dimension update over {N_USERS:,} synthetic users (median)")
    print_ratio(vec, slow)


if __name__ == "__main__":
    main()
