"""Every notebook in a fresh kernel: execution time and the kernel's peak memory (a table; not a test).

    .venv/bin/python benchmarks/bench_notebooks.py [--runs 1]

Targets: all student copies together <= 60 s; each kernel <= 300 MB (mybinder guarantees 1 GB).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, notebook_run  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=1, help="runs per notebook (the median time is shown)")
    args = parser.parse_args()
    student = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    others = sorted((ROOT / "notebooks").glob("sandbox.ipynb")) + sorted(
        (ROOT / "instructor" / "solutions").glob("[0-9][0-9]_*.ipynb"))
    print(f"{'notebook':<52}{'seconds':>9}{'peak MB':>9}")
    totals = {}
    for group, paths in (("student copies", student), ("sandbox and solution copies", others)):
        total = 0.0
        for path in paths:
            runs = [notebook_run(path) for _ in range(args.runs)]
            seconds, peak = statistics.median(r[0] for r in runs), max(r[1] for r in runs)
            total += seconds
            print(f"{str(path.relative_to(ROOT)):<52}{seconds:>9.2f}{peak:>9.1f}")
        totals[group] = total
    for group, total in totals.items():
        print(f"total, {group}: {total:.1f} s")


if __name__ == "__main__":
    main()
