"""The front-end's updates, checked in Vega itself (Node, the committed bundle, panel.js).

A live panel gives its Vega view only what changed (``giveColumns`` in ``widgets/panels/frontend/panel.js``):
a dataset that arrives unchanged is kept, and one that keeps its rows has only its changed values
modified in place. What the view then draws must be what a fresh view given the same rows draws. Each
panel below is stepped through a few settings: one view follows the steps, another is made from the
last setting alone (both compiled as the front-end compiles a skeleton), and their SVG must hold the
same elements (the same size, marks with the same places and labels, the same axes and text). Only
their order may differ: Vega keeps the cells of an aggregate where they were, so a returning mark may
be drawn after its neighbours; replacing every row does that too.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from widgets import panels
from widgets.models import fico as scoring
from widgets.models import lender_fairness, population
from widgets.panels import live

pytestmark = pytest.mark.skipif(shutil.which("node") is None,
                                reason="Node is not installed (only needed to run Vega outside a browser)")

PANEL_JS = live.FRONTEND / "panel.js"
NAMES = ("toy score", "cut-off", "fairness", "joint punishment", "city points", "fragmentation", "commercial",
         "rewards and sanctions", "firm lists", "court list", "list experiment", "timeline")


def _fico_inputs() -> tuple:
    weights, scale = scoring.published_weights()
    people = population.synthetic_borrowers(n=20_000)
    scores = scoring.fico_style_score(people, scoring.weights_from_table(weights), scale)
    return weights, scale, scores, people


def _factories() -> dict[str, Callable[[], live.LivePanel]]:
    weights, scale, scores, people = _fico_inputs()
    return {
        "toy score": lambda: panels.ToyScorePanel(weights, scale),
        "cut-off": lambda: panels.CutoffPanel(scores, people["repays"], scale),
        "fairness": lambda: panels.FairnessPanel(lender_fairness.synthetic_applicants(people, scores), scale),
        "joint punishment": panels.JointPunishmentPanel, "city points": panels.CityPointsPanel,
        "fragmentation": panels.FragmentationPanel, "commercial": panels.CommercialScorePanel,
        "rewards and sanctions": panels.RewardsSanctionsPanel, "firm lists": panels.FirmListsPanel,
        "court list": panels.CourtListPanel, "list experiment": panels.ListExperimentPanel,
        "timeline": panels.TimelinePanel,
    }


def _steps(panel: live.LivePanel) -> list[dict]:
    """The payloads the kernel sends while the panel's first slider (or box) moves a few steps."""
    valued = [c for c in live.walk(panel.controls) if isinstance(c, live.VALUED)]
    control = next((c for kind in (live.Slider, live.Checkbox) for c in valued if isinstance(c, kind)), None)
    assert control is not None, "each panel here has a slider or a box"
    if isinstance(control, live.Slider):
        direction = 1 if control.max - control.value >= control.value - control.min else -1
        values = [control.value + direction * control.step * k for k in (1, 2, 3, 5, 4)]
    else:
        values = [not control.value, control.value, not control.value]
    payloads = [json.loads(json.dumps(panel.widget.result))]
    for value in values:
        assert panel.set(**{control.name: value}), panel.message
        payloads.append(json.loads(json.dumps(panel.widget.result)))
    return payloads


NODE_SCRIPT = r"""
const [bundle, frontend, cases] = process.argv.slice(1);
const lib = await import(bundle);
const { compileSkeleton, giveColumns } = await import(frontend);
const rows = (columns) => { const names = Object.keys(columns);
  return (columns[names[0]] ?? []).map((_, i) => Object.fromEntries(names.map((n) => [n, columns[n][i]]))); };
const out = {};
for (const { name, spec, payloads } of JSON.parse(await (await import("node:fs/promises")).readFile(cases, "utf8"))) {
  const compiled = compileSkeleton(lib, spec);
  const stepped = new lib.View(lib.parse(compiled), { renderer: "none" });
  const given = {};
  let kept = 0, modified = 0;
  for (const payload of payloads) {
    for (const [set, data] of Object.entries(payload.data)) {
      const before = given[set] ? stepped.data(set) : null;
      const changed = giveColumns(stepped, set, given[set], data);
      if (before && changed && stepped.data(set)[0] === before[0]) modified += 1;   // same rows, changed in place
      if (before && !changed) kept += 1;
      given[set] = data;
    }
    for (const [signal, value] of Object.entries(payload.params)) stepped.signal(signal, value);
    await stepped.runAsync();
  }
  const last = payloads[payloads.length - 1];
  const fresh = new lib.View(lib.parse(compiled), { renderer: "none" });
  for (const [set, data] of Object.entries(last.data)) fresh.data(set, rows(data));
  for (const [signal, value] of Object.entries(last.params)) fresh.signal(signal, value);
  await fresh.runAsync();
  // one element per line, sorted: the same elements whatever their order
  const elements = (svg) => svg.replace(/></g, ">\n<").split("\n").sort().join("\n");
  out[name] = { same: elements(await stepped.toSVG()) === elements(await fresh.toSVG()), kept, modified,
                marks: (await fresh.toSVG()).split("<path").length + (await fresh.toSVG()).split("<text").length - 2 };
}
console.log(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    factories = _factories()
    assert tuple(factories) == NAMES
    cases = []
    for name, factory in factories.items():
        panel = factory()
        cases.append({"name": name, "spec": panel.widget.spec, "payloads": _steps(panel)})
    path = Path(tmp_path_factory.mktemp("frontend")) / "cases.json"
    path.write_text(json.dumps(cases), encoding="utf-8")
    result = subprocess.run(["node", "--input-type=module", "-e", NODE_SCRIPT, live.BUNDLE.as_uri(),
                             PANEL_JS.as_uri(), str(path)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("name", NAMES)
def test_a_stepped_view_draws_what_a_fresh_view_draws(drawn: dict[str, dict], name: str) -> None:
    assert drawn[name]["marks"] > 5, "the chart draws marks"
    assert drawn[name]["same"], f"{name}: the view updated in place differs from a fresh one"


def test_most_panels_change_their_rows_in_place(drawn: dict[str, dict]) -> None:
    # rows that keep their number are modified, not replaced
    in_place = sorted(name for name, figures in drawn.items() if figures["modified"])
    assert len(in_place) >= 8, in_place


def test_a_dataset_that_arrives_unchanged_is_kept(drawn: dict[str, dict]) -> None:
    # the firm lists' grid does not move with the dormant share; the view keeps it (and the SVG is still
    # a fresh view's, above)
    assert drawn["firm lists"]["kept"] >= 1
    assert sum(figures["kept"] for figures in drawn.values()) >= 3
