"""axe-core in Chromium on every offline export: no critical or serious accessibility violation.

axe-core comes from the PyPI package ``axe-playwright-python`` (it ships ``axe.min.js``) and is
injected into each page with Playwright; the network stays blocked. Pages are the HTML export
of every executed notebook and every session's slide deck of both schedules (opened in
reveal.js's scroll view, so that every slide is on screen for axe). Each run is saved to tests/artifacts/axe/NAME.json.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from widgets import course_map
from widgets.course import export, slides

from . import axe_report
from .axe_report import BLOCKING, blocking
from .offline import offline_page

pytestmark = pytest.mark.browser

NOTEBOOKS = export.notebooks()
DECKS = [(name, n) for name in course_map.load_map().schedules for n in course_map.sessions(name)]


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("axe")


def run_axe(browser: Browser, url: str, name: str) -> list[dict]:
    with offline_page(browser) as (page, network):
        page.goto(url)
        if "view=scroll" in url:
            page.wait_for_function("() => window.Reveal && Reveal.isReady() && Reveal.isScrollView()")
        violations = axe_report.run(page, name, url=url)
        assert network.left_the_page() == []
    return violations


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_html_export_has_no_serious_violations(browser: Browser, out_dir: Path, notebook: Path) -> None:
    page = export.export_html(notebook, out_dir)
    assert blocking(run_axe(browser, page.as_uri(), page.stem)) == []


@pytest.mark.parametrize("key", DECKS, ids=lambda k: f"{k[0]}-session-{k[1]}")
def test_slide_deck_has_no_serious_violations(browser: Browser, out_dir: Path, key: tuple[str, int]) -> None:
    deck = slides.export_slides(*key, {p.name[:2]: p for p in NOTEBOOKS}, out_dir)
    assert blocking(run_axe(browser, deck.as_uri() + "?view=scroll", deck.name.removesuffix(".html"))) == []


def test_axe_finds_a_serious_violation(browser: Browser, tmp_path: Path) -> None:
    """The check can fail: an image without alt text and grey-on-grey text are reported."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><html lang="en"><head><title>bad</title></head><body><main>'
                   '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
                   '<p style="color:#aaa;background:#bbb">hard to read</p></main></body></html>')
    found = {v["id"] for v in run_axe(browser, bad.as_uri(), "_self_check") if v["impact"] in BLOCKING}
    assert {"image-alt", "color-contrast"} <= found
