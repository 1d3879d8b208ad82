"""The course map, ``instructor/course.yml``: the notebooks, the teaching sessions, the exercises and the rows shown.

One file says what the course is made of; the kit reads it here instead of keeping its own lists:

- **notebooks**: number, file stem, title (the source's heading after "NN · "), a short label
  (quiz feedback, deck listings), the exercises (name, points, graded ``auto`` or ``manual``) and
  the rows of ``data/`` the notebook shows, in named groups per table (``shows``);
- **schedules**: the teaching sessions, three of 90 minutes (the slide decks) and six of 50.

A notebook names the rows it shows by group, ``course_map.rows("03", "centre")``, and builds its
source list from all of them, ``sources.source_ids(course_map.facts("03"))``. A group written as
``all`` stands for every row of its table. ``KIT_COURSE_MAP`` points to another file (for tests).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .data import load

COURSE_MAP = Path(__file__).resolve().parent.parent / "instructor" / "course.yml"
ALL = "all"  # a group that stands for every row of its table
GRADED = ("auto", "manual")


@dataclass(frozen=True)
class Exercise:
    """One graded question of a notebook (its otter-grader ``BEGIN QUESTION`` block)."""

    name: str
    points: float
    graded: str  # "auto" (public and hidden tests) or "manual" (a written answer, graded with a rubric)

    @property
    def manual(self) -> bool:
        """Whether the instructor grades it by hand."""
        return self.graded == "manual"


@dataclass(frozen=True)
class Notebook:
    """One notebook of the course."""

    number: str
    stem: str
    title: str
    label: str
    exercises: tuple[Exercise, ...]
    shows: dict[str, dict[str, tuple[str, ...] | str]]  # table -> group -> ids (or ALL)

    @property
    def file(self) -> str:
        """The notebook's file name, e.g. ``03_state_schemes.ipynb``."""
        return f"{self.stem}.ipynb"

    @property
    def heading(self) -> str:
        """The title as the notebook's first heading writes it: '03 · State schemes: ...'."""
        return f"{self.number} · {self.title}"


@dataclass(frozen=True)
class Schedule:
    """A way to teach the course: sessions of the same length, each a list of notebook numbers."""

    name: str
    minutes: int
    sessions: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class CourseMap:
    """The parsed course map."""

    notebooks: dict[str, Notebook]
    schedules: dict[str, Schedule]


def path() -> Path:
    """The course map's file (``KIT_COURSE_MAP`` overrides it, for tests)."""
    return Path(os.environ.get("KIT_COURSE_MAP", COURSE_MAP)).resolve()


def load_map(file: Path | None = None) -> CourseMap:
    """Read and check the course map (cached per file)."""
    return _load(str(Path(file).resolve() if file else path()))


@lru_cache(maxsize=None)
def _load(file: str) -> CourseMap:
    raw = yaml.safe_load(Path(file).read_text(encoding="utf-8"))
    if not isinstance(raw, dict) or not isinstance(raw.get("notebooks"), list) or not isinstance(
            raw.get("schedules"), dict):
        raise ValueError(f"{Path(file).name} must hold a 'notebooks' list and a 'schedules' mapping")
    notebooks: dict[str, Notebook] = {}
    for entry in raw["notebooks"]:
        nb = _notebook(entry)
        if nb.number in notebooks:
            raise ValueError(f"course map: notebook {nb.number} is listed twice")
        notebooks[nb.number] = nb
    schedules = {str(name): _schedule(str(name), entry, notebooks) for name, entry in raw["schedules"].items()}
    return CourseMap(notebooks, schedules)


def _notebook(entry: object) -> Notebook:
    if not isinstance(entry, dict):
        raise ValueError(f"course map: each notebook must be a mapping; got {entry!r}")
    number = str(entry.get("number", ""))
    if not re.fullmatch(r"\d\d", number):
        raise ValueError(f"course map: notebook number must be two digits in quotes, e.g. '03'; got {number!r}")
    stem = str(entry.get("stem", ""))
    if not stem.startswith(f"{number}_"):
        raise ValueError(f"course map: notebook {number}'s stem must start with '{number}_'; got {stem!r}")
    exercises = []
    for item in entry.get("exercises", []):
        name, graded = str(item["name"]), str(item.get("graded", "auto"))
        if not name.startswith(f"q{number}_"):
            raise ValueError(f"course map: exercise {name!r} of notebook {number} must start with 'q{number}_'")
        if graded not in GRADED:
            raise ValueError(f"course map: exercise {name} is graded {graded!r}; use one of {', '.join(GRADED)}")
        exercises.append(Exercise(name, float(item.get("points", 1)), graded))
    shows: dict[str, dict[str, tuple[str, ...] | str]] = {}
    groups: set[str] = set()
    for table, value in (entry.get("shows") or {}).items():
        named = value if isinstance(value, dict) else {table: value}
        shows[str(table)] = {}
        for group, ids in named.items():
            if group in groups:
                raise ValueError(f"course map: notebook {number} names the group {group!r} twice")
            groups.add(group)
            if ids != ALL and not (isinstance(ids, list) and all(isinstance(i, str) for i in ids)):
                raise ValueError(f"course map: notebook {number}, group {group!r} must be a list of ids or '{ALL}'")
            shows[str(table)][str(group)] = ALL if ids == ALL else tuple(ids)
    return Notebook(number, stem, str(entry.get("title", "")), str(entry.get("label", "")), tuple(exercises), shows)


def _schedule(name: str, entry: object, notebooks: dict[str, Notebook]) -> Schedule:
    if not isinstance(entry, dict) or not isinstance(entry.get("sessions"), list):
        raise ValueError(f"course map: schedule {name} must give 'minutes' and a list of 'sessions'")
    sessions = tuple(tuple(str(n) for n in session) for session in entry["sessions"])
    taught = [n for session in sessions for n in session]
    if sorted(taught) != sorted(notebooks):
        raise ValueError(f"course map: schedule {name} must teach every notebook once; it teaches {taught}")
    return Schedule(name, int(entry.get("minutes", 0)), sessions)


# --- what the rest of the kit asks ------------------------------------------------------------
def notebooks() -> dict[str, Notebook]:
    """Every notebook of the course, by number, in course order."""
    return load_map().notebooks


def numbers() -> list[str]:
    """The notebooks' numbers, in course order ('00' ... '08')."""
    return list(notebooks())


def notebook(number: str) -> Notebook:
    """One notebook by its number; an unknown number raises ValueError naming the numbers there are."""
    found = notebooks().get(number) if isinstance(number, str) else None
    if found is None:
        raise ValueError(f"number must be one of the kit's notebooks: {', '.join(notebooks())}; got {number!r}")
    return found


def label(number: str) -> str:
    """'03 · State schemes, central and local' for notebook number '03'."""
    return f"{number} · {notebook(number).label}"


def sessions(schedule: str = "3x90") -> dict[int, tuple[str, ...]]:
    """Session number (from 1) -> the notebook numbers taught in it, for one schedule."""
    found = load_map().schedules.get(schedule)
    if found is None:
        raise ValueError(f"schedule must be one of: {', '.join(load_map().schedules)}; got {schedule!r}")
    return {i: session for i, session in enumerate(found.sessions, start=1)}


def rows(number: str, group: str) -> list[str]:
    """The row ids of one named group of rows that notebook ``number`` shows, in the map's order."""
    shows = notebook(number).shows
    for table, groups in shows.items():
        if group in groups:
            ids = groups[group]
            return _all_ids(table) if ids == ALL else list(ids)
    names = [g for groups in shows.values() for g in groups]
    raise ValueError(f"group must be one of notebook {number}'s groups of rows: {', '.join(names)}; got {group!r}")


def facts(number: str) -> dict[str, list[str]]:
    """Every row notebook ``number`` shows, ``{table: [ids]}`` (no duplicates): its source list follows from it."""
    out: dict[str, list[str]] = {}
    for table, groups in notebook(number).shows.items():
        ids = [i for g in groups.values() for i in (_all_ids(table) if g == ALL else g)]
        out[table] = list(dict.fromkeys(ids))
    return out


def _all_ids(table: str) -> list[str]:
    return [str(i) for i in load(table)["id"]]
