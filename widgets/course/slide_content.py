"""What a slide says: the ``Slide``, its measures and checks, and the slides made from a notebook's
slide regions and executed cells (the deck builder, ``widgets.course.slides``, puts them into sessions).

What a slide shows is written in the notebook sources as *slide regions* (CONTRIBUTING.md, "A
slide"): a Markdown region tagged ``slide`` with a ``## `` title and at most ``WORD_LIMIT`` words
of body, placed before the cells it summarises. The build lifts the regions out of the notebooks'
cells into cell metadata (``widgets.course.build.lift_slides``), so the executed notebooks carry
them and this module reads them together with the executed outputs:

* a region tagged ``chart`` takes the first chart after it, drawn as an inline SVG at full width;
* ``discussion``, ``misconception``, ``precheck`` and ``keypoints`` regions are slides of their own
  kind; a discussion region with ``prompt=N`` and no body shows the guide's prompt N of its
  notebook, a misconception or pre-check region with ``rows`` shows statements of
  ``data/misconceptions.csv`` (one slide per row);
* the speaker notes of a slide are the notebook's narrative between its region and the next one
  (exercise prompts and code left out), unless a region tagged ``notes`` gives them; they go
  into ``<aside class="notes">`` for reveal.js's notes plugin (press S).

Each notebook's slides open with its learning objectives.
"""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import nbformat
from nbconvert.filters import markdown2html

from .. import course_map
from . import guide
from .build import KIT_KEY, NOTES_TAG, SLIDE_TAG
from .offline import (
    SVG_MIME, VEGALITE_MIME, WIDGET_VIEW_MIME, as_text, chart_figure, is_answer_cell, is_otter_check, is_otter_setup,
)

WORD_LIMIT = 40  # words of body text on a slide (title, sources line and notes not counted)
OBJECTIVES_WORD_LIMIT = 130  # a notebook's opening slide lists its 3-5 learning objectives
TITLE_WORD_LIMIT = 60  # a session's title slide: its agenda
KIND_TAGS = ("chart", "discussion", "misconception", "precheck", "keypoints")
LABELS = {"discussion": "Discussion", "misconception": "Common misconception", "precheck": "Pre-check",
          "review": "Review"}


# --------------------------------------------------------------------------- the slides


@dataclass
class Slide:
    """One slide: what the room sees (title, body, chart) and what the speaker reads (notes)."""

    kind: str  # title, objectives, text, chart, discussion, misconception, precheck, keypoints
    title: str
    body: str = ""  # Markdown
    notes: list[str] = field(default_factory=list)  # Markdown blocks for the speaker
    notebook: str = ""  # "03"; "" for the session's title slide
    section: str = ""  # the notebook's "##" heading the slide belongs to
    figure: str = ""  # an HTML <figure> with the chart's SVG (chart slides)
    sources: str = ""  # the region's last line "Sources: ..." (shown small, not counted)
    label: str = ""  # shown above the title: Discussion, Common misconception, Pre-check, Review
    meta: str = ""  # the small line at the foot: notebook, section, when in the schedule
    explicit_notes: bool = False  # notes came from a ``notes`` region
    prompt: int | None = None  # the guide's discussion prompt a discussion slide shows
    auto: bool = False  # a chart slide made for a chart that has no chart region of its own

    @property
    def text(self) -> str:
        """The body as plain text (what the word limit counts)."""
        return plain_text(markdown_html(self.body)) if self.body.strip() else ""

    @property
    def words(self) -> int:
        """Words of body text."""
        return len(self.text.split())

    @property
    def word_limit(self) -> int:
        """The most body words this kind of slide may hold."""
        return {"objectives": OBJECTIVES_WORD_LIMIT, "title": TITLE_WORD_LIMIT}.get(self.kind, WORD_LIMIT)


def markdown_html(text: str) -> str:
    """Markdown to HTML (nbconvert's renderer, as in the HTML exports), without heading anchors."""
    rendered = markdown2html(text)
    return re.sub(r'<a class="anchor-link" href="#[^"]*">&#182;</a>', "", rendered)


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def slide_problems(slides: Iterable[Slide]) -> list[str]:
    """What is wrong with a deck's slides: too many words, an empty slide, a lead-in alone, a chart missing."""
    problems = []
    for slide in slides:
        where = f"{slide.notebook or 'session'} '{slide.title}'"
        text = slide.text
        if not slide.title.strip():
            problems.append(f"{where}: a slide needs a title")
        if slide.words > slide.word_limit:
            problems.append(f"{where}: {slide.words} words of body text (at most {slide.word_limit})")
        if slide.kind == "chart" and "<svg" not in slide.figure:
            problems.append(f"{where}: a chart slide without a chart (no chart output follows its region)")
        if slide.kind != "chart" and not text:
            problems.append(f"{where}: an empty slide (no body text)")
        if text.endswith(":"):
            problems.append(f"{where}: the slide ends with a lead-in ('...{text[-40:]}') and nothing after it")
    return problems


# --------------------------------------------------------------------------- slide regions


def region_kind(tags: Sequence[str], where: str) -> str:
    """The kind of slide a region's tags make (``text`` when only ``slide``); unknown tags are refused."""
    allowed = {SLIDE_TAG, NOTES_TAG, *KIND_TAGS}
    unknown = [t for t in tags if t not in allowed]
    if unknown:
        raise ValueError(f"{where}: tags must be among {sorted(allowed)}; got {unknown}")
    kinds = [t for t in tags if t in KIND_TAGS]
    if len(kinds) > 1:
        raise ValueError(f"{where}: a slide region has one kind among {KIND_TAGS}; got {kinds}")
    return kinds[0] if kinds else "text"


def parse_region(source: str, where: str) -> tuple[str, str, str]:
    """A slide region's (title, body, sources line): '## Title', then the body, then an optional 'Sources: ...'."""
    lines = re.sub(r"^\s*(<!--.*?-->\s*)+", "", source, flags=re.DOTALL).strip().splitlines()
    if not lines or not lines[0].startswith("## "):
        first = lines[0] if lines else ""
        raise ValueError(f"{where}: a slide region must start with a '## ' title line; got {first!r}")
    title, rest = lines[0][3:].strip(), lines[1:]
    sources = ""
    if rest and re.match(r"Sources?:", rest[-1].strip()):
        sources = rest.pop().strip()
    return title, "\n".join(rest).strip(), sources


def _row_ids(value: Any, where: str) -> list[str]:
    from ..topics import myth_or_fact

    known = list(myth_or_fact.statements()["id"])
    if value == "all":
        return known
    ids = [value] if isinstance(value, str) else list(value) if isinstance(value, list) else None
    if not ids or any(i not in known for i in ids):
        raise ValueError(f"{where}: rows must be 'all', an id or a list of ids of data/misconceptions.csv; "
                         f"got {value!r}")
    return ids


def _statement_slides(kind: str, title: str, body: str, ids: list[str]) -> list[Slide]:
    """One pre-check or misconception slide per statement of ``data/misconceptions.csv``."""
    from ..topics import myth_or_fact

    table = myth_or_fact.statements(ids)
    made = []
    for row in table.itertuples():
        verdict = myth_or_fact.ANSWER_LABELS[row.verdict]
        meaning = myth_or_fact.ANSWER_MEANINGS[row.verdict]
        taken_up = course_map.label(row.notebook) if row.notebook in course_map.notebooks() else row.notebook
        notes = [f"**Answer: {verdict}** ({meaning}). {row.what_sources_say} [{row.source_id}]",
                 f"Taken up in {taken_up}."]
        if kind == "precheck":
            shown = f"“{row.statement}”" + (f"\n\n{body}" if body else "")
        else:
            shown = f"“{row.statement}”\n\n**{verdict}:** {meaning}." + (f" {body}" if body else "")
        made.append(Slide(kind, title, shown, notes))
    return made


def region_slides(entry: dict[str, Any], number: str) -> list[Slide]:
    """The slide(s) one lifted slide region makes (several for a region with ``rows``)."""
    tags = list(entry.get("tags", []))
    title, body, sources = parse_region(entry.get("source", ""), f"notebook {number}, slide region")
    where = f"notebook {number}, slide '{title}'"
    kind = region_kind(tags, where)
    if "rows" in entry:
        if kind not in ("precheck", "misconception"):
            raise ValueError(f"{where}: rows are for precheck and misconception slides; this one is {kind}")
        made = _statement_slides(kind, title, body, _row_ids(entry["rows"], where))
    else:
        made = [Slide(kind, title, body)]
        if "prompt" in entry:
            prompt = entry["prompt"]
            found = guide.prompts(number)
            if kind != "discussion" or not isinstance(prompt, int) or not 1 <= prompt <= max(len(found), 1):
                raise ValueError(f"{where}: prompt must be the number of one of the guide's {len(found)} "
                                 f"discussion prompts for notebook {number}, on a discussion slide; got {prompt!r}")
            made[0].prompt = prompt
            if not body and found:
                made[0].body = found[prompt - 1]
    for slide in made:
        slide.sources, slide.label = sources, LABELS.get(kind, "")
    return made


# --------------------------------------------------------------------------- notebook cells


def _headings(cell: nbformat.NotebookNode) -> list[str]:
    """The '##' section headings in a markdown cell, in order (code fences skipped)."""
    if cell.cell_type != "markdown":
        return []
    found, fenced = [], False
    for line in re.sub(r"<!--.*?-->", "", as_text(cell.source), flags=re.DOTALL).splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and line.startswith("## "):
            found.append(line[3:].strip())
    return found


def _starts_section(cell: nbformat.NotebookNode) -> str:
    """The '##' heading a markdown cell opens with, or ''."""
    text = re.sub(r"<!--.*?-->", "", as_text(cell.source), flags=re.DOTALL).lstrip()
    first = text.splitlines()[0] if text else ""
    return first[3:].strip() if first.startswith("## ") else ""


def narrative_blocks(source: str) -> list[str]:
    """The parts of a markdown cell worth reading aloud: no headings, objectives, how-to, exercises or code calls."""
    text = re.sub(r"<!--.*?-->", "", source, flags=re.DOTALL).strip()
    if re.match(r"\*\*Exercise\b", text):
        return []
    kept = []
    skip_list = False
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if not block:
            continue
        if re.match(r"\d+\.\s", block) and skip_list:  # the numbered list after "Learning objectives"
            skip_list = False
            continue
        skip_list = False
        if block.startswith("#"):
            block = "\n".join(line for line in block.splitlines() if not line.startswith("#")).strip()
            if not block:
                continue
        if block.startswith("**Learning objectives.**"):
            skip_list = True
            continue
        if block.startswith(("*How to use", "- **a**")) or re.search(r"`[^`]*\(", block):
            continue
        kept.append(block)
    return kept


def _chart_outputs(cell: nbformat.NotebookNode) -> list[tuple[str, str, str]]:
    """(svg, description, title) of each chart a code cell shows."""
    found = []
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if VEGALITE_MIME not in data and SVG_MIME not in data:
            continue
        spec = data.get(VEGALITE_MIME, {})
        if SVG_MIME in data:
            svg = as_text(data[SVG_MIME])
        else:
            from .offline import _svg_from_spec

            svg = _svg_from_spec(spec)
        description = as_text(data.get("text/plain", "")) or spec.get("description", "")
        title = spec.get("title", "")
        title = title.get("text", "") if isinstance(title, dict) else title
        found.append((svg, description, " ".join(title) if isinstance(title, list) else str(title)))
    return found


def _panel_summaries(cell: nbformat.NotebookNode) -> list[str]:
    return [as_text(o["data"].get("text/plain", "")) for o in cell.get("outputs", [])
            if WIDGET_VIEW_MIME in o.get("data", {})]


def learning_objectives(nb: nbformat.NotebookNode) -> list[str]:
    """The numbered list after '**Learning objectives.**' in a notebook, as Markdown lines."""
    for cell in nb.cells:
        text = as_text(cell.source)
        if cell.cell_type == "markdown" and "**Learning objectives.**" in text:
            after = text.split("**Learning objectives.**", 1)[1]
            listing = after[after.find("\n1. "):].strip().split("\n\n", 1)[0]
            return [" ".join(item.split()) for item in re.findall(r"^\d+\.\s+(.+?)(?=^\d+\.\s|\Z)", listing + "\n",
                                                                    re.MULTILINE | re.DOTALL)]
    return []


def _objectives_slide(nb: nbformat.NotebookNode, number: str) -> Slide:
    found = learning_objectives(nb)
    body = "\n".join(f"{i}. {text.rstrip(';.')}" for i, text in enumerate(found, start=1))
    return Slide("objectives", course_map.notebook(number).heading, body, notebook=number,
                 label=f"Notebook {number} · objectives")


def notebook_slides(nb: nbformat.NotebookNode, number: str) -> list[Slide]:
    """The slides of one executed notebook, in order: its objectives, then the slides of its regions.

    A chart slide takes the first chart after its region; a chart with no chart slide of its own
    gets one, titled with the chart's title, so that every chart of a notebook is in its deck.
    """
    slides = [_objectives_slide(nb, number)]
    current = slides[0]
    section = ""
    waiting: Slide | None = None  # a chart slide whose chart has not come yet
    charts = 0

    def add(made: list[Slide]) -> None:
        nonlocal current, waiting
        for slide in made:  # a discussion prompt belongs to the notebook, not to the section it sits in
            slide.notebook, slide.section = number, "" if slide.kind == "discussion" else section
        slides.extend(made)
        current = made[-1]
        waiting = made[-1] if made[-1].kind == "chart" else None

    entries_by_cell = [cell.metadata.get(KIT_KEY, {}).get("slides", []) for cell in nb.cells]
    for cell, entries in zip(nb.cells, entries_by_cell):
        section = _starts_section(cell) or section  # regions just before a heading belong to its section
        for entry in entries:
            if SLIDE_TAG in entry.get("tags", []):
                add(region_slides(entry, number))
            elif NOTES_TAG in entry.get("tags", []):
                blocks = [b for b in re.split(r"\n\s*\n", entry.get("source", "").strip()) if b.strip()]
                current.notes = (current.notes if current.explicit_notes else []) + blocks
                current.explicit_notes = True
        if cell.cell_type == "markdown":
            if not current.explicit_notes:
                current.notes.extend(narrative_blocks(as_text(cell.source)))
            section = (_headings(cell) or [section])[-1]
        elif cell.cell_type == "code" and not (is_otter_setup(cell) or is_otter_check(cell) or is_answer_cell(cell)):
            for svg, description, title in _chart_outputs(cell):
                charts += 1
                figure = chart_figure(svg, description, f"kit-chart-{number}-{charts}")
                figure = figure.replace("<figcaption ", '<figcaption class="kit-sr-only" ', 1)
                if waiting is None:
                    add([Slide("chart", title or "Chart", notes=[], auto=True)])
                waiting.figure = figure
                waiting.notes.insert(0, f"*The chart:* {description}")
                waiting = None
            for summary in _panel_summaries(cell):
                current.notes.append(f"*Live panel in the notebook, default state:* {summary}")
    for entry in nb.metadata.get(KIT_KEY, {}).get("slides", []):
        if SLIDE_TAG in entry.get("tags", []):
            add(region_slides(entry, number))
    return slides


@cache
def _read_slides(path: str, mtime: float) -> tuple[Slide, ...]:
    nb = nbformat.read(path, as_version=4)
    return tuple(notebook_slides(nb, Path(path).name[:2]))


def read_notebook_slides(path: Path) -> list[Slide]:
    """``notebook_slides`` of an executed notebook file (copies, cached per file version)."""
    return copy.deepcopy(list(_read_slides(str(path), path.stat().st_mtime)))
