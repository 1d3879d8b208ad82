"""Speed of one fragmentation panel update (issue 4, scoring lab). Prints figures; it is not a test.

    .venv/bin/python benchmarks/lab_fragmentation.py [--repeats 50]

``setup()`` returns ``(vectorized_update, loop_update)``: one update of the fragmentation panel's
model and chart data (draw 8 toy cities' rules, judge one synthetic person in each, and measure
how much the cities disagree about 100,000 synthetic residents: residents with more than one
grade, median and largest spread), and the same work as a per-row Python loop.
Target: <= 20 ms median, >= 50x the loop.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

from widgets import city
from widgets.panels.city import FragmentationPanel, fragmentation_update

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import median_ms

N = 100_000
N_CITIES = city.ILLUSTRATIVE_N_CITIES


def setup() -> tuple[Callable[[], object], Callable[[], object]]:
    """(vectorized_update, loop_update) over 100,000 synthetic residents and 8 toy cities."""
    residents = city.synthetic_residents(n=N)
    base = city.default_rules()
    prepared = city.prepare_counts(residents)  # what the panel does once, when it is built
    person = dict(city.ILLUSTRATIVE_PERSON)
    vec_seeds, loop_seeds = itertools.count(1), itertools.count(1)  # a new seed (new cities) every update
    rows = residents[list(city.BEHAVIOURS)].to_numpy().tolist()

    def vectorized_update() -> object:
        return fragmentation_update(person, N_CITIES, next(vec_seeds), base, prepared)

    def loop_update() -> object:
        rule_sets = city.city_rule_sets(N_CITIES, next(loop_seeds), base=base)
        tables = [([rs.effective_points.get(b, 0.0) for b in city.BEHAVIOURS], rs.start,
                   list(rs.grade_cutoffs.items()), rs) for rs in rule_sets]
        low, high = base.scale.low, base.scale.high

        def judge(row: list) -> list[tuple[float, str]]:
            out = []
            for values, start, cutoffs, _ in tables:
                total = start
                for count, value in zip(row, values):
                    total += count * value
                total = min(max(total, low), high)
                out.append((total, next(g for g, cut in cutoffs if total >= cut)))
            return out

        judged = judge([person[b] for b in city.BEHAVIOURS])  # the person's dots
        ranges, more_than_one = [], 0
        for row in rows:  # everyone, one resident at a time
            results = judge(row)
            pts = [p for p, _ in results]
            ranges.append(max(pts) - min(pts))
            more_than_one += len({g for _, g in results}) > 1
        return judged, more_than_one, statistics.median(ranges), max(ranges)

    return vectorized_update, loop_update


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args()
    vectorized, loop = setup()
    vec = median_ms(vectorized, args.repeats)
    slow = median_ms(loop, max(3, args.repeats // 10))
    panel = FragmentationPanel(city.synthetic_residents(n=N))
    seeds = itertools.count(100)

    def whole() -> None:
        panel.seed.value = next(seeds)

    full = median_ms(whole, max(10, args.repeats // 2))
    print(f"Fragmentation panel update over {N:,} synthetic residents, {N_CITIES} toy cities (median)")
    print(f"  vectorized model + chart data  : {vec:8.2f} ms   (target <= 20 ms)")
    print(f"  per-row Python loop            : {slow:8.2f} ms")
    print(f"  speed-up                       : {slow / vec:8.1f} x  (target >= 50 x)")
    print(f"  whole panel refresh incl. spec : {full:8.2f} ms")


if __name__ == "__main__":
    main()
