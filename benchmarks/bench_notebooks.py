"""Every notebook in a fresh kernel: execution time and the kernel's peak memory (a table; not a test).

    .venv/bin/python benchmarks/bench_notebooks.py [--runs 1]
    .venv/bin/python benchmarks/bench_notebooks.py --imports          # what importing costs a kernel
    .venv/bin/python benchmarks/bench_notebooks.py --cells 06 03      # memory after each cell, and
                                                                      # the largest Python allocations
    .venv/bin/python benchmarks/bench_notebooks.py --variants         # peak with savings tried out

Targets: all student copies together <= 60 s; each kernel <= 200 MB (all nine student notebooks
open at once inside mybinder.org's 2 GB).

Memory is the kernel's resident set size (RSS, /proc/self/status): ``peak`` is VmHWM, the most it
ever held. ``--variants`` runs the student copies with a change applied in the kernel before
the first cell (monkeypatching the kit there; nothing in widgets/ changes), so each proposed
saving is measured before it is built:

- ``no-svg``: charts are sent without their static SVG copy, so vl-convert's JavaScript runtime
  never starts (what live kernels would do if the SVG were made only at build and test time);
- ``no-validation``: the data package is not validated with frictionless on first load (what a
  kernel would do if validation ran at build and test time, or once per data version);
- ``chunked-draws``: the behaviour model (06, sandbox) makes its random draws period by period
  into float32, the same numbers without the float64 temporaries;
- ``all three``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, notebook_run, run_with_probes  # noqa: E402

RSS = ("import re as _re; _m = dict(_re.findall(r'(VmRSS|VmHWM):\\s+(\\d+)', open('/proc/self/status').read()));"
       " print(_m['VmRSS'], _m['VmHWM'])")

VARIANTS = {
    "as is": "",
    "no-svg": (
        "import altair as _alt, widgets.charts as _charts\n"
        "_alt.renderers.register('kit', lambda spec, **o: _charts.kit_renderer(spec, **{**o, 'static': False}))\n"
        "_alt.renderers.enable('kit')\n"),
    "no-validation": "import widgets.data as _data\n_data._validated = lambda folder: True\n",
}
VARIANTS["chunked-draws"] = (
    # the behaviour model's draws made period by period straight into float32 (the same numbers:
    # numpy's generator fills in order), instead of all periods in float64 and then cast
    "import numpy as _np, widgets.behaviour as _b\n"
    "def _chunked(seed, n, periods):\n"
    "    rng = _np.random.default_rng(seed)\n"
    "    aware = _np.sort(rng.random(n))\n"
    "    logit, caught = _np.empty((periods, n), _np.float32), _np.empty((periods, n), _np.float32)\n"
    "    for t in range(periods):\n"
    "        u = rng.random((2, n))\n"
    "        with _np.errstate(divide='ignore'):\n"
    "            logit[t] = _np.log(u[0]) - _np.log1p(-u[0])\n"
    "        caught[t] = u[1]\n"
    "    for a in (aware, logit, caught):\n"
    "        a.flags.writeable = False\n"
    "    return _b.Draws(aware, logit, caught)\n"
    "_b._make_draws = _chunked\n")
VARIANTS["all three"] = VARIANTS["no-svg"] + VARIANTS["no-validation"] + VARIANTS["chunked-draws"]

IMPORT_STEPS = [
    ("kernel started", "pass"),
    ("import numpy", "import numpy"),
    ("import pandas", "import pandas"),
    ("import altair", "import altair"),
    ("import ipywidgets", "import ipywidgets"),
    ("import otter", "import otter"),
    ("import widgets.charts (imports vl_convert)", "import widgets.charts"),
    ("first chart's SVG (vl-convert's JS runtime starts)",
     "import vl_convert as vlc; vlc.vegalite_to_svg({'mark': 'point', 'data': {'values': [{'a': 1}]},"
     " 'encoding': {'x': {'field': 'a', 'type': 'quantitative'}}}, vl_version='5.20')"),
    ("import frictionless", "import frictionless"),
    ("data package validated (widgets.data.load)", "import widgets.data; widgets.data.load('sources')"),
    ("every kit module imported", "import importlib, pkgutil, widgets\n"
     "[importlib.import_module(f'widgets.{m.name}') for m in pkgutil.walk_packages(widgets.__path__)"
     " if m.name.split('.')[0] not in ('build', 'export', 'grading')]"),
]


def student_copies() -> list[Path]:
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def pick(prefixes: list[str]) -> list[Path]:
    paths = student_copies() + [ROOT / "notebooks" / "sandbox.ipynb"]
    return [p for p in paths if any(p.stem.startswith(x) for x in prefixes)]


def table(runs: int) -> None:
    others = sorted((ROOT / "notebooks").glob("sandbox.ipynb")) + sorted(
        (ROOT / "instructor" / "solutions").glob("[0-9][0-9]_*.ipynb"))
    print(f"{'notebook':<52}{'seconds':>9}{'peak MB':>9}")
    totals = {}
    for group, paths in (("student copies", student_copies()), ("sandbox and solution copies", others)):
        total = 0.0
        for path in paths:
            results = [notebook_run(path) for _ in range(runs)]
            seconds, peak = statistics.median(r[0] for r in results), max(r[1] for r in results)
            total += seconds
            print(f"{str(path.relative_to(ROOT)):<52}{seconds:>9.2f}{peak:>9.1f}")
        totals[group] = total
    for group, total in totals.items():
        print(f"total, {group}: {total:.1f} s")


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


def variants() -> None:
    names = list(VARIANTS)
    print(f"{'peak MB':<28}" + "".join(f"{n:>15}" for n in names))
    # each variant in its own fresh kernel; the kit is imported from this repository
    peaks = {n: [] for n in names}
    for path in student_copies() + [ROOT / "notebooks" / "sandbox.ipynb"]:
        row = []
        for name in names:
            _, peak = notebook_run(path, setup=VARIANTS[name])
            peaks[name].append(peak)
            row.append(peak)
        print(f"{path.stem:<28}" + "".join(f"{p:>15.0f}" for p in row))
    print(f"{'max':<28}" + "".join(f"{max(peaks[n]):>15.0f}" for n in names))
    print(f"{'sum, all at once':<28}" + "".join(f"{sum(peaks[n]):>15.0f}" for n in names))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=1, help="runs per notebook (the median time is shown)")
    parser.add_argument("--imports", action="store_true", help="RSS of a fresh kernel after each import")
    parser.add_argument("--cells", nargs="+", metavar="NN", help="RSS after each cell of these notebooks")
    parser.add_argument("--variants", action="store_true", help="peak per student notebook with savings tried")
    args = parser.parse_args()
    if args.imports:
        imports()
    elif args.cells:
        cells(args.cells)
    elif args.variants:
        variants()
    else:
        table(args.runs)


if __name__ == "__main__":
    main()
