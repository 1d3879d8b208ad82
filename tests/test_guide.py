"""The instructor's guide (instructor/guide.md) stays in step with the notebook sources.

The guide's tables follow the layout documented in the HTML comment at its top: each table is
introduced by a marker line ``<!-- table: NAME -->`` and has a fixed header. ``tests/guide_checks.py`` parses
the sources and the guide; this module checks that

* every notebook 00-08 has its own section in the guide, under its source's title, with 2-3
  discussion prompts;
* the objectives map quotes every notebook's objectives as written, each mapped to defined
  module outcomes with a Bloom level;
* both schedules add up (the course map's three sessions of 90 minutes and six of 50), teach in
  class the notebooks the course map gives each session, cover every section of every notebook,
  and place every exercise in the section that holds it;
* every auto-graded question is in the assessment plan with its points, and every written
  (``manual: true``) question has a rubric whose criteria add up to its points;
* every statement of ``data/misconceptions.csv`` is in the misconceptions table with its verdict
  and the notebook that takes it up.

Each check returns a list of problems; the last tests change the guide's text in memory and
assert that the checks notice.
"""

from __future__ import annotations

import pytest

from tests.guide_checks import (
    GUIDE,
    HEADERS,
    NO_NOTEBOOK,
    ROOT,
    SCHEDULES,
    SOURCES,
    Question,
    Source,
    assessment_problems,
    clean,
    misconception_problems,
    notebook_section_problems,
    objectives_problems,
    parse_tables,
    rubric_problems,
    schedule_problems,
)
from widgets import course_map
from widgets.course import grading


# --------------------------------------------------------------------------- the tests
@pytest.fixture(scope="module")
def guide() -> str:
    assert GUIDE.is_file(), "instructor/guide.md is missing"
    return GUIDE.read_text(encoding="utf-8")


def test_the_source_parser_agrees_with_the_grading_module():
    # the auto-graded questions found here are the ones otter's archive will grade
    for n, source in SOURCES.items():
        path = next((ROOT / "instructor" / "source").glob(f"{n}_*.md"))
        mine = {q.name: q.points for q in source.questions if not q.manual}
        assert mine == grading.autograded_questions(path), n
        assert source.title.startswith(f"{n} · ") and 3 <= len(source.objectives) <= 5, n
        assert all(q.section in source.sections for q in source.questions), n
        assert all("**" not in o and len(o) < 300 for o in source.objectives), f"{n}: an objective ran on past its list"


def test_the_layout_is_documented_at_the_top(guide):
    head = guide.split("-->", 1)[0]
    assert guide.lstrip().startswith("<!--")
    for kind, header in HEADERS.items():
        assert " | ".join(header) in head, f"the layout comment does not document the '{kind}' table"


def test_every_notebook_has_a_section_with_discussion_prompts(guide):
    problems = notebook_section_problems(guide, SOURCES)
    assert not problems, "\n".join(problems)


def test_the_objectives_map_quotes_every_notebook(guide):
    problems = objectives_problems(guide, SOURCES)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", sorted(SCHEDULES))
def test_schedule_adds_up_and_covers_every_section(guide, name):
    problems = schedule_problems(guide, SOURCES, name)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", sorted(SCHEDULES))
def test_each_session_teaches_the_notebooks_of_the_course_map(guide, name):
    # the slide decks (schedule 3x90) and the guide's tables read the same sessions
    tables = parse_tables(guide)
    for session, parts in course_map.sessions(name).items():
        rows = tables[f"schedule-{name}-session-{session}"]
        taught = sorted({clean(r["notebook"]) for r in rows if clean(r["when"]) == "class"} - {NO_NOTEBOOK})
        assert taught == sorted(parts), f"session {session}: the guide teaches {taught}, the course map {parts}"


def test_every_question_is_in_the_assessment_plan_with_its_points(guide):
    problems = assessment_problems(guide, SOURCES)
    assert not problems, "\n".join(problems)


def test_every_written_question_has_a_rubric_that_adds_up(guide):
    problems = rubric_problems(guide, SOURCES)
    assert not problems, "\n".join(problems)


def test_every_misconception_in_the_data_is_addressed(guide):
    problems = misconception_problems(guide, SOURCES)
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- the checks can fail
def replace_once(text: str, old: str, new: str, start: int = 0) -> str:
    """``text`` with the first ``old`` at or after ``start`` replaced by ``new``."""
    at = text.index(old, start)  # ValueError if the guide no longer holds it
    return text[:at] + new + text[at + len(old):]


def first_row(text: str, marker: str) -> tuple[str, int]:
    """The first data row of the table under ``marker``, and where the marker starts."""
    start = text.index(f"<!-- table: {marker} -->")
    rows = [line for line in text[start:].splitlines() if line.startswith("|")]
    return rows[2], start


def test_a_changed_minute_breaks_the_schedule(guide):
    row, start = first_row(guide, "schedule-6x50-session-1")
    cells = row.split("|")
    cells[4] = f" {int(cells[4]) + 1} "
    problems = schedule_problems(replace_once(guide, row, "|".join(cells), start), SOURCES, "6x50")
    assert any("add up to" in p for p in problems)


def test_a_moved_exercise_breaks_the_schedule(guide):
    problems = schedule_problems(guide.replace("`q01_toy_score`", "", 1), SOURCES, "3x90")
    assert any("q01_toy_score is placed 0 times" in p for p in problems)


def test_a_source_change_breaks_the_guide(guide):
    changed = {n: Source(s.number, s.title, list(s.objectives), list(s.sections), list(s.questions))
               for n, s in SOURCES.items()}
    changed["03"].sections.append("9. A section added later")
    changed["05"].objectives[0] = "a reworded objective"
    first = changed["01"].questions[0]
    changed["01"].questions[0] = Question(first.name, first.points + 1, first.manual, first.section)
    written = next(i for i, q in enumerate(changed["02"].questions) if q.manual)
    q = changed["02"].questions[written]
    changed["02"].questions[written] = Question(q.name, q.points + 1, True, q.section)
    assert any("9. A section added later" in p for p in schedule_problems(guide, changed, "3x90"))
    assert any("objective 05.1 differs" in p for p in objectives_problems(guide, changed))
    assert any(first.name in p for p in assessment_problems(guide, changed))
    assert any(f"rubric {q.name}: criteria add up" in p for p in rubric_problems(guide, changed))


def test_a_wrong_rubric_level_or_verdict_is_caught(guide):
    row, start = first_row(guide, "rubric-q01_reflection")
    cells = row.split("|")
    cells[2] = " 2 "
    changed = replace_once(guide, row, "|".join(cells), start)
    assert any("q01_reflection: criteria add up" in p for p in rubric_problems(changed, SOURCES))
    row, start = first_row(guide, "misconceptions")
    cells = row.split("|")
    cells[3] = " fact " if cells[3].strip() != "fact" else " myth "
    changed = replace_once(guide, row, "|".join(cells), start)
    assert any("verdict" in p for p in misconception_problems(changed, SOURCES))


def test_a_bad_table_header_is_rejected(guide):
    body = guide[guide.index("-->") + 3:]  # past the layout comment, which quotes the headers
    broken = replace_once(body, "| criterion | points | full credit | partial credit | no credit |",
                          "| criterion | marks | full credit | partial credit | no credit |")
    with pytest.raises(ValueError, match="header"):
        parse_tables(broken)


def test_a_wrong_outcome_level_or_objective_is_caught(guide):
    row, start = first_row(guide, "outcomes")
    cells = row.split("|")
    cells[3] = " remember "
    changed = replace_once(guide, row, "|".join(cells), start)
    assert any("but its objectives reach" in p for p in objectives_problems(changed, SOURCES))
    row, start = first_row(guide, "objectives")
    cells = row.split("|")
    cells[3] = cells[3].replace("run", "walk", 1)
    changed = replace_once(guide, row, "|".join(cells), start)
    assert any("objective 00.1 differs" in p for p in objectives_problems(changed, SOURCES))
