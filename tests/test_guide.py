"""The instructor's guide (instructor/guide.md) stays in step with the notebook sources.

The guide's tables follow the layout documented in the HTML comment at its top: each table is
introduced by a marker line ``<!-- table: NAME -->`` and has a fixed header. This module parses
the sources (titles, learning objectives, ``##`` sections, otter ``BEGIN QUESTION`` blocks) and
the guide, and checks that

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

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

import jupytext
import pytest
import yaml

from widgets import course_map
from widgets.course import build, grading

ROOT = build.ROOT
GUIDE = ROOT / "instructor" / "guide.md"
COURSE = course_map.load_map()
NOTEBOOKS = tuple(COURSE.notebooks)  # 00 ... 08, from the course map
BLOOM = ("remember", "understand", "apply", "analyse", "evaluate", "create")
WHEN = ("before", "class", "after")
# name -> (sessions, minutes of class per session), from the course map
SCHEDULES = {name: (len(plan.sessions), plan.minutes) for name, plan in COURSE.schedules.items()}
NO_NOTEBOOK = "–"  # notebook column of a whole-session activity (discussion, review, wrap-up)
QUESTION_NAME = re.compile(r"\bq\d\d_[a-z0-9_]+\b")
MARKER = re.compile(r"^<!-- table: ([\w-]+) -->\s*$")

HEADERS = {
    "outcomes": ("outcome", "students will be able to", "level"),
    "objectives": ("notebook", "no.", "objective (as written in the source)", "module outcomes", "level"),
    "schedule": ("notebook", "section", "when", "minutes", "exercises and activity"),
    "misconceptions": ("id", "students may believe", "verdict", "where the kit takes it up"),
    "assessment": ("notebook", "question", "kind", "points", "graded by"),
    "totals": ("notebook", "auto-graded points", "written points", "total"),
    "rubric": ("criterion", "points", "full credit", "partial credit", "no credit"),
}


# --------------------------------------------------------------------------- the sources
@dataclass
class Question:
    name: str
    points: float
    manual: bool
    section: str  # the ``##`` heading the question sits under


@dataclass
class Source:
    number: str
    title: str
    objectives: list[str]
    sections: list[str]
    questions: list[Question] = field(default_factory=list)


def parse_source(path: Path) -> Source:
    """Title, learning objectives, ``##`` sections and questions of one notebook source."""
    title, objectives, sections, questions = "", [], [], []
    section = ""
    for cell in jupytext.read(path).cells:
        text = cell.source
        if cell.cell_type == "markdown":
            lines = text.splitlines()
            for i, line in enumerate(lines):
                if line.startswith("# ") and not title:
                    title = line[2:].strip()
                elif line.startswith("## "):
                    section = line[3:].strip()
                    sections.append(section)
            if "**Learning objectives.**" in text:
                after = text.split("**Learning objectives.**", 1)[1].strip()
                listing = after[after.index("\n1. "):].strip().split("\n\n", 1)[0]  # the list ends at a blank line
                for item in re.split(r"\n(?=\d+\. )", listing):
                    match = re.match(r"(\d+)\. (.*)", item.strip(), re.DOTALL)
                    if match:
                        objectives.append(" ".join(match.group(2).split()))
        elif cell.cell_type == "raw" and text.lstrip().startswith(grading.QUESTION_MARKER):
            config = yaml.safe_load(text.lstrip()[len(grading.QUESTION_MARKER):]) or {}
            questions.append(Question(str(config["name"]), float(config.get("points", 1)),
                                      bool(config.get("manual", False)), section))
    return Source(path.name[:2], title, objectives, sections, questions)


def load_sources() -> dict[str, Source]:
    found = {}
    for number in NOTEBOOKS:
        paths = sorted((ROOT / "instructor" / "source").glob(f"{number}_*.md"))
        assert len(paths) == 1, f"expected one source for notebook {number}, found {len(paths)}"
        found[number] = parse_source(paths[0])
    return found


SOURCES = load_sources()


def all_questions(sources: dict[str, Source]) -> dict[str, tuple[str, Question]]:
    return {q.name: (n, q) for n, s in sources.items() for q in s.questions}


# --------------------------------------------------------------------------- the guide
def clean(cell: str) -> str:
    """A table cell as text: outer spaces and backticks removed, inner whitespace collapsed."""
    return " ".join(cell.strip().strip("`").split())


def parse_tables(text: str) -> dict[str, list[dict[str, str]]]:
    """Every marked table of the guide: marker name -> rows (header -> cell)."""
    lines = text.splitlines()
    tables: dict[str, list[dict[str, str]]] = {}
    for i, line in enumerate(lines):
        match = MARKER.match(line.strip())
        if not match:
            continue
        name = match.group(1)
        if name in tables:
            raise ValueError(f"table marker '{name}' appears twice in the guide")
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        block = []
        while j < len(lines) and lines[j].strip().startswith("|"):
            block.append(lines[j].strip())
            j += 1
        if len(block) < 2:
            raise ValueError(f"table '{name}': the marker is not followed by a markdown table")
        header = tuple(c.strip().lower() for c in block[0].strip("|").split("|"))
        kind = "rubric" if name.startswith("rubric-") else "schedule" if name.startswith("schedule-") else name
        if kind in HEADERS and header != HEADERS[kind]:
            raise ValueError(f"table '{name}' has header {header}; the guide's layout says {HEADERS[kind]}")
        rows = []
        for row in block[2:]:
            cells = [c for c in row.strip("|").split("|")]
            if len(cells) != len(header):
                raise ValueError(f"table '{name}': row {row!r} has {len(cells)} cells, the header {len(header)}")
            rows.append(dict(zip(header, (c.strip() for c in cells))))
        tables[name] = rows
    return tables


def number(text: str, where: str) -> float:
    try:
        return float(clean(text))
    except ValueError:
        raise ValueError(f"{where}: {text!r} is not a number") from None


def notebook_sections(text: str) -> dict[str, str]:
    """``### NN · title`` sections of the guide: heading -> body (up to the next ## or ### heading)."""
    found: dict[str, str] = {}
    current = None
    for line in text.splitlines():
        if line.startswith(("### ", "## ")):
            current = line[4:].strip() if line.startswith("### ") else None
            if current is not None:
                found[current] = ""
        elif current is not None:
            found[current] += line + "\n"
    return found


# --------------------------------------------------------------------------- the checks
def notebook_section_problems(text: str, sources: dict[str, Source]) -> list[str]:
    problems = []
    sections = notebook_sections(text)
    for n, source in sources.items():
        body = sections.get(source.title)
        if body is None:
            problems.append(f"notebook {n}: no section '### {source.title}' (the source's title)")
            continue
        if "**Discussion prompts.**" not in body:
            problems.append(f"notebook {n}: its section has no '**Discussion prompts.**' list")
            continue
        after = body.split("**Discussion prompts.**", 1)[1]
        prompts = re.findall(r"^\d+\. \S", after.split("\n\n**", 1)[0], re.MULTILINE)
        if not 2 <= len(prompts) <= 3:
            problems.append(f"notebook {n}: {len(prompts)} discussion prompts; give 2 or 3")
    return problems


def outcome_ids(tables) -> dict[str, str]:
    return {clean(r["outcome"]): clean(r["level"]) for r in tables["outcomes"]}


def objectives_problems(text: str, sources: dict[str, Source]) -> list[str]:
    tables = parse_tables(text)
    problems = []
    outcomes = outcome_ids(tables)
    if not 4 <= len(outcomes) <= 6:
        problems.append(f"{len(outcomes)} module outcomes; define 4 to 6")
    for oid, level in outcomes.items():
        if level not in BLOOM:
            problems.append(f"outcome {oid}: level {level!r} is not one of {BLOOM}")
    used = set()
    by_notebook: dict[str, list[tuple[int, str]]] = {}
    for row in tables["objectives"]:
        n = clean(row["notebook"])
        by_notebook.setdefault(n, []).append((int(number(row["no."], f"objective of {n}")),
                                              clean(row["objective (as written in the source)"])))
        if clean(row["level"]) not in BLOOM:
            problems.append(f"objective {n}.{clean(row['no.'])}: level {clean(row['level'])!r} is not one of {BLOOM}")
        mapped = [m.strip() for m in clean(row["module outcomes"]).split(",")]
        for m in mapped:
            if m != NO_NOTEBOOK and m not in outcomes:
                problems.append(f"objective {n}.{clean(row['no.'])}: outcome {m!r} is not defined")
            used.add(m)
    for n, source in sources.items():
        rows = sorted(by_notebook.get(n, []))
        expected = [o.rstrip(";.") for o in source.objectives]
        if [i for i, _ in rows] != list(range(1, len(expected) + 1)):
            problems.append(f"notebook {n}: the map numbers {[i for i, _ in rows]}, "
                            f"the source has {len(expected)} objectives")
            continue
        for (i, mine), theirs in zip(rows, expected):
            if mine.rstrip(";.") != theirs:
                problems.append(f"objective {n}.{i} differs from the source:\n  guide:  {mine}\n  source: {theirs}")
    for extra in sorted(set(by_notebook) - set(sources)):
        problems.append(f"the objectives map names notebook {extra!r}, which has no source")
    for oid in sorted(set(outcomes) - used):
        problems.append(f"module outcome {oid} is served by no notebook objective")
    for oid, level in outcomes.items():  # an outcome's level is the highest its objectives reach
        reached = [clean(r["level"]) for r in tables["objectives"]
                   if oid in [m.strip() for m in clean(r["module outcomes"]).split(",")]]
        if reached and level in BLOOM and max(reached, key=BLOOM.index, default=level) != level:
            problems.append(f"outcome {oid} is '{level}', but its objectives reach '{max(reached, key=BLOOM.index)}'")
    return problems


def schedule_problems(text: str, sources: dict[str, Source], name: str) -> list[str]:
    tables = parse_tables(text)
    count, minutes = SCHEDULES[name]
    sessions = {int(k.rsplit("-", 1)[1]): rows for k, rows in tables.items()
                if re.fullmatch(rf"schedule-{name}-session-\d+", k)}
    problems = []
    if sorted(sessions) != list(range(1, count + 1)):
        return [f"schedule {name}: sessions {sorted(sessions)}, expected 1 to {count}"]
    questions = all_questions(sources)
    placed: dict[str, int] = {}
    covered = set()
    for session, rows in sorted(sessions.items()):
        in_class = 0.0
        for row in rows:
            n, section, when = clean(row["notebook"]), clean(row["section"]), clean(row["when"])
            where = f"schedule {name}, session {session}, row '{n} | {section}'"
            value = number(row["minutes"], where)
            if value <= 0 or value != int(value):
                problems.append(f"{where}: minutes must be a positive whole number")
            if when not in WHEN:
                problems.append(f"{where}: when is {when!r}, not one of {WHEN}")
            if when == "class":
                in_class += value
            if n == NO_NOTEBOOK:
                if when != "class":
                    problems.append(f"{where}: a whole-session activity happens in class")
            elif n not in sources:
                problems.append(f"{where}: no notebook {n!r}")
                continue
            elif section not in sources[n].sections:
                problems.append(f"{where}: notebook {n} has no section {section!r}")
            else:
                covered.add((n, section))
            for q in QUESTION_NAME.findall(row["exercises and activity"]):
                placed[q] = placed.get(q, 0) + 1
                if q not in questions:
                    problems.append(f"{where}: no question {q} in the sources")
                    continue
                qn, question = questions[q]
                if (qn, question.section) != (n, section):
                    problems.append(f"{where}: {q} sits in notebook {qn}, section {question.section!r}")
        if in_class != minutes:
            problems.append(f"schedule {name}, session {session}: class minutes add up to {in_class:g}, not {minutes}")
    for n, source in sources.items():
        for section in source.sections:
            if (n, section) not in covered:
                problems.append(f"schedule {name}: notebook {n}'s section {section!r} is in no session")
    for q in sorted(questions):
        if placed.get(q, 0) != 1:
            problems.append(f"schedule {name}: {q} is placed {placed.get(q, 0)} times; place it once")
    return problems


def assessment_problems(text: str, sources: dict[str, Source]) -> list[str]:
    tables = parse_tables(text)
    problems = []
    questions = all_questions(sources)
    listed = {}
    for row in tables["assessment"]:
        name = clean(row["question"])
        if name in listed:
            problems.append(f"assessment plan: {name} is listed twice")
        listed[name] = row
    for name, (n, q) in sorted(questions.items()):
        row = listed.get(name)
        if row is None:
            problems.append(f"assessment plan: {name} ({n}, {q.points:g} points) is missing")
            continue
        if clean(row["notebook"]) != n:
            problems.append(f"assessment plan: {name} is in notebook {n}, not {clean(row['notebook'])}")
        if number(row["points"], f"assessment plan, {name}") != q.points:
            problems.append(f"assessment plan: {name} is worth {q.points:g} points in its source, "
                            f"not {clean(row['points'])}")
        graded = "instructor" if q.manual else "auto"
        if clean(row["graded by"]) != graded:
            problems.append(f"assessment plan: {name} is graded by {graded}, not {clean(row['graded by'])}")
    for name in sorted(set(listed) - set(questions)):
        problems.append(f"assessment plan: {name} is not a question in the sources")
    totals = {clean(r["notebook"]): r for r in tables["totals"]}
    for n, source in sources.items():
        auto = sum(q.points for q in source.questions if not q.manual)
        written = sum(q.points for q in source.questions if q.manual)
        row = totals.get(n)
        if row is None:
            problems.append(f"totals: no row for notebook {n}")
            continue
        for column, value in (("auto-graded points", auto), ("written points", written), ("total", auto + written)):
            if number(row[column], f"totals, {n}") != value:
                problems.append(f"totals: notebook {n} has {value:g} {column}, the guide says {clean(row[column])}")
    return problems


def rubric_problems(text: str, sources: dict[str, Source]) -> list[str]:
    tables = parse_tables(text)
    problems = []
    questions = all_questions(sources)
    manual = {name: q for name, (_, q) in questions.items() if q.manual}
    rubrics = {k[len("rubric-"):]: rows for k, rows in tables.items() if k.startswith("rubric-")}
    for name, q in sorted(manual.items()):
        rows = rubrics.get(name)
        if not rows:
            problems.append(f"rubric: written question {name} has no rubric table")
            continue
        total = 0.0
        for row in rows:
            criterion = clean(row["criterion"])
            top = number(row["points"], f"rubric {name}, {criterion}")
            total += top
            if top <= 0:
                problems.append(f"rubric {name}, {criterion}: a criterion is worth more than 0 points")
            if not clean(row["full credit"]) or not clean(row["no credit"]):
                problems.append(f"rubric {name}, {criterion}: describe full credit and no credit")
            partial = clean(row["partial credit"])
            levels = [float(x) for x in re.findall(r"(?:^|; )(\d+(?:\.\d+)?):", partial)]
            if partial != NO_NOTEBOOK and not levels:
                problems.append(f"rubric {name}, {criterion}: partial credit starts with its points "
                                "('0.5: ...') or is '–'")
            for level in levels:
                if not 0 < level < top:
                    problems.append(f"rubric {name}, {criterion}: partial level {level:g} is not between 0 and {top:g}")
        if total != q.points:
            problems.append(f"rubric {name}: criteria add up to {total:g} points; the question is worth {q.points:g}")
    for name in sorted(set(rubrics) - set(manual)):
        problems.append(f"rubric {name}: not a written (manual: true) question in the sources")
    return problems


def misconception_problems(text: str, sources: dict[str, Source]) -> list[str]:
    tables = parse_tables(text)
    with open(ROOT / "data" / "misconceptions.csv", encoding="utf-8", newline="") as handle:
        data = {row["id"]: row for row in csv.DictReader(handle)}
    problems = []
    listed = {}
    for row in tables["misconceptions"]:
        mid = clean(row["id"])
        if mid in listed:
            problems.append(f"misconceptions: {mid} is listed twice")
        listed[mid] = row
        for n, k in re.findall(r"\b(\d\d) §(\d+)", row["where the kit takes it up"]):
            numbered = [s.split(".", 1)[0] for s in sources[n].sections] if n in sources else []
            if k not in numbered:
                problems.append(f"misconceptions: {mid} points to {n} §{k}, which notebook {n} does not have")
    for mid, fact in sorted(data.items()):
        row = listed.get(mid)
        if row is None:
            problems.append(f"misconceptions: {mid} from data/misconceptions.csv is missing")
            continue
        if clean(row["verdict"]) != fact["verdict"]:
            problems.append(f"misconceptions: {mid} has verdict {fact['verdict']!r} in the data, "
                            f"not {clean(row['verdict'])!r}")
        if f"{fact['notebook']} §" not in row["where the kit takes it up"]:
            problems.append(f"misconceptions: {mid} is taken up in notebook {fact['notebook']} (data); "
                            "name its section")
    for mid in sorted(set(listed) - set(data)):
        problems.append(f"misconceptions: {mid} is not in data/misconceptions.csv")
    return problems


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
