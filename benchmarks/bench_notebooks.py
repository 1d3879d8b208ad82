"""Every notebook in a fresh kernel: execution time and the kernel's peak memory (a table; not a test).

    .venv/bin/python benchmarks/bench_notebooks.py [--runs 3] [--students]   # --students: student copies
                                                                             # and the sandbox only
    .venv/bin/python benchmarks/bench_notebooks.py --as-build                # kernels as ./kit build and
                                                                             # the tests run them
    .venv/bin/python benchmarks/bench_notebooks.py --imports                 # what importing costs a kernel
    .venv/bin/python benchmarks/bench_notebooks.py --cells 06 03             # memory after each cell, and
                                                                             # the largest Python allocations

Targets: all student copies together <= 60 s; each kernel <= 200 MB (all nine student notebooks
open at once inside mybinder.org's 2 GB).

Memory is the kernel's resident set size (RSS): ``peak`` is its high-water mark (``ru_maxrss``),
the median over ``--runs`` fresh kernels. Kernels run as a student's (``KIT_BUILD`` unset, see
``widgets/runtime.py``: charts without their SVG, so vl-convert is never imported, and the committed
data not re-validated); ``--as-build`` sets ``KIT_BUILD=1`` as ``./kit build`` and the tests do, to
show what a build's kernel pays on top.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, notebook_run, run_with_probes  # noqa: E402

RSS = ("import re as _re; _m = dict(_re.findall(r'(VmRSS|VmHWM):\\s+(\\d+)', open('/proc/self/status').read()));"
       " print(_m['VmRSS'], _m['VmHWM'])")

IMPORT_STEPS = [
    ("kernel started", "pass"),
    ("import numpy", "import numpy"),
    ("import pandas", "import pandas"),
    ("import altair", "import altair"),
    ("import ipywidgets", "import ipywidgets"),
    ("import otter", "import otter"),
    ("import widgets.charts", "import widgets.charts"),
    ("import widgets.panels (anywidget, the panels)", "import widgets.panels"),
    ("data loaded (a student's kernel: not validated)", "import widgets.data; widgets.data.load('sources')"),
    ("every kit module imported", "import importlib, pkgutil, widgets\n"
     "[importlib.import_module(f'widgets.{m.name}') for m in pkgutil.walk_packages(widgets.__path__)"
     " if m.name.split('.')[0] not in ('build', 'export', 'grading', 'pytest_plugin')]"),
    ("build only: first chart's SVG (vl-convert's JS runtime)",
     "import widgets.charts.theme as _t; _t.svg({'mark': 'point', 'data': {'values': [{'a': 1}]},"
     " 'encoding': {'x': {'field': 'a', 'type': 'quantitative'}}})"),
    ("build only: data validated (frictionless)", "import widgets.data; widgets.data.validate()"),
]


def student_copies() -> list[Path]:
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def pick(prefixes: list[str]) -> list[Path]:
    paths = student_copies() + [ROOT / "notebooks" / "sandbox.ipynb"]
    return [p for p in paths if any(p.stem.startswith(x) for x in prefixes)]


def table(runs: int, students: bool) -> None:
    sandbox = sorted((ROOT / "notebooks").glob("sandbox.ipynb"))
    groups = [("student copies", student_copies()), ("sandbox", sandbox)]
    if not students:
        groups.append(("solution copies", sorted((ROOT / "instructor" / "solutions").glob("[0-9][0-9]_*.ipynb"))))
    kind = "a build's kernels (KIT_BUILD=1)" if os.environ.get("KIT_BUILD") else "a student's kernels"
    print(f"{kind}; median of {runs} run(s) each")
    print(f"{'notebook':<52}{'seconds':>9}{'peak MB':>9}")
    totals, peaks = {}, {}
    for group, paths in groups:
        total = 0.0
        for path in paths:
            results = [notebook_run(path) for _ in range(runs)]
            seconds, peak = statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)
            total += seconds
            peaks[path.stem] = peak
            print(f"{str(path.relative_to(ROOT)):<52}{seconds:>9.2f}{peak:>9.1f}", flush=True)
        totals[group] = total
    for group, total in totals.items():
        print(f"total, {group}: {total:.1f} s")
    open_at_once = [peaks[p.stem] for p in student_copies() + sandbox if p.stem in peaks]
    print(f"largest kernel (student copies and sandbox): {max(open_at_once):.0f} MB; "
          f"all {len(open_at_once)} open at once: {sum(open_at_once):.0f} MB")


def imports() -> None:
    """RSS of one fresh kernel after each import step, in order (each step adds to the last)."""
    steps = [code for _, code in IMPORT_STEPS]
    readings = run_with_probes(ROOT / "notebooks" / "00_start_here.ipynb", steps, RSS, only_steps=True)
    print(f"{'step (cumulative)':<56}{'RSS MB':>8}{'added':>8}")
    previous = None
    for (label, _), (rss, _) in zip(IMPORT_STEPS, readings):
        added = "" if previous is None else f"{rss - previous:+8.0f}"
        print(f"{label:<56}{rss:>8.0f}{added:>8}")
        previous = rss


def cells(prefixes: list[str]) -> None:
    """RSS after each cell and the cells that added most; then, in a second run with tracemalloc
    on (which itself costs memory, so its RSS is not shown), the largest live Python allocations."""
    for path in pick(prefixes):
        readings, _ = run_with_probes(path, [], RSS)
        _, top = run_with_probes(path, [], RSS, tracemalloc_top=10)
        print(f"\n{path.relative_to(ROOT)}: peak {max(r[1] for r in readings):.0f} MB, "
              f"at the end {readings[-1][0]:.0f} MB, {len(readings)} code cells")
        jumps = sorted(((readings[i][1] - (readings[i - 1][1] if i else 0), i) for i in range(len(readings))),
                       reverse=True)[:8]
        print(f"  {'cell':>4}{'RSS MB':>8}{'peak':>8}{'added':>8}  first line")
        for added, i in sorted(jumps, key=lambda x: x[1]):
            print(f"  {i:>4}{readings[i][0]:>8.0f}{readings[i][1]:>8.0f}{added:>+8.0f}  {readings[i][2][:64]}")
        print("  largest live Python allocations at the end (tracemalloc, by line):")
        for line in top:
            print(f"    {line}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=1, help="runs per notebook (the median time is shown)")
    parser.add_argument("--imports", action="store_true", help="RSS of a fresh kernel after each import")
    parser.add_argument("--cells", nargs="+", metavar="NN", help="RSS after each cell of these notebooks")
    parser.add_argument("--students", action="store_true", help="student copies and the sandbox only")
    parser.add_argument("--as-build", action="store_true", help="kernels as a build's (KIT_BUILD=1)")
    args = parser.parse_args()
    if args.as_build:
        os.environ["KIT_BUILD"] = "1"   # the kernels started from here inherit it
    else:
        os.environ.pop("KIT_BUILD", None)
    if args.imports:
        imports()
    elif args.cells:
        cells(args.cells)
    else:
        table(args.runs, args.students)


if __name__ == "__main__":
    main()
