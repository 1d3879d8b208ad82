"""The kit on a real JupyterHub (127.0.0.1), handed out with the nbgitpuller link the kit prints.

One hub for the module (tests/hub: configurable-http-proxy from npm, password login, a
local-process spawner with every home in a temporary folder, single-user servers from an
environment made from environment.yml plus jupyterhub, the kit not installed, no PYTHONPATH).
The course repository is a clone of this one in a temporary folder, pulled over ``file://``
into a folder that is not named after the repository.

- First day: a student logs in on the hub's login page, opens the link, lands on the start
  page and runs every cell with no error, with a ``widgets/`` folder of their own beside the
  notebooks.
- A term: a student edits an answer in notebook 01 in JupyterLab and saves; the instructor
  commits changes to notebook 02 and to a text cell of 01; the student clicks the link again:
  their answer is still there and both changes arrived.
- A class: three students at once through the REST API (benchmarks/bench_class.py): each pulls
  and executes notebook 01 without error.
"""

from __future__ import annotations

import contextlib
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import nbformat
import pytest
from playwright.sync_api import Page, expect

from tests import images
from tests.hub import Hub, git, running_hub, served_repo

from . import jlab

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
import bench_class  # noqa: E402

LINKS_MODULE = "widgets.course.links"  # the kit's link printer
TARGET = "spring-course"  # the link's target folder: not the repository's name
REPO_NAME = "scs-teaching-kit"
START = "notebooks/00_start_here.ipynb"
ANSWER_BLANK = "model_or_bureau = ..."
ANSWER = 'model_or_bureau = "b"  # my answer'
TITLE = "# 01 · Origins"
UPDATE_02 = "> **Update from your instructor:** the session moves to room 4."


@dataclass(frozen=True)
class Course:
    hub: Hub
    repo: Path  # the instructor's served repository

    def link(self) -> str:
        """The link exactly as the kit prints it for this hub and repository."""
        out = subprocess.run(
            [sys.executable, "-m", LINKS_MODULE, "nbgitpuller", "--hub", self.hub.url.rstrip("/"),
             "--repo", self.repo.as_uri(), "--branch", "main", "--targetpath", TARGET],
            cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
        assert parse_qs(urlsplit(out).query)["targetpath"] == [TARGET]
        return out


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Course]:
    image = images.image_env("hub")
    tmp = tmp_path_factory.mktemp("hub")
    repo = served_repo(tmp / "served" / REPO_NAME, ROOT)
    with running_hub(tmp / "hub", image) as hub:
        yield Course(hub, repo)


def log_in_and_follow(page: Page, course: Course, user: str) -> None:
    """Open the link logged out: the hub's login page, then the pull, then JupyterLab."""
    course.hub.prepare_home(user)
    page.goto(course.link())
    page.locator("#username_input").fill(user)
    page.locator("#password_input").fill(course.hub.password)
    page.locator("#login_submit").click()
    land_on_start_page(page)


def land_on_start_page(page: Page) -> None:
    page.wait_for_url(re.compile(rf"/lab/tree/{TARGET}/{re.escape(START)}"), timeout=180_000)
    page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first.wait_for(state="visible", timeout=120_000)
    expect(page.locator(".jp-DocumentSearch-overlay, .jp-Dialog")).to_have_count(0)


def test_student_logs_in_pulls_and_runs_the_start_page(
        page: Page, course: Course, console: jlab.ConsoleErrors, kernel: jlab.KernelWatch) -> None:
    user = "ada"
    try:
        log_in_and_follow(page, course, user)
        home = course.hub.home(user)
        assert (home / TARGET / START).is_file() and not (home / REPO_NAME).exists()
        # the student's own widgets package beside the notebooks must not replace the kit
        mine = home / TARGET / "notebooks" / "widgets"
        mine.mkdir()
        (mine / "__init__.py").write_text('raise ImportError("the student\'s own widgets/ was imported")\n')
        jlab.run_all(page, kernel, idle_timeout_ms=120_000, timeout_ms=240_000)
        assert jlab.error_outputs(page) == []
        assert kernel.errors == []
        assert console.unexpected() == []
    finally:
        with contextlib.suppress(Exception):
            jlab.screenshot(page, "hub_start_page")


def edit_answer_in_lab(page: Page, course: Course) -> Path:
    """Open 01 in JupyterLab, type an answer into its answer cell, save with Ctrl+S."""
    page.goto(f"{course.hub.url}user/grace/lab/tree/{TARGET}/notebooks/01_origins.ipynb")
    page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").first.wait_for(state="visible", timeout=120_000)
    cell = jlab.code_cell_with_source(page, ANSWER_BLANK)
    cell.scroll_into_view_if_needed()
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(ANSWER)
    page.keyboard.press("Escape")
    page.keyboard.press("Control+s")
    saved = course.hub.home("grace") / TARGET / "notebooks" / "01_origins.ipynb"
    deadline = time.monotonic() + 30
    while ANSWER not in saved_sources(saved) and time.monotonic() < deadline:
        time.sleep(0.25)
    assert ANSWER in saved_sources(saved), "JupyterLab did not save the answer"
    return saved


def answer_sources(path: Path) -> list[str]:
    return [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def saved_sources(path: Path) -> list[str]:
    """As ``answer_sources``, or nothing while the server is still writing the file."""
    try:
        return answer_sources(path)
    except (nbformat.reader.NotJSONError, ValueError, OSError):
        return []


def instructor_commits(repo: Path) -> None:
    """Week 2: a note at the top of 02, a retitled text cell in 01 (not an answer cell)."""
    nb02 = repo / "notebooks" / "02_expansion_2014.ipynb"
    nb = nbformat.read(nb02, as_version=4)
    nb.cells.insert(1, nbformat.v4.new_markdown_cell(UPDATE_02))
    nbformat.write(nb, nb02)
    nb01 = repo / "notebooks" / "01_origins.ipynb"
    nb = nbformat.read(nb01, as_version=4)
    title = [c for c in nb.cells if c.cell_type == "markdown" and c.source.startswith(TITLE)]
    assert len(title) == 1
    title[0].source = title[0].source.replace(TITLE, TITLE + " (revised for week 2)", 1)
    nbformat.write(nb, nb01)
    git(repo, "commit", "--quiet", "-am", "Week 2: room change, retitle 01")


def test_a_term_student_answer_kept_and_instructor_changes_arrive(
        page: Page, course: Course, console: jlab.ConsoleErrors, kernel: jlab.KernelWatch) -> None:
    try:
        log_in_and_follow(page, course, "grace")
        mine = edit_answer_in_lab(page, course)
        instructor_commits(course.repo)

        page.goto(course.link())  # the same link, a week later
        land_on_start_page(page)

        nb = nbformat.read(mine, as_version=4)
        nbformat.validate(nb)
        assert ANSWER in answer_sources(mine) and ANSWER_BLANK not in answer_sources(mine)  # the student's answer
        assert any(c.source.startswith(TITLE + " (revised for week 2)") for c in nb.cells)  # the instructor's fix
        nb02 = nbformat.read(mine.parent / "02_expansion_2014.ipynb", as_version=4)
        assert nb02.cells[1].source == UPDATE_02
        # and JupyterLab shows what is on disk
        page.goto(f"{course.hub.url}user/grace/lab/tree/{TARGET}/notebooks/02_expansion_2014.ipynb")
        expect(page.locator(".jp-NotebookPanel .jp-MarkdownOutput", has_text="the session moves to room 4")
               ).to_be_visible(timeout=60_000)
        assert kernel.errors == []
        assert console.unexpected() == []
    finally:
        with contextlib.suppress(Exception):
            jlab.screenshot(page, "hub_second_click")


def test_a_class_of_three_pulls_and_executes_notebook_01(course: Course) -> None:
    run = bench_class.run_class(course.hub, course.repo.as_uri(), 3, prefix="class", timeout=300)
    assert [s.errors for s in run.students] == [[], [], []]
    assert all(s.ok for s in run.students)
    for student in run.students:
        pulled = course.hub.home(student.name) / bench_class.TARGET / bench_class.NOTEBOOK
        assert pulled.is_file()
        code_cells = [c for c in nbformat.read(pulled, as_version=4).cells if c.cell_type == "code" and c.source.strip()]
        assert student.cells == len(code_cells) > 0  # every code cell ran
        assert student.peak_mb > 0  # its server and kernel were measured
