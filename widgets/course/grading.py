"""Autograder archives for Gradescope (otter-grader), and local grading without Docker.

    python -m widgets.course.grading build              # one archive per notebook source
    python -m widgets.course.grading build 01 03        # only the sources whose name starts with 01 or 03
    python -m widgets.course.grading grade 01 SUBMISSION.ipynb   # grade one submission locally

``build`` writes ``instructor/dist/autograder/NN_topic-autograder.zip``: otter-grader's
Gradescope-compatible archive (tests, ``otter_config.json``, ``setup.sh``, ``run_autograder``,
``environment.yml``). It reuses the notebook pipeline of :mod:`widgets.course.build` and leaves the
sources untouched: their ``ASSIGNMENT CONFIG`` says ``generate: false`` (the everyday build
makes no archive), and this module switches generation on in memory only.

The kit travels inside the archive: ``widgets/``, ``data/`` and the course map
``instructor/course.yml`` (the notebooks read it at run time) are added as otter
``autograder_files``, which otter copies next to the submission (keeping their paths) before
grading, so the graded notebook imports the archive's own copy of the kit and reads the
archive's own data. The
kit's pinned third-party dependencies become the archive's ``requirements`` (Gradescope's image
installs them with Python 3.11); a local run (``grade``) uses the current environment instead.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shutil
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

import jupytext
import nbformat
import yaml

from . import build

if TYPE_CHECKING:  # otter is imported lazily: it is slow to import
    from otter.test_files import GradingResults

ROOT = build.ROOT
DIST_DIR = ROOT / "instructor" / "dist" / "autograder"
CONFIG_MARKER = "# ASSIGNMENT CONFIG"
QUESTION_MARKER = "# BEGIN QUESTION"
# what a notebook reads at run time, so what the autograder needs from the repository
KIT_FILES = ("widgets", "data", "instructor/course.yml")
PYTHON_VERSION = "3.11"  # the kit's pinned Python (pyproject.toml: requires-python)
IGNORED_FILES = ("__pycache__", "*.pyc", ".ipynb_checkpoints")


def requirements(pyproject: Path = ROOT / "pyproject.toml") -> list[str]:
    """The kit's pinned runtime dependencies, minus otter-grader (otter adds its own pin)."""
    deps = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    return [d for d in deps if not d.lower().replace("_", "-").startswith("otter-grader")]


def grading_config(config: dict) -> dict:
    """An assignment config with otter generate switched on and the kit packed into the archive."""
    if not isinstance(config, dict):
        raise TypeError(f"config must be a dict (the parsed ASSIGNMENT CONFIG); got {type(config).__name__}")
    patched = dict(config)
    patched.update({
        "generate": {"pdf": False, "show_stdout": False, "show_hidden": False},
        "requirements": requirements(),
        "python_version": PYTHON_VERSION,
        "autograder_files": list(KIT_FILES),
        "run_tests": False,
        "solutions_pdf": False,
    })
    return patched


def grading_notebook(source: Path) -> nbformat.NotebookNode:
    """The master notebook of ``source`` with its config cell patched by :func:`grading_config`."""
    nb = jupytext.read(source)
    for cell in nb.cells:
        text = cell.source.lstrip()
        if cell.cell_type == "raw" and text.startswith(CONFIG_MARKER):
            config = yaml.safe_load(text[len(CONFIG_MARKER):]) or {}
            cell.source = CONFIG_MARKER + "\n" + yaml.safe_dump(grading_config(config), sort_keys=False)
            return nb
    raise ValueError(f"source {source.name} has no '{CONFIG_MARKER}' raw cell, so it is not an otter assignment")


def autograded_questions(source: Path) -> dict[str, float]:
    """The source's auto-graded questions (``manual: true`` ones left out): name -> points."""
    questions = {}
    for cell in jupytext.read(source).cells:
        text = cell.source.lstrip()
        if cell.cell_type == "raw" and text.startswith(QUESTION_MARKER):
            config = yaml.safe_load(text[len(QUESTION_MARKER):]) or {}
            if not config.get("manual", False):
                questions[str(config["name"])] = float(config.get("points", 1))
    return dict(sorted(questions.items()))


def archive_path(source: Path, out_dir: Path = DIST_DIR) -> Path:
    """Where the archive of ``source`` is written: ``out_dir/NN_topic-autograder.zip``."""
    return Path(out_dir) / f"{source.stem}-autograder.zip"


def build_autograder(source: Path, out_dir: Path = DIST_DIR) -> Path:
    """Run ``otter assign`` (via :func:`widgets.course.build.assign`) with generation on; return the archive path."""
    source = Path(source)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        patched = work / "patched" / (source.stem + ".ipynb")
        patched.parent.mkdir()
        nbformat.write(grading_notebook(source), patched)
        master_dir = work / "master"  # where build.assign puts the master notebook; otter runs there
        for name in KIT_FILES:
            if (ROOT / name).is_dir():
                shutil.copytree(ROOT / name, master_dir / name, ignore=shutil.ignore_patterns(*IGNORED_FILES))
            else:
                (master_dir / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(ROOT / name, master_dir / name)
        build.assign(patched, work)
        made = sorted((work / "dist" / "autograder").glob(f"{source.stem}-autograder_*.zip"))
        if len(made) != 1:
            raise RuntimeError(f"otter assign made {len(made)} autograder archives for {source.name}, expected 1")
        target = archive_path(source, out_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(made[0], target)
    return target


def grade_results(archive: Path, submission: Path, *, quiet: bool = True) -> GradingResults:
    """Grade one notebook locally with otter's own runner (no Docker); return otter's results.

    The current Python environment must hold the kit's dependencies; the kit itself and its
    data come from the archive. With ``quiet`` otter's progress output is swallowed. The
    results carry the executed submission (``.notebook``) as well as the scores.
    """
    from otter.run import main as otter_run

    for name, path in (("archive", Path(archive)), ("submission", Path(submission))):
        if not path.is_file():
            raise ValueError(f"{name} must be an existing file; {path} was not found")
    sink = io.StringIO() if quiet else sys.stdout
    with tempfile.TemporaryDirectory() as out, contextlib.redirect_stdout(sink):
        results = otter_run(str(submission), autograder=str(archive), output_dir=out, no_logo=True)
    if results.catastrophic_error is not None:
        raise RuntimeError(f"grading {Path(submission).name} failed: {results.catastrophic_error}")
    return results


def grade(archive: Path, submission: Path, *, quiet: bool = True) -> dict[str, tuple[float, float]]:
    """Grade one notebook locally (see :func:`grade_results`): question -> (score, possible)."""
    results = grade_results(archive, submission, quiet=quiet)
    return {name: (float(tf.score), float(tf.possible)) for name, tf in sorted(results.results.items())}


def assignment_sources(prefixes: list[str] | None = None) -> list[Path]:
    """The notebook sources that are otter assignments (the sandbox has no exercises)."""
    return [s for s in build.sources(prefixes) if build.is_assignment(s)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m widgets.course.grading",
                                     description="Build otter-grader autograder archives; grade locally.")
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("build", help="write instructor/dist/autograder/NN_topic-autograder.zip")
    make.add_argument("names", nargs="*", help="notebook number prefixes, e.g. 01 (default: all)")
    make.add_argument("--out", type=Path, default=DIST_DIR, help=f"output folder (default: {DIST_DIR.relative_to(ROOT)})")
    check = commands.add_parser("grade", help="grade one submission locally against a built archive")
    check.add_argument("name", help="notebook number prefix, e.g. 01")
    check.add_argument("submission", type=Path, help="the student's .ipynb")
    check.add_argument("--out", type=Path, default=DIST_DIR, help="folder holding the archives")
    args = parser.parse_args(argv)

    if args.command == "build":
        chosen = assignment_sources(args.names)
        if not chosen:
            print(f"no notebook sources match {args.names} in {build.SOURCE_DIR}", file=sys.stderr)
            return 2
        for source in chosen:
            path = build_autograder(source, args.out)
            print(f"built {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
        return 0

    chosen = assignment_sources([args.name])
    if len(chosen) != 1:
        print(f"name must match exactly one notebook source; {args.name!r} matches {len(chosen)}", file=sys.stderr)
        return 2
    archive = archive_path(chosen[0], args.out)
    if not archive.is_file():
        print(f"{archive} not found: run `python -m widgets.course.grading build {args.name}` first", file=sys.stderr)
        return 2
    scores = grade(archive, args.submission)
    for question, (score, possible) in scores.items():
        print(f"{question}: {score:g} / {possible:g}")
    print(f"total: {sum(s for s, _ in scores.values()):g} / {sum(p for _, p in scores.values()):g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
