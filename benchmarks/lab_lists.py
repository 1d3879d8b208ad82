"""Benchmark of the list-based schemes lab (court defaulter rule + joint punishment). Not a test.

    .venv/bin/python benchmarks/lab_lists.py [--repeats 50]

``setup()`` returns (vectorized_update, loop_update): one update of the joint-punishment panel's
model and chart data (one case, the agency x restriction cells, the joint-punishment table, and
the outcome distribution over 100,000 synthetic cases), and the same work as a per-row Python
loop. Each call moves the controls on, so no two consecutive calls see the same settings.
Target: <= 20 ms median for the vectorized update, >= 50x the loop.
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Callable

from widgets import lists

N_CASES = 100_000


def setup() -> tuple[Callable[[], object], Callable[[], object]]:
    """(vectorized_update, loop_update) over 100,000 synthetic cases, controls cycling per call."""
    rules = lists.list_rules()
    cases = lists.synthetic_cases(N_CASES)
    matrix = lists.illustrative_matrix(rules)
    agencies = [str(a) for a in matrix.index]
    low, high = rules.extension_range
    flags = list(itertools.product([True, False], repeat=len(lists.CASE_COLUMNS)))
    extensions = [0, *range(low, high + 1)]
    settings_list = [(dict(zip(lists.CASE_COLUMNS, f)), agencies[i % len(agencies)], (i % 8) * 0.5,
                      extensions[i % len(extensions)]) for i, f in enumerate(flags)]
    vec_settings, loop_settings = itertools.cycle(settings_list), itertools.cycle(settings_list)

    def vectorized_update() -> lists.LabState:
        case, agency, since, extension = next(vec_settings)
        return lists.lab_update(case, agency, since, extension, cases, matrix, rules)

    # the loop baseline gets plain Python rows, prepared once (not timed)
    rows = list(cases[list(lists.CASE_COLUMNS)].itertuples(index=False, name=None))
    grounds = list(rules.grounds["parameter"])
    needs = [[lists.CASE_COLUMNS.index(c) for c in lists.GROUND_RULES[g]] for g in grounds]
    keys = rules.outcome_keys()
    labels = rules.outcome_labels()
    restrictions = list(rules.restrictions["parameter"])
    restriction_labels = dict(zip(rules.restrictions["parameter"], rules.restrictions["label"]))
    cell = {a: {r: bool(matrix.at[a, r]) for r in restrictions} for a in agencies}
    term = rules.term_years

    def classify(row: tuple) -> tuple[str, int]:
        first, count = None, 0
        for ground, need in zip(grounds, needs):
            if all(row[i] for i in need):
                count += 1
                if first is None:
                    first = ground
        if first is None:
            first = lists.NOT_LISTED_PERFORMS if row[0] else lists.NOT_LISTED_UNABLE
        return first, count

    def loop_update() -> dict:
        case, agency, since, extension = next(loop_settings)
        one = tuple(case[c] for c in lists.CASE_COLUMNS)
        ground, count = classify(one)
        listed = count > 0
        total = term + extension if listed else float("nan")
        still = listed and since < total
        counts = {k: 0 for k in keys}
        for row in rows:
            counts[classify(row)[0]] += 1
        distribution = [(k, labels[k], counts[k], counts[k] / len(rows)) for k in keys]
        joint = []
        for r in restrictions:
            n = sum(cell[a][r] for a in agencies)
            joint.append((r, n, cell[agency][r], n - cell[agency][r], n > 0))
        cells = []
        for a in agencies:
            for r in restrictions:
                state = lists.CELL_STATES[0 if still else 1] if cell[a][r] else lists.CELL_STATES[2]
                cells.append((a, restriction_labels[r], state, a == agency))
        return {"ground": ground, "still": still, "distribution": distribution, "joint": joint, "cells": cells}

    return vectorized_update, loop_update


def main() -> None:
    from common import median_ms

    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args()
    vectorized, loop = setup()
    vec = median_ms(vectorized, args.repeats)
    slow = median_ms(loop, max(5, args.repeats // 10))
    print(f"List-based schemes lab: one update over {N_CASES:,} synthetic cases (median)")
    print(f"  vectorized model + chart data : {vec:8.2f} ms   (target <= 20 ms)")
    print(f"  per-row Python loop           : {slow:8.2f} ms")
    print(f"  speed-up                      : {slow / vec:8.1f} x  (target >= 50 x)")


if __name__ == "__main__":
    main()
