"""Parsers and checks of the instructor's guide (instructor/guide.md), used by tests/test_guide.py.

The guide's tables follow the layout documented in the HTML comment at its top: each table is
introduced by a marker line ``<!-- table: NAME -->`` and has a fixed header. This module parses
the sources (titles, learning objectives, ``##`` sections, otter ``BEGIN QUESTION`` blocks) and
the guide; each ``*_problems`` function returns the list of what is wrong (empty when all is well).
The notebooks, the schedules and their sessions come from the course map.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

import jupytext
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
        if build.is_slide_cell(cell):  # slide regions are not part of the notebook (widgets.course.build.lift_slides)
            continue
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
