"""Shared timing helpers for the benchmark scripts (they print figures; they are not tests)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent


def median_ms(fn: Callable[[], object], repeats: int) -> float:
    """Median wall time of ``fn()`` in milliseconds over ``repeats`` calls (after one warm-up)."""
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def notebook_run(path: Path) -> tuple[float, float]:
    """Execute a notebook in a fresh kernel; return (seconds from kernel start to last cell, kernel peak MB)."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        elapsed = time.perf_counter() - start
        probe = nbformat.v4.new_code_cell(
            "import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
        nb.cells.append(probe)
        client.execute_cell(probe, len(nb.cells) - 1)
        peak_kb = int(probe.outputs[0]["text"].strip())
    return elapsed, peak_kb / 1024
