"""Every notebook, student and solution copy: in sync with its source, runs twice offline, checks behave.

nbval (run by the same pytest command over notebooks/ and instructor/solutions/) separately
proves that the saved outputs are what the code makes.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from tests.notebook_runner import comparable_outputs, errors, run_twice_offline
from widgets.course import build

ROOT = build.ROOT
STUDENT = sorted(build.STUDENT_DIR.glob("[0-9][0-9]_*.ipynb"))
SOLUTION = sorted(build.SOLUTION_DIR.glob("[0-9][0-9]_*.ipynb"))
APPS = sorted(build.STUDENT_DIR.glob("sandbox.ipynb"))  # code-free pages, no exercises
ALL = STUDENT + SOLUTION + APPS
SOURCES = build.sources()
ASSIGNMENTS = [s for s in SOURCES if build.is_assignment(s)]

pytestmark = pytest.mark.notebook


def rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def check_outputs(cells: list) -> list[str]:
    """The text of every grader.check result in the cells."""
    texts = []
    for cell in cells:
        if cell.cell_type == "code" and "grader.check(" in cell.source:
            for output in cell.get("outputs", []):
                texts.append(output.get("data", {}).get("text/plain", ""))
    return texts


def test_every_source_has_its_copies():
    assert ASSIGNMENTS, "no sources in instructor/source"
    for source in SOURCES:
        assert (build.STUDENT_DIR / f"{source.stem}.ipynb").exists(), f"no student copy of {source.name}"
    for source in ASSIGNMENTS:
        assert (build.SOLUTION_DIR / f"{source.stem}.ipynb").exists(), f"no solution copy of {source.name}"
    assert len(STUDENT) == len(SOLUTION) == len(ASSIGNMENTS)
    assert len(STUDENT) + len(APPS) == len(SOURCES)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_committed_copies_match_a_fresh_build(source, tmp_path):
    fresh = build.build(source, tmp_path / "notebooks", tmp_path / "solutions")
    committed = [build.STUDENT_DIR / fresh[0].name, build.SOLUTION_DIR / fresh[-1].name][:len(fresh)]
    problems = []
    for old, new in zip(committed, fresh):
        problems += build.differences(old, new)
    assert problems == [], "committed copies are stale; run ./kit build:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", ALL, ids=rel)
def test_runs_top_to_bottom_twice_offline(path):
    first, second = run_twice_offline(path)
    assert errors(first) == [], f"{rel(path)} raised on the first run"
    assert errors(second) == [], f"{rel(path)} raised when re-run in the same kernel"
    assert comparable_outputs(first) == comparable_outputs(second), "re-running changed the outputs (duplicated state?)"


@pytest.mark.parametrize("path", STUDENT, ids=rel)
def test_blank_student_copy_fails_checks_without_crashing(path):
    nb = nbformat.read(path, as_version=4)
    results = check_outputs(nb.cells)
    assert results, "the student copy should show grader.check results"
    assert all("results:" in r and "All test cases passed" not in r for r in results), results
    assert not any("Traceback" in o.get("evalue", "") for c in nb.cells for o in c.get("outputs", []))
    answers = [c for c in nb.cells if "otter_answer_cell" in c.metadata.get("tags", [])]
    assert answers and all("..." in c.source for c in answers if c.cell_type == "code")


@pytest.mark.parametrize("path", SOLUTION, ids=rel)
def test_solution_copy_passes_every_check(path):
    nb = nbformat.read(path, as_version=4)
    results = check_outputs(nb.cells)
    assert results and all("All test cases passed" in r for r in results), results


def test_network_is_really_blocked_in_the_test_kernel(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import urllib.request\nurllib.request.urlopen('http://example.org', timeout=5)")])
    path = tmp_path / "net.ipynb"
    nbformat.write(nb, path)
    first, _ = run_twice_offline(path)
    assert any("network blocked by the kit's test" in e for e in errors(first)), errors(first)


@pytest.mark.parametrize("path", ALL, ids=rel)
def test_notebook_stays_small(path):
    assert path.stat().st_size <= 1_500_000, f"{rel(path)} is {path.stat().st_size:,} bytes (limit 1.5 MB)"


def test_comparison_ignores_machine_paths_in_check_reports():
    def report(path: str) -> nbformat.NotebookNode:
        text = f'Traceback:\n  File "{path}/widgets/topics/chapter_check.py", line 144, in check_verdicts\n'
        cell = nbformat.v4.new_code_cell("grader.check('q')", outputs=[
            nbformat.v4.new_output("execute_result", data={"text/plain": text}, execution_count=1)])
        cell["id"] = "cell-000"
        return nbformat.v4.new_notebook(cells=[cell])

    assert build.comparable(report("/work/main")) == build.comparable(report("/tmp/clone"))
    assert build.comparable(report("/a")) != build.comparable(nbformat.v4.new_notebook())
