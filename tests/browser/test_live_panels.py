"""The live panels as a keyboard or screen-reader user meets them, on the live pages (not exports).

- axe-core (the pinned axe-playwright-python) on the Voila sandbox and on each notebook's panels in
  JupyterLab, scoped to the kit's panels: no critical and no serious violation;
- the check can fail: a control without a name, injected into a live panel, is reported;
- every control has an accessible name saying what it sets, and sliders, number boxes and lists
  say their unit: "Cut-off (toy score points)";
- the result sentence is in a polite live region (role=status) and changes when a control moves.
Each axe run is saved to tests/artifacts/axe/live-NAME.json.
"""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from . import axe_report, jlab
from .axe_report import BLOCKING, blocking

pytestmark = pytest.mark.browser


ROOT = Path(__file__).resolve().parents[2]
PANEL_WIDGET = "widgets.panels.live.PanelWidget"
SANDBOX = "notebooks/sandbox.ipynb"
CONTROL = re.compile(r'^\s*- (slider|spinbutton|combobox|checkbox|radio|button)(?: "([^"]*)")?', re.MULTILINE)
NEEDS_UNIT = ("slider", "spinbutton", "combobox")


def live_panels(path: Path) -> int:
    """How many live panels a committed notebook saved in its widget state."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    state = nb.get("metadata", {}).get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    return sum(m.get("state", {}).get("_anywidget_id") == PANEL_WIDGET for m in state.get("state", {}).values())


NOTEBOOKS = [p for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")) if live_panels(p)]


def run_axe(page: Page, name: str) -> list[dict]:
    """axe-core on every kit panel of the page; returns the violations (saved as an artifact)."""
    return axe_report.run(page, f"live-{name}", context={"include": [[".kit-panel"]]})


def unnamed_or_unitless(page: Page) -> list[str]:
    """Controls of the kit's panels whose accessible name is missing, or lacks its unit."""
    problems = []
    panels = page.locator(".kit-panel")
    for index in range(panels.count()):
        panel = panels.nth(index)
        snapshot = panel.aria_snapshot()
        for role, name in CONTROL.findall(snapshot):
            if not name.strip():
                problems.append(f"panel {index}: a {role} without a name")
            elif role in NEEDS_UNIT and not re.search(r"\([^)]+\)$", name):
                problems.append(f"panel {index}: {role} {name!r} does not say its unit")
    return problems


def wait_panels_ready(page: Page, count: int) -> None:
    page.wait_for_function(
        "(n) => [...document.querySelectorAll('.kit-panel')].filter((p) => p.dataset.kitChart === 'ready').length >= n",
        arg=count, timeout=120_000)


def check_live_region_follows(page: Page) -> None:
    """The first panel with a slider: one arrow key changes the text of its polite live region."""
    panel = page.locator(".kit-panel", has=page.locator("input[type=range]")).first
    region = panel.locator(".kit-key-numbers")
    expect(region).to_have_attribute("role", "status")
    expect(region).to_have_attribute("aria-live", "polite")
    before = region.text_content()
    slider = panel.locator("input[type=range]").first
    slider.scroll_into_view_if_needed()
    slider.focus()
    slider.press("ArrowLeft" if slider.input_value() == slider.get_attribute("max") else "ArrowRight")
    expect(region).not_to_have_text(before or "", timeout=20_000)
    expect(panel).to_have_attribute("data-kit-state", "idle", timeout=20_000)


def test_sandbox_panels_are_accessible_in_voila(page: Page, voila_server: jlab.ServerInfo,
                                                console: jlab.ConsoleErrors, kernel: jlab.KernelWatch) -> None:
    expected = live_panels(ROOT / SANDBOX)
    assert expected >= 2, f"{SANDBOX} saved no live panel"
    try:
        page.goto(voila_server.page_url(SANDBOX), timeout=240_000)
        wait_panels_ready(page, expected)
        assert blocking(run_axe(page, "voila-sandbox")) == []
        assert unnamed_or_unitless(page) == []
        check_live_region_follows(page)
        assert kernel.errors == [] and console.unexpected() == []
    finally:
        with contextlib.suppress(Exception):
            jlab.screenshot(page, "live_voila_sandbox")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_panels_are_accessible_in_jupyterlab(path: Path, page: Page, lab_server: jlab.ServerInfo,
                                                      console: jlab.ConsoleErrors, kernel: jlab.KernelWatch) -> None:
    relpath = str(path.relative_to(ROOT))
    try:
        jlab.open_notebook(page, lab_server, relpath)
        jlab.run_all(page, kernel)
        wait_panels_ready(page, live_panels(path))
        for panel in page.locator(".kit-panel").all():  # JupyterLab renders cells once they are near the screen
            panel.scroll_into_view_if_needed()
        assert blocking(run_axe(page, f"lab-{path.stem}")) == []
        assert unnamed_or_unitless(page) == []
        if page.locator(".kit-panel input[type=range]").count():
            check_live_region_follows(page)
        assert jlab.error_outputs(page) == [] and kernel.errors == [] and console.unexpected() == []
    finally:
        with contextlib.suppress(Exception):
            jlab.screenshot(page, f"live_lab_{path.stem}")
        jlab.delete_sessions(lab_server, relpath)


def test_the_checks_catch_an_unnamed_control(page: Page, voila_server: jlab.ServerInfo) -> None:
    """A slider and a number box with no label, injected into a live panel, fail both checks."""
    page.goto(voila_server.page_url(SANDBOX), timeout=240_000)
    wait_panels_ready(page, 1)
    page.evaluate("""() => {
        const controls = document.querySelector('.kit-panel .kit-controls');
        controls.insertAdjacentHTML('beforeend',
          '<div class="kit-control"><input type="range" min="0" max="10" value="3">'
          + '<input type="number" value="4"></div>');
    }""")
    found = {v["id"] for v in run_axe(page, "_self_check") if v["impact"] in BLOCKING}
    assert "label" in found
    assert any("without a name" in problem for problem in unnamed_or_unitless(page))


def test_quiz_works_from_the_keyboard_in_jupyterlab(page: Page, lab_server: jlab.ServerInfo,
                                                    console: jlab.ConsoleErrors, kernel: jlab.KernelWatch) -> None:
    """Notebook 00's pre-check: Space chooses an answer, the arrow keys change it, Enter on the button
    checks; the numbers (a live region) and the feedback follow, with no mouse."""
    relpath = "notebooks/00_start_here.ipynb"
    try:
        jlab.open_notebook(page, lab_server, relpath)
        jlab.run_all(page)
        panel = page.locator(".kit-quiz-panel")
        wait_panels_ready(page, 1)
        panel.scroll_into_view_if_needed()
        numbers = panel.locator(".kit-key-numbers")
        expect(numbers).to_contain_text("Answered 0 of")
        first = panel.locator("fieldset.kit-radio").first
        first.locator("input[type=radio]").first.focus()
        page.keyboard.press("Space")
        expect(numbers).to_contain_text("Answered 1 of", timeout=20_000)
        page.keyboard.press("ArrowRight")  # a radio group: the next answer, still one answered
        expect(first.locator("input[type=radio]").nth(1)).to_be_checked()
        check = panel.get_by_role("button", name="Check my answers")
        check.focus()
        page.keyboard.press("Enter")
        expect(numbers).to_contain_text("Right:", timeout=20_000)
        expect(panel.locator(".kit-slot").first).not_to_be_empty()
        expect(panel).to_have_attribute("data-kit-state", "idle")
        assert kernel.errors == [] and console.unexpected() == []
    finally:
        with contextlib.suppress(Exception):
            jlab.screenshot(page, "live_lab_quiz_keyboard")
        jlab.delete_sessions(lab_server, relpath)
