"""The code-free sandbox served by Voilà: every panel renders, and one control in each moves
its numbers and its chart, with no error in the page, the kernel or the console."""

from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import Page, expect

from . import jlab

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/sandbox.ipynb"
PANELS = ["kit-toyscore-panel", "kit-cutoff-panel", "kit-lists-panel", "kit-city-panel",
          "kit-fragmentation-panel", "kit-commercial-panel", "kit-behaviour-panel"]


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
