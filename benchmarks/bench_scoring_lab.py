"""Scoring lab benchmark: for each model, the median time of one panel update (model + chart data)
over 100,000 synthetic people, beside the same work as a per-row Python loop, and the ratio.

    .venv/bin/python benchmarks/bench_scoring_lab.py [--repeats 50]

Every ``benchmarks/lab_<model>.py`` exposes ``setup() -> (vectorized_update, loop_update)``.
Targets (issue 4): <= 20 ms median per update, >= 50x the loop. Prints a table; not a test.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from common import median_ms  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args()
    print(f"{'model':<16}{'vectorized ms':>15}{'loop ms':>12}{'speed-up':>10}  targets: <= 20 ms, >= 50x")
    for path in sorted(HERE.glob("lab_*.py")):
        vectorized, loop = importlib.import_module(path.stem).setup()
        vec = median_ms(vectorized, args.repeats)
        slow = median_ms(loop, max(3, args.repeats // 10))
        verdict = "ok" if vec <= 20 and slow / vec >= 50 else "MISSED"
        print(f"{path.stem[4:]:<16}{vec:>15.2f}{slow:>12.1f}{slow / vec:>9.0f}x  {verdict}")


if __name__ == "__main__":
    main()
