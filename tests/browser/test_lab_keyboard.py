"""Notebook 01 in JupyterLab, operated with the keyboard only: after Run All, Tab reaches the
cut-off slider and the arrow keys move it; the approved count follows.

The only click gives the notebook focus (on the first cell's prompt, far from the panel);
from there the cell is chosen with ArrowDown in command mode, the slider is reached with
Tab and moved with ArrowRight / ArrowLeft (no mouse on the panel).
"""

from __future__ import annotations

import contextlib
import re

import pytest
from playwright.sync_api import Page, expect

from . import jlab

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/01_origins.ipynb"
APPROVED = re.compile(r"Approved:\s*(\d{1,3}(?:,\d{3})*)")
HANDLE = ".kit-cutoff-panel .widget-slider .noUi-handle"
STEP = 5  # the cut-off slider's step (widgets/panels/fico.py)
FOCUS_IS_HANDLE = f"() => document.activeElement?.matches('{HANDLE}') ?? false"


def approved(text: str | None) -> int:
    match = APPROVED.search(text or "")
    assert match, f"no 'Approved: N' in {text!r}"
    return int(match.group(1).replace(",", ""))


def select_cell_holding(page: Page, selector: str, max_moves: int = 80) -> None:
    """In command mode, press ArrowDown until the active cell holds ``selector``."""
    for _ in range(max_moves):
        if page.locator(f".jp-Notebook .jp-Cell.jp-mod-active {selector}").count():
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no cell holding {selector} within {max_moves} ArrowDown presses")


def tab_to(page: Page, condition: str, max_presses: int = 8) -> int:
    """Press Tab until ``condition`` (a JS predicate) holds; return the number of presses."""
    for presses in range(1, max_presses + 1):
        page.keyboard.press("Tab")
        if page.evaluate(condition):
            return presses
    active = page.evaluate("document.activeElement?.outerHTML.slice(0, 160)")
    raise AssertionError(f"Tab did not reach the slider in {max_presses} presses; focus is on {active}")


def test_cutoff_slider_is_reachable_and_operable_with_the_keyboard(
    page: Page, lab_server: jlab.ServerInfo, console: jlab.ConsoleErrors, kernel: jlab.KernelWatch
) -> None:
    assert (lab_server.root_dir / NOTEBOOK).is_file(), f"{NOTEBOOK} is missing"
    try:
        jlab.open_notebook(page, lab_server, NOTEBOOK)
        jlab.wait_kernel_idle(page)
        jlab.run_all_cells(page)
        jlab.wait_run_finished(page)
        assert jlab.error_outputs(page) == []
        panel = page.locator(".kit-cutoff-panel")
        expect(panel).to_have_count(1)
        numbers = panel.locator(".kit-key-numbers")
        expect(numbers).to_contain_text(APPROVED)
        default_count = approved(numbers.text_content())

        # focus the notebook (first cell's prompt), command mode, then keyboard only
        page.locator(".jp-Notebook .jp-Cell .jp-InputPrompt").first.click()
        page.keyboard.press("Escape")
        select_cell_holding(page, ".kit-cutoff-panel")
        presses = tab_to(page, FOCUS_IS_HANDLE)
        handle = page.locator(HANDLE)
        expect(handle).to_have_attribute("role", "slider")
        start = float(handle.get_attribute("aria-valuenow") or "nan")

        for _ in range(4):
            page.keyboard.press("ArrowRight")
        expect(handle).to_have_attribute("aria-valuenow", f"{start + 4 * STEP:.1f}")
        expect(numbers).not_to_contain_text(f"Approved: {default_count:,} ", timeout=20_000)
        kernel.wait_settled(page)
        raised = approved(numbers.text_content())
        assert raised < default_count, "a higher cut-off approves fewer people"
        assert page.evaluate(FOCUS_IS_HANDLE), "focus should stay on the slider"

        for _ in range(4):
            page.keyboard.press("ArrowLeft")
        expect(handle).to_have_attribute("aria-valuenow", f"{start:.1f}")
        kernel.wait_settled(page)
        expect(numbers).to_contain_text(f"Approved: {default_count:,} ", timeout=20_000)

        print(f"\nTab presses from the selected cell to the slider: {presses}; "
              f"approved {default_count:,} -> {raised:,} -> {default_count:,}")
        assert kernel.errors == []
        assert jlab.error_outputs(page) == []
        assert console.unexpected() == []
    finally:
        with contextlib.suppress(Exception):
            jlab.screenshot(page, "lab_keyboard")
        jlab.delete_sessions(lab_server, NOTEBOOK)
