"""Benchmark of the list-based schemes lab (court defaulter rule + joint punishment). Not a test.

    .venv/bin/python benchmarks/lab_joint_punishment.py [--repeats 50]

``setup()`` returns (vectorized_update, loop_update): one update of the joint-punishment panel's
model and chart data (``joint_punishment.joint_punishment_update``: one case, the agency x
restriction cells, the joint-punishment table, and the outcome distribution over 100,000 synthetic
cases), and the same work as a per-row Python loop (``reference_loops.joint_punishment_update``).
Each call moves the controls on, so no two consecutive calls see the same settings.
Target: <= 20 ms median for the vectorized update, >= 50x the loop.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import median_ms, print_ratio  # noqa: E402
from reference_loops import joint_punishment_update as joint_punishment_update_loop  # noqa: E402

from widgets.models import court_list, joint_punishment  # noqa: E402

N_CASES = 100_000


def setup() -> tuple[Callable[[], object], Callable[[], object]]:
    """(vectorized_update, loop_update) over 100,000 synthetic cases, controls cycling per call."""
    rules = court_list.list_rules()
    text = court_list.listing_text("2017")
    cases = court_list.synthetic_cases(N_CASES)
    matrix = joint_punishment.illustrative_matrix(rules)
    agencies = [str(a) for a in matrix.index]
    low, high = rules.extension_range
    flags = list(itertools.product([True, False], repeat=len(court_list.CASE_COLUMNS)))
    extensions = [0, *range(low, high + 1)]
    settings_list = [(dict(zip(court_list.CASE_COLUMNS, f)), agencies[i % len(agencies)], (i % 8) * 0.5,
                      extensions[i % len(extensions)]) for i, f in enumerate(flags)]
    vec_settings, loop_settings = itertools.cycle(settings_list), itertools.cycle(settings_list)

    def vectorized_update() -> joint_punishment.JointPunishmentUpdate:
        case, agency, since, extension = next(vec_settings)
        return joint_punishment.joint_punishment_update(case, agency, since, extension, cases, matrix, rules, text)

    # the loop baseline gets plain Python rows, prepared once (not timed)
    rows = list(cases[list(court_list.CASE_COLUMNS)].itertuples(index=False, name=None))

    def loop_update() -> dict:
        case, agency, since, extension = next(loop_settings)
        return joint_punishment_update_loop(rows, case, agency, since, extension, rules, matrix, text)

    return vectorized_update, loop_update


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args()
    vectorized, loop = setup()
    vec = median_ms(vectorized, args.repeats)
    slow = median_ms(loop, max(5, args.repeats // 10))
    print(f"List-based schemes lab: one update over {N_CASES:,} synthetic cases (median)")
    print_ratio(vec, slow)


if __name__ == "__main__":
    main()
