"""Every chart in every committed notebook can be read without seeing it.

A chart output (Vega-Lite v5) must carry a ``description`` sentence in its spec and a
non-empty ``text/plain`` form that repeats it: screen readers, plain-text viewers and the
offline exports (figure captions, see widgets.course.offline) read that text. Charts saved inside
a live panel's widget state are checked too, and so is every live panel saved with its notebook:
its result carries the description sentence and the chart's label repeats it.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from widgets import charts

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "instructor" / "solutions").glob("*.ipynb"))
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def chart_outputs(nb: nbformat.NotebookNode) -> list[tuple[str, dict]]:
    """(where, output data) of every Vega-Lite output: cell outputs and outputs saved in widget state."""
    found = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if charts.VEGALITE_MIME in output.get("data", {}):
                found.append((f"cell {index}", output["data"]))
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    for model_id, model in state.items():
        for output in model.get("state", {}).get("outputs", []) or []:
            if charts.VEGALITE_MIME in output.get("data", {}):
                found.append((f"widget {model_id}", output["data"]))
    return found


def problems(data: dict) -> list[str]:
    """What is missing for a reader who cannot see the chart."""
    spec = data[charts.VEGALITE_MIME]
    description = spec.get("description")
    text = "".join(data.get("text/plain", ""))
    found = []
    if not isinstance(description, str) or len(description.split()) < 4:
        found.append(f"no description sentence in the spec (got {description!r})")
    if not text.strip():
        found.append("empty text/plain")
    elif isinstance(description, str) and description not in text:
        found.append(f"text/plain {text[:60]!r}… does not repeat the description")
    return found


def test_there_are_notebooks_to_check() -> None:
    assert (ROOT / "notebooks" / "01_origins.ipynb") in NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_chart_has_a_text_description(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    outputs = chart_outputs(nb)
    if path.name.startswith("01_"):
        assert len(outputs) >= 3  # notebook 01: weights bar + two static companions (+ live panels)
    failures = {where: p for where, data in outputs if (p := problems(data))}
    assert failures == {}


def live_panel_problems(nb: nbformat.NotebookNode) -> dict[str, list[str]]:
    """What a saved live panel lacks for a reader who cannot see its chart."""
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    found = {}
    for model_id, model in state.items():
        panel = model.get("state", {})
        if panel.get("_anywidget_id") != "widgets.panels.live.PanelWidget":
            continue
        result, problems = panel.get("result", {}), []
        description = result.get("description", "")
        if len(description.split()) < 4:
            problems.append(f"no description sentence (got {description!r})")
        elif description not in result.get("chart_label", ""):
            problems.append("the chart's label does not repeat the description")
        if not result.get("numbers"):
            problems.append("no key numbers")
        if problems:
            found[model_id] = problems
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_live_panel_describes_its_chart(path: Path) -> None:
    assert live_panel_problems(nbformat.read(path, as_version=4)) == {}


def test_the_check_catches_a_chart_without_description() -> None:
    bare = {charts.VEGALITE_MIME: {"mark": "bar", "title": "Something"}, "text/plain": "alt.Chart(...)"}
    assert problems(bare) == ["no description sentence in the spec (got None)"]
    silent = {charts.VEGALITE_MIME: {"mark": "bar", "description": "Bars show four things in order."}}
    assert problems(silent) == ["empty text/plain"]
    stale = {charts.VEGALITE_MIME: {"description": "Bars show four things in order."}, "text/plain": "Chart: x."}
    assert len(problems(stale)) == 1
