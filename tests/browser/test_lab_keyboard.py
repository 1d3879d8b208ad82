"""Notebook 01 in JupyterLab, operated with the keyboard only: after Run All, Tab reaches the
cut-off slider and the arrow keys move it; the approved count follows. The panel's number box
takes a typed cut-off (Enter), and a bad one gets a message in the panel, not a traceback.

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
HANDLE = ".kit-cutoff-panel input[type=range]"
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
        jlab.run_all(page, timeout_ms=120_000)
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
        expect(handle).to_have_accessible_name("Cut-off (toy score points)")
        start = int(handle.input_value())

        for _ in range(4):
            page.keyboard.press("ArrowRight")
        expect(handle).to_have_value(str(start + 4 * STEP))
        expect(handle).to_have_attribute("aria-valuetext", f"{start + 4 * STEP} points")
        expect(numbers).not_to_contain_text(f"Approved: {default_count:,} ", timeout=20_000)
        kernel.wait_settled(page)
        raised = approved(numbers.text_content())
        assert raised < default_count, "a higher cut-off approves fewer people"
        assert page.evaluate(FOCUS_IS_HANDLE), "focus should stay on the slider"

        for _ in range(4):
            page.keyboard.press("ArrowLeft")
        expect(handle).to_have_value(str(start))
        kernel.wait_settled(page)
        expect(numbers).to_contain_text(f"Approved: {default_count:,} ", timeout=20_000)

        # the number box is the next stop: type a cut-off, Enter; then a bad one
        page.keyboard.press("Tab")
        box = page.locator(".kit-cutoff-panel input[type=number]")
        expect(box).to_be_focused()
        expect(box).to_have_accessible_name("or type a cut-off (toy score points)")
        page.keyboard.press("Control+A")
        page.keyboard.type("700")
        page.keyboard.press("Enter")
        expect(handle).to_have_value("700")
        expect(panel.locator(".kit-description")).to_contain_text("cut-off at 700", timeout=20_000)
        page.keyboard.press("Control+A")
        page.keyboard.type("9000")
        page.keyboard.press("Enter")
        expect(panel.locator(".kit-message [class=kit-error]")).to_have_text(
            "\u26a0 cutoff must be between 300 and 850; got 9000", timeout=20_000)
        expect(panel.locator(".kit-message")).to_have_attribute("role", "alert")
        expect(panel.locator(".kit-description")).to_contain_text("cut-off at 700")  # last good state stays

        print(f"\nTab presses from the selected cell to the slider: {presses}; "
              f"approved {default_count:,} -> {raised:,} -> {default_count:,}")
        assert kernel.errors == []
        assert jlab.error_outputs(page) == []
        assert console.unexpected() == []
    finally:
        with contextlib.suppress(Exception):
            jlab.screenshot(page, "lab_keyboard")
        jlab.delete_sessions(lab_server, NOTEBOOK)
