"""Every session's slide deck in Chromium with the network blocked, at 1280x720.

reveal.js (inlined) starts and the keyboard moves through the deck; on every slide nothing
overflows the 1280x720 frame and the body shows at most the word limit; every chart slide draws
its SVG at the frame's full width; the notes plugin opens the speaker view with the slide's notes.
Screenshots of three typical slides per deck go to instructor/dist/screenshots/ (git-ignored).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from widgets import course_map
from widgets.course import build, export, slides

from .offline import offline_page

pytestmark = pytest.mark.browser

NOTEBOOKS = {p.name[:2]: p for p in export.notebooks()}
DECKS = [(name, n) for name in course_map.load_map().schedules for n in course_map.sessions(name)]
SCREENSHOTS = build.ROOT / "instructor" / "dist" / "screenshots"

# One pass over a deck, in the page: go to each slide and measure its frame and everything in it.
MEASURE = """() => {
  const out = [];
  Reveal.getSlides().forEach((section, index) => {
    Reveal.slide(index);
    const frame = section.querySelector('.kit-frame');
    const box = frame.getBoundingClientRect();
    const scale = Reveal.getScale();
    const outside = [];
    frame.querySelectorAll('*').forEach(el => {
      if (el.closest('.kit-sr-only')) return;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) return;
      if (r.left < box.left - 1 || r.top < box.top - 1 || r.right > box.right + 1 || r.bottom > box.bottom + 1)
        outside.push(el.tagName.toLowerCase() +
                     (el.className && el.className.baseVal === undefined ? '.' + el.className : ''));
    });
    const body = frame.querySelector('.kit-body');
    const svg = frame.querySelector('figure.kit-chart svg');
    const svgBox = svg ? svg.getBoundingClientRect() : null;
    const style = getComputedStyle(frame);
    const inner = (box.width - parseFloat(style.paddingLeft) * scale - parseFloat(style.paddingRight) * scale);
    out.push({
      index, kind: section.dataset.kitKind, title: (frame.querySelector('h1, h2') || {}).innerText || '',
      frame: [frame.offsetWidth, frame.offsetHeight],
      overflowY: frame.scrollHeight - frame.clientHeight, overflowX: frame.scrollWidth - frame.clientWidth,
      outside: outside.slice(0, 3),
      words: body ? body.innerText.split(/\\s+/).filter(Boolean).length : 0,
      svgWidthShare: svgBox ? svgBox.width / inner : null,
      svgMarks: svg ? svg.querySelectorAll('g.role-mark > *').length : null,
      notes: (section.querySelector('aside.notes') || {}).textContent || '',
    });
  });
  return out;
}"""


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("slides")


@pytest.mark.parametrize("key", DECKS, ids=lambda k: f"{k[0]}-session-{k[1]}")
def test_no_slide_overflows_its_frame_and_every_chart_is_drawn(browser: Browser, out_dir: Path, key) -> None:
    schedule, session = key
    deck = slides.export_slides(schedule, session, NOTEBOOKS, out_dir)
    expected = slides.session_slides(schedule, session, NOTEBOOKS)
    with offline_page(browser, 1280, 720) as (page, network):
        page.goto(deck.as_uri() + "?transition=none")
        page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=15_000)
        measured = page.evaluate(MEASURE)
        assert len(measured) == len(expected) == page.evaluate("Reveal.getTotalSlides()")
        problems = []
        for slide in measured:
            where = f"{deck.name} slide {slide['index'] + 1} '{slide['title']}'"
            if slide["frame"] != [1280, 720]:
                problems.append(f"{where}: frame {slide['frame']}")
            if slide["overflowY"] > 1 or slide["overflowX"] > 1 or slide["outside"]:
                problems.append(f"{where}: overflows by {slide['overflowY']}px down, {slide['overflowX']}px across "
                                f"({slide['outside']})")
            limit = {"title": slides.TITLE_WORD_LIMIT, "objectives": slides.OBJECTIVES_WORD_LIMIT}.get(
                slide["kind"], slides.WORD_LIMIT)
            if slide["words"] > limit:
                problems.append(f"{where}: {slide['words']} words shown (at most {limit})")
            if slide["kind"] == "chart" and not (slide["svgMarks"] and slide["svgWidthShare"] > 0.97):
                problems.append(f"{where}: chart not drawn at full width ({slide['svgWidthShare']}, "
                                f"{slide['svgMarks']} marks)")
            if slide["kind"] != "title" and not slide["notes"].strip():
                problems.append(f"{where}: no speaker notes")
        assert problems == []
        assert sum(1 for s in measured if s["kind"] == "chart") == sum(1 for s in expected if s.kind == "chart")

        # three typical slides (a text slide, a chart, a discussion prompt) for the report
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for kind in ("text", "chart", "discussion"):
            index = next(s["index"] for s in measured if s["kind"] == kind)
            page.evaluate(f"Reveal.slide({index})")
            page.screenshot(path=str(SCREENSHOTS / f"{schedule}-session-{session}-{kind}.png"))
        assert network.left_the_page() == []
        assert network.page_errors == []


def test_keyboard_and_speaker_view_work_offline(browser: Browser, out_dir: Path) -> None:
    deck = slides.export_slides("3x90", 1, NOTEBOOKS, out_dir)
    with offline_page(browser) as (page, network):
        page.goto(deck.as_uri())
        page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=15_000)
        assert page.evaluate("Reveal.getIndices()")["h"] == 0
        assert page.locator("section.present .kit-label").text_content() == "Session 1 of 3 · 90 minutes"
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => Reveal.getIndices().h === 1")
        assert page.locator("section.present h2").first.inner_text().startswith("00 · Start here")
        assert page.evaluate("!!Reveal.getPlugin('notes')")
        notes = page.evaluate("Reveal.getSlideNotes()")
        assert "Why this matters" in notes
        with page.context.expect_page(timeout=10_000) as popup:
            page.keyboard.press("s")
        speaker = popup.value
        speaker.wait_for_function("() => document.querySelector('.speaker-controls-notes .value') && "
                                  "document.querySelector('.speaker-controls-notes .value').textContent.length > 0",
                                  timeout=15_000)
        shown = speaker.locator(".speaker-controls-notes .value").inner_text()
        assert "Why this matters" in shown
        speaker.close()
        page.keyboard.press("ArrowLeft")  # the title slide's button opens the same view
        page.wait_for_function("() => Reveal.getIndices().h === 0")
        with page.context.expect_page(timeout=10_000) as popup:
            page.get_by_role("button", name="Open the speaker view with notes (S)").click()
        popup.value.wait_for_function("() => document.querySelector('.speaker-controls-notes .value') && "
                                      "document.querySelector('.speaker-controls-notes .value')"
                                      ".textContent.includes('90 minutes in class')", timeout=15_000)
        assert network.left_the_page() == []
        assert network.page_errors == []


def test_the_measurement_finds_an_overfull_slide_and_a_narrow_chart(browser: Browser, tmp_path: Path) -> None:
    """The checks above can fail: a slide of 200 words overflows, a chart squeezed to half width is seen."""
    good = slides.read_notebook_slides(NOTEBOOKS["01"])
    chart = next(s for s in good if s.kind == "chart")
    chart.figure = chart.figure.replace("<figure ", '<figure style="max-width: 50%" ', 1)
    crowded = slides.Slide("text", "Too much", " ".join(["overflowing"] * 200), ["notes"])
    page_path = tmp_path / "bad.html"
    page_path.write_text(slides.render_deck([good[1], crowded, chart], "bad"), encoding="utf-8")
    with offline_page(browser) as (page, _):
        page.goto(page_path.as_uri() + "?transition=none")
        page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=15_000)
        fine, full, narrow = page.evaluate(MEASURE)
    assert fine["overflowY"] <= 1 and not fine["outside"]
    assert full["overflowY"] > 100 and full["words"] == 200
    assert narrow["svgWidthShare"] < 0.6
