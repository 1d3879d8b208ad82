"""A session's slide deck in Chromium with the network blocked: reveal.js (inlined) starts,
the deck has many slides, the keyboard moves through them, and charts are drawn."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from widgets.course import export, slides

from .offline import offline_page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sessions = slides.sessions(export.notebooks())
    session = next(n for n, parts in sessions.items() if any(p.name.startswith("01_") for p in parts))
    return slides.export_slides(session, sessions[session], tmp_path_factory.mktemp("slides"))


def test_deck_opens_offline_and_navigates_with_the_keyboard(browser: Browser, deck: Path) -> None:
    with offline_page(browser) as (page, network):
        page.goto(deck.as_uri())
        page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=15_000)
        total, horizontal = page.evaluate("[Reveal.getTotalSlides(), Reveal.getHorizontalSlides().length]")
        assert total > 10 and horizontal > 3
        assert page.evaluate("Reveal.getIndices()")["h"] == 0
        assert "Session" in (page.locator("section.present h1").first.text_content() or "")

        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => Reveal.getIndices().h === 1")
        assert page.locator("section.present h1, section.present h2").first.is_visible()

        # a slide with a chart: jump there and check the SVG is drawn with marks
        chart_slide = page.evaluate("""() => { const s = document.querySelector('.slides section figure.kit-chart')
                                           .closest('section'); return Reveal.getIndices(s); }""")
        page.evaluate(f"Reveal.slide({chart_slide['h']}, {chart_slide.get('v') or 0})")
        page.wait_for_timeout(600)  # slide transition
        svg = page.locator("section.present figure.kit-chart svg").first
        box = svg.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 80
        assert svg.locator("g.role-mark > *").count() > 0

        assert network.left_the_page() == []
        assert network.page_errors == []
