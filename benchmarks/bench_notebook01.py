"""Speed and memory of notebook 01 (issue 2's targets). Prints figures; it is not a test.

    .venv/bin/python benchmarks/bench_notebook01.py [--repeats 50]

1. One cut-off update over 100,000 synthetic people: the counts plus the chart data
   (``CutoffModel.update``, as the panel calls it), median of N runs; beside the same work
   as a per-row Python loop (given the same precomputed score bins); and the ratio.
   Target: <= 20 ms, >= 50x the loop.
2. The whole update the kernel does for one move of the panel's slider (model, numbers, the
   chart's rows as the front-end receives them); benchmarks/bench_browser.py times what the
   reader waits for in the browser.
3. Executing notebooks/01_origins.ipynb in a fresh kernel: wall time, and the kernel's
   peak resident memory (ru_maxrss). Target: <= 300 MB.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, median_ms, notebook_run  # noqa: E402
from reference_loops import cutoff_counts  # noqa: E402

from widgets import panels  # noqa: E402
from widgets.models import fico, population  # noqa: E402


WEIGHTS = {"payment_history": 35, "amounts_owed": 30, "length_of_history": 15, "credit_mix": 10, "new_credit": 10}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument("--notebook-runs", type=int, default=3)
    args = parser.parse_args()

    people = population.synthetic_borrowers(n=100_000)
    scores = fico.fico_style_score(people, WEIGHTS)
    repays = people["repays"]
    cutoffs = iter(np.tile(np.arange(500, 760, 10), 1000))

    model = fico.CutoffModel(scores, repays)  # the panel prepares its population once, too

    def vectorized():
        return model.update(float(next(cutoffs)))

    panel = panels.CutoffPanel(scores, repays, fico.ScoreScale(300, 850))

    def full_update():
        panel.set(cutoff=int(next(cutoffs)))

    score_list, repay_list = scores.tolist(), repays.tolist()
    bin_list = np.clip(((scores.to_numpy() - 300) // 10).astype(int), 0, 54).tolist()
    vec = median_ms(vectorized, args.repeats)
    loop = median_ms(lambda: cutoff_counts(score_list, repay_list, bin_list, float(next(cutoffs))),
                     max(5, args.repeats // 10))
    full = median_ms(full_update, max(10, args.repeats // 2))
    print("Cut-off update over 100,000 synthetic people (median)")
    print(f"  vectorized counts + chart data : {vec:8.2f} ms   (target <= 20 ms)")
    print(f"  per-row Python loop            : {loop:8.2f} ms")
    print(f"  speed-up                       : {loop / vec:8.1f} x  (target >= 50 x)")
    print(f"  whole panel update (kernel)    : {full:8.2f} ms")

    path = ROOT / "notebooks" / "01_origins.ipynb"
    runs = [notebook_run(path) for _ in range(args.notebook_runs)]
    print(f"Notebook 01 (student copy) in a fresh kernel, {len(runs)} runs")
    print(f"  execution time (median)        : {statistics.median(r[0] for r in runs):8.2f} s")
    print(f"  kernel peak memory (max)       : {max(r[1] for r in runs):8.1f} MB  (target <= 300 MB)")


if __name__ == "__main__":
    main()
