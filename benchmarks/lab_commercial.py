"""Scoring lab, commercial five-dimension toy score: one panel update over 100,000 synthetic users.

``setup()`` returns ``(vectorized_update, loop_update)``. Both do the work of one update of
``CommercialScorePanel`` except drawing: every user's toy score, the histogram behind the chart, the
share of users reaching each published benefit threshold (grouped into the chart's rules) and the
focal user's contact effect. The vectorized one is what the panel runs (users checked once, as the
panel does when it is built); the loop does the same one user at a time in plain Python (the baseline).
Each call moves the contact-influence setting, so no call repeats the previous one.

    .venv/bin/python benchmarks/lab_commercial.py [--repeats 50]
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import time
from collections.abc import Callable

from widgets import commercial
from widgets.panels.commercial import ILLUSTRATIVE_FOCAL_USER, ILLUSTRATIVE_WHAT_IF_RATING, threshold_rules

N_USERS = 100_000
WEIGHTS = dict(commercial.ILLUSTRATIVE_WEIGHTS)


def setup() -> tuple[Callable[[], object], Callable[[], object]]:
    """(vectorized_update, loop_update) over 100,000 synthetic users."""
    users = commercial.synthetic_users(n=N_USERS)
    prepared = commercial.prepare_users(users)
    _, scale = commercial.commercial_published()
    thresholds = commercial.benefit_thresholds(None)
    influences = itertools.cycle([i / 20 for i in range(21)])

    def vectorized_update() -> object:
        c = next(influences)
        scores = commercial.commercial_score(prepared, WEIGHTS, c, scale)
        hist = commercial.score_histogram(scores, scale=scale)
        reached = commercial.benefits_reached(scores, thresholds)
        rules = threshold_rules(reached)
        effect = commercial.contact_effect(prepared, WEIGHTS, ILLUSTRATIVE_FOCAL_USER,
                                           ILLUSTRATIVE_WHAT_IF_RATING, c, scale)
        return hist, rules, effect

    ratings = users[list(commercial.OWN_DIMENSIONS)].values.tolist()
    contacts = users[[c for c in users.columns if c.startswith("contact_")]].values.tolist()
    values = thresholds["threshold"].tolist()
    w = [WEIGHTS[d] / 100.0 for d in commercial.DIMENSIONS]
    low, high = scale.low, scale.high
    width = commercial.ILLUSTRATIVE_BIN_WIDTH
    bins = int((high - low) // width)

    def loop_update() -> object:
        c = next(influences)
        own = []
        for row in ratings:
            own.append(sum(row) / len(row))
        counts = [0] * bins
        reached = [0] * len(values)
        scores = []
        for i, row in enumerate(ratings):
            friends = contacts[i]
            friends_mean = sum(own[j] for j in friends) / len(friends)
            relations = (1 - c) * own[i] + c * friends_mean
            weighted = sum(r * wi for r, wi in zip(row, w)) + relations * w[4]
            score = low + (high - low) * weighted / 100.0
            scores.append(score)
            counts[min(max(int((score - low) // width), 0), bins - 1)] += 1
            for k, v in enumerate(values):
                if score >= v:
                    reached[k] += 1
        focal = ILLUSTRATIVE_FOCAL_USER
        friends_mean = sum(own[j] for j in contacts[focal]) / len(contacts[focal])
        base = sum(r * wi for r, wi in zip(ratings[focal], w))
        effect = [low + (high - low) * (base + rel * w[4]) / 100.0
                  for rel in ((1 - c) * own[focal] + c * friends_mean,
                              (1 - c) * own[focal] + c * ILLUSTRATIVE_WHAT_IF_RATING, own[focal])]
        return counts, reached, effect

    return vectorized_update, loop_update


def median_ms(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args()
    vectorized, loop = setup()
    vectorized(), loop()  # warm up
    vec = median_ms(vectorized, args.repeats)
    slow = median_ms(loop, max(5, args.repeats // 10))
    print(f"Commercial five-dimension update over {N_USERS:,} synthetic users (median)")
    print(f"  vectorized model + chart data : {vec:8.2f} ms   (target <= 20 ms)")
    print(f"  per-row Python loop           : {slow:8.2f} ms")
    print(f"  speed-up                      : {slow / vec:8.1f} x  (target >= 50 x)")


if __name__ == "__main__":
    main()
