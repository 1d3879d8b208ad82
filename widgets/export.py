"""Offline copies of the executed notebooks: one HTML page per notebook, one slide deck per session.

    python -m widgets.export html [NN ...]   # instructor/dist/html/NN_topic.html
    python -m widgets.export slides          # instructor/dist/slides/session-N.slides.html

nbconvert does the work, with two changes so that the files open with no network at all:

* ``OfflineOutputs`` (a preprocessor) turns each chart into its static SVG inside a
  ``<figure>`` whose caption is the chart's text description, replaces each live widget
  by its summary sentence (the static companion chart sits in the cell before it), drops
  the saved widget state and the otter-grader check results (they need a kernel);
* the templates (kept in this module) leave out require.js, the widget manager, MathJax
  and mermaid, which nbconvert loads from CDNs. Pages carry no JavaScript; decks inline
  reveal.js, read from the ``sphinx-revealjs`` wheel (a PyPI package that ships reveal.js).

Slides come from cell metadata ``slideshow.slide_type`` when the source sets it (Jupytext:
``<!-- #region slideshow={"slide_type": "slide"} -->``); otherwise ``SlideDefaults`` picks
one: headings start slides, charts and exercises start sub-slides, code is not shown.
"""

from __future__ import annotations

import argparse
import copy
import html
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any, ClassVar

import jinja2
import nbformat
from nbconvert import HTMLExporter, SlidesExporter
from nbconvert.preprocessors import Preprocessor

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
HTML_DIR = ROOT / "instructor" / "dist" / "html"
SLIDES_DIR = ROOT / "instructor" / "dist" / "slides"
# Teaching sessions -> notebook numbers: schedule A of instructor/guide.md (tests/test_guide.py checks they agree).
SESSIONS: dict[int, tuple[str, ...]] = {1: ("00", "01", "02"), 2: ("03", "04", "05"), 3: ("06", "07", "08")}

VEGALITE_MIME = "application/vnd.vegalite.v5+json"
WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"
SVG_MIME = "image/svg+xml"
SLIDE_TYPES = ("slide", "subslide", "fragment", "-", "skip", "notes")
SLIDE_TEXT_BUDGET = 900  # characters of text on one (sub)slide before a new sub-slide starts
CHART_TEXT_WEIGHT = 700  # a chart fills about as much of a slide as this many characters
REVEAL_PACKAGE = "sphinx_revealjs"  # PyPI: sphinx-revealjs==3.2.1, which ships reveal.js 5.2.0
REVEAL_DIR = "_static/revealjs"


# --------------------------------------------------------------------------- cells


def _code_of(cell: nbformat.NotebookNode) -> str:
    return cell.source if isinstance(cell.source, str) else "".join(cell.source)


def is_otter_setup(cell: nbformat.NotebookNode) -> bool:
    """Whether a cell is otter-grader's set-up cell (``grader = otter.Notebook(...)``)."""
    return cell.cell_type == "code" and _code_of(cell).lstrip().startswith("# Initialize Otter")


def is_otter_check(cell: nbformat.NotebookNode) -> bool:
    """Whether a cell only runs an otter-grader check (its result needs a live kernel)."""
    return cell.cell_type == "code" and _code_of(cell).strip().startswith("grader.check")


def is_answer_cell(cell: nbformat.NotebookNode) -> bool:
    """Whether a cell is where a student types an answer (otter tags it ``otter_answer_cell``)."""
    return "otter_answer_cell" in cell.metadata.get("tags", [])


def chart_figure(svg: str, description: str, chart_id: str) -> str:
    """An inline SVG chart in a ``<figure>``; the caption (its text description) names the image."""
    svg = re.sub(r"^\s*<\?xml[^>]*\?>\s*", "", svg)
    for old in sorted(set(re.findall(r'\bid="([^"]+)"', svg))):  # unique ids when several charts share a page
        new = f"{chart_id}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"').replace(f"url(#{old})", f"url(#{new})")
        svg = svg.replace(f'href="#{old}"', f'href="#{new}"')
    caption = f"{chart_id}-caption"
    svg = re.sub(r"^<svg\b", f'<svg role="img" aria-labelledby="{caption}" focusable="false"', svg.lstrip(), count=1)
    # an empty mark group (a layer with no rows in one facet) announces nothing: hide it from
    # assistive technology instead of leaving an unlabelled graphics-symbol behind
    svg = re.sub(r'<g([^>]*?role="graphics-symbol"[^>]*?)\s*(/>|></g>)', r'<g\1 aria-hidden="true"\2', svg)
    return (f'<figure class="kit-chart" id="{chart_id}">{svg}'
            f'<figcaption id="{caption}">{html.escape(description)}</figcaption></figure>')


def panel_summary(summary: str) -> str:
    """What replaces a live panel offline: a note with the panel's summary sentence."""
    return ('<div class="kit-panel-summary" role="note"><p><strong>Live panel</strong> '
            "(interactive when the notebook runs in Jupyter; shown here in its default state): "
            f"{html.escape(summary)}</p></div>")


def _text(value: Any) -> str:
    return value if isinstance(value, str) else "".join(value)


class OfflineOutputs(Preprocessor):
    """Outputs that need no kernel, widget manager or network: SVG charts, panel summaries."""

    def preprocess(self, nb: nbformat.NotebookNode, resources: dict[str, Any]) -> tuple[nbformat.NotebookNode, dict]:
        nb = copy.deepcopy(nb)
        nb.metadata.pop("widgets", None)
        title = _first_heading(nb)
        if title and "title" not in nb.metadata:
            nb.metadata["title"] = title
        nb.cells = [cell for cell in nb.cells if not is_otter_setup(cell)]
        prefix = resources.get("kit_chart_prefix", "kit-chart")
        charts = 0
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            if is_otter_check(cell):
                cell.outputs = []
                continue
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if WIDGET_VIEW_MIME in data:
                    output["data"] = {"text/html": panel_summary(_text(data.get("text/plain", ""))),
                                      "text/plain": _text(data.get("text/plain", ""))}
                    output["metadata"] = {}
                elif VEGALITE_MIME in data or SVG_MIME in data:
                    charts += 1
                    description = _text(data.get("text/plain", ""))
                    svg = _text(data[SVG_MIME]) if SVG_MIME in data else _svg_from_spec(data[VEGALITE_MIME])
                    if not description and VEGALITE_MIME in data:
                        description = _describe(data[VEGALITE_MIME])
                    output["data"] = {"text/html": chart_figure(svg, description, f"{prefix}-{charts}"),
                                      "text/plain": description}
                    output["metadata"] = {}
        return nb, resources


def _describe(spec: dict[str, Any]) -> str:
    """The chart's text form, as the kit's renderer writes it (altair is imported only when needed)."""
    from . import charts as kit_charts

    return kit_charts.describe(spec)


def _svg_from_spec(spec: dict[str, Any]) -> str:
    """Draw a Vega-Lite spec that was saved without its SVG (vl-convert, no network)."""
    import vl_convert as vlc

    from . import charts as kit_charts

    return vlc.vegalite_to_svg(spec, vl_version=kit_charts.VL_VERSION)


def _first_heading(nb: nbformat.NotebookNode) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+?)\s*$", _text(cell.source), re.MULTILINE)
            if match:
                return match.group(1)
    return ""


# --------------------------------------------------------------------------- slides


def _markdown_lead(source: str) -> str:
    """A markdown cell's text without leading HTML comments (otter leaves ``<!-- BEGIN QUESTION -->``)."""
    return re.sub(r"^(\s*<!--.*?-->)*\s*", "", source, flags=re.DOTALL)


def _weight(cell: nbformat.NotebookNode) -> int:
    """Roughly how much of a slide a cell fills, in characters of text."""
    if cell.cell_type == "markdown":
        return len(_markdown_lead(_text(cell.source)))
    weight = 0
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if "text/html" in data and "kit-chart" in _text(data["text/html"]):
            weight += CHART_TEXT_WEIGHT
        else:
            weight += len(_text(data.get("text/markdown", data.get("text/plain", output.get("text", "")))))
    return weight


def default_slide_type(cell: nbformat.NotebookNode, filled: int) -> str:
    """The slide type of a cell with none set, given how much text the current slide already holds.

    Headings (#, ##) start a slide and ### a sub-slide; exercises and charts get a sub-slide of
    their own; otter-grader cells, answer cells and code with nothing to show are skipped (slides
    show no code); anything that would overflow the current slide starts a new sub-slide.
    """
    if is_otter_setup(cell) or is_otter_check(cell) or is_answer_cell(cell):
        return "skip"
    if cell.cell_type == "code":
        outputs = cell.get("outputs", [])
        if not outputs:
            return "skip"
        if any("kit-chart" in _text(o.get("data", {}).get("text/html", "")) for o in outputs):
            return "subslide"
        if any("kit-panel-summary" in _text(o.get("data", {}).get("text/html", "")) for o in outputs):
            return "-"  # a live panel's summary stays with its static companion chart
    elif cell.cell_type == "markdown":
        lead = _markdown_lead(_text(cell.source))
        if re.match(r"#{1,2}\s", lead):
            return "slide"
        if re.match(r"#{3}\s", lead) or re.match(r"\*\*Exercise\b", lead):
            return "subslide"
    else:
        return "skip"
    return "subslide" if filled and filled + _weight(cell) > SLIDE_TEXT_BUDGET else "-"


def split_at_headings(cell: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    """A markdown cell cut before each heading (#, ##, ###) that is not its first line, so headings can start slides.

    Cells with slide metadata and lines inside code fences are left alone.
    """
    if cell.cell_type != "markdown" or "slideshow" in cell.metadata:
        return [cell]
    parts: list[list[str]] = [[]]
    fenced = False
    for line in _text(cell.source).splitlines(keepends=True):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        if not fenced and re.match(r"#{1,3}\s", line) and "".join(parts[-1]).strip():
            parts.append([])
        parts[-1].append(line)
    if len(parts) == 1:
        return [cell]
    pieces = []
    for index, lines in enumerate(parts):
        piece = copy.deepcopy(cell)
        piece.source = "".join(lines).strip("\n")
        if index:
            piece["id"] = f"{cell.get('id', 'cell')}-{index}"
            piece.pop("attachments", None)
        pieces.append(piece)
    return pieces


class SlideDefaults(Preprocessor):
    """Give every cell without ``slideshow.slide_type`` metadata a default one (see ``default_slide_type``).

    Markdown cells without slide metadata are first cut at their headings (``split_at_headings``).
    """

    def preprocess(self, nb: nbformat.NotebookNode, resources: dict[str, Any]) -> tuple[nbformat.NotebookNode, dict]:
        nb = copy.deepcopy(nb)
        nb.cells = [piece for cell in nb.cells for piece in split_at_headings(cell)]
        filled = 0
        for cell in nb.cells:
            explicit = cell.metadata.get("slideshow", {}).get("slide_type")
            if explicit is not None and explicit not in SLIDE_TYPES:
                raise ValueError(f"slideshow.slide_type must be one of {SLIDE_TYPES}; got {explicit!r}")
            slide_type = explicit or default_slide_type(cell, filled)
            cell.metadata.setdefault("slideshow", {})["slide_type"] = slide_type
            if slide_type in ("slide", "subslide"):
                filled = _weight(cell)
            elif slide_type in ("-", "fragment"):
                filled += _weight(cell)
        return nb, resources


# --------------------------------------------------------------------------- templates

KIT_CSS = """
main { max-width: 1100px; margin: 0 auto; }
.kit-export-note { margin: 1em 0 1.5em; padding: 0.6em 0.9em; border-left: 4px solid #0072B2;
  background: #f0f6fb; color: #1a1a1a; font-family: var(--jp-content-font-family);
  font-size: var(--jp-content-font-size1); }
/* links are told from text by more than colour (WCAG 1.4.1; axe: link-in-text-block) */
.jp-RenderedHTMLCommon a:link, .jp-RenderedHTMLCommon a:visited, .kit-export-note a { text-decoration: underline; }
figure.kit-chart { margin: 0.5em 0 1em; max-width: 100%; }
figure.kit-chart svg { max-width: 100%; height: auto; display: block; }
figure.kit-chart figcaption { margin-top: 0.4em; color: #333; font-style: italic; max-width: 60em; }
.kit-panel-summary { padding: 0.5em 0.8em; border: 1px dashed #555; border-radius: 4px; background: #fafafa; }
/* darker code colours: JupyterLab's defaults fall below WCAG AA contrast on the code background */
:root {
  --jp-mirror-editor-keyword-color: #006400; --jp-mirror-editor-comment-color: #3d6363;
  --jp-mirror-editor-string-color: #a01010; --jp-mirror-editor-number-color: #006400;
  --jp-mirror-editor-operator-color: #8b008b; --jp-mirror-editor-builtin-color: #006400;
  --jp-mirror-editor-variable-2-color: #0b4f8a; --jp-mirror-editor-meta-color: #8b008b;
}
/* long lines wrap instead of making a scroll box a keyboard user cannot focus */
.jp-InputArea-editor pre, .jp-OutputArea-output pre { white-space: pre-wrap; overflow-wrap: anywhere; }
.jp-OutputArea-output, .jp-InputArea-editor { overflow: visible; }
"""

SLIDES_CSS = """
.reveal .slides { text-align: left; }
.reveal { --r-link-color: #1a56a8; --r-link-color-hover: #0d3c7a; }
.reveal h1, .reveal h2, .reveal h3, .reveal h4 { text-transform: none; }
.reveal .slide-number { background-color: #4d4d4d; color: #fff; }  /* reveal's grey: 2.8:1 */
.reveal .slides section:not(.stack) { height: 100%; overflow-y: auto; }
.reveal h1 { font-size: 1.6em; } .reveal h2 { font-size: 1.3em; } .reveal h3 { font-size: 1.1em; }
.reveal table { font-size: 0.7em; }
.reveal figure.kit-chart svg { max-height: 440px; width: auto; }
.reveal figure.kit-chart figcaption { font-size: 0.6em; }
.reveal .kit-panel-summary { font-size: 0.7em; }
"""

_TEMPLATES = {
    # index.html.j2 resolves to nbconvert's lab template: keep its CSS, drop every remote script.
    "kit_offline.html.j2": """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_css -%}<style type="text/css">{{ resources.kit.css }}</style>{%- endblock html_head_css -%}
{%- block body_header -%}{{ super() }}
<p class="kit-export-note">{{ resources.kit.note | escape_html }}</p>
{%- endblock body_header -%}
""",
    # index.html.j2 resolves to nbconvert's reveal template; its header links reveal.js,
    # jQuery, require.js and MathJax from CDNs, so the header is rewritten with reveal inlined.
    "kit_slides.html.j2": """{%- extends 'index.html.j2' -%}
{%- block header -%}
<!DOCTYPE html>
<html lang="{{ resources.language_code }}">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<title>{{ nb.metadata.get('title', resources['metadata']['name']) | escape_html_keep_quotes }}</title>
<style type="text/css">{{ resources.kit.reveal_css }}</style>
{% for css in resources.inlining.css -%}<style type="text/css">{{ css }}</style>{% endfor %}
{{ self.notebook_css() }}
<style type="text/css">{{ resources.kit.theme_css }}</style>
<style type="text/css">{{ resources.kit.css }}</style>
</head>
{%- endblock header -%}
{%- block footer_js -%}
<script>{{ resources.kit.reveal_js }}</script>
<script>
Reveal.initialize({controls: true, progress: true, history: true, center: false, slideNumber: "c/t",
                   transition: "slide", width: 1280, height: 720, margin: 0.04});
</script>
{%- endblock footer_js -%}
""",
}


@dataclass(frozen=True)
class RevealAssets:
    """reveal.js's script, core CSS and theme CSS, read from an installed package."""

    version: str
    js: str
    css: str
    theme_css: str


@cache
def reveal_assets(theme: str = "white") -> RevealAssets:
    """reveal.js from the ``sphinx-revealjs`` package (no CDN); its theme without web-font imports."""
    try:
        base = importlib_resources.files(REVEAL_PACKAGE).joinpath(REVEAL_DIR)
        js = base.joinpath("dist/reveal.js").read_text(encoding="utf-8")
        css = base.joinpath("dist/reveal.css").read_text(encoding="utf-8")
        theme_css = base.joinpath(f"dist/theme/{theme}.css").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as missing:
        raise RuntimeError("slides need reveal.js from the sphinx-revealjs package: "
                           "pip install sphinx-revealjs==3.2.1") from missing
    match = re.search(r"reveal\.js (\d+\.\d+\.\d+)", js[:300])
    theme_css = re.sub(r"@import\s+url\([^)]*\)\s*;", "", theme_css)  # fonts fall back to local ones
    return RevealAssets(version=match.group(1) if match else "unknown",
                        js=js.replace("</script", "<\\/script"), css=css, theme_css=theme_css)


def _exporter(kind: type[HTMLExporter], template_file: str) -> HTMLExporter:
    """An nbconvert exporter using one of ``_TEMPLATES``, without In/Out prompts."""
    return kind(template_file=template_file, extra_loaders=[jinja2.DictLoader(_TEMPLATES)],
                exclude_input_prompt=True, exclude_output_prompt=True)


def html_exporter() -> HTMLExporter:
    """nbconvert's HTML exporter with the kit's offline template and ``OfflineOutputs``."""
    exporter = _exporter(HTMLExporter, "kit_offline.html.j2")
    exporter.register_preprocessor(OfflineOutputs(), enabled=True)
    return exporter


def slides_exporter() -> SlidesExporter:
    """nbconvert's reveal.js exporter with reveal inlined; code inputs are not shown on slides."""
    exporter = _exporter(SlidesExporter, "kit_slides.html.j2")
    exporter.exclude_input = True
    return exporter


def _strip_css_comments(page: str) -> str:
    """Remove comments from inlined style sheets (they hold reference URLs and bulk); scripts are left as they are."""
    def strip(match: re.Match[str]) -> str:
        return match.group(1) + re.sub(r"/\*.*?\*/", "", match.group(2), flags=re.DOTALL) + match.group(3)

    parts = re.split(r"(<script\b.*?</script>)", page, flags=re.DOTALL | re.IGNORECASE)
    return "".join(part if part[:7].lower() == "<script" else
                   re.sub(r"(<style[^>]*>)(.*?)(</style>)", strip, part, flags=re.DOTALL) for part in parts)


# --------------------------------------------------------------------------- checks


class _ResourceFinder(HTMLParser):
    """Collects every reference a browser would fetch on its own (not links a reader follows)."""

    FETCHED: ClassVar[frozenset[str]] = frozenset(
        {"src", "srcset", "poster", "data", "background", "action", "formaction", "manifest"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        for name, value in attrs:
            if value is None:
                continue
            fetched = name in self.FETCHED or (name in ("href", "xlink:href") and tag not in ("a", "area"))
            if fetched and not value.startswith(("data:", "#")):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name == "style":
                self._css(value)
        if tag == "meta" and dict(attrs).get("http-equiv", "").lower() == "refresh":
            self.found.append("<meta http-equiv=refresh>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self._css(data)

    def _css(self, css: str) -> None:
        for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)", css):
            if not ref.startswith(("data:", "#")):
                self.found.append(f"url({ref})")
        self.found += [f"@import {ref}" for ref in re.findall(r"@import\s+([^;]+);", css)]


def remote_resources(page: str) -> list[str]:
    """Everything in ``page`` that a browser would load from elsewhere (empty for a self-contained file)."""
    finder = _ResourceFinder()
    finder.feed(page)
    finder.close()
    return finder.found


def _checked(page: str, name: str) -> str:
    found = remote_resources(page)
    if found:
        raise RuntimeError(f"{name} would load {len(found)} resource(s) from elsewhere, e.g. {found[:3]}")
    return page


# --------------------------------------------------------------------------- commands


def notebooks(prefixes: Sequence[str] | None = None, folder: Path = NOTEBOOK_DIR) -> list[Path]:
    """The executed notebooks ``NN_topic.ipynb`` in ``folder``, optionally only those starting with ``prefixes``."""
    found = sorted(folder.glob("[0-9][0-9]_*.ipynb"))
    if prefixes:
        unknown = [p for p in prefixes if not any(nb.name.startswith(p) for nb in found)]
        if unknown:
            raise ValueError(f"prefixes {unknown} match no notebook in {folder}; "
                             f"available: {[nb.name for nb in found]}")
        found = [nb for nb in found if any(nb.name.startswith(p) for p in prefixes)]
    return found


def export_html(notebook: Path, out_dir: Path = HTML_DIR) -> Path:
    """Write ``out_dir/NN_topic.html``: one self-contained page, no JavaScript, no network."""
    nb = nbformat.read(notebook, as_version=4)
    note = (f"Offline copy of the notebook {notebook.name} from the teaching kit. Charts are static pictures "
            "with a text description; live panels appear in their default state. Open the notebook in "
            "Jupyter to run the code, move the controls and check your answers.")
    body, _ = html_exporter().from_notebook_node(
        nb, resources={"metadata": {"name": notebook.stem}, "kit": {"css": KIT_CSS, "note": note}})
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{notebook.stem}.html"
    path.write_text(_checked(_strip_css_comments(body), path.name), encoding="utf-8")
    return path


def sessions(available: Sequence[Path], plan: dict[int, tuple[str, ...]] = SESSIONS) -> dict[int, list[Path]]:
    """Session number -> the notebooks of that session that exist (sessions with none are left out)."""
    grouped = {n: [nb for nb in available if nb.name[:2] in numbers] for n, numbers in plan.items()}
    return {n: nbs for n, nbs in grouped.items() if nbs}


def session_notebook(session: int, parts: Sequence[Path]) -> nbformat.NotebookNode:
    """One notebook holding a session's notebooks in order, with a title slide, ready for the slide exporter."""
    deck = nbformat.v4.new_notebook()
    deck.metadata["title"] = f"Session {session}"
    titles = []
    for index, path in enumerate(parts):
        nb, _ = OfflineOutputs().preprocess(nbformat.read(path, as_version=4), {"kit_chart_prefix": f"kit-chart-{index}"})
        nb, _ = SlideDefaults().preprocess(nb, {})
        titles.append(nb.metadata.get("title", path.stem))
        visible = [c for c in nb.cells if c.metadata["slideshow"]["slide_type"] not in ("skip", "notes")]
        if visible:
            visible[0].metadata["slideshow"]["slide_type"] = "slide"  # each notebook starts a new slide
        for cell in nb.cells:
            cell["id"] = f"nb{path.name[:2]}-{cell.get('id', len(deck.cells))}"
            deck.cells.append(cell)
    listing = "\n".join(f"- {html.escape(t)}" for t in titles)
    intro = nbformat.v4.new_markdown_cell(
        f"# Session {session}\n\n{listing}\n\n*Slides made from the kit's notebooks. Charts are static; live "
        "panels show their default state. Keys: → or Space next, ↓ more on this topic, Esc overview.*",
        id="session-title", metadata={"slideshow": {"slide_type": "slide"}})
    deck.cells.insert(0, intro)
    return deck


def export_slides(session: int, parts: Sequence[Path], out_dir: Path = SLIDES_DIR) -> Path:
    """Write ``out_dir/session-N.slides.html``: one reveal.js deck, reveal inlined, no network."""
    assets = reveal_assets()
    deck = session_notebook(session, parts)
    body, _ = slides_exporter().from_notebook_node(
        deck, resources={"metadata": {"name": f"session-{session}"},
                         "kit": {"css": KIT_CSS + SLIDES_CSS, "reveal_js": assets.js,
                                 "reveal_css": assets.css, "theme_css": assets.theme_css}})
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"session-{session}.slides.html"
    path.write_text(_checked(_strip_css_comments(body), path.name), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m widgets.export", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    html_cmd = sub.add_parser("html", help="one self-contained HTML page per notebook")
    html_cmd.add_argument("prefixes", nargs="*", help="notebook numbers, e.g. 01 03 (default: all)")
    html_cmd.add_argument("--out", type=Path, default=HTML_DIR)
    slides_cmd = sub.add_parser("slides", help="one reveal.js deck per teaching session")
    slides_cmd.add_argument("--out", type=Path, default=SLIDES_DIR)
    args = parser.parse_args(argv)
    try:
        if args.command == "html":
            written = [export_html(nb, args.out) for nb in notebooks(args.prefixes)]
        else:
            written = [export_slides(n, parts, args.out) for n, parts in sessions(notebooks()).items()]
    except (ValueError, RuntimeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if not written:
        print(f"error: no executed notebooks in {NOTEBOOK_DIR}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} ({path.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
