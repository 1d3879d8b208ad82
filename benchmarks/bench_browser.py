"""What a student waits for: key press or drag -> numbers and chart redrawn, in a real browser.

    .venv/bin/python benchmarks/bench_browser.py                      # every panel, JupyterLab + Voila
    .venv/bin/python benchmarks/bench_browser.py --hosts lab --notebooks 01 --panels kit-cutoff-panel

For each panel of each notebook (JupyterLab, after Run All) and of the sandbox (Voila): focus
its first control, press a key 20 times (10 steps one way, 10 back; one step at a time, each
drawn before the next) and drag it once (about 40 pointer moves at display rate). A
MutationObserver in the page notes when the panel's numbers (``.kit-key-numbers``) and chart
(``.kit-chart``) change; each change is timed at the next animation frame (the frame that shows
it). One step's latency is from the key event that changed the control to the last such frame
(the ``keydown`` for a slider, a menu or Enter on a button; the ``keyup`` for Space on a box or a
radio, which the browser ticks on the key's release); the drag's is from
the last pointer move that changed the value (a native range's last ``input`` event; a noUiSlider's
release) to the last frame: a queue of stale updates would show up here.

Beside it: the model-only time of the same update, measured in this process (median of 100),
and the ratio; and the floor: the same steps on a minimal widget added at the end of the same page
(a copy of the notebook, removed afterwards; ``--no-floor`` skips it), so that what the host costs
any widget and what the panel adds above it are told apart.
Most steps are drawn from the results the kernel sent one key press ahead (``widgets/panels/ahead.py``),
before its answer arrives: ``ahead`` counts those steps, ``kernel`` is the median of the others
(a key the kernel did not look ahead for: a value it refuses, or one past its budget).
Targets (issue 15): median <= 30 ms, p95 <= 50 ms per panel; drag <= 100 ms.
Prints a table (and ``--json FILE`` writes the raw figures); it is a benchmark, not a test.
Timings depend on the machine's load: the first line prints ``uptime``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Locator, Page, sync_playwright  # noqa: E402

from tests.browser import jlab  # noqa: E402

QUIET_MS = 300          # no change in the panel for this long: the update is over
FLOOR_PANEL = "kit-floor-panel"
FLOOR_PREFIX = "_bench_floor_"   # the copy of a notebook with the floor cell (git ignores notebooks/_bench_*)
# The floor: the least any widget can cost in this page. One labelled range input whose value the kernel
# doubles into a line of text: no model, no chart, no kit code, the same page around it. What a panel
# takes above it is the panel's own cost; the floor itself is the host's (its kernel messages, its
# re-rendering on every busy/idle, its frames).
FLOOR_SOURCE = '''# Added by benchmarks/bench_browser.py (not part of the kit): the floor widget.
import anywidget
import traitlets


class BenchFloor(anywidget.AnyWidget):
    _esm = """
    export default { render({ model, el }) {
      const root = document.createElement("section");
      root.className = "kit-panel kit-floor-panel";
      root.dataset.kitState = "idle"; root.dataset.kitChart = "ready";
      const label = document.createElement("label"); label.textContent = "Floor value"; label.htmlFor = "bench-floor";
      const range = Object.assign(document.createElement("input"),
                                  { type: "range", id: "bench-floor", min: 0, max: 100, step: 1, value: 50 });
      const out = document.createElement("div"); out.className = "kit-key-numbers"; out.setAttribute("role", "status");
      root.append(label, range, out); el.append(root);
      range.addEventListener("keydown", (event) => event.stopPropagation());
      range.addEventListener("input", () => {
        root.dataset.kitState = "busy"; model.set("value", Number(range.value)); model.save_changes(); });
      model.on("change:doubled", () => {
        out.textContent = "Doubled: " + model.get("doubled"); root.dataset.kitState = "idle"; });
    } };
    """
    value = traitlets.Int(50).tag(sync=True, echo_update=False)   # as the panels: no echo of what the page sent
    doubled = traitlets.Int(100).tag(sync=True)

    @traitlets.observe("value")
    def _double(self, change):
        self.doubled = 2 * change["new"]


BenchFloor()
'''
STEP_TIMEOUT_S = 15.0
TARGET_MEDIAN, TARGET_P95, TARGET_DRAG = 30.0, 50.0, 100.0

# Installed once per panel: records the frame after each change of the numbers / the chart,
# and the time stamps of key presses and pointer moves inside the panel.
INSTRUMENT = """(selector) => {
  const panel = document.querySelector(selector);
  if (!panel) throw new Error('no panel ' + selector);
  const rec = {panel, numbers: [], numbersBusy: [], chart: [], keys: [], ups: [], causes: [], moves: []};
  const atFrame = (list) => requestAnimationFrame(() => list.push(performance.now()));
  new MutationObserver((mutations) => {
    let numbers = false, chart = false;
    for (const m of mutations) {
      const node = m.target.nodeType === 1 ? m.target : m.target.parentElement;
      if (!node) continue;
      if (node.closest('.kit-key-numbers')) numbers = true;
      else if (node.closest('.kit-chart')) chart = true;
    }
    if (numbers) {
      // drawn while the panel still waits for the kernel: a result sent ahead (widgets/panels/ahead.py)
      rec.numbersBusy.push(panel.dataset.kitState === 'busy');
      atFrame(rec.numbers);
    }
    if (chart) atFrame(rec.chart);
  }).observe(panel, {subtree: true, childList: true, characterData: true, attributes: true});
  panel.addEventListener('keydown', (e) => rec.keys.push(e.timeStamp), true);
  panel.addEventListener('keyup', (e) => rec.ups.push(e.timeStamp), true);
  // what a key did to a control: a range or menu moves on keydown (input), a box or radio is ticked on
  // the release of Space (click, then input/change), a button is pressed by Enter's keydown (click)
  for (const type of ['input', 'change', 'click']) panel.addEventListener(type, (e) => rec.causes.push(e.timeStamp), true);
  // a drag's last change: the last input event of a native range, or the release of a noUiSlider
  // (ipywidgets sends its value on release when continuous_update is off)
  panel.addEventListener('input', (e) => rec.moves.push(e.timeStamp), true);
  panel.addEventListener('pointerup', (e) => {
    if (e.target.closest('.noUi-target')) rec.moves.push(e.timeStamp);
  }, true);
  (window.__kitBench = window.__kitBench || {})[selector] = rec;
}"""

# The state of one panel's record. ``key`` is the key event that changed the control: the last
# keydown, or the keyup after it when the change came on the key's release (Space on a box).
SNAP_JS = """(selector) => {
  const rec = window.__kitBench[selector];
  const last = (list) => list[list.length - 1] ?? -1;
  const down = last(rec.keys);
  const cause = rec.causes.find((t) => t >= down);
  const key = cause === undefined ? down : Math.max(down, ...rec.ups.filter((t) => t >= down && t <= cause));
  return {now: performance.now(), numbers: last(rec.numbers), chart: last(rec.chart),
          nNumbers: rec.numbers.length, nChart: rec.chart.length, key, move: last(rec.moves),
          numbersBusy: rec.numbersBusy, state: rec.panel.dataset.kitState ?? null};
}"""
SNAPSHOT = f"(selector) => ({SNAP_JS})(selector)"

# Waits in the page, polling the record with a timer (no round trip to Python and no document-wide
# query while a step is drawn, which would take the page's main thread from the panel).
SETTLED = f"""async ([selector, before, event, quietMs, timeoutMs]) => {{
  const snap = {SNAP_JS};
  const start = performance.now();
  while (performance.now() - start < timeoutMs) {{
    await new Promise((resolve) => setTimeout(resolve, 25));
    const now = snap(selector);
    const numbers = now.nNumbers > before.nNumbers, chart = now.nChart > before.nChart;
    const changed = now.state !== null ? (numbers || chart) : (numbers && chart);
    const last = Math.max(now.numbers, now.chart);
    const fresh = now[event] > before[event] && last > now[event];
    const idle = now.state === null || now.state === 'idle';
    if (changed && fresh && idle && now.now - last >= quietMs) return now;
  }}
  return null;
}}"""

# The control the benchmark moves: a native range input (the kit's front-end) or a noUiSlider
# handle (ipywidgets' sliders, the design before issue 15). Returns [x, y, min, max, value].
CONTROL = """(selector) => {
  const panel = document.querySelector(selector);
  const range = panel.querySelector('input[type=range]');
  if (range) {
    const box = range.getBoundingClientRect();
    const [min, max, value] = [+range.min, +range.max, +range.value];
    return {kind: 'range', x: box.left + 8 + (box.width - 16) * (value - min) / (max - min),
            y: box.top + box.height / 2, width: box.width, min, max, value};
  }
  const handle = panel.querySelector('.noUi-handle');
  if (handle) {
    const box = handle.getBoundingClientRect();
    const base = handle.closest('.noUi-target').getBoundingClientRect();
    return {kind: 'nouislider', x: box.left + box.width / 2, y: box.top + box.height / 2, width: base.width,
            min: +handle.getAttribute('aria-valuemin'), max: +handle.getAttribute('aria-valuemax'),
            value: +handle.getAttribute('aria-valuenow')};
  }
  return null;
}"""


@dataclass
class PanelFigures:
    """The figures of one panel in one host."""

    host: str
    notebook: str
    panel: str
    steps: list[float] = field(default_factory=list)      # ms, key press -> numbers and chart drawn
    numbers: list[float] = field(default_factory=list)    # ms, key press -> numbers drawn
    chart: list[float] = field(default_factory=list)      # ms, key press -> chart drawn
    early: list[bool] = field(default_factory=list)       # per step: drawn before the kernel answered
    drag: float | None = None                             # ms, last change of a drag -> last frame
    timeouts: int = 0
    model_ms: float | None = None


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation, as numpy's default."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * q / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


# ------------------------------------------------------------------------------ in the page


def wait_settled(page: Page, selector: str, before: dict, event: str) -> dict | None:
    """Wait until the panel redrew after the last ``event`` ("key" or "move") and has been quiet for
    ``QUIET_MS`` (a live panel must also read ``data-kit-state="idle"``); None on time-out.

    A live panel counts when its numbers or its chart changed; an ipywidgets panel (the design
    before issue 15) only when both did, since its chart is re-embedded after the numbers.
    The wait runs in the page (``SETTLED``), so that the benchmark does not query the page while it draws.
    """
    return page.evaluate(SETTLED, [selector, before, event, QUIET_MS, STEP_TIMEOUT_S * 1000])


def wait_idle(page: Page, selector: str) -> None:
    """After a key that is not timed: wait until the panel has drawn the kernel's answer."""
    page.wait_for_function("(s) => (document.querySelector(s).dataset.kitState ?? 'idle') === 'idle'",
                           arg=selector, timeout=STEP_TIMEOUT_S * 1000)
    page.wait_for_timeout(QUIET_MS)


def key_steps(page: Page, selector: str, steps: int) -> list[tuple[Locator, str, bool]]:
    """The key presses of the single steps: (where, key, timed). Sliders step 10 one way and back;
    the quiz answers statements then alternates "Check" and a changed answer; the fact check picks
    a claim and a verdict (not timed) and presses "Check" (timed); otherwise a checkbox toggles."""
    panel = page.locator(selector)
    if panel.locator("input[type=range], .noUi-handle").count():
        control = page.evaluate(CONTROL, selector)
        target = panel.locator("input[type=range], .noUi-handle").first
        first, back = ("ArrowRight", "ArrowLeft") if control["max"] - control["value"] >= control["value"] - control["min"] \
            else ("ArrowLeft", "ArrowRight")
        return [(target, first, True)] * (steps // 2) + [(target, back, True)] * (steps - steps // 2)
    if "kit-quiz-panel" in selector:
        groups = panel.locator("fieldset.kit-radio")
        answer = [(groups.nth(i).locator("input[type=radio]").first, "Space", True)
                  for i in range(min(groups.count(), steps // 2))]
        check = panel.get_by_role("button", name="Check my answers")
        change = groups.nth(0).locator("input[type=radio]").first
        out, turn = list(answer), 0   # from the first answer: the next, then the last (always a change)
        while len(out) < steps:
            out += [(check, "Enter", True), (change, ("ArrowRight", "ArrowLeft")[turn % 2], True)]
            turn += 1
        return out[:steps]
    if "kit-factcheck-panel" in selector:
        claim = panel.locator("select").first
        verdict = panel.locator("fieldset.kit-radio input[type=radio]").first
        check = panel.get_by_role("button", name="Check my verdict")
        claims = claim.locator("option").count()
        out = []
        for i in range(min(steps, claims)):
            if i:
                out.append((claim, "ArrowDown", False))
            out += [(verdict, "Space", False), (check, "Enter", True)]
        return out
    box = panel.locator("input[type=checkbox]").first
    return [(box, "Space", True)] * steps


def measure_panel(page: Page, figures: PanelFigures, steps: int, drag: bool) -> None:
    """Single key steps, then one drag on the panel's first slider (if it has one)."""
    selector = f".{figures.panel}"
    page.locator(selector).scroll_into_view_if_needed()
    page.evaluate(INSTRUMENT, selector)
    page.wait_for_timeout(QUIET_MS)
    for target, key, timed in key_steps(page, selector, steps):
        if not timed:
            target.press(key)
            wait_idle(page, selector)
            continue
        if not page.evaluate("(el) => el === document.activeElement", target.element_handle()):
            target.focus()
            # a person's key press follows the focus by far more than this; JupyterLab's work on a focus
            # change (the active cell, its toolbar) is not the key's
            page.wait_for_timeout(QUIET_MS)
        before = page.evaluate(SNAPSHOT, selector)
        page.keyboard.press(key)
        snap = wait_settled(page, selector, before, "key")
        if snap is None:
            figures.timeouts += 1
            continue
        if snap["nNumbers"] > before["nNumbers"]:
            figures.numbers.append(snap["numbers"] - snap["key"])
        if snap["nChart"] > before["nChart"]:
            figures.chart.append(snap["chart"] - snap["key"])
        figures.steps.append(max(snap["numbers"], snap["chart"]) - snap["key"])
        busy = snap["numbersBusy"]
        figures.early.append(len(busy) > before["nNumbers"] and bool(busy[before["nNumbers"]]))
    control = page.evaluate(CONTROL, selector)
    if not drag or control is None:
        return
    target = page.locator(f"{selector} input[type=range], {selector} .noUi-handle").first
    target.scroll_into_view_if_needed()
    control = page.evaluate(CONTROL, selector)
    before = page.evaluate(SNAPSHOT, selector)
    direction = 1 if control["max"] - control["value"] >= control["value"] - control["min"] else -1
    x, y, distance, moves = control["x"], control["y"], 0.35 * control["width"], 40
    page.mouse.move(x, y)
    page.mouse.down()
    for i in range(1, moves + 1):
        page.mouse.move(x + direction * distance * i / moves, y)
        page.wait_for_timeout(16)
    page.mouse.up()
    snap = wait_settled(page, selector, before, "move")
    if snap is None:
        figures.timeouts += 1
        return
    figures.drag = max(snap["numbers"], snap["chart"]) - snap["move"]


# ------------------------------------------------------------------------------ hosts


def panels_on_page(page: Page) -> list[str]:
    """The css class naming each kit panel on the page (``kit-<name>-panel``), in page order."""
    return page.evaluate("""() => [...document.querySelectorAll('.kit-panel')].map(
        (p) => [...p.classList].find((c) => /^kit-.+-panel$/.test(c) && c !== 'kit-panel')).filter(Boolean)""")


PANELS_READY = """() => { const panels = [...document.querySelectorAll('.kit-panel')];
    return panels.every((p) => p.dataset.kitChart === 'ready' || p.querySelector('.vega-embed svg')); }"""


def open_in_lab(page: Page, server: jlab.ServerInfo, relpath: str) -> None:
    jlab.open_notebook(page, server, relpath)
    jlab.run_all(page, timeout_ms=240_000)
    for panel in page.locator(".kit-panel").all():   # JupyterLab draws outputs near the screen
        panel.scroll_into_view_if_needed()
    page.wait_for_function(PANELS_READY, timeout=120_000)
    page.wait_for_timeout(1500)


def open_in_voila(page: Page, server: jlab.ServerInfo, relpath: str) -> None:
    page.goto(server.page_url(relpath), timeout=240_000)
    page.locator(".kit-panel").first.wait_for(timeout=240_000)
    page.wait_for_function(PANELS_READY, timeout=120_000)
    page.wait_for_timeout(1500)


@contextlib.contextmanager
def browser_page() -> Iterator[Page]:
    with sync_playwright() as playwright:
        browser = jlab.launch_chromium(playwright)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        errors = jlab.ConsoleErrors()
        errors.attach(page)
        try:
            yield page
        finally:
            if errors.unexpected():
                print("console errors:\n  " + "\n  ".join(errors.unexpected()[:5]), file=sys.stderr)
            context.close()
            browser.close()


@contextlib.contextmanager
def with_floor(relpath: str) -> Iterator[str]:
    """A copy of the notebook, beside it, with the floor widget's cell at the end (removed afterwards)."""
    source = ROOT / relpath
    copy = source.with_name(FLOOR_PREFIX + source.name)
    notebook = json.loads(source.read_text(encoding="utf-8"))
    notebook["cells"].append({"cell_type": "code", "execution_count": None, "id": "bench-floor", "metadata": {},
                              "outputs": [], "source": FLOOR_SOURCE})
    copy.write_text(json.dumps(notebook), encoding="utf-8")
    try:
        yield str(copy.relative_to(ROOT))
    finally:
        copy.unlink(missing_ok=True)


def run_host(kind: str, notebooks: list[str], only: set[str] | None, steps: int, drag: bool,
             floor: bool = True) -> list[PanelFigures]:
    found: list[PanelFigures] = []
    with tempfile.TemporaryDirectory() as tmp, jlab.jupyter_server(kind, ROOT, Path(tmp)) as server:
        for relpath in notebooks:
            with (with_floor(relpath) if floor else contextlib.nullcontext(relpath)) as page_path, \
                    browser_page() as page:
                try:
                    (open_in_lab if kind == "lab" else open_in_voila)(page, server, page_path)
                except Exception as error:  # a benchmark reports what it could measure
                    print(f"  {kind} {relpath}: could not open ({type(error).__name__}: {error})", file=sys.stderr)
                    continue
                for name in panels_on_page(page):
                    if only and name not in only and name != FLOOR_PANEL:
                        continue
                    figures = PanelFigures(kind, Path(relpath).stem, name)
                    try:
                        measure_panel(page, figures, steps, drag and name != FLOOR_PANEL)
                    except Exception as error:
                        print(f"  {kind} {relpath} {name}: {type(error).__name__}: {error}", file=sys.stderr)
                    found.append(figures)
                    print(f"  measured {kind} {relpath} {name}: {len(figures.steps)} steps", file=sys.stderr)
                jlab.delete_sessions(server, page_path)
    return found


# ------------------------------------------------------------------------------ model-only time


def panel_factories() -> dict[str, Callable[[], object]]:
    """Each panel class built as the notebooks build it."""
    from functools import cache

    from widgets import panels
    from widgets.models import fico as scoring
    from widgets.models import lender_fairness, population

    @cache
    def fico() -> tuple:   # as notebook 01 builds them
        weights, scale = scoring.published_weights()
        people = population.synthetic_borrowers(n=100_000, seed=population.BORROWERS_SEED)
        scores = scoring.fico_style_score(people, scoring.weights_from_table(weights), scale)
        return weights, scale, scores, people

    return {
        "kit-toyscore-panel": lambda: panels.ToyScorePanel(*fico()[:2]),
        "kit-cutoff-panel": lambda: panels.CutoffPanel(fico()[2], fico()[3]["repays"], fico()[1]),
        "kit-fairness-panel": lambda: panels.FairnessPanel(
            lender_fairness.synthetic_applicants(fico()[3], fico()[2]), fico()[1]),
        "kit-lists-panel": panels.JointPunishmentPanel, "kit-city-panel": panels.CityPointsPanel,
        "kit-fragmentation-panel": panels.FragmentationPanel, "kit-commercial-panel": panels.CommercialScorePanel,
        "kit-behaviour-panel": panels.RewardsSanctionsPanel, "kit-timeline-panel": panels.TimelinePanel,
        "kit-firm-lists-panel": panels.FirmListsPanel, "kit-courtlist-panel": panels.CourtListPanel,
        "kit-listexperiment-panel": panels.ListExperimentPanel,
        "kit-quiz-panel": panels.MythOrFactPanel, "kit-factcheck-panel": panels.FactCheckPanel,
    }


def model_ms(panel_class: str) -> float | None:
    """Median time of the kernel's computation for one step of the panel's first control (the
    model plus the numbers' text and the chart's rows: ``compute``; sending is not included). The fact
    check's timed step is its Check button: the verdict's feedback and the progress (``_click``)."""
    from widgets.panels import live
    factory = panel_factories().get(panel_class)
    if factory is None:
        return None
    panel = factory()
    if panel_class == "kit-factcheck-panel":
        claims = [v for _, v in panel.control("claim").options]
        times = []
        for i in range(120):
            panel.set(claim=claims[i % len(claims)], verdict=("confirmed", "corrected")[i % 2])
            start = time.perf_counter()
            panel._click("check")
            times.append((time.perf_counter() - start) * 1000)
        return statistics.median(times[20:])
    valued = [c for c in live.walk(panel.controls) if isinstance(c, live.VALUED)]
    control = next((c for kind in (live.Slider, live.Checkbox, live.Radio, live.Select)
                    for c in valued if isinstance(c, kind)), valued[0])   # the control the browser steps
    base = panel.values
    if isinstance(control, live.Slider):
        lo, hi, step = control.min, control.max, control.step
        values = [min(hi, max(lo, control.value + step * i)) for i in (1, 2, 3, 2, 1, 0)]
    elif isinstance(control, live.Checkbox):
        values = [not control.value, control.value]
    else:
        values = [v for _, v in control.options]
    times = []
    for i in range(120):
        vals = {**base, control.name: values[i % len(values)]}
        start = time.perf_counter()
        panel.compute(vals)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times[20:])


# ------------------------------------------------------------------------------ report


def report(rows: list[PanelFigures]) -> None:
    floors = {(r.host, r.notebook): statistics.median(r.steps) for r in rows if r.panel == FLOOR_PANEL and r.steps}
    print(f"{'host':<6}{'notebook':<28}{'panel':<26}{'n':>3}{'median':>8}{'p95':>8}{'max':>8}{'numbers':>9}"
          f"{'drag':>8}{'model':>8}{'ratio':>7}{'+floor':>8}{'ahead':>7}{'kernel':>8}  verdict")
    print(f"{'':<63}{'ms':>8}{'ms':>8}{'ms':>8}{'med ms':>9}{'ms':>8}{'ms':>8}{'':>7}{'ms':>8}{'':>7}{'med ms':>8}")
    for r in rows:
        if not r.steps:
            print(f"{r.host:<6}{r.notebook:<28}{r.panel:<26}  no measurement ({r.timeouts} time-outs)")
            continue
        med, p95, top = statistics.median(r.steps), percentile(r.steps, 95), max(r.steps)
        numbers_med = statistics.median(r.numbers) if r.numbers else float("nan")
        drag = f"{r.drag:8.0f}" if r.drag is not None else f"{'-':>8}"
        model = f"{r.model_ms:8.2f}" if r.model_ms is not None else f"{'-':>8}"
        ratio = f"{med / r.model_ms:6.0f}x" if r.model_ms else f"{'-':>7}"
        floor = floors.get((r.host, r.notebook))
        above = f"{med - floor:8.1f}" if floor is not None and r.panel != FLOOR_PANEL else f"{'-':>8}"
        waited = [t for t, early in zip(r.steps, r.early) if not early]
        early = f"{sum(r.early):>3}/{len(r.steps):<3}" if r.panel != FLOOR_PANEL else f"{'-':>7}"
        kernel = f"{statistics.median(waited):8.1f}" if waited else f"{'-':>8}"
        ok = med <= TARGET_MEDIAN and p95 <= TARGET_P95 and (r.drag is None or r.drag <= TARGET_DRAG) and not r.timeouts
        verdict = "(the floor)" if r.panel == FLOOR_PANEL else "ok" if ok else "MISSED"
        print(f"{r.host:<6}{r.notebook:<28}{r.panel:<26}{len(r.steps):>3}{med:8.1f}{p95:8.1f}{top:8.1f}"
              f"{numbers_med:9.1f}{drag}{model}{ratio}{above}{early}{kernel}  "
              f"{verdict}{f' ({r.timeouts} time-outs)' if r.timeouts else ''}")
    print(f"targets: median <= {TARGET_MEDIAN:g} ms, p95 <= {TARGET_P95:g} ms per key press; "
          f"drag: final state <= {TARGET_DRAG:g} ms after the last move")
    print("n: timed key presses; numbers: key press -> numbers drawn; model: the kernel's compute() for "
          "one step (model, text, chart rows), median of 100; ratio: median wait / model")
    print(f"{FLOOR_PANEL}: a minimal widget added at the end of the same page (one range input; the kernel "
          "doubles its value into a line of text; no model, no chart): what any widget waits for in this host; "
          "+floor: a panel's median minus the floor's, what the panel itself adds")
    print("ahead: steps drawn before the kernel answered, from the results it sent one key press ahead "
          "(widgets/panels/ahead.py); kernel: the median of the other steps, which waited for the kernel")


def default_notebooks() -> list[str]:
    """The student notebooks that show at least one panel (their saved widget state says so)."""
    found = []
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        state = json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("widgets", {})
        if "Panel" in json.dumps(state) or "kit-panel" in json.dumps(state):
            found.append(str(path.relative_to(ROOT)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hosts", nargs="+", default=["lab", "voila"], choices=["lab", "voila"])
    parser.add_argument("--notebooks", nargs="+", help="notebook name prefixes for JupyterLab (default: all)")
    parser.add_argument("--panels", nargs="+", help="only these panel classes, e.g. kit-cutoff-panel")
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--no-drag", action="store_true")
    parser.add_argument("--no-floor", action="store_true", help="do not add the floor widget to each page")
    parser.add_argument("--json", type=Path, help="also write the raw figures to this file")
    args = parser.parse_args()
    print("load:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    notebooks = default_notebooks()
    if args.notebooks:
        notebooks = [n for n in notebooks if any(Path(n).name.startswith(p) for p in args.notebooks)]
    only = set(args.panels) if args.panels else None
    rows: list[PanelFigures] = []
    for host in args.hosts:
        pages = notebooks if host == "lab" else ["notebooks/sandbox.ipynb"]
        rows += run_host(host, pages, only, args.steps, not args.no_drag, not args.no_floor)
    models = {}
    for name in sorted({r.panel for r in rows} - {FLOOR_PANEL}):
        try:
            models[name] = model_ms(name)
        except Exception as error:  # e.g. measuring an older checkout whose panels are not live panels
            print(f"  model time of {name}: not measured ({type(error).__name__}: {error})", file=sys.stderr)
            models[name] = None
    for r in rows:
        r.model_ms = models.get(r.panel)
    report(rows)
    print("load:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in rows], indent=1))


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
