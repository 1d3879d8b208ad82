"""What the offline pages and decks share: outputs that need no kernel, the kit's templates, the no-network check.

nbconvert does the work, with two changes so that the files open with no network at all:

* ``OfflineOutputs`` (a preprocessor) turns each chart into its static SVG inside a
  ``<figure>`` whose caption is the chart's text description, replaces each live widget
  by its summary sentence (the static companion chart sits in the cell before it), drops
  the saved widget state and the otter-grader check results (they need a kernel);
* the templates (``templates/``, package data, with the kit's CSS) leave out require.js, the
  widget manager, MathJax and mermaid, which nbconvert loads from CDNs.

``checked`` refuses a page that would load anything from elsewhere.
"""

from __future__ import annotations

import copy
import html
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import jinja2
import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor

TEMPLATES = Path(__file__).resolve().parent / "templates"  # CSS and Jinja templates (package data)

VEGALITE_MIME = "application/vnd.vegalite.v5+json"
WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"
SVG_MIME = "image/svg+xml"


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


def as_text(value: Any) -> str:
    """A notebook field as one string (nbformat keeps some as lists of lines)."""
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
                    output["data"] = {"text/html": panel_summary(as_text(data.get("text/plain", ""))),
                                      "text/plain": as_text(data.get("text/plain", ""))}
                    output["metadata"] = {}
                elif VEGALITE_MIME in data or SVG_MIME in data:
                    charts += 1
                    description = as_text(data.get("text/plain", ""))
                    svg = as_text(data[SVG_MIME]) if SVG_MIME in data else _svg_from_spec(data[VEGALITE_MIME])
                    if not description and VEGALITE_MIME in data:
                        description = _describe(data[VEGALITE_MIME])
                    output["data"] = {"text/html": chart_figure(svg, description, f"{prefix}-{charts}"),
                                      "text/plain": description}
                    output["metadata"] = {}
        return nb, resources


def _describe(spec: dict[str, Any]) -> str:
    """The chart's text form, as the kit's renderer writes it (altair is imported only when needed)."""
    from ..charts import theme as kit_charts

    return kit_charts.describe(spec)


def _svg_from_spec(spec: dict[str, Any]) -> str:
    """Draw a Vega-Lite spec that was saved without its SVG, e.g. by a student's kernel (vl-convert, no network)."""
    from ..charts import theme as kit_charts

    return kit_charts.svg(spec)


def _first_heading(nb: nbformat.NotebookNode) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+?)\s*$", as_text(cell.source), re.MULTILINE)
            if match:
                return match.group(1)
    return ""


@cache
def stylesheet(name: str) -> str:
    """One of the kit's style sheets in ``templates/`` (``kit.css`` for pages and decks, ``slides.css`` for decks)."""
    return (TEMPLATES / name).read_text(encoding="utf-8")


def exporter(kind: type[HTMLExporter], template_file: str) -> HTMLExporter:
    """An nbconvert exporter using one of the kit's templates in ``templates/``, without In/Out prompts."""
    return kind(template_file=template_file, extra_loaders=[jinja2.FileSystemLoader(str(TEMPLATES))],
                exclude_input_prompt=True, exclude_output_prompt=True)


def strip_css_comments(page: str) -> str:
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


def checked(page: str, name: str) -> str:
    """``page`` itself, after checking that it loads nothing from elsewhere (RuntimeError names what it would)."""
    found = remote_resources(page)
    if found:
        raise RuntimeError(f"{name} would load {len(found)} resource(s) from elsewhere, e.g. {found[:3]}")
    return page
