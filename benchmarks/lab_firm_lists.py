"""Speed of the firms' lists toy. Prints figures; it is not a test.

    .venv/bin/python benchmarks/lab_firm_lists.py [--repeats 30] [--loop-repeats 3]

``setup()`` returns (vectorized_update, loop_update): one panel update over 50,000 synthetic firms (the default)
and the kit's illustrative 12 toy years (``firm_lists.firm_lists_update``: the rule set applied to
every firm, the shares per year, one firm's years and story), and the same list statuses and counts
one firm and one year at a time in pure Python (``reference_loops.firm_lists_update``), on the same
synthetic firms. The rule set alternates between the 2014 and the 2021 rules on every call.
Targets: <= 20 ms median for the vectorized update, >= 50x the loop.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import median_ms, print_ratio  # noqa: E402
from reference_loops import firm_lists_update as firm_lists_loop  # noqa: E402

from widgets.models import firm_lists  # noqa: E402

FIRMS = firm_lists.DEFAULT_FIRMS


def loop_inputs(firms: firm_lists.Firms) -> tuple[list, list]:
    """The synthetic firms as plain Python rows (prepared once, not timed): rows[i][t] = five flags."""
    columns = [getattr(firms, c).T.tolist() for c in firm_lists.EVENT_COLUMNS]
    rows = [list(zip(*(column[i] for column in columns))) for i in range(firms.shape[0])]
    return rows, firms.applies_early.tolist()


def setup(n: int = FIRMS) -> tuple[Callable[[], object], Callable[[], object]]:
    """(vectorized_update, loop_update) over ``n`` synthetic firms, the rule set alternating per call."""
    firms = firm_lists.synthetic_firms(n)
    rows, early = loop_inputs(firms)
    r = firm_lists.firm_rules()
    vec_rules, loop_rules = itertools.cycle(firm_lists.RULE_SETS), itertools.cycle(firm_lists.RULE_SETS)
    return (lambda: firm_lists.firm_lists_update(next(vec_rules), n=n),
            lambda: firm_lists_loop(rows, early, next(loop_rules), r.escalation_years, r.removal_years,
                                    r.early_removal_years, r.representative_bar_years))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--loop-repeats", type=int, default=3)
    args = parser.parse_args()
    vectorized, loop = setup()
    fast = median_ms(vectorized, args.repeats)
    slow = median_ms(loop, args.loop_repeats)
    print(f"firms' lists, {FIRMS:,} synthetic firms, {firm_lists.ILLUSTRATIVE_YEARS} toy years:")
    print_ratio(fast, slow)


if __name__ == "__main__":
    main()
