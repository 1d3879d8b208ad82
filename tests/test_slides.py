"""Slide decks to teach from (widgets.course.slides, build.lift_slides): what the sources say and what a deck holds.

The sources' slide regions are checked as written (titles, word limits, one per section, the
guide's prompts); the committed notebooks carry them in metadata, not as cells; every session of
both schedules makes a deck whose slides pass the limits, whose charts are all there as SVG and
whose notes hold the narrative. Rendering (overflow, fonts, axe) is checked in tests/browser/.
"""

from __future__ import annotations

import copy
import html
import re
from pathlib import Path

import jupytext
import nbformat
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets import course_map
from widgets.course import build, export, guide, offline, slides

SOURCES = {p.name[:2]: p for p in build.sources() if p.name[:2].isdigit()}
NOTEBOOKS = {p.name[:2]: p for p in export.notebooks()}
SCHEDULES = {name: course_map.sessions(name) for name in course_map.load_map().schedules}
CHART_MIMES = (offline.VEGALITE_MIME, offline.SVG_MIME)


def region_entries(path: Path) -> list[tuple[dict, str]]:
    """Each slide or notes region of a source as the build lifts it, with the section it sits in."""
    found, section = [], ""
    cells = jupytext.read(path).cells
    for index, cell in enumerate(cells):
        if build.is_slide_cell(cell):
            following = next((c for c in cells[index:] if not build.is_slide_cell(c)), None)
            heading = following.source.lstrip() if following is not None and following.cell_type == "markdown" else ""
            entry = dict(cell.metadata, source=cell.source)
            found.append((entry, heading[3:].splitlines()[0].strip() if heading.startswith("## ") else section))
        elif cell.cell_type == "markdown":
            headings = [line[3:].strip() for line in cell.source.splitlines() if line.startswith("## ")]
            section = headings[-1] if headings else section
    return found


def charts_in(nb: nbformat.NotebookNode) -> int:
    return sum(1 for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
               if any(m in o.get("data", {}) for m in CHART_MIMES))


@pytest.fixture(scope="module")
def decks() -> dict[tuple[str, int], list[slides.Slide]]:
    return {(name, n): slides.session_slides(name, n, NOTEBOOKS) for name, plan in SCHEDULES.items() for n in plan}


# --------------------------------------------------------------------------- the build lifts regions


def md(source: str, **metadata: object) -> nbformat.NotebookNode:
    return nbformat.v4.new_markdown_cell(source, metadata=metadata)


def test_lift_slides_moves_regions_into_the_next_cells_metadata() -> None:
    nb = nbformat.v4.new_notebook(cells=[
        md("# Title"),
        md("## A slide\n- one", tags=["slide"]),
        md("Notes for it.", tags=["notes"]),
        md("## 1. Section\n\nNarrative."),
        md("## Prompt", tags=["slide", "discussion"], prompt=2),
        nbformat.v4.new_code_cell("x = 1"),
        md("## Last", tags=["slide", "keypoints"]),
    ])
    lifted = build.lift_slides(copy.deepcopy(nb))
    assert [c.source.splitlines()[0] for c in lifted.cells] == ["# Title", "## 1. Section", "x = 1"]
    assert lifted.cells[1].metadata["kit"]["slides"] == [
        {"tags": ["slide"], "source": "## A slide\n- one"}, {"tags": ["notes"], "source": "Notes for it."}]
    assert lifted.cells[2].metadata["kit"]["slides"] == [
        {"tags": ["slide", "discussion"], "prompt": 2, "source": "## Prompt"}]
    assert lifted.metadata["kit"]["slides"] == [{"tags": ["slide", "keypoints"], "source": "## Last"}]
    assert "kit" not in lifted.cells[0].metadata
    assert build.lift_slides(copy.deepcopy(lifted)) == lifted  # nothing left to lift


def test_otters_question_marker_on_a_region_moves_to_the_next_cell() -> None:
    nb = nbformat.v4.new_notebook(cells=[
        md("<!-- END QUESTION -->\n\n## A slide\n- one", tags=["slide"], deletable=False, editable=False),
        md("## Key points\n\n- a point"),
    ])
    (cell,) = build.lift_slides(nb).cells
    assert cell.source == "<!-- END QUESTION -->\n\n## Key points\n\n- a point"
    assert cell.metadata == {"deletable": False, "editable": False,
                             "kit": {"slides": [{"tags": ["slide"], "source": "## A slide\n- one"}]}}
    before_code = nbformat.v4.new_notebook(cells=[
        md("<!-- END QUESTION -->\n\n## A slide\n- one", tags=["slide"], deletable=False, editable=False),
        nbformat.v4.new_code_cell("x = 1"),
    ])
    marker, code = build.lift_slides(before_code).cells
    assert (marker.cell_type, marker.source, marker.metadata) == (
        "markdown", "<!-- END QUESTION -->\n\n", {"deletable": False, "editable": False})
    assert code.source == "x = 1" and code.metadata["kit"]["slides"][0]["source"] == "## A slide\n- one"


@pytest.mark.parametrize("number", sorted(NOTEBOOKS))
def test_committed_notebooks_carry_the_regions_in_metadata_not_as_cells(number: str) -> None:
    regions = [entry for entry, _ in region_entries(SOURCES[number])]
    copies = [NOTEBOOKS[number], build.SOLUTION_DIR / NOTEBOOKS[number].name]
    for path in copies:
        nb = nbformat.read(path, as_version=4)
        assert not [c for c in nb.cells if build.is_slide_cell(c)], f"{path.name}: slide regions left as cells"
        lifted = [e for c in nb.cells for e in c.metadata.get("kit", {}).get("slides", [])]
        lifted += nb.metadata.get("kit", {}).get("slides", [])
        assert [e["source"] for e in lifted] == [r["source"] for r in regions], \
            f"{path.name}: rebuild it (./kit build {number})"
        assert [e["tags"] for e in lifted] == [r["tags"] for r in regions]


# --------------------------------------------------------------------------- the sources' regions


@pytest.mark.parametrize("number", sorted(SOURCES))
def test_every_slide_region_parses_and_keeps_to_the_limits(number: str) -> None:
    made = []
    for entry, section in region_entries(SOURCES[number]):
        if build.SLIDE_TAG in entry["tags"]:
            for slide in slides.region_slides(entry, number):
                slide.notebook, slide.section = number, section
                made.append(slide)
    assert made, f"notebook {number} has no slide regions"
    problems = [p for p in slides.slide_problems(made) if "chart slide without a chart" not in p]
    assert problems == []
    assert max(s.words for s in made) <= slides.WORD_LIMIT


@pytest.mark.parametrize("number", sorted(SOURCES))
def test_every_section_has_a_slide_and_the_notebook_ends_with_key_points(number: str) -> None:
    sections = [line[3:].strip() for cell in jupytext.read(SOURCES[number]).cells
                if cell.cell_type == "markdown" and not build.is_slide_cell(cell)
                for line in cell.source.splitlines() if line.startswith("## ")]
    covered = {section for entry, section in region_entries(SOURCES[number]) if build.SLIDE_TAG in entry["tags"]}
    assert [s for s in sections if s not in covered] == []
    kinds = [slides.region_kind(e["tags"], number) for e, _ in region_entries(SOURCES[number])
             if build.SLIDE_TAG in e["tags"]]
    assert kinds[-1] == "keypoints"


@pytest.mark.parametrize("number", sorted(SOURCES))
def test_every_discussion_prompt_of_the_guide_has_a_slide(number: str) -> None:
    prompts = [e.get("prompt") for e, _ in region_entries(SOURCES[number]) if "discussion" in e["tags"]]
    assert sorted(p for p in prompts if p) == list(range(1, len(guide.prompts(number)) + 1))
    assert len(guide.prompts(number)) >= 2


# --------------------------------------------------------------------------- the decks


def test_both_schedules_make_nine_decks(tmp_path: Path) -> None:
    written = slides.export_all(NOTEBOOKS, tmp_path)
    assert sorted(p.name for p in written) == sorted(
        [f"3x90-session-{n}.html" for n in (1, 2, 3)] + [f"6x50-session-{n}.html" for n in range(1, 7)])
    for path in written:
        page = path.read_text(encoding="utf-8")
        assert offline.remote_resources(page) == []
        assert not re.search(r"<script[^>]+src=", page)
        assert "Reveal.initialize(" in page and "plugins: [RevealNotes]" in page
        assert f"reveal.js {slides.reveal_assets().version}" in page
        assert page.count('<aside class="notes">') == page.count('<section class="kit-slide')


def test_the_command_line_writes_the_decks_of_one_schedule(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert export.main(["slides", "--schedule", "6x50", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"6x50-session-{n}.html" for n in range(1, 7)]
    assert capsys.readouterr().out.count("wrote ") == 6


@pytest.mark.parametrize("key", [(name, n) for name, plan in SCHEDULES.items() for n in plan],
                         ids=lambda k: f"{k[0]}-{k[1]}")
def test_a_deck_keeps_to_the_limits_and_has_every_chart(decks, key) -> None:
    schedule, session = key
    deck = decks[key]
    assert slides.slide_problems(deck) == []
    # the title slide: the session's timing from the course map and its agenda from the guide
    title = deck[0]
    minutes = course_map.load_map().schedules[schedule].minutes
    assert title.kind == "title"
    assert title.label == f"Session {session} of {len(SCHEDULES[schedule])} · {minutes} minutes"
    agenda = slides.agenda(guide.schedule_rows(schedule, session))
    assert sum(m for _, m in agenda) == minutes and all(f"({m:g} min)" in title.body for _, m in agenda)
    # each notebook: its objectives first, its charts all there as SVG (each from a chart region), key points last
    for number in SCHEDULES[schedule][session]:
        part = [s for s in deck if s.notebook == number and s.label != "Review"]
        assert part[0].kind == "objectives" and len(part[0].body.splitlines()) == len(
            slides.learning_objectives(nbformat.read(NOTEBOOKS[number], as_version=4)))
        assert part[-1].kind == "keypoints"
        charts = [s for s in part if s.kind == "chart"]
        assert len(charts) == charts_in(nbformat.read(NOTEBOOKS[number], as_version=4)) > 0
        assert all("<svg" in s.figure and 'class="mark-' in s.figure for s in charts)
        assert [s.title for s in charts if s.auto] == [], f"notebook {number}: charts without a chart region"
        assert {s.kind for s in part} >= {"text", "chart", "discussion", "keypoints"}
    assert max(s.words for s in deck if s.kind not in ("title", "objectives")) <= slides.WORD_LIMIT


def test_reviews_open_a_session_with_the_prompts_the_guide_names(decks) -> None:
    deck = decks[("3x90", 3)]
    reviews = [s for s in deck if s.label == "Review"]
    assert [(s.notebook, s.prompt) for s in reviews] == [("05", 1), ("05", 3)]
    assert deck[1:3] == reviews and reviews[0].body == guide.prompts("05")[0]


def test_notes_hold_the_narrative_but_no_exercises_or_code(decks) -> None:
    deck = decks[("3x90", 1)]
    notes = [n for s in deck for n in s.notes]
    joined = "\n".join(notes)
    assert "**Exercise" not in joined and "grader.check(" not in joined and "import " not in joined
    assert sum(1 for s in deck if s.notes) >= 0.8 * len(deck)
    cutoff = next(s for s in deck if s.title == "Every cut-off refuses some who would repay")
    assert any("Move the cut-off to the right" in n for n in cutoff.notes)  # the narrative after the chart
    assert any(n.startswith("*The chart:* Chart: Who a cut-off") for n in cutoff.notes)
    assert any("Approved: 38,287 of 100,000 synthetic people" in n for n in deck[0].notes + [
        n for s in deck for n in s.notes])
    # the guide's timetable for the section, in the notes of its first slide
    toy = next(s for s in deck if s.section == "3. A toy score for one person")
    assert toy.notes[0].startswith("**Timetable.** In class, 8 min: q01_toy_score")


def test_precheck_and_misconception_slides_come_from_the_data(decks) -> None:
    from widgets.topics import myth_or_fact

    deck = decks[("3x90", 1)]
    statements = myth_or_fact.statements()
    prechecks = [s for s in deck if s.kind == "precheck"]
    assert [s.body for s in prechecks] == [f"“{t}”" for t in statements["statement"]]
    assert all(s.notes[0].startswith("**Answer: ") for s in prechecks)
    misconception = next(s for s in deck if s.kind == "misconception" and s.notebook == "02")
    assert misconception.body.startswith("“The social credit system began in 2014")
    assert "**Partly true:**" in misconception.body


def test_the_rendered_deck_shows_what_the_slides_hold(tmp_path: Path, decks) -> None:
    path = slides.export_slides("6x50", 4, NOTEBOOKS, tmp_path)
    page = path.read_text(encoding="utf-8")
    deck = decks[("6x50", 4)]
    assert page.count('<section class="kit-slide') == len(deck)
    assert re.search(r"<title>Session 4 of 6 \(50 minutes\): Commercial schemes and the court", html.unescape(page))
    assert '<span lang="zh-Hans">老赖</span>' in page
    assert page.count('class="kit-sr-only"') == sum(1 for s in deck if s.kind == "chart")
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "ids must be unique in a deck"


# --------------------------------------------------------------------------- refusing bad slides


def test_slide_problems_name_what_is_wrong() -> None:
    ok = slides.Slide("text", "Fine", "- one short point")
    too_long = slides.Slide("text", "Long", " ".join(["word"] * (slides.WORD_LIMIT + 1)), notebook="03")
    empty = slides.Slide("text", "Empty", "")
    lead_in = slides.Slide("text", "Lead-in", "The dated events behind that paragraph:")
    chartless = slides.Slide("chart", "No chart")
    problems = slides.slide_problems([ok, too_long, empty, lead_in, chartless])
    assert len(problems) == 4
    assert "03 'Long': 41 words of body text (at most 40)" in problems[0]
    assert "empty slide" in problems[1] and "lead-in" in problems[2] and "without a chart" in problems[3]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(alphabet="abcdefgh", min_size=1, max_size=8), min_size=1, max_size=80))
def test_the_word_limit_counts_the_words_of_the_body(words: list[str]) -> None:
    slide = slides.Slide("text", "T", " ".join(words) + ".")
    assert slide.words == len(words)
    assert bool(slides.slide_problems([slide])) == (len(words) > slides.WORD_LIMIT)


@pytest.mark.parametrize(("entry", "message"), [
    ({"tags": ["slide"], "source": "No title here"}, "must start with a '## ' title"),
    ({"tags": ["slide", "chrat"], "source": "## T\nx"}, "tags must be among"),
    ({"tags": ["slide", "chart", "discussion"], "source": "## T\nx"}, "one kind"),
    ({"tags": ["slide", "precheck"], "rows": "mc-no-such-row", "source": "## T"}, "rows must be 'all'"),
    ({"tags": ["slide"], "rows": "all", "source": "## T"}, "rows are for precheck and misconception"),
    ({"tags": ["slide", "discussion"], "prompt": 9, "source": "## T"}, "prompt must be the number"),
])
def test_bad_regions_are_refused_naming_the_problem(entry: dict, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        slides.region_slides(entry, "01")


def test_a_region_gives_its_sources_line_apart_from_the_body() -> None:
    (slide,) = slides.region_slides({"tags": ["slide"], "source": "## Title\n- a point\nSources: [S30]"}, "05")
    assert (slide.title, slide.body, slide.sources, slide.words) == ("Title", "- a point", "Sources: [S30]", 2)
    (prompt,) = slides.region_slides({"tags": ["slide", "discussion"], "prompt": 2, "source": "## Q"}, "05")
    assert prompt.body == guide.prompts("05")[1] and prompt.label == "Discussion"


def test_chinese_text_is_marked_as_simplified_chinese() -> None:
    marked = slides.mark_chinese('<p title="x">laolai (老赖 <em>lǎolài</em>) and 红名单</p>')
    assert marked == ('<p title="x">laolai (<span lang="zh-Hans">老赖</span> <em>lǎolài</em>) and '
                      '<span lang="zh-Hans">红名单</span></p>')
