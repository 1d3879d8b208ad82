"""Speed of one city points panel update (issue 4, scoring lab). Prints figures; it is not a test.

    .venv/bin/python benchmarks/lab_city_points.py [--repeats 50]

``setup()`` returns ``(vectorized_update, loop_update)``: one update of the city points panel's
model and chart data over 100,000 synthetic residents (the resident's points, grade and
per-behaviour bars, plus the grade distribution of everyone under the same rules), and the same
work as a per-row Python loop (``reference_loops.city_update``). Target: <= 20 ms median, >= 50x the loop.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import median_ms, print_ratio  # noqa: E402
from reference_loops import city_update as city_update_loop  # noqa: E402

from widgets.models import city_points  # noqa: E402
from widgets.panels import CityPointsPanel  # noqa: E402

N = 100_000


def _settings(base: city_points.RuleSet) -> Callable[[], tuple[dict[str, int], city_points.RuleSet]]:
    """A rotating list of panel settings (slider, start, checkbox), so no update repeats the last."""
    rows = []
    for volunteering, start, rewards_only in itertools.product((0, 4, 9, 20), (450, 600, 720), (False, True)):
        person = dict(city_points.ILLUSTRATIVE_PERSON, volunteering=volunteering)
        rows.append((person, base.replace(start=start, incentives_only=rewards_only)))
    cycle = itertools.cycle(rows)
    return lambda: next(cycle)


def setup() -> tuple[Callable[[], object], Callable[[], object]]:
    """(vectorized_update, loop_update) over 100,000 synthetic residents."""
    residents = city_points.synthetic_residents(n=N)
    base = city_points.default_rules()
    prepared = city_points.prepare_counts(residents)  # what the panel does once, when it is built
    vec_next, loop_next = _settings(base), _settings(base)
    rows = residents[list(city_points.BEHAVIOURS)].to_numpy().tolist()

    def vectorized_update() -> object:
        person, rules = vec_next()
        return city_points.city_update(person, rules, prepared)

    def loop_update() -> object:
        person, rules = loop_next()
        return city_update_loop(rows, person, rules)

    return vectorized_update, loop_update


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args()
    vectorized, loop = setup()
    vec = median_ms(vectorized, args.repeats)
    slow = median_ms(loop, max(3, args.repeats // 10))
    panel = CityPointsPanel(city_points.synthetic_residents(n=N))
    values = itertools.cycle(range(21))

    def whole() -> None:
        panel.sliders["volunteering"].value = next(values)

    full = median_ms(whole, max(10, args.repeats // 2))
    print(f"City points panel update over {N:,} synthetic residents (median)")
    print_ratio(vec, slow)
    print(f"  whole panel refresh incl. spec : {full:8.2f} ms")


if __name__ == "__main__":
    main()
