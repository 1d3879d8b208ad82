"""Grading: otter-grader autograder archives, graded locally without Docker.

For every notebook source: its archive is Gradescope-shaped and carries the kit; the solution
copy gets full marks on every auto-graded question and the blank student copy gets zero on
every one (our equivalent of ``nbgrader validate`` and ``validate --invert``).
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import nbformat
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from widgets.course import build, grading

SOURCES = grading.assignment_sources()
PROBE = ("import widgets, widgets.data, widgets.course_map\n"
         "print('KIT-PROBE', widgets.__file__, widgets.data.data_dir(), widgets.course_map.path())")


def copies(source: Path) -> tuple[Path, Path]:
    """The committed (student, solution) copies of a source; skip if it has not been built yet."""
    student = build.STUDENT_DIR / (source.stem + ".ipynb")
    solution = build.SOLUTION_DIR / (source.stem + ".ipynb")
    if not (student.exists() and solution.exists()):
        pytest.skip(f"{source.stem} has no built student and solution copies yet (./kit build {source.name[:2]})")
    return student, solution


@pytest.fixture(scope="module")
def archives(tmp_path_factory):
    """Build each notebook's archive once per test module, on demand (into a temporary folder)."""
    made: dict[str, Path] = {}
    folder = tmp_path_factory.mktemp("autograder")

    def archive(source: Path) -> Path:
        if source.name not in made:
            made[source.name] = grading.build_autograder(source, folder)
        return made[source.name]
    return archive


# --- the config patch: generation on, sources untouched ---------------------------------------
@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.stem)
def test_grading_notebook_turns_generation_on_without_editing_the_source(source):
    before = source.read_text(encoding="utf-8")
    nb = grading.grading_notebook(source)
    assert source.read_text(encoding="utf-8") == before
    cell = next(c for c in nb.cells if c.source.startswith(grading.CONFIG_MARKER))
    config = yaml.safe_load(cell.source[len(grading.CONFIG_MARKER):])
    original = yaml.safe_load(before.split(grading.CONFIG_MARKER, 1)[1].split("<!-- #endraw -->", 1)[0])
    assert original["generate"] is False  # the everyday build makes no archive ...
    assert isinstance(config["generate"], dict)  # ... the grading build does
    assert config["autograder_files"] == ["widgets", "data", "instructor/course.yml"]
    assert config["python_version"] == "3.11"
    assert "numpy==" + __import__("numpy").__version__ in config["requirements"]
    assert not any(r.startswith("otter-grader") for r in config["requirements"])


def test_requirements_are_the_pinned_dependencies():
    reqs = grading.requirements()
    assert reqs and all("==" in r for r in reqs)
    assert {r.split("==")[0] for r in reqs} >= {"altair", "ipywidgets", "numpy", "pandas", "frictionless"}


@given(st.one_of(st.none(), st.integers(), st.text(), st.lists(st.integers())))
def test_grading_config_rejects_a_non_mapping(config):
    with pytest.raises(TypeError, match="config must be a dict"):
        grading.grading_config(config)


def test_grading_notebook_rejects_a_plain_notebook(tmp_path):
    plain = tmp_path / "sandbox.md"
    plain.write_text("# A page\n\n```python\n1 + 1\n```\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no '# ASSIGNMENT CONFIG' raw cell"):
        grading.grading_notebook(plain)


def test_grade_names_a_missing_file(tmp_path):
    with pytest.raises(ValueError, match="archive must be an existing file"):
        grading.grade(tmp_path / "nope.zip", tmp_path / "nope.ipynb")


def test_cli_refuses_unknown_notebooks(capsys):
    assert grading.main(["build", "99"]) == 2
    assert "no notebook sources match ['99']" in capsys.readouterr().err
    assert grading.main(["grade", "99", "x.ipynb"]) == 2
    assert "matches 0" in capsys.readouterr().err


# --- the archives ---------------------------------------------------------------------------
@pytest.mark.notebook
@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.stem)
def test_archive_is_gradescope_shaped_and_carries_the_kit(source, archives):
    path = archives(source)
    assert path.name == f"{source.stem}-autograder.zip"
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        environment = yaml.safe_load(zf.read("environment.yml"))
        config = json.loads(zf.read("otter_config.json"))
    assert {"run_autograder", "setup.sh", "run_otter.py", "environment.yml", "otter_config.json"} <= names
    assert {f"tests/{q}.py" for q in grading.autograded_questions(source)} == {n for n in names if n.startswith("tests/")}
    assert {"files/widgets/__init__.py", "files/widgets/data.py", "files/data/datapackage.json",
            "files/instructor/course.yml"} <= names
    assert not any("__pycache__" in n for n in names)
    assert "python=3.11" in environment["dependencies"]
    pip = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    assert set(grading.requirements()) <= set(pip)
    assert config["lang"] == "python" and config["pdf"] is False


# --- grading the two copies -----------------------------------------------------------------
@pytest.mark.notebook
@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.stem)
def test_solution_copy_gets_full_marks(source, archives, tmp_path):
    """Full marks on every auto-graded question; the kit, data and course map used are the archive's own.

    A last cell that prints where ``widgets``, ``data/`` and the course map were loaded from is
    appended to a copy of the solution (it touches no answer, so the scores are the solution's).
    """
    _, solution = copies(source)
    expected = grading.autograded_questions(source)
    assert expected, f"{source.name} has no auto-graded question"
    nb = nbformat.read(solution, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    submission = tmp_path / solution.name
    nbformat.write(nb, submission)

    results = grading.grade_results(archives(source), submission)
    scores = {name: (tf.score, tf.possible) for name, tf in results.results.items()}
    assert scores == {name: (points, points) for name, points in expected.items()}

    probed = [c for c in results.notebook.cells if c.source == PROBE]  # otter adds cells of its own
    assert len(probed) == 1
    probe = "".join(o.get("text", "") for o in probed[0].outputs)
    assert "KIT-PROBE" in probe
    kit_file, data_dir, course_file = probe.split()[1:4]
    assert kit_file.endswith("autograder/submission/widgets/__init__.py"), kit_file
    assert data_dir.endswith("autograder/submission/data"), data_dir
    assert course_file.endswith("autograder/submission/instructor/course.yml"), course_file
    assert not kit_file.startswith(str(build.ROOT))


@pytest.mark.notebook
@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.stem)
def test_blank_student_copy_gets_zero(source, archives):
    student, _ = copies(source)
    expected = grading.autograded_questions(source)
    assert expected, f"{source.name} has no auto-graded question"
    scores = grading.grade(archives(source), student)
    assert scores == {name: (0.0, points) for name, points in expected.items()}


# --- grading a wrong answer from the answer corpus ------------------------------------------
def _corpus_sources() -> list[Path]:
    from tests.test_answer_corpus import CORPUS_DIR
    return [s for s in SOURCES if (CORPUS_DIR / f"{s.stem}.yml").exists()]


@pytest.mark.notebook
@pytest.mark.parametrize("source", _corpus_sources(), ids=lambda s: s.stem)
def test_a_wrong_corpus_answer_scores_zero_on_its_question_and_full_marks_elsewhere(source, archives, tmp_path):
    """The solution copy with its first corpus question answered by the corpus's first wrong (non-blank) answer."""
    from tests.test_answer_corpus import CORPUS_DIR, corpus, python_code

    _, solution = copies(source)
    entries = corpus(CORPUS_DIR / f"{source.stem}.yml")
    question, entry = next(iter(entries.items()))
    wrong = next(w for w in entry["wrong"] if w["value"] != {"blank": True})
    nb = nbformat.read(solution, as_version=4)
    check = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and f'grader.check("{question}")' in c.source)
    # otter grades a question with the state at its check cell: the wrong answer goes just before it
    nb.cells.insert(check, nbformat.v4.new_code_cell(f"{entry['variable']} = {python_code(wrong['value'])}"))
    submission = tmp_path / solution.name
    nbformat.write(nb, submission)
    expected = grading.autograded_questions(source)
    scores = grading.grade(archives(source), submission)
    assert scores == {name: (0.0 if name == question else points, points) for name, points in expected.items()}, \
        f"{question} answered {wrong['value']!r} ({wrong['why']})"
