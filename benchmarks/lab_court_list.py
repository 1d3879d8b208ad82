"""Benchmark of the court-list durations toy (notebook 05): how long synthetic debtors stay listed. Not a test.

    .venv/bin/python benchmarks/lab_court_list.py [--repeats 50]

``setup()`` returns (vectorized_update, loop_update): one update of the court-list panel's model and
chart data (``court_list.court_list_update``: 100,000 synthetic debtors under both the 2013 and the
2017 text, their years on the list binned by reason, and each text's summary), and the same work as
a per-row Python loop (``reference_loops.court_list_update``). Each call moves the controls on
(text, extension, illustrative chance, early deletion), so no two consecutive calls see the same settings.
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
from reference_loops import court_list_update as court_list_update_loop  # noqa: E402

from widgets.models import court_list  # noqa: E402

N_CASES = 100_000


def setup() -> tuple[Callable[[], object], Callable[[], object]]:
    """(vectorized_update, loop_update) over 100,000 synthetic debtors, controls cycling per call."""
    rules = court_list.list_rules()
    texts = {v: court_list.listing_text(v) for v in court_list.VERSIONS}
    cases = court_list.synthetic_cases(N_CASES)
    low, high = rules.extension_range
    settings_list = list(itertools.product(court_list.VERSIONS, [0, *range(low, high + 1)], [0.1, 0.25, 0.5],
                                           [False, True]))
    vec_settings, loop_settings = itertools.cycle(settings_list), itertools.cycle(settings_list)
    horizon = court_list.ILLUSTRATIVE_HORIZON_YEARS

    def vectorized_update() -> court_list.CourtListUpdate:
        version, extension, chance, early = next(vec_settings)
        return court_list.court_list_update(version, extension, chance, early, cases, rules, texts, horizon)

    # the loop baseline gets plain Python rows and draws, prepared once (not timed)
    rows = list(cases[list(court_list.CASE_COLUMNS)].itertuples(index=False, name=None))
    draws = cases["event_draw"].tolist()

    def loop_update() -> dict:
        version, extension, chance, early = next(loop_settings)
        return court_list_update_loop(rows, draws, version, extension, chance, early, texts, horizon)

    return vectorized_update, loop_update


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args()
    vectorized, loop = setup()
    vec = median_ms(vectorized, args.repeats)
    slow = median_ms(loop, max(5, args.repeats // 10))
    print(f"Court-list durations toy: one update over {N_CASES:,} synthetic debtors, both texts (median)")
    print_ratio(vec, slow)


if __name__ == "__main__":
    main()
