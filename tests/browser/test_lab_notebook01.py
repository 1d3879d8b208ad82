"""Notebook 01 in a real JupyterLab: run it all, then move the lender's cut-off.

Contract with notebooks/01_origins.ipynb:
- at least 3 Altair charts (vega-lite mime type, rendered by JupyterLab);
- a live panel with class ``kit-cutoff-panel`` holding a range input labelled "Cut-off
  (toy score points)", key numbers (``kit-key-numbers``) whose text contains ``Approved: N``,
  and a chart (``kit-chart``) that is redrawn in place when the slider moves;
- a live panel with class ``kit-fairness-panel`` holding a list labelled "Policy (how the
  cut-offs are set)" and a range input labelled "Group B's cut-off (toy score points)": choosing
  equal opportunity moves B's cut-off, closes the gap in would-be repayers approved (key numbers
  "... would-be repayers approved +0.0 points") and redraws the chart.
"""

from __future__ import annotations

import contextlib
import re

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from widgets.models import lender_fairness

from . import jlab

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/01_origins.ipynb"
APPROVED = re.compile(r"Approved:\s*(\d{1,3}(?:,\d{3})*)")


def approved(text: str) -> int:
    match = APPROVED.search(text)
    assert match, f"no 'Approved: N' in {text!r}"
    return int(match.group(1).replace(",", ""))


def check_fairness_panel(page: Page, kernel: jlab.KernelWatch) -> None:
    """Choose equal opportunity in the fairness panel: B's cut-off, the key numbers and the chart all change."""
    panel = page.locator(".kit-fairness-panel")
    expect(panel).to_have_count(1)
    panel.scroll_into_view_if_needed()
    numbers = panel.locator(".kit-key-numbers")
    chart = panel.locator(".kit-chart svg.marks")
    b_slider = panel.get_by_role("slider", name="Group B's cut-off (toy score points)")
    expect(numbers).to_contain_text("One cut-off for all.")
    expect(chart).to_be_attached()
    before_text, before_chart, before_b = numbers.text_content() or "", chart.inner_html(), b_slider.input_value()

    panel.get_by_role("combobox", name="Policy (how the cut-offs are set)").select_option(
        label=lender_fairness.POLICIES["equal_opportunity"])
    expect(numbers).to_contain_text("Equal opportunity.", timeout=20_000)
    kernel.wait_settled(page)
    expect(panel).to_have_attribute("data-kit-state", "idle")
    with contextlib.suppress(PlaywrightTimeoutError):  # the asserts below explain
        page.wait_for_function(
            "(before) => document.querySelector('.kit-fairness-panel .kit-chart svg.marks')?.innerHTML !== before",
            arg=before_chart, timeout=10_000)
    after_text = numbers.text_content() or ""
    assert after_text != before_text
    assert "would-be repayers approved +0.0 points" in after_text, after_text
    assert float(b_slider.input_value()) < float(before_b), "B's cut-off did not follow the policy"
    assert chart.inner_html() != before_chart, "the fairness panel's chart was not redrawn"


def test_cutoff_slider_updates_numbers_and_chart(
    page: Page, lab_server: jlab.ServerInfo, console: jlab.ConsoleErrors, kernel: jlab.KernelWatch
) -> None:
    assert (lab_server.root_dir / NOTEBOOK).is_file(), f"{NOTEBOOK} is missing"
    try:
        jlab.open_notebook(page, lab_server, NOTEBOOK)
        jlab.run_all(page, timeout_ms=120_000)
        assert jlab.error_outputs(page) == []
        assert kernel.errors == []
        jlab.wait_all_charts_rendered(page, expected_min=3)

        panel = page.locator(".kit-cutoff-panel")
        expect(panel).to_have_count(1)
        numbers = panel.locator(".kit-key-numbers")
        handle = panel.get_by_role("slider", name="Cut-off (toy score points)")
        chart = panel.locator(".kit-chart svg.marks")
        expect(numbers).to_contain_text(APPROVED)
        expect(chart).to_be_attached()
        # text_content(): innerText reads empty while the cell is off-screen.
        before_text, before_chart = numbers.text_content() or "", chart.inner_html()

        handle.click()
        for _ in range(10):
            handle.press("ArrowRight")
        expect(numbers).not_to_have_text(before_text, timeout=20_000)
        kernel.wait_settled(page)  # every slider update handled, last redraw sent
        expect(panel).to_have_attribute("data-kit-state", "idle")
        jlab.wait_all_charts_rendered(page, expected_min=3)
        with contextlib.suppress(PlaywrightTimeoutError):  # the assert below explains
            page.wait_for_function(
                "(before) => document.querySelector('.kit-cutoff-panel .kit-chart svg.marks')"
                "?.innerHTML !== before",
                arg=before_chart,
                timeout=10_000,
            )

        assert approved(numbers.text_content() or "") != approved(before_text)
        assert handle.get_attribute("aria-valuetext") == f"{int(handle.input_value()):,} points"
        assert chart.inner_html() != before_chart, "the panel's chart was not redrawn"

        check_fairness_panel(page, kernel)
        assert jlab.error_outputs(page) == []
        assert kernel.errors == []
        assert console.unexpected() == []
    finally:
        with contextlib.suppress(Exception):
            page.locator(".kit-cutoff-panel").scroll_into_view_if_needed(timeout=2_000)
        jlab.screenshot(page, "lab_notebook01")
        jlab.delete_sessions(lab_server, NOTEBOOK)
