"""Speed of one city points panel update (issue 4, scoring lab). Prints figures; it is not a test.

    .venv/bin/python benchmarks/lab_city.py [--repeats 50]

``setup()`` returns ``(vectorized_update, loop_update)``: one update of the city points panel's
model and chart data over 100,000 synthetic residents (the resident's points, grade and
per-behaviour bars, plus the grade distribution of everyone under the same rules), and the same
work as a per-row Python loop. Target: <= 20 ms median, >= 50x the loop.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Callable
from pathlib import Path

from widgets import city
from widgets.panels.city import CityPointsPanel, city_update

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import median_ms

N = 100_000


def _settings(base: city.RuleSet) -> Callable[[], tuple[dict[str, int], city.RuleSet]]:
    """A rotating list of panel settings (slider, start, checkbox), so no update repeats the last."""
    rows = []
    for volunteering, start, rewards_only in itertools.product((0, 4, 9, 20), (450, 600, 720), (False, True)):
        person = dict(city.ILLUSTRATIVE_PERSON, volunteering=volunteering)
        rows.append((person, base.replace(start=start, incentives_only=rewards_only)))
    cycle = itertools.cycle(rows)
    return lambda: next(cycle)


def setup() -> tuple[Callable[[], object], Callable[[], object]]:
    """(vectorized_update, loop_update) over 100,000 synthetic residents."""
    residents = city.synthetic_residents(n=N)
    base = city.default_rules()
    prepared = city.prepare_counts(residents)  # what the panel does once, when it is built
    vec_next, loop_next = _settings(base), _settings(base)
    rows = residents[list(city.BEHAVIOURS)].to_numpy().tolist()

    def vectorized_update() -> object:
        person, rules = vec_next()
        return city_update(person, rules, prepared)

    def loop_update() -> object:
        person, rules = loop_next()
        values = [rules.effective_points.get(b, 0.0) for b in city.BEHAVIOURS]
        low, high = rules.scale.low, rules.scale.high
        cutoffs = list(rules.grade_cutoffs.items())
        # the resident's bars and points
        parts = [(b, person[b] * v) for b, v in zip(city.BEHAVIOURS, values)]
        points = min(max(rules.start + sum(p for _, p in parts), low), high)
        grade = next(g for g, cut in cutoffs if points >= cut)
        # everyone's grade, one resident at a time
        counts = dict.fromkeys(rules.grades, 0)
        for row in rows:
            total = rules.start
            for count, value in zip(row, values):
                total += count * value
            total = min(max(total, low), high)
            for g, cut in cutoffs:
                if total >= cut:
                    counts[g] += 1
                    break
        shares = {g: round(100.0 * c / len(rows), 2) for g, c in counts.items()}
        return parts, points, grade, counts, shares

    return vectorized_update, loop_update


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args()
    vectorized, loop = setup()
    vec = median_ms(vectorized, args.repeats)
    slow = median_ms(loop, max(3, args.repeats // 10))
    panel = CityPointsPanel(city.synthetic_residents(n=N))
    values = itertools.cycle(range(21))

    def whole() -> None:
        panel.sliders["volunteering"].value = next(values)

    full = median_ms(whole, max(10, args.repeats // 2))
    print(f"City points panel update over {N:,} synthetic residents (median)")
    print(f"  vectorized model + chart data  : {vec:8.2f} ms   (target <= 20 ms)")
    print(f"  per-row Python loop            : {slow:8.2f} ms")
    print(f"  speed-up                       : {slow / vec:8.1f} x  (target >= 50 x)")
    print(f"  whole panel refresh incl. spec : {full:8.2f} ms")


if __name__ == "__main__":
    main()
