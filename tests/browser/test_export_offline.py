"""The offline HTML export of notebook 01 in Chromium with the network blocked.

The page must draw every chart (inline SVG with marks, a visible size and its text
description), show the live panels' summaries, run no script and send no request anywhere.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from playwright.sync_api import Browser, expect

from widgets.course import export, offline

from .offline import offline_page

pytestmark = pytest.mark.browser

NOTEBOOK = export.NOTEBOOK_DIR / "01_origins.ipynb"

CHARTS_DRAWN = """() => [...document.querySelectorAll('figure.kit-chart')].map(figure => {
    const svg = figure.querySelector('svg');
    const box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
    const caption = document.getElementById(svg?.getAttribute('aria-labelledby') ?? '');
    return {width: box.width, height: box.height, marks: svg ? svg.querySelectorAll('g.role-mark > *').length : 0,
            viewBox: svg?.viewBox?.baseVal?.width ?? 0, name: caption ? caption.textContent : ''};
})"""


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export.export_html(NOTEBOOK, tmp_path_factory.mktemp("export"))


def test_export_renders_its_charts_with_the_network_blocked(browser: Browser, exported: Path) -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    expected = [o for c in nb.cells for o in c.get("outputs", []) if offline.VEGALITE_MIME in o.get("data", {})]
    with offline_page(browser) as (page, network):
        page.goto(exported.as_uri())
        charts = page.evaluate(CHARTS_DRAWN)
        assert len(charts) == len(expected) >= 3
        for chart, output in zip(charts, expected):
            assert chart["marks"] > 0, chart
            assert chart["width"] > 300 and chart["height"] > 100, chart
            assert chart["viewBox"] > 0, "viewBox lost: the SVG would not scale"
            assert chart["name"] == "".join(output["data"]["text/plain"])
        # one static summary per live panel the notebook shows
        panels = [o for c in nb.cells for o in c.get("outputs", [])
                  if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
        summaries = page.locator(".kit-panel-summary")
        expect(summaries).to_have_count(len(panels))
        assert len(panels) >= 3  # the toy score, the cut-off and the fairness panels
        expect(summaries.nth(1)).to_contain_text("Approved: 38,287 of 100,000 synthetic people")
        expect(page.locator("h1").first).to_contain_text("01 · Origins")
        assert page.evaluate("document.scripts.length") == 0
        assert network.left_the_page() == []
        assert network.page_errors == []


def test_the_blocking_harness_catches_a_request(browser: Browser, tmp_path: Path) -> None:
    """A page that does reach out is caught: the test above can fail."""
    leaky = tmp_path / "leaky.html"
    leaky.write_text('<!DOCTYPE html><html lang="en"><body><img src="https://cdn.example.invalid/x.png" alt="x">'
                     '<link rel="stylesheet" href="http://fonts.example.invalid/style.css"></body></html>')
    with offline_page(browser) as (page, network):
        page.goto(leaky.as_uri())
        page.wait_for_load_state("load")
        assert "https://cdn.example.invalid/x.png" in network.left_the_page()
        assert "http://fonts.example.invalid/style.css" in network.left_the_page()
