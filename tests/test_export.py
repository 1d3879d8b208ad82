"""Offline exports (widgets.course.export, offline): what a reader of the HTML page gets.

One page is exported per test module (notebook 01, which is committed). The slide decks are
tested in tests/test_slides.py; browser checks (rendering, fonts, axe) are in tests/browser/.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.course import export, offline, slides

NOTEBOOK = export.NOTEBOOK_DIR / "01_origins.ipynb"
URL = re.compile(r"https?://[^\s\"'<>)]+")


def outputs_with(nb: nbformat.NotebookNode, mime: str) -> list[dict]:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if mime in o.get("data", {})]


@pytest.fixture(scope="module")
def notebook() -> nbformat.NotebookNode:
    assert NOTEBOOK.is_file(), f"{NOTEBOOK} is missing"
    return nbformat.read(NOTEBOOK, as_version=4)


@pytest.fixture(scope="module")
def page_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export.export_html(NOTEBOOK, tmp_path_factory.mktemp("html"))


@pytest.fixture(scope="module")
def page(page_path: Path) -> str:
    return page_path.read_text(encoding="utf-8")


class UrlPlaces(HTMLParser):
    """Where each http(s) URL of a page sits: (tag, attribute) or ("text", parent tag)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.places: list[tuple[str, str, str]] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("meta", "link", "img", "br", "hr", "input", "source"):
            self.stack.append(tag)
        for name, value in attrs:
            for url in URL.findall(value or ""):
                self.places.append((tag, name, url))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            for url in URL.findall(value or ""):
                self.places.append((tag, name, url))

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        parent = self.stack[-1] if self.stack else ""
        for url in URL.findall(data):
            self.places.append(("text", parent, url))


# --------------------------------------------------------------------------- the HTML page


def test_export_writes_one_page_per_notebook_with_the_notebook_title(page_path: Path, page: str,
                                                                   notebook: nbformat.NotebookNode) -> None:
    assert page_path.name == "01_origins.html"
    heading = next(re.search(r"^# (.+)$", c.source, re.MULTILINE).group(1) for c in notebook.cells
                   if c.cell_type == "markdown" and re.search(r"^# ", c.source, re.MULTILINE))
    title = re.search(r"<title>(.*?)</title>", page, re.DOTALL).group(1)
    assert title.startswith("01 · Origins"), title
    assert heading.split(":")[0] in title
    assert '<html lang="en">' in page
    assert "Offline copy of the notebook 01_origins.ipynb" in page


def test_page_needs_no_javascript_and_loads_nothing_from_elsewhere(page: str) -> None:
    assert "<script" not in page.lower()
    assert offline.remote_resources(page) == []
    for needle in ("require.js", "requirejs", "mathjax", "cdnjs", "unpkg", "jsdelivr", "@jupyter-widgets/html-manager"):
        assert needle not in page.lower(), needle


def test_the_only_web_addresses_are_links_a_reader_follows(page: str) -> None:
    parser = UrlPlaces()
    parser.feed(page)
    allowed = [p for p in parser.places if (p[0], p[1]) == ("a", "href") or p[0] == "text"
               or (p[1].startswith("xmlns") and p[2].startswith("http://www.w3.org/"))]
    strays = [p for p in parser.places if p not in allowed]
    assert strays == []
    assert not any(p[1] in ("script", "style") for p in parser.places if p[0] == "text")
    assert any((p[0], p[1]) == ("a", "href") for p in parser.places), "the sources list should keep its links"


def test_widget_views_are_replaced_by_their_summaries(page: str, notebook: nbformat.NotebookNode) -> None:
    views = outputs_with(notebook, offline.WIDGET_VIEW_MIME)
    assert len(views) >= 2  # notebook 01: the toy score and the cut-off panels
    assert "widget-view+json" not in page and "widget-state+json" not in page
    summaries = re.findall(r'<div class="kit-panel-summary" role="note"><p>(.*?)</p></div>', page, re.DOTALL)
    assert len(summaries) == len(views)
    for view, shown in zip(views, summaries):
        text = "".join(view["data"]["text/plain"])
        assert text in html.unescape(shown)
    assert any("Approved: 38,287 of 100,000 synthetic people" in s for s in summaries)


def test_charts_are_inline_svg_figures_named_by_their_description(page: str, notebook: nbformat.NotebookNode) -> None:
    charts = outputs_with(notebook, offline.VEGALITE_MIME)
    figures = re.findall(r'<figure class="kit-chart" id="([^"]+)">(.*?)</figure>', page, re.DOTALL)
    assert len(figures) == len(charts) >= 3
    for (chart_id, body), chart in zip(figures, charts):
        svg_tag = re.match(r"<svg\b[^>]*>", body)
        assert svg_tag, "the figure should start with the inline SVG"
        assert 'role="img"' in svg_tag.group(0) and f'aria-labelledby="{chart_id}-caption"' in svg_tag.group(0)
        caption = re.search(rf'<figcaption id="{chart_id}-caption">(.*?)</figcaption>', body, re.DOTALL).group(1)
        assert html.unescape(caption) == "".join(chart["data"]["text/plain"])
        assert chart["data"][offline.VEGALITE_MIME]["description"] in html.unescape(caption)
        assert re.search(r'class="mark-(rect|rule|line|area|symbol|text)', body), "the SVG should hold chart marks"
    assert len(set(re.findall(r'\bid="([^"]+)"', page))) == len(re.findall(r'\bid="([^"]+)"', page)), \
        "ids must be unique on the page"


def test_checks_that_need_a_kernel_are_left_out(page: str) -> None:
    assert "Test case failed" not in page
    assert "Traceback" not in page
    assert "otter.Notebook(" not in page  # otter's set-up cell
    assert "grader.check(" in page  # the check cells stay, so readers know where checks run


# --------------------------------------------------------------------------- remote_resources


@pytest.mark.parametrize("snippet", [
    '<script src="https://cdn.example.org/require.js"></script>',
    '<link rel="stylesheet" href="//fonts.example.org/font.css">',
    '<style>@import url(https://fonts.example.org/x.css);</style>',
    "<style>body { background: url('https://example.org/bg.png') }</style>",
    '<img src="https://example.org/chart.png" alt="">',
    '<img src="chart.png" alt="">',  # a file beside the page: not self-contained either
    '<svg><image href="https://example.org/x.png"/></svg>',
    '<div style="background-image: url(http://example.org/a.png)"></div>',
])
def test_remote_resources_finds_what_a_browser_would_fetch(snippet: str) -> None:
    assert offline.remote_resources(f"<html><body>{snippet}</body></html>") != []


@pytest.mark.parametrize("snippet", [
    '<a href="https://example.org/report">the report</a>',
    "<p>see https://example.org/report</p>",
    '<img src="data:image/png;base64,AAAA" alt="">',
    '<svg xmlns="http://www.w3.org/2000/svg"><use href="#m"/></svg>',
])
def test_remote_resources_leaves_links_and_inline_data_alone(snippet: str) -> None:
    assert offline.remote_resources(f"<html><body>{snippet}</body></html>") == []


# --------------------------------------------------------------------------- choosing notebooks


def test_notebooks_lists_the_executed_notebooks_and_filters_by_number() -> None:
    everything = export.notebooks()
    assert NOTEBOOK in everything
    assert all(re.fullmatch(r"\d\d_\w+\.ipynb", p.name) for p in everything)
    assert export.notebooks(["01"]) == [NOTEBOOK]


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet="abcxyz9_-", min_size=1, max_size=6))
def test_unknown_prefixes_are_refused_naming_the_parameter(prefix: str) -> None:
    with pytest.raises(ValueError, match="prefixes"):
        export.notebooks([prefix])


def test_command_line_reports_unknown_notebooks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert export.main(["html", "zz", "--out", str(tmp_path)]) == 1
    assert "match no notebook" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_sessions_group_existing_notebooks_and_skip_empty_sessions() -> None:
    paths = [Path(n) for n in ("01_a.ipynb", "02_b.ipynb", "07_c.ipynb")]
    assert slides.sessions(paths) == {1: paths[:2], 3: paths[2:]}
    assert slides.sessions([]) == {}


# --------------------------------------------------------------------------- charts offline


def code(source: str, *outputs: dict, **metadata: object) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source, metadata=metadata)
    cell.outputs = [nbformat.v4.new_output("execute_result", data=o, execution_count=1) for o in outputs]
    return cell


def test_a_chart_saved_without_svg_or_text_is_drawn_and_described(notebook: nbformat.NotebookNode) -> None:
    spec = outputs_with(notebook, offline.VEGALITE_MIME)[0]["data"][offline.VEGALITE_MIME]
    nb = nbformat.v4.new_notebook(cells=[code("chart", {offline.VEGALITE_MIME: spec})])
    nb, _ = offline.OfflineOutputs().preprocess(nb, {})
    data = nb.cells[0].outputs[0]["data"]
    assert set(data) == {"text/html", "text/plain"}
    assert data["text/plain"].startswith("Chart: FICO") and spec["description"] in data["text/plain"]
    assert '<figure class="kit-chart" id="kit-chart-1"><svg role="img"' in data["text/html"]
    assert 'class="mark-rect role-mark' in data["text/html"]


def test_empty_mark_groups_are_hidden_from_screen_readers():
    from widgets.course.offline import chart_figure

    svg = ('<svg xmlns="http://www.w3.org/2000/svg"><g role="graphics-symbol" aria-roledescription="x"/>'
           '<g role="graphics-symbol"><path d="M0,0"/></g></svg>')
    figure = chart_figure(svg, "A chart of nothing.", "c1")
    assert '<g role="graphics-symbol" aria-roledescription="x" aria-hidden="true"/>' in figure
    assert '<g role="graphics-symbol"><path' in figure  # a group with marks stays announced
