"""Speed of one fragmentation panel update (issue 4, scoring lab). Prints figures; it is not a test.

    .venv/bin/python benchmarks/lab_fragmentation.py [--repeats 50]

``setup()`` returns ``(vectorized_update, loop_update)``: one update of the fragmentation panel's
model and chart data (draw 8 toy cities' rules, judge one synthetic person in each, and measure
how much the cities disagree about 100,000 synthetic residents: residents with more than one
grade, median and largest spread), and the same work as a per-row Python loop
(``reference_loops.fragmentation_update``).
Target: <= 20 ms median, >= 50x the loop.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import median_ms, print_ratio  # noqa: E402
from reference_loops import fragmentation_update as fragmentation_update_loop  # noqa: E402

from widgets.models import city_points, fragmentation  # noqa: E402
from widgets.panels import FragmentationPanel  # noqa: E402

N = 100_000
N_CITIES = fragmentation.ILLUSTRATIVE_N_CITIES


def setup() -> tuple[Callable[[], object], Callable[[], object]]:
    """(vectorized_update, loop_update) over 100,000 synthetic residents and 8 toy cities."""
    residents = city_points.synthetic_residents(n=N)
    base = city_points.default_rules()
    prepared = city_points.prepare_counts(residents)  # what the panel does once, when it is built
    person = dict(city_points.ILLUSTRATIVE_PERSON)
    vec_seeds, loop_seeds = itertools.count(1), itertools.count(1)  # a new seed (new cities) every update
    rows = residents[list(city_points.BEHAVIOURS)].to_numpy().tolist()

    def vectorized_update() -> object:
        return fragmentation.fragmentation_update(person, N_CITIES, next(vec_seeds), base, prepared)

    def loop_update() -> object:
        rule_sets = fragmentation.city_rule_sets(N_CITIES, next(loop_seeds), base=base)
        return fragmentation_update_loop(rows, person, rule_sets)

    return vectorized_update, loop_update


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args()
    vectorized, loop = setup()
    vec = median_ms(vectorized, args.repeats)
    slow = median_ms(loop, max(3, args.repeats // 10))
    panel = FragmentationPanel(city_points.synthetic_residents(n=N))
    seeds = itertools.count(100)

    def whole() -> None:
        panel.seed.value = next(seeds)

    full = median_ms(whole, max(10, args.repeats // 2))
    print(f"Fragmentation panel update over {N:,} synthetic residents, {N_CITIES} toy cities (median)")
    print_ratio(vec, slow)
    print(f"  whole panel refresh incl. spec : {full:8.2f} ms")


if __name__ == "__main__":
    main()
