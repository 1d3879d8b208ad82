"""Speed of the toy list experiment (notebook 07). Prints figures; it is not a test.

    .venv/bin/python benchmarks/lab_list_experiment.py [--repeats 30] [--loop-repeats 3]

``setup()`` returns (vectorized_update, loop_update): one panel update at the default assumptions
(500 synthetic surveys of 500 respondents, the published design): ``list_experiment.list_experiment_update``
(every survey's direct and list estimates with their intervals, the summary, the chart's histogram and
the assumptions table), and ``reference_loops.list_experiment_update``, the same numbers one respondent
at a time in pure Python on the same synthetic respondents.

As in the panel, the random draws are made once (in ``setup``); an update moves thresholds over them.
The script also prints the largest sample the panel allows, where the work grows with the respondents.
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
from reference_loops import list_experiment_estimates, list_experiment_lists, list_experiment_update  # noqa: E402

from widgets.models import list_experiment  # noqa: E402


def setup(assumptions: list_experiment.Assumptions | None = None) -> tuple[Callable[[], object], Callable[[], object]]:
    """(vectorized_update, loop_update): one panel update's model + chart data, two ways."""
    a = list_experiment.Assumptions() if assumptions is None else assumptions
    lists = list_experiment_lists(a)  # also makes (and caches) the synthetic respondents' draws
    design = list_experiment.published_design()
    return (lambda: list_experiment.list_experiment_update(a, design),
            lambda: list_experiment_update(a, lists))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--loop-repeats", type=int, default=3)
    args = parser.parse_args()

    a = list_experiment.Assumptions()
    vectorized, loop = setup(a)
    fast = median_ms(vectorized, args.repeats)
    slow = median_ms(loop, args.loop_repeats)
    print(f"list experiment, {a.replicates:,} synthetic surveys of {a.sample_size:,} respondents:")
    print_ratio(fast, slow)

    largest = replace(a, sample_size=list_experiment.MAX_SAMPLE)
    worst = lambda: list_experiment.list_experiment_update(largest)  # noqa: E731
    worst()  # draw the extra respondents once, as the panel would on the first move
    print(f"  largest sample ({largest.sample_size:,}) : {median_ms(worst, args.repeats):9.2f} ms")

    small = replace(a, replicates=50)
    check = np.allclose(np.array(list_experiment_estimates(small)),
                        list_experiment.estimates(small).drop(columns="replicate").to_numpy(), rtol=0, atol=1e-9)
    print(f"  loop and vectorized agree on 50 surveys: {check}")


if __name__ == "__main__":
    main()
