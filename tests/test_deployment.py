"""A simulated term on a JupyterHub: nbgitpuller's own pull logic against a local git remote.

The instructor publishes part of the kit (package, data, two notebooks) to a bare repository
(no network: file:// only). A student "clicks the link": nbgitpuller's ``GitPuller`` is built
and run exactly as its hub handler does it (repository folder named after the last part of the
address, default depth). The student answers exercises; the instructor pushes fixes to another
notebook and to other cells of the student's notebook; the student clicks again. nbgitpuller
documents (Automatic Merging Behavior) that the student's changes are kept, instructor changes
to other lines are merged in, and where both changed the same lines the student's version wins.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import nbformat
import pytest
from nbgitpuller.pull import GitPuller

from widgets.course import build, links

STUDENT_NOTEBOOK = "notebooks/01_origins.ipynb"
ANSWER = 'model_or_bureau = "b"'
WRITTEN = "A repayment score can be checked against what happened; trustworthiness cannot."


def other_notebook() -> str:
    """A second notebook of the kit: the start page if built, else the solution copy of 01."""
    start = "notebooks/00_start_here.ipynb"
    return start if (build.ROOT / start).exists() else "instructor/solutions/01_origins.ipynb"


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def term(tmp_path, monkeypatch):
    """An instructor's working copy pushed to a bare 'remote'; returns (instructor, remote URL, hub home)."""
    gitconfig = tmp_path / "gitconfig"  # no user or system git settings leak into the test
    gitconfig.write_text("[user]\n\tname = Instructor\n\temail = instructor@example.edu\n"
                         "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n", encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(gitconfig))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("NBGITPULLER_DEPTH", raising=False)

    instructor = tmp_path / "instructor"  # a subset of the kit: its package, its data, two notebooks
    for folder in ("widgets", "data"):
        shutil.copytree(build.ROOT / folder, instructor / folder, ignore=shutil.ignore_patterns("__pycache__"))
    for rel in (STUDENT_NOTEBOOK, other_notebook()):
        (instructor / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(build.ROOT / rel, instructor / rel)
    remote = tmp_path / "remote" / "scs-teaching-kit"
    remote.mkdir(parents=True)
    git(remote, "init", "--bare", "--quiet")
    git(instructor, "init", "--quiet")
    git(instructor, "add", "-A")
    git(instructor, "commit", "--quiet", "-m", "Kit for this term")
    url = remote.as_uri()  # file:///…/scs-teaching-kit
    git(instructor, "remote", "add", "origin", url)
    git(instructor, "push", "--quiet", "origin", "main")
    home = tmp_path / "hub-home"
    home.mkdir()
    return instructor, url, home


def click_link(url: str, home: Path, branch: str = "main", target: str | None = None) -> tuple[Path, list[str]]:
    """Do what nbgitpuller's SyncHandler does for one click: pick the folder, build GitPuller, pull."""
    repo_dir = os.path.join(str(home), target or url.split("/")[-1])  # handlers.py: targetpath defaults to this
    puller = GitPuller(url, repo_dir, branch=branch, depth=None, backup=False)
    return Path(repo_dir), list(puller.pull())


def edit(path: Path, change) -> None:
    """Read a notebook, let ``change`` edit it, save it the way Jupyter does (nbformat)."""
    nb = nbformat.read(path, as_version=4)
    change(nb)
    nbformat.write(nb, path)


def cell(nb, starts: str):
    found = [c for c in nb.cells if c.source.startswith(starts)]
    assert len(found) == 1, f"expected one cell starting {starts!r}, found {len(found)}"
    return found[0]


def student_answers(nb) -> None:
    cell(nb, "model_or_bureau = ").source = ANSWER
    cell(nb, "_Type your answer here").source = WRITTEN


def student_runs_and_answers(nb) -> None:
    """The student answers, having run every cell: new execution counts and new widget ids."""
    for code in (c for c in nb.cells if c.cell_type == "code"):
        code.execution_count = (code.execution_count or 0) + 40
        for output in code.outputs:
            if "execution_count" in output:
                output["execution_count"] = code.execution_count
            view = output.get("data", {}).get("application/vnd.jupyter.widget-view+json")
            if view:
                view["model_id"] = "f" * 32
    student_answers(nb)


def instructor_update(nb) -> None:
    """Fixes away from the exercises: two text cells, a code cell's comment, and a new closing cell."""
    title = cell(nb, "# 01 · Origins")
    title.source = title.source.replace("# 01 · Origins", "# 01 · Origins (revised)", 1)
    move = cell(nb, "Move the cut-off to the right.")
    move.source += "\n\n*Added this week:* compare your answer with a neighbour's."
    cell(nb, "cutoff  #").source = "cutoff  # the live panel: drag the slider, or type a cut-off and press Enter"
    nb.cells.append(nbformat.v4.new_markdown_cell("## Before next session\n\nRead section 2 of the chapter."))


def test_link_opens_a_notebook_that_the_pull_created(term):
    _, url, home = term
    link = links.nbgitpuller_link("https://hub.example.edu", url, "main", STUDENT_NOTEBOOK)
    query = parse_qs(urlsplit(link).query)
    assert query["repo"] == [url] and query["branch"] == ["main"]
    repo_dir, _ = click_link(url, home)
    urlpath = query["urlpath"][0]
    assert urlpath.startswith("lab/tree/")
    assert (home / urlpath.removeprefix("lab/tree/")).is_file()  # JupyterLab opens an existing file
    assert (repo_dir / STUDENT_NOTEBOOK).is_file()


def test_pulled_kit_imports_from_a_folder_of_any_name_without_pythonpath(term):
    """No PYTHONPATH, a target folder not named after the repository: a kernel started in the
    pulled notebooks/ folder runs the notebook's own first line and imports the pulled package,
    which reads the pulled data."""
    _, url, home = term
    repo_dir, _ = click_link(url, home, target="courses/spring")
    line = next(c.source.splitlines()[0] for c in nbformat.read(repo_dir / STUDENT_NOTEBOOK, as_version=4).cells
                if c.cell_type == "code" and "sys.path[:0]" in c.source)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KIT_DATA_DIR")}
    code = f"{line}\nimport widgets, widgets.data; print(widgets.__file__); print(widgets.data.data_dir())"
    out = subprocess.run([sys.executable, "-c", code], cwd=repo_dir / "notebooks", env=env,
                         check=True, capture_output=True, text=True).stdout.split()
    assert out == [str(repo_dir / "widgets" / "__init__.py"), str(repo_dir / "data")]


def test_student_edit_is_kept_and_instructor_updates_arrive(term):
    instructor, url, home = term
    repo_dir, first = click_link(url, home)
    assert any(line.startswith("$ git clone") for line in first)
    mine = repo_dir / STUDENT_NOTEBOOK
    edit(mine, student_runs_and_answers)

    edit(instructor / STUDENT_NOTEBOOK, instructor_update)
    other = instructor / other_notebook()
    edit(other, lambda nb: nb.cells.insert(0, nbformat.v4.new_markdown_cell("> **Update:** room change.")))
    git(instructor, "commit", "--quiet", "-am", "Fixes for week 2")
    git(instructor, "push", "--quiet", "origin", "main")

    _, second = click_link(url, home)
    assert any("merge -Xours origin/main" in line for line in second)

    nb = nbformat.read(mine, as_version=4)
    nbformat.validate(nb)  # the merged file is still a valid notebook
    assert cell(nb, "model_or_bureau = ").source == ANSWER  # the student's answers are kept ...
    assert cell(nb, WRITTEN).source == WRITTEN
    assert cell(nb, "# 01 · Origins (revised)")  # ... and every instructor change arrived
    assert cell(nb, "Move the cut-off").source.endswith("compare your answer with a neighbour's.")
    assert cell(nb, "cutoff  #").source.endswith("press Enter")  # a code cell the student had run
    assert cell(nb, "cutoff  #").execution_count > 40  # with the student's own run kept
    assert nb.cells[-1].source.startswith("## Before next session")
    assert len(nb.cells) == len(nbformat.read(instructor / STUDENT_NOTEBOOK, as_version=4).cells)
    pulled_other = nbformat.read(repo_dir / other_notebook(), as_version=4)
    assert pulled_other.cells[0].source == "> **Update:** room change."
    assert json.loads((repo_dir / other_notebook()).read_text(encoding="utf-8")) == \
        json.loads(other.read_text(encoding="utf-8"))
    assert "Automatic commit by nbgitpuller" in git(repo_dir, "log", "--format=%s")
    assert git(repo_dir, "status", "--porcelain") == ""


def test_same_lines_changed_by_both_keep_the_student_version(term):
    """nbgitpuller's documented rule (merge -Xours): on the same lines the student wins, and the
    instructor's change to those lines does not arrive; the rest of the push still does."""
    instructor, url, home = term
    repo_dir, _ = click_link(url, home)
    edit(repo_dir / STUDENT_NOTEBOOK, student_answers)

    def fix_answer_line_and_title(nb):
        cell(nb, "model_or_bureau = ").source = "model_or_bureau = ...  # HINT-ADDED-IN-WEEK-2: a single letter"
        instructor_update(nb)
    edit(instructor / STUDENT_NOTEBOOK, fix_answer_line_and_title)
    git(instructor, "commit", "--quiet", "-am", "Clarify exercise 3")
    git(instructor, "push", "--quiet", "origin", "main")

    click_link(url, home)
    nb = nbformat.read(repo_dir / STUDENT_NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    assert cell(nb, "model_or_bureau = ").source == ANSWER  # the instructor's hint on this line is lost
    assert "HINT-ADDED-IN-WEEK-2" not in json.dumps(nb)
    assert cell(nb, "# 01 · Origins (revised)")  # the instructor's other cells still arrive
    assert nb.cells[-1].source.startswith("## Before next session")


def test_deleted_notebook_comes_back_fresh(term):
    """nbgitpuller's way to start over: delete the notebook, click the link again."""
    instructor, url, home = term
    repo_dir, _ = click_link(url, home)
    mine = repo_dir / STUDENT_NOTEBOOK
    edit(mine, student_answers)
    mine.unlink()
    click_link(url, home)
    assert mine.read_bytes() == (instructor / STUDENT_NOTEBOOK).read_bytes()
