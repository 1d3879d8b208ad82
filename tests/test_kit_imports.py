"""Notebooks import the kit of the repository they sit in (CONTRIBUTING.md, "How notebooks find
the kit"): one line at the top of their first cell that imports the kit puts the repository root
(``..`` from notebooks/, ``../..`` from instructor/solutions/) first on ``sys.path`` when it holds
``widgets/__init__.py``. So the kit needs no installing and no PYTHONPATH, and a student's own
``widgets.py`` or ``widgets/`` beside the notebooks does not replace it.

Here: locally, with the kit's own interpreter (where the kit is also installed, editable, from
another folder). Binder and a hub are tested in tests/browser/test_binder_launch.py and
tests/browser/test_hub.py, with the kit not installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "instructor" / "solutions").glob("*.ipynb"))
MARK = "sys.path[:0]"


def code_cells(path: Path) -> list[str]:
    return [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def imports_kit(source: str) -> bool:
    return any(line.lstrip().startswith(("import widgets", "from widgets")) for line in source.splitlines())


def kit_line(path: Path) -> str:
    cells = code_cells(path)
    with_line = [i for i, source in enumerate(cells) if MARK in source]
    assert len(with_line) == 1, f"{path.name}: the sys.path line must appear once"
    index = with_line[0]
    assert cells[index].splitlines()[0].count(MARK) == 1, f"{path.name}: it must be the cell's first line"
    first_import = next(i for i, source in enumerate(cells) if imports_kit(source))
    assert index == first_import, f"{path.name}: it must open the first cell that imports the kit"
    return cells[index].splitlines()[0]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_notebook_opens_its_kit_imports_with_the_line(path: Path) -> None:
    assert kit_line(path) == kit_line(ROOT / "notebooks" / "00_start_here.ipynb")


@pytest.mark.parametrize("folder", ["notebooks", "instructor/solutions"])
@pytest.mark.parametrize("student", ["widgets.py", "widgets/__init__.py"])
def test_the_line_finds_this_repository_kit_not_the_students(folder: str, student: str, tmp_path: Path) -> None:
    copy = tmp_path / "my-course"  # a clone under another name
    shutil.copytree(ROOT / "widgets", copy / "widgets", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "data", copy / "data")
    here = copy / folder
    (here / student).parent.mkdir(parents=True, exist_ok=True)
    (here / student).write_text('raise ImportError("the student\'s own file was imported")\n', encoding="utf-8")
    line = kit_line(ROOT / "notebooks" / "00_start_here.ipynb")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KIT_DATA_DIR")}
    # python -c puts the working folder first on sys.path, as a kernel does
    result = subprocess.run([sys.executable, "-c", f"{line}\nimport widgets; print(widgets.__file__)"],
                            cwd=here, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == str(copy / "widgets" / "__init__.py")


def test_without_the_line_the_students_file_wins(tmp_path: Path) -> None:
    """Why the line is there: the working folder comes first on a kernel's sys.path."""
    (tmp_path / "widgets.py").write_text('raise ImportError("the student\'s own file was imported")\n')
    result = subprocess.run([sys.executable, "-c", "import widgets"], cwd=tmp_path, capture_output=True, text=True)
    assert "the student's own file was imported" in result.stderr
