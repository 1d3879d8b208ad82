"""Notebooks import the kit from the repository they sit in: one path line opens every source.

The line puts the repository (``..`` for notebooks/, ``../..`` for instructor/solutions/) before the
kernel's working folder on ``sys.path``, so the kit need not be installed and a student's own
``widgets.py`` or ``widgets/`` beside the notebook cannot replace it. (The Binder and JupyterHub
launches are tested with real servers elsewhere.)
"""

from __future__ import annotations

import ast
import os
import shutil
from pathlib import Path

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient

from widgets.course import build

PATH_LINE = ('import os, sys; sys.path[:0] = [os.path.abspath(p) for p in ("..", "../..") '
             'if os.path.isfile(os.path.join(p, "widgets", "__init__.py"))]  # use the kit in this repository')
STUDENT_MODULE = 'raise ImportError("the student\'s own widgets module was imported, not the kit")\n'


def first_code_cell(source: Path) -> str:
    return next(c.source for c in jupytext.read(source).cells if c.cell_type == "code")


@pytest.mark.parametrize("source", build.sources(), ids=lambda p: p.stem)
def test_every_source_opens_with_the_path_line(source):
    first = first_code_cell(source)
    assert first.splitlines()[0] == PATH_LINE
    if source.name[:2].isdigit():  # a numbered notebook's first cell is the path line and imports only
        body = ast.parse(first).body[2:]  # after the path line's two statements
        others = [node for node in body if not isinstance(node, (ast.Import, ast.ImportFrom))
                  and not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
                           and getattr(node.value.func, "id", "") == "print")]
        assert not others, f"{source.name}: the first code cell holds more than imports: {ast.unparse(others[0])}"


def run(notebook: Path) -> list[str]:
    """Execute a notebook in a fresh kernel in its own folder; return its printed text and errors."""
    nb = nbformat.read(notebook, as_version=4)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    client = NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(notebook.parent)}})
    client.km = client.create_kernel_manager()
    with client.setup_kernel(env=env, cwd=str(notebook.parent)):
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
    return [o.get("text", "") or o.get("evalue", "") for c in nb.cells for o in c.get("outputs", [])]


@pytest.fixture
def copied_repository(tmp_path):
    """A copy of the parts of the repository a notebook reads, with a notebook that prints where the kit is."""
    for name in ("widgets", "data"):
        shutil.copytree(build.ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "instructor").mkdir()
    shutil.copyfile(build.ROOT / "instructor" / "course.yml", tmp_path / "instructor" / "course.yml")
    (tmp_path / "notebooks").mkdir()
    return tmp_path


def probe_notebook(folder: Path, first_cell: str) -> Path:
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(first_cell),
        nbformat.v4.new_code_cell("import widgets, widgets.course_map\nprint('KIT', widgets.__file__, "
                                  "widgets.course_map.label('03'))"),
    ])
    path = folder / "probe.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.mark.notebook
@pytest.mark.parametrize("shadow", ["widgets.py", "widgets/__init__.py"])
def test_a_students_widgets_beside_the_notebook_does_not_replace_the_kit(copied_repository, shadow):
    notebooks = copied_repository / "notebooks"
    (notebooks / shadow).parent.mkdir(exist_ok=True)
    (notebooks / shadow).write_text(STUDENT_MODULE, encoding="utf-8")
    first = first_code_cell(next(s for s in build.sources() if s.name.startswith("03")))
    text = "".join(run(probe_notebook(notebooks, first)))
    assert f"KIT {copied_repository / 'widgets' / '__init__.py'} 03 · State schemes" in text, text
    assert "student's own widgets module" not in text
    # the same notebook without the path line imports the student's module: the line is what protects it
    without = "".join(run(probe_notebook(notebooks, "\n".join(first.splitlines()[1:]))))
    assert "the student's own widgets module was imported" in without, without


@pytest.mark.parametrize("folder", ["notebooks", "instructor/solutions"])
@pytest.mark.parametrize("student", ["widgets.py", "widgets/__init__.py"])
def test_the_line_finds_the_kit_of_a_clone_under_another_name_from_both_notebook_folders(folder, student, tmp_path):
    """A plain interpreter, as a kernel: the working folder first on sys.path, no PYTHONPATH, no KIT_DATA_DIR."""
    import subprocess
    import sys

    copy = tmp_path / "my-course"  # a clone under another name
    shutil.copytree(build.ROOT / "widgets", copy / "widgets", ignore=shutil.ignore_patterns("__pycache__"))
    here = copy / folder
    (here / student).parent.mkdir(parents=True, exist_ok=True)
    (here / student).write_text(STUDENT_MODULE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KIT_DATA_DIR")}
    result = subprocess.run([sys.executable, "-c", f"{PATH_LINE}\nimport widgets; print(widgets.__file__)"],
                            cwd=here, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == str(copy / "widgets" / "__init__.py")
