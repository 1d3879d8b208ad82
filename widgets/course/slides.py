"""Slide decks: one reveal.js deck per teaching session of the course map, made from the executed notebooks.

    python -m widgets.course.export slides          # instructor/dist/slides/session-N.slides.html

Slides come from cell metadata ``slideshow.slide_type`` when the source sets it (Jupytext:
``<!-- #region slideshow={"slide_type": "slide"} -->``); otherwise ``SlideDefaults`` picks
one: headings start slides, charts and exercises start sub-slides, code is not shown. Charts
and panels are made offline by ``widgets.course.offline.OfflineOutputs``; reveal.js is inlined,
read from the ``sphinx-revealjs`` wheel, so a deck opens with no network.
"""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

import nbformat
from nbconvert import SlidesExporter
from nbconvert.preprocessors import Preprocessor

from .. import course_map
from .build import ROOT
from .offline import (
    OfflineOutputs, as_text, checked, exporter, is_answer_cell, is_otter_check, is_otter_setup, strip_css_comments,
    stylesheet,
)

SLIDES_DIR = ROOT / "instructor" / "dist" / "slides"
SLIDE_TYPES = ("slide", "subslide", "fragment", "-", "skip", "notes")
SLIDE_TEXT_BUDGET = 900  # characters of text on one (sub)slide before a new sub-slide starts
CHART_TEXT_WEIGHT = 700  # a chart fills about as much of a slide as this many characters
REVEAL_PACKAGE = "sphinx_revealjs"  # PyPI: sphinx-revealjs==3.2.1, which ships reveal.js 5.2.0
REVEAL_DIR = "_static/revealjs"


def _markdown_lead(source: str) -> str:
    """A markdown cell's text without leading HTML comments (otter leaves ``<!-- BEGIN QUESTION -->``)."""
    return re.sub(r"^(\s*<!--.*?-->)*\s*", "", source, flags=re.DOTALL)


def _weight(cell: nbformat.NotebookNode) -> int:
    """Roughly how much of a slide a cell fills, in characters of text."""
    if cell.cell_type == "markdown":
        return len(_markdown_lead(as_text(cell.source)))
    weight = 0
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if "text/html" in data and "kit-chart" in as_text(data["text/html"]):
            weight += CHART_TEXT_WEIGHT
        else:
            weight += len(as_text(data.get("text/markdown", data.get("text/plain", output.get("text", "")))))
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
        if any("kit-chart" in as_text(o.get("data", {}).get("text/html", "")) for o in outputs):
            return "subslide"
        if any("kit-panel-summary" in as_text(o.get("data", {}).get("text/html", "")) for o in outputs):
            return "-"  # a live panel's summary stays with its static companion chart
    elif cell.cell_type == "markdown":
        lead = _markdown_lead(as_text(cell.source))
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
    for line in as_text(cell.source).splitlines(keepends=True):
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


def slides_exporter() -> SlidesExporter:
    """nbconvert's reveal.js exporter with reveal inlined; code inputs are not shown on slides."""
    deck = exporter(SlidesExporter, "kit_slides.html.j2")
    deck.exclude_input = True
    return deck


def sessions(available: Sequence[Path], plan: dict[int, tuple[str, ...]] | None = None) -> dict[int, list[Path]]:
    """Session number -> the notebooks of that session that exist (sessions with none are left out).

    ``plan`` defaults to the course map's three 90-minute sessions (``course_map.sessions("3x90")``).
    """
    plan = course_map.sessions("3x90") if plan is None else plan
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
                         "kit": {"css": stylesheet("kit.css") + stylesheet("slides.css"), "reveal_js": assets.js,
                                 "reveal_css": assets.css, "theme_css": assets.theme_css}})
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"session-{session}.slides.html"
    path.write_text(checked(strip_css_comments(body), path.name), encoding="utf-8")
    return path
