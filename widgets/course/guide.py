"""What the slide decks read from the instructor's guide (``instructor/guide.md``): session titles, timetables, prompts.

The guide's layout is fixed by the comment at its top (and checked by ``tests/test_guide.py``):
each session's timetable is a table after a marker line ``<!-- table: schedule-3x90-session-1 -->``
and under a heading ``#### Session 1 (90 minutes): the question, ...``; each notebook's section
``### NN · title`` ends with "**Discussion prompts.**" and a numbered list. This reader is lenient:
a missing guide or table gives empty answers, so a deck can still be made without timings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .build import ROOT

GUIDE = ROOT / "instructor" / "guide.md"
NO_NOTEBOOK = "–"  # the notebook column of a whole-class activity (review, discussion, wrap-up)
_MARKER = re.compile(r"^<!-- table: ([\w-]+) -->\s*$")


@dataclass(frozen=True)
class ScheduleRow:
    """One row of a session's timetable."""

    notebook: str  # "03", or NO_NOTEBOOK for a whole-class activity
    section: str  # the notebook's "##" heading, or the activity's name
    when: str  # before, class or after
    minutes: float
    activity: str  # exercises and activity, as written (backticks removed)


def _clean(cell: str) -> str:
    return " ".join(cell.replace("`", "").split())


@cache
def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def _tables(path: Path) -> dict[str, list[list[str]]]:
    """Every marked table: name -> rows of cells (header and separator left out)."""
    lines = _text(path).splitlines()
    found: dict[str, list[list[str]]] = {}
    for i, line in enumerate(lines):
        match = _MARKER.match(line.strip())
        if not match:
            continue
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        block = []
        while j < len(lines) and lines[j].strip().startswith("|"):
            block.append([_clean(c) for c in lines[j].strip().strip("|").split("|")])
            j += 1
        found[match.group(1)] = block[2:]
    return found


def schedule_rows(schedule: str, session: int, path: Path = GUIDE) -> list[ScheduleRow]:
    """The timetable of one session (``schedule`` as in the course map, e.g. "3x90"), in the guide's order."""
    rows = []
    for cells in _tables(path).get(f"schedule-{schedule}-session-{session}", []):
        if len(cells) < 5:
            continue
        try:
            minutes = float(cells[3])
        except ValueError:
            minutes = 0.0
        rows.append(ScheduleRow(cells[0], cells[1], cells[2], minutes, cells[4]))
    return rows


def session_heading(schedule: str, session: int, path: Path = GUIDE) -> str:
    """The session's theme as the guide's heading gives it ('the question, the origins and ...'), or ''."""
    lines = _text(path).splitlines()
    marker = f"<!-- table: schedule-{schedule}-session-{session} -->"
    if marker not in lines:
        return ""
    for line in reversed(lines[:lines.index(marker)]):
        match = re.match(rf"#+\s+Session {session} \([^)]*\):\s*(.+?)\s*$", line)
        if match:
            return match.group(1)
        if line.startswith("#"):
            return ""
    return ""


def prompts(number: str, path: Path = GUIDE) -> list[str]:
    """The discussion prompts of notebook ``number`` (its "### NN · ..." section), in order."""
    text = _text(path)
    match = re.search(rf"^### {re.escape(number)} · .*?$(.*?)(?=^#{{2,3}} )", text + "\n## ", re.MULTILINE | re.DOTALL)
    if not match or "**Discussion prompts.**" not in match.group(1):
        return []
    listing = match.group(1).split("**Discussion prompts.**", 1)[1]
    return [" ".join(m.split()) for m in re.findall(r"^\d+\.\s+(.+?)(?=^\d+\.\s|\Z)", listing.strip() + "\n",
                                                      re.MULTILINE | re.DOTALL)]


def referenced_prompts(activity: str) -> tuple[str, list[int]] | None:
    """'notebook 05 prompts 1 and 3' in an activity -> ('05', [1, 3]); None when it names no prompts."""
    match = re.search(r"notebook (\d\d) prompts? ((?:\d+(?:, | and |,? and )?)+)", activity)
    if not match:
        return None
    return match.group(1), [int(n) for n in re.findall(r"\d+", match.group(2))]
