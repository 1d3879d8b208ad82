"""The code-free sandbox served by Voilà: every panel renders, and one control in each moves
its numbers and its chart, with no error in the page, the kernel or the console."""

from __future__ import annotations

import contextlib
import json

import pytest
from playwright.sync_api import Page, expect

from . import jlab

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/sandbox.ipynb"
PANELS = ["kit-toyscore-panel", "kit-cutoff-panel", "kit-lists-panel", "kit-city-panel",
          "kit-fragmentation-panel", "kit-commercial-panel", "kit-behaviour-panel", "kit-firm-lists-panel",
          "kit-courtlist-panel", "kit-listexperiment-panel"]


def change_one_control(page: Page, panel) -> str:
    """Move the panel's first slider three steps with the keyboard, or tick its first checkbox."""
    ranges = panel.locator("input[type=range]")
    if ranges.count():
        control = ranges.first
        control.scroll_into_view_if_needed()
        control.focus()
        key = "ArrowLeft" if control.input_value() == control.get_attribute("max") else "ArrowRight"
        for _ in range(3):
            control.press(key)
        return "slider"
    handles = panel.locator(".widget-slider .noUi-handle")
    if handles.count():
        handle = handles.first
        handle.scroll_into_view_if_needed()
        handle.focus()
        for _ in range(3):
            handle.press("ArrowRight")
        return "slider"
    box = panel.locator("input[type=checkbox]").first
    box.scroll_into_view_if_needed()
    box.focus()
    box.press("Space")
    return "checkbox"


def test_every_sandbox_panel_responds(page: Page, voila_server: jlab.ServerInfo,
                                      console: jlab.ConsoleErrors, kernel: jlab.KernelWatch) -> None:
    assert (voila_server.root_dir / NOTEBOOK).is_file(), f"{NOTEBOOK} is missing"
    try:
        page.goto(voila_server.page_url(NOTEBOOK), timeout=120_000)
        for name in PANELS:
            expect(page.locator(f".{name}")).to_have_count(1, timeout=120_000)
        page.wait_for_function("(n) => document.querySelectorAll('.kit-chart svg.marks').length >= n",
                               arg=len(PANELS), timeout=60_000)
        for name in PANELS:
            panel = page.locator(f".{name}")
            numbers = panel.locator(".kit-key-numbers")
            chart = panel.locator(".kit-chart svg.marks").first
            before_numbers, before_chart = numbers.text_content() or "", chart.inner_html()
            control = change_one_control(page, panel)
            expect(numbers).not_to_have_text(before_numbers, timeout=30_000)
            kernel.wait_settled(page)
            page.wait_for_function(
                "([name, before]) => document.querySelector(`.${name} .kit-chart svg.marks`)"
                "?.innerHTML !== before", arg=[name, before_chart], timeout=30_000)
            assert chart.inner_html() != before_chart, f"{name}: the chart did not change ({control})"
            assert panel.locator(".kit-error").count() == 0, f"{name}: {panel.locator('.kit-error').first.text_content()}"
        assert kernel.errors == []
        assert console.unexpected() == []
    finally:
        with contextlib.suppress(Exception):
            jlab.screenshot(page, "voila_sandbox")


# Notes, from the key on, what the panel drew while it still waited for the kernel ("busy"): its
# numbers, and its chart as last drawn then.
EARLY = """(selector) => {
  const panel = document.querySelector(selector);
  const seen = {numbers: null, chart: null};
  new MutationObserver((mutations) => {
    for (const m of mutations) {
      const node = m.target.nodeType === 1 ? m.target : m.target.parentElement;
      if (!node || panel.dataset.kitState !== 'busy') continue;
      if (node.closest('.kit-key-numbers')) seen.numbers = panel.querySelector('.kit-key-numbers').textContent;
      else if (node.closest('.kit-chart')) seen.chart = panel.querySelector('.kit-chart svg.marks').innerHTML;
    }
  }).observe(panel, {subtree: true, childList: true, characterData: true, attributes: true});
  window.__kitEarly = seen;
}"""


def test_a_key_press_is_drawn_before_the_kernel_answers_and_the_answer_agrees(
        page: Page, voila_server: jlab.ServerInfo, console: jlab.ConsoleErrors, kernel: jlab.KernelWatch) -> None:
    """The kernel sends each panel the results one key press ahead (widgets/panels/ahead.py): one key
    then redraws numbers and chart before the kernel answers, and the kernel's answer, computed
    again, leaves both exactly as drawn."""
    try:
        page.goto(voila_server.page_url(NOTEBOOK), timeout=120_000)
        page.wait_for_function("(n) => document.querySelectorAll('.kit-chart svg.marks').length >= n",
                               arg=len(PANELS), timeout=120_000)
        for name in PANELS:
            panel = page.locator(f".{name}")
            expect(page.locator(f".{name}[data-kit-ahead]")).to_have_count(1, timeout=30_000)
            # a setting the kernel sent ahead, on a slider or a box (how many it sends depends on its speed)
            waiting = json.loads(page.locator(f".{name}").get_attribute("data-kit-ahead"))
            control, value = next((panel.locator(f"input[data-kit-name='{n}']"), v) for n, v in waiting
                                  if panel.locator(f"input[data-kit-name='{n}']").count())
            before = panel.locator(".kit-key-numbers").text_content()
            chart_before = panel.locator(".kit-chart svg.marks").first.inner_html()
            page.evaluate(EARLY, f".{name}")
            control.scroll_into_view_if_needed()
            control.focus()
            if control.get_attribute("type") == "range":
                control.press("ArrowRight" if value > float(control.input_value()) else "ArrowLeft")
            else:
                control.press("Space")
            kernel.wait_settled(page)
            page.wait_for_function("(s) => document.querySelector(s).dataset.kitState === 'idle'", arg=f".{name}")
            early = page.evaluate("() => window.__kitEarly")
            numbers = panel.locator(".kit-key-numbers").text_content()
            assert early["numbers"] is not None, f"{name}: nothing was drawn before the kernel answered"
            assert early["numbers"] != before, f"{name}: the numbers drawn early are the old ones"
            assert early["numbers"] == numbers, f"{name}: the kernel's answer changed the numbers drawn early"
            chart = panel.locator(".kit-chart svg.marks").first.inner_html()
            if chart != chart_before:
                assert early["chart"] == chart, f"{name}: the chart was not drawn early, or the kernel's answer changed it"
        assert kernel.errors == []
        assert console.unexpected() == []
    finally:
        with contextlib.suppress(Exception):
            jlab.screenshot(page, "voila_sandbox_ahead")
