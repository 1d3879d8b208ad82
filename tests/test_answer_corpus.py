"""The answer corpus against the real checks: correct forms pass, plausible wrong answers fail with feedback.

For each notebook, the solution copy runs once in a kernel; then every corpus entry is assigned to
the question's variable and the question's public and hidden tests (from the solution copy's otter
metadata) run in that kernel with otter's own test runner. See tests/answer_corpus/README.md.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
import yaml
from nbclient import NotebookClient

from widgets.course import build

CORPUS_DIR = Path(__file__).resolve().parent / "answer_corpus"
CORPORA = sorted(CORPUS_DIR.glob("[0-9][0-9]_*.yml"))
MARKER = "CORPUS-RESULT "
EXCEPTION_LINE = re.compile(r"^\s+([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Warning))(?::|$)", re.M)
NUMPY_TYPES = ("int64", "int32", "float64", "float32", "str_", "bool_")
PANDAS_TYPES = ("Int64", "Float64", "string")

pytestmark = pytest.mark.notebook


def python_code(value: object) -> str:
    """Python source that builds a corpus value (only literals and whitelisted constructors)."""
    if isinstance(value, dict):
        if value.get("blank") is True and len(value) == 1:
            return "..."
        if set(value) == {"numpy", "value"} and value["numpy"] in NUMPY_TYPES:
            return f"__import__('numpy').{value['numpy']}({python_code(value['value'])})"
        if set(value) == {"pandas", "value"} and value["pandas"] in PANDAS_TYPES:
            return (f"__import__('pandas').Series([{python_code(value['value'])}], "
                    f"dtype={value['pandas']!r}).iloc[0]")
        if set(value) == {"tuple"}:
            return "(" + "".join(python_code(v) + ", " for v in value["tuple"]) + ")"
        if set(value) == {"set"}:
            return "{" + ", ".join(python_code(v) for v in value["set"]) + "}" if value["set"] else "set()"
        if set(value) == {"array"}:
            return f"__import__('numpy').array({python_code(value['array'])})"
        return "{" + ", ".join(f"{python_code(k)}: {python_code(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(python_code(v) for v in value) + "]"
    if value is None or isinstance(value, (bool, int, float, str)):
        return repr(value)
    raise TypeError(f"corpus values must be YAML scalars, lists or mappings; got {type(value).__name__}")


def corpus(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def solution_copy(path: Path) -> Path:
    return build.SOLUTION_DIR / (path.stem + ".ipynb")


def auto_graded(nb: nbformat.NotebookNode) -> dict[str, dict]:
    """The otter test specs (public and hidden cases) of the auto-graded questions with points."""
    tests = nb.metadata.get("otter", {}).get("tests", {})
    return {name: spec for name, spec in tests.items() if spec.get("points", 1)}


def run_entries(nb_path: Path, entries: list[tuple[str, str, dict, object]]) -> list[list]:
    """Run the solution copy, then each (question, variable, spec, value) in the same kernel."""
    nb = nbformat.read(nb_path, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(nb_path.parent)}})
    results = []
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        for question, variable, spec, value in entries:
            code = (f"import json as __j\nfrom otter.test_files.ok_test import OKTestFile as __T\n"
                    f"__saved = globals().get({variable!r})\n"
                    f"{variable} = {python_code(value)}\n"
                    f"__t = __T.from_spec(__j.loads({json.dumps(spec)!r}))\n__t.run(globals())\n"
                    f"print({MARKER!r} + __j.dumps([[r.test_case.hidden, r.passed, r.message or ''] "
                    f"for r in __t.test_case_results]))\n{variable} = __saved\n")
            probe = nbformat.v4.new_code_cell(code)
            nb.cells.append(probe)
            client.execute_cell(probe, len(nb.cells) - 1)
            text = "".join(o.get("text", "") for o in probe.outputs if o.get("name") == "stdout")
            errors = [o for o in probe.outputs if o.output_type == "error"]
            assert not errors, f"{question}: the harness itself failed: {errors}"
            results.append(json.loads(text.split(MARKER, 1)[1]))
    return results


def exceptions(message: str) -> list[str]:
    """Names of the exceptions a failed doctest case reports."""
    return EXCEPTION_LINE.findall(message)


@pytest.mark.parametrize("path", CORPORA, ids=lambda p: p.stem)
def test_every_auto_graded_question_has_a_full_corpus(path):
    questions = auto_graded(nbformat.read(solution_copy(path), as_version=4))
    entries = corpus(path)
    assert sorted(entries) == sorted(questions), "corpus questions differ from the auto-graded questions"
    partial = [name for name, spec in questions.items() if not spec.get("all_or_nothing")]
    assert partial == [], f"auto-graded questions must be all_or_nothing (a wrong answer scores zero): {partial}"
    for name, entry in entries.items():
        assert entry["correct"][0]["why"] == "solution", f"{name}: list the solution first"
        assert len(entry["correct"]) >= 3, f"{name}: the solution and at least two other correct forms"
        assert len(entry["wrong"]) >= 3, f"{name}: at least three plausible wrong answers"
        assert {"blank": True} in [w["value"] for w in entry["wrong"]], f"{name}: include the blank"
        assert all(w.get("why") for w in entry["correct"] + entry["wrong"]), f"{name}: say why for each entry"


@pytest.mark.parametrize("path", CORPORA, ids=lambda p: p.stem)
def test_corpus_against_the_public_and_hidden_tests(path):
    specs = auto_graded(nbformat.read(solution_copy(path), as_version=4))
    entries, kinds = [], []
    for name, entry in corpus(path).items():
        for kind in ("correct", "wrong"):
            for item in entry[kind]:
                entries.append((name, entry["variable"], specs[name], item["value"]))
                kinds.append((name, kind, item["why"]))
    problems = []
    for (name, kind, why), cases in zip(kinds, run_entries(solution_copy(path), entries)):
        hidden = [passed for is_hidden, passed, _ in cases if is_hidden]
        public = [(passed, message) for is_hidden, passed, message in cases if not is_hidden]
        raised = sorted({e for _, _, m in cases for e in exceptions(m)} - {"AssertionError"})
        if raised:
            problems.append(f"{name} [{why}]: raised {', '.join(raised)}, not only the failed check")
        if not hidden:
            problems.append(f"{name}: no hidden test")
        if kind == "correct" and not all(passed for _, passed, _ in cases):
            problems.append(f"{name} [{why}]: a correct answer failed")
        if kind == "wrong":
            if all(passed for passed, _ in public):
                problems.append(f"{name} [{why}]: a wrong answer passed every public test")
            elif not any("AssertionError: " in m for passed, m in public if not passed):
                problems.append(f"{name} [{why}]: a wrong answer failed with no feedback message")
            if all(hidden):
                problems.append(f"{name} [{why}]: a wrong answer passed the hidden tests")
    assert problems == [], "\n".join(problems)
