"""Build the notebooks: one source -> student copy + solution copy -> executed, outputs saved.

    python -m widgets.course.build            # rebuild every notebook
    python -m widgets.course.build 01         # rebuild the notebooks whose name starts with 01
    python -m widgets.course.build --check    # rebuild into a temporary folder; exit 1 if a committed copy differs

Each source ``instructor/source/NN_topic.md`` is a Jupytext Markdown file holding an
otter-grader assign notebook (narrative, code, questions with solutions and tests). ``otter
assign`` splits it into the student copy (solutions stripped, public tests kept in the
notebook's metadata) and the solution copy (answers and all tests); both are executed in a
fresh kernel with nbclient and saved with their outputs and widget state.

Slide regions of a source (Markdown cells tagged ``slide`` or ``notes``, see CONTRIBUTING.md) are
not cells of either copy: ``lift_slides`` moves each into the metadata of the cell after it
(``metadata.kit.slides``), where the deck builder (``widgets.course.slides``) reads them.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

from ..runtime import BUILD_ENV

ROOT = Path(__file__).resolve().parents[2]  # the repository: widgets/course/build.py -> ../../..
SOURCE_DIR = ROOT / "instructor" / "source"
STUDENT_DIR = ROOT / "notebooks"
SOLUTION_DIR = ROOT / "instructor" / "solutions"
# nbval's sanitize patterns (pyproject's --nbval-sanitize-with names this file); the sync check uses them too
SANITIZE_FILE = Path(__file__).resolve().parent / "nbval_sanitize.cfg"
SLIDE_TAG, NOTES_TAG = "slide", "notes"  # the tags of slide regions and of explicit speaker notes
OTTER_LOCKS = ("deletable", "editable")  # otter's cell locks, which go with its question markers
KIT_KEY = "kit"  # the metadata key (of a cell, or of the notebook for regions after the last cell)
KERNEL = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
TIMEOUT_S = 300


def sources(prefixes: list[str] | None = None) -> list[Path]:
    """Source files, optionally only those whose name starts with one of ``prefixes``.

    ``NN_topic.md`` sources are otter-grader assignments (student + solution copy);
    ``sandbox.md`` is a plain notebook with no exercises (one copy, in notebooks/).
    """
    found = sorted(SOURCE_DIR.glob("[0-9][0-9]_*.md")) + sorted(SOURCE_DIR.glob("sandbox.md"))
    if prefixes:
        found = [p for p in found if any(p.name.startswith(x) for x in prefixes)]
    return found


def assign(source: Path, workdir: Path) -> tuple[nbformat.NotebookNode, nbformat.NotebookNode]:
    """Run ``otter assign`` on one source; return the (student, solution) notebooks, unexecuted."""
    name = source.stem + ".ipynb"
    master = workdir / "master" / name
    master.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(jupytext.read(source), master)
    dist = workdir / "dist"
    proc = subprocess.run([sys.executable, "-m", "otter", "assign", "--no-pdfs", "--no-run-tests",
                           str(master), str(dist)], capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"otter assign failed on {source.name}:\n{proc.stdout}\n{proc.stderr}")
    student = nbformat.read(dist / "student" / name, as_version=4)
    solution = nbformat.read(dist / "autograder" / name, as_version=4)
    return normalize(student), normalize(solution)


def is_slide_cell(cell: nbformat.NotebookNode) -> bool:
    """Whether a source cell is a slide region or a speaker-notes region (tagged ``slide`` or ``notes``)."""
    tags = cell.get("metadata", {}).get("tags", [])
    return cell.get("cell_type") == "markdown" and (SLIDE_TAG in tags or NOTES_TAG in tags)


def lift_slides(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Move slide and notes regions out of the cells, into ``metadata.kit.slides`` of the cell that follows.

    Each region becomes ``{"source": its Markdown, "tags": [...], ...}`` with any other metadata it
    had (``prompt``, ``rows``); regions after the last cell go to the notebook's ``metadata.kit.slides``.
    HTML comments that otter assign put at the top of a region (``<!-- END QUESTION -->``) move to
    the cell that follows, so the student copy keeps otter's question markers.
    """
    kept, pending, markers, locks = [], [], [], {}
    for cell in nb.cells:
        if is_slide_cell(cell):
            source = cell.source if isinstance(cell.source, str) else "".join(cell.source)
            lead = re.match(r"(\s*<!--.*?-->)+\s*", source, flags=re.DOTALL)
            if lead:
                markers += re.findall(r"<!--.*?-->", lead.group(0), flags=re.DOTALL)
                source = source[lead.end():]
                locks.update({k: cell.metadata[k] for k in OTTER_LOCKS if k in cell.metadata})
            entry = {k: v for k, v in cell.metadata.items() if k not in ("jupytext", *OTTER_LOCKS)}
            entry["source"] = source
            pending.append(entry)
            continue
        if pending:
            cell.metadata.setdefault(KIT_KEY, {})["slides"] = pending
            pending = []
        if markers and cell.cell_type == "markdown":
            cell.source = "\n\n".join(markers) + "\n\n" + (cell.source if isinstance(cell.source, str)
                                                             else "".join(cell.source))
            cell.metadata.update(locks)
        elif markers:  # as otter does before a code cell: the markers in a markdown cell of their own
            kept.append(nbformat.v4.new_markdown_cell("\n\n".join(markers) + "\n\n", metadata=locks))
        markers, locks = [], {}
        kept.append(cell)
    if markers:
        kept.append(nbformat.v4.new_markdown_cell("\n\n".join(markers) + "\n\n", metadata=locks))
    if pending:
        nb.metadata.setdefault(KIT_KEY, {})["slides"] = pending
    nb.cells = kept
    return nb


def normalize(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Stable metadata: our kernelspec, no Jupytext header, slide regions lifted out, numbered cell ids."""
    lift_slides(nb)
    nb.metadata.pop("jupytext", None)
    nb.metadata["kernelspec"] = dict(KERNEL)
    nb.metadata["language_info"] = {"name": "python"}
    nb.nbformat, nb.nbformat_minor = 4, 5
    for index, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{index:03d}"
        cell.metadata.pop("jupytext", None)
    return nb


def execute(nb: nbformat.NotebookNode, path: Path) -> nbformat.NotebookNode:
    """Write ``nb`` to ``path`` (otter reads its tests from there), run it in a fresh kernel, save it.

    The kernel is a build's (``KIT_BUILD=1``, see ``widgets.runtime``): its charts carry their static
    SVG, which the committed notebooks keep for readers without a kernel, and ``data/`` is validated.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    os.environ.setdefault("PYTHONHASHSEED", "0")
    client = NotebookClient(nb, timeout=TIMEOUT_S, kernel_name="python3", store_widget_state=True,
                            record_timing=False, resources={"metadata": {"path": str(path.parent)}})
    client.execute(env={**os.environ, BUILD_ENV: "1"})
    nb = stable_widget_ids(nb)
    nb.metadata["language_info"] = {"name": "python"}
    nbformat.write(nb, path)
    return nb


def stable_widget_ids(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Replace ipywidgets' random model ids by their order of creation, so rebuilds diff cleanly."""
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    if not state:
        return nb
    text = json.dumps(nb, ensure_ascii=False)
    for index, old in enumerate(list(state)):
        text = text.replace(old, f"{index + 1:032x}")
    return nbformat.from_dict(json.loads(text))


def is_assignment(source: Path) -> bool:
    """Whether a source is an otter-grader assignment (it opens with an ASSIGNMENT CONFIG cell)."""
    return "# ASSIGNMENT CONFIG" in source.read_text(encoding="utf-8")


def build(source: Path, student_dir: Path = STUDENT_DIR, solution_dir: Path = SOLUTION_DIR) -> list[Path]:
    """Generate and execute the copies of one source; return the paths written (student first)."""
    if not is_assignment(source):
        path = student_dir / (source.stem + ".ipynb")
        execute(normalize(jupytext.read(source)), path)
        return [path]
    with tempfile.TemporaryDirectory() as tmp:
        student, solution = assign(source, Path(tmp))
    written = []
    for nb, folder in ((student, student_dir), (solution, solution_dir)):
        path = folder / (source.stem + ".ipynb")
        execute(nb, path)
        written.append(path)
    return written


# --- comparing a committed copy with a fresh build ------------------------------------
VOLATILE_NOTEBOOK_METADATA = ("widgets",)  # widget state: random model ids
VOLATILE_CELL_METADATA = ("execution", "collapsed", "scrolled")


def sanitize_patterns(path: Path = SANITIZE_FILE) -> list[tuple[str, str]]:
    """Read nbval's sanitize file: sections of ``regex: ...`` / ``replace: ...`` pairs."""
    pairs, regex = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("regex:"):
            regex = line[len("regex:"):].strip()
        elif line.startswith("replace:") and regex is not None:
            pairs.append((regex, line[len("replace:"):].strip()))
            regex = None
    return pairs


def comparable(nb: nbformat.NotebookNode, patterns: list[tuple[str, str]] | None = None) -> dict:
    """The notebook minus volatile metadata, with outputs sanitized as nbval sanitizes them."""
    patterns = sanitize_patterns() if patterns is None else patterns
    nb = copy.deepcopy(nb)
    for key in VOLATILE_NOTEBOOK_METADATA:
        nb.metadata.pop(key, None)
    for cell in nb.cells:
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
    # each string as nbval sees it (escaped quotes in a JSON dump would hide a path), then the
    # JSON text once more for patterns spanning a key and its value ("model_id": "...")
    text = json.dumps(_sanitized(json.loads(json.dumps(nb)), patterns), sort_keys=True, ensure_ascii=False)
    for regex, replace in patterns:
        text = re.sub(regex, replace, text)
    return json.loads(text)


def _sanitized(value: object, patterns: list[tuple[str, str]]) -> object:
    """Apply the patterns to every string inside ``value`` (as nbval applies them to each output)."""
    if isinstance(value, str):
        for regex, replace in patterns:
            value = re.sub(regex, replace, value)
        return value
    if isinstance(value, list):
        return [_sanitized(v, patterns) for v in value]
    if isinstance(value, dict):
        return {k: _sanitized(v, patterns) for k, v in value.items()}
    return value


def differences(committed: Path, fresh: Path) -> list[str]:
    """Human-readable list of cells that differ between two copies of a notebook."""
    a = comparable(nbformat.read(committed, as_version=4))
    b = comparable(nbformat.read(fresh, as_version=4))
    if a == b:
        return []
    problems = []
    if a["metadata"] != b["metadata"]:
        problems.append(f"{committed.name}: notebook metadata differs")
    if len(a["cells"]) != len(b["cells"]):
        problems.append(f"{committed.name}: {len(a['cells'])} cells committed, {len(b['cells'])} built")
    for i, (x, y) in enumerate(zip(a["cells"], b["cells"])):
        for part in ("source", "metadata", "outputs", "cell_type"):
            if x.get(part) != y.get(part):
                problems.append(f"{committed.name}: cell {i} {part} differs")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the kit's student and solution notebooks.")
    parser.add_argument("names", nargs="*", help="notebook number prefixes, e.g. 01 (default: all)")
    parser.add_argument("--check", action="store_true",
                        help="build into a temporary folder and report committed copies that differ")
    args = parser.parse_args(argv)
    chosen = sources(args.names)
    if not chosen:
        print(f"no sources match {args.names} in {SOURCE_DIR}", file=sys.stderr)
        return 2
    problems: list[str] = []
    for source in chosen:
        if args.check:
            with tempfile.TemporaryDirectory() as tmp:
                fresh = build(source, Path(tmp) / "notebooks", Path(tmp) / "solutions")
                committed = [STUDENT_DIR / fresh[0].name, SOLUTION_DIR / fresh[-1].name][:len(fresh)]
                for old, new in zip(committed, fresh):
                    problems += [f"{old.relative_to(ROOT)} is missing"] if not old.exists() else differences(old, new)
        else:
            for path in build(source):
                print(f"built {path.relative_to(ROOT)}")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
