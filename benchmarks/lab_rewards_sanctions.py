"""Speed of the rewards-versus-sanctions toy (issue 4's target). Prints figures; it is not a test.

    .venv/bin/python benchmarks/lab_rewards_sanctions.py [--repeats 30] [--loop-repeats 3]

``setup()`` returns (vectorized_update, loop_update): one panel update over 100,000 synthetic
people at the default assumptions (awareness 11% [S4], the kit's illustrative 24 periods):
``rewards_sanctions.rewards_sanctions_update``, the four scenarios' compliance per period, the
chart's long table, the final key numbers and the assumptions table; and
``reference_loops.rewards_sanctions_update``, the same numbers one person and one period at a time
in pure Python, on the same synthetic people.

As in the panel, the synthetic people's random draws are made once (in ``setup``), and an update
recomputes behaviour from them. 24 periods is the default because it keeps the vectorized update
within the 20 ms target at the published awareness; the script also prints the worst case (everyone
aware), where the work grows with the number of aware people.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import median_ms, print_ratio  # noqa: E402
from reference_loops import draws_as_lists, rewards_sanctions_compare, rewards_sanctions_update  # noqa: E402

from widgets.models import rewards_sanctions  # noqa: E402

PEOPLE = 100_000


def setup(n: int = PEOPLE, assumptions: rewards_sanctions.Assumptions | None = None
          ) -> tuple[Callable[[], object], Callable[[], object]]:
    """(vectorized_update, loop_update): one panel update's model + chart data, two ways."""
    a = rewards_sanctions.Assumptions() if assumptions is None else assumptions
    lists = draws_as_lists(a, n)  # also makes (and caches) the synthetic people's draws
    figures = rewards_sanctions.published_awareness()
    return (lambda: rewards_sanctions.rewards_sanctions_update(a, n, figures),
            lambda: rewards_sanctions_update(a, n, lists))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--loop-repeats", type=int, default=3)
    args = parser.parse_args()

    a = rewards_sanctions.Assumptions()
    vectorized, loop = setup(PEOPLE, a)
    fast = median_ms(vectorized, args.repeats)
    slow = median_ms(loop, args.loop_repeats)
    print(f"rewards vs sanctions, {PEOPLE:,} synthetic people, {a.periods} periods, awareness {a.awareness:.0%}:")
    print_ratio(fast, slow)

    everyone = replace(a, awareness=1.0)
    worst, _ = setup(PEOPLE, everyone)
    print(f"  worst case, everyone aware : {median_ms(worst, args.repeats):9.2f} ms")

    from widgets.panels import RewardsSanctionsPanel

    panel = RewardsSanctionsPanel(a, PEOPLE)
    whole = median_ms(lambda: panel.compute(panel.values), args.repeats)  # the chart's skeleton is built once
    print(f"  whole panel compute (model, text, chart rows): {whole:.2f} ms")
    check = np.allclose(rewards_sanctions_compare(a, 2_000).to_numpy(),
                        rewards_sanctions.compare(a, 2_000).to_numpy(), rtol=0, atol=0)
    print(f"  loop and vectorized agree on 2,000 people: {check}")


if __name__ == "__main__":
    main()
