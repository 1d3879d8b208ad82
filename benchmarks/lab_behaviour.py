"""Speed of the rewards-versus-sanctions toy (issue 4's target). Prints figures; it is not a test.

    .venv/bin/python benchmarks/lab_behaviour.py [--repeats 30] [--loop-repeats 3]

``setup()`` returns (vectorized_update, loop_update): one panel update over 100,000 synthetic
people at the default assumptions (awareness 11% [S4], the kit's illustrative 24 periods): the four
scenarios' compliance per period, the chart's long table and the final key numbers. The loop does
the same work one person and one period at a time in pure Python, on the same synthetic people.

As in the panel, the synthetic people's random draws are made once (in ``setup``), and an update
recomputes behaviour from them. 24 periods is the default because it keeps the vectorized update
within the 20 ms target at the published awareness; the script also prints the worst case (everyone
aware), where the work grows with the number of aware people.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pandas as pd

from widgets import behaviour

PEOPLE = 100_000


def loop_compare(assumptions: behaviour.Assumptions, n: int, lists: tuple | None = None) -> pd.DataFrame:
    """``behaviour.compare`` computed one person, scenario and period at a time (the baseline)."""
    if lists is None:
        lists = _as_lists(assumptions, n)
    aware_draw, compliance_logit, caught_draw = lists
    a = assumptions
    start = behaviour.logit(a.baseline_compliance)
    gains = [(a.reward_response * 0.0, a.sanction_response * 0.0),
             (a.reward_response * a.reward_size, a.sanction_response * 0.0),
             (a.reward_response * 0.0, a.sanction_response * a.sanction_size),
             (a.reward_response * a.reward_size, a.sanction_response * a.sanction_size)]
    counts = [[0] * len(gains) for _ in range(a.periods)]
    for i in range(n):
        aware = aware_draw[i] < a.awareness
        for j, (gain_reward, gain_sanction) in enumerate(gains):
            log_odds = start
            for t in range(a.periods):
                complied = compliance_logit[t][i] < log_odds
                if complied:
                    counts[t][j] += 1
                if aware:
                    if complied:
                        log_odds += gain_reward
                    elif caught_draw[t][i] < a.sanction_probability:
                        log_odds += gain_sanction
    rows = [[t + 1] + [c / n for c in counts[t]] for t in range(a.periods)]
    return pd.DataFrame(rows, columns=["period", *behaviour.SCENARIOS])


def _as_lists(assumptions: behaviour.Assumptions, n: int) -> tuple:
    d = behaviour.draws(assumptions.seed, n, assumptions.periods)
    return d.awareness_draw.tolist(), d.compliance_logit.tolist(), d.caught_draw.tolist()


def setup(n: int = PEOPLE, assumptions: behaviour.Assumptions | None = None
          ) -> tuple[Callable[[], object], Callable[[], object]]:
    """(vectorized_update, loop_update): one panel update's model + chart data, two ways."""
    a = behaviour.Assumptions() if assumptions is None else assumptions
    lists = _as_lists(a, n)  # also makes (and caches) the synthetic people's draws

    def vectorized_update() -> tuple:
        comparison = behaviour.compare(a, n)
        return (behaviour.comparison_long(comparison), behaviour.final_summary(comparison),
                behaviour.aware_count(a, n))

    def loop_update() -> tuple:
        comparison = loop_compare(a, n, lists)
        long = [(label, int(row.period), round(getattr(row, key) * 100, 2))
                for key, label in behaviour.SCENARIOS.items() for row in comparison.itertuples()]
        last = comparison.iloc[-1]
        final = {key: (last[key], round((last[key] - last["neither"]) * 100, 2)) for key in behaviour.SCENARIOS}
        aware = sum(1 for x in lists[0] if x < a.awareness)
        return long, final, aware

    return vectorized_update, loop_update


def median_ms(fn: Callable[[], object], repeats: int) -> float:
    """Median wall time of ``fn()`` in ms over ``repeats`` calls, after one warm-up call."""
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--loop-repeats", type=int, default=3)
    args = parser.parse_args()

    a = behaviour.Assumptions()
    vectorized, loop = setup(PEOPLE, a)
    fast = median_ms(vectorized, args.repeats)
    slow = median_ms(loop, args.loop_repeats)
    print(f"rewards vs sanctions, {PEOPLE:,} synthetic people, {a.periods} periods, awareness {a.awareness:.0%}:")
    print(f"  vectorized update (median) : {fast:9.2f} ms  (target <= 20 ms)")
    print(f"  per-row Python loop        : {slow:9.2f} ms")
    print(f"  ratio                      : {slow / fast:9.0f} x  (target >= 50 x)")

    everyone = replace(a, awareness=1.0)
    worst, _ = setup(PEOPLE, everyone)
    print(f"  worst case, everyone aware : {median_ms(worst, args.repeats):9.2f} ms")

    from widgets.panels.behaviour import BehaviourPanel

    panel = BehaviourPanel(a, PEOPLE)
    whole = median_ms(lambda: panel.compute()[2].to_dict(), args.repeats)
    print(f"  whole panel compute (+ Altair spec): {whole:.2f} ms")
    check = np.allclose(loop_compare(a, 2_000).to_numpy(), behaviour.compare(a, 2_000).to_numpy(), rtol=0, atol=0)
    print(f"  loop and vectorized agree on 2,000 people: {check}")


if __name__ == "__main__":
    main()
