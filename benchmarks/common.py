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


def print_ratio(fast_ms: float, slow_ms: float) -> None:
    """The lab scripts' three lines: the vectorized update, the per-row loop and their ratio, with targets."""
    print(f"  vectorized model + chart data (median) : {fast_ms:9.2f} ms  (target <= 20 ms)")
    print(f"  per-row Python loop (median)           : {slow_ms:9.2f} ms")
    print(f"  speed-up                               : {slow_ms / fast_ms:9.1f} x  (target >= 50 x)")


def notebook_run(path: Path, setup: str = "") -> tuple[float, float]:
    """Execute a notebook in a fresh kernel; return (seconds from kernel start to last cell, kernel peak MB).

    ``setup``: code run in the kernel before the first cell (not timed), e.g. to try a change.
    """
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    with client.setup_kernel():
        if setup:
            _run_code(client, setup)
        start = time.perf_counter()
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        elapsed = time.perf_counter() - start
        peak_kb = int(_run_code(client, "import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"))
    return elapsed, peak_kb / 1024


def _run_code(client: NotebookClient, code: str) -> str:
    """Run ``code`` in the client's kernel; return what it printed (stdout)."""
    cell = nbformat.v4.new_code_cell(code)
    client.nb.cells.append(cell)  # nbclient stores the executed cell back at its index
    try:
        client.execute_cell(cell, len(client.nb.cells) - 1)
    finally:
        client.nb.cells.pop()
    errors = [o for o in cell.outputs if o.get("output_type") == "error"]
    if errors:
        raise RuntimeError(f"{errors[0]['ename']}: {errors[0]['evalue']}")
    return "".join(o.get("text", "") for o in cell.outputs if o.get("name") == "stdout")


_TOP = """\
import tracemalloc as _tm
_snap = _tm.take_snapshot().filter_traces([_tm.Filter(False, "<frozen importlib._bootstrap*>"), _tm.Filter(False, _tm.__file__)])
for _s in _snap.statistics("lineno")[:{n}]:
    _f = _s.traceback[0]
    print(f"{{_s.size / 2**20:7.1f}} MB  {{_f.filename.split('site-packages/')[-1].split('/issue-')[-1]}}:{{_f.lineno}}")
"""


def run_with_probes(path: Path, steps: list[str], probe: str, *, only_steps: bool = False,
                    tracemalloc_top: int = 0):
    """Run ``steps`` (code strings) or the notebook's cells in a fresh kernel, ``probe`` after each.

    ``probe`` prints two numbers in kB (current and peak RSS). Returns the readings in MB as
    ``[(rss, peak)]`` for steps, or ``([(rss, peak, first line)], top)`` for cells, where ``top``
    lists tracemalloc's largest live allocations at the end (when ``tracemalloc_top`` > 0).
    """
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})

    def read() -> tuple[float, float]:
        rss, peak = (int(x) / 1024 for x in _run_code(client, probe).split())
        return rss, peak

    with client.setup_kernel():
        if only_steps:
            readings = []
            for code in steps:
                _run_code(client, code)
                readings.append(read())
            return readings
        if tracemalloc_top:
            _run_code(client, "import tracemalloc; tracemalloc.start()")
        readings = []
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
            if cell.cell_type == "code":
                readings.append((*read(), cell.source.strip().splitlines()[0] if cell.source.strip() else ""))
        top = _run_code(client, _TOP.format(n=tracemalloc_top)).splitlines() if tracemalloc_top else []
    return readings, top
