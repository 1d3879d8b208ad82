"""Chinese text is drawn with a Simplified Chinese font that the kit's CSS names, in an export and in a deck.

Chromium's DevTools protocol reports which platform fonts drew a node's text
(``CSS.getPlatformFontsForNode``). The glossary term 老赖 must be drawn with one of the CJK
families of the kit's font stack (``--kit-font-cjk`` in widgets/course/templates/kit.css), and
every family used must be one the node's computed ``font-family`` names, so the characters do not
depend on a browser's fallback. The check fails when the stack is taken away (a Latin-only font
forced on the node). Needs a CJK font on the machine: ``./kit test`` installs Debian's fonts-noto-cjk.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from widgets.course import export, slides

from .offline import offline_page

pytestmark = pytest.mark.browser

TERM = "老赖"
KIT_CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB",
                    "Microsoft YaHei", "WenQuanYi Micro Hei")
NOTEBOOKS = {p.name[:2]: p for p in export.notebooks()}

# Put the first occurrence of the term in a span of its own (it inherits the page's fonts) to probe it.
PROBE = """(term) => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest('aside.notes, script, style, title')) continue;
    const at = node.data.indexOf(term);
    if (at < 0) continue;
    const rest = node.splitText(at); rest.splitText(term.length);
    const span = document.createElement('span'); span.id = 'kit-probe';
    rest.parentNode.replaceChild(span, rest); span.appendChild(rest);
    span.scrollIntoView();
    return true;
  }
  return false;
}"""


def families(css: str) -> list[str]:
    """The family names of a CSS font-family value, unquoted."""
    return [name.strip().strip("'\"") for name in css.split(",") if name.strip()]


def fonts_for(page: Page, selector: str) -> tuple[list[dict], list[str]]:
    """(platform fonts that drew the node's text, the node's computed font-family list), via the DevTools protocol."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, f"no node matches {selector}"
    used = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    style = cdp.send("CSS.getComputedStyleForNode", {"nodeId": node})["computedStyle"]
    computed = {p["name"]: p["value"] for p in style}
    cdp.detach()
    return used, families(computed["font-family"])


def cjk_problems(used: list[dict], named: list[str]) -> list[str]:
    """Why the probe's characters are not drawn by a CJK font of the kit's stack (empty when they are)."""
    problems = []
    drawn = [f for f in used if f["glyphCount"] > 0]
    cjk = [f for f in drawn if f["familyName"] in KIT_CJK_FAMILIES]
    if sum(f["glyphCount"] for f in cjk) < len(TERM):
        problems.append(f"{TERM} is not drawn by a CJK font of the kit's stack: {[f['familyName'] for f in drawn]}")
    unnamed = [f["familyName"] for f in drawn if f["familyName"] not in named]
    if unnamed:
        problems.append(f"drawn by {unnamed}, which the node's font-family {named} does not name (browser fallback)")
    return problems


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("cjk")
    return {"export": export.export_html(NOTEBOOKS["05"], out),
            "deck": slides.export_slides("3x90", 2, NOTEBOOKS, out)}


def open_at_term(page: Page, path: Path, deck: bool) -> None:
    page.goto(path.as_uri())
    if deck:
        page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=15_000)
        index = page.evaluate("""(term) => Reveal.getSlides().findIndex(s =>
            s.querySelector('.kit-frame').textContent.includes(term))""", TERM)
        assert index >= 0, f"no slide shows {TERM}"
        page.evaluate(f"Reveal.slide({index})")
    assert page.evaluate(PROBE, TERM), f"{path.name} does not show {TERM}"
    page.wait_for_timeout(200)


@pytest.mark.parametrize("kind", ["export", "deck"])
def test_a_glossary_term_is_drawn_with_a_cjk_font_the_kit_names(browser: Browser, pages: dict[str, Path],
                                                                 kind: str) -> None:
    with offline_page(browser) as (page, network):
        open_at_term(page, pages[kind], deck=kind == "deck")
        used, named = fonts_for(page, "#kit-probe")
        assert cjk_problems(used, named) == []
        assert any(f in named for f in KIT_CJK_FAMILIES), named
        assert network.left_the_page() == []


@pytest.mark.parametrize("kind", ["export", "deck"])
def test_the_check_fails_without_the_kits_font_stack(browser: Browser, pages: dict[str, Path], kind: str) -> None:
    with offline_page(browser) as (page, _):
        open_at_term(page, pages[kind], deck=kind == "deck")
        page.add_style_tag(content='#kit-probe { font-family: "DejaVu Sans", sans-serif !important; }')
        used, named = fonts_for(page, "#kit-probe")
        assert named == ["DejaVu Sans", "sans-serif"]
        problems = cjk_problems(used, named)
        assert problems, f"the check passed with a Latin-only font stack: {used}"
        assert any(re.search("does not name|is not drawn", p) for p in problems)
