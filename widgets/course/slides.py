"""Slide decks to teach from: one reveal.js deck per teaching session, for each schedule of the course map.

    python -m widgets.course.export slides     # instructor/dist/slides/3x90-session-1.html ... 6x50-session-6.html

What each slide says (the ``Slide``, the word limits and ``slide_problems``, the slides of a
notebook's slide regions and executed cells) is ``widgets.course.slide_content``; its names are
re-exported here. This module puts the slides into sessions: each deck opens with a title slide
(the session's theme, minutes and agenda, from the course map and the guide's timetable), then
each notebook's slides, then a review; and it writes the page. reveal.js and its notes plugin are
inlined from the ``sphinx-revealjs`` wheel, so a deck opens with no network.
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

import jinja2
from markupsafe import Markup

from .. import course_map
from . import guide
from .build import ROOT
from .offline import TEMPLATES, checked, strip_css_comments, stylesheet
from .slide_content import (  # noqa: F401  (re-exported: what a slide says is part of this module's API)
    KIND_TAGS, LABELS, OBJECTIVES_WORD_LIMIT, TITLE_WORD_LIMIT, WORD_LIMIT, Slide, learning_objectives,
    markdown_html, narrative_blocks, notebook_slides, parse_region, plain_text, read_notebook_slides,
    region_kind, region_slides, slide_problems,
)

SLIDES_DIR = ROOT / "instructor" / "dist" / "slides"
REVEAL_PACKAGE = "sphinx_revealjs"  # PyPI: sphinx-revealjs==3.2.1, which ships reveal.js 5.2.0
REVEAL_DIR = "_static/revealjs"
_CJK = re.compile(r"([\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+)")


# --------------------------------------------------------------------------- sessions


def sessions(available: Sequence[Path], plan: dict[int, tuple[str, ...]] | None = None) -> dict[int, list[Path]]:
    """Session number -> the notebooks of that session that exist (sessions with none are left out).

    ``plan`` defaults to the course map's three 90-minute sessions (``course_map.sessions("3x90")``).
    """
    plan = course_map.sessions("3x90") if plan is None else plan
    grouped = {n: [nb for nb in available if nb.name[:2] in numbers] for n, numbers in plan.items()}
    return {n: nbs for n, nbs in grouped.items() if nbs}


def _minutes(value: float) -> str:
    return f"{value:g} min"


def _when_label(rows: list[guide.ScheduleRow]) -> str:
    if not rows or any(r.when == "class" for r in rows):
        return ""
    return "set as preparation" if all(r.when == "before" for r in rows) else "set as homework"


def _timing_note(rows: list[guide.ScheduleRow]) -> str:
    parts = []
    for row in rows:
        where = {"class": "In class", "before": "Before class", "after": "After class"}.get(row.when, row.when)
        parts.append(f"{where}, {_minutes(row.minutes)}" + (f": {row.activity}" if row.activity else ""))
    return "**Timetable.** " + "; ".join(parts) + "."


def agenda(rows: list[guide.ScheduleRow]) -> list[tuple[str, float]]:
    """The class time of a session in order: consecutive rows of one notebook joined, activities by name."""
    items: list[tuple[str, float]] = []
    last = None
    for row in rows:
        if row.when != "class":
            continue
        key = row.notebook if row.notebook != guide.NO_NOTEBOOK else row.section
        name = course_map.label(row.notebook) if row.notebook != guide.NO_NOTEBOOK else row.section
        if key == last:
            items[-1] = (name, items[-1][1] + row.minutes)
        else:
            items.append((name, row.minutes))
        last = key
    return items


def title_slide(schedule: str, session: int, numbers: Sequence[str], rows: list[guide.ScheduleRow]) -> Slide:
    """The session's title slide: its theme, minutes and agenda (the guide's class time per notebook)."""
    plan = course_map.load_map().schedules[schedule]
    theme = guide.session_heading(schedule, session)
    title = theme[:1].upper() + theme[1:] if theme else " · ".join(course_map.notebook(n).label for n in numbers)
    items = agenda(rows)
    if items:
        body = "\n".join(f"- {name} ({_minutes(minutes)})" for name, minutes in items)
    else:
        body = "\n".join(f"- {course_map.label(n)}" for n in numbers)
    notes = [f"Schedule {schedule}: session {session} of {len(plan.sessions)}, {plan.minutes} minutes in class."]
    for when, heading in (("before", "Set before class"), ("class", "In class"), ("after", "After class")):
        listed = [r for r in rows if r.when == when]
        if listed:
            notes.append(f"**{heading}:**\n\n" + "\n".join(
                f"- {r.notebook} {r.section}, {_minutes(r.minutes)}" + (f": {r.activity}" if r.activity else "")
                for r in listed))
    notes.append("Keys: → or Space next, ← back, S speaker view with these notes, Esc overview.")
    label = f"Session {session} of {len(plan.sessions)} · {plan.minutes} minutes"
    return Slide("title", title, body, notes, label=label)


def review_slides(rows: list[guide.ScheduleRow]) -> list[Slide]:
    """Slides for the guide's review rows that open a session: the earlier notebook's prompts it names."""
    made = []
    for row in rows:
        if row.notebook != guide.NO_NOTEBOOK and row.when == "class":
            break  # reviews come before the first notebook of the session
        if row.notebook != guide.NO_NOTEBOOK or row.when != "class":
            continue
        ref = guide.referenced_prompts(row.activity)
        if not ref:
            continue
        number, wanted = ref
        found = guide.prompts(number)
        for k in wanted:
            if 1 <= k <= len(found):
                made.append(Slide("discussion", row.section, found[k - 1],
                                  [f"**Timetable.** In class, {_minutes(row.minutes)}: {row.activity}."],
                                  notebook=number, label=LABELS["review"], prompt=k,
                                  meta=f"Review of {course_map.label(number)}, prompt {k}"))
    return made


def _prompt_notes(rows: list[guide.ScheduleRow], number: str, prompt: int | None) -> list[str]:
    """Where the session's timetable uses a notebook's discussion prompt, for the prompt's notes."""
    if prompt is None:
        return []
    used = [r for r in rows if r.notebook == guide.NO_NOTEBOOK
            and (ref := guide.referenced_prompts(r.activity)) and ref[0] == number and prompt in ref[1]]
    if used:
        return [f"**Timetable.** {r.section} ({_minutes(r.minutes)} in class): {r.activity}." for r in used]
    return [f"Discussion prompt {prompt} of notebook {number} in the instructor's guide (section 4); "
            "this session's timetable does not use it in class, so it suits a seminar, a forum or an exit ticket."]


def session_slides(schedule: str, session: int, paths: dict[str, Path]) -> list[Slide]:
    """Every slide of a session's deck: title, reviews, then each notebook's slides (timetable in the notes)."""
    numbers = course_map.sessions(schedule)[session]
    rows = guide.schedule_rows(schedule, session)
    slides = [title_slide(schedule, session, numbers, rows)] + review_slides(rows)
    for number in numbers:
        if number not in paths:
            raise ValueError(f"notebook {number} of {schedule} session {session} has no executed copy; "
                             f"run ./kit build {number}")
        part = read_notebook_slides(paths[number])
        seen: set[str] = set()
        label = course_map.label(number)
        timed = [r for r in rows if r.notebook == number]
        part[0].meta = label + "".join(f" · {_minutes(sum(r.minutes for r in timed if r.when == w))} {w}"
                                       for w in ("class", "before", "after") if any(r.when == w for r in timed))
        for slide in part[1:]:
            if slide.kind == "discussion":
                slide.meta = f"{label} · discussion prompt {slide.prompt}" if slide.prompt else label
                slide.notes[:0] = _prompt_notes(rows, number, slide.prompt)
                continue
            section_rows = [r for r in timed if r.section == slide.section]
            slide.meta = " · ".join(p for p in (label, slide.section, _when_label(section_rows)) if p)
            if slide.section not in seen and section_rows:
                slide.notes.insert(0, _timing_note(section_rows))
            seen.add(slide.section)
        slides += part
    return slides


# --------------------------------------------------------------------------- reveal.js and the page


@dataclass(frozen=True)
class RevealAssets:
    """reveal.js's script, core CSS, theme CSS and notes plugin, read from an installed package."""

    version: str
    js: str
    css: str
    theme_css: str
    notes_js: str


def _script(text: str) -> str:
    return text.replace("</script", "<\\/script")


@cache
def reveal_assets(theme: str = "white") -> RevealAssets:
    """reveal.js from the ``sphinx-revealjs`` package (no CDN); its theme without web-font imports."""
    try:
        base = importlib_resources.files(REVEAL_PACKAGE).joinpath(REVEAL_DIR)
        js = base.joinpath("dist/reveal.js").read_text(encoding="utf-8")
        css = base.joinpath("dist/reveal.css").read_text(encoding="utf-8")
        theme_css = base.joinpath(f"dist/theme/{theme}.css").read_text(encoding="utf-8")
        notes_js = base.joinpath("plugin/notes/notes.js").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as missing:
        raise RuntimeError("slides need reveal.js from the sphinx-revealjs package: "
                           "pip install sphinx-revealjs==3.2.1") from missing
    match = re.search(r"reveal\.js (\d+\.\d+\.\d+)", js[:300])
    theme_css = re.sub(r"@import\s+url\([^)]*\)\s*;", "", theme_css)  # fonts fall back to local ones
    return RevealAssets(version=match.group(1) if match else "unknown", js=_script(js), css=css,
                        theme_css=theme_css, notes_js=_script(notes_js))


def mark_chinese(fragment: str) -> str:
    """Wrap runs of Chinese characters in ``<span lang="zh-Hans">`` (text only, never inside a tag)."""
    parts = re.split(r"(<[^>]+>)", fragment)
    return "".join(p if p.startswith("<") else _CJK.sub(r'<span lang="zh-Hans">\1</span>', p) for p in parts)


def _inline(text: str) -> Markup:
    rendered = markdown_html(text).strip()
    rendered = re.sub(r"^<p>(.*)</p>$", r"\1", rendered, flags=re.DOTALL)
    return Markup(mark_chinese(rendered))


def _block(text: str) -> Markup:
    return Markup(mark_chinese(markdown_html(text))) if text.strip() else Markup("")


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    return env.get_template("kit_deck.html.j2")


def deck_path(schedule: str, session: int, out_dir: Path = SLIDES_DIR) -> Path:
    """Where a session's deck is written: ``out_dir/3x90-session-1.html``."""
    return Path(out_dir) / f"{schedule}-session-{session}.html"


def render_deck(slides: Sequence[Slide], title: str) -> str:
    """The deck as one self-contained HTML page (reveal.js and its notes plugin inlined)."""
    assets = reveal_assets()
    shown = [{
        "kind": s.kind, "label": s.label, "title": _inline(s.title), "body": _block(s.body),
        "figure": Markup(s.figure), "sources": s.sources, "meta": s.meta, "notebook": s.notebook,
        "words": s.words, "notes": Markup("".join(mark_chinese(markdown_html(n)) for n in s.notes)),
    } for s in slides]
    page = _template().render(
        title=title, slides=shown, reveal_css=Markup(assets.css),
        theme_css=Markup(assets.theme_css), kit_css=Markup(stylesheet("kit.css") + stylesheet("slides.css")),
        reveal_js=Markup(assets.js), notes_js=Markup(assets.notes_js))
    return strip_css_comments(page)


def export_slides(schedule: str, session: int, paths: dict[str, Path], out_dir: Path = SLIDES_DIR) -> Path:
    """Write one session's deck; refuse a deck with a slide over its word limit, empty or ending in a lead-in."""
    slides = session_slides(schedule, session, paths)
    problems = slide_problems(slides)
    if problems:
        raise ValueError(f"{schedule} session {session}: " + "; ".join(problems))
    plan = course_map.load_map().schedules[schedule]
    title = f"Session {session} of {len(plan.sessions)} ({plan.minutes} minutes): {slides[0].title}"
    path = deck_path(schedule, session, out_dir)
    page = checked(render_deck(slides, title), path.name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return path


def export_all(paths: dict[str, Path], out_dir: Path = SLIDES_DIR,
               schedules: Sequence[str] | None = None) -> list[Path]:
    """Every session's deck of every schedule (or of the ones named) whose notebooks all exist."""
    written = []
    for schedule in schedules or list(course_map.load_map().schedules):
        for session, numbers in course_map.sessions(schedule).items():
            if all(n in paths for n in numbers):
                written.append(export_slides(schedule, session, paths, out_dir))
    return written
